"""Plan file → ``Plan``, with every problem collected and located in the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from . import checks, yamlio
from .errors import Problem
from .model import Plan


@dataclass
class LoadedPlan:
    """A plan as read from disk: the model (when it validated), the problems, the positions."""

    path: Path
    display: str
    plan: Plan | None
    problems: list[Problem] = field(default_factory=list)
    source_text: str | None = None


def read_text(path: Path, display: str) -> tuple[str | None, Problem | None]:
    """Read a UTF-8 text file; a byte-order mark is dropped. Problems are returned, not raised."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, Problem("file not found", f"create {display} or point --data-dir elsewhere",
                             file=display, title="missing file")
    except OSError as exc:
        return None, Problem(f"cannot read file: {exc.strerror}", "check the file's permissions",
                             file=display, title="unreadable file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Problem(
            f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            "save the file as UTF-8",
            file=display, line=line, column=column, title="encoding",
        )
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        return None, Problem("file contains a NUL byte", "save the file as plain UTF-8 text",
                             file=display, line=line, title="encoding")
    return text.removeprefix("\ufeff"), None


def _schema_problems(exc: ValidationError) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        if kind == "extra_forbidden":
            message = f"unknown key {loc[-1]!r}"
            hint = "remove it or fix its spelling; `kpi schema` lists the allowed keys"
        elif kind == "missing":
            message = f"required key {loc[-1]!r} is missing"
            hint = "add it; `kpi schema` describes every key"
        else:
            got = err.get("input")
            shown = repr(got) if not isinstance(got, (dict, list)) else type(got).__name__
            message = f"{err['msg'][0].lower()}{err['msg'][1:]}, got {shown}"
            hint = _hint_for(kind, loc)
        problems.append(Problem(message, hint, path=loc, title="schema"))
    return problems


def _hint_for(kind: str, loc: tuple) -> str:
    if kind in ("float_type", "int_type", "float_parsing", "int_parsing"):
        return "write a plain number without quotes or units"
    if kind == "string_type" and loc and loc[-1] == "id":
        return 'quote the id so it stays a string, e.g. id: "23.1"'
    if kind == "string_type":
        return "write text; quote it if YAML reads it as a number or date"
    if kind in ("date_type", "date_from_datetime_parsing", "date_parsing"):
        return "write a date as YYYY-MM-DD without quotes"
    if kind == "enum":
        return "use one of the values listed"
    if kind == "string_pattern_mismatch":
        return 'target ids are "<task>.<n>", e.g. "23.1"'
    return "see `kpi schema` for the expected form"


def load_plan(path: Path, display: str | None = None, *, check: bool = True) -> LoadedPlan:
    """Load and check a plan file. Never raises for bad data: problems are in the result."""
    display = display or str(path)
    result = LoadedPlan(path=path, display=display, plan=None)
    text, problem = read_text(path, display)
    if problem:
        result.problems.append(problem)
        return result
    try:
        data, positions = yamlio.load(text)
    except yamlio.YamlProblem as exc:
        result.problems.append(Problem(exc.message, exc.hint, file=display, line=exc.line,
                                       column=exc.column, title="syntax"))
        return result
    if not isinstance(data, dict):
        result.problems.append(Problem("a plan file is a mapping of keys to values",
                                       "start the file with `plan:`", file=display, line=1,
                                       column=1, title="schema"))
        return result
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        found = _schema_problems(exc)
    else:
        result.plan = plan
        found = []
        if check:
            source_path = path.parent / plan.plan.source
            source_text, problem = read_text(source_path, str(Path(display).parent / plan.plan.source))
            if problem:
                found.append(Problem(f"source document: {problem.message}",
                                     "keep the source document beside the plan; "
                                     "`plan.source` names it", path=("plan", "source"),
                                     title="source"))
            result.source_text = source_text
            found.extend(checks.check_plan(plan, source_text))
    for p in found:
        line, column = positions.find(p.path)
        result.problems.append(p.at(display, line, column))
    return result
