"""Recording, once for every command that records (``record``, ``record --from``, ``mark``,
``import``): check every row → drop what is already recorded → append → acknowledge.

What "the same" means, for a return (``record --from`` and ``import``):

* two rows of one return with the same target, figure date and figure (or state) are one
  figure, recorded once; two rows with the same target and date but different figures are an
  error naming both rows: a return says one thing per target and day;
* a row is already recorded when the record that counts for its target on its figure date (the
  latest recorded for that date, see ``counting``) holds the same figure: recording it again would
  change nothing, so nothing is written. A correction (a different figure for the same date) is
  always recorded, and counts from then on; so is going back to an earlier figure.

A single ``kpi record`` is not compared with the ledger (that would read the whole ledger for
every figure a script records); recording the same figure twice changes no grade.
"""

from __future__ import annotations

import datetime as dt
import signal
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from . import counting, service
from .dates import minute
from .enums import Rule
from .errors import KpiError, Problem, with_hint
from .fields import Fields
from .grading import Outcome, outcomes, rule_of
from .i18n import _, ngettext
from .ledger import Ledger, RecordChecker, RecordError, hold, now
from .model import Plan, Record
from .service import build, describe, read_ledger
from .workspace import Workspace

if TYPE_CHECKING:  # (the return reader is not imported to record one figure)
    from .files.returns import Where

#: Where the row of a return at an index is (``Where.at(column)`` → ``june.csv:5`` or
#: ``june.xlsx:区发改局!J5: column 数据日期``); None for a figure from the command line.
Locate: TypeAlias = "Callable[[int], Where] | None"


class RowErrors(KpiError):
    """Rows that cannot be recorded: one line each (``details``), then the summary; ``first`` is
    the first row's fault without its place (for a single figure from the command line)."""

    def __init__(self, details: list[str], rows: list[int], total: int, first: str,
                 problems: Sequence[Problem] = ()) -> None:
        super().__init__(_("{n} of {total} rows are invalid; nothing was recorded")
                         .format(n=len(details), total=total), problems=problems)
        self.details = details
        self.rows = rows  # the index of the row each detail is about
        self.first = first


#: The characters of a recording id: digits and lower-case letters without i, l, o and u, so
#: that an id read aloud or copied by hand is not mistaken.
ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def new_recording_id() -> str:
    """A recording's id: ten random characters (49 bits), the first a letter, so that it is never
    taken for a target id or a task number. Random, not counted: two branches of a ledger that
    each record merge without two recordings sharing an id."""
    import os  # the system's randomness, as secrets draws it (secrets costs 5 ms to import)

    letters = ID_ALPHABET[10:]
    first = next(letters[b % len(letters)] for b in iter(lambda: os.urandom(1)[0], None)
                 if b < 256 - 256 % len(letters))  # no letter likelier than another
    # (32 characters: a byte's remainder by 32 favours none)
    return first + "".join(ID_ALPHABET[b % len(ID_ALPHABET)] for b in os.urandom(9))


@dataclass
class Recorded:
    """What a recording did: the records written (or that would be, on a dry run), where, and
    the existing records that rows repeated."""

    records: list[Record]
    path: Path | None
    already: list[Record] = field(default_factory=list)  # the ledger's records, repeated
    repeated: int = 0  # rows of the return that repeated another row of it
    outcomes: list[Outcome] = field(default_factory=list)  # of each record, in order
    recording: str = ""  # the id of this recording
    #: Of returns (``importing``), what ``kpi import`` says of them: the fields of its JSON
    #: about them (each one's sheets, encoding and counts); what follows ``recorded N in
    #: FILE`` (blank rows skipped, or how many returns); of several, one line each (else None).
    summary: dict[str, object] = field(default_factory=dict)
    tail: str = ""
    per_return: list[str] | None = None

    @property
    def ids(self) -> str:
        """The recording id, where anything was recorded."""
        return self.recording if self.records else ""


def _same(a: Record, b: Record) -> bool:
    return a.value == b.value and a.state == b.state


def _dedupe_rows(records: list[Record], locate: Callable[[int], Where], indexes: list[int]
                 ) -> tuple[list[Record], int, list[tuple[int, str]], list[Problem]]:
    """One record per target and day of a return: identical repeats dropped, conflicts named."""
    first: dict[tuple[str, dt.date], tuple[Record, int]] = {}
    kept: list[Record] = []
    repeated = 0
    conflicts: list[tuple[int, str]] = []
    problems: list[Problem] = []
    for record, index in zip(records, indexes, strict=True):
        key = (record.target, record.date)
        seen = first.get(key)
        if seen is None:
            first[key] = (record, index)
            kept.append(record)
        elif _same(seen[0], record):
            repeated += 1
        else:
            where = locate(index)
            message = _("{target} on {date} is {figure} here but {other} at {place}").format(
                target=record.target, date=record.date, figure=shown(record),
                other=shown(seen[0]), place=locate(seen[1]).at("value"))
            hint = _("keep one: a return gives one figure per target and day")
            conflicts.append((index, _at(where.at("value"), with_hint(message, hint))))
            problems.append(where.problem("value", message, hint))
    return kept, repeated, conflicts, problems


def shown(record: Record) -> str:
    """A record's figure as a person reads it: its number, or its state's word (进行中)."""
    from .i18n import language
    from .values import format_number
    from .words import state_label

    if record.value is not None:
        return format_number(record.value)
    return state_label(record.state, language(), empty="")


def _counted_on_day(ledger_records: Sequence[Record]) -> dict[tuple[str, dt.date], Record]:
    counted: dict[tuple[str, dt.date], Record] = {}
    for r in ledger_records:
        key = (r.target, r.date)
        if counting.supersedes(r, counted.get(key)):
            counted[key] = r
    return counted


def sourced(fields: Fields, name: str) -> Fields:
    """A row of a return names the return's file as its source, unless it gives one."""
    return fields if fields.source else replace(fields, source=name)


def already_note(already: Sequence[Record]) -> str:
    """``10 rows already recorded on 2023-07-04 from 区科技局-2023-06.xlsx``, one clause a batch."""
    batches: dict[tuple[dt.date, str], int] = {}
    for r in already:
        key = (r.recorded_at.date(), r.source)
        batches[key] = batches.get(key, 0) + 1
    parts = []
    for (day, source), count in batches.items():
        parts.append((ngettext("{n} row already recorded on {day} from {source}",
                               "{n} rows already recorded on {day} from {source}", count)
                      if source else
                      ngettext("{n} row already recorded on {day}",
                               "{n} rows already recorded on {day}", count))
                     .format(n=count, day=day, source=source))
    return _("; ").join(parts)


#: The signals held back while a recording runs: Ctrl-C, and what ``timeout``, a service manager
#: or a closed terminal sends (SIGTERM, SIGHUP; POSIX only).
HELD_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                     if hasattr(signal, name))


class Interrupts:
    """Ctrl-C, SIGTERM and SIGHUP, held back while a recording runs, so that it ends in one of
    two ways only: a signal that came before the append starts interrupts it there (``check``:
    nothing written, exit 130); one that comes later is ignored, and the command finishes,
    reports what it wrote and exits 0. Never "interrupted" about records that are durable. (What
    cannot be held back, SIGKILL or a power cut, is undone by the ledger's journal.)"""

    def __init__(self, *, now: bool = True) -> None:
        self.held = False
        self._now = now  # False: from ``hold`` on (a command that reads returns first)
        self._holding = False
        self._previous: dict[int, object] = {}

    def __enter__(self) -> Interrupts:
        if self._now:
            self.hold()
        return self

    def hold(self) -> None:
        """Hold the signals back from now on (once: again, nothing). ``Interrupts(now=False)``
        waits for this, so that Ctrl-C still stops the reading of returns at once."""
        if self._holding:
            return
        self._holding = True
        for number in HELD_SIGNALS:
            try:
                self._previous[number] = signal.signal(number, self._hold)
            except (ValueError, OSError):  # not the main thread: nothing to hold back
                pass

    def _hold(self, *_: object) -> None:
        self.held = True

    def check(self) -> None:
        if self.held:
            raise KeyboardInterrupt

    def __exit__(self, *exc: object) -> None:
        for number, previous in self._previous.items():
            if previous is not None:
                signal.signal(number, previous)  # type: ignore[arg-type]
        self._previous = {}
        self._holding = False


def _at(where: str, message: str) -> str:
    """A row's fault after its place: ``june.csv:3: column value: …`` (``：`` in Chinese)."""
    return _("{where}: {message}").format(where=where, message=message)


def record_rows(ws: Workspace, plan: Plan, rows: Sequence[Fields], locate: Locate, *,
                today: dt.date, file: str | None, dry_run: bool, is_return: bool = False,
                interrupts: Interrupts | None = None) -> Recorded:
    """Record ``rows`` all or nothing. The rows of a return (``is_return``: ``record --from``,
    ``import``) are compared with each other and with the ledger (see the module's
    docstring)."""
    checker = RecordChecker(plan, today)
    stamp = now()
    recording = new_recording_id()
    records: list[Record] = []
    indexes: list[int] = []
    errors: list[tuple[int, str]] = []
    problems: list[Problem] = []  # the same, as values: the place, the fault, its fix
    first = ""
    corrections = False
    reporters = _reporters(plan) if any(f.dept for f in rows) else {}
    for index, fields in enumerate(rows):
        if interrupts is not None and index % 1000 == 0:
            interrupts.check()
        try:
            # (a correction names what it corrects once the ledger is read: ``_corrections``)
            record = build(checker, fields, stamp)._replace(
                recording=recording, corrects=counting.LEGACY if fields.corrects else "")
            if fields.dept:
                _check_reporter(record, fields.dept, reporters)
            records.append(record)
            corrections = corrections or fields.corrects
            indexes.append(index)
        except RecordError as exc:
            if locate is None:
                errors.append((index, describe(exc)))
                problems.append(Problem(exc.message, exc.hint, title="invalid row"))
            else:
                where = locate(index)
                errors.append((index, _at(where.at(exc.column), describe(exc))))
                problems.append(where.problem(exc.column, exc.message, exc.hint))
            first = first or describe(exc)
    repeated = 0
    if is_return and not errors and locate is not None:
        records, repeated, errors, problems = _dedupe_rows(records, locate, indexes)
        first = errors[0][1] if errors else ""
    if errors:
        raise RowErrors([text for _, text in errors], [i for i, _ in errors], len(rows), first,
                        problems)
    # what is recorded already, and the append that depends on it, under the ledger's one lock
    with _holding(ws, dry_run):
        ledger = None
        known: dict[str, Record] = {}
        if is_return or corrections:
            ledger = read_ledger(ws, plan, today, keep=True)
            known = dict(ledger.baselines)
            if corrections:
                records = _corrections(records, ledger.records)
        else:  # one figure: only the baselines it is graded against, never the whole ledger
            # a level graded from a baseline it has not got (a floor or a ceiling takes none)
            levels = {r.target for r in records if checker.targets.get(r.target) is not None
                      and rule_of(checker.targets[r.target], None) is Rule.shortfall}
            if levels:
                known = service.baselines(ws, plan, today, levels)
        already: list[Record] = []
        if is_return and ledger is not None:
            records, already = _not_yet_recorded(records, ledger, checker, plan)
        path = None
        if interrupts is not None:
            interrupts.check()  # the last moment at which nothing has been written
        if records:
            path = service.record(ws, records, file, dry_run)
    baselines = known
    for r in records:  # a baseline recorded now is the baseline of the figures after it
        if counting.takes_baseline(r, baselines.get(r.target), checker.start, checker.levels):
            baselines[r.target] = r
    return Recorded(records, path, already, repeated, outcomes(plan, records, baselines),
                    recording)


def _not_yet_recorded(records: list[Record], ledger: Ledger, checker: RecordChecker, plan: Plan
                      ) -> tuple[list[Record], list[Record]]:
    """A return's records that the ledger does not hold yet, and the ledger's records that
    stand for the others (see the module's docstring)."""
    counted = _counted_on_day(ledger.records)
    fresh: list[Record] = []
    already: list[Record] = []
    start = plan.plan.period_start
    for r in records:
        existing = counted.get((r.target, r.date))
        base = ledger.baselines.get(r.target)
        target = checker.targets.get(r.target)
        if existing is not None and _same(existing, r):
            already.append(existing)
        elif r.date < start and base is not None and base.value == r.value:
            already.append(base)  # a template's baseline cell, left as it was
        elif (r.date < start and target is not None and target.baseline is not None
              and target.baseline == r.value):
            continue  # the plan's own baseline, shown in the template: nothing to record
        else:
            fresh.append(r)
    return fresh, already


def _holding(ws: Workspace, dry_run: bool, *,
             create: bool = True) -> AbstractContextManager[None]:
    """The ledger's lock around a reading of the ledger and the append it decides
    (``ledger.hold``): nothing on a dry run, which writes nothing."""
    return nullcontext() if dry_run else hold(ws.progress_dir, create=create)


def _reporters(plan: Plan) -> dict[str, str | None]:
    """Each target id and task number → who reports it (``Plan.reporter``)."""
    found: dict[str, str | None] = {str(task.number): plan.reporter(task) for task in plan.tasks}
    found.update({target.id: plan.reporter(task, target) for task, target in plan.targets()})
    return found


def _check_reporter(record: Record, dept: str, reporters: dict[str, str | None]) -> None:
    """A department's return gives figures for what it reports only: a figure for a target it
    merely shares is refused at its cell, naming the reporter (``kpi record`` and returns
    without a department are not asked)."""
    reporter = reporters.get(record.target)
    if reporter is not None and reporter != dept:
        raise RecordError(
            _("{target} is reported by {reporter}, not by {dept}").format(
                target=record.target, reporter=reporter, dept=dept),
            _("leave the cell empty and send the figure to {reporter}, which reports it; the "
              "template shows such rows locked").format(reporter=reporter), column="value")


def _corrections(records: list[Record], ledger_records: Sequence[Record]) -> list[Record]:
    """Each record marked as a correction names the figures it corrects: every figure of its
    target and date on record (withdrawn ones are not: they count nowhere)."""
    on_record: dict[tuple[str, dt.date], set[str]] = {}
    for r in ledger_records:
        if r.value is not None:
            on_record.setdefault((r.target, r.date), set()).add(counting.key(r)[2])
    return [r._replace(corrects=" ".join(sorted(on_record.get((r.target, r.date), ()))))
            if r.corrects else r for r in records]


def record_entered(ws: Workspace, plan: Plan, fields: Fields, *, today: dt.date,
                   file: str | None, dry_run: bool,
                   interrupts: Interrupts | None = None) -> Recorded:
    """``kpi record`` and ``kpi mark``: one figure or state from the command line, whose fault
    is one line without a place (a return goes through ``importing``)."""
    try:
        return record_rows(ws, plan, [fields], None, today=today, file=file,
                           dry_run=dry_run, interrupts=interrupts)
    except RowErrors as exc:
        raise KpiError(exc.first, problems=exc.problems) from None


# ------------------------------------------------------------------ withdraw


@dataclass
class Withdrawn:
    """What a withdrawal did: the figures it withdrew, the withdrawal records written (or that
    would be, on a dry run), where, and the withdrawal's own recording id."""

    figures: list[Record]
    records: list[Record]
    path: Path | None
    recording: str


def withdraw(ws: Workspace, plan: Plan, *, recording: str | None = None,
             target: str | None = None, date: dt.date | None = None, note: str, by: str,
             today: dt.date, file: str | None, dry_run: bool,
             interrupts: Interrupts | None = None) -> Withdrawn:
    """Withdraw a whole recording (``recording``), or every figure of ``target`` on ``date``
    that counts, by appending withdrawal records: the ledger's bytes never change, and
    recording a figure again restores it (``counting``). Withdrawing what is withdrawn already,
    or what is not there, is an error saying so."""
    for name, text in (("note", note), ("by", by)):
        try:
            service.check_text(name, text)
        except RecordError as exc:
            raise KpiError(describe(exc)) from None
    if not note.strip():
        raise KpiError(_("say why with --note: the withdrawal keeps it, and `kpi log` shows it"))
    # whether it is withdrawn already, and the withdrawal, under the ledger's one lock
    with _holding(ws, dry_run, create=False):
        checker = RecordChecker(plan, today)
        ledger = read_ledger(ws, plan, today, keep=True)
        if recording is not None:
            recording = recording.strip()
            if not recording:  # figures recorded before recording ids have "": not all of them
                raise KpiError(_("give the recording id to withdraw (`kpi log` shows the "
                                 "recording of each figure), or a target or a task with --date "
                                 "YYYY-MM-DD"))
            live = [r for r in ledger.records if r.recording == recording]
            gone = [(r, w) for r, w in ledger.withdrawn if r.recording == recording]
            what = _("recording {id}").format(id=recording)
            missing = _("no recording {id} in the ledger (`kpi log` shows the recording of each "
                        "figure)").format(id=recording)
            if not live and not gone and (recording in checker.targets
                                          or recording in checker.tasks):
                missing = _("{id} is a target or a task, not a recording id: add --date YYYY-MM-DD "
                            "to withdraw its figures of that day (`kpi log {id}` lists them)").format(
                    id=recording)
        else:
            assert target is not None and date is not None
            try:
                key = checker.check_key(target)
            except RecordError as exc:
                raise KpiError(describe(exc)) from None
            live = [r for r in ledger.records if r.target == key and r.date == date]
            gone = [(r, w) for r, w in ledger.withdrawn if r.target == key and r.date == date]
            what = _("{target} on {date}").format(target=key, date=date)
            missing = _("no figure of {target} on {date} in the ledger (`kpi log {target}` lists "
                        "its figures)").format(target=key, date=date)
        if not live:
            if gone:
                r, w = gone[-1]
                raise KpiError(_("{what} is withdrawn already: {target} {value} on {date} was "
                                 "withdrawn by {by} at {at} ({why}); record the figure again to "
                                 "restore it").format(what=what, target=r.target, value=shown(r),
                                                      date=r.date, by=w.by or "?",
                                                      at=minute(w.recorded_at), why=w.note))
            raise KpiError(missing)
        stamp = now()
        recording_id = new_recording_id()
        named: dict[counting.Key, Record] = {}
        for r in live:  # one withdrawal for each figure named (figures without an id share one)
            target_, day, ref = counting.key(r)
            named.setdefault((target_, day, ref), Record(
                target_, None, None, day, stamp, by, "", note, "", recording_id, ref))
        records = list(named.values())
        if interrupts is not None:
            interrupts.check()  # the last moment at which nothing has been written
        path = service.record(ws, records, file, dry_run)
    return Withdrawn(live, records, path, recording_id)
