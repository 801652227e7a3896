"""What a person's text may hold is one rule (``freetext``), and every path asks it with the same
words: a record typed on the command line, a row of an imported return, a record read back
from a hand-edited ledger (placed at its character's line and column), a department's name in
the plan, a value of the plan file, a plan document. Each fault: a control character, a lone
surrogate, a line break where text is one line, an invisible (bidirectional or zero-width)
character."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from linzi_kpi import freetext
from linzi_kpi.ledger import COLUMNS, RecordChecker, scan

pytestmark = pytest.mark.usefixtures("warm_plan_cache")

STAMP = "2023-07-01T09:00:00+08:00"
HEADER = ",".join(COLUMNS) + "\n"
CONTROL_FIX = "remove it; text may hold tabs and line breaks, never a control character"
ONE_LINE_CONTROL_FIX = ("remove it; who, source and a department's name are one line of printable "
                        "text")
BREAK_FIX = "remove it; who, source and a department's name are one line of text"
HIDES_FIX = "remove it: it reorders or hides what kpi shows (kpi log, file names)"
UTF8_FIX = "type it in a UTF-8 terminal, or save the file as UTF-8"

#: (text, message with {label}, fix) for a one-line field (who, source)
ONE_LINE_FAULTS = [
    ("张\x1b[2J三", "{label} holds the control character U+001B", ONE_LINE_CONTROL_FIX),
    ("张\u2029三", "{label} holds a line break (U+2029)", BREAK_FIX),
    ("张\u202e三", "{label} holds the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)",
     HIDES_FIX),
    ("张三\u200b", "{label} holds the invisible character U+200B (ZERO WIDTH SPACE)", HIDES_FIX),
]
#: the same for a note, which may hold line breaks
NOTE_FAULTS = [
    ("备注\x07", "{label} holds the control character U+0007", CONTROL_FIX),
    ("备\x85注", "{label} holds the control character U+0085", CONTROL_FIX),
    ("备注\u2066", "{label} holds the invisible character U+2066 (LEFT-TO-RIGHT ISOLATE)",
     HIDES_FIX),
    ("备\ufeff注", "{label} holds the invisible character U+FEFF (ZERO WIDTH NO-BREAK SPACE)",
     HIDES_FIX),
]


# ------------------------------------------------------------------ the rule itself


@pytest.mark.parametrize(("text", "message", "fix"), ONE_LINE_FAULTS)
def test_the_rule_words_each_fault_of_one_line_text_once(text, message, fix):
    found = freetext.fault("by", text, one_line=True)
    assert found is not None
    assert (found.message, found.hint, text[found.at]) == (
        message.format(label="by"), fix, text[found.at])
    assert freetext.SUSPECT.search(text) is not None
    assert freetext.may_hold(text.encode("utf-8"))


def test_the_rule_of_a_lone_surrogate():
    found = freetext.fault("note", "ab\udcffc")
    assert found is not None and (found.message, found.hint, found.at) == (
        "note holds bytes that are not UTF-8 text", UTF8_FIX, 2)


def test_the_first_character_at_fault_is_named():
    found = freetext.fault("by", "a\u202eb\nc", one_line=True)
    assert found is not None and found.at == 1


@pytest.mark.parametrize("text", ["第一行\n第二行", "a\r\nb", "一\u2028二", "tab\there", "°C ·×±“”…—，"])
def test_a_note_keeps_line_breaks_tabs_and_ordinary_characters(text):
    assert freetext.fault("note", text) is None


def test_the_byte_test_knows_ordinary_text_from_what_the_rule_refuses():
    ordinary = "23.1,600,个,“月报”口径，温度°C，说明…—·\t\r\n".encode()
    assert not freetext.may_hold(ordinary * 1000)
    for char in ("\x00", "\x1b", "\x7f", "\x85", "\u2028", "\u202a", "\u2069", "\u200d",
                 "\u2060", "\ufeff"):
        assert freetext.may_hold(ordinary + char.encode("utf-8") + ordinary), repr(char)


def test_a_plan_s_values_and_a_document_are_asked_less():
    # a quote keeps the document's invisible characters; a document may hold page breaks
    assert freetext.fault("the value", "新增\u200b充电桩", invisible=False) is None
    assert freetext.fault("the document", "一\x0c二\x0b三", invisible=False,
                          page_breaks=True) is None
    found = freetext.fault("the document", "一\x0c二\x1b", invisible=False, page_breaks=True)
    assert found is not None and found.message == (
        "the document holds the control character U+001B")


# ------------------------------------------------------------------ a typed record


@pytest.mark.parametrize(("text", "message", "fix"), ONE_LINE_FAULTS)
@pytest.mark.parametrize("option", ["--by", "--source"])
def test_a_typed_record_s_who_and_source(kpi, small_plan, option, text, message, fix):
    result = kpi("record", "1.1", "600", "--date", "2023-06-30", option, text)
    label = option[2:]
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"error: {message.format(label=label)} ({fix})\n")
    assert not (small_plan / "progress").exists()


@pytest.mark.parametrize(("text", "message", "fix"), NOTE_FAULTS)
def test_a_typed_record_s_note(kpi, small_plan, text, message, fix):
    result = kpi("record", "1.1", "600", "--date", "2023-06-30", "--note", text)
    assert (result.exit_code, result.stderr) == (
        1, f"error: {message.format(label='note')} ({fix})\n")


@pytest.mark.parametrize("option", ["--by", "--source", "--note"])
def test_a_typed_record_holding_bytes_that_were_not_utf8(kpi, small_plan, option):
    # as Python hands over an argument from a terminal that is not UTF-8
    result = kpi("record", "1.1", "600", "--date", "2023-06-30", option, "张\udce5三")
    assert (result.exit_code, result.stderr) == (
        1, f"error: {option[2:]} holds bytes that are not UTF-8 text ({UTF8_FIX})\n")


# ------------------------------------------------------------------ a row of a return


@pytest.mark.parametrize(("column", "label", "text", "message", "fix"),
                         [("填报人", "by", *fault) for fault in ONE_LINE_FAULTS]
                         + [("数据来源", "source", *ONE_LINE_FAULTS[1])]
                         + [("备注", "note", *fault) for fault in NOTE_FAULTS])
def test_an_imported_row(kpi, small_plan, tmp_path, column, label, text, message, fix):
    (tmp_path / "r.csv").write_text(f"编号,数值,日期,{column}\n1.1,600,2023-06-30,{text}\n",
                                    encoding="utf-8")
    result = kpi("import", "r.csv")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[0] == (
        f"error: r.csv:2: column {column}: {message.format(label=label)} ({fix})")
    assert not (small_plan / "progress").exists()


# ------------------------------------------------------------------ a record read back


def row(by: str = "区发改局", source: str = "月报", note: str = "") -> str:
    return f"1.1,600,个,2023-06-30,{STAMP},{by},{source},{note}\n"


def read_back(small_plan_model, tmp_path: Path, content: str):
    progress = tmp_path / "progress"
    progress.mkdir(exist_ok=True)
    (progress / "2023-06.csv").write_bytes(content.encode("utf-8"))
    found = scan(progress, RecordChecker(small_plan_model, dt.date(2024, 3, 1)),
                 display_dir="data/progress")
    return [(p.where, p.message, p.hint, p.title) for p in found.problems], found.count


def column_of(line: str, char: str) -> int:
    return line.index(char) + 1


@pytest.mark.parametrize(("text", "message", "fix"), ONE_LINE_FAULTS)
@pytest.mark.parametrize("field", ["by", "source"])
def test_a_ledger_line_s_who_and_source(small_plan_model, tmp_path, field, text, message, fix):
    # before: U+202E and U+2029 in who were read, and reached kpi log's columns
    bad = row(**{field: text})
    char = text[freetext.fault(field, text, one_line=True).at]
    problems, count = read_back(small_plan_model, tmp_path, HEADER + row() + bad + row())
    assert problems == [(f"data/progress/2023-06.csv:3:{column_of(bad, char)}",
                         message.format(label=field), fix, "ledger record")]
    assert count == 2


@pytest.mark.parametrize(("text", "message", "fix"), NOTE_FAULTS)
def test_a_ledger_line_s_note(small_plan_model, tmp_path, text, message, fix):
    bad = row(note=text)
    char = text[freetext.fault("note", text).at]
    problems, count = read_back(small_plan_model, tmp_path, HEADER + bad)
    assert problems == [(f"data/progress/2023-06.csv:2:{column_of(bad, char)}",
                         message.format(label="note"), fix, "ledger record")]
    assert count == 0


def test_a_line_break_in_a_quoted_source_is_placed_where_it_is(small_plan_model, tmp_path):
    bad = row(source='"月报\n第二行"')
    problems, count = read_back(small_plan_model, tmp_path, HEADER + row() + bad + row())
    first_line = bad.split("\n")[0]
    assert problems == [(f"data/progress/2023-06.csv:3:{len(first_line) + 1}",
                         "source holds a line break (U+000A)", BREAK_FIX, "ledger record")]
    assert count == 2


def test_a_character_on_a_later_line_of_a_note_is_placed_on_that_line(small_plan_model,
                                                                      tmp_path):
    bad = row(note='"第一行, 逗号\n第二\u202e行"')
    problems, _ = read_back(small_plan_model, tmp_path, HEADER + bad)
    assert problems == [("data/progress/2023-06.csv:3:3", "note holds the invisible character "
                         "U+202E (RIGHT-TO-LEFT OVERRIDE)", HIDES_FIX, "ledger record")]


def test_line_breaks_in_a_note_are_read(small_plan_model, tmp_path):
    content = HEADER + row(note='"第一行\r\n第二行"') + row(note="一\u2028二") + row(note="°C·")
    assert read_back(small_plan_model, tmp_path, content) == ([], 3)


def test_a_byte_order_mark_opens_a_file_but_is_no_text_elsewhere(small_plan_model, tmp_path):
    assert read_back(small_plan_model, tmp_path, "\ufeff" + HEADER + row()) == ([], 1)
    # saved twice with a BOM: the second is text, and the header's first column is not kpi's
    problems, _ = read_back(small_plan_model, tmp_path, "\ufeff\ufeff" + HEADER + row())
    assert problems == [("data/progress/2023-06.csv:1:1", "the header holds the invisible "
                         "character U+FEFF (ZERO WIDTH NO-BREAK SPACE)", HIDES_FIX,
                         "ledger header")]


def test_kpi_validate_shows_the_place_and_an_excerpt_without_the_character(kpi, small_plan):
    (small_plan / "progress").mkdir()
    bad = row(by="区发改\u202e局")
    (small_plan / "progress" / "2023-06.csv").write_text(HEADER + bad, encoding="utf-8")
    result = kpi("validate")
    assert result.exit_code == 1
    where = f"progress/2023-06.csv:2:{column_of(bad, chr(0x202E))}"
    assert (f"{where}: by holds the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)"
            in result.stdout)
    assert "\u202e" not in result.stdout  # the excerpt shows it as �
    assert "2 | " + bad.rstrip("\n").replace("\u202e", "\ufffd") in result.stdout
    (small_plan / "progress" / "2023-07.csv").write_text(HEADER + row(), encoding="utf-8")
    log = kpi("log", "--format", "json")
    assert [r["by"] for r in json.loads(log.stdout)] == ["区发改局"]
    assert "\u202e" not in log.stdout + log.stderr


def test_the_baseline_look_up_agrees_with_the_scan(kpi, small_plan):
    # 2.1 is a level without a baseline in the plan: kpi record finds the ledger's by the
    # lines that name it (ledger.baselines), and must not take one the scan refuses
    (small_plan / "progress").mkdir()
    baselines = []
    for by in ("区科技局", "区科技\u202e局"):
        (small_plan / "progress" / "2022-12.csv").write_text(
            HEADER + f"2.1,150,家,2022-12-31,{STAMP},{by},年报,\n", encoding="utf-8")
        result = kpi("record", "2.1", "160", "--date", "2023-06-30", "--dry-run",
                     "--format", "json")
        baselines.append(json.loads(result.stdout)["recorded"][0]["standing"]["baseline"])
    assert baselines == [150, None]


# ------------------------------------------------------------------ the plan


@pytest.mark.parametrize(("written", "message"), [
    ("区科技局\\u2028", "department name '区科技局\\u2028' holds a line break (U+2028)"),
    ("区科\\ufeff技局", "department name '区科\\ufeff技局' holds the invisible character U+FEFF "
                       "(ZERO WIDTH NO-BREAK SPACE)")])
def test_a_department_name(kpi, small_plan, written, message):
    plan = small_plan / "tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "  - name: 区科技局\n", f'  - name: "{written}"\n'), encoding="utf-8")
    result = kpi("validate", "--format", "json")
    assert result.exit_code == 1
    assert [(p["path"], p["message"], p["title"]) for p in json.loads(result.stdout)["problems"]
            if p["path"] == "departments[2].name"] == [
        ("departments[2].name", message, "department name")]


def test_a_department_name_with_a_control_character_is_the_value_s_fault(kpi, small_plan):
    plan = small_plan / "tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "  - name: 区科技局\n", '  - name: "区科技局\\e[2J"\n'), encoding="utf-8")
    text = plan.read_text(encoding="utf-8")
    line = text[:text.index('"区科技局')].count("\n") + 1
    result = kpi("validate")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"data/tasks.yaml:{line}:11: the value holds the control character U+001B\n")
    assert f"  fix: {CONTROL_FIX}\n" in result.stdout


def test_a_plan_value_written_with_an_escape(kpi, small_plan):
    plan = small_plan / "tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("label: 新增充电桩", 'label: "新增\\x85充电桩"'), encoding="utf-8")
    result = kpi("status")
    before = text[:text.index("label: 新增充电桩") + len("label: ")]
    line, column = before.count("\n") + 1, len(before) - before.rindex("\n")
    assert (result.exit_code, result.stderr) == (
        1, f"error: data/tasks.yaml:{line}:{column}: the value holds the control character U+0085 "
           f"({CONTROL_FIX}) (run `kpi validate` for details)\n")


def test_a_quote_keeps_an_invisible_character_of_its_document(kpi, small_plan):
    plan = small_plan / "tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "label: 新增充电桩", 'label: "新增\\u200b充电桩"'), encoding="utf-8")
    assert kpi("validate").exit_code == 0


# ------------------------------------------------------------------ a plan document


def test_a_document_s_page_breaks_are_line_ends_and_its_controls_are_refused(kpi, tmp_path):
    doc = tmp_path / "plan.txt"
    doc.write_text("一、发展\x0c1、新增充电桩12个。\n2、新增\x7f道路3公里。\n", encoding="utf-8")
    result = kpi("draft", str(doc), "--out", str(tmp_path / "out"))
    assert (result.exit_code, result.stderr) == (
        1, f"error: {doc}:2: the document holds the control character U+007F, which a plan "
           "cannot quote; remove it and draft again\n")


# ------------------------------------------------------------------ in Chinese


@pytest.mark.lang("zh")
def test_a_ledger_line_s_problems_in_chinese(kpi, small_plan):
    (small_plan / "progress").mkdir()
    bad = row(by="区发改\u202e局")
    (small_plan / "progress" / "2023-06.csv").write_text(HEADER + bad, encoding="utf-8")
    (small_plan / "progress" / "2023-07.csv").write_text(
        HEADER.replace("by", "who") + row(), encoding="utf-8")
    result = kpi("validate")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.startswith(("data/", "  修改"))] == [
        f"data/progress/2023-06.csv:2:{column_of(bad, chr(0x202E))}: by 含有不可见字符 U+202E"
        "（RIGHT-TO-LEFT OVERRIDE）",
        "  修改：请删除该字符：它会打乱或隐藏 kpi 显示的内容（kpi log、文件名）",
        "data/progress/2023-07.csv:1:1: 表头中有未知列 'who'",
        f"  修改：表头应为 {','.join(COLUMNS)}"]
    assert lines[-1] == "发现 2 个问题"
