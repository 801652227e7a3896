"""One vocabulary in the users' language: the message catalogues are complete and current, the
language is chosen as documented, and under Chinese no command prints a status or state code.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from linzi_kpi import i18n
from linzi_kpi.cli import COMMANDS
from linzi_kpi.enums import State, Status
from linzi_kpi.words import STATE, STATUS, parse_status, parse_statuses

#: Every status and state code: none may show in human-readable output under Chinese.
CODES = re.compile(r"\b(" + "|".join(sorted({s.value for s in Status} | {s.value for s in State}))
                   + r")\b")


def words_of(text: str) -> str:
    """What a person reads: an HTML page without its styles, scripts and tags (whose class
    names may be codes)."""
    text = re.sub(r"<(style|script)\b.*?</\1>", "", text, flags=re.S)
    return re.sub(r"<[^>]*>", " ", text)


@pytest.fixture
def zh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "zh")


@pytest.fixture
def june(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-06-30")


# ---------------------------------------------------------------- the catalogues


def test_every_message_is_in_both_catalogues_translated_and_compiled() -> None:
    """Fails naming each message id without a translation, each message of the source missing
    from a catalogue, and a stale .mo: run `python -m linzi_kpi.i18n_tools`, translate the
    empty entries of locale/zh_CN/LC_MESSAGES/kpi.po, run it again."""
    pytest.importorskip("babel", reason="Babel (the lint or test extra) extracts the messages")
    from linzi_kpi.i18n_tools import problems

    found = problems()
    assert found == [], ("the catalogues are not complete; run `python -m linzi_kpi.i18n_tools`"
                         ", translate what it lists, and run it again:\n" + "\n".join(found))


def test_the_completeness_check_names_an_untranslated_message() -> None:
    pytest.importorskip("babel")
    from babel.messages.catalog import Catalog

    from linzi_kpi.i18n_tools import untranslated

    catalog = Catalog(locale="zh_CN")
    catalog.add("unknown target {id}", "未知指标 {id}")
    catalog.add("nothing recorded", "")
    catalog.add("met", "", context="status")
    assert untranslated(catalog) == ["[status] met", "nothing recorded"]


def test_both_languages_have_a_word_for_every_status_and_state() -> None:
    assert STATUS["zh"] == {Status.met: "已完成", Status.on_track: "正常", Status.at_risk: "预警",
                            Status.off_track: "滞后", Status.missed: "未完成",
                            Status.no_data: "无数据"}
    assert STATUS["en"][Status.on_track] == "on track"
    assert STATE["zh"] == {State.not_started: "未开始", State.in_progress: "进行中",
                           State.done: "已完成", State.blocked: "受阻"}
    assert STATE["en"][State.not_started] == "not started"


# ---------------------------------------------------------------- choosing the language


@pytest.mark.parametrize(("env", "lang"), [
    ({}, "zh"),  # the documented default: Chinese
    ({"KPI_LANG": "en"}, "en"),
    ({"KPI_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LC_MESSAGES": "zh_CN.GB18030", "LANG": "en_US.UTF-8"}, "zh"),
    ({"LANG": "C.UTF-8"}, "zh"),
    ({"LANG": "fr_FR.UTF-8"}, "zh"),
])
def test_the_language_comes_from_kpi_lang_then_the_locale_then_chinese(env, lang) -> None:
    assert i18n.from_environment(env) == lang


def test_lang_on_the_command_line_is_found_before_typer_runs() -> None:
    assert i18n.lang_in(["record", "1.1", "5", "--lang", "en"]) == "en"
    assert i18n.lang_in(["status", "--lang=zh"]) == "zh"
    assert i18n.lang_in(["status", "--lang", "fr"]) is None
    assert i18n.lang_in(["--lang", "zh", "--lang", "en"]) == "en"  # the last, as the parser
    assert i18n.lang_in(["record", "--", "--lang", "en"]) is None


@pytest.mark.parametrize("name", [name for name, _, _ in COMMANDS])
def test_every_command_takes_lang(kpi, name: str) -> None:
    result = kpi(name, "--lang", "en", "--help")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "--lang" in result.stdout


def test_lang_on_the_command_line_wins_over_kpi_lang(kpi, small_plan: Path, zh) -> None:
    assert kpi("record", "1.1", "600", "--date", "2023-06-30", "--lang", "en").stdout == (
        "1.1 新增充电桩 600/1200 个 50.0% on track\n")


# ---------------------------------------------------------------- under Chinese


def test_help_is_chinese(kpi, small_plan: Path, zh) -> None:
    result = kpi("--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("用法：kpi [OPTIONS] COMMAND [ARGS]...\n")
    assert "对照序时进度跟踪工作方案中的数值指标。" in result.stdout
    assert "\n选项：\n" in result.stdout and "\n命令：\n" in result.stdout  # full-width colons
    assert "选项:" not in result.stdout
    assert "显示本帮助并退出。" in result.stdout
    record = kpi("record", "--help").stdout
    assert "向进度账本追加一个实际数值，并显示该指标的最新状态。" in record
    assert "数值所属的日期 [默认：今天]。" in record
    assert "Append an actual figure" not in record


def test_record_confirms_in_chinese(kpi, small_plan: Path, zh, june) -> None:
    result = kpi("record", "1.1", "600", "--date", "2023-06-30", "--dry-run")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "1.1 新增充电桩 600/1200 个 50.0% 正常\n将录入 1 条，写入 data/progress/2023-06.csv\n", "")
    result = kpi("record", "1.1", "600", "--date", "2023-06-30")
    assert (result.exit_code, result.stdout) == (0, "1.1 新增充电桩 600/1200 个 50.0% 正常\n")
    result = kpi("mark", "3", "进行中", "--date", "2023-06-30")
    assert (result.exit_code, result.stdout) == (0, "3 加强组织领导 进行中 正常\n")


def test_an_unknown_target_is_answered_with_the_nearest_ids(kpi, small_plan: Path, zh) -> None:
    result = kpi("record", "11", "600", "--date", "2023-06-30")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "错误：未知指标 '11'（您是否要找 1.1？`kpi targets` 会列出全部编号）\n"
    result = kpi("record", "9.9", "600", "--date", "2023-06-30", "--lang", "en")
    assert result.stderr == ("error: unknown target '9.9' (use a target id such as 1.1 or a task "
                             "number such as 3; `kpi targets` lists them)\n")


def test_every_command_under_chinese_prints_no_status_or_state_code(
        kpi, small_plan: Path, zh, june, tmp_path: Path) -> None:
    """Every command's human-readable output (tables, Markdown, HTML, confirmations, notes):
    words, never codes. JSON and CSV keep the codes."""
    pytest.importorskip("openpyxl")
    runs = [
        ("record", "1.1", "600", "--date", "2023-05-31"),
        ("record", "1.1", "700", "--date", "2023-06-30"),
        ("record", "2.1", "150", "--date", "2022-12-31"),  # a baseline
        ("record", "2.2", "80", "--date", "2023-06-30"),
        ("mark", "3", "进行中", "--date", "2023-06-30"),
        # a withdrawn figure; then (validate lists it as a problem) two sources that disagree
        ("record", "1.1", "650", "--date", "2023-06-15"),
        ("withdraw", "1.1", "--date", "2023-06-15", "--note", "数据来源有误"),
        ("validate",),
        ("record", "2.2", "85", "--date", "2023-06-30", "--source", "区统计局"),
        ("targets",), ("status",), ("status", "--format", "markdown"),
        ("status", "--status", "落后"), ("log",), ("dept",), ("dept", "区发改局"),
        ("dept", "--format", "markdown"), ("history", "1.1"),
        ("changes", "2023-05-31", "2023-06-30"),
        ("changes", "2023-05-31", "2023-06-30", "--format", "markdown"),
        ("report",), ("report", "--format", "html"), ("report", "--dept", "区发改局"),
        ("report", "--format", "docx", str(tmp_path / "r.docx")),
        ("missing", "--month", "2023-06"),
        ("template", "--dept", "区发改局", str(tmp_path / "t.xlsx")),
        ("export", "--format", "xlsx", str(tmp_path / "e.xlsx")),
    ]
    for args in runs:
        result = kpi(*args)
        assert result.exit_code == 0, (args, result.stderr)
        for text in (result.stdout, result.stderr):
            text = words_of(text)
            assert not CODES.search(text), (args, CODES.search(text), text)
    # CSV keeps the codes; the warning that two sources disagree, on stderr, is in words
    for args in (("status", "--format", "csv"), ("export", "--format", "csv", "-")):
        result = kpi(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert result.stderr.startswith("警告：两个来源数值不同："), (args, result.stderr)
        assert not CODES.search(result.stderr), (args, result.stderr)
    # the Word bulletin itself: its paragraphs and table cells
    import docx

    document = docx.Document(str(tmp_path / "r.docx"))
    text = words_of("\n".join([p.text for p in document.paragraphs]
                              + [c.text for t in document.tables for row in t.rows
                                 for c in row.cells]))
    assert "进度通报" in text
    assert not CODES.search(text), (CODES.search(text), text)


def test_status_takes_every_spelling_the_output_shows(kpi, small_plan: Path, june) -> None:
    for word in ("滞后", "off_track", "off track"):
        assert parse_status(word) is Status.off_track
    assert parse_statuses("落后") == parse_statuses("behind") == {
        Status.missed, Status.off_track, Status.at_risk}
    assert kpi("record", "1.1", "100", "--date", "2023-06-30").exit_code == 0
    assert kpi("record", "1.2", "4", "--date", "2023-06-30").exit_code == 0
    import json

    def ids(*args: str) -> list[str]:
        result = kpi("status", "--format", "json", *args)
        assert result.exit_code == 0, result.stderr
        return [t["id"] for t in json.loads(result.stdout)["targets"]]

    assert ids("--status", "落后") == ids("--status", "滞后") == ["1.1"]
    assert ids("--status", "正常") == ids("--status", "on track") == ["1.2"]


def test_a_usage_error_is_said_in_chinese(kpi, small_plan: Path, zh) -> None:
    result = kpi("record", "--bogus")
    assert (result.exit_code, result.stderr) == (2, "错误：没有选项：--bogus（`kpi record -h` 可查看用法）\n")
    result = kpi("statu")
    assert result.stderr == "错误：没有命令 'statu'。您是否要找 'status'？（`kpi -h` 可查看用法）\n"
    english = kpi("record", "--bogus", "--lang", "en")
    assert english.stderr == "error: No such option: --bogus (`kpi record -h` shows how to use it)\n"


def test_a_usage_error_of_a_json_run_is_json_too(kpi, small_plan: Path) -> None:
    result = kpi("status", "--format", "json", "--bogus")
    assert result.exit_code == 2
    assert json.loads(result.stdout) == {
        "error": "No such option: --bogus (`kpi status -h` shows how to use it)",
        "problems": [{"file": "", "line": 0, "column": 0, "path": "", "title": "usage error",
                      "message": "No such option: --bogus",
                      "hint": "`kpi status -h` shows how to use it"}]}
    assert result.stderr == "error: No such option: --bogus (`kpi status -h` shows how to use it)\n"


def test_validate_and_a_refused_ledger_speak_chinese(kpi, small_plan: Path, zh) -> None:
    (small_plan / "progress").mkdir()
    (small_plan / "progress" / "2023-06.csv").write_text(
        "target,value,unit,date,recorded_at,by,source,note\n"
        "9.9,1,,2023-06-30,2023-07-01T09:00:00+08:00,me,,\n", encoding="utf-8")
    result = kpi("validate")
    assert result.exit_code == 1
    assert result.stdout.endswith("  修改：请使用指标编号，例如 1.1 或 任务编号，例如 3；`kpi targets` "
                                  "会列出全部编号\n\n发现 1 个问题\n")
    result = kpi("status")
    assert result.stderr.splitlines()[-1] == (
        "错误：1 个账本文件有问题，其记录将不计入报告：请修正（`kpi validate` 会逐一列出），或用 "
        "--allow-problems 在不计入它们的情况下生成报告")


def test_the_app_takes_lang_before_a_command(kpi, small_plan: Path, zh) -> None:
    assert kpi("--lang", "en", "--help").stdout.startswith("Usage: kpi [OPTIONS] COMMAND")


def test_withdraw_and_the_log_of_a_withdrawn_figure_speak_chinese(
        kpi, small_plan: Path, zh, june, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("linzi_kpi.cli.record._on_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "160")
    result = kpi("record", "1.1", "600", "--date", "2023-06-30")
    found = re.search(r"录入编号 ([0-9a-z]{10})（如需撤回：kpi withdraw \1 --note 原因）\n",
                      result.stderr)
    assert found is not None, result.stderr
    recording = found.group(1)
    result = kpi("withdraw", recording, "--note", "数据来源有误")
    assert (result.exit_code, result.stderr) == (0, "")
    assert re.fullmatch(f"已撤回：1.1 600，日期 2023-06-30（录入编号 {recording}）\n"
                        "已写入撤回记录 [0-9a-z]{10}：data/progress/2023-06.csv\n",
                        result.stdout), result.stdout
    log = kpi("log", "1.1").stdout
    assert "[已撤回 tester" in log and "数据来源有误]" in log and "✗ 600 个" in log, log
    assert not CODES.search(log) and "withdrawn" not in log
    again = kpi("withdraw", recording, "--note", "再次撤回")
    assert again.exit_code == 1
    assert re.fullmatch(
        f"错误：录入编号 {recording} 已于 \\d{{4}}-\\d\\d-\\d\\d \\d\\d:\\d\\d 由 tester 撤回（数据来源有误）："
        "1.1 600（2023-06-30）；如需恢复，请重新录入该数值\n", again.stderr), again.stderr


def test_lead_ins_take_the_full_width_colon(kpi, small_plan: Path, zh, june) -> None:
    assert kpi("record", "1.1", "600", "--date", "2023-06-30").exit_code == 0
    status = kpi("status").stdout
    assert "\n8 个指标：正常 1 · 无数据 7\n3 项任务：无数据 3\n" in status
    history = kpi("history", "1.1").stdout.splitlines()
    assert history[1] == "目标 1200 个 · 期限 2023-12-31 · 截至 2023-06-30：正常"
