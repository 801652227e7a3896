"""kpi draft on a fourth round of the genre's documents: a report's title naming the year it
reviews and the year it plans, a count after a percentage in one sentence, and the layouts of
new genres (a 街道 工作要点, a 专项实施方案's yearly goals, a 市直部门 计划's quarterly
milestones, an annex 任务清单 workbook, a 政府工作报告's mixed bounds). Every document here is a
few lines made up for the test (illustrative)."""

from __future__ import annotations

import datetime as dt

from drafting import draft, targets

from linzi_kpi.draft.metadata import read


def test_a_title_naming_the_year_reviewed_and_the_year_planned_gives_the_planned_year():
    """关于2024年…计划执行情况与2025年…计划草案的报告, read alone (no review found in its body):
    the plan is the 2025 one; 2024 is the year whose execution it reports."""
    title = "关于石泉县2024年国民经济和社会发展计划执行情况与2025年国民经济和社会发展计划草案的报告"
    meta = read(f"石泉县发展和改革局\n\n{title}\n\n各位代表：\n", "")
    assert (meta.year.value, meta.year.why) == (2025, "the year in the title")


def test_a_title_naming_a_summary_and_a_plan_gives_the_plans_year():
    meta = read("示例街道办事处\n示例街道2024年工作总结和2025年工作计划\n", "")
    assert meta.year.value == 2025


def test_a_count_after_a_percentage_does_not_take_the_percentages_kind():
    """覆盖率保持在100%，全年事故控制在0起: a count with no verb of its own after a percentage
    (a level) is not a level for that: increment is the guess, as with no number before it."""
    d, _yaml = draft("一、安全\n1.安全检查覆盖率保持在100%，全年生产安全事故控制在0起。\n2.新建道路12公里。\n")
    assert targets(d)[:2] == [
        (1, "安全检查覆盖率保持在100%", 100, "%", "maintain_at_least", "level"),
        (1, "全年生产安全事故控制在0起", 0, "起", "at_most", "increment")]
    notes = [n for n in d.tasks[0].targets[1].notes if n.startswith("kind")]
    assert notes == ["kind no verb of its own, after a percentage: increment is a guess"]


def test_a_street_offices_notice_names_the_office_on_its_first_line():
    """A 街道办事处 issues its 工作要点 as a 局 or an 人民政府 does."""
    meta = read("青川街道办事处\n\n关于印发《青川街道2025年工作要点》的通知\n\n各社区居委会：\n", "")
    assert (meta.issuer.value, meta.issuer.why) == ("青川街道办事处", "the document's first line")


def test_a_street_office_that_signs_above_the_date_is_the_issuer():
    meta = read("关于印发《青川街道2025年工作要点》的通知\n\n各社区居委会：\n现将要点印发给你们。\n\n"
                "青川街道办事处\n2025年2月18日\n", "")
    assert meta.issuer.value == "青川街道办事处"


def test_a_title_naming_a_span_of_years_gives_its_first_year():
    """…三年行动实施方案（2025—2027年）: the plan's first year is the year tracked; its later
    goals are horizons."""
    meta = read("云溪区人民政府办公室\n关于印发《云溪区老旧小区改造三年行动实施方案（2025—2027年）》的通知\n", "")
    assert (meta.year.value, meta.year.why) == (2025, "the year in the title")


def test_a_year_before_the_plans_is_no_deadline_even_with_底前():
    """全面完成2000年底前建成的老旧小区改造: a year before the plan's names what is counted (built
    before 2000), not when it is due; 到2027年 before it is the deadline."""
    d, _yaml = draft("一、目标\n1.到2027年，全面完成2000年底前建成的老旧小区改造任务，物业管理覆盖率达到90%以上。\n"
                     "2.新建道路12公里。\n")
    target = d.tasks[0].targets[0]
    assert (target.number, target.deadline) == (90, dt.date(2027, 12, 31))


def test_二_before_a_measure_word_is_no_count():
    """改造二次供水设施20处: 二次供水 is secondary water supply; a count says 两 (新建两个)."""
    d, _yaml = draft("一、改造\n1.改造二次供水设施20处，新建两个社区食堂。\n2.新建道路12公里。\n")
    assert [(c.number, c.unit) for c in d.tasks[0].targets] == [(20, "处"), (2, "个")]


def test_each_figure_of_a_respectively_list_quotes_the_whole_list():
    """甲、乙分别增长6%、8%: the second figure's quote says what it is of, not 8% alone."""
    d, _yaml = draft("一、目标\n1.社会消费品零售总额、外贸进出口总额分别增长6%、8%，实际使用外资1.2亿美元。\n"
                     "2.新建道路12公里。\n")
    assert [(c.label, c.quote) for c in d.tasks[0].targets] == [
        ("社会消费品零售总额增长", "社会消费品零售总额、外贸进出口总额分别增长6%、8%"),
        ("外贸进出口总额增长", "社会消费品零售总额、外贸进出口总额分别增长6%、8%"),
        ("实际使用外资", "实际使用外资1.2亿美元")]


def test_verbs_sharing_an_object_in_a_respectively_list_label_each_with_the_object():
    """新建、改造农贸市场分别为5个、10个: 新建农贸市场 5, 改造农贸市场 10 (为 says nothing)."""
    d, _yaml = draft("一、商贸\n1.新建、改造农贸市场分别为5个、10个。\n2.新建道路12公里。\n")
    assert [(c.label, c.number) for c in d.tasks[0].targets] == [
        ("新建农贸市场", 5), ("改造农贸市场", 10)]


#: A 任务清单 whose 序号, 重点任务 and 牵头单位 are merged down a task's rows, each row with its
#: own 具体内容, 配合单位 and 完成时限 (as a workbook's rows are read: one line for the task, each
#: column's words a line each).
ROWS_OF_ONE_TASK = ("序号\t重点任务\t具体内容\t牵头单位\t配合单位\t完成时限\n"
                    "1\t提升政务服务效能\t企业开办时间压缩至1个工作日以内\n政务服务事项网办率达到98%以上\n"
                    "新增集成服务事项15个\t县市场监管局\t县政务服务中心\n县大数据中心\t"
                    "2025年6月底前\n2025年12月底前\n2025年9月底前\n"
                    "2\t强化要素保障\t新增普惠小微企业贷款20亿元\t县金融服务中心\t县财政局\t2025年12月底前\n")


def test_rows_of_one_task_each_keep_their_own_完成时限_and_the_departments_are_read():
    d, _yaml = draft(ROWS_OF_ONE_TASK)
    assert [(t.number, t.roles.lead, t.roles.responsible) for t in d.tasks] == [
        (1, ["县市场监管局"], ["县政务服务中心", "县大数据中心"]), (2, ["县金融服务中心"], ["县财政局"])]
    assert [(c.number, c.deadline) for t in d.tasks for c in t.targets] == [
        (1, dt.date(2025, 6, 30)), (98, dt.date(2025, 12, 31)), (15, dt.date(2025, 9, 30)),
        (20, dt.date(2025, 12, 31))]
    assert d.tasks[0].targets[1].notes[-1] == (
        "deadline: 2025年12月底前, the 完成时限 of its row")


def test_rows_of_one_task_with_fewer_完成时限_than_rows_take_the_latest():
    """Two rows of one 完成时限 are written once: which row is whose is not known, so each
    target takes the latest, and the note says so."""
    text = ROWS_OF_ONE_TASK.replace("2025年6月底前\n2025年12月底前\n2025年9月底前",
                                    "2025年6月底前\n2025年12月底前")
    d, _yaml = draft(text)
    assert [c.deadline for c in d.tasks[0].targets] == [dt.date(2025, 12, 31)] * 3
    assert d.tasks[0].targets[0].notes[-1] == (
        "deadline: 2025年6月底前、2025年12月底前: the task's rows have 完成时限 of their own, "
        "not one a row; the latest is taken")


def test_a_name_in_two_rows_of_one_task_is_its_department_once():
    d, _yaml = draft("序号\t重点任务\t具体内容\t牵头单位\t配合单位\t完成时限\n"
                     "1\t优化审批\t审批时间控制在30个工作日以内\n全年组织项目不少于10个\t县住建局\t"
                     "县自然资源局、县发改局\n县自然资源局\t2025年6月底前\n2025年12月底前\n"
                     "2\t强化要素保障\t新增贷款20亿元\t县金融服务中心\t县财政局\t2025年12月底前\n")
    assert d.tasks[0].roles.responsible == ["县自然资源局", "县发改局"]


def test_每月_is_a_完成时限():
    """每月 (a task done month by month) is written in the 完成时限 column as 持续推进 is; a
    人民团体 (县工商联, 县科协) is a department."""
    d, _yaml = draft("序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
                     "1\t开展企业家接待日活动12次\t县工商联\t县工信局\t每月\n"
                     "2\t新增贷款20亿元\t县金融服务中心\t县财政局\t2025年12月底前\n")
    assert (d.tasks[0].roles.lead, d.tasks[0].roles.responsible) == (["县工商联"], ["县工信局"])
    assert d.tasks[0].targets[0].deadline is None
