"""Every word kpi says to a person comes from the catalogues: no message or hint of an error, a
problem or a line of output is a bare string literal or f-string, which would stay English in a
Chinese run. An AST walk over the package's source.

A problem's ``title`` is a code, not words: scripts read it (``--format json``: ``"title":
"ledger record"``) and GitHub shows it as an annotation's label, in every language the same; so
a title is a plain string, never a catalogue entry.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "linzi_kpi"

#: What a person reads the arguments of: errors and problems, and output.
ERRORS = {"Problem", "KpiError", "UsageError", "OutputError", "LedgerProblems", "YamlProblem",
          "InputError", "RowErrors", "ReturnFaults", "RecordError", "FolderError", "ValueError",
          "OSError", "FileExistsError", "NotRegularFile", "BadParameter", "Fault"}
OUTPUT = {"echo", "secho", "print", "out", "say", "with_hint"}
#: Arguments that are not words: a place, a code, an exit status, a style.
NOT_WORDS = {"title", "file", "line", "column", "path", "code", "problems", "err", "end", "sep",
             "style", "at"}
#: The calls that take a message from the catalogues.
CATALOGUE = {"_", "ngettext", "pgettext", "gettext", "N_", "NP_", "gettext_in", "in_language"}
#: The maintainers' tool: it speaks to the translator, in the language of the message ids.
EXEMPT = {"i18n_tools.py"}


def _words(text: str) -> bool:
    """Whether a literal holds words: letters left after placeholders, option names (--date)
    and the program's name are taken out, or any Chinese."""
    rest = re.sub(r"\{[^{}]*\}|--[a-z][a-z-]*|\bkpi\b", "", text)
    return re.search(r"[A-Za-z]{2,}|[\u3000-\u9fff\uff00-\uffef]", rest) is not None


def _bare(node: ast.expr) -> bool:
    """An expression that gives a person words no catalogue holds: a literal, an f-string, the
    literal of a ``.format`` call, or a sum or choice of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and _words(node.value)
    if isinstance(node, ast.JoinedStr):
        return _words("".join(v.value for v in node.values if isinstance(v, ast.Constant)))
    if isinstance(node, ast.BinOp):
        return _bare(node.left) or _bare(node.right)
    if isinstance(node, ast.IfExp):
        return _bare(node.body) or _bare(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in ("format", "join") and not _catalogued(node.func.value):
        return _bare(node.func.value)
    return False


def _catalogued(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) in CATALOGUE


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(
        func, ast.Attribute) else ""


def _said(call: ast.Call) -> list[ast.expr]:
    """The arguments of ``call`` a person reads, if it is one of the calls that say something."""
    name = _name(call.func)
    keywords = [k.value for k in call.keywords if k.arg not in NOT_WORDS]
    if name in ERRORS or name in OUTPUT:
        return [*call.args, *keywords]
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    if name == "add" and isinstance(receiver, ast.Name) and receiver.id == "problems":
        return [*call.args[:2], *keywords]  # message, hint (then the place and the title)
    if name == "write" and isinstance(receiver, ast.Attribute) \
            and receiver.attr in ("stderr", "stdout"):
        return list(call.args)
    return []


def findings(source: str, where: str) -> Iterator[str]:
    """``where:line: text`` of each bare message, and of each title given as words."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        for argument in _said(node):
            if _bare(argument):
                yield f"{where}:{argument.lineno}: {ast.unparse(argument)[:100]}"
        for keyword in node.keywords:
            if keyword.arg == "title" and _catalogued(keyword.value):
                yield f"{where}:{keyword.lineno}: title {ast.unparse(keyword.value)} is a code"


def test_every_message_for_people_comes_from_the_catalogues() -> None:
    found = [finding for path in sorted(PACKAGE.rglob("*.py")) if path.name not in EXEMPT
             for finding in findings(path.read_text(encoding="utf-8"),
                                     path.relative_to(PACKAGE).as_posix())]
    assert found == [], "wrap these in _() (placeholders filled by .format after it)"


def test_the_walk_finds_what_it_is_for() -> None:
    source = '''
problems.add(f"line has {n} fields", "quote a field", display, line, 1, "ledger line")
problems.add(_("fine {n}").format(n=n), _("fine"), display, line, 1, "ledger line")
raise KpiError("unknown column " + name)
raise RecordError(_("fine"), hint="write it " + "again")
Problem(message, "the header is " + ",".join(COLUMNS), title="ledger header")
Problem(_("fine"), title=_("words"))
sys.stderr.write(f"kpi: {note}\\n")
sys.stderr.write(_("kpi: {note}").format(note=note) + "\\n")
raise UsageError(f"--date: {exc}")
raise ValueError("a" if x else "未知")
seen.add("not a message")
'''
    lines = sorted({finding.split(": ", 1)[0] for finding in findings(source, "x.py")},
                   key=lambda where: int(where[5:]))
    assert lines == ["x.py:2", "x.py:4", "x.py:5", "x.py:6", "x.py:7", "x.py:11"]
