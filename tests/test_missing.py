"""Who owes a figure (one rule), the 催报 list (kpi missing) and the fair ranking, on the small
plan built in conftest.py."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from linzi_kpi.compute.owed import missing, owed_by
from linzi_kpi.compute.scorecard import scorecards
from linzi_kpi.grading import evaluate
from linzi_kpi.model import Record

JUNE = dt.date(2023, 6, 30)
AT = dt.datetime(2023, 7, 1, 9, 0)


def rec(target: str, value: float, day: dt.date) -> Record:
    return Record(target, float(value), None, day, AT)


def test_the_first_lead_owes_else_the_first_responsible_that_is_not_collective(
        small_plan_model) -> None:
    plan = small_plan_model
    one, two, three = plan.tasks
    assert owed_by(plan, one) == "区发改局"  # lead 区发改局, responsible 区交通运输局
    assert owed_by(plan, two) == "区科技局"  # responsible only: the first
    assert owed_by(plan, three) is None  # 各镇、街道 is a collective name


def test_missing_lists_each_department_by_name_and_never_finished_work(small_plan_model) -> None:
    plan = small_plan_model
    records = [rec("1.1", 500, JUNE), rec("1.2", 8, dt.date(2023, 5, 31)),  # 1.2 met in May
               rec("2.1", 120, dt.date(2023, 5, 31))]  # reported in May, not in June
    owed = missing(plan, records, dt.date(2023, 6, 1))
    assert [(o.department, [(s.line.id, s.line.label) for s in o.lines]) for o in owed] == [
        ("区科技局", [("2.1", "高新技术企业数量"), ("2.2", "生活污水处理率"), ("2.3", "粮食播种面积"),
                   ("2.4", "黑臭水体")]),
        ("区发改局", [("1.3", "新建改造道路"), ("1.4", "公共充电站")]),
        (None, [("3", "加强组织领导")]),
    ]


def test_a_department_that_reported_nothing_ranks_below_one_that_reported_behind(
        small_plan_model) -> None:
    plan = small_plan_model
    latest = {t: rec(t, 0, JUNE) for t in ("1.1", "1.2", "1.3", "1.4")}  # task 1 all behind
    cards = scorecards(plan, evaluate(plan, latest, JUNE))
    # Best first: 各镇、街道 owes nothing and 区农业农村局 shares task 2 without owing it (0 %
    # behind; 各镇、街道 has fewer lines without a figure); 区发改局 and 区交通运输局 reported
    # task 1, behind; 区科技局 owes the four lines of task 2 and reported none: 100 % behind,
    # and ranked last, below those that reported and are behind.
    assert [(c.name, c.behind, c.unreported, round(c.behind_share, 2)) for c in cards] == [
        ("各镇、街道", 0, 0, 0.0), ("区农业农村局", 0, 0, 0.0), ("区发改局", 4, 0, 1.0),
        ("区交通运输局", 4, 0, 1.0), ("区科技局", 4, 4, 1.0)]


@pytest.fixture
def june(small_plan: Path, kpi, monkeypatch) -> Path:
    monkeypatch.chdir(small_plan.parent)
    monkeypatch.setenv("KPI_TODAY", "2023-07-10")
    for args in (("record", "1.1", "500", "--date", "2023-06-30"),
                 ("record", "1.2", "8", "--date", "2023-05-31")):
        assert kpi(*args).exit_code == 0
    return small_plan


def test_kpi_missing_prints_one_paragraph_per_department(june: Path, kpi, monkeypatch) -> None:
    monkeypatch.setenv("KPI_LANG", "zh")
    result = kpi("missing", "--month", "2023-06")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "区科技局：2023年6月以下 4 项尚未报送，请尽快报送：2.1 高新技术企业数量；2.2 生活污水处理率；"
        "2.3 粮食播种面积；2.4 黑臭水体。\n\n"
        "区发改局：2023年6月以下 2 项尚未报送，请尽快报送：1.3 新建改造道路；1.4 公共充电站。\n\n"
        # nobody to chase: not "请尽快报送" to no one, but what the analyst can do
        "（未明确应报部门）：2023年6月以下 1 项尚未报送，且无部门可催：请在计划中为其指定报送部门"
        "（reporter:）：3 加强组织领导。\n")
    # the default month is the one before today's (a return in early July reports June)
    assert kpi("missing").stdout == result.stdout
    en = kpi("missing", "--month", "2023-06", "--lang", "en").stdout
    assert en.startswith("区科技局: 4 not yet reported for 2023-06, please send: 2.1 高新技术企业数量; ")


def test_kpi_missing_json(june: Path, kpi) -> None:
    data = json.loads(kpi("missing", "--month", "2023-06", "--format", "json").stdout)
    assert (data["month"], data["as_of"]) == ("2023-06", "2023-06-30")
    assert [(d["department"], d["count"]) for d in data["departments"]] == [
        ("区科技局", 4), ("区发改局", 2), (None, 1)]
    assert data["departments"][2]["lines"] == [
        {"id": "3", "task": 3, "kind": "task", "label": "加强组织领导", "last_date": None}]


@pytest.mark.lang("zh")
def test_nothing_is_owed_for_a_month_before_the_plan_period(june: Path, kpi) -> None:
    # before: "2022年6月各项均已报送", and the bulletin listed every line as 未报送
    result = kpi("missing", "--month", "2022-06")
    assert result.stdout == "2022年6月无须报送：计划期自2023年1月1日开始。\n"
    assert json.loads(kpi("missing", "--month", "2022-06", "--format", "json").stdout
                      )["departments"] == []
    bulletin = kpi("report", "--as-of", "2022-06-30", "--format", "markdown").stdout
    assert bulletin.count("2022年6月无须报送：计划期自2023年1月1日开始。") == 2  # overview, 未报送
    assert "各项均已报送" not in bulletin
    page = kpi("report", "--as-of", "2022-06-30", "--format", "markdown", "--dept", "区发改局").stdout
    assert "2022年6月无须报送：计划期自2023年1月1日开始。" in page


def test_kpi_missing_refuses_a_month_that_is_not_one(june: Path, kpi) -> None:
    result = kpi("missing", "--month", "6/2023")
    assert (result.exit_code, result.stderr) == (
        2, "error: --month '6/2023' is not in the form YYYY-MM, e.g. 2023-06 (`kpi missing -h` "
           "shows how to use it)\n")
