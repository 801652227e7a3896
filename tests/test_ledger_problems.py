"""Nothing dropped silently (issue 9): a ledger with problems stops every command that reports
from it, one line per problem file with the fix; ``--allow-problems`` proceeds, and the output
itself (table footer, JSON field, bulletin banner) says what it left out.

Before: a month file that Excel re-saved as GBK made `status`, `report` and `export` exit 0 with
a one-line warning, while that month's figures vanished from the bulletin.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest

from conftest import shipped

pytestmark = pytest.mark.usefixtures("warm_plan_cache")

#: A month file as Excel or WPS re-saves it on Chinese Windows: GBK.
MAY = ("target,value,unit,date,recorded_at,by,source,note\n"
       "23.1,500,个,2023-05-31,2023-06-01T09:00:00+08:00,张三,区交通运输局月报,含公共桩\n"
       "23.1,300,个,2023-04-30,2023-05-01T09:00:00+08:00,张三,区交通运输局月报,\n")

GBK_LINE = ("error: data/progress/2023-05.csv:2: file is not UTF-8 text (2 lines left out); fix: it "
            "reads as GBK (as Excel and WPS save CSV on Chinese Windows): convert it with iconv -f "
            "GB18030 -t UTF-8 data/progress/2023-05.csv > 2023-05.csv.utf8, check that file, then "
            "move it over data/progress/2023-05.csv; or open it in Excel/WPS and save as CSV "
            "UTF-8\n")
SUMMARY = ("error: 1 ledger file has problems, and their records would be left out of the report: "
           "fix them (`kpi validate` lists every one), or pass --allow-problems to report without "
           "them\n")
WARNING = ("warning: the ledger has problems; 2 lines of records are left out "
           "(data/progress/2023-05.csv: 2); run kpi validate to see and fix them.\n")
#: The warning on stderr, in the language of the run (Chinese: the notes' words).
WARNING_ZH = "警告：账本有问题，2 行记录未计入（data/progress/2023-05.csv 2 行）；运行 kpi validate 查看并修正。\n"
NOTE_ZH = "注意：账本有问题，2 行记录未计入（data/progress/2023-05.csv 2 行）；运行 kpi validate 查看并修正。"
NOTE_EN = ("Note: the ledger has problems; 2 lines of records are left out "
           "(data/progress/2023-05.csv: 2); run kpi validate to see and fix them.")


@pytest.fixture
def gbk(kpi, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ledger with a June figure in UTF-8 and a May file re-saved as GBK."""
    monkeypatch.setenv("KPI_TODAY", "2023-07-15")
    assert kpi("record", "23.1", "474", "--date", "2023-06-30").exit_code == 0
    (data_dir / "progress" / "2023-05.csv").write_bytes(MAY.encode("gbk"))
    return data_dir


REPORTING = [("status",), ("status", "--format", "json"), ("dept",), ("dept", "区交通运输局"),
             ("report",), ("report", "--format", "markdown"), ("export", "-", "--format", "json"),
             ("history", "23.1"), ("changes", "2023-05-31", "2023-06-30")]


@pytest.mark.slow
@pytest.mark.parametrize("args", REPORTING, ids=" ".join)
def test_a_gbk_ledger_file_stops_every_report_with_the_conversion(kpi, gbk: Path,
                                                                  args: tuple[str, ...]) -> None:
    before = {p.name: p.read_bytes() for p in (gbk / "progress").iterdir()}
    result = kpi(*args)
    assert (result.exit_code, result.stderr) == (1, GBK_LINE + SUMMARY)
    if "json" in args:  # the problem as a value on stdout too
        assert [p["title"] for p in json.loads(result.stdout)["problems"]] == ["encoding"]
    else:
        assert result.stdout == ""
    assert {p.name: p.read_bytes() for p in (gbk / "progress").iterdir()} == before


def test_one_line_per_problem_file(kpi, gbk: Path) -> None:
    (gbk / "progress" / "2023-04.csv").write_text(
        "target,value,unit,date,recorded_at,by,source,note\n"
        "99.9,5,,2023-04-30,2023-05-01T09:00:00+08:00,a,,\n"
        "23.1,abc,,2023-04-30,2023-05-01T09:00:00+08:00,a,,\n", encoding="utf-8")
    result = kpi("status")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: data/progress/2023-04.csv:2: unknown target '99.9' (2 lines left out); fix: use a "
        "target id such as 1.1 or a task number such as 5; `kpi targets` lists them\n"
        + GBK_LINE
        + SUMMARY.replace("1 ledger file has", "2 ledger files have"))


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "error: data/progress/2023-04.csv:2: value 'abc' is not a number: write plain digits in "
           "the target's unit, e.g. 1200, 1,200 or 50.7 (the target's own unit may follow, as in "
           "95%; no 万 or 亿) (1 line left out)\n"),
    ("zh", "错误：data/progress/2023-04.csv:2：数值 'abc' 不是数字：请写成以指标单位计的普通数字，例如 "
           "1200、1,200 或 50.7（可带指标自身的单位，如 95%；不能用万或亿）（1 行未计入）\n"),
])
def test_a_problem_whose_message_holds_its_fix_ends_without_an_empty_fix(
        kpi, data_dir: Path, monkeypatch: pytest.MonkeyPatch, lang: str, line: str) -> None:
    # before: "… (1 line left out); fix: " and nothing after it
    monkeypatch.setenv("KPI_TODAY", "2023-07-15")
    (data_dir / "progress").mkdir(exist_ok=True)
    (data_dir / "progress" / "2023-04.csv").write_text(
        "target,value,unit,date,recorded_at,by,source,note\n"
        "23.1,abc,,2023-04-30,2023-05-01T09:00:00+08:00,a,,\n", encoding="utf-8")
    result = kpi("status", "--lang", lang)
    assert result.exit_code == 1
    assert result.stderr.splitlines(keepends=True)[0] == line


@pytest.mark.lang("zh")
def test_allow_problems_states_what_is_left_out_in_the_table(kpi, gbk: Path, columns: int) -> None:
    result = kpi("status", "--task", "23", "--allow-problems")
    assert (result.exit_code, result.stderr) == (0, WARNING_ZH)
    assert " ".join(result.stdout.split()).endswith(NOTE_ZH)  # wherever the terminal wraps it
    row = next(line for line in result.stdout.splitlines() if line.startswith("23.1 "))
    assert f"474/{shipped('23.1')['target']} 个" in row  # May's 500 is left out: June's figure counts
    en = kpi("status", "--task", "23", "--allow-problems", "--lang", "en").stdout
    assert " ".join(en.split()).endswith(NOTE_EN)


@pytest.mark.lang("zh")
def test_allow_problems_states_what_is_left_out_in_json_and_markdown(kpi, gbk: Path) -> None:
    result = kpi("status", "--format", "json", "--allow-problems")
    assert (result.exit_code, result.stderr) == (0, WARNING_ZH)
    assert json.loads(result.stdout)["left_out"] == {"data/progress/2023-05.csv": 2}
    md = kpi("status", "--format", "markdown", "--allow-problems").stdout
    assert md.endswith(f"\n\n{NOTE_ZH}\n")


@pytest.mark.lang("zh")
def test_allow_problems_puts_a_banner_on_the_bulletin(kpi, gbk: Path, tmp_path: Path) -> None:
    md = kpi("report", "--format", "markdown", "--allow-problems")
    assert (md.exit_code, md.stderr) == (0, WARNING_ZH)
    assert md.stdout.splitlines()[4:7] == [f"> **{NOTE_ZH}**", "", "## 总体情况"]
    result = kpi("report", "--html", "b.html", "--allow-problems")
    assert (result.exit_code, result.stderr) == (0, WARNING_ZH)
    page = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert re.findall(r'<p class="banner" role="alert">(.*?)</p>', page) == [NOTE_ZH]
    # the English edition carries it in English
    result = kpi("report", "--html", "en.html", "--lang", "en", "--allow-problems")
    assert (result.exit_code, result.stderr) == (0, WARNING)
    page = (tmp_path / "en.html").read_text(encoding="utf-8")
    assert re.findall(r'<p class="banner" role="alert">(.*?)</p>', page) == [NOTE_EN]


@pytest.mark.parametrize("args", REPORTING[2:], ids=" ".join)
def test_allow_problems_lets_every_report_proceed(kpi, gbk: Path, args: tuple[str, ...]) -> None:
    result = kpi(*args, "--allow-problems")
    assert (result.exit_code, result.stderr) == (0, WARNING)


#: Every report besides status and the bulletin, as it is read by a script, by a person in a
#: terminal, and in Markdown where it has that form.
OTHERS = [("dept",), ("dept", "区交通运输局"), ("history", "23.1"),
          ("changes", "2023-05-31", "2023-06-30")]


@pytest.mark.slow
@pytest.mark.parametrize("args", OTHERS, ids=" ".join)
@pytest.mark.lang("zh")
def test_every_report_says_in_its_output_what_it_left_out(kpi, gbk: Path, columns: int,
                                                          args: tuple[str, ...]) -> None:
    # only status and the bulletin said it; dept, history, changes and export warned on
    # stderr alone, which a script saving stdout, or a person reading a saved table, never sees
    data = json.loads(kpi(*args, "--format", "json", "--allow-problems").stdout)
    assert data["left_out"] == {"data/progress/2023-05.csv": 2}
    table = kpi(*args, "--allow-problems").stdout
    assert " ".join(table.split()).endswith(NOTE_ZH)  # wherever the terminal wraps it
    en = kpi(*args, "--allow-problems", "--lang", "en").stdout
    assert " ".join(en.split()).endswith(NOTE_EN)
    if args[0] != "history":  # (history has no Markdown form)
        md = kpi(*args, "--format", "markdown", "--allow-problems").stdout
        assert md.endswith(f"\n\n{NOTE_ZH}\n")


@pytest.mark.parametrize("args", OTHERS, ids=" ".join)
def test_a_report_of_a_clean_ledger_leaves_nothing_out(kpi, data_dir: Path, monkeypatch,
                                                      args: tuple[str, ...]) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-15")
    assert kpi("record", "23.1", "474", "--date", "2023-06-30").exit_code == 0
    assert json.loads(kpi(*args, "--format", "json").stdout)["left_out"] == {}
    assert "注意" not in kpi(*args).stdout


@pytest.mark.lang("zh")
def test_the_export_says_what_it_left_out(kpi, gbk: Path, tmp_path: Path) -> None:
    data = json.loads(kpi("export", "-", "--format", "json", "--allow-problems").stdout)
    assert data["left_out"] == {"data/progress/2023-05.csv": 2}
    result = kpi("export", "standing.xlsx", "--allow-problems")
    assert (result.exit_code, result.stderr) == (0, WARNING_ZH)
    cover = openpyxl.load_workbook(tmp_path / "standing.xlsx")["说明"]
    rows = [[c.value for c in row] for row in cover.iter_rows()]
    assert rows[-1] == ["注意", NOTE_ZH]
    assert kpi("export", "clean.xlsx").exit_code == 1  # without --allow-problems: refused


def test_a_clean_ledger_reports_without_a_note(kpi, data_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-15")
    assert kpi("record", "23.1", "474", "--date", "2023-06-30").exit_code == 0
    result = kpi("status", "--allow-problems")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "注意" not in result.stdout
    assert json.loads(kpi("status", "--format", "json").stdout)["left_out"] == {}
    assert "注意" not in kpi("report", "--format", "markdown").stdout


def test_validate_names_the_gbk_file_with_the_conversion(kpi, gbk: Path) -> None:
    result = kpi("validate", "--format", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert (problem["file"], problem["line"], problem["message"]) == (
        "data/progress/2023-05.csv", 2, "file is not UTF-8 text")
    assert problem["hint"].startswith("it reads as GBK (as Excel and WPS save CSV on Chinese "
                                      "Windows): convert it with iconv -f GB18030 -t UTF-8 ")


#: A ledger file named by other hands: a line break and an escape (which could forge or colour a
#: line of the error output) and Markdown and HTML (which could forge a page).
HOSTILE_NAME = "a\nerror: forged\x1b[31m<img src=x onerror=alert(1)>|*b*.csv"
SHOWN = "data/progress/a\\nerror: forged\\x1b[31m<img src=x onerror=alert(1)>|*b*.csv"


@pytest.fixture
def hostile(kpi, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KPI_TODAY", "2023-07-15")
    assert kpi("record", "23.1", "474", "--date", "2023-06-30").exit_code == 0
    (data_dir / "progress" / HOSTILE_NAME).write_text(
        "target,value,unit,date,recorded_at,by,source,note\n"
        "99.9,5,,2023-04-30,2023-05-01T09:00:00+08:00,a,,\n", encoding="utf-8")
    return data_dir


@pytest.mark.lang("zh")
def test_a_hostile_file_name_forges_no_line_and_no_markup(kpi, hostile: Path, tmp_path) -> None:
    # before: the name went out as it was, in the stop line, the warning and every format
    result = kpi("status", "--lang", "en")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {SHOWN}:2: unknown target '99.9' (1 line left out); fix: use a target id such "
        "as 1.1 or a task number such as 5; `kpi targets` lists them\n" + SUMMARY)
    warning = (f"warning: the ledger has problems; 1 line of records is left out ({SHOWN}: 1); "
               "run kpi validate to see and fix them.\n")
    result = kpi("status", "--allow-problems", "--task", "23", "--lang", "en")
    assert (result.exit_code, result.stderr) == (0, warning)
    escaped = ("data/progress/a\\\\nerror: forged\\\\x1b\\[31m\\<img src=x onerror=alert(1)\\>"
               "\\|\\*b\\*.csv")
    note = f"注意：账本有问题，1 行记录未计入（{escaped} 1 行）；运行 kpi validate 查看并修正。"
    md = kpi("status", "--format", "markdown", "--allow-problems", "--task", "23").stdout
    assert md.endswith(f"\n\n{note}\n")
    md = kpi("report", "--format", "markdown", "--allow-problems").stdout
    assert md.splitlines()[4] == f"> **{note}**"
    assert kpi("report", "--html", "b.html", "--allow-problems").exit_code == 0
    page = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert re.findall(r'<p class="banner" role="alert">(.*?)</p>', page) == [
        "注意：账本有问题，1 行记录未计入（data/progress/a\\nerror: forged\\x1b[31m&lt;img src=x "
        "onerror=alert(1)&gt;|*b*.csv 1 行）；运行 kpi validate 查看并修正。"]
    assert "\x1b" not in result.stdout + md + page
