"""Grading against 序时进度 (time-proportional progress). Pure functions, no I/O.

Every target is held to one of six rules (``Rule``), chosen by its comparator, its kind and
whether its baseline is known. The rule, with worked examples, is also in the README:

* ``pace`` — an increment (新增…1200个): progress = actual / target, against the expected share
  (序时进度): the elapsed share of the window from the period start to the target's deadline,
  counting the as-of day (181 / 365 on 2023-06-30 for a 2023 target). ``gap = expected −
  progress``, in points: on_track when gap < at_risk_gap, at_risk when gap ≤ off_track_gap,
  off_track beyond. 600/1200 on 2023-06-30: 50.0 % against 49.6 %, gap −0.4: on_track.
  474/1200: 39.5 % against 49.6 %, gap 10.1 points: at_risk.
* ``from_baseline`` — a level (a stock, a rate, a share: 达到170家) whose baseline is known:
  progress = (actual − baseline) / (target − baseline), against the same expected share.
  160 of 170 from a baseline of 150, at mid-year: 50.0 % against 49.6 %: on_track.
* ``shortfall`` — a level whose baseline is not known (缺基数), or is at or past the target
  already (no distance to travel: 200 at the start against ≥ 170). Time-proportional progress
  from zero means nothing for a level (60 % of a 95 % rate at mid-year is not "on pace"), so it is
  judged by its distance from the target: ``gap = (target − actual) / target`` against the same
  thresholds. 156 of 170: 8.2 points short: on_track; 60 of 95 %: 36.8 points short: off_track.
* ``floor`` (``maintain_at_least``, 稳定在56万亩以上) — on_track while at or above it, off_track
  below; ``ceiling`` (``at_most``, 控制在…以内, 清零) — on_track while at or under it, off_track
  above. No progress and no expected share: the figure holds or it does not.
* ``at_least`` and ``approx`` targets are met once the actual reaches the target (for
  ``approx``, within ``approx_tolerance`` below it) and missed if the deadline passed first
  (at the end of its day: ``has_passed``);
  floors and ceilings are met or missed by whether they hold at the deadline.
* ``rate`` — a growth or change rate (kind ``rate``: 地区生产总值增长8%以上): the figure is the
  rate so far this year, compared with the target directly — never against 序时进度 and never
  from a baseline. On track while it holds (``holds``: 8.2 against ≥ 8; the rate so far this
  year may still fall, so, as a floor, it is met by holding at the deadline); otherwise graded by how
  many percentage points it is short (``rate_points``) against the plan's
  ``rate_at_risk_points`` (1.0) and ``rate_off_track_points`` (3.0): 7.5 against ≥ 8 is 0.5
  short: on_track; 6.5 is 1.5 short: at_risk; 4.6 is 3.4 short: off_track. ``at_most`` (增长
  控制在5%以内) is short by what it exceeds; ``approx`` (增长10%左右) holds within
  ``approx_tolerance`` below the number and is short by its distance from the number;
  ``maintain_at_least`` is read as ``at_least``. A decline (能耗下降3%) is written as the
  decline reported (3), at_least. Met or missed by whether it holds after the deadline. ``gap`` is
  the points short ÷ 100, as for the other rules (0.005 for 0.5 points).
* no record on or before the as-of date: no_data.
* A task takes the worst status of its targets; a task with no number takes its state:
  done → met, in_progress → on_track, not_started → at_risk, blocked → off_track,
  anything but done after the period end → missed.

The baseline of a level is the plan's ``baseline`` (which names its source) or else the latest
figure recorded for it dated on or before the period start (``kpi record 3.2 150 --date
2022-12-31 --source 2022年末数``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .counting import is_current
from .enums import Rule
from .model import Comparator, Grading, Kind, Plan, Record, State, Status, Target, Task

#: Worst first: the order of a roll-up and of a department's scorecard.
SEVERITY = (Status.missed, Status.off_track, Status.at_risk, Status.no_data,
            Status.on_track, Status.met)
_RANK = {status: rank for rank, status in enumerate(SEVERITY)}

#: Gaps are compared after rounding, so that 0.1 behind is exactly 0.1 behind.
_PLACES = 9


def has_passed(deadline: dt.date, as_of: dt.date) -> bool:
    """Whether a deadline is behind a report as of the end of ``as_of``: from the end of the
    deadline's own day, when 序时进度 is whole, each standing is final (met or missed). A plan
    whose period has ended is thus reported as of its last day (``report_date``)."""
    return as_of >= deadline


def expected_share(start: dt.date, deadline: dt.date, as_of: dt.date) -> float:
    """The share of the window [start, deadline] elapsed by the end of ``as_of``."""
    if as_of < start:
        return 0.0
    total = (deadline - start).days + 1
    done = (min(as_of, deadline) - start).days + 1
    return done / total


@dataclass(frozen=True)
class Baseline:
    """Where a level starts: the figure, and where it comes from (``date`` is None for the
    plan's own ``baseline``)."""

    value: float
    source: str
    date: dt.date | None = None


def baseline_for(target: Target, recorded: Record | None = None) -> Baseline | None:
    """A level's baseline: the plan's, else the figure recorded on or before the period start."""
    if target.kind is not Kind.level:
        return None
    if target.baseline is not None:
        return Baseline(target.baseline, target.baseline_source or "tasks.yaml")
    if recorded is not None and recorded.value is not None:
        return Baseline(recorded.value, recorded.source, recorded.date)
    return None


def rule_of(target: Target, baseline: Baseline | float | None) -> Rule:
    """The rule a target is held to (see the module's docstring)."""
    if target.kind is Kind.rate:
        return Rule.rate
    if target.comparator is Comparator.at_most:
        return Rule.ceiling
    if target.comparator is Comparator.maintain_at_least:
        return Rule.floor
    if target.kind is Kind.increment:
        return Rule.pace
    # a baseline at or past the target leaves no distance to travel: judged by its shortfall
    start = _start(target, baseline)
    return Rule.from_baseline if start is not None and start < target.target else Rule.shortfall


def _start(target: Target, baseline: Baseline | float | None) -> float | None:
    """Where a level starts: the baseline passed (one recorded), else the plan's own, which is
    known even where the caller passes none; None for another kind, or where none is known."""
    if target.kind is not Kind.level:
        return None
    start = baseline.value if isinstance(baseline, Baseline) else baseline
    return start if start is not None else target.baseline


def holds(comparator: Comparator, value: float, target: float, tolerance: float) -> bool:
    """Whether ``value`` satisfies the target: what each comparator means, in one place."""
    if comparator is Comparator.at_most:
        return value <= target
    if comparator is Comparator.approx:
        return value >= target * (1 - tolerance)
    return value >= target


def rate_points(target: Target, actual: float) -> float:
    """How many percentage points a rate is short of its target (negative: ahead of it): by
    what it exceeds a ceiling (``at_most``), else by what it lacks of the number."""
    if target.comparator is Comparator.at_most:
        short = actual - target.target
    else:
        short = target.target - actual
    return round(short, _PLACES)


def progress_of(target: Target, actual: float, baseline: Baseline | float | None = None) -> float:
    """The share of the way travelled: from the baseline for a level that has one, else from 0;
    for a level whose baseline is at or past the target (no way to travel: ``Rule.shortfall``),
    the actual's share of the target."""
    start = _start(target, baseline)
    base = start if start is not None else 0.0
    span = target.target - base
    if span <= 0:  # the baseline already reached the target: how near the target it stands
        if target.target <= 0:
            return 1.0 if actual >= target.target else 0.0
        return actual / target.target
    return (actual - base) / span


def gap_of(rule: Rule, progress: float | None, expected: float | None) -> float | None:
    """Points behind, as graded: expected − progress for the pace rules, the shortfall from the
    target for a level without a baseline, nothing for floors and ceilings (a rate's is
    ``rate_points`` ÷ 100: see ``stand``)."""
    if progress is None or rule in (Rule.floor, Rule.ceiling, Rule.rate):
        return None
    behind = (1.0 if rule is Rule.shortfall else (expected or 0.0)) - progress
    return round(behind, _PLACES)


def grade(target: Target, actual: float | None, expected: float, overdue: bool,
          grading: Grading, baseline: Baseline | float | None = None) -> Status:
    """The status of one target. ``overdue``: the deadline has passed (``has_passed``)."""
    if actual is None:
        return Status.no_data
    rule = rule_of(target, baseline)
    reached = holds(target.comparator, actual, target.target, grading.approx_tolerance)
    if rule in (Rule.floor, Rule.ceiling, Rule.rate):
        # a line held to (a floor, a ceiling, the rate so far this year) may still be crossed:
        # holding it is on track, and only holding it at the deadline is met
        if overdue:
            return Status.met if reached else Status.missed
        if reached:
            return Status.on_track
        if rule is not Rule.rate:
            return Status.off_track
        short = rate_points(target, actual)
        if short < grading.rate_at_risk_points:
            return Status.on_track
        if short <= grading.rate_off_track_points:
            return Status.at_risk
        return Status.off_track
    if reached:
        return Status.met
    if overdue:
        return Status.missed
    gap = gap_of(rule, progress_of(target, actual, baseline), expected)
    assert gap is not None
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
    """One target graded at an as-of date.

    ``progress`` is the share of the way travelled (None for a floor, a ceiling or a rate, and
    without a figure); ``expected`` the 序时进度 it is held against (None where the rule has
    none); ``gap`` the points behind as graded (see ``gap_of``; a rate's percentage points short
    ÷ 100).
    """

    task: Task
    target: Target
    deadline: dt.date
    actual: float | None
    actual_date: dt.date | None
    progress: float | None
    expected: float | None
    status: Status
    rule: Rule = Rule.pace
    baseline: Baseline | None = None
    gap: float | None = None
    #: The record behind ``actual`` (the figure that counts): its source, who recorded it, its
    #: note. None without a figure.
    record: Record | None = None
    #: The figure holds to the target now (``holds``: within 左右's tolerance too), whatever the
    #: status: a rate or a floor holding mid-year is on track, met only at its deadline.
    reached: bool = False

    @property
    def needs_baseline(self) -> bool:
        """A level graded by its shortfall for want of a baseline (缺基数), not because its
        baseline is at or past the target already."""
        return self.rule is Rule.shortfall and self.baseline is None


@dataclass(frozen=True)
class TaskStanding:
    task: Task
    status: Status
    state: State | None
    state_date: dt.date | None
    record: Record | None = None  # the record behind ``state`` (None: no state recorded)


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
          as_of: dt.date, baseline: Record | None = None) -> Standing:
    """Grade one target from the record that counts at ``as_of`` and, for a level, the record
    that gives its baseline (the plan's own baseline wins over it)."""
    deadline = plan.deadline(target)
    base = baseline_for(target, baseline)
    rule = rule_of(target, base)
    actual = record.value if record is not None else None
    if rule in (Rule.floor, Rule.ceiling, Rule.rate):
        progress, expected = None, None
    else:
        progress = progress_of(target, actual, base) if actual is not None else None
        expected = (expected_share(plan.plan.period_start, deadline, as_of)
                    if rule in (Rule.pace, Rule.from_baseline) else None)
    status = grade(target, actual, expected or 0.0, has_passed(deadline, as_of), plan.grading,
                   base)
    gap = gap_of(rule, progress, expected)
    if rule is Rule.rate and actual is not None:
        gap = round(rate_points(target, actual) / 100, _PLACES)
    reached = actual is not None and holds(target.comparator, actual, target.target,
                                           plan.grading.approx_tolerance)
    return Standing(task, target, deadline, actual, record.date if record else None,
                    progress, expected, status, rule, base, gap, record, reached)


def report_date(plan: Plan, today: dt.date) -> dt.date:
    """The as-of date of a report nobody dated: today, within the plan period; once it has
    ended, its last day, when every standing is final (``has_passed``: met or missed) and 序时进度
    is whole (today, years later, would change nothing but the date shown)."""
    return min(today, plan.plan.period_end)


def evaluate(plan: Plan, latest: Mapping[str, Record], as_of: dt.date,
             baselines: Mapping[str, Record] | None = None) -> Report:
    """Grade every target and task of the plan from the latest record of each, and the
    baseline records of its levels."""
    baselines = baselines or {}
    standings: list[Standing] = []
    tasks: list[TaskStanding] = []
    for task in plan.tasks:
        own = [stand(plan, task, target, latest.get(target.id), as_of, baselines.get(target.id))
               for target in task.targets]
        standings.extend(own)
        record = latest.get(str(task.number))
        state = record.state if record is not None else None
        if own:
            status = worst(s.status for s in own)
        else:
            status = grade_state(state, has_passed(plan.plan.period_end, as_of))
        tasks.append(TaskStanding(task, status, state, record.date if record else None, record))
    return Report(as_of, standings, tasks)


@dataclass(frozen=True)
class Outcome:
    """What a new record gives: a figure before the period is a baseline (neither standing nor
    status); a figure in it, its target's standing graded as of the figure's own date (a level
    from its baseline); a task's state, the task's status."""

    record: Record
    standing: Standing | None = None
    status: Status | None = None


def outcomes(plan: Plan, records: Iterable[Record],
             baselines: dict[str, Record]) -> list[Outcome]:
    """Each new record's outcome, which ``kpi record``, ``mark`` and ``import`` acknowledge
    (``baselines``: of each level, the record that gives its baseline, the new ones included)."""
    start, end = plan.plan.period_start, plan.plan.period_end
    targets = {target.id: (task, target) for task, target in plan.targets()}
    out: list[Outcome] = []
    for r in records:
        if r.state is not None:
            out.append(Outcome(r, status=grade_state(r.state, r.date > end)))
        elif not is_current(r, start):
            out.append(Outcome(r))
        else:
            task, target = targets[r.target]
            out.append(Outcome(r, standing=stand(plan, task, target, r, r.date,
                                                 baselines.get(r.target))))
    return out
