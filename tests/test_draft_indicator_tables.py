"""kpi draft on a third round of the genre's documents: a 计划's table of indicators (指标 | 单位 |
目标 | 增长), an assessment's table whose 权重 / 分值 columns hold no target, 责任单位 lists ending
in 按职责分工负责, ordinals such as 第三批. Every document here is a few lines made up for the
test (illustrative)."""

from __future__ import annotations

import pytest
from drafting import draft, targets

from linzi_kpi.draft.indicators import rewrite
from linzi_kpi.draft.metadata import read


def test_an_indicator_table_gives_each_row_its_figures_with_its_unit_and_growth():
    """指标 | 单位 | 目标 | 比上年增长（%）: the target and the growth rate both, the unit of a
    bare figure from its row (or the growth header's %), a growth cell's own verb kept, a dash
    no figure; the rows are the goals under their heading, before the numbered tasks."""
    d, _yaml = draft("一、主要预期目标\n"
                     "指标\t单位\t2025年目标\t比上年增长（%）\n"
                     "地区生产总值\t亿元\t305\t6.5左右\n"
                     "固定资产投资\t%\t—\t8以上\n"
                     "单位地区生产总值能耗\t%\t—\t下降3\n"
                     "居民消费价格涨幅\t%\t—\t3左右\n"
                     "PM2.5平均浓度\t微克/立方米\t42以内\t—\n"
                     "城镇新增就业\t人\t5000以上\t—\n"
                     "二、重点任务\n1.新增高新技术企业30家。\n2.新建道路12公里。\n")
    assert targets(d)[:7] == [
        (100, "地区生产总值305亿元", 305, "亿元", "at_least", "increment"),
        (100, "增长6.5%左右", 6.5, "%", "approx", "rate"),
        (100, "固定资产投资增长8%以上", 8, "%", "at_least", "rate"),
        (100, "单位地区生产总值能耗下降3%", 3, "%", "at_least", "rate"),
        (100, "居民消费价格涨幅3%左右", 3, "%", "approx", "rate"),
        (100, "PM2.5平均浓度42微克/立方米以内", 42, "微克/立方米", "at_most", "level"),
        (100, "城镇新增就业5000人以上", 5000, "人", "at_least", "increment")]
    assert ("a table of indicators: each of its 6 rows is read as its indicator with its target, "
            "unit and growth rate written after it (地区生产总值305亿元，增长6.5%左右), the columns "
            "that hold no target (weights, scores, categories, past figures, 属性) left out, and "
            "source/ holds it so") in d.notes


def test_an_indicator_tables_past_category_and_kind_columns_hold_no_target():
    text, rows = rewrite("类别\t指标名称\t单位\t2024年预计完成\t2025年目标\t指标属性\n"
                         "经济发展\t地区生产总值增长\t%\t5.6\t6.5左右\t预期性\n"
                         "绿色生态\t森林覆盖率\t%\t38.2\t38.5\t约束性\n")
    assert (text, rows) == ("指标名称及2025年目标\n地区生产总值增长6.5%左右\n森林覆盖率38.5%\n", 2)


def test_an_assessment_tables_weights_are_no_targets_and_its_rows_keep_their_departments():
    """序号 | 考核指标 | 目标值 | 权重 | 牵头单位 | 配合单位: a row a task, its weight no target,
    its indicator's words (增速) making its figure a rate; words in the target cell (高于全市平均
    水平) hold no figure."""
    d, _yaml = draft("一、考核指标\n"
                     "序号\t考核指标\t2025年目标值\t权重\t牵头单位\t配合单位\n"
                     "1\t地区生产总值增速\t6%左右\t10%\t区发改局\t区统计局\n"
                     "2\t社会消费品零售总额增速\t高于全市平均水平\t6%\t区商务局\t区统计局\n"
                     "3\t新增“四上”企业\t40家\t5分\t区统计局\t区工信局、区商务局\n")
    assert targets(d) == [(1, "地区生产总值增速6%左右", 6, "%", "approx", "rate"),
                          (3, "新增“四上”企业40家", 40, "家", "at_least", "increment")]
    assert [(t.number, t.roles.lead, t.roles.responsible) for t in d.tasks] == [
        (1, ["区发改局"], ["区统计局"]), (2, ["区商务局"], ["区统计局"]),
        (3, ["区统计局"], ["区工信局", "区商务局"])]


@pytest.mark.parametrize("table", [
    "序号\t工作任务\t牵头单位\t责任单位\n1\t新增企业30家\t区工信局\t区商务局\n",
    "指标\t单位\n地区生产总值\t亿元\n",
    "单位名称\t联系人\t电话\n区发改局\t张三\t12345\n",
])
def test_a_table_of_no_indicators_is_left_as_it_was(table):
    assert rewrite(table) == (table, 0)


@pytest.mark.parametrize("clause", ["（责任单位：区发改局，区统计局按职责分工负责）",
                                    "（区发改局、区统计局按照职责分工负责）",
                                    "（责任单位：区发改局、区统计局根据各自职责落实）"])
def test_a_list_ending_in_按职责分工负责_names_its_departments_without_it(clause):
    d, _yaml = draft("一、稳增长\n1.地区生产总值增长6%。" + clause + "\n2.新建道路12公里。\n")
    assert (d.tasks[0].roles.lead, d.tasks[0].roles.responsible) == ([], ["区发改局", "区统计局"])


def test_an_ordinal_in_chinese_numerals_is_no_count():
    """建成第三批“15分钟便民生活圈”8个: 第三批 names the round; 8个 is the target."""
    d, _yaml = draft("一、民生\n1.建成第三批“15分钟便民生活圈”8个，新增三家养老机构。\n2.新建道路12公里。\n")
    assert [(c.quote, c.number, c.unit) for c in d.tasks[0].targets] == [
        ("建成第三批“15分钟便民生活圈”8个", 8, "个"), ("新增三家", 3, "家")]


def test_how_long_something_lasts_is_no_target():
    d, _yaml = draft("一、消费\n1.举办促消费活动30场次，“夜经济”消费季持续3个月，为期2天的展会吸引客商500人次。\n"
                     "2.新建道路12公里。\n")
    assert [(c.number, c.unit) for c in d.tasks[0].targets] == [(30, "场次"), (500, "人次")]


def test_a_bureaus_report_on_the_plan_gives_its_title_and_its_office():
    """A 发改局's report to the 人代会: the office on the first line (a 局), the title a long
    关于…的报告 line."""
    title = "关于石泉县2024年国民经济和社会发展计划执行情况与2025年国民经济和社会发展计划草案的报告"
    meta = read(f"【字体：大 中 小】\n石泉县发展和改革局\n\n{title}\n\n"
                "——2025年1月9日在石泉县第十八届人民代表大会第五次会议上\n各位代表：\n", "")
    assert (meta.issuer.value, meta.title.value) == ("石泉县发展和改革局", title)


def test_numbered_paragraphs_after_a_tables_rows_under_a_later_heading_are_tasks_too():
    """一、 a table of rows 1 … 2, then 二、 whose paragraphs 3. 4. go on with its numbers; a
    paragraph's bracket names its departments, not the table's columns."""
    d, _yaml = draft("一、主要指标\n序号\t指标名称\t2025年目标\t牵头单位\t责任单位\n"
                     "1\t地区生产总值增速\t6%左右\t区发改局\t区统计局\n"
                     "2\t城镇新增就业\t4800人以上\t区人社局\t区财政局\n"
                     "二、重点任务\n3.新增规模以上工业企业25家。（牵头单位：区工信局；责任单位：各街道）\n"
                     "4.新建城市道路15公里。（牵头单位：区住建局）\n")
    assert [(t.number, t.section, t.roles.lead, t.roles.responsible) for t in d.tasks] == [
        (1, 1, ["区发改局"], ["区统计局"]), (2, 1, ["区人社局"], ["区财政局"]),
        (3, 2, ["区工信局"], ["各街道"]), (4, 2, ["区住建局"], [])]
    assert [(c.number, c.unit) for t in d.tasks for c in t.targets] == [
        (6, "%"), (4800, "人"), (25, "家"), (15, "公里")]
