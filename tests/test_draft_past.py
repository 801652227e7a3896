"""kpi draft on documents that look back before they plan: a 政府工作报告 whose first section
reviews last year, a 工作要点 whose goals paragraph opens with last year's results. The figures
looked back on are results, not targets: they are left out, and the draft says so. Every
document here is a few lines made up for the test (illustrative)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import header, loads_clean
from linzi_kpi.draft import draft_text
from linzi_kpi.draft.past import looking_back, review_heading
from linzi_kpi.draft.plan import Draft

CLOCK = dt.date(2031, 7, 1)

REPORT = """某某区人民政府工作报告
——2024年1月10日在某某区第十八届人民代表大会第四次会议上
区长 张三

各位代表：
现在，我代表区人民政府，向大会报告工作，请予审议，并请区政协委员提出意见。

一、2023年工作回顾
过去的一年，全区地区生产总值增长6.2%，一般公共预算收入完成45.6亿元、增长8.1%，规模以上工业增加值增长7.5%，固定资产投资增长5.3%。新增高新技术企业35家，总数达到180家。城镇居民人均可支配收入增长5.8%。
（一）坚持项目为王，发展动能持续增强。实施省市重点项目42个，完成投资156亿元。
（二）坚持民生优先，群众福祉不断增进。新增城镇就业8600人，新建改造农村公路120公里。

二、2024年工作安排
今年政府工作的总体要求是：坚持稳中求进工作总基调。主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%，规模以上工业增加值增长7%，固定资产投资增长8%，城乡居民人均可支配收入增长与经济增长同步，城镇调查失业率控制在5.5%以内，居民消费价格涨幅3%左右。
重点抓好以下工作：
（一）聚力项目建设，扩大有效投资。全年实施省市重点项目45个以上，完成投资160亿元。（牵头单位：区发改局）
（二）聚力科技创新，培育新质生产力。新增高新技术企业30家，高新技术企业总数达到200家。（牵头单位：区科技局）
（三）聚力民生改善。新增城镇就业8000人以上，新建改造农村公路100公里。（牵头单位：区人社局、区交通运输局）
"""

NOTICE = "示例区人民政府办公室\n示例区人民政府办公室关于印发示例区2024年重点工作任务的通知\n示政办发〔2024〕1号\n\n"


def draft(text: str) -> tuple[Draft, str]:
    return draft_text(text, "source/x.txt", CLOCK)


def targets(d: Draft) -> list[tuple[int, float, str, str, str]]:
    return [(t.number, c.number, c.unit, c.comparator.value, c.kind.value)
            for t in d.tasks for c in t.targets]




def test_a_reports_review_of_last_year_is_not_drafted_and_the_draft_says_so(tmp_path):
    d, yaml_text = draft(REPORT)
    assert [(t.number, t.section, t.title) for t in d.tasks] == [
        (200, 2, "2024年工作安排"), (1, 2, "聚力项目建设，扩大有效投资"),
        (2, 2, "聚力科技创新，培育新质生产力"), (3, 2, "聚力民生改善")]
    assert targets(d) == [
        (200, 6, "%", "approx", "rate"), (200, 5, "%", "at_least", "rate"),
        (200, 7, "%", "at_least", "rate"), (200, 8, "%", "at_least", "rate"),
        (200, 5.5, "%", "at_most", "level"), (200, 3, "%", "approx", "rate"),
        (1, 45, "个", "at_least", "increment"), (1, 160, "亿元", "at_least", "increment"),
        (2, 30, "家", "at_least", "increment"), (2, 200, "家", "at_least", "level"),
        (3, 8000, "人", "at_least", "increment"), (3, 100, "公里", "at_least", "increment")]
    assert d.notes[0] == ("一、2023年工作回顾 (lines 8–11) reviews past work and was not drafted: "
                          "its 12 figures are results, not targets; check that it holds none of "
                          "the plan's targets")
    assert header(yaml_text)[-1] == ("not drafted, looking back on past work: 一、2023年工作回顾 "
                                     "(lines 8–11), 12 figures")
    assert [{"number": s.number, "title": s.title} for s in d.doc.sections] == [
        {"number": 2, "title": "2024年工作安排"}]
    loads_clean(yaml_text, REPORT, tmp_path)


def test_a_reports_title_delivery_line_and_office_are_its_metadata():
    d, yaml_text = draft(REPORT)
    doc = d.doc
    assert (doc.title.value, doc.title.why) == ("某某区人民政府工作报告", "the report's title line")
    assert (doc.issuer.value, doc.issuer.why) == ("某某区人民政府",
                                                  "the office the report's title names")
    assert (doc.issued.value, doc.issued.why) == (
        dt.date(2024, 1, 10), "the date the report was delivered (——…在…会议上)")
    assert (d.year, doc.year.why) == (2024, "the year in the issue date")
    assert doc.document_number.value is None  # (a report has none)
    assert '  title: "某某区人民政府工作报告"\n  issuer: "某某区人民政府"\n' in yaml_text
    assert "  issued: 2024-01-10\n  period_start: 2024-01-01" in yaml_text


def test_a_report_titled_only_政府工作报告_is_the_government_of_the_place_its_meeting_names():
    text = ("政府工作报告\n——二〇二五年一月八日在某某县第十九届人民代表大会第五次会议上\n"
            "一、过去一年的工作\n全县地区生产总值增长5.8%。\n"
            "二、今年的主要任务\n（一）新增规上企业20家。\n（二）新建公园3个。\n")
    d, _ = draft(text)
    assert (d.doc.title.value, d.doc.issuer.value, d.doc.issued.value, d.year) == (
        "政府工作报告", "某某县人民政府", dt.date(2025, 1, 8), 2025)
    assert d.doc.issuer.why == "the 人民政府 of the place the report's meeting line names: a guess"
    assert targets(d) == [(1, 20, "家", "at_least", "increment"),
                          (2, 3, "个", "at_least", "increment")]


def test_a_year_named_in_the_title_beside_the_reviewed_one_is_the_plan_year():
    text = ("某某区2023年工作总结和2024年工作要点\n一、2023年工作总结\n全年新增高企35家。\n"
            "二、2024年工作要点\n1.新增高企30家。\n2.新建公园3个。\n")
    d, _ = draft(text)
    assert (d.doc.title.value, d.year, d.doc.year.why) == (
        "某某区2023年工作总结和2024年工作要点", 2024, "the year in the title")
    assert targets(d) == [(1, 30, "家", "at_least", "increment"),
                          (2, 3, "个", "at_least", "increment")]


def test_a_goals_paragraph_opening_with_last_years_results_is_drafted_from_where_it_turns(
        tmp_path):
    body = ("2023年，全区科技创新取得新成效，新增高新技术企业28家，研发投入增长12%。"
            "2024年全区科技创新工作的主要目标是：新增高新技术企业30家以上，研发经费投入增长10%。\n"
            "一、培育创新主体\n1.新增科技型中小企业100家。（牵头单位：区科技局）\n"
            "2.建设省级创新平台3个。（牵头单位：区科技局）\n")
    d, yaml_text = draft(NOTICE + body)
    assert targets(d) == [(100, 30, "家", "at_least", "increment"),
                          (100, 10, "%", "at_least", "rate"),
                          (1, 100, "家", "at_least", "increment"),
                          (2, 3, "个", "at_least", "increment")]
    assert d.tasks[0].title == "2024年全区科技创新工作的主要目标"
    assert d.notes[0] == ("the paragraph opening «2023年，全区科技创新…» (line 5) looks back on "
                          "past work: its 2 figures before «2024年全区科技创新工…» were not "
                          "drafted (results, not targets)")
    assert header(yaml_text)[-1] == ("not drafted, looking back on past work: the paragraph "
                                     "opening «2023年，全区科技创新…» (line 5), 2 figures")
    loads_clean(yaml_text, NOTICE + body, tmp_path)


def test_a_paragraph_looking_back_without_turning_is_left_out_whole():
    body = ("一、主要目标\n过去一年，全区新增高新技术企业28家。\n"
            "全区地区生产总值增长6%左右。\n"
            "二、重点任务\n1.新增科技型中小企业100家。（牵头单位：区科技局）\n")
    d, _ = draft(NOTICE + body)
    assert targets(d) == [(100, 6, "%", "approx", "rate"),
                          (1, 100, "家", "at_least", "increment")]
    assert d.notes[0] == ("the paragraph opening «过去一年，全区新增高新技…» (line 6) looks back "
                          "on past work: its 1 figure was not drafted (a result, not a target)")


def test_a_plan_naming_its_year_and_last_years_base_drafts_as_before():
    body = ("一、2024年主要目标\n2024年，全区地区生产总值比2023年增长6%，一般公共预算收入比上年增长5%。\n"
            "二、2024年重点任务\n1.新增科技型中小企业100家，比上年增加10家。（牵头单位：区科技局）\n"
            "2.建设省级创新平台3个。（牵头单位：区科技局）\n")
    d, yaml_text = draft(NOTICE + body)
    assert targets(d) == [(100, 6, "%", "at_least", "rate"), (100, 5, "%", "at_least", "rate"),
                          (1, 100, "家", "at_least", "increment"),
                          (1, 10, "家", "at_least", "increment"),
                          (2, 3, "个", "at_least", "increment")]
    assert d.doc.past == []
    assert not any("past work" in n for n in d.notes)
    assert not any("past work" in line for line in header(yaml_text))


def test_a_review_part_keeps_its_own_一_headings_out_too():
    text = ("政府工作报告\n——2024年1月9日在某某县第十八届人民代表大会第三次会议上\n"
            "第一部分 2023年工作回顾\n一、经济运行稳中向好\n全县地区生产总值增长6.2%，新增规上企业20家。\n"
            "二、民生持续改善\n新增城镇就业5000人。\n"
            "第二部分 2024年工作安排\n一、重点工作\n1.实施重点项目40个以上。（牵头单位：县发改局）\n"
            "2.新增城镇就业5200人。（牵头单位：县人社局）\n")
    d, _ = draft(text)
    assert targets(d) == [(1, 40, "个", "at_least", "increment"),
                          (2, 5200, "人", "at_least", "increment")]
    assert d.doc.past[0].heading == "第一部分 2023年工作回顾"
    assert (d.doc.past[0].first, d.doc.past[0].last, d.doc.past[0].figures) == (2, 6, 3)


def test_a_document_without_numbering_leaves_its_review_section_out():
    text = ("某某区2024年工作要点\n一、2023年工作完成情况\n全区新增高新技术企业28家，研发投入增长12%。\n"
            "二、2024年工作安排\n全区新增高新技术企业30家以上。\n研发经费投入增长10%。\n")
    d, _ = draft(text)
    assert targets(d) == [(1, 30, "家", "at_least", "increment"), (2, 10, "%", "at_least", "rate")]
    assert d.notes[0].startswith("一、2023年工作完成情况 (lines 2–3) reviews past work")


@pytest.mark.parametrize(("line", "expected"), [
    ("一、2023年工作回顾", "一、2023年工作回顾"), ("一、过去五年工作回顾", "一、过去五年工作回顾"),
    ("第一部分 2023年工作总结", "第一部分 2023年工作总结"), ("一、上年工作回顾", "一、上年工作回顾"),
    ("一、2023年主要目标完成情况", "一、2023年主要目标完成情况"), ("二、过去一年的工作", "二、过去一年的工作"),
    ("一、五年来的工作", "一、五年来的工作"), ("一、主要成效", "一、主要成效"),
    ("一、2023年工作回顾：过去一年，全区生产总值增长6.2%。", "一、2023年工作回顾"),
    ("二、2024年工作安排", None), ("二、2024年重点任务", None), ("一、主要预期目标", None),
    ("一、过去一年工作回顾和今年工作安排", None), ("一、2023年工作回顾和2024年工作安排", None),
    ("三、加强政府自身建设", None), ("（一）2023年工作回顾", None), ("过去的一年，全区…", None),
])
def test_which_headings_review_past_work(line, expected):
    assert review_heading(line) == expected


@pytest.mark.parametrize(("line", "year", "looked_back"), [
    ("过去的一年，全区增长6.2%。", 2024, "过去的一年，全区增长6.2%。"),
    ("一年来，新增35家。", None, "一年来，新增35家。"), ("五年来，全区增长6.5%。", 2024, "五年来，全区增长6.5%。"),
    ("去年，新增35家。", 2024, "去年，新增35家。"), ("  2023年，全区新增35家。", 2024, "  2023年，全区新增35家。"),
    ("2023年以来，全区新增35家。", 2024, "2023年以来，全区新增35家。"),
    ("2023年，新增35家。2024年，新增40家。", 2024, "2023年，新增35家。"),
    ("2023年，新增35家；全年新增40家。", 2024, "2023年，新增35家；"),
    ("过去一年新增35家。今年主要目标是：新增40家。", None, "过去一年新增35家。"),
    ("过去一年新增35家。2023年新增的企业中，有3家上市。", 2024, "过去一年新增35家。2023年新增的企业中，有3家上市。"),
    ("2023年，新增35家。", None, None), ("2024年，新增40家。", 2024, None),
    ("到2025年，新增40家。", 2024, None), ("新增40家，比上年增长5%。", 2024, None),
    ("全区生产总值比2023年增长6%。", 2024, None), ("上年度结转资金3亿元。", 2024, None),
])
def test_where_a_paragraph_looking_back_turns_to_the_plan(line, year, looked_back):
    turn = looking_back(line, year)
    assert (line[:turn] if turn is not None else None) == looked_back


def test_kpi_draft_prints_what_it_left_out_and_the_header_says_it(kpi, tmp_path):
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    result = kpi("draft", str(tmp_path / "report.txt"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        "note: 一、2023年工作回顾 (lines 8–11) reviews past work and was not drafted: its 12 "
        "figures are results, not targets; check that it holds none of the plan's targets")
    assert "4 tasks in 1 section, 12 targets" in result.stdout
    plan = (tmp_path / "out" / "data" / "tasks.yaml").read_text(encoding="utf-8")
    assert ("#   not drafted, looking back on past work: 一、2023年工作回顾 (lines 8–11), "
            "12 figures\n") in plan
    assert kpi("validate", "--data-dir", str(tmp_path / "out" / "data")).exit_code == 1  # drafts


@pytest.mark.lang("zh")
def test_the_note_in_chinese(kpi, tmp_path):
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    result = kpi("draft", str(tmp_path / "report.txt"), "--out", str(tmp_path / "out"))
    assert result.stderr.splitlines()[0] == (
        "注：“一、2023年工作回顾”（第 8–11 行）是以往工作的回顾，未起草：其中 12 个数值是已取得的成绩而"
        "非指标；请核对其中没有本计划的指标")
    plan = (tmp_path / "out" / "data" / "tasks.yaml").read_text(encoding="utf-8")
    assert "#   未起草（回顾以往工作）：“一、2023年工作回顾”（第 8–11 行），12 个数值\n" in plan


def test_the_notes_name_twenty_passages_and_count_the_rest():
    looking_back_ = "".join(f"2023年，第{n}项工作新增企业{n}家。\n\n" for n in range(1, 26))
    d, yaml_text = draft(NOTICE + looking_back_ + "一、重点任务\n1.新增科技型中小企业100家。\n")
    said = [n for n in d.notes if "past work" in n]
    assert len(said) == 21
    assert said[-1] == ("5 more passages looking back on past work were not drafted (5 figures)")
    assert header(yaml_text)[-1] == said[-1]
    assert targets(d) == [(1, 100, "家", "at_least", "increment")]
