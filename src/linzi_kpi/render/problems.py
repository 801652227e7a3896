"""Problems as hledger-style text (with an excerpt and a caret), JSON, or GitHub annotations."""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..errors import Problem
from ..i18n import _, ngettext, pgettext
from .rows import to_json

#: Longest excerpt shown, in characters; a longer line is cut to a window around the column.
EXCERPT = 200


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _visible(c: str) -> str:
    """Control characters (a NUL, an escape) are shown as symbols, never sent to the terminal;
    an invisible one that would reorder or hide the line (a bidirectional control, a zero-width
    character, a line separator) as �, one character for one."""
    if c == "\t":
        return c
    category = unicodedata.category(c)
    if category == "Cc":
        code = ord(c)
        return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"
    return "\ufffd" if category in _HIDDEN else c


#: What is shown as �: format characters (bidirectional controls, zero-width ones), line and
#: paragraph separators, lone surrogates.
_HIDDEN = frozenset({"Cf", "Zl", "Zp", "Cs"})


def _under(text: str) -> str:
    """Blank space as wide as ``text``: a tab stays a tab, so the caret lines up under it."""
    return "".join("\t" if c == "\t" else " " * _cells(c) for c in text)


def excerpt(source_line: str, column: int) -> tuple[str, str]:
    """The line as shown and the blank space before its caret (empty when ``column`` is 0)."""
    start = 0
    if len(source_line) > EXCERPT and column - 1 > EXCERPT - 40:
        start = max(0, min(column - 1 - EXCERPT // 2, len(source_line) - EXCERPT))
    # cut first, then make visible (one character for one), so a 50 MB line costs no more
    shown = "".join(_visible(c) for c in source_line[start:start + EXCERPT])
    lead = "…" if start else ""
    tail = "…" if start + EXCERPT < len(source_line) else ""
    before = lead + shown[:max(0, column - 1 - start)] if column else ""
    return lead + shown + tail, _under(before)


def text(problems: Sequence[Problem], read_line: Callable[[str, int], str | None]) -> str:
    """Each problem: ``FILE:LINE:COL: path: message``, the line with a caret, and the fix."""
    out = []
    for p in problems:
        head = ": ".join(x for x in (p.where, p.dotted, p.message) if x)
        out.append("".join(_visible(c) for c in head))
        source_line = read_line(p.file, p.line) if p.line else None
        if source_line is not None:
            number = str(p.line)
            pad = " " * len(number)
            shown, before = excerpt(source_line, p.column)
            out.append(f"{pad} |")
            out.append(f"{number} | {shown}")
            if p.column:
                out.append(f"{pad} | {before}^")
        if p.hint:
            out.append("  " + _("fix: {hint}").format(hint=p.hint))
        out.append("")
    out.append(ngettext("{n} problem found", "{n} problems found", len(problems)).format(
        n=len(problems)))
    return "\n".join(out) + "\n"


def as_json(problems: Sequence[Problem]) -> str:
    return "".join(json_chunks(problems))


def json_chunks(problems: Iterable[Problem]) -> Iterator[str]:
    """``as_json`` a problem at a time, the same text to the byte: the report is written as it
    is made, never held whole as one string."""
    problems = iter(problems)
    first = next(problems, None)
    if first is None:
        yield to_json({"valid": True, "problems": []}) + "\n"
        return
    yield '{\n  "valid": false,\n  "problems": [\n'
    for i, p in enumerate(itertools.chain([first], problems)):
        body = to_json(p.as_dict()).replace("\n", "\n    ")
        yield ("" if i == 0 else ",\n") + "    " + body
    yield "\n  ]\n}\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: Sequence[Problem]) -> str:
    """Workflow commands: ``::error file=…,line=…,col=…,title=…::message``."""
    lines = []
    for p in problems:
        props = [f"file={_escape_property(p.file)}"]
        if p.line:
            props.append(f"line={p.line}")
        if p.column:
            props.append(f"col={p.column}")
        props.append(f"title={_escape_property(p.title)}")
        message = " ".join(x for x in (p.dotted + ":" if p.dotted else "", p.message) if x)
        if p.hint:
            message += " — " + _("fix: {hint}").format(hint=p.hint)
        lines.append(f"::error {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def github_summary(problems: Sequence[Problem]) -> str:
    """A Markdown table of every problem, for ``$GITHUB_STEP_SUMMARY``."""
    if not problems:
        return "### kpi validate\n\n" + _("No problems found.") + "\n"
    found = ngettext("{n} problem found.", "{n} problems found.", len(problems)).format(
        n=len(problems))
    heads = (pgettext("problems", "where"), pgettext("problems", "path"),
             pgettext("problems", "problem"), pgettext("problems", "fix"))
    rows = ["### kpi validate", "", found, "",
            "| " + " | ".join(heads) + " |", "| --- | --- | --- | --- |"]
    for p in problems:
        cells = [p.where, p.dotted, p.message, p.hint]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(rows) + "\n"


def _cell(value: str) -> str:
    """A Markdown table cell: a | or a line break would end the cell or the row."""
    from .markdown import md_text

    return md_text(value)
