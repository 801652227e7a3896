"""A failed recording or import carries its problems as values: ``--format json`` prints them on
stdout (exit 1), each with its place, message and fix, while stderr says them as ever."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linzi_kpi.errors import KpiError, Problem


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")
    monkeypatch.setenv("KPI_TODAY", "2023-07-01")


NOT_A_NUMBER = ("value 'abc' is not a number: write plain digits in the target's unit, e.g. 1200, "
                "1,200 or 50.7 (the target's own unit may follow, as in 95%; no 万 or 亿)")
UNKNOWN = "unknown target '9.9'"
UNKNOWN_HINT = "use a target id such as 1.1 or a task number such as 3; `kpi targets` lists them"


def test_import_of_a_bad_return_prints_its_problems_as_json(kpi, small_plan: Path,
                                                            tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text("编号,数值,日期\n1.1,abc,2023-06-30\n9.9,5,2023-06-30\n",
                                      encoding="utf-8")
    result = kpi("import", "bad.csv", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "error": "2 of 2 rows are invalid; nothing was recorded",
        "problems": [
            {"file": "bad.csv", "line": 2, "column": 2, "path": "数值",
             "title": "invalid row", "message": NOT_A_NUMBER, "hint": ""},
            {"file": "bad.csv", "line": 3, "column": 1, "path": "编号",
             "title": "invalid row", "message": UNKNOWN, "hint": UNKNOWN_HINT},
        ]}
    assert result.stderr == (f"error: bad.csv:2: column 数值: {NOT_A_NUMBER}\n"
                             f"error: bad.csv:3: column 编号: {UNKNOWN} ({UNKNOWN_HINT})\n"
                             "error: 2 of 2 rows are invalid; nothing was recorded\n")
    assert not (small_plan / "progress").exists()


def test_a_return_giving_two_figures_for_one_day_names_both_rows_as_a_problem(
        kpi, small_plan: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "六月"
    for row in (["编号", "本次数值", "数据日期"], ["1.1", 600, "2023-06-30"],
                ["1.1", 650, "2023-06-30"]):
        sheet.append(row)
    wb.save(tmp_path / "june.xlsx")
    result = kpi("import", "june.xlsx", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["problems"] == [
        {"file": "june.xlsx", "line": 3, "column": 2, "path": "六月.本次数值",
         "title": "invalid row",
         "message": "1.1 on 2023-06-30 is 650 here but 600 at june.xlsx:六月!B2: column 本次数值",
         "hint": "keep one: a return gives one figure per target and day"}]


def test_without_json_stdout_stays_empty(kpi, small_plan: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text("编号,数值,日期\n9.9,5,2023-06-30\n", encoding="utf-8")
    result = kpi("import", "bad.csv")
    assert (result.exit_code, result.stdout) == (1, "")


def test_a_return_that_cannot_be_read_among_others_is_a_problem_too(kpi, small_plan: Path,
                                                                    tmp_path: Path) -> None:
    (tmp_path / "good.csv").write_text("编号,数值,日期\n1.1,600,2023-06-30\n", encoding="utf-8")
    (tmp_path / "bad.csv").write_text("编号,数值,日期\n9.9,5,2023-06-30\n", encoding="utf-8")
    result = kpi("import", "good.csv", "bad.csv", "missing.csv", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(p["title"], p["message"]) for p in data["problems"]] == [
        ("invalid row", UNKNOWN), ("cannot read", "missing.csv: file not found")]
    assert data["error"] == ("1 of 3 returns cannot be read and 1 of 2 rows are invalid; "
                             "nothing was recorded")


def test_record_of_an_unknown_target_gives_the_fault_and_its_fix_apart(kpi,
                                                                      small_plan: Path) -> None:
    result = kpi("record", "9.9", "5", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["problems"] == [
        {"file": "", "line": 0, "column": 0, "path": "", "title": "invalid row",
         "message": UNKNOWN, "hint": UNKNOWN_HINT}]
    assert result.stderr == f"error: {UNKNOWN} ({UNKNOWN_HINT})\n"


def test_a_broken_plan_gives_every_problem_to_a_script(kpi, small_plan: Path) -> None:
    plan = small_plan / "tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("target: 1200,", 'target: "1200",'),
                    encoding="utf-8")
    result = kpi("status", "--format", "json")
    assert result.exit_code == 1
    (problem,) = json.loads(result.stdout)["problems"]
    assert (problem["path"], problem["title"], problem["hint"]) == (
        "tasks[0].targets[0].target", "schema", "write a plain number without quotes or units")


def test_an_error_is_one_problem_unless_it_names_more() -> None:
    assert KpiError("no plan").as_dict() == {"error": "no plan", "problems": [
        {"file": "", "line": 0, "column": 0, "path": "", "title": "error", "message": "no plan",
         "hint": ""}]}
    given = Problem("bad", "fix it", file="a.csv", line=2)
    assert KpiError("2 rows", problems=[given]).problems == [given]


@pytest.mark.parametrize(("lang", "message", "hint"), [
    ("en", "input should be a valid number, got '1200'",
     "write a plain number without quotes or units"),
    ("zh", "应为数字，实为 '1200'", "请写普通数字，不加引号或单位"),
])
def test_a_schema_problem_speaks_the_readers_language(kpi, small_plan: Path, monkeypatch,
                                                      lang: str, message: str, hint: str) -> None:
    monkeypatch.setenv("KPI_LANG", lang)
    plan = small_plan / "tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("target: 1200,", 'target: "1200",'),
                    encoding="utf-8")
    (problem,) = json.loads(kpi("validate", "--format", "json").stdout)["problems"]
    assert (problem["message"], problem["hint"]) == (message, hint)


@pytest.mark.lang("zh")
def test_a_yaml_problem_and_its_fix_are_in_chinese(kpi, small_plan: Path, monkeypatch) -> None:
    monkeypatch.setenv("KPI_LANG", "zh")
    plan = small_plan / "tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("\n  title:", "\n\t  title:", 1), encoding="utf-8")
    (problem,) = json.loads(kpi("validate", "--format", "json").stdout)["problems"]
    assert (problem["message"], problem["hint"]) == ("YAML 错误：此字符不能作为值的开头",
                                                     "请用空格缩进，不要用制表符")


@pytest.mark.lang("zh")
def test_a_date_kpi_cannot_read_is_explained_in_chinese(kpi, small_plan: Path,
                                                        monkeypatch) -> None:
    monkeypatch.setenv("KPI_LANG", "zh")
    result = kpi("record", "1.1", "5", "--date", "6/31")
    assert (result.exit_code, result.stderr) == (
        1, "错误：日期 '6/31' 的格式 kpi 无法读取：请写作 2023-06-30（或 2023/6/30、2023.6.30、"
           "2023年6月30日）\n")
