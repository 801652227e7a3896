"""kpi draft of the documents offices have besides text and .docx: a web page (UTF-8, GBK), a
任务分解表 spreadsheet (.xlsx with merged cells, .ods, .xls, a GBK .csv) and a PDF (made here
with Chromium or LibreOffice where installed, read with pdftotext); each drafted to exact
targets and departments, its text kept in source/ for kpi validate to find every quote in;
and hostile ones (nesting, tag floods, a zip bomb) refused in one line and in seconds."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from linzi_kpi.draft.grid import table_lines
from linzi_kpi.draft.source import kind_of
from linzi_kpi.draft.webpage import page_text
from linzi_kpi.load import load_plan

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>关于印发 - 示范区人民政府</title>
<script>var tasks = "1、新增100家";</script><style>p { margin: 0 }</style></head>
<body>
<div class="nav"><a href="/">首页</a> &gt; <a>政务公开</a></div>
<div class="article">
<h1>示范区人民政府办公室关于印发示范区2024年重点工作任务分解表的通知</h1>
<p>示政办发〔2024〕8号</p>
<p>各镇人民政府、街道办事处，区政府各部门：</p>
<p>&nbsp;&nbsp;现将《示范区2024年重点工作任务分解表》印发给你们，请认真贯彻落实。</p>
<p>主要预期目标：地区生产总值增长6%左右，一般公共预算收入增长5%，
城镇居民人均可支配收入增长6.5%。</p>
<p style="text-align:right">示范区人民政府办公室<br>2024年3月1日</p>
<table border="1">
<tr><th>序号</th><th>工作任务</th><th>牵头单位</th><th>责任单位</th><th>完成时限</th></tr>
<tr><td>1</td><td><p>新培育科技型中小企业50家以上。</p></td><td>区科技局</td>
<td>区工信局、区财政局</td><td>2024年12月底</td></tr>
<tr><td>2</td><td>新建5G基站300个，建成智慧社区10个。</td><td rowspan="2">区大数据局</td>
<td>区工信局</td><td>2024年9月底</td></tr>
<tr><td>3</td><td>新增城镇就业5000人以上。</td><td>区财政局</td><td>2024年12月底</td></tr>
</table>
</div>
<div class="footer">版权所有 示范区人民政府 备案号 12345</div>
</body></html>
"""

PAGE_TEXT = """\
示范区人民政府办公室关于印发示范区2024年重点工作任务分解表的通知
示政办发〔2024〕8号
各镇人民政府、街道办事处，区政府各部门：
现将《示范区2024年重点工作任务分解表》印发给你们，请认真贯彻落实。
主要预期目标：地区生产总值增长6%左右，一般公共预算收入增长5%，城镇居民人均可支配收入增长6.5%。
示范区人民政府办公室
2024年3月1日
序号\t工作任务\t牵头单位\t责任单位\t完成时限
1\t新培育科技型中小企业50家以上。\t区科技局\t区工信局、区财政局\t2024年12月底
2\t新建5G基站300个，建成智慧社区10个。\t区大数据局\t区工信局\t2024年9月底
3\t新增城镇就业5000人以上。\t区大数据局\t区财政局\t2024年12月底
"""

#: The page's plan, as (id, target, unit, comparator, kind, deadline, quote).
PAGE_TARGETS = [
    ("100.1", 6, "%", "approx", "rate", None, "地区生产总值增长6%左右"),
    ("100.2", 5, "%", "at_least", "rate", None, "一般公共预算收入增长5%"),
    ("100.3", 6.5, "%", "at_least", "rate", None, "城镇居民人均可支配收入增长6.5%"),
    ("1.1", 50, "家", "at_least", "increment", dt.date(2024, 12, 31), "新培育科技型中小企业50家以上"),
    ("2.1", 300, "个", "at_least", "increment", dt.date(2024, 9, 30), "新建5G基站300个"),
    ("2.2", 10, "个", "at_least", "increment", dt.date(2024, 9, 30), "建成智慧社区10个"),
    ("3.1", 5000, "人", "at_least", "increment", dt.date(2024, 12, 31), "新增城镇就业5000人以上"),
]
PAGE_DEPARTMENTS = [(100, (), ()), (1, ("区科技局",), ("区工信局", "区财政局")),
                    (2, ("区大数据局",), ("区工信局",)), (3, ("区大数据局",), ("区财政局",))]

#: A 任务分解表 as offices lay it out: a title merged across, the header, a section row merged
#: across, task 2's number, task and departments merged down its two rows of targets, and
#: task 4's lead merged with task 3's; a date cell as its deadline.
SHEET_ROWS: list[list[object]] = [
    ["示范区2024年重点工作任务分解表", None, None, None, None, None],
    ["序号", "工作任务", "目标", "牵头单位", "责任单位", "完成时限"],
    ["一、经济发展", None, None, None, None, None],
    [1, "推动经济稳定增长", "地区生产总值增长6.5%左右。", "区发改局", "区统计局", dt.date(2024, 12, 31)],
    [2, "培育市场主体", "新增规上工业企业15家。", "区工信局", "区科技局", "2024年11月底"],
    [None, None, "高新技术企业达到260家。", None, None, None],
    [3, "扩大投资", "固定资产投资增长10%。", "区发改局", "区统计局", "2024年12月底"],
    [4, "稳定就业", "新增城镇就业5000人以上。", None, "各街道", "2024年12月底"],
]
#: (first row, first column, last row, last column), from 1 as a spreadsheet counts.
SHEET_MERGES = [(1, 1, 1, 6), (3, 1, 3, 6), (5, 1, 6, 1), (5, 2, 6, 2), (5, 4, 6, 4),
                (5, 5, 6, 5), (5, 6, 6, 6), (7, 4, 8, 4)]
SHEET_TEXT = """\
示范区2024年重点工作任务分解表
序号\t工作任务\t目标\t牵头单位\t责任单位\t完成时限
一、经济发展
1\t推动经济稳定增长\t地区生产总值增长6.5%左右。\t区发改局\t区统计局\t2024年12月31日
2\t培育市场主体\t新增规上工业企业15家。
高新技术企业达到260家。\t区工信局\t区科技局\t2024年11月底
3\t扩大投资\t固定资产投资增长10%。\t区发改局\t区统计局\t2024年12月底
4\t稳定就业\t新增城镇就业5000人以上。\t区发改局\t各街道\t2024年12月底
"""
SHEET_TARGETS = [
    ("1.1", 6.5, "%", "approx", "rate", dt.date(2024, 12, 31), "地区生产总值增长6.5%左右"),
    ("2.1", 15, "家", "at_least", "increment", dt.date(2024, 11, 30), "新增规上工业企业15家"),
    ("2.2", 260, "家", "at_least", "level", dt.date(2024, 11, 30), "高新技术企业达到260家"),
    ("3.1", 10, "%", "at_least", "rate", dt.date(2024, 12, 31), "固定资产投资增长10%"),
    ("4.1", 5000, "人", "at_least", "increment", dt.date(2024, 12, 31), "新增城镇就业5000人以上"),
]
SHEET_DEPARTMENTS = [(1, ("区发改局",), ("区统计局",)), (2, ("区工信局",), ("区科技局",)),
                     (3, ("区发改局",), ("区统计局",)), (4, ("区发改局",), ("各街道",))]


def drafted(out: Path):
    """The draft in ``out``: its targets and its tasks' departments, after checking that every
    problem kpi validate finds is a review line (so every quote is in source/)."""
    loaded = load_plan(out / "data" / "tasks.yaml")
    assert [p.message for p in loaded.problems if p.title != "draft"] == []
    plan = loaded.plan
    targets = [(t.id, t.target, t.unit, t.comparator.value, t.kind.value, t.deadline, t.quote)
               for task in plan.tasks for t in task.targets]
    departments = [(t.number, t.lead, t.responsible) for t in plan.tasks]
    return targets, departments


def sources(out: Path) -> list[str]:
    return sorted(p.name for p in (out / "data" / "source").iterdir())


# ------------------------------------------------------------------ web pages


def test_a_web_page_drafts_its_goals_paragraph_and_its_table_of_tasks(kpi, tmp_path):
    page = tmp_path / "通知.html"
    page.write_text(PAGE, encoding="utf-8")
    result = kpi("draft", str(page), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(
        "note: a web page (UTF-8): source/ holds its text, a paragraph a line and a table's row a "
        "line with its cells parted by tabs, and the page is kept beside it\n")
    assert sources(tmp_path / "out") == ["通知.html", "通知.txt"]
    assert (tmp_path / "out" / "data" / "source" / "通知.txt").read_text(encoding="utf-8") == \
        PAGE_TEXT
    assert drafted(tmp_path / "out") == (PAGE_TARGETS, PAGE_DEPARTMENTS)


def test_a_gbk_page_is_read_in_the_encoding_it_declares(kpi, tmp_path):
    page = tmp_path / "gbk.htm"
    page.write_bytes(PAGE.replace('charset="utf-8"', 'charset="gb2312"').encode("gbk"))
    result = kpi("draft", str(page), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("note: a web page (GB2312): ")
    assert (tmp_path / "out" / "data" / "source" / "gbk.txt").read_text(encoding="utf-8") == \
        PAGE_TEXT
    assert drafted(tmp_path / "out") == (PAGE_TARGETS, PAGE_DEPARTMENTS)


def test_a_gbk_page_that_declares_nothing_is_detected_and_a_page_named_txt_is_a_page(kpi,
                                                                                    tmp_path):
    page = tmp_path / "saved.txt"
    page.write_bytes(PAGE.replace('<meta charset="utf-8">', "").encode("gbk"))
    result = kpi("draft", str(page), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("note: a web page (GBK): ")
    assert sources(tmp_path / "out") == ["saved.html", "saved.txt"]
    assert drafted(tmp_path / "out") == (PAGE_TARGETS, PAGE_DEPARTMENTS)


#: A county site's page: the notice and its task table inside the site's layout tables, the
#: table followed by its 附件 link and the site's foot (a layout row, no footer class).
COUNTY_PAGE = """<html><body><table><tr><td><img src="b.jpg" alt="高青县人民政府"></td></tr>
<tr><td><table><tr><td><a href="/">首页</a></td><td>
<p>高青县人民政府办公室关于印发高青县2024年重点工作任务的通知</p><p>高政办字〔2024〕5号</p>
<table border="1">
<tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>责任单位</td><td>完成时限</td></tr>
<tr><td>1</td><td>新认定高新技术企业15家以上。</td><td>县科技局</td><td>县工信局</td>
<td>2024年12月底</td></tr>
<tr><td>2</td><td>新建城市书房3处。</td><td>县住建局</td><td>县文旅局、县财政局</td>
<td>2024年10月底</td></tr>
</table>
<p>附件：<a href="/f/1.docx">高青县2024年重点工作任务分解表.docx</a></p>
</td></tr></table></td></tr>
<tr><td>主办：高青县人民政府办公室 网站标识码：3703220001</td></tr></table></body></html>
"""


def test_the_last_row_of_a_table_ends_where_the_table_does(kpi, tmp_path):
    """The lines after a table (附件：…, the site's foot) are no part of its last row: its
    departments and deadline are still its trailing cells."""
    page = tmp_path / "县.html"
    page.write_text(COUNTY_PAGE, encoding="utf-8")
    result = kpi("draft", str(page), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert drafted(tmp_path / "out") == ([
        ("1.1", 15, "家", "at_least", "increment", dt.date(2024, 12, 31),
         "新认定高新技术企业15家以上"),
        ("2.1", 3, "处", "at_least", "increment", dt.date(2024, 10, 31), "新建城市书房3处"),
    ], [(1, ("县科技局",), ("县工信局",)), (2, ("县住建局",), ("县文旅局", "县财政局"))])
    plan = load_plan(tmp_path / "out" / "data" / "tasks.yaml").plan
    assert plan.tasks[-1].text == "2\t新建城市书房3处。\t县住建局\t县文旅局、县财政局\t2024年10月底"


def test_a_page_leaves_out_its_chrome_and_reads_entities_breaks_and_layout_tables():
    html = ("<html><body><nav>首页</nav><header class='x'>示范区</header>"
            "<div id='breadcrumb'>位置：首页</div><div hidden>隐藏</div>"
            "<table><tr><td><table><tr><td>序号</td><td>任务</td></tr>"
            "<tr><td>1</td><td>新增&amp;改造<br>管网35公里</td></tr></table></td></tr>"
            "<tr><td><p>第一段</p><p>第二段</p></td></tr></table>"
            "<ul><li>甲<li>乙</ul><pre>  保留\n  原样</pre>"
            "<p>新增\n   企业<span>15</span>家</p><footer>版权所有</footer>"
            "<script>document.write('<p>x</p>')</script><!-- <p>注释</p> --></body></html>")
    assert page_text(html) == ("示范区\n序号\t任务\n1\t新增&改造\n管网35公里\n第一段\n第二段\n"
                               "甲\n乙\n保留\n原样\n新增企业15家\n")


def test_a_table_spans_columns_once_and_rows_in_each_row():
    html = ("<table><tr><td colspan=2>一、民生</td></tr>"
            "<tr><td rowspan=2>1</td><td>新增就业5000人。</td></tr>"
            "<tr><td>失业率控制在5.5%以内。</td></tr>"
            "<tr><td>2</td><td>新建学校3所。</td></tr></table>")
    assert page_text(html) == ("一、民生\n1\t新增就业5000人。\n失业率控制在5.5%以内。\n"
                               "2\t新建学校3所。\n")


@pytest.mark.parametrize(("html", "refusal"), [
    ("<html><body>" + "<div>" * 100_000 + "x", "the page nests its elements more than 512 "
     "deep, far beyond a document"),
    ("<html><body>" + "<p>新增企业15家。</p>" * 530_000, "the page holds more than 200,000 "
     "tags, far beyond a plan document"),
    ("<table>" + "<tr><td rowspan=65534 colspan=1000>x</td><td>y</td></tr>" * 1000,
     "a table of the page spans more than 2,000,000 cells, far beyond a plan document"),
], ids=["nested", "16 MB of tags", "spans"])
def test_a_hostile_page_is_refused_in_one_line_and_in_seconds(kpi, tmp_path, html, refusal):
    page = tmp_path / "bomb.html"
    page.write_text(html, encoding="utf-8")
    start = time.perf_counter()
    result = kpi("draft", str(page), "--out", str(tmp_path / "out"))
    assert time.perf_counter() - start < 20
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: {page}: {refusal}\n"
    assert not (tmp_path / "out").exists()


def test_a_page_of_unclosed_tags_is_read_as_text_in_seconds():
    # html.parser alone looks for each unclosed tag's end to the page's end: minutes for this
    start = time.perf_counter()
    assert page_text("<html><body>" + "<a b='" * 100_000).startswith("<a b='<a b='")
    assert time.perf_counter() - start < 5


# ------------------------------------------------------------------ spreadsheets


def xlsx(path: Path, rows=SHEET_ROWS, merges=SHEET_MERGES) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "任务分解表"
    for row in rows:
        sheet.append(row)
    for top, left, bottom, right in merges:
        sheet.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
    hidden = book.create_sheet("旧稿")
    hidden.append([1, "新增企业100家。", "区工信局"])
    hidden.sheet_state = "hidden"
    book.save(str(path))
    return path


def test_an_xlsx_task_table_with_merged_cells_drafts_each_task(kpi, tmp_path):
    result = kpi("draft", str(xlsx(tmp_path / "分解表.xlsx")), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(
        "note: a spreadsheet: each row of its visible sheet is one line of source/, its cells "
        "parted by tabs (a cell merged down rows in each row it spans); the workbook is kept "
        "beside it\nnote: 1 hidden sheet was not read\n")
    assert sources(tmp_path / "out") == ["分解表.txt", "分解表.xlsx"]
    assert (tmp_path / "out" / "data" / "source" / "分解表.txt").read_text(encoding="utf-8") == \
        SHEET_TEXT
    assert drafted(tmp_path / "out") == (SHEET_TARGETS, SHEET_DEPARTMENTS)


def test_a_line_end_inside_a_cell_ends_its_target_s_sentence(kpi, tmp_path):
    """A task's number merged over rows of targets written without a closing 。 (as most
    分解表 write them): each row's words are a sentence of their own, never one run on into
    the next (25个以上 read as a threshold of the words below it, a quote across both)."""
    rows: list[list[object]] = [
        ["序号", "重点任务", "具体目标", "牵头单位", "配合单位", "完成时限"],
        [1, "扩大有效投资", "实施省市重点项目25个以上", "县发改局", "县财政局", "2024年12月底"],
        [None, None, "固定资产投资增长8%", None, None, None]]
    merges = [(2, 1, 3, 1), (2, 2, 3, 2), (2, 4, 3, 4), (2, 5, 3, 5), (2, 6, 3, 6)]
    result = kpi("draft", str(xlsx(tmp_path / "表.xlsx", rows, merges)), "--out",
                 str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert drafted(tmp_path / "out") == ([
        ("1.1", 25, "个", "at_least", "increment", dt.date(2024, 12, 31), "实施省市重点项目25个以上"),
        ("1.2", 8, "%", "at_least", "rate", dt.date(2024, 12, 31), "固定资产投资增长8%"),
    ], [(1, ("县发改局",), ("县财政局",))])


#: A 分解表 whose header is written over two rows: 责任分工 merged across 牵头单位 | 配合单位,
#: the other names merged down both rows.
TWO_ROW_HEADER: list[list[object]] = [
    ["序号", "重点任务", "具体目标", "责任分工", None, "完成时限", "备注"],
    [None, None, None, "牵头单位", "配合单位", None, None],
    [1, "培育新动能", "新增专精特新企业20家", "县工信局", "县科技局", "2024年11月底", None],
    [2, "城市更新", "改造老旧小区30个", "县住建局", "各镇、街道", "2024年10月底", None]]
TWO_ROW_MERGES = [(1, 1, 2, 1), (1, 2, 2, 2), (1, 3, 2, 3), (1, 4, 1, 5), (1, 6, 2, 6),
                  (1, 7, 2, 7)]


def test_a_header_over_two_rows_is_read_as_one_row_of_its_lower_names(kpi, tmp_path):
    """The columns are those of the names under 责任分工 (its lead and partners), not 责任分工
    as one column with 完成时限 read as the partners'."""
    rows = [[str(c) if c is not None else "" for c in row] for row in TWO_ROW_HEADER]
    merges = [(t - 1, left - 1, b - 1, r - 1) for t, left, b, r in TWO_ROW_MERGES]
    assert table_lines(rows, merges) == [
        "序号\t重点任务\t具体目标\t牵头单位\t配合单位\t完成时限\t备注",
        "1\t培育新动能\t新增专精特新企业20家\t县工信局\t县科技局\t2024年11月底",
        "2\t城市更新\t改造老旧小区30个\t县住建局\t各镇、街道\t2024年10月底"]
    result = kpi("draft", str(xlsx(tmp_path / "表.xlsx", TWO_ROW_HEADER, TWO_ROW_MERGES)), "--out",
                 str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert drafted(tmp_path / "out") == ([
        ("1.1", 20, "家", "at_least", "increment", dt.date(2024, 11, 30), "新增专精特新企业20家"),
        ("2.1", 30, "个", "at_least", "increment", dt.date(2024, 10, 31), "改造老旧小区30个"),
    ], [(1, ("县工信局",), ("县科技局",)), (2, ("县住建局",), ("各镇、街道",))])


def test_the_rows_of_a_merged_task_name_a_partner_each(kpi, tmp_path):
    """A task's number and lead merged over two rows whose 配合单位 differ: both partners are
    its partners (a line each in its cell), its lead stays its lead."""
    rows: list[list[object]] = [
        ["序号", "重点任务", "具体目标", "牵头单位", "配合单位", "完成时限"],
        [1, "扩大有效投资", "实施省市重点项目25个以上", "县发改局", "县财政局", "2024年12月底"],
        [None, None, "固定资产投资增长8%", None, "县统计局", None]]
    merges = [(2, 1, 3, 1), (2, 2, 3, 2), (2, 4, 3, 4), (2, 6, 3, 6)]
    result = kpi("draft", str(xlsx(tmp_path / "表.xlsx", rows, merges)), "--out",
                 str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert drafted(tmp_path / "out")[1] == [(1, ("县发改局",), ("县财政局", "县统计局"))]


def test_an_ods_and_an_xls_task_table_read_as_the_xlsx_does(tmp_path):
    from test_formats import ods

    from linzi_kpi.draft.source import read

    odf_table = pytest.importorskip("odf.table")
    xlwt = pytest.importorskip("xlwt")
    rows = [[c.isoformat() if isinstance(c, dt.date) else c for c in row] for row in SHEET_ROWS]
    spreadsheet = ods(tmp_path / "t.ods", {"任务分解表": rows})
    del odf_table
    # odfpy writes no spans: add them as LibreOffice writes them, on the cell that starts each
    _span_ods(spreadsheet, SHEET_MERGES)
    book = xlwt.Workbook()
    sheet = book.add_sheet("任务分解表")
    spanned = {(t - 1, left - 1): (t, left, b, r) for t, left, b, r in SHEET_MERGES}
    covered = {(i - 1, j - 1) for t, left, b, r in SHEET_MERGES for i in range(t, b + 1)
               for j in range(left, r + 1)}
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if (i, j) in spanned:
                t, left, b, r = spanned[(i, j)]
                sheet.write_merge(t - 1, b - 1, left - 1, r - 1, value)
            elif (i, j) not in covered and value is not None:
                sheet.write(i, j, value)
    book.save(str(tmp_path / "t.xls"))
    want = SHEET_TEXT.replace("2024年12月31日", "2024年12月31日")
    assert read(spreadsheet, "t.ods").text == want
    assert read(tmp_path / "t.xls", "t.xls").text == want


def _span_ods(path: Path, merges) -> None:
    """Give the cells of an .ods their spans (table:number-rows-spanned, -columns-spanned)."""
    import re

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    content = parts["content.xml"].decode("utf-8")
    rows = re.split(r"(?=<table:table-row)", content)
    # rows[0] is before the first row; rows[i] is row i (from 1)
    for top, left, bottom, right in merges:
        cells = re.split(r"(?=<table:table-cell)", rows[top])
        cells[left] = cells[left].replace(
            "<table:table-cell", f'<table:table-cell table:number-rows-spanned="{bottom - top + 1}" '
            f'table:number-columns-spanned="{right - left + 1}"', 1)
        rows[top] = "".join(cells)
    parts["content.xml"] = "".join(rows).encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_gbk_csv_task_table_drafts_each_task(kpi, tmp_path):
    text = ("示范区2024年重点工作任务分解表,,,,,\r\n序号,工作任务,目标,牵头单位,责任单位,完成时限\r\n"
            "1,推动经济稳定增长,地区生产总值增长6.5%左右。,区发改局,区统计局,2024年12月底\r\n"
            '2,培育市场主体,"新增规上工业企业15家,高新技术企业达到260家。",区工信局,'
            '"区科技局、区市场监管局",2024年11月底\r\n')
    (tmp_path / "表.csv").write_bytes(text.encode("gbk"))
    result = kpi("draft", str(tmp_path / "表.csv"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(
        "note: the CSV file is gbk text; the copy in source/ is UTF-8\n")
    assert sources(tmp_path / "out") == ["表.csv", "表.txt"]
    assert drafted(tmp_path / "out") == ([
        ("1.1", 6.5, "%", "approx", "rate", dt.date(2024, 12, 31), "地区生产总值增长6.5%左右"),
        ("2.1", 15, "家", "at_least", "increment", dt.date(2024, 11, 30), "新增规上工业企业15家"),
        ("2.2", 260, "家", "at_least", "level", dt.date(2024, 11, 30), "高新技术企业达到260家"),
    ], [(1, ("区发改局",), ("区统计局",)), (2, ("区工信局",), ("区科技局", "区市场监管局"))])


def test_a_spreadsheet_zip_bomb_is_refused_before_it_is_unpacked(kpi, tmp_path):
    book = xlsx(tmp_path / "ok.xlsx")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            out.writestr(name, source.read(name))
        out.writestr("xl/padding.xml", b"\0" * (80 << 20))  # 80 MB, some 80 KB on disk
    assert bomb.stat().st_size < 1 << 20
    result = kpi("draft", str(bomb), "--out", str(tmp_path / "out"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"error: {bomb}: the workbook unpacks to 80 MB in ")
    assert result.stderr.endswith(" parts, more than a plan document needs (at most 64 MB in "
                                  "1000 parts); save its table as CSV\n")
    assert result.stderr.count("\n") == 1


def test_a_merge_over_a_whole_sheet_is_clipped_to_its_cells():
    assert table_lines([["序号", "任务"], ["1", "新增企业15家。"]],
                       [(0, 0, 1_048_575, 16_383)]) == ["序号", "序号"]
    assert table_lines([["1", "甲"], ["", "乙"]], [(0, 0, 1, 0)]) == ["1\t甲\n乙"]


def test_a_document_is_read_by_its_content_where_the_content_says(tmp_path):
    book = xlsx(tmp_path / "a.xlsx").read_bytes()
    assert kind_of(book, ".docx") == "xlsx"
    assert kind_of(book, ".txt") == "xlsx"
    assert kind_of(b"%PDF-1.7\n", ".txt") == "pdf"
    assert kind_of(b"<!DOCTYPE html><html>", ".xls") == "html"  # a page saved as .xls
    assert kind_of("序号,任务\n".encode(), ".csv") == "csv"
    assert kind_of("1.新增企业15家。\n".encode(), ".txt") == "text"


# ------------------------------------------------------------------ PDF

PDF_PROGRAMS = shutil.which("pdftotext") is not None and (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("soffice"))


def test_a_pdf_without_pdftotext_says_what_to_install(kpi, tmp_path, monkeypatch):
    import linzi_kpi.draft.pdf as pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    (tmp_path / "plan.pdf").write_bytes(b"%PDF-1.4\n")
    result = kpi("draft", str(tmp_path / "plan.pdf"), "--out", str(tmp_path / "out"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {tmp_path / 'plan.pdf'}: reading a PDF needs pdftotext, which is not installed: "
        "install poppler-utils (Debian, Ubuntu: apt-get install poppler-utils; macOS: brew "
        "install poppler), or save the document as text or .docx\n")


@pytest.mark.skipif(shutil.which("pdftotext") is None,
                    reason="pdftotext is not installed (Debian: apt-get install poppler-utils)")
def test_a_damaged_pdf_is_refused_in_one_line(kpi, tmp_path):
    (tmp_path / "plan.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage\n")
    result = kpi("draft", str(tmp_path / "plan.pdf"), "--out", str(tmp_path / "out"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {tmp_path / 'plan.pdf'}: pdftotext cannot read this PDF (damaged, or protected "
        "by a password); open it and save it as text or .docx\n")


@pytest.mark.slow
@pytest.mark.skipif(not PDF_PROGRAMS, reason="needs pdftotext and Chromium or LibreOffice to make "
                    "a PDF (Debian: apt-get install poppler-utils chromium fonts-noto-cjk)")
def test_a_pdf_printed_from_the_page_drafts_its_targets(kpi, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    pdf = tmp_path / "page.pdf"
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser:
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-pdf-header-footer", f"--user-data-dir={tmp_path / 'profile'}",
                        f"--print-to-pdf={pdf}", page.as_uri()],
                       check=True, capture_output=True, timeout=180)
    else:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(page)],
                       check=True, capture_output=True, timeout=180)
    result = kpi("draft", str(pdf), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("note: a PDF: source/ holds the text pdftotext gives of it")
    assert sources(tmp_path / "out") == ["page.pdf", "page.txt"]
    targets, departments = drafted(tmp_path / "out")
    # the figures of the page, whatever the printed layout made of the lines
    assert sorted((t[1], t[2]) for t in targets) == sorted((t[1], t[2]) for t in PAGE_TARGETS)
    assert departments[1:3] == PAGE_DEPARTMENTS[1:3]


def _fake_pdftotext(folder: Path, monkeypatch, script: str) -> None:
    """A pdftotext on PATH that runs ``script`` (sh) in place of poppler's."""
    folder.mkdir()
    program = folder / "pdftotext"
    program.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


@pytest.mark.skipif(shutil.which("sh") is None or shutil.which("yes") is None,
                    reason="needs a POSIX shell")
def test_pdftotext_is_held_to_its_time_and_its_output_to_the_cap(kpi, tmp_path, monkeypatch):
    import linzi_kpi.draft.pdf as pdf

    (tmp_path / "plan.pdf").write_bytes(b"%PDF-1.4\n")
    _fake_pdftotext(tmp_path / "slow", monkeypatch, "exec sleep 30")
    monkeypatch.setattr(pdf, "TIMEOUT", 1)
    start = time.perf_counter()
    result = kpi("draft", str(tmp_path / "plan.pdf"), "--out", str(tmp_path / "out"))
    assert time.perf_counter() - start < 10
    assert result.stderr == (f"error: {tmp_path / 'plan.pdf'}: pdftotext did not finish within 1 "
                             "seconds; save the document as text or .docx\n")
    _fake_pdftotext(tmp_path / "flood", monkeypatch, "exec yes 新增企业15家。")
    monkeypatch.setattr(pdf, "TIMEOUT", 60)
    result = kpi("draft", str(tmp_path / "plan.pdf"), "--out", str(tmp_path / "out"))
    assert result.stderr == (f"error: {tmp_path / 'plan.pdf'}: the PDF's text is larger than 16 "
                             "MB, far beyond a plan document\n")
    _fake_pdftotext(tmp_path / "blank", monkeypatch, "printf '\\f\\f'")
    result = kpi("draft", str(tmp_path / "plan.pdf"), "--out", str(tmp_path / "out"))
    assert result.stderr.startswith(f"error: {tmp_path / 'plan.pdf'}: the PDF holds no text (a "
                                    "scan of paper?)")
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ any input


_PIECES = ["<p>", "</p>", "<br>", "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>",
           "<td rowspan=3>", "<th colspan=2>", "<div class='nav'>", "</div>", "<script>",
           "</script>", "<!--", "-->", "<a href='", "'>", "&amp;", "&#x", "<", ">", "1", "、",
           "新增企业15家。", "区发改局", "\n", " ", "\t", "<pre>", "</pre>", "<li>", "</body>"]


def test_any_markup_gives_text():
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies

    @hypothesis.settings(max_examples=80, deadline=None, derandomize=True, database=None)
    @hypothesis.given(st.lists(st.sampled_from(_PIECES), max_size=60))
    def check(pieces: list[str]) -> None:
        text = page_text("".join(pieces))
        assert text.endswith("\n")
        assert "\x00" not in text

    check()


def test_any_merges_lay_out_a_table_or_refuse_in_one_line():
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    cells = st.lists(st.lists(st.sampled_from(["", "1", "甲", "乙\n丙"]), max_size=5), max_size=6)
    merges = st.lists(st.tuples(*[st.integers(-2, 8)] * 4), max_size=6)

    @hypothesis.settings(max_examples=150, deadline=None, derandomize=True, database=None)
    @hypothesis.given(cells, merges)
    def check(rows: list[list[str]], spans: list[tuple[int, int, int, int]]) -> None:
        lines = table_lines(rows, spans)
        assert all(line and not line.endswith("\t") for line in lines)

    check()
