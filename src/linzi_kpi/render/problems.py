"""Problems as hledger-style text (with an excerpt and a caret), JSON, or GitHub annotations."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from ..errors import Problem
from .rows import to_json


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def text(problems: Sequence[Problem], read_line: Callable[[str, int], str | None]) -> str:
    """Each problem: ``FILE:LINE:COL: path: message``, the line with a caret, and the fix."""
    out = []
    for p in problems:
        head = ": ".join(x for x in (p.where, p.dotted, p.message) if x)
        out.append(head)
        source_line = read_line(p.file, p.line) if p.line else None
        if source_line is not None:
            number = str(p.line)
            pad = " " * len(number)
            shown = source_line if len(source_line) <= 200 else source_line[:200] + "…"
            out.append(f"{pad} |")
            out.append(f"{number} | {shown}")
            if p.column:
                out.append(f"{pad} | {' ' * _cells(source_line[:p.column - 1])}^")
        if p.hint:
            out.append(f"  fix: {p.hint}")
        out.append("")
    noun = "problem" if len(problems) == 1 else "problems"
    out.append(f"{len(problems)} {noun} found")
    return "\n".join(out) + "\n"


def as_json(problems: Sequence[Problem]) -> str:
    return to_json({"valid": not problems, "problems": [p.as_dict() for p in problems]}) + "\n"


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
            message += f" — fix: {p.hint}"
        lines.append(f"::error {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def github_summary(problems: Sequence[Problem]) -> str:
    """A Markdown table of every problem, for ``$GITHUB_STEP_SUMMARY``."""
    if not problems:
        return "### kpi validate\n\nNo problems found.\n"
    rows = ["### kpi validate", "", f"{len(problems)} problems found.", "",
            "| where | path | problem | fix |", "| --- | --- | --- | --- |"]
    for p in problems:
        cells = [p.where, p.dotted, p.message, p.hint]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows) + "\n"
