"""What the commands do, apart from parsing options and printing: load, check, grade, record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from . import freetext
from . import ledger as ledger_mod
from .errors import MAX_LISTED, KpiError, Problem, with_hint
from .fields import Fields
from .grading import Report, evaluate
from .i18n import _, language, ngettext
from .ledger import Ledger, RecordChecker, RecordError
from .ledger.reading import Disagreement
from .load import load_plan
from .model import Plan, Record
from .query import Selection, narrow
from .words import HEADERS
from .workspace import Workspace


def recover(ws: Workspace) -> str | None:
    """Undo what a recording killed part-way left in the ledger (``ledger.journal``); the one
    line that says so, or None (the common case: one ``lstat``)."""
    return ledger_mod.recover(ws.progress_dir, ws.show(ws.progress_dir))


def open_plan(ws: Workspace) -> Plan:
    """The plan, or one clear error pointing at ``kpi validate``."""
    loaded = load_plan(ws.plan_path, ws.show(ws.plan_path), use_cache=True)
    if loaded.plan is None:
        first = loaded.problems[0]
        more = len(loaded.problems) - 1
        extra = _("; {more} more").format(more=more) if more > 0 else ""
        raise KpiError(_("{one_line}{extra} (run `kpi validate` for details)")
                       .format(one_line=first.one_line(), extra=extra),
                       problems=loaded.problems[:MAX_LISTED])
    return loaded.plan


def validate(ws: Workspace, today: dt.date) -> list[Problem]:
    """Every problem in the plan and, when the plan loads, in the ledger."""
    loaded = load_plan(ws.plan_path, ws.show(ws.plan_path))
    problems = loaded.problems[:MAX_LISTED]
    if len(loaded.problems) > MAX_LISTED:
        more = len(loaded.problems) - MAX_LISTED
        problems.append(Problem(
            _("{more} more problems in the plan are not listed (at most {listed} are)").format(
                more=more, listed=MAX_LISTED),
            _("fix the ones above and run `kpi validate` again"), file=loaded.display,
            title="plan"))
    if loaded.plan is not None:
        display_dir = ws.show(ws.progress_dir)
        try:
            found = ledger_mod.scan(ws.progress_dir, RecordChecker(loaded.plan, today),
                                    display_dir=display_dir,
                                    limit=max(0, MAX_LISTED - len(problems)))
        except ledger_mod.FolderError as exc:
            problems.append(exc.problem)
        else:
            problems.extend(found.problems)
            problems.extend(found.idle[:max(0, MAX_LISTED - len(problems))])
            problems.extend(_two_baselines(loaded.plan, found, display_dir))
            problems.extend(disagreement_problems(found)[:max(0, MAX_LISTED - len(problems))])
    return problems


def _two_baselines(plan: Plan, found: Ledger, display_dir: str) -> list[Problem]:
    """A level target with a baseline in the plan and one in the ledger: the plan's is used,
    and the two are named, so that no one believes the ledger's counts."""
    from .i18n import _
    from .values import format_number

    out = []
    for _section, target in plan.targets():
        record = found.baselines.get(target.id)
        if target.baseline is None or record is None or record.value is None:
            continue
        out.append(Problem(
            _("target {id} has a baseline in the plan ({plan} {unit}) and in the ledger "
              "({ledger} {unit} on {date}): the plan's is used").format(
                id=target.id, plan=format_number(target.baseline), unit=target.unit,
                ledger=format_number(record.value), date=record.date),
            _("keep one: remove baseline and baseline_source from the plan, or the ledger's "
              "line"),
            file=display_dir, title="two baselines"))
    return out


def disagreement_problems(found: Ledger) -> list[Problem]:
    """Each disagreement (``counting.disagreement``) as a problem of ``kpi validate``, at the later
    record, naming both. Not a problem of the ledger's records: reports go on, the later counts."""
    from .i18n import _
    from .values import format_number

    problems = []
    for d in found.disagreements:
        a, b = d.earlier, d.later
        message = _("{target} on {date}: {later} ({later_by}, {later_at}) disagrees with {earlier} "
                    "({earlier_by}, {earlier_at}), from another source; the later counts").format(
            target=b.record.target, date=b.record.date,
            later=format_number(b.record.value or 0), later_by=b.record.by or "?",
            later_at=b.place(), earlier=format_number(a.record.value or 0),
            earlier_by=a.record.by or "?", earlier_at=a.place())
        hint = _("check with both sources, then record the right figure with kpi record {target} "
                 "VALUE --date {date} --corrects, or withdraw the wrong one with kpi withdraw "
                 "ID --note WHY").format(target=b.record.target, date=b.record.date)
        problems.append(Problem(message, hint, file=b.file, line=b.line, column=1,
                                title="sources disagree"))
    return problems


def disputed(found: Ledger, latest: dict[str, Record]) -> dict[str, Disagreement]:
    """The targets whose figure that counts (``latest``) is of a day on which two sources
    disagree: the mark of status, the bulletin and the export."""
    marked: dict[str, Disagreement] = {}
    for d in found.disagreements:
        record = d.later.record
        current = latest.get(record.target)
        if current is not None and current.date == record.date:
            marked[record.target] = d
    return marked


def read_ledger(ws: Workspace, plan: Plan, today: dt.date, *, as_of: dt.date | None = None,
                keep: bool = False) -> Ledger:
    return ledger_mod.scan(ws.progress_dir, RecordChecker(plan, today),
                           display_dir=ws.show(ws.progress_dir), as_of=as_of, keep=keep)


def baselines(ws: Workspace, plan: Plan, today: dt.date, targets: set[str]) -> dict[str, Record]:
    """The baselines in the ledger of some level targets: found by the lines that name them
    (``ledger.baselines``), or by a scan of the ledger where a file is not plain enough."""
    checker = RecordChecker(plan, today)
    found = ledger_mod.baselines(ws.progress_dir, checker, targets, ws.show(ws.progress_dir))
    if found is None:
        found = ledger_mod.scan(ws.progress_dir, checker,
                                display_dir=ws.show(ws.progress_dir)).baselines
    return {target: record for target, record in found.items() if target in targets}


def report(ws: Workspace, plan: Plan, today: dt.date, as_of: dt.date,
           allow_problems: bool = False, keep: bool = False) -> tuple[Report, Ledger]:
    """The report as of ``as_of``; with ``keep``, the ledger keeps every record too (for the
    notes: ``compute.timeline.latest_notes``)."""
    found = read_ledger(ws, plan, today, as_of=as_of, keep=keep)
    usable(found, allow_problems)
    return evaluate(plan, found.latest, as_of, found.baselines), found


def status(ws: Workspace, plan: Plan, today: dt.date, as_of: dt.date, chosen: Selection,
           allow_problems: bool = False) -> tuple[Report, Ledger]:
    """``kpi status``: the report as of ``as_of``, narrowed to what ``chosen`` selects."""
    numbers = chosen.tasks(plan)  # an unknown task, section or department before any reading
    full, found = report(ws, plan, today, as_of, allow_problems)
    return narrow(full, numbers, chosen), found


def every_record(ws: Workspace, plan: Plan, today: dt.date,
                 allow_problems: bool = False) -> Ledger:
    """Every valid record of the ledger, in scan order (for history, changes, the bulletin).
    A ledger with problems stops the command unless ``allow_problems`` (see ``usable``)."""
    found = read_ledger(ws, plan, today, keep=True)
    usable(found, allow_problems)
    return found


class LedgerProblems(KpiError):
    """A ledger with problems, refused by a command that reports from it."""

    def __init__(self, details: list[str], files: int,
                 problems: Sequence[Problem] = ()) -> None:
        super().__init__(ngettext(
            "{n} ledger file has problems, and their records would be left out of the report: "
            "fix them (`kpi validate` lists every one), or pass --allow-problems to report "
            "without them",
            "{n} ledger files have problems, and their records would be left out of the report: "
            "fix them (`kpi validate` lists every one), or pass --allow-problems to report "
            "without them", files).format(n=files), problems=problems)
        self.details = details


def usable(found: Ledger, allow_problems: bool) -> None:
    """Nothing dropped silently: a ledger with problems stops a report, one line per file
    (its first problem and the fix), unless ``allow_problems``; the report then says what it
    left out (``Ledger.left_out``)."""
    if not found.problems or allow_problems:
        return
    first: dict[str, Problem] = {}
    for problem in found.problems:
        first.setdefault(problem.file or "", problem)
    details = []
    for file, problem in first.items():
        where = f"{file}:{problem.line}" if problem.line else file
        left = found.left_out.get(file, 0)
        said = ngettext("{where}: {message} ({n} line left out)",
                        "{where}: {message} ({n} lines left out)", left).format(
            where=where, message=problem.message, n=left)
        details.append(_("{said}; fix: {hint}").format(said=said, hint=problem.hint)
                       if problem.hint else said)
    raise LedgerProblems(details, len(first), list(first.values()))


#: The longest who, source or note kept: far inside what the ledger's reader accepts in a field
#: (csv.field_size_limit, 131,072 characters), so that anything acknowledged is counted.
MAX_TEXT = 10_000


def _check_text(name: str, text: str) -> None:
    """Who, a source or a note: not too long, and holding only what ``freetext`` lets text
    hold (who and source one line), so that the ledger keeps it and reads it back as written."""
    label = HEADERS[language()].get(name, name)  # 备注, not the column's code, in Chinese
    if len(text) > MAX_TEXT:
        raise RecordError(_("{name} is {n:,} characters long, more than {MAX_TEXT:,}")
                           .format(name=label, n=len(text), MAX_TEXT=MAX_TEXT),
                          _("shorten it; keep long explanations in the source document"),
                          column=name)
    found = freetext.fault(label, text, one_line=name in freetext.ONE_LINE)
    if found is not None:
        raise RecordError(found.message, found.hint, column=name)


#: Who, a source or a note checked as ``build`` checks them (``kpi withdraw``'s note and who).
check_text = _check_text


def build(checker: RecordChecker, fields: Fields, recorded_at: dt.datetime) -> Record:
    """One record from what a person or a script supplied: checked against the plan, and its
    free text checked to be text the ledger keeps and reads back as written."""
    if fields.fault:
        raise RecordError(fields.fault, fields.fault_hint or _("quote a field that contains a comma"),
                          column=fields.fault_column)
    for name in ("by", "source", "note"):
        _check_text(name, getattr(fields, name))
    return checker.build(fields.target, fields.value, fields.date, recorded_at=recorded_at,
                         unit=fields.unit, by=fields.by, source=fields.source, note=fields.note,
                         entry=True, force=fields.force)


def ledger_file_for(records: list[Record]) -> str:
    """One call writes one file, named by the month of its latest figure date: ``2023-06.csv``.

    One file per month keeps diffs short and makes conflicts between departments rare.
    """
    return f"{max(r.date for r in records):%Y-%m}.csv"


def record(ws: Workspace, records: list[Record], file_name: str | None, dry_run: bool) -> Path:
    """Append checked records to one ledger file in one write. Nothing is written on a dry run."""
    name = file_name or ledger_file_for(records)
    if dry_run:
        return ws.progress_dir / name
    return ledger_mod.append(ws.progress_dir, name, records)


def describe(exc: RecordError, *, column: bool = False) -> str:
    """``value '12万' is not a number: … (hint)``; with ``column``, the column comes first."""
    where = _("column {name}: ").format(name=exc.column) if column and exc.column else ""
    return where + with_hint(exc.message, exc.hint)
