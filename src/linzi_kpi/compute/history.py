"""One target over time: every figure, a sparkline, the pace so far, a projection. Pure.

The projection, at the pace so far, to the target's deadline:

* an increment (新增 …) counts from zero at the period start: projected = latest / elapsed
  share of the window (the same share as 序时进度), so 535 on 2023-06-30 → 1,079 by 2023-12-31;
* a level with a baseline runs from the baseline at the period start, the same way;
* a level without one runs along the line through its first and latest figures (two figure
  dates needed); with one figure there is no pace to speak of, and no projection.

No projection once the deadline has passed, or when the target is already met; and never for
a rate (增长8%以上): the figure is the rate so far this year, compared with its target directly,
so there is no pace to extend (``why_not`` is ``rate``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..enums import Comparator, Kind, Rule, Status
from ..errors import KpiError
from ..grading import Baseline, Standing, expected_share, has_passed, holds, stand
from ..i18n import _
from ..model import Plan, Record, Target, Task
from .timeline import baselines_of, effective, latest_as_of

BLOCKS = "▁▂▃▄▅▆▇█"

#: Why a history has no projection.
WHY_NOT = ("no_figures", "needs_two_figures", "deadline_passed", "already_met", "rate")


def sparkline(values: Sequence[float], lo: float | None = None, hi: float | None = None) -> str:
    """``▁▃▅█``: one block per value between ``lo`` and ``hi`` (default: the values' range).

    A flat series sits in the middle (``▄▄▄``); values outside the range are clipped.
    """
    if not values:
        return ""
    lo = min(values) if lo is None else lo
    hi = max(values) if hi is None else hi
    if not hi > lo:
        return BLOCKS[3] * len(values)
    top = len(BLOCKS) - 1
    return "".join(BLOCKS[max(0, min(top, round(position(v, lo, hi) * top)))] for v in values)


def position(value: float, lo: float, hi: float) -> float:
    """Where ``value`` lies on the scale from ``lo`` (0.0) to ``hi`` (1.0), for every chart and
    sparkline: 0.5 when the scale is one value (equal figures, however large, sit in the
    middle: ``lo - 1`` is ``lo`` itself past 2**53); worked on halves, so that no finite
    figures overflow (``hi - lo`` of -1e308 and 1e308 would be infinite)."""
    span = hi / 2 - lo / 2
    if not span > 0:
        return 0.5
    share = (value / 2 - lo / 2) / span
    return share if math.isfinite(share) else 0.5


def spark_range(target: Target, values: Sequence[float]) -> tuple[float, float]:
    """Increments from zero up to the target (so the line shows the distance still to go);
    never a range that leaves out a figure (an increment below zero widens it downward);
    rates across their own range and the target (so the line shows where the target lies);
    levels across their own range (so a level held at 56 万亩 still shows its moves)."""
    if target.kind is Kind.increment:  # from zero, or below it for a figure under zero
        return min([0.0, *values]), max([target.target, *values])
    if target.kind is Kind.rate:
        return min([target.target, *values]), max([target.target, *values])
    return min(values), max(values)


@dataclass(frozen=True)
class Point:
    """One record of the target, graded on its own date; ``counts`` is False for a figure
    that a later record for the same date corrected."""

    record: Record
    standing: Standing
    counts: bool


@dataclass(frozen=True)
class Pace:
    """How fast the figure moved: from ``start`` (value, date) to ``end``."""

    start_value: float
    start_date: dt.date
    end_value: float
    end_date: dt.date
    per_day: float
    method: str  # "from_start" (from zero or the baseline at the period start) or "trend"


@dataclass(frozen=True)
class Projection:
    value: float  # at the deadline, rounded to ``places`` decimals
    target: float
    deadline: dt.date
    comparator: Comparator
    gap: float  # value − target, rounded like value
    reaches: bool  # the comparator holds for the projected value
    places: int


@dataclass(frozen=True)
class History:
    task: Task
    target: Target
    as_of: dt.date
    points: list[Point]
    series: list[Record]  # one record per figure date, oldest first
    sparkline: str
    standing: Standing  # at the as-of date
    pace: Pace | None
    projection: Projection | None
    why_not: str  # when there is no projection, why: one of WHY_NOT


def places_of(*numbers: float) -> int:
    """Decimals a person writes these numbers with: 1200 → 0, 50.7 → 1 (at most 4)."""
    most = 0
    for n in numbers:
        text = f"{n:.4f}".rstrip("0").rstrip(".")
        most = max(most, len(text.split(".")[1]) if "." in text else 0)
    return most


def history(plan: Plan, records: Sequence[Record], key: str, as_of: dt.date) -> History:
    """The history of target ``key`` from the ledger's ``records`` (in scan order) up to ``as_of``."""
    found = {t.id: (task, t) for task, t in plan.targets()}
    if key not in found:
        raise KpiError(_("{key} is a task that carries no number: it has states, not figures (`kpi "
                         "log {key}` lists them)").format(key=key))
    task, target = found[key]
    start = plan.plan.period_start
    mine = [r for r in records if r.target == key and r.date <= as_of]
    base = baselines_of(plan, mine).get(key)
    series = effective(mine, key, period_start=start)
    counting = {id(r) for r in series}
    points = [Point(r, stand(plan, task, target, r, r.date, base), id(r) in counting)
              for r in sorted(mine, key=lambda r: (r.date, r.recorded_at)) if r.date >= start]
    values = [r.value for r in series if r.value is not None]
    lo, hi = spark_range(target, values) if values else (0.0, 0.0)
    standing = stand(plan, task, target, latest_as_of(mine, as_of, start).get(key), as_of, base)
    pace, why = _pace(plan, target, series, standing.baseline)
    projection, why_projection = _project(plan, target, standing, pace, values, as_of)
    return History(task, target, as_of, points, series, sparkline(values, lo, hi), standing,
                   pace, projection, why or why_projection)


def _pace(plan: Plan, target: Target, series: list[Record],
          baseline: Baseline | None) -> tuple[Pace | None, str]:
    if target.kind is Kind.rate:
        return None, "rate"  # compared with its target directly: no pace
    if not series:
        return None, "no_figures"
    last = series[-1]
    assert last.value is not None
    start = plan.plan.period_start
    if target.kind is Kind.increment or baseline is not None:
        base = baseline.value if baseline is not None else 0.0
        days = (last.date - start).days + 1
        return Pace(base, start, last.value, last.date, (last.value - base) / days, "from_start"), ""
    if len(series) < 2:
        return None, "needs_two_figures"
    first = series[0]
    assert first.value is not None
    days = (last.date - first.date).days
    return Pace(first.value, first.date, last.value, last.date,
                (last.value - first.value) / days, "trend"), ""


def _project(plan: Plan, target: Target, standing: Standing, pace: Pace | None,
             values: list[float], as_of: dt.date) -> tuple[Projection | None, str]:
    deadline = standing.deadline
    if pace is None:
        return None, ""
    if has_passed(deadline, as_of) or pace.end_date >= deadline:
        return None, "deadline_passed"
    if standing.status is Status.met and standing.rule not in (Rule.floor, Rule.ceiling):
        return None, "already_met"  # met for good: only a floor or a ceiling can be lost again
    if pace.method == "from_start":
        share = expected_share(plan.plan.period_start, deadline, pace.end_date)
        raw = pace.start_value + (pace.end_value - pace.start_value) / share
    else:
        raw = pace.end_value + pace.per_day * (deadline - pace.end_date).days
    raw = max(raw, 0.0)
    if not math.isfinite(raw):  # figures so large their pace overflows: no number to show
        return None, ""
    places = places_of(target.target, *values)
    value = round(raw, places)
    gap = round(value - target.target, places)
    return Projection(value, target.target, deadline, target.comparator, gap,
                      holds(target.comparator, value, target.target,
                            plan.grading.approx_tolerance), places), ""
