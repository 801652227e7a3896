"""What a district office would not accept in what kpi circulates (the Word and HTML bulletin, a
department's page, the 催报 list, the return form): each case on the small plan of conftest.py,
its figures made up for the test (示例)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest


@pytest.fixture
def workspace(small_plan: Path, kpi, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(small_plan.parent)
    monkeypatch.setenv("KPI_TODAY", "2023-07-10")
    return small_plan


@pytest.mark.lang("zh")
def test_the_return_form_shows_a_tasks_last_state_in_words(workspace: Path, kpi,
                                                           tmp_path: Path) -> None:
    assert kpi("mark", "3", "blocked", "--date", "2023-05-31").exit_code == 0
    assert kpi("template", "all.xlsx").exit_code == 0
    ws = openpyxl.load_workbook(tmp_path / "all.xlsx").active
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "3")
    assert row[6] == "受阻"  # 上次数值: the word the form asks for, never the code 'blocked'


@pytest.fixture
def held(workspace: Path, kpi) -> Path:
    """A level without a baseline (2.2) and a floor (2.3), each on course in June and yet
    projected to fall short by December."""
    for args in (("2.2", "90", "--date", "2023-03-31"), ("2.2", "91", "--date", "2023-06-30"),
                 ("2.3", "58", "--date", "2023-03-31"), ("2.3", "57", "--date", "2023-06-30")):
        assert kpi("record", *args).exit_code == 0, args
    return workspace


def table_rows(path: Path) -> list[list[str]]:
    docx = pytest.importorskip("docx")
    document = docx.Document(str(path))
    return [[c.text for c in row.cells] for t in document.tables for row in t.rows]


@pytest.mark.lang("zh")
def test_a_level_without_a_baseline_says_so_where_the_bulletin_puts_the_pace(
        held: Path, kpi, tmp_path: Path) -> None:
    assert kpi("report", "b.docx", "--as-of", "2023-06-30").exit_code == 0
    rows = table_rows(tmp_path / "b.docx")
    # 各指标状态 and 各指标进度: 缺基数, as kpi status says, not a blank 序时进度 beside a gap
    assert ["2.2", "生活污水处理率", "91 / 95 %", "95.8%", "缺基数", "+4.2", "区科技局", ""] in rows
    md = kpi("report", "--as-of", "2023-06-30").stdout
    assert "| 2.2 | 生活污水处理率 | 91 / 95 % | 95.8% | 缺基数 | 正常 | ▁█ |" in md


@pytest.mark.lang("zh")
def test_why_a_target_on_course_falls_short_follows_the_rule_it_is_graded_by(
        held: Path, kpi, tmp_path: Path) -> None:
    assert kpi("report", "b.docx", "--as-of", "2023-06-30").exit_code == 0
    rows = table_rows(tmp_path / "b.docx")
    assert ["2.2", "生活污水处理率", "正常",
            "按此进度：到 2023年12月31日 达到 93 / 95 %，差 2（状态为正常：缺基数，按与目标的差距评定，"
            "差 4.2 个百分点，不足预警线 10 个百分点；按当前速度推算到期限则差一些）"] in rows
    assert ["2.3", "粮食播种面积", "正常",
            "按此进度：到 2023年12月31日 为 55 万亩（下限 56），低于下限 1（状态为正常：目前为 57 万亩，"
            "符合“≥ 56”；按当前速度推算到期限则不再符合）"] in rows


def test_why_in_english_names_the_floor_held_to(held: Path, kpi) -> None:
    md = kpi("report", "--as-of", "2023-06-30").stdout
    assert ("| 2.3 | 粮食播种面积 | on track | at this pace: 55 against a floor of 56 by "
            "2023-12-31, below it by 1 (on track: 57 万亩 now, within ≥ 56; yet outside it by "
            "the deadline at the pace so far) |") in md


def paragraphs(path: Path) -> list[str]:
    docx = pytest.importorskip("docx")
    return [p.text for p in docx.Document(str(path)).paragraphs]


@pytest.mark.lang("zh")
def test_a_month_without_a_figure_says_so_once_and_counts_only_named_departments(
        workspace: Path, kpi, tmp_path: Path) -> None:
    assert kpi("report", "b.docx", "--as-of", "2023-06-30").exit_code == 0
    text = paragraphs(tmp_path / "b.docx")
    # task 3 is owed by nobody the plan names (各镇、街道 is collective): 2 departments, not 3
    assert ("截至 2023年6月30日，8 个数值指标中，无数据 8 个。3 项任务中，无数据 3 项。2023年6月有 9 项"
            "未报送，涉及 2 个部门（见“未报送”）。其中 1 项计划未明确应报部门。") in text
    # not "另有 8 个指标尚无数据" when there is no other
    assert "截至 2023年6月30日 无任何报送数据。" in text
    assert not [p for p in text if p.startswith("另有")]
    # the Word edition has no chart: the sections left out are not in the table above
    assert "以下部分无数值指标，未列入上表：二、抓好组织实施。" in text


@pytest.mark.lang("zh")
def test_the_bulletin_writes_its_dates_as_a_chinese_document_does(workspace: Path, kpi,
                                                                  tmp_path: Path) -> None:
    assert kpi("record", "1.1", "600", "--date", "2023-06-30").exit_code == 0
    assert kpi("report", "b.docx", "--as-of", "2023-06-30").exit_code == 0
    text = paragraphs(tmp_path / "b.docx")
    assert "示政办字〔2023〕1号 · 截至 2023年6月30日 · 序时进度 49.6%" in text
    assert "四、本期变化（2023年5月31日至2023年6月30日）" in text
    assert "五、2023年6月未报送（按应报部门）" in text
    assert kpi("report", "p.docx", "--dept", "区发改局", "--as-of", "2023-06-30").exit_code == 0
    assert "示例区2023年重点工作任务 · 截至 2023年6月30日 · 序时进度 49.6%" in paragraphs(
        tmp_path / "p.docx")
    # the 催报 list: 2023年6月, not 2023年06月
    assert ("\n\n区发改局：2023年6月以下 3 项尚未报送，请尽快报送：1.2 重点项目；1.3 新建改造道路；"
            "1.4 公共充电站。\n\n") in kpi("missing", "--month", "2023-06").stdout


def test_the_english_bulletin_keeps_iso_dates(workspace: Path, kpi) -> None:
    md = kpi("report", "--as-of", "2023-06-30").stdout
    assert "示政办字〔2023〕1号 · as of 2023-06-30 · expected (序时进度) 49.6%" in md


@pytest.mark.lang("zh")
def test_who_owes_a_line_is_explained_without_an_english_word(workspace: Path, kpi,
                                                             tmp_path: Path) -> None:
    assert kpi("report", "b.docx", "--as-of", "2023-06-30").exit_code == 0
    assert ("应报部门：计划为指标（或任务）指定的报送部门；未指定的，为任务的第一个牵头部门，无牵头部门时为"
            "第一个非集体名称的责任部门。已完成的指标和任务不在其列。") in paragraphs(tmp_path / "b.docx")


@pytest.mark.lang("zh")
def test_a_floor_shows_the_line_it_holds_to_where_the_pace_goes(held: Path, kpi,
                                                                tmp_path: Path) -> None:
    assert kpi("record", "2.3", "54", "--date", "2023-06-30", "--corrects").exit_code == 0
    assert kpi("report", "b.docx", "--as-of", "2023-06-30").exit_code == 0
    # 滞后 with every other cell a dash said nothing of why: the floor it broke says it
    assert ["2.3", "粮食播种面积", "54 / 56 万亩", "—", "≥ 56", "—", "区科技局", ""] in table_rows(
        tmp_path / "b.docx")


@pytest.mark.lang("zh")
def test_the_word_bulletin_numbers_its_headings_as_a_chinese_document_does(
        held: Path, kpi, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    assert kpi("report", "b.docx", "--as-of", "2023-06-30").exit_code == 0
    headings = [p.text for p in docx.Document(str(tmp_path / "b.docx")).paragraphs
                if p.style.name in ("Heading 2", "Heading 3")]
    assert headings == ["一、总体情况", "二、各部分指标状态", "三、各指标状态", "（一）正常（2 个）",
                        "四、本期变化（2023年5月31日至2023年6月30日）", "五、2023年6月未报送（按应报部门）",
                        "六、按当前进度将无法完成（2 个）", "七、各部门情况", "八、无数值任务"]


@pytest.mark.lang("zh")
def test_the_word_tables_leave_room_for_a_whole_percentage(held: Path, kpi,
                                                           tmp_path: Path) -> None:
    """100.0% and 100% broke over two lines in A4 (14.3 mm and 9.9 mm columns): 16 mm and
    12 mm hold them at the tables' size."""
    docx = pytest.importorskip("docx")
    assert kpi("report", "b.docx", "--as-of", "2023-06-30").exit_code == 0
    widths = {}
    for t in docx.Document(str(tmp_path / "b.docx")).tables:
        head = [c.text for c in t.rows[0].cells]
        widths.update({(head[0], h): c.width.mm for h, c in zip(head, t.columns, strict=True)})
    assert min(widths["编号", h] for h in ("完成", "序时", "落后百分点")) > 16
    assert widths["部门", "落后"] > 12


@pytest.mark.lang("zh")
def test_a_department_that_reports_nothing_itself_is_not_told_it_has_reported(
        workspace: Path, kpi, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    assert kpi("report", "p.docx", "--dept", "区交通运输局", "--as-of", "2023-06-30").exit_code == 0
    document = docx.Document(str(tmp_path / "p.docx"))
    # it only shares task 1, which 区发改局 reports: not "2023年6月应报的均已报送"
    assert ("区交通运输局牵头 0 项、参与（责任）4 项。参与的：无数据 4 项。本部门无须直接报送，所涉工作由应报部门"
            "汇总报送。") in [p.text for p in document.paragraphs]
    # and its table, as the bulletin's, has room for 100.0%
    head = [c.text for c in document.tables[0].rows[0].cells]
    assert document.tables[0].columns[head.index("完成")].width.mm > 16


@pytest.mark.lang("zh")
def test_a_collective_name_is_not_ranked_with_the_departments(held: Path, kpi,
                                                              tmp_path: Path) -> None:
    """各镇、街道 owes no figure of its own (collective: true), so it was never behind and topped
    the 通报's ranking; it is named under the table instead."""
    assert kpi("mark", "3", "in_progress", "--date", "2023-06-30").exit_code == 0
    assert kpi("report", "b.docx", "--as-of", "2023-06-30").exit_code == 0
    ranked = [r[0] for r in table_rows(tmp_path / "b.docx")
              if r[0] in ("区发改局", "区科技局", "区交通运输局", "各镇、街道")]
    assert "各镇、街道" not in ranked and "区科技局" in ranked
    assert "以下为集体名称，不单独报送，不参与排名：各镇、街道。" in paragraphs(tmp_path / "b.docx")


@pytest.mark.lang("zh")
def test_the_printed_export_sheet_names_the_rule_where_there_is_no_pace(
        held: Path, kpi, tmp_path: Path) -> None:
    assert kpi("export", "e.xlsx", "--as-of", "2023-06-30").exit_code == 0
    ws = openpyxl.load_workbook(tmp_path / "e.xlsx")["进度"]
    rows = {r[0]: r for r in ws.iter_rows(values_only=True)}
    head = list(rows["编号"])
    at, gap = head.index("序时进度"), head.index("落后（百分点）")
    assert (rows["2.2"][at], rows["2.2"][gap]) == ("缺基数", 4.2)  # not a blank beside 4.2
    assert (rows["2.3"][at], rows["2.3"][gap]) == ("底线", None)
    assert rows["1.1"][at] == 0.4959  # an increment keeps its 序时进度
