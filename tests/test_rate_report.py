"""Rates (``kind: rate``) in the report model of the bulletin and a department's page, and in
``kpi missing``: the merge of rates (test_rate.py) with the one report model written to HTML,
Markdown and Word (test_report_docx.py). The plan and its figures are test_rate.py's, illustrative
(示例), made up for the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_rate import write_plan

NOTE = ("增速指标：本年累计增速直接与目标比较（见“实际/目标”），不按序时进度、不推算；低于目标不足 1 "
        "个百分点为正常，1–3 个百分点为预警，超过 3 为滞后；趋势图中的虚线为目标。")


@pytest.fixture
def rates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KPI_LANG", "zh")
    return write_plan(tmp_path / "data")


def test_the_bulletin_lists_a_rate_by_status_against_its_target(rates: Path, kpi) -> None:
    md = kpi("report", "--as-of", "2023-06-30", "--lang", "zh").stdout
    by_status = md.split("## 各指标状态")[1].split("## 本期变化")[0]
    # a rate: against its target, no progress, its rule in place of 序时进度, the points short
    assert "| 1.3 | 单位GDP能耗降幅 | −1.2% / ≥ 3% | — | 增速 | +4.2 | 区发改局 |  |" in by_status
    assert "| 1.1 | 地区生产总值增速 | 7.5% / ≥ 8% | — | 增速 | +0.5 | 区发改局 |  |" in by_status
    assert "| 1.5 | 新增充电桩 | 600 / 1,200 个 | 50.0% | 49.6% | −0.4 | 区发改局 |  |" in by_status
    assert by_status.rstrip().endswith(NOTE)
    assert md.count(NOTE) == 1


def test_the_html_bulletin_says_the_rule_of_rates_once(rates: Path, kpi, tmp_path: Path) -> None:
    page = tmp_path / "b.html"
    assert kpi("report", "--html", str(page), "--as-of", "2023-06-30",
               "--lang", "zh").exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert html.count(NOTE) == 1
    assert ('<td class="num">−1.2% / ≥ 3%</td><td class="num">—</td><td class="num">增速</td>'
            '<td class="num">+4.2</td>') in html  # its row in 各指标状态


def test_the_word_bulletin_shows_a_rate_and_its_rule(rates: Path, kpi) -> None:
    docx = pytest.importorskip("docx")
    assert kpi("report", "--as-of", "2023-06-30", "--format", "docx", "--lang", "zh",
               str(rates.parent / "b.docx")).exit_code == 0
    document = docx.Document(str(rates.parent / "b.docx"))
    assert NOTE in [p.text for p in document.paragraphs]
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["1.1", "地区生产总值增速", "7.5% / ≥ 8%", "—", "增速", "+0.5", "区发改局", ""] in rows


def test_a_departments_page_shows_a_rate_against_its_target(rates: Path, kpi) -> None:
    md = kpi("report", "--as-of", "2023-06-30", "--dept", "区发改局", "--format", "markdown",
             "--lang", "zh").stdout
    assert "| 1.2 | 规上工业增加值增速 | 9.6% / ≈ 10% | — | 增速 | +0.4 | 正常 |  |" in md
    assert "| 1.5 | 新增充电桩 | 600 / 1,200 个 | 50.0% | 49.6% | −0.4 | 正常 |  |" in md


def test_kpi_missing_chases_a_rate_that_holds(rates: Path, kpi) -> None:
    # 1.2 is met on 2023-06-30, but a rate's figure is the rate so far, owed every month
    data = json.loads(kpi("missing", "--month", "2023-07", "--format", "json").stdout)
    assert [(d["department"], [x["id"] for x in d["lines"]]) for d in data["departments"]] == [
        ("区发改局", ["1.1", "1.2", "1.3", "1.4", "1.5"])]
