"""Grading against 序时进度 (time-proportional progress). Pure functions, no I/O.

The rule, also in the README:

* progress = actual / target; for a level with a baseline, (actual − baseline) / (target − baseline).
* expected = the elapsed share of the window from the period start to the target's deadline,
  counting the as-of day: 181 / 365 on 2023-06-30 for a 2023 target.
* ``at_least`` and ``approx``: met once the actual reaches the target (for ``approx``, within
  ``approx_tolerance`` below it); missed if the deadline passed first; otherwise graded by
  how far progress is behind expected, in points (``gap = expected − progress``):
  on_track when gap < at_risk_gap, at_risk when gap ≤ off_track_gap, off_track beyond.
* ``at_most`` (a ceiling): on_track while at or under it, off_track above; after the deadline
  met or missed.
* ``maintain_at_least``: on_track while at or above it, off_track below; after the deadline
  met or missed.
* no record on or before the as-of date: no_data.
* A task takes the worst status of its targets; a task with no number takes its state:
  done → met, in_progress → on_track, not_started → at_risk, blocked → off_track,
  anything but done after the period end → missed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import Comparator, Grading, Kind, Plan, Record, State, Status, Target, Task

#: Worst first: the order of a roll-up and of a department's scorecard.
SEVERITY = (Status.missed, Status.off_track, Status.at_risk, Status.no_data,
            Status.on_track, Status.met)
_RANK = {status: rank for rank, status in enumerate(SEVERITY)}

#: Gaps are compared after rounding, so that 0.1 behind is exactly 0.1 behind.
_PLACES = 9


def expected_share(start: dt.date, deadline: dt.date, as_of: dt.date) -> float:
    """The share of the window [start, deadline] elapsed by the end of ``as_of``."""
    if as_of < start:
        return 0.0
    total = (deadline - start).days + 1
    done = (min(as_of, deadline) - start).days + 1
    return done / total


def progress_of(target: Target, actual: float) -> float:
    base = target.baseline if target.kind is Kind.level and target.baseline is not None else 0.0
    span = target.target - base
    if span == 0:
        return 1.0 if actual >= target.target else 0.0
    return (actual - base) / span


def grade(target: Target, actual: float | None, expected: float, overdue: bool,
          grading: Grading) -> Status:
    """The status of one target. ``overdue`` means the as-of date is past the deadline."""
    if actual is None:
        return Status.no_data
    comparator = target.comparator
    if comparator in (Comparator.at_most, Comparator.maintain_at_least):
        holds = actual <= target.target if comparator is Comparator.at_most else actual >= target.target
        if overdue:
            return Status.met if holds else Status.missed
        return Status.on_track if holds else Status.off_track
    goal = target.target
    if comparator is Comparator.approx:
        goal = target.target * (1 - grading.approx_tolerance)
    if actual >= goal:
        return Status.met
    if overdue:
        return Status.missed
    gap = round(expected - progress_of(target, actual), _PLACES)
    if gap < grading.at_risk_gap:
        return Status.on_track
    if gap <= grading.off_track_gap:
        return Status.at_risk
    return Status.off_track


def grade_state(state: State | None, overdue: bool) -> Status:
    if state is None:
        return Status.no_data
    if state is State.done:
        return Status.met
    if overdue:
        return Status.missed
    return {State.in_progress: Status.on_track, State.not_started: Status.at_risk,
            State.blocked: Status.off_track}[state]


def worst(statuses: Iterable[Status]) -> Status:
    return min(statuses, key=_RANK.__getitem__, default=Status.no_data)


@dataclass(frozen=True)
class Standing:
    """One target graded at an as-of date."""

    task: Task
    target: Target
    deadline: dt.date
    actual: float | None
    actual_date: dt.date | None
    progress: float | None
    expected: float
    status: Status


@dataclass(frozen=True)
class TaskStanding:
    task: Task
    status: Status
    state: State | None
    state_date: dt.date | None


@dataclass(frozen=True)
class Report:
    as_of: dt.date
    targets: list[Standing]
    tasks: list[TaskStanding]

    def summary(self) -> dict[str, int]:
        counts = Counter(s.status for s in self.targets)
        return {status.value: counts.get(status, 0) for status in Status}

    def task_summary(self) -> dict[str, int]:
        counts = Counter(t.status for t in self.tasks)
        return {status.value: counts.get(status, 0) for status in Status}


def stand(plan: Plan, task: Task, target: Target, record: Record | None,
          as_of: dt.date) -> Standing:
    deadline = plan.deadline(target)
    expected = expected_share(plan.plan.period_start, deadline, as_of)
    actual = record.value if record is not None else None
    progress = progress_of(target, actual) if actual is not None else None
    status = grade(target, actual, expected, as_of > deadline, plan.grading)
    return Standing(task, target, deadline, actual, record.date if record else None,
                    progress, expected, status)


def evaluate(plan: Plan, latest: Mapping[str, Record], as_of: dt.date) -> Report:
    """Grade every target and task of the plan from the latest record of each."""
    standings: list[Standing] = []
    tasks: list[TaskStanding] = []
    for task in plan.tasks:
        own = [stand(plan, task, target, latest.get(target.id), as_of) for target in task.targets]
        standings.extend(own)
        record = latest.get(str(task.number))
        state = record.state if record is not None else None
        if own:
            status = worst(s.status for s in own)
        else:
            status = grade_state(state, as_of > plan.plan.period_end)
        tasks.append(TaskStanding(task, status, state, record.date if record else None))
    return Report(as_of, standings, tasks)
