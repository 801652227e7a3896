"""What changed between two as-of dates: the heart of a monthly bulletin (通报). Pure.

* moves: lines (targets, and tasks that carry no number) whose status differs between the two
  dates, worse ones first;
* new figures: records whose figure date falls after FROM, up to and including TO;
* stale (未报送): lines not yet met (or tasks not done) on TO with no figure dated in TO's
  calendar month (the reporting month), leaving out targets whose deadline fell before that
  month began. Finished work is not chased for a report; a rate (kind ``rate``) met so far is not
  finished (its figure is the rate for the year so far, reported every month), so it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..enums import Kind, Status
from ..grading import SEVERITY, evaluate
from ..i18n import _
from ..model import Plan, Record, Task
from .timeline import baselines_of, latest_as_of, month_start

_RANK = {status: rank for rank, status in enumerate(SEVERITY)}


@dataclass(frozen=True)
class Line:
    """A target (``id`` 23.1) or a task that carries no number (``id`` 19)."""

    id: str
    task: Task
    label: str
    unit: str
    deadline: dt.date


@dataclass(frozen=True)
class Move:
    line: Line
    before: Status
    after: Status
    before_value: float | None
    after_value: float | None

    @property
    def worse(self) -> bool:
        return _RANK[self.after] < _RANK[self.before]


@dataclass(frozen=True)
class Stale:
    line: Line
    last: Record | None  # the latest record on or before TO, if any


@dataclass(frozen=True)
class Changes:
    start: dt.date
    end: dt.date
    month: dt.date  # first day of the reporting month
    moves: list[Move]
    new: list[Record]
    stale: list[Stale]


def lines(plan: Plan, tasks: Iterable[Task] | None = None) -> list[Line]:
    """Every line of the plan (or of ``tasks``), in plan order."""
    chosen = list(plan.tasks) if tasks is None else list(tasks)
    out: list[Line] = []
    for task in chosen:
        if task.targets:
            out.extend(Line(t.id, task, t.label, t.unit, plan.deadline(t)) for t in task.targets)
        else:
            out.append(Line(str(task.number), task, task.title, "", plan.plan.period_end))
    return out


def _statuses(plan: Plan, latest: dict[str, Record], as_of: dt.date,
              baselines: dict[str, Record]) -> dict[str, Status]:
    report = evaluate(plan, latest, as_of, baselines)
    found = {s.target.id: s.status for s in report.targets}
    found.update((str(t.task.number), t.status) for t in report.tasks if not t.task.targets)
    return found


def _value(record: Record | None) -> float | None:
    return record.value if record is not None else None


def changes(plan: Plan, records: Sequence[Record], start: dt.date, end: dt.date,
            tasks: Iterable[Task] | None = None) -> Changes:
    """Compare the plan's standing on ``start`` and on ``end`` (``start`` before ``end``)."""
    if start >= end:
        raise ValueError(_("FROM must be before TO"))
    chosen = lines(plan, tasks)
    ids = {line.id for line in chosen}
    begins = plan.plan.period_start
    before_latest = latest_as_of(records, start, begins)
    after_latest = latest_as_of(records, end, begins)
    baselines = baselines_of(plan, records)
    before = _statuses(plan, before_latest, start, baselines)
    after = _statuses(plan, after_latest, end, baselines)
    moves = [Move(line, before[line.id], after[line.id], _value(before_latest.get(line.id)),
                  _value(after_latest.get(line.id)))
             for line in chosen if before[line.id] is not after[line.id]]
    order = {line.id: i for i, line in enumerate(chosen)}
    moves.sort(key=lambda m: (not m.worse, _RANK[m.after], order[m.line.id]))
    new = sorted((r for r in records if start < r.date <= end and r.target in ids),
                 key=lambda r: (r.date, order[r.target], r.recorded_at))
    month = month_start(end)
    stale = _stale(plan, chosen, records, end, after, after_latest)
    return Changes(start, end, month, moves, new, stale)


def _stale(plan: Plan, chosen: Sequence[Line], records: Sequence[Record], end: dt.date,
           after: dict[str, Status], after_latest: dict[str, Record]) -> list[Stale]:
    """The rule of 未报送: lines not met (tasks not done) on ``end`` with no figure dated in its
    month, leaving out those whose deadline fell before the month began; a rate is chased
    every month even when it holds so far (its figure is the rate for the year so far); and
    nothing before the plan period starts (no figure is owed for a month before it)."""
    month = month_start(end)
    if before_period(plan, end):
        return []
    reported = {r.target for r in records if month <= r.date <= end}
    rates = {t.id for _, t in plan.targets() if t.kind is Kind.rate}  # reported every month
    return [Stale(line, after_latest.get(line.id)) for line in chosen
            if line.id not in reported and line.deadline >= month
            # finished work is not chased for a report; a rate that holds so far is not finished
            and (after[line.id] is not Status.met or line.id in rates)]


def before_period(plan: Plan, end: dt.date) -> bool:
    """Whether a report to ``end`` (an as-of date, a month's last day) falls before the plan
    period starts: nothing is owed for it."""
    return end < plan.plan.period_start


def unreported(plan: Plan, records: Sequence[Record], end: dt.date,
               tasks: Iterable[Task] | None = None) -> list[Stale]:
    """未报送 on ``end``: what ``changes`` lists as stale, without the comparison."""
    chosen = lines(plan, tasks)
    latest = latest_as_of(records, end, plan.plan.period_start)
    statuses = _statuses(plan, latest, end, baselines_of(plan, records))
    return _stale(plan, chosen, records, end, statuses, latest)
