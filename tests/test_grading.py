"""Grading against 序时进度 (grading.py): pure functions, at the boundary of every threshold."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linzi_kpi.grading import (
    SEVERITY,
    evaluate,
    expected_share,
    grade,
    grade_state,
    progress_of,
    worst,
)
from linzi_kpi.model import Comparator, Grading, Kind, Record, State, Status, Target

DEFAULT = Grading()  # at_risk_gap 0.10, off_track_gap 0.30, approx_tolerance 0.05
START = dt.date(2023, 1, 1)
END = dt.date(2023, 12, 31)
AT = dt.datetime(2023, 7, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def target(number: float = 1000, comparator: str = "at_least", kind: str = "increment",
           baseline: float | None = None, unit: str = "个") -> Target:
    return Target(id="1.1", label="测试指标", quote=f"测试{number}{unit}", target=number, unit=unit,
                  comparator=Comparator(comparator), kind=Kind(kind), baseline=baseline)


# ------------------------------------------------------------------ expected share (序时进度)


@pytest.mark.parametrize(("as_of", "share"), [
    (dt.date(2022, 12, 31), 0.0),  # before the period: nothing expected yet
    (dt.date(2023, 1, 1), 1 / 365),  # the first day counts
    (dt.date(2023, 6, 30), 181 / 365),
    (dt.date(2023, 7, 2), 183 / 365),  # the middle day of the year
    (dt.date(2023, 12, 30), 364 / 365),
    (dt.date(2023, 12, 31), 1.0),  # at the deadline: all of it
    (dt.date(2024, 1, 15), 1.0),  # after: still all of it, never more
])
def test_expected_share_over_the_year(as_of: dt.date, share: float) -> None:
    assert expected_share(START, END, as_of) == share


def test_expected_share_of_a_multi_year_target() -> None:
    deadline = dt.date(2025, 12, 31)  # 到2025年: 1096 days from 2023-01-01
    assert expected_share(START, deadline, dt.date(2023, 12, 31)) == 365 / 1096
    assert expected_share(START, deadline, dt.date(2025, 12, 31)) == 1.0


# ------------------------------------------------------------------ progress


def test_progress_is_actual_over_target() -> None:
    assert progress_of(target(1200), 600) == 0.5
    assert progress_of(target(1200), 1500) == 1.25  # not capped: ahead shows as ahead


def test_progress_of_a_level_with_a_baseline_is_the_distance_travelled() -> None:
    t = target(170, kind="level", baseline=150, unit="家")
    assert progress_of(t, 160) == 0.5
    assert progress_of(t, 150) == 0.0
    assert progress_of(t, 170) == 1.0
    assert progress_of(t, 140) == -0.5  # fell back below the baseline
    assert progress_of(target(170, kind="level", unit="家"), 160) == 160 / 170  # no baseline


def test_baseline_is_ignored_for_an_increment() -> None:
    assert progress_of(target(100, kind="increment", baseline=50), 25) == 0.25


# ------------------------------------------------------------------ at_least: the thresholds


@pytest.mark.parametrize(("actual", "expected", "status"), [
    (400, 0.5, Status.at_risk),  # gap exactly 0.10
    (400.001, 0.5, Status.on_track),  # gap just under 0.10
    (600, 0.7, Status.at_risk),  # 0.7 - 0.6 is 0.0999…98 in floating point: still exactly 0.10
    (401, 0.5, Status.on_track),
    (399, 0.5, Status.at_risk),
    (200, 0.5, Status.at_risk),  # gap exactly 0.30
    (400, 0.7, Status.at_risk),  # 0.7 - 0.4 is 0.2999…93: exactly 0.30
    (199.999, 0.5, Status.off_track),  # gap just over 0.30
    (199, 0.5, Status.off_track),
    (0, 0.5, Status.off_track),
    (0, 0.05, Status.on_track),  # early in the year nothing done is not yet behind
    (999.999, 1.0, Status.on_track),  # deadline day, a hair short: on pace, not met
    (1000, 0.5, Status.met),  # reached
    (1250, 0.1, Status.met),  # beyond
])
def test_at_least_thresholds(actual: float, expected: float, status: Status) -> None:
    assert grade(target(1000), actual, expected, False, DEFAULT) is status


def test_thresholds_come_from_the_plan() -> None:
    strict = Grading(at_risk_gap=0.05, off_track_gap=0.2, approx_tolerance=0.0)
    assert grade(target(1000), 450, 0.5, False, strict) is Status.at_risk  # 0.05: at_risk
    assert grade(target(1000), 450, 0.5, False, DEFAULT) is Status.on_track
    assert grade(target(1000), 299, 0.5, False, strict) is Status.off_track  # 0.201
    assert grade(target(1000), 299, 0.5, False, DEFAULT) is Status.at_risk


def test_at_least_after_the_deadline_is_met_or_missed() -> None:
    assert grade(target(1200), 1000, 1.0, True, DEFAULT) is Status.missed
    assert grade(target(1200), 1199.99, 1.0, True, DEFAULT) is Status.missed
    assert grade(target(1200), 1200, 1.0, True, DEFAULT) is Status.met
    assert grade(target(1200), 1250, 1.0, True, DEFAULT) is Status.met


def test_no_figure_is_no_data() -> None:
    for comparator in Comparator:
        assert grade(target(comparator=comparator.value), None, 0.5, False, DEFAULT) is Status.no_data
        assert grade(target(comparator=comparator.value), None, 1.0, True, DEFAULT) is Status.no_data


def test_charging_pile_figures() -> None:
    """The issue's example: 23.1, 1200 个, as of 2023-06-30 (181/365 of the year)."""
    piles = target(1200)
    share = expected_share(START, END, dt.date(2023, 6, 30))
    assert grade(piles, 600, share, False, DEFAULT) is Status.on_track
    assert grade(piles, 100, share, False, DEFAULT) is Status.off_track
    assert grade(piles, 1250, share, False, DEFAULT) is Status.met
    assert grade(piles, 1000, 1.0, True, DEFAULT) is Status.missed


# ------------------------------------------------------------------ level with a baseline


def test_level_with_a_baseline_is_graded_on_the_distance_travelled() -> None:
    t = target(170, kind="level", baseline=150, unit="家")
    assert grade(t, 160, 0.5, False, DEFAULT) is Status.on_track  # progress 0.5
    assert grade(t, 158, 0.5, False, DEFAULT) is Status.at_risk  # progress 0.4: gap 0.10
    assert grade(t, 154, 0.5, False, DEFAULT) is Status.at_risk  # progress 0.2: gap 0.30
    assert grade(t, 153, 0.5, False, DEFAULT) is Status.off_track  # progress 0.15: gap 0.35
    assert grade(t, 150, 0.5, False, DEFAULT) is Status.off_track  # where it started
    # without the baseline, 150 of 170 is graded by its shortfall, 20/170 = 11.8 points: at risk
    # (it used to read 88 % progress against 50 %: on track)
    assert grade(target(170, kind="level", unit="家"), 150, 0.5, False, DEFAULT) is Status.at_risk
    assert grade(t, 170, 0.5, False, DEFAULT) is Status.met


# ------------------------------------------------------------------ at_most (a ceiling)


@pytest.mark.parametrize(("actual", "overdue", "status"), [
    (0, False, Status.on_track),
    (99.9, False, Status.on_track),
    (100, False, Status.on_track),  # at the cap is within it
    (100.001, False, Status.off_track),  # the moment it exceeds
    (150, False, Status.off_track),
    (100, True, Status.met),
    (80, True, Status.met),
    (100.001, True, Status.missed),
])
def test_at_most(actual: float, overdue: bool, status: Status) -> None:
    # the expected share plays no part for a ceiling
    for expected in (0.0, 0.5, 1.0):
        assert grade(target(100, "at_most", "level"), actual, expected, overdue, DEFAULT) is status


# ------------------------------------------------------------------ maintain_at_least


@pytest.mark.parametrize(("actual", "overdue", "status"), [
    (56, False, Status.on_track),
    (57, False, Status.on_track),
    (55.99, False, Status.off_track),  # any dip below is off track, however early
    (0, False, Status.off_track),
    (56, True, Status.met),
    (55.99, True, Status.missed),
])
def test_maintain_at_least(actual: float, overdue: bool, status: Status) -> None:
    line = target(56, "maintain_at_least", "level", unit="万亩")
    for expected in (0.01, 0.5, 1.0):
        assert grade(line, actual, expected, overdue, DEFAULT) is status


# ------------------------------------------------------------------ approx (左右)


def test_approx_is_met_within_the_tolerance() -> None:
    about = target(8, "approx")  # 8个左右: met from 7.6 (5 % below)
    assert grade(about, 7.6, 0.5, False, DEFAULT) is Status.met
    assert grade(about, 8, 0.5, False, DEFAULT) is Status.met
    assert grade(about, 9, 0.5, False, DEFAULT) is Status.met
    assert grade(about, 7.59, 0.5, False, DEFAULT) is Status.on_track
    assert grade(about, 7.59, 1.0, True, DEFAULT) is Status.missed
    assert grade(about, 7.6, 1.0, True, DEFAULT) is Status.met
    exact = Grading(approx_tolerance=0.0)
    assert grade(about, 7.6, 1.0, True, exact) is Status.missed
    assert grade(about, 4, 0.5, False, DEFAULT) is Status.on_track  # progress 0.5, gap 0
    assert grade(about, 3.2, 0.5, False, DEFAULT) is Status.at_risk  # progress 0.4, gap 0.10


# ------------------------------------------------------------------ monotonicity (property)

GOODNESS = {status: rank for rank, status in enumerate(SEVERITY)}  # higher is better
actuals = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
shares = st.floats(min_value=0, max_value=1, allow_nan=False)


@given(a=actuals, b=actuals, expected=shares, overdue=st.booleans(),
       comparator=st.sampled_from(["at_least", "approx"]),
       goal=st.floats(min_value=0.1, max_value=1e5, allow_nan=False),
       baseline=st.one_of(st.none(), st.floats(min_value=0, max_value=0.99)))
def test_more_never_grades_worse_for_at_least(a: float, b: float, expected: float,
                                               overdue: bool, comparator: str, goal: float,
                                               baseline: float | None) -> None:
    low, high = sorted((a, b))
    t = target(goal, comparator, "level" if baseline is not None else "increment",
               None if baseline is None else baseline * goal)
    assert GOODNESS[grade(t, high, expected, overdue, DEFAULT)] >= \
        GOODNESS[grade(t, low, expected, overdue, DEFAULT)]


@given(a=actuals, b=actuals, expected=shares, overdue=st.booleans(),
       goal=st.floats(min_value=0.1, max_value=1e5, allow_nan=False))
def test_more_never_grades_better_for_at_most(a: float, b: float, expected: float,
                                              overdue: bool, goal: float) -> None:
    low, high = sorted((a, b))
    t = target(goal, "at_most", "level")
    assert GOODNESS[grade(t, high, expected, overdue, DEFAULT)] <= \
        GOODNESS[grade(t, low, expected, overdue, DEFAULT)]


@given(actual=actuals, e1=shares, e2=shares, goal=st.floats(min_value=0.1, max_value=1e5))
def test_more_time_elapsed_never_grades_better(actual: float, e1: float, e2: float,
                                               goal: float) -> None:
    early, late = sorted((e1, e2))
    t = target(goal)
    assert GOODNESS[grade(t, actual, late, False, DEFAULT)] <= \
        GOODNESS[grade(t, actual, early, False, DEFAULT)]


# ------------------------------------------------------------------ tasks: states and roll-up


@pytest.mark.parametrize(("state", "overdue", "status"), [
    (None, False, Status.no_data),
    (None, True, Status.no_data),
    (State.done, False, Status.met),
    (State.done, True, Status.met),
    (State.in_progress, False, Status.on_track),
    (State.not_started, False, Status.at_risk),
    (State.blocked, False, Status.off_track),
    (State.in_progress, True, Status.missed),
    (State.not_started, True, Status.missed),
    (State.blocked, True, Status.missed),
])
def test_state_mapping(state: State | None, overdue: bool, status: Status) -> None:
    assert grade_state(state, overdue) is status


@pytest.mark.parametrize(("statuses", "result"), [
    ([Status.met, Status.on_track], Status.on_track),
    ([Status.met, Status.met], Status.met),
    ([Status.met, Status.no_data], Status.no_data),  # an unreported target holds a task back
    ([Status.no_data, Status.at_risk], Status.at_risk),
    ([Status.on_track, Status.at_risk, Status.off_track], Status.off_track),
    ([Status.met, Status.missed, Status.off_track], Status.missed),
    ([], Status.no_data),
])
def test_worst_of(statuses: list[Status], result: Status) -> None:
    assert worst(statuses) is result


def test_severity_is_worst_first() -> None:
    assert SEVERITY == (Status.missed, Status.off_track, Status.at_risk, Status.no_data,
                        Status.on_track, Status.met)


@pytest.fixture(scope="module")
def plan(small_plan_model):
    """The tests' own three-task plan (conftest.SMALL_PLAN), not the shipped one."""
    return small_plan_model


def figure(key: str, value: float, day: dt.date) -> Record:
    return Record(key, value, None, day, AT, unit="")


def state(key: str, value: State, day: dt.date) -> Record:
    return Record(key, None, value, day, AT)


def test_evaluate_rolls_targets_up_to_their_task(plan) -> None:
    june = dt.date(2023, 6, 30)
    targets_of_1 = [t.id for t in next(t for t in plan.tasks if t.number == 1).targets]
    assert targets_of_1 == ["1.1", "1.2", "1.3", "1.4"]
    latest = {"1.1": figure("1.1", 600, june), "1.2": figure("1.2", 8, june),
              "1.3": figure("1.3", 20, june), "3": state("3", State.blocked, june)}
    report = evaluate(plan, latest, june)
    by_id = {s.target.id: s for s in report.targets}
    assert by_id["1.2"].status is Status.met  # 8个左右, reached
    assert by_id["1.3"].status is Status.off_track  # 20 of 116.1 at half time
    assert by_id["1.1"].status is Status.on_track
    assert by_id["1.1"].actual == 600 and by_id["1.1"].actual_date == june
    assert by_id["1.1"].progress == 0.5 and by_id["1.1"].expected == 181 / 365
    assert by_id["2.1"].status is Status.no_data and by_id["2.1"].progress is None
    tasks = {t.task.number: t for t in report.tasks}
    assert tasks[1].status is Status.off_track  # the worst of met, on_track, off_track, no_data
    assert tasks[3].status is Status.off_track and tasks[3].state is State.blocked
    assert tasks[3].state_date == june
    assert tasks[2].status is Status.no_data and tasks[2].state is None
    assert len(report.targets) == 8
    assert len(report.tasks) == 3
    summary = report.summary()
    assert list(summary) == [s.value for s in Status]
    assert summary["met"] == 1 and summary["off_track"] == 1 and summary["on_track"] == 1
    assert summary["no_data"] == 5
    assert report.task_summary()["off_track"] == 2  # tasks 1 and 3


@pytest.mark.parametrize(("task_state", "task_status"), [
    (State.in_progress, Status.missed), (State.done, Status.met)])
def test_evaluate_after_the_period(plan, task_state: State, task_status: Status) -> None:
    later = dt.date(2024, 1, 15)
    latest = {"1.1": figure("1.1", 1000, dt.date(2023, 12, 31)),
              "3": state("3", task_state, dt.date(2023, 11, 30))}
    report = evaluate(plan, latest, later)
    by_id = {s.target.id: s for s in report.targets}
    assert by_id["1.1"].status is Status.missed and by_id["1.1"].expected == 1.0
    tasks = {t.task.number: t for t in report.tasks}
    assert tasks[3].status is task_status
    # a 到2025年 target is not overdue in January 2024
    assert by_id["1.4"].deadline == dt.date(2025, 12, 31)
    assert by_id["1.4"].expected == 380 / 1096


# ------------------------------------------------------------------ the five rules (issue 9)
# The worked examples of grading.py's docstring and the README, each through ``stand``: what
# every output shows (progress, expected, gap, rule) comes from one Standing.

MID_YEAR = dt.date(2023, 6, 30)  # 序时进度 181/365 = 49.6 %


def _standing(plan, key: str, value: float, baseline: Record | None = None):
    from linzi_kpi.grading import stand

    task, target = next((task, t) for task, t in plan.targets() if t.id == key)
    return stand(plan, task, target, figure(key, value, MID_YEAR), MID_YEAR, baseline)


def test_a_rate_without_a_baseline_is_graded_by_its_shortfall(plan) -> None:
    # 生活污水处理率 60 of 95 % at mid-year: it read 63 % progress against 50 %: on track
    s = _standing(plan, "2.2", 60)
    assert (s.rule.value, s.baseline, s.needs_baseline) == ("shortfall", None, True)
    assert (round(s.progress, 4), s.expected, round(s.gap, 4)) == (0.6316, None, 0.3684)
    assert s.status is Status.off_track  # 36.8 points short of the target


def test_a_stock_without_a_baseline_is_graded_by_its_shortfall(plan) -> None:
    s = _standing(plan, "2.1", 156)  # 高新技术企业 156 of 170
    assert (s.rule.value, s.expected, round(s.gap, 4)) == ("shortfall", None, 0.0824)
    assert s.status is Status.on_track  # 8.2 points short


def test_a_stock_with_a_recorded_baseline_is_graded_from_it(plan) -> None:
    from linzi_kpi.grading import Baseline

    base = Record("2.1", 150, None, dt.date(2022, 12, 31), AT, source="2022年末数")
    s = _standing(plan, "2.1", 160, base)  # 160 of 170 from 150: half way, at mid-year
    assert s.rule.value == "from_baseline"
    assert s.baseline == Baseline(150, "2022年末数", dt.date(2022, 12, 31))
    assert (s.progress, s.expected, round(s.gap, 4)) == (0.5, 181 / 365, -0.0041)
    assert s.status is Status.on_track
    # the same figure from a baseline of 158: 2 of 12 travelled, 33 points behind
    s = _standing(plan, "2.1", 160, Record("2.1", 158, None, dt.date(2022, 12, 31), AT))
    assert (round(s.progress, 4), s.status) == (0.1667, Status.off_track)


def test_the_plans_baseline_wins_over_a_recorded_one() -> None:
    from linzi_kpi.grading import Baseline, baseline_for

    t = Target(id="1.1", label="测试", quote="测试170家", target=170, unit="家",
               comparator=Comparator.at_least, kind=Kind.level, baseline=150,
               baseline_source="2022年统计公报")
    recorded = Record("1.1", 140, None, dt.date(2022, 12, 31), AT, source="上年末数")
    assert baseline_for(t, recorded) == Baseline(150, "2022年统计公报")
    bare = Target(id="1.1", label="测试", quote="测试170家", target=170, unit="家",
                  comparator=Comparator.at_least, kind=Kind.level)
    assert baseline_for(bare, recorded) == Baseline(140, "上年末数", dt.date(2022, 12, 31))
    assert baseline_for(bare, None) is None
    increment = Target(id="1.1", label="测试", quote="测试170家", target=170, unit="家",
                       comparator=Comparator.at_least, kind=Kind.increment)
    assert baseline_for(increment, recorded) is None  # an increment starts from zero


def test_an_increment_is_held_to_its_pace(plan) -> None:
    s = _standing(plan, "1.1", 474)  # 474 of 1200: 39.5 % against 49.6 %, 10.1 points behind
    assert (s.rule.value, s.progress, s.expected, round(s.gap, 4)) == (
        "pace", 0.395, 181 / 365, 0.1009)
    assert s.status is Status.at_risk
    s = _standing(plan, "1.1", 600)
    assert (round(s.gap, 4), s.status) == (-0.0041, Status.on_track)


def test_a_floor_and_a_ceiling_hold_or_not_without_progress(plan) -> None:
    floor = _standing(plan, "2.3", 54.1)  # 粮食播种面积 稳定在56万亩以上
    assert (floor.rule.value, floor.progress, floor.expected, floor.gap, floor.status) == (
        "floor", None, None, None, Status.off_track)
    assert _standing(plan, "2.3", 56).status is Status.on_track
    ceiling = _standing(plan, "2.4", 0)  # 建成区黑臭水体动态清零: at most 0
    assert (ceiling.rule.value, ceiling.progress, ceiling.expected, ceiling.gap,
            ceiling.status) == ("ceiling", None, None, None, Status.on_track)
    assert _standing(plan, "2.4", 1).status is Status.off_track


def test_the_rule_of_a_level_with_the_plans_baseline_needs_no_record() -> None:
    from linzi_kpi.enums import Rule
    from linzi_kpi.grading import rule_of

    with_base = target(170, kind="level", baseline=150, unit="家")
    assert rule_of(with_base, None) is Rule.from_baseline
    assert rule_of(target(170, kind="level", unit="家"), None) is Rule.shortfall
    assert rule_of(target(1200), None) is Rule.pace
    assert rule_of(target(0, "at_most", "level"), None) is Rule.ceiling
    assert rule_of(target(56, "maintain_at_least", "level"), None) is Rule.floor


def test_a_baseline_already_beyond_the_target_is_judged_by_the_shortfall(plan) -> None:
    # 生活污水处理率 达到95%: 100 last year, 94 now. There is no distance to travel from 100 to
    # 95 ((94 − 100) / (95 − 100) would read as 120 % progress: met, for a rate below its
    # target; clipped, as 0 %: off track, for a rate 1 point short): judged by its shortfall,
    # 1 point of 95, with its baseline known (not 缺基数)
    base = Record("2.2", 100, None, dt.date(2022, 12, 31), AT, source="上年末数")
    s = _standing(plan, "2.2", 94, base)
    assert (s.rule.value, s.progress, round(s.gap, 4), s.status, s.needs_baseline) == (
        "shortfall", 94 / 95, round(1 / 95, 4), Status.on_track, False)
    assert _standing(plan, "2.2", 80, base).status is Status.at_risk  # 15.8 points short
    assert _standing(plan, "2.2", 95.5, base).status is Status.met


@pytest.mark.parametrize(("as_of", "target_status", "task_status"), [
    (dt.date(2023, 12, 30), Status.at_risk, Status.on_track),  # the day before: not yet final
    (dt.date(2023, 12, 31), Status.missed, Status.missed),  # the deadline's own day: final
])
def test_a_deadline_passes_at_the_end_of_its_day(plan, as_of: dt.date, target_status: Status,
                                                 task_status: Status) -> None:
    latest = {"1.1": figure("1.1", 1000, dt.date(2023, 12, 1)),
              "3": state("3", State.in_progress, dt.date(2023, 11, 30))}
    report = evaluate(plan, latest, as_of)
    by_id = {s.target.id: s for s in report.targets}
    assert by_id["1.1"].status is target_status
    assert {t.task.number: t.status for t in report.tasks}[3] is task_status
