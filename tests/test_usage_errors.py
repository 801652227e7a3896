"""Every usage error Typer's parser finds is said on one line, in the language of the run, with
where its command's help is: an option given no value (found before the command has a context)
too, the command read from the run's arguments. In Chinese the full-width colon and parentheses
take no space beside them, and a list is joined with 、. Exact messages, in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linzi_kpi.i18n import choose
from linzi_kpi.words import usage_message

#: A command line, and the line on stderr in Chinese and in English.
CASES = [
    (("dept", "--format"),
     "错误：选项 '--format' 需要一个值。（`kpi dept -h` 可查看用法）",
     "error: Option '--format' requires an argument. (`kpi dept -h` shows how to use it)"),
    (("--lang", "en", "status", "-f"), None,
     "error: Option '-f' requires an argument. (`kpi status -h` shows how to use it)"),
    (("--lang",),
     "错误：选项 '--lang' 需要一个值。（`kpi -h` 可查看用法）",
     "error: Option '--lang' requires an argument. (`kpi -h` shows how to use it)"),
    (("record", "1.1", "2", "--corrects=x"),
     "错误：选项 '--corrects' 不能带值。（`kpi record -h` 可查看用法）",
     "error: Option '--corrects' does not take a value. (`kpi record -h` shows how to use it)"),
    (("--version=1",),
     "错误：选项 '--version' 不能带值。（`kpi -h` 可查看用法）",
     "error: Option '--version' does not take a value. (`kpi -h` shows how to use it)"),
    (("dept", "--format", "xml"),
     "错误：'--format' / '-f' 的值无效：'xml' 不是 'table'、'json'、'csv'、'markdown' 之一。"
     "（`kpi dept -h` 可查看用法）",
     "error: Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json', 'csv', "
     "'markdown'. (`kpi dept -h` shows how to use it)"),
    (("status", "--section", "x"),
     "错误：'--section' 的值无效：'x' 不是有效的整数。（`kpi status -h` 可查看用法）",
     "error: Invalid value for '--section': 'x' is not a valid whole number. (`kpi status -h` "
     "shows how to use it)"),
    (("status", "--lang", "fr"),
     "错误：'--lang' 的值无效：'fr' 不是 'zh'、'en' 之一。（`kpi status -h` 可查看用法）",
     "error: Invalid value for '--lang': 'fr' is not one of 'zh', 'en'. (`kpi status -h` shows "
     "how to use it)"),
    (("--lang", "fr", "status"),  # the app's own --lang says it as the command's does
     "错误：'--lang' 的值无效：'fr' 不是 'zh'、'en' 之一。（`kpi -h` 可查看用法）",
     "error: Invalid value for '--lang': 'fr' is not one of 'zh', 'en'. (`kpi -h` shows how to "
     "use it)"),
    (("status", "--formt", "json"),
     "错误：没有选项：--formt（可用的选项：--format）（`kpi status -h` 可查看用法）",
     "error: No such option: --formt (Possible options: --format) (`kpi status -h` shows how to "
     "use it)"),
    (("nosuch",),
     "错误：没有命令 'nosuch'。（`kpi -h` 可查看用法）",
     "error: No such command 'nosuch'. (`kpi -h` shows how to use it)"),
    (("statu",),
     "错误：没有命令 'statu'。您是否要找 'status'？（`kpi -h` 可查看用法）",
     "error: No such command 'statu'. Did you mean 'status'? (`kpi -h` shows how to use it)"),
    (("init", "a", "b"),
     "错误：多余的参数（b）（`kpi init -h` 可查看用法）",
     "error: Got unexpected extra argument(s) (b) (`kpi init -h` shows how to use it)"),
    (("init",),
     "错误：缺少参数 'DIR'。（`kpi init -h` 可查看用法）",
     "error: Missing argument 'DIR'. (`kpi init -h` shows how to use it)"),
    # values and combinations kpi itself refuses (OptionError) point at the help as well
    (("status", "--status", "xx"),
     "错误：--status：状态 'xx' 不是以下之一：已完成、正常、预警、滞后、未完成、无数据"
     "（`kpi status -h` 可查看用法）",
     "error: --status: status 'xx' is not one of: met, on track, at risk, off track, missed, "
     "no data (已完成, 正常, 预警, 滞后, 未完成, 无数据) (`kpi status -h` shows how to use it)"),
    (("status", "--as-of", "2023-02-30"),
     "错误：--as-of：日期 '2023-02-30' 不存在（`kpi status -h` 可查看用法）",
     "error: --as-of: date '2023-02-30' does not exist (`kpi status -h` shows how to use it)"),
    (("missing", "--month", "2023-13"),
     "错误：--month '2023-13' 不是有效月份（`kpi missing -h` 可查看用法）",
     "error: --month '2023-13' is not a month (`kpi missing -h` shows how to use it)"),
    (("template",),
     "错误：请指定 OUT.xlsx，或用 --each-dept DIR 为每个部门各写一个工作簿（`kpi template -h` "
     "可查看用法）",
     "error: give OUT.xlsx, or --each-dept DIR for one workbook per department (`kpi template "
     "-h` shows how to use it)"),
]


@pytest.mark.parametrize(("args", "zh", "en"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_a_usage_error_in_chinese_and_in_english(kpi, small_plan: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 args: tuple[str, ...], zh: str | None,
                                                 en: str | None) -> None:
    for lang, expected in (("zh", zh), ("en", en)):
        if expected is None:
            continue
        monkeypatch.setenv("KPI_LANG", lang)
        result = kpi(*args)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", expected + "\n")


def test_an_option_without_its_value_in_a_json_run_names_the_help_too(kpi,
                                                                      small_plan: Path) -> None:
    result = kpi("status", "--format", "json", "--as-of")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["problems"][0]["hint"] == "`kpi status -h` shows how to use it"


def test_an_option_kpi_refuses_in_a_json_run_carries_the_help_as_its_hint(kpi,
                                                                         small_plan: Path) -> None:
    result = kpi("status", "--format", "json", "--status", "xx")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["problems"] == [{
        "file": "", "line": 0, "column": 0, "path": "", "title": "usage error",
        "message": "--status: status 'xx' is not one of: met, on track, at risk, off track, "
                   "missed, no data (已完成, 正常, 预警, 滞后, 未完成, 无数据)",
        "hint": "`kpi status -h` shows how to use it"}]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_space_beside_full_width_punctuation_in_any_usage_message(lang: str) -> None:
    """Each of Click's messages the catalogues translate, as its parser words it (Typer's
    "No such command" is translated where Typer says it: the CLI cases above)."""
    said = [
        "No such option: --formt (Possible options: --force, --format)",
        "No such option: --bogus",
        "Missing argument 'DIR'.",
        "Missing option '--out' / '-o'.",
        "Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json'.",
        "Invalid value for '--task': 'x' is not a valid int.",
        "Got unexpected extra argument (b)",
        "Got unexpected extra arguments (b c)",
        "Option '--as-of' requires an argument.",
        "Option '--force' does not take a value.",
    ]
    choose(lang)
    try:
        shown = [usage_message(text) for text in said]
    finally:
        choose(None)
    if lang == "en":
        assert shown[:5] + shown[6:] == said[:5] + said[6:]
        assert shown[5] == "Invalid value for '--task': 'x' is not a valid whole number."
        return
    assert shown == [
        "没有选项：--formt（可用的选项：--force、--format）",
        "没有选项：--bogus",
        "缺少参数 'DIR'。",
        "缺少选项 '--out' / '-o'。",
        "'--format' / '-f' 的值无效：'xml' 不是 'table'、'json' 之一。",
        "'--task' 的值无效：'x' 不是有效的整数。",
        "多余的参数（b）",
        "多余的参数（b c）",
        "选项 '--as-of' 需要一个值。",
        "选项 '--force' 不能带值。",
    ]
