"""Who and source are one line of text, and no free text or department name holds an invisible
character that reorders or hides it (``freetext.fault``, the one rule: ``service`` asks it of
who, source and note, ``checks`` of the plan's department names)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("warm_plan_cache")

ONE_LINE = "(remove it; who, source and a department's name are one line of text)"
HIDES = "(remove it: it reorders or hides what kpi shows (kpi log, file names))"
BREAKS = {"\n": "000A", "\r": "000D", "\r\n": "000D", "\u2028": "2028", "\u2029": "2029",
          "\x85": "0085"}
INVISIBLE = {"\u202a": "LEFT-TO-RIGHT EMBEDDING", "\u202e": "RIGHT-TO-LEFT OVERRIDE",
             "\u2066": "LEFT-TO-RIGHT ISOLATE", "\u2069": "POP DIRECTIONAL ISOLATE",
             "\u200b": "ZERO WIDTH SPACE", "\u200d": "ZERO WIDTH JOINER",
             "\u2060": "WORD JOINER", "\ufeff": "ZERO WIDTH NO-BREAK SPACE"}


def _nothing_recorded(plan: Path) -> bool:
    return not (plan / "progress").exists() or not any((plan / "progress").iterdir())


@pytest.mark.parametrize("brk", sorted(BREAKS))
@pytest.mark.parametrize("option", ["--by", "--source"])
def test_who_and_source_refuse_every_line_break(kpi, small_plan, option, brk):
    result = kpi("record", "1.1", "600", "--date", "2023-06-30", option, f"x{brk}y")
    name = option[2:]
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"error: {name} holds a line break (U+{BREAKS[brk]}) {ONE_LINE}\n")
    assert _nothing_recorded(small_plan)


@pytest.mark.parametrize("char", sorted(INVISIBLE))
@pytest.mark.parametrize("option", ["--by", "--source", "--note"])
def test_free_text_refuses_bidirectional_and_zero_width_characters(kpi, small_plan, option, char):
    result = kpi("record", "1.1", "600", "--date", "2023-06-30", option, f"区发改{char}局")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"error: {option[2:]} holds the invisible character U+{ord(char):04X} "
               f"({INVISIBLE[char]}) {HIDES}\n")
    assert _nothing_recorded(small_plan)


def test_a_note_keeps_its_line_breaks(kpi, small_plan):
    result = kpi("record", "1.1", "600", "--date", "2023-06-30", "--note", "第一行\n第二行\u2028三")
    assert result.exit_code == 0, result.stderr


def test_a_return_row_with_a_line_break_in_who_is_a_row_error(kpi, small_plan, tmp_path):
    (tmp_path / "r.csv").write_text('编号,数值,日期,填报人\n1.1,600,2023-06-30,"张\n三"\n',
                                    encoding="utf-8")
    result = kpi("import", "r.csv")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[0] == (
        f"error: r.csv:2: column 填报人: by holds a line break (U+000A) {ONE_LINE}")
    assert _nothing_recorded(small_plan)


def test_withdraw_refuses_a_line_break_in_who(kpi, small_plan):
    assert kpi("record", "1.1", "600", "--date", "2023-06-30").exit_code == 0
    result = kpi("withdraw", "1.1", "--date", "2023-06-30", "--note", "错报", "--by", "张\n三")
    assert (result.exit_code, result.stderr) == (
        1, f"error: by holds a line break (U+000A) {ONE_LINE}\n")


@pytest.mark.parametrize(("written", "char"), [("区科\\u202e技局", "\u202e"),
                                               ("区科技局\\u200b", "\u200b"),
                                               ("区科\\u2066技局", "\u2066")])
def test_a_department_name_with_an_invisible_character_fails_validate(kpi, small_plan, written,
                                                                       char):
    plan = small_plan / "tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "  - name: 区科技局\n", f'  - name: "{written}"\n'), encoding="utf-8")
    result = kpi("validate")
    assert result.exit_code == 1
    shown = f"'{written}'"  # the name's repr: the invisible character escaped
    assert (f"departments[2].name: department name {shown} holds the invisible character "
            f"U+{ord(char):04X} ({INVISIBLE[char]})") in result.stdout
    assert f"  fix: {HIDES[1:-1]}" in result.stdout


def test_an_alias_with_a_line_break_fails_validate(kpi, small_plan):
    plan = small_plan / "tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        'aliases: ["区农业局"]', 'aliases: ["区农业\\n局"]'), encoding="utf-8")
    result = kpi("validate")
    assert result.exit_code == 1
    assert ("departments[3].aliases[0]: department name '区农业\\n局' holds a line break "
            "(U+000A)") in result.stdout


@pytest.mark.lang("zh")
def test_the_refusal_in_chinese(kpi, small_plan):
    result = kpi("record", "1.1", "600", "--date", "2023-06-30", "--by", "张\n三")
    assert (result.exit_code, result.stderr) == (
        1, "错误：录入人 含有换行符（U+000A）（请删除换行：填报人、来源和部门名称均应为单行文字）\n")
