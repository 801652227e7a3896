"""kpi draft speaks the reader's language: under zh every note it prints and every comment it
writes into the drafted tasks.yaml is Chinese (the catalogues' translations), the English message
ids staying what the English tests assert. Every document here is a few lines made up for the
test (illustrative), never the shipped data."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from linzi_kpi.draft import draft_text

#: A clock far from every year below: the plan year never comes from it.
CLOCK = dt.date(2031, 7, 1)

#: A notice without 文号 or date, and two tasks without section headings: the notes say what is
#: missing; the targets give a bound, an approximation, a deadline, 清零, a range and a name.
DOCUMENT = """示例区人民政府办公室
示例区2024年重点工作任务

1.建设充电设施。新增各类充电桩1200个，实施重点项目8个左右，到2025年新增公共充电站50处。\
（牵头单位：区发改局；责任领导：张三）
2.守住发展底线。粮食播种面积稳定在56万亩以上，建成区黑臭水体动态清零，高新技术企业数量达到170—180家，\
“456”工程全面启动。（区科技局、区农业农村局）
"""

#: Layouts that reach the other notes: a table with a header row whose leader is a person and a
#: department cell left empty; numbering that starts again in every section and a number that
#: goes back; no numbering at all and no year; a year outside the years kpi takes; department
#: labels of the genre, a list under one bound, counts in Chinese numerals, thresholds.
LAYOUTS = {
    "table": ("示例区2024年重点任务分解表\n序号\t工作任务\t责任领导\t牵头单位\t责任单位\t完成时限\n"
              "1\t地区生产总值增长6%以上。\t张三\t区发改局\t区统计局\t2024年12月底\n"
              "2\t城镇新增就业5000人。\t王五\t区人社局\t\t2024年11月底\n"),
    "restart": ("示例区2024年重点工作任务\n一、稳增长\n1.地区生产总值增长6.5%左右。（牵头单位：区发改局）\n"
                "2.社会消费品零售总额增长7%。（牵头单位：区商务局）\n1.重复编号的段落新增项目3个。\n"
                "二、惠民生\n1.新增城镇就业3500人。（牵头单位：区人社局；配合单位：区财政局）\n"),
    "unnumbered": ("今年要新增各类充电桩1200个，由区发改局负责。\n\n"
                   "粮食播种面积稳定在56万亩以上。\n"),
    "outside": ("示例区人民政府办公室\n示例区1890年重点工作任务\n\n一、发展\n"
                "1.到2190年新增公共充电站50处。（区发改局牵头，区交通局等部门配合）\n"),
    "genre": ("示例区2024年重点工作任务\n（排在第一位的为牵头单位）\n一、发展\n"
              "1.工业投资和技改投资分别增长5.2%、8%左右，新建就业驿站五个，建设年产10万吨的项目，"
              "500万元以上项目260个，出台人才金政20条措施，推进3个方面改革，每季度举行1次调度。"
              "（区工信局、区财政局）\n"
              "2.人均可支配收入达到5万元，新增规上企业15家和限上企业20家，PM2.5浓度控制在35微克/立方米以内。"
              "（主办单位：区统计局；协办单位：区环保局）\n"),
}

#: Latin words a Chinese note may hold: the program, its file and its YAML words.
ALLOWED = {"kpi", "yaml", "tasks", "draft", "review", "source", "aliases", "validate"}


def english_words(text: str) -> list[str]:
    """ASCII words of four letters or more that are not among the allowed names."""
    return [w for w in re.findall(r"[A-Za-z]{4,}", text) if w not in ALLOWED]


def comments(yaml_text: str) -> list[str]:
    """Every comment of the drafted tasks.yaml (after ``# `` on a line; no quoted value holds
    one in these documents)."""
    return [line.split("#", 1)[1].strip() for line in yaml_text.splitlines() if "#" in line]


@pytest.mark.lang("zh")
def test_the_notes_on_stderr_and_the_review_comments_are_chinese(kpi, tmp_path: Path) -> None:
    (tmp_path / "plan.txt").write_text(DOCUMENT, encoding="utf-8")
    result = kpi("draft", str(tmp_path / "plan.txt"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "注：未找到章节标题（一、…）：所有任务归入第1部分",
        "注：文件中未找到文号：tasks.yaml 暂填“未找到”；请补填",
        "注：文件中未找到发文日期：tasks.yaml 暂填 2024-01-01；请补填"]
    lines = (tmp_path / "out" / "data" / "tasks.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[:8] == [
        "# 草稿：由 `kpi draft` 根据 source/plan.txt 起草，所有内容均未经核对。",
        "# 标记 `review: draft` 的每一项都是推断，须对照本文件旁 source/ 中的原文核对：",
        "# 核对修正后删除其 review 行。`kpi validate` 会列出尚待审核的内容。",
        "# 注释（#）说明每项推断的依据，审核时逐条删除。",
        "#",
        "# 在文件中识别出的格式：",
        "#   任务：以 1. 1、编号的段落，共 2 项",
        "#   部门：取每项任务末尾的括号"]
    for expected in [
        '  document_number: "未找到"  # 未找到：请填写文号',
        "  issued: 2024-01-01  # 未找到：请填写发文日期",
        "  period_start: 2024-01-01  # 计划年份，取自标题中的年份",
        '  - {number: 1, title: "示例区2024年重点工作任务"}  # 文件无章节标题',
        "    # 责任领导张三：为个人，不是部门",
        "    # 未作为指标的数值：2025（其后无单位（年新）：为年份、日期或名称）",
        "        comparator: at_least  # 未写明界限：暂按“不少于”推断",
        "        kind: increment  # 新增：期内新增",
        "        comparator: approx  # 左右：约数",
        "        kind: increment  # 实施：期内完成",
        "        deadline: 2025-12-31  # 取自同句前文的“到2025年”",
        "    # '区科技局、区农业农村局'未注明职责：按责任部门处理",
        "    # 未作为指标的数值：456（位于引号内：属名称的一部分）",
        "        comparator: maintain_at_least  # 稳定在：全期保持",
        "        kind: level  # 全期保持：按存量指标处理",
        "        # 清零：降至零，上限为 0",
        "        # 原文未写单位：“个”系推断",
        "        # 区间：下限 170 为目标，180 为力争目标",
        "        comparator: at_least  # 达到：不少于",
        "        kind: level  # 达到：应达到的存量",
        "        stretch: 180  # 区间上限"]:
        assert expected in lines


@pytest.mark.lang("en")
def test_the_same_draft_in_english_keeps_its_english_notes(kpi, tmp_path: Path) -> None:
    (tmp_path / "plan.txt").write_text(DOCUMENT, encoding="utf-8")
    result = kpi("draft", str(tmp_path / "plan.txt"), "--out", str(tmp_path / "out"))
    assert result.stderr.splitlines()[0] == ("note: no section headings (一、…) were found: every "
                                             "task is in section 1")
    text = (tmp_path / "out" / "data" / "tasks.yaml").read_text(encoding="utf-8")
    assert "        comparator: approx  # 左右: approximately\n" in text
    assert "        deadline: 2025-12-31  # 到2025年 earlier in the sentence\n" in text


@pytest.mark.lang("zh")
@pytest.mark.parametrize("name", [*LAYOUTS, "notice"])
def test_no_english_word_in_any_note_or_comment_of_a_chinese_draft(name: str) -> None:
    drafted, yaml_text = draft_text(LAYOUTS.get(name, DOCUMENT), "source/x.txt", CLOCK)
    notes = [*drafted.notes, *(n for t in drafted.tasks for n in t.roles.notes),
             *(n for t in drafted.tasks for c in t.targets for n in c.notes),
             *(s.why for t in drafted.tasks for s in t.skipped), drafted.doc.year.why]
    assert notes and comments(yaml_text)
    assert {text: english_words(text) for text in notes + comments(yaml_text)
            if english_words(text)} == {}


@pytest.mark.lang("zh")
def test_the_layouts_notes_in_chinese() -> None:
    table, _ = draft_text(LAYOUTS["table"], "source/x.txt", CLOCK)
    assert table.tasks[0].roles.notes == ["责任领导：为个人，不是部门"]
    assert table.tasks[1].roles.notes == ["责任领导：为个人，不是部门",
                                          "有部门单元格为空：找到的名称已从左起依次填入各列；请核对所属列"]
    restart, yaml_text = draft_text(LAYOUTS["restart"], "source/x.txt", CLOCK)
    assert "每部分重新编号：任务编号为部分序号 × 100 + 条目号" in restart.notes
    assert "任务 2 之后以编号 1 开头的段落未予采用：同一部分内任务编号须依次递增" in restart.doc.notes
    assert "    # 配合单位按责任部门处理" in yaml_text.splitlines()
    outside, _ = draft_text(LAYOUTS["outside"], "source/x.txt", CLOCK)
    assert "标题中的年份 1890 超出 kpi 接受的年份（1900–2100）：不作为计划年份" in outside.notes
    assert outside.tasks[0].roles.notes == ["等部门：文件所列部门不止这些"]
    assert "同句前文的“到2190年”超出 kpi 接受的年份（1900–2100）：不作为期限" in \
        outside.tasks[0].targets[0].notes
    genre, yaml_text = draft_text(LAYOUTS["genre"], "source/x.txt", CLOCK)
    assert genre.tasks[0].targets[0].notes[0] == "比较方式：列举末尾的“左右”：各数值均按约数处理"
    assert "        comparator: approx  # 列举末尾的“左右”：各数值均按约数处理" in yaml_text.splitlines()
    assert ("    # 未作为指标的数值：10万吨（描述后文对象的规模（年产、总投资等），不是目标）；"
            "500万元以上（限定后文对象的门槛，不是目标）；20条（指一组措施，不是要达到的数量）；"
            "3个（计数的是方案的组成部分（方面、领域等），不是目标）；1次（每期频次（每季度…），不是目标）"
            in yaml_text.splitlines())
    assert genre.tasks[1].roles.notes == ["协办单位按责任部门处理"]


@pytest.mark.lang("zh")
def test_a_return_read_as_gbk_is_noted_in_chinese(kpi, small_plan: Path, tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_bytes("编号,本次数值,数据日期,备注\n1.1,100,2023-06-30,月报\n"
                                     .encode("gbk"))
    result = kpi("import", str(tmp_path / "r.csv"), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert f"注：{tmp_path / 'r.csv'} 不是 UTF-8 编码，已按 GBK 读取（可用 --encoding 指定其他编码）" \
        in result.stderr.splitlines()
