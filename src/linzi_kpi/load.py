"""Plan file → ``Plan``, with every problem collected and located in the file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import inputs, plancache
from .dates import FIRST, LAST
from .errors import PathPart, Problem, os_reason
from .fieldtypes import fields_of
from .i18n import N_, _
from .model import Plan, build, to_data

#: Where a value sits in a plan file: ``("tasks", 22, "targets", 0, "target")``.
Loc = tuple[PathPart, ...]


@dataclass
class LoadedPlan:
    """A plan as read from disk: the model (when it validated), the problems, the positions."""

    path: Path
    display: str
    plan: Plan | None
    problems: list[Problem] = field(default_factory=list)
    source_text: str | None = None
    #: A plan that parsed but has problems: what `kpi validate` and a draft review look at.
    checked: Plan | None = None


def read_bytes(path: Path, display: str,
               cap: int | None = None) -> tuple[bytes | None, Problem | None]:
    """The bytes of a regular file of at most ``cap`` bytes (a plan's cap unless given); a
    problem, not an exception."""
    try:
        return inputs.read_capped(path, inputs.PLAN_CAP if cap is None else cap), None
    except FileNotFoundError:
        return None, Problem(_("file not found"), _("create {display} or point --data-dir elsewhere")
                              .format(display=display),
                             file=display, title="missing file")
    except IsADirectoryError:
        return None, Problem(_("this is a folder, not a file"), _("point at the file itself"),
                             file=display, title="unreadable file")
    except inputs.InputError as exc:
        return None, Problem(exc.message, exc.hint, file=display, title="unreadable file")
    except OSError as exc:
        return None, Problem(_("cannot read file: {strerror}")
                              .format(strerror=os_reason(exc)), _("check the file's permissions"),
                             file=display, title="unreadable file")


def read_text(path: Path, display: str,
              cap: int | None = None) -> tuple[str | None, Problem | None]:
    """Read a UTF-8 text file; a byte-order mark is dropped. Problems are returned, not raised."""
    raw, problem = read_bytes(path, display, cap)
    if raw is None:
        return None, problem
    return decode(raw, display)


def decode(raw: bytes, display: str) -> tuple[str | None, Problem | None]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Line and column count characters, as everywhere else: the bytes before the first bad
        # one are valid UTF-8.
        line = raw.count(b"\n", 0, exc.start) + 1
        before = raw[raw.rfind(b"\n", 0, exc.start) + 1:exc.start].decode("utf-8")
        column = len(before.removeprefix("\ufeff") if line == 1 else before) + 1
        return None, Problem(
            _("file is not UTF-8 text (byte 0x{raw:02x} at offset {start})")
             .format(raw=raw[exc.start], start=exc.start),
            _("save the file as UTF-8"),
            file=display, line=line, column=column, title="encoding",
        )
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return None, Problem(_("file contains a NUL byte"), _("save the file as plain UTF-8 text"),
                             file=display, line=line, column=column, title="encoding")
    return text, None


def _model_at(loc: Loc) -> type | None:
    """The model class that the value at ``loc`` should be, if any."""
    model: type = Plan
    for part in loc:
        if isinstance(part, int):
            continue
        kind = fields_of(model).get(str(part))
        if kind is None or kind.model is None:
            return None
        model = kind.model
    return model


def _unknown_key_hint(loc: Loc) -> str:
    model = _model_at(loc[:-1])
    if model is None:
        return _("remove it or fix its spelling; `kpi schema` lists the allowed keys")
    allowed = ", ".join(f.name for f in dataclasses.fields(model))
    close = difflib.get_close_matches(str(loc[-1]), allowed.split(", "), n=1, cutoff=0.6)
    if close:
        return _("did you mean {key!r}? the keys allowed here are {allowed}").format(
            key=close[0], allowed=allowed)
    return _("the keys allowed here are {allowed}").format(allowed=allowed)


def _schema_problems(exc: Any) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        if kind == "extra_forbidden":
            problems.append(Problem(_("unknown key {loc!r}").format(loc=loc[-1]),
                                    _unknown_key_hint(loc), path=loc, title="unknown key"))
            continue
        if kind == "missing":
            message = _("required key {key!r} is missing").format(key=loc[-1])
            hint = _("add it; `kpi schema` describes every key")
        elif kind == "string_pattern_mismatch" and loc and loc[-1] == "id":
            message = _("target id {id!r} is not of the form <task>.<n>").format(
                id=err.get("input"))
            hint = _hint_for(kind, loc)
        else:
            message = _("{what}, got {shown}").format(what=_what(err), shown=_shown(err.get("input")))
            hint = _hint_for(kind, loc)
            if isinstance(err.get("input"), dt.date):
                hint = _("check the year: kpi takes dates from {first} to {last}").format(
                    first=FIRST.year, last=LAST.year)
        problems.append(Problem(message, hint, path=loc, title="schema"))
    return problems


#: Pydantic's messages, by error type, as catalogue entries: the English is Pydantic's own (its
#: first letter lowered), so that a translation is used only while it says what Pydantic says.
_PYDANTIC = {
    "float_type": N_("input should be a valid number"),
    "float_parsing": N_("input should be a valid number, unable to parse string as a number"),
    "int_type": N_("input should be a valid integer"),
    "int_parsing": N_("input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": N_("input should be a valid integer, got a number with a fractional part"),
    "finite_number": N_("input should be a finite number"),
    "string_type": N_("input should be a valid string"),
    "bool_type": N_("input should be a valid boolean"),
    "bool_parsing": N_("input should be a valid boolean, unable to interpret input"),
    "date_type": N_("input should be a valid date"),
    "string_too_short": N_("string should have at least {min_length} character"),
    "string_pattern_mismatch": N_("string should match pattern '{pattern}'"),
    "enum": N_("input should be {expected}"),
    "literal_error": N_("input should be {expected}"),
    "greater_than_equal": N_("input should be greater than or equal to {ge}"),
    "greater_than": N_("input should be greater than {gt}"),
    "less_than_equal": N_("input should be less than or equal to {le}"),
    "less_than": N_("input should be less than {lt}"),
}

#: Pydantic's words for the containers, in YAML's words.
_PLAIN = {
    "tuple_type": N_("expected a list (items starting with -)"),
    "list_type": N_("expected a list (items starting with -)"),
    "dict_type": N_("expected keys and values"),
}


def _what(err: Any) -> str:
    """What Pydantic expected, in the reader's language where the catalogue has it."""
    kind = err["type"]
    if kind in _PLAIN:
        return _(_PLAIN[kind])
    if kind == "model_type":
        return _("expected the keys and values of a {name}").format(
            name=str(err["ctx"]["class_name"]).lower())
    said = str(err["msg"])
    said = said[:1].lower() + said[1:]
    template = _PYDANTIC.get(kind)
    if template is not None:
        ctx = {k: str(v) for k, v in (err.get("ctx") or {}).items()}
        try:
            if template.format(**ctx) == said:
                return _(template).format(**ctx)
        except (KeyError, IndexError):
            pass
    return said


def _shown(value: object) -> str:
    """The offending value as a person wrote it: YAML's words for containers and for nothing."""
    if value is None:
        return _("nothing (the value is empty)")
    if isinstance(value, dict):
        return _("keys and values")
    if isinstance(value, (list, tuple)):
        return _("a list")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = repr(value)
    return text if len(text) <= 60 else text[:60] + "…"


def _hint_for(kind: str, loc: Loc) -> str:
    if kind in ("float_type", "int_type", "float_parsing", "int_parsing", "finite_number"):
        return _("write a plain number without quotes or units")
    if kind == "string_type" and loc and loc[-1] == "id":
        return _('quote the id so it stays a string, e.g. id: "23.1"')
    if kind == "string_type":
        return _("write text; quote it if YAML reads it as a number or date")
    if kind in ("date_type", "date_from_datetime_parsing", "date_parsing"):
        return _("write a date as YYYY-MM-DD without quotes")
    if kind == "enum":
        return _("use one of the values listed")
    if kind == "string_pattern_mismatch":
        return _('target ids are "<task>.<n>", e.g. "23.1"')
    if kind == "string_too_short":
        return _("write the text; it cannot be empty")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return _("use a value inside the range; `kpi schema` gives it")
    return _("see `kpi schema` for the expected form")


def load_plan(path: Path, display: str | None = None, *, use_cache: bool = False) -> LoadedPlan:
    """Load a plan file and run every rule on it, against the source document too.

    Never raises for bad data: problems are in the result. With ``use_cache``, a plan whose
    exact bytes passed every check before, against a source document with the same bytes,
    comes from the plan cache without parsing or checking again (``kpi validate`` reads the
    file itself). Only a plan without problems is cached.
    """
    display = display or str(path)
    result = LoadedPlan(path=path, display=display, plan=None)
    raw, problem = read_bytes(path, display)
    if raw is None:
        assert problem is not None  # read_bytes gives the bytes or the problem
        result.problems.append(problem)
        return result
    if use_cache:
        cached = plancache.get(raw, path)
        if isinstance(cached, dict) and isinstance(cached.get("plan"), dict):
            try:
                plan = build(Plan, cached["plan"])
            except Exception:  # an entry damaged on disk: read the plan itself instead
                pass
            else:
                if cached.get("source") == _digest(path, plan.plan.source):
                    result.plan = plan
                    return result
    text, problem = decode(raw, display)
    if text is None:
        assert problem is not None  # decode gives the text or the problem
        result.problems.append(problem)
        return result
    from pydantic import ValidationError

    from . import checks, schema, yamlio

    try:
        data, positions = yamlio.load(text)
    except yamlio.YamlProblem as exc:
        result.problems.append(Problem(exc.message, exc.hint, file=display, line=exc.line,
                                       column=exc.column, title="syntax"))
        return result
    if not isinstance(data, dict):
        result.problems.append(Problem(_("a plan file is a mapping of keys to values"),
                                       _("start the file with `plan:`"), file=display, line=1,
                                       column=1, title="schema"))
        return result
    try:
        plan = schema.validate(data)
    except ValidationError as exc:
        found = _schema_problems(exc)
        # The parts that parsed still go through the cross-record checks: one run shows all.
        partial = _without(data, [tuple(e["loc"]) for e in exc.errors(include_url=False)])
        if partial is not None:
            try:
                rest = schema.validate(partial[0])
            except ValidationError:
                pass
            else:
                found.extend(dataclasses.replace(p, path=partial[1](p.path)) for p in
                             _checked(rest, path, display, result)
                             if not _follows_from(p, partial[2]))
    else:
        result.plan = plan
        found = _checked(plan, path, display, result)
        if not found:
            plancache.put(raw, {"plan": to_data(plan),
                                "source": _digest(path, plan.plan.source)}, path)
    if result.plan is not None and any(p.title not in checks.ADVISORY for p in found):
        result.plan = None  # a plan with problems is not used (`kpi validate` says why)
        result.checked = plan
    located = []
    for p in found:
        line, column = positions.find(p.path, at_key=p.title == "unknown key")
        located.append(p.at(display, line, column))
    # In the order of the file, so that a person fixes them top to bottom.
    result.problems.extend(sorted(located, key=lambda p: (p.line, p.column)))
    return result


def _checked(plan: Plan, path: Path, display: str, result: LoadedPlan) -> list[Problem]:
    """Every cross-record rule, the source document's quotes among them. The source is read
    only where it is a regular file inside the data folder; elsewhere it is one problem, the
    same wherever the path leads, and the file is not even looked at."""
    from . import checks

    found = []
    source_text = None
    source_path = inputs.confined_source(path, plan.plan.source)
    if source_path is None:
        message, hint = inputs.source_message(plan.plan.source)
        found.append(Problem(message, hint, path=("plan", "source"), title="source"))
    else:
        shown = str(Path(display).parent / plan.plan.source)
        source_text, unread = read_text(source_path, shown, inputs.SOURCE_CAP)
        if unread:
            found.append(Problem(_("source document {file}: {message}")
                                  .format(file=unread.file, message=unread.message),
                                 _("keep the source document beside the plan; `plan.source` names "
                                   "it"), path=("plan", "source"),
                                 title="source"))
    result.source_text = source_text
    found.extend(checks.check_plan(plan, source_text))
    return found


def _digest(plan_path: Path, source: str) -> str | None:
    """The digest of the source document's bytes (a cached plan is checked against them)."""
    import hashlib

    found = inputs.confined_source(plan_path, source)
    if found is None:
        return None
    try:
        return hashlib.sha256(inputs.read_capped(found, inputs.SOURCE_CAP)).hexdigest()
    except (OSError, inputs.InputError):
        return None


#: Problems that the absence of a left-out part would cause, by the top-level list it was
#: left out of: a section left out makes its tasks name an "unknown section", and so on.
_FOLLOW_ON = {"sections": "unknown section", "tasks": "empty section",
              "departments": "unknown department", "units": "unknown unit"}


def _follows_from(problem: Problem, emptied: set[str]) -> bool:
    """Whether ``problem``, found in what is left, may only come from a part left out."""
    return any(_FOLLOW_ON.get(root) == problem.title for root in emptied)


def _without(data: Any, bad: list[Loc]) -> tuple[Any, Callable[[Loc], Loc], set[str]] | None:
    """``data`` without the list items that hold a schema error, a function that turns a
    path in what is left into the path in ``data``, and the top-level keys that lost a part
    (for ``tasks``, only a whole task counts); None when an error lies outside
    any list item (in ``plan:`` or ``grading:``), where nothing can be left out."""
    drop: set[Loc] = set()
    for loc in bad:
        cut = max((i for i, part in enumerate(loc) if isinstance(part, int)), default=None)
        if cut is None:
            return None
        drop.add(tuple(loc[:cut + 1]))
    emptied = {str(loc[0]) for loc in drop if loc[0] != "tasks" or len(loc) == 2}
    kept: dict[Loc, list[int]] = {}  # a list's path in ``data`` → original indices kept

    def walk(value: Any, at: Loc) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, at + (k,)) for k, v in value.items()}
        if isinstance(value, list):
            indices = [i for i in range(len(value)) if at + (i,) not in drop]
            kept[at] = indices
            return [walk(value[i], at + (i,)) for i in indices]
        return value

    pruned = walk(data, ())

    def original(path: Loc) -> Loc:
        out: Loc = ()
        for part in path:
            if isinstance(part, int) and out in kept and part < len(kept[out]):
                part = kept[out][part]
            out += (part,)
        return out

    return pruned, original, emptied
