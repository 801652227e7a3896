"""The monthly cycle's computation (linzi_kpi.compute): pure functions over plan, records and dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linzi_kpi import ledger, service
from linzi_kpi.compute.changes import changes
from linzi_kpi.compute.history import BLOCKS, history, places_of, sparkline
from linzi_kpi.compute.scorecard import department_detail, scorecards, task_lines
from linzi_kpi.compute.timeline import (
    baselines_of,
    effective,
    latest_as_of,
    month_start,
    previous_month_end,
)
from linzi_kpi.enums import State, Status
from linzi_kpi.grading import evaluate
from linzi_kpi.model import Record
from linzi_kpi.render.cycle import pace_sentence, projection_sentence
from linzi_kpi.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
#: The shipped plan, for what is about its departments; the rest use the tests' own small plan.
PLAN = service.open_plan(Workspace(ROOT / "data"))
AT = dt.datetime(2023, 7, 3, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
D = dt.date


@pytest.fixture(scope="session")
def small(small_plan_model):
    """The tests' own three-task plan (conftest.SMALL_PLAN): 1.1 counts 1200 个 by the year end,
    2.1 is a level of 170 家, 2.2 a rate, 3 a task without a number."""
    return small_plan_model


def rec(target: str, value: float | str, day: dt.date, minute: int = 0) -> Record:
    state = State(value) if isinstance(value, str) else None
    number = None if isinstance(value, str) else float(value)
    return Record(target, number, state, day, AT + dt.timedelta(minutes=minute))


# ---------------------------------------------------------------- timeline


def test_latest_as_of_ignores_later_figures_and_takes_the_last_recorded_of_a_day(small) -> None:
    records = [rec("1.1", 100, D(2023, 3, 31)), rec("1.1", 300, D(2023, 4, 30), 1),
               rec("1.1", 250, D(2023, 4, 30), 2), rec("1.1", 700, D(2023, 7, 31))]
    start = small.plan.period_start
    assert latest_as_of(records, D(2023, 3, 31), start)["1.1"].value == 100
    assert latest_as_of(records, D(2023, 6, 30), start)["1.1"].value == 250
    assert [r.value for r in effective(records, "1.1")] == [100, 250, 700]
    assert [r.value for r in effective(records, "1.1", D(2023, 5, 1))] == [100, 250]


def test_latest_as_of_agrees_with_the_ledger_scan(small, tmp_path: Path) -> None:
    records = [rec("1.1", 100, D(2023, 3, 31)), rec("1.1", 90, D(2023, 3, 31)),
               rec("2.1", 140, D(2023, 6, 30)), rec("3", "in_progress", D(2023, 5, 31)),
               rec("3", "done", D(2023, 9, 30)),
               # baselines: dated before the period (a baseline only) and on its first day
               rec("2.1", 120, D(2022, 12, 31)), rec("2.1", 118, D(2022, 12, 31), 5),
               rec("2.2", 80, D(2023, 1, 1))]
    ledger.append(tmp_path, "2023-06.csv", records)
    checker = ledger.RecordChecker(small, D(2024, 3, 1))
    start = small.plan.period_start
    for day in (D(2023, 3, 31), D(2023, 6, 30), D(2023, 12, 31)):
        scanned = ledger.scan(tmp_path, checker, as_of=day).latest
        ours = latest_as_of(ledger.scan(tmp_path, checker, keep=True).records, day, start)
        assert {k: (r.value, r.state) for k, r in ours.items()} == \
               {k: (r.value, r.state) for k, r in scanned.items()}
    assert latest_as_of(records, D(2023, 1, 1), start)["2.2"].value == 80
    assert "2.1" not in latest_as_of(records, D(2023, 3, 31), start)  # a baseline only
    read = ledger.scan(tmp_path, checker, keep=True)
    assert {k: r.value for k, r in read.baselines.items()} == {"2.1": 118, "2.2": 80}
    assert {k: r.value for k, r in baselines_of(small, read.records).items()} == \
        {"2.1": 118, "2.2": 80}


def test_month_helpers() -> None:
    assert month_start(D(2023, 6, 30)) == D(2023, 6, 1)
    assert previous_month_end(D(2023, 6, 30)) == D(2023, 5, 31)
    assert previous_month_end(D(2024, 3, 1)) == D(2024, 2, 29)
    assert previous_month_end(D(2023, 1, 15)) == D(2022, 12, 31)


# ---------------------------------------------------------------- sparkline


def test_sparkline_spans_the_blocks() -> None:
    assert sparkline([0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█"
    assert sparkline([5, 5, 5]) == "▄▄▄"
    assert sparkline([]) == ""
    assert sparkline([0, 600, 1200], 0, 1200) == "▁▅█"
    assert sparkline([-10, 2000], 0, 1200) == "▁█"  # clipped


@settings(max_examples=200)
@given(st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=30))
def test_sparkline_one_block_per_value_and_monotone(values: list[float]) -> None:
    line = sparkline(values)
    assert len(line) == len(values)
    assert set(line) <= set(BLOCKS)
    ordered = sparkline(sorted(values))
    assert list(ordered) == sorted(ordered, key=BLOCKS.index)


def test_places_of() -> None:
    assert places_of(1200) == 0
    assert places_of(1200, 50.7) == 1
    assert places_of(99.25, 3) == 2


# ---------------------------------------------------------------- history


def test_history_projects_an_increment_from_zero_at_the_period_start(small) -> None:
    # 216 on day 73 of 365 is 2.96 a day: 1,080 by the year end.
    h = history(small, [rec("1.1", 216, D(2023, 3, 14))], "1.1", D(2023, 3, 31))
    assert h.projection is not None
    assert (h.projection.value, h.projection.gap, h.projection.reaches) == (1080, -120, False)
    assert projection_sentence(h, "en") == "at this pace: 1,080 of 1,200 by 2023-12-31, short by 120"
    assert projection_sentence(h, "zh") == "按此进度：到 2023年12月31日 达到 1,080 / 1,200 个，差 120"
    assert pace_sentence(h, "en") == ("pace so far: 216 个 by 2023-03-14 (2.96 个 a day), "
                                      "18.0% done at 20.0% 序时进度")


def test_history_of_a_level_follows_the_line_through_its_figures(small) -> None:
    records = [rec("2.1", 120, D(2023, 3, 31)), rec("2.1", 140, D(2023, 6, 30))]
    h = history(small, records, "2.1", D(2023, 7, 5))
    assert h.pace is not None and h.pace.method == "trend"
    # 20 in 91 days, then 184 days more: 140 + 20 / 91 * 184 = 180.4 → 180 (of 170)
    assert h.projection is not None and (h.projection.value, h.projection.gap) == (180, 10)
    assert projection_sentence(h, "en") == "at this pace: 180 of 170 by 2023-12-31, ahead by 10"
    assert h.sparkline == "▁█"


def test_history_of_a_level_with_one_figure_has_no_projection(small) -> None:
    h = history(small, [rec("2.1", 120, D(2023, 3, 31))], "2.1", D(2023, 7, 5))
    assert (h.pace, h.projection, h.why_not) == (None, None, "needs_two_figures")
    assert projection_sentence(h, "en") == "a level needs two figures (or a baseline) for a projection"


def test_history_marks_corrected_figures_and_stops_projecting_after_the_deadline(small) -> None:
    records = [rec("1.1", 300, D(2023, 4, 30), 1), rec("1.1", 250, D(2023, 4, 30), 2)]
    h = history(small, records, "1.1", D(2024, 3, 1))
    assert [(p.record.value, p.counts) for p in h.points] == [(300, False), (250, True)]
    assert [r.value for r in h.series] == [250]
    assert (h.projection, h.why_not, h.standing.status) == (None, "deadline_passed", Status.missed)


def test_history_of_a_met_target_says_so(small) -> None:
    h = history(small, [rec("1.1", 1250, D(2023, 9, 30))], "1.1", D(2023, 10, 1))
    assert (h.projection, h.why_not) == (None, "already_met")


def test_history_refuses_a_task_without_a_number(small) -> None:
    from linzi_kpi.errors import KpiError

    with pytest.raises(KpiError, match=r"^3 is a task that carries no number"):
        history(small, [], "3", D(2023, 7, 1))


@settings(max_examples=100)
@given(st.integers(min_value=0, max_value=5000), st.integers(min_value=0, max_value=5000),
       st.integers(min_value=1, max_value=300))
def test_projection_grows_with_the_figure(small, a: int, b: int, day: int) -> None:
    when = D(2023, 1, 1) + dt.timedelta(days=day - 1)
    low, high = sorted((a, b))
    hl = history(small, [rec("1.1", low, when)], "1.1", when)
    hh = history(small, [rec("1.1", high, when)], "1.1", when)
    if hl.projection and hh.projection:
        assert hl.projection.value <= hh.projection.value


# ---------------------------------------------------------------- scorecards


def test_every_line_is_counted_once_per_department_role() -> None:
    report = evaluate(PLAN, {}, D(2023, 6, 30))
    cards = scorecards(PLAN, report)
    lines = task_lines(report)
    assert len(lines) == 91 + sum(1 for t in PLAN.tasks if not t.targets)
    assert sum(c.lead_total for c in cards) == sum(len(set(_leads(t))) for t, _ in lines)
    assert all(c.name != "区卫生健康局" for c in cards)  # the alias folds into 区卫健局


def _leads(task) -> list[str]:
    from linzi_kpi.query import canonical

    return canonical(PLAN, task.lead)


def test_scorecards_rank_the_best_department_first() -> None:
    latest = {"23.1": rec("23.1", 10, D(2023, 6, 30)), "28.1": rec("28.1", 0, D(2023, 6, 30))}
    cards = scorecards(PLAN, evaluate(PLAN, latest, D(2023, 6, 30)))
    # 28.1 (led by 区发改局) and 23.1 (led by 区综合行政执法局 and 区交通运输局, shared by
    # 区发改局, 临淄交警大队 …) are both off track; every other line has no figure, and counts
    # against the department that owes it (its first lead) as a line behind.
    police = next(c for c in cards if c.name == "临淄交警大队")
    assert (police.behind, police.unreported, police.behind_share, police.worst) == (
        1, 0, 1.0, Status.off_track)
    fdc = next(c for c in cards if c.name == "区发改局")
    assert (fdc.lead[Status.off_track], fdc.shared[Status.off_track]) == (1, 1)
    assert fdc.behind == 2 + fdc.unreported
    shares = [c.behind_share for c in cards]
    assert shares == sorted(shares)  # the smallest share behind first


def test_department_detail_splits_lead_and_shared_and_resolves_aliases() -> None:
    report = evaluate(PLAN, {}, D(2023, 6, 30))
    detail = department_detail(PLAN, report, "区卫生健康局")
    assert detail.name == "区卫健局"
    lead_ids = [s.target.id for s in detail.lead.targets]
    assert lead_ids == ["60.1", "60.2", "60.3"]
    assert "59.1" in [s.target.id for s in detail.shared.targets]
    assert detail.lead.counts()[Status.no_data] == len(detail.lead.targets) + sum(
        1 for t in detail.lead.tasks if not t.task.targets)


# ---------------------------------------------------------------- changes


def test_changes_lists_moves_new_figures_and_stale_lines(small) -> None:
    records = [rec("1.1", 320, D(2023, 5, 31)), rec("1.1", 535, D(2023, 6, 30)),
               rec("1.3", 5, D(2023, 6, 30)), rec("2.1", 140, D(2023, 5, 31)),
               rec("3", "in_progress", D(2023, 6, 15))]
    c = changes(small, records, D(2023, 5, 31), D(2023, 6, 30))
    assert [(m.line.id, m.before.value, m.after.value, m.worse) for m in c.moves] == [
        ("1.3", "no_data", "off_track", True),
        ("1.1", "at_risk", "on_track", False),  # the better moves in plan order
        ("3", "no_data", "on_track", False),
    ]
    assert [(r.target, r.date) for r in c.new] == [("3", D(2023, 6, 15)), ("1.1", D(2023, 6, 30)),
                                                    ("1.3", D(2023, 6, 30))]  # by date, plan order
    stale = {s.line.id: s.last for s in c.stale}
    assert "1.1" not in stale and "1.3" not in stale and "3" not in stale
    assert stale["2.1"] is not None and stale["2.1"].date == D(2023, 5, 31)  # reported in May only
    assert stale["1.2"] is None  # never reported
    assert c.month == D(2023, 6, 1)


def test_changes_leaves_out_targets_whose_deadline_passed_before_the_month(small) -> None:
    c = changes(small, [], D(2024, 1, 31), D(2024, 2, 29))
    deadlines = {s.line.deadline for s in c.stale}
    assert all(d >= D(2024, 2, 1) for d in deadlines)
    assert not any(s.line.id == "1.1" for s in c.stale)  # due 2023-12-31


def test_changes_needs_from_before_to(small) -> None:
    with pytest.raises(ValueError):
        changes(small, [], D(2023, 6, 30), D(2023, 6, 30))
