"""kpi draft on a second round of the genre's documents: a 分工方案 whose items carry their own
责任单位 / 完成时限 lines, a 部门's 工作要点 with targets of a later horizon, a 政府工作报告 whose
review is a （一） item, notices signed by an office ending in 局 / 委 / 办. Every document here
is a few lines made up for the test (illustrative)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from linzi_kpi.draft import draft_text, make
from linzi_kpi.draft.metadata import read
from linzi_kpi.draft.past import review_item
from linzi_kpi.draft.plan import Draft

CLOCK = dt.date(2031, 7, 1)
NOTICE = "示例区人民政府办公室\n示例区人民政府办公室关于印发示例区2024年重点工作任务的通知\n示政办发〔2024〕1号\n\n"


def draft(body: str, head: str = NOTICE) -> tuple[Draft, str]:
    return draft_text(head + body, "source/x.txt", CLOCK)


def targets(d: Draft) -> list[tuple[int, float, str, str, str | None]]:
    return [(t.number, c.number, c.unit, c.kind.value,
             c.deadline.isoformat() if c.deadline else None) for t in d.tasks for c in t.targets]


@pytest.mark.parametrize("head, issuer", [
    ("岚山区教育和体育局关于印发《2024年全区教育工作要点》的通知\n岚教体发〔2024〕4号\n"
     "岚山区教育和体育局\n2024年2月26日\n", "岚山区教育和体育局"),
    ("白石县科学技术局关于印发2025年科技工作要点的通知\n白科字〔2025〕3号\n", "白石县科学技术局"),
    ("县直各部门：\n现将要点印发给你们。\n白石县发改委\n2024年3月8日\n", "白石县发改委"),
    ("示例区人民政府办公室\n示例区人民政府办公室关于印发示例区2024年重点工作任务的通知\n",
     "示例区人民政府办公室"),
])
def test_an_office_ending_in_局_委_办_signs_its_notice(head, issuer):
    assert read(head, "").issuer.value == issuer


def test_a_document_signed_at_its_end_takes_its_office_and_date_from_there():
    """A 工作要点 with no notice before it, signed under its last task; a date in a task's
    words or a last line that is no office signs nothing."""
    body = ("周村区市场监督管理局2024年工作要点\n一、2024年重点工作\n"
            "1.优化营商环境。新增市场主体1.3万户以上。（牵头单位：登记注册科）\n"
            "2.守牢食品安全底线。完成食品安全抽检3500次。（牵头单位：食品安全科）\n\n")
    d, yaml_text = draft(body + "周村区市场监督管理局\n2024年1月20日\n", head="")
    assert (d.doc.issuer.value, d.doc.issuer.why) == (
        "周村区市场监督管理局", "the line above the date that signs the document at its end")
    assert (d.doc.issued.value, d.doc.issued.why) == (
        dt.date(2024, 1, 20), "the date line that signs the document at its end")
    assert '  issuer: "周村区市场监督管理局"\n' in yaml_text
    assert "  issued: 2024-01-20\n" in yaml_text
    for tail in ("2024年1月20日\n", "请各科室认真落实。\n2024年1月20日\n", ""):
        d, _ = draft(body + tail, head="")
        assert (d.doc.issuer.value, d.doc.issued.value) == (None, None), tail


def test_a_first_line_ending_in_局_that_is_no_office_is_no_issuer():
    assert read("加快构建新发展格局\n2024年重点任务\n", "").issuer.value is None


def test_a_分工方案_item_with_its_own_lines_takes_their_departments_and_deadline(tmp_path):
    body = ("一、政务服务\n（一）压减企业开办时间。企业开办时间压缩至1个工作日以内，全年新登记经营主体2.5万户。\n"
            "责任单位：市市场监管局\n完成时限：2024年6月底前\n"
            "（二）强化融资服务。新增普惠小微企业贷款40亿元，年底前组织银企对接活动30场次。\n"
            "责任单位：市金融工作局、人民银行示例市分行\n完成时限：2024年11月底前\n"
            "（三）规范涉企执法。开展执法人员培训1000人次，组织教师全员培训不少于72学时。\n"
            "责任单位：市司法局\n完成时限：持续推进\n")
    d, _yaml = draft(body)
    assert targets(d) == [(1, 1, "个工作日", "level", "2024-06-30"),
                          (1, 2.5, "万户", "increment", "2024-12-31"),
                          (2, 40, "亿元", "increment", "2024-11-30"),
                          (2, 30, "场次", "increment", "2024-12-31"),
                          (3, 1000, "人次", "increment", None),
                          (3, 72, "学时", "increment", None)]
    assert [(t.roles.lead, t.roles.responsible) for t in d.tasks] == [
        ([], ["市市场监管局"]), ([], ["市金融工作局", "人民银行示例市分行"]), ([], ["市司法局"])]
    # lines of one length (责任单位 / 完成时限) that run on into nothing are no PDF wrap
    source = tmp_path / "plan.txt"
    source.write_text(NOTICE + body * 3, encoding="utf-8")
    done = make(source, tmp_path / "out", "plan.txt", "out", CLOCK)
    assert not any("wrapped" in note for note in done.notes)
    assert (tmp_path / "out" / "data" / "source" / "plan.txt").read_text(
        encoding="utf-8") == NOTICE + body * 3


@pytest.mark.parametrize("sentence, expected", [
    ("新增高新技术企业30家，到2025年累计达到200家。", [None, "2025-12-31"]),
    ("力争2026年，战略性新兴产业产值占比达到35%，新建5G基站300个。", ["2026-12-31", "2026-12-31"]),
    ("到2025年，高速公路通车里程达到120公里，2024年新建改建农村公路60公里。", ["2025-12-31", None]),
    ("到2025年，公办园占比达到60%；新增普惠性学位1200个。", ["2025-12-31", None]),
    ("争取专项债券资金10亿元，比2023年增长10%。", [None, None]),
    ("2024年度新增就业5000人，2023年以来累计建成10个。", [None, None]),
    ("到2027年底，绿化覆盖率达到43%，全年完成造林1.2万亩。", ["2027-12-31", None]),
])
def test_the_deadline_a_targets_own_sentence_gives_it(sentence, expected):
    d, _yaml = draft("一、产业\n1." + sentence + "\n")
    assert [deadline for *_rest, deadline in targets(d)] == expected


def test_a_review_item_of_a_report_is_left_out_and_its_title_is_its_line():
    report = ("示例县人民政府工作报告\n——2024年1月10日在示例县第十八届人民代表大会第三次会议上\n\n"
              "一、2023年工作回顾和2024年工作安排\n（一）2023年工作回顾\n"
              "全县经济运行稳中向好，地区生产总值增长6.1%，新增规模以上工业企业22家。\n"
              "（二）2024年主要预期目标\n全县的主要预期目标是：地区生产总值增长6%左右，固定资产投资增长8%。\n"
              "二、2024年重点工作\n（一）全力壮大实体经济。新增规模以上工业企业20家以上。\n")
    d, yaml_text = draft(report, head="")
    assert [(t.number, t.title) for t in d.tasks] == [
        (102, "2024年主要预期目标"), (201, "全力壮大实体经济")]
    assert targets(d) == [(102, 6, "%", "rate", None), (102, 8, "%", "rate", None),
                          (201, 20, "家", "increment", None)]
    assert d.doc.notes[0] == ("（一）2023年工作回顾 (lines 5–6) reviews past work and was not "
                              "drafted: its 2 figures are results, not targets; check that it "
                              "holds none of the plan's targets")


@pytest.mark.parametrize("line, year, expected", [
    ("（一）2023年工作回顾", 2024, "（一）2023年工作回顾"),
    ("（一）过去一年的工作", 2024, "（一）过去一年的工作"),
    ("(二) 2023年主要目标完成情况", None, "(二) 2023年主要目标完成情况"),
    ("（二）2024年主要预期目标", 2024, None),
    ("（三）2024年工作完成情况", 2024, None),
    ("（五）做好年度工作总结", 2024, None),
    ("（一）2023年工作回顾。全年新增企业22家", 2024, None),
    ("一、2023年工作回顾", 2024, None),
])
def test_which_items_review_past_work(line, year, expected):
    assert review_item(line, year) == expected


def test_the_corpus_documents_of_this_round_are_there():
    corpus = Path(__file__).resolve().parent.parent / "benchmarks" / "draft_corpus"
    for name in ("division-plan-item-lines", "key-points-horizon", "report-review-subheading",
                 "bureau-horizon-clauses"):
        assert (corpus / f"{name}.txt").is_file() and (corpus / f"{name}.yaml").is_file()
