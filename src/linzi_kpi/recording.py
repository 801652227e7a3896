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
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import counting, service
from .errors import KpiError
from .fields import Fields
from .grading import Outcome, outcomes
from .i18n import _, ngettext
from .ledger import RecordChecker, RecordError, now
from .model import Kind, Plan, Record
from .service import build, describe, read_ledger
from .workspace import Workspace

#: Where a row is, for messages: ``locate(index, column)`` → ``june.csv:5`` or
#: ``june.xlsx:区发改局!J5: column 数据日期``.
Locate = Callable[[int, str], str]


class RowErrors(KpiError):
    """Rows that cannot be recorded: one line each (``details``), then the summary; ``first`` is
    the first row's fault without its place (for a single figure from the command line)."""

    def __init__(self, details: list[str], rows: list[int], total: int, first: str) -> None:
        super().__init__(_("{n} of {total} rows are invalid; nothing was recorded").format(n=len(details), total=total))
        self.details = details
        self.rows = rows  # the index of the row each detail is about
        self.first = first


@dataclass
class Recorded:
    """What a recording did: the records written (or that would be, on a dry run), where, and
    the existing records that rows repeated."""

    records: list[Record]
    path: Path | None
    already: list[Record] = field(default_factory=list)  # the ledger's records, repeated
    repeated: int = 0  # rows of the return that repeated another row of it
    outcomes: list[Outcome] = field(default_factory=list)  # of each record, in order


def _same(a: Record, b: Record) -> bool:
    return a.value == b.value and a.state == b.state


def _dedupe_rows(records: list[Record], locate: Locate,
                 indexes: list[int]) -> tuple[list[Record], int, list[tuple[int, str]]]:
    """One record per target and day of a return: identical repeats dropped, conflicts named."""
    first: dict[tuple[str, dt.date], tuple[Record, int]] = {}
    kept: list[Record] = []
    repeated = 0
    conflicts: list[tuple[int, str]] = []
    for record, index in zip(records, indexes, strict=True):
        key = (record.target, record.date)
        seen = first.get(key)
        if seen is None:
            first[key] = (record, index)
            kept.append(record)
        elif _same(seen[0], record):
            repeated += 1
        else:
            a, b = _shown(seen[0]), _shown(record)
            conflicts.append((index, f"{locate(index, 'value')}: {record.target} on "
                                     f"{record.date} is {b} here but {a} at "
                                     f"{locate(seen[1], 'value')} (keep one: a return gives one "
                                     "figure per target and day)"))
    return kept, repeated, conflicts


def _shown(record: Record) -> str:
    from .values import format_number

    if record.value is not None:
        return format_number(record.value)
    return record.state.value if record.state is not None else ""


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

    def __init__(self) -> None:
        self.held = False
        self._previous: dict[int, object] = {}

    def __enter__(self) -> Interrupts:
        for number in HELD_SIGNALS:
            try:
                self._previous[number] = signal.signal(number, self._hold)
            except (ValueError, OSError):  # not the main thread: nothing to hold back
                pass
        return self

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


def record_rows(ws: Workspace, plan: Plan, rows: Sequence[Fields], locate: Locate, *,
                today: dt.date, file: str | None, dry_run: bool, is_return: bool = False,
                interrupts: Interrupts | None = None) -> Recorded:
    """Record ``rows`` all or nothing. The rows of a return (``is_return``: ``record --from``,
    ``import``) are compared with each other and with the ledger (see the module's
    docstring)."""
    checker = RecordChecker(plan, today)
    stamp = now()
    records: list[Record] = []
    indexes: list[int] = []
    errors: list[tuple[int, str]] = []
    first = ""
    for index, fields in enumerate(rows):
        if interrupts is not None and index % 1000 == 0:
            interrupts.check()
        try:
            records.append(build(checker, fields, stamp))
            indexes.append(index)
        except RecordError as exc:
            errors.append((index, f"{locate(index, exc.column)}: {describe(exc)}"))
            first = first or describe(exc)
    repeated = 0
    if is_return and not errors:
        records, repeated, errors = _dedupe_rows(records, locate, indexes)
        first = errors[0][1] if errors else ""
    if errors:
        raise RowErrors([text for _, text in errors], [i for i, _ in errors], len(rows), first)
    ledger = None
    known: dict[str, Record] = {}
    if is_return:
        ledger = read_ledger(ws, plan, today, keep=True)
        known = dict(ledger.baselines)
    else:  # one figure: only the baselines it is graded against, never the whole ledger
        levels = {r.target for r in records if checker.targets.get(r.target) is not None
                  and checker.targets[r.target].kind is Kind.level
                  and checker.targets[r.target].baseline is None}
        if levels:
            known = service.baselines(ws, plan, today, levels)
    already: list[Record] = []
    if is_return and ledger is not None:
        counted = _counted_on_day(ledger.records)
        fresh = []
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
        records = fresh
    path = None
    if interrupts is not None:
        interrupts.check()  # the last moment at which nothing has been written
    if records:
        path = service.record(ws, records, file, dry_run)
    baselines = known
    for r in records:  # a baseline recorded now is the baseline of the figures after it
        if counting.is_baseline(r, plan.plan.period_start) and counting.baseline_supersedes(
                r, baselines.get(r.target), plan.plan.period_start):
            baselines[r.target] = r
    return Recorded(records, path, already, repeated, outcomes(plan, records, baselines))


def record_entered(ws: Workspace, plan: Plan, fields: Fields, *, today: dt.date,
                   file: str | None, dry_run: bool,
                   interrupts: Interrupts | None = None) -> Recorded:
    """``kpi record`` and ``kpi mark``: one figure or state from the command line, whose fault
    is one line without a place (a return goes through ``importing``)."""
    try:
        return record_rows(ws, plan, [fields], lambda index, column: "", today=today, file=file,
                           dry_run=dry_run, interrupts=interrupts)
    except RowErrors as exc:
        raise KpiError(exc.first) from None
