"""One reporter per target (issue 19): `Plan.reporter` is the one rule of who reports a figure
(a `reporter:` on the target or task, else the first lead department, else the first
responsible one that is not a collective name); a department's template asks it only for what
it reports, and its return is refused at a figure it does not report. The small plan of
conftest: task 1 is led by 区发改局 and shared by 区交通运输局; task 2 names only responsible
departments; task 3 only 各镇、街道."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linzi_kpi.load import load_plan


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")


def plan_with(small_plan: Path, old: str, new: str):
    path = small_plan / "tasks.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def reporters(plan) -> dict[str, str | None]:
    found = {str(task.number): plan.reporter(task) for task in plan.tasks}
    found.update({t.id: plan.reporter(task, t) for task, t in plan.targets()})
    return found


def test_the_default_reporter_is_the_first_lead_else_the_first_responsible(small_plan_model):
    assert reporters(small_plan_model) == {
        "1": "区发改局", "1.1": "区发改局", "1.2": "区发改局", "1.3": "区发改局", "1.4": "区发改局",
        "2": "区科技局", "2.1": "区科技局", "2.2": "区科技局", "2.3": "区科技局", "2.4": "区科技局",
        "3": None}  # a collective name (各镇、街道) is never a default reporter


def test_a_reporter_named_in_the_plan_wins_and_is_canonical(small_plan: Path) -> None:
    plan_with(small_plan, "    responsible: [\"区科技局\", \"区农业农村局\"]\n",
              "    responsible: [\"各镇、街道\", \"区科技局\", \"区农业农村局\"]\n    reporter: 区农业局\n")
    plan_with(small_plan, "target: 8, unit: 个,\n         comparator: approx, kind: increment}",
              "target: 8, unit: 个,\n         comparator: approx, kind: increment, "
              "reporter: 区交通运输局}")
    loaded = load_plan(small_plan / "tasks.yaml")
    assert loaded.problems == []
    found = reporters(loaded.plan)
    assert (found["1.1"], found["1.2"], found["2"], found["2.1"]) == (
        "区发改局", "区交通运输局", "区农业农村局", "区农业农村局")


@pytest.mark.lang("zh")
def test_kpi_targets_says_who_reports_where_it_is_not_the_first_lead(kpi, small_plan: Path,
                                                                   monkeypatch) -> None:
    monkeypatch.setenv("KPI_LANG", "zh")
    monkeypatch.setenv("COLUMNS", "100")
    plan_with(small_plan, "target: 8, unit: 个,\n         comparator: approx, kind: increment}",
              "target: 8, unit: 个,\n         comparator: approx, kind: increment, "
              "reporter: 区交通运输局}")
    rows = {r["id"]: r for r in json.loads(kpi("targets", "--format", "json").stdout)}
    assert (rows["1.1"]["reporter"], rows["1.2"]["reporter"]) == ("区发改局", "区交通运输局")
    table = kpi("targets", "--task", "1").stdout
    # 1.2 is reported by a department that shares it: its cell says so; 1.1's first lead reports
    assert table.count("报送：") == 1
    assert "报送：区交通运输局" in table


def test_validate_refuses_a_reporter_that_is_no_department(kpi, small_plan: Path) -> None:
    plan_with(small_plan, "target: 8, unit: 个,\n         comparator: approx, kind: increment}",
              "target: 8, unit: 个,\n         comparator: approx, kind: increment, "
              "reporter: 区交通局}")
    result = kpi("validate", "--format", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert (problem["path"], problem["message"], problem["hint"]) == (
        "tasks[0].targets[1].reporter", "reporter '区交通局' is not a department of the plan",
        "did you mean 区交通运输局? name a department of `departments:` (its name or an alias), "
        "or leave the reporter out: the first lead department reports by default")


def xlsx():
    return pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")


def rows_of(path: Path) -> dict[str, list]:
    ws = xlsx().load_workbook(path).active
    header = [c.value for c in ws[3]]
    return {str(r[0].value): [r[header.index(h)] for h in ("指标", "本次数值", "数据日期")]
            for r in ws.iter_rows(min_row=4) if r[0].value}


def test_a_shared_target_is_locked_in_the_sharer_s_template_naming_the_reporter(
        kpi, small_plan: Path, tmp_path: Path) -> None:
    assert kpi("template", "--dept", "区交通运输局", "jt.xlsx").exit_code == 0
    rows = rows_of(tmp_path / "jt.xlsx")
    label, value, date = rows["1.1"]
    assert label.value == "新增充电桩（由区发改局报送，此处只读）"
    assert (value.protection.locked, date.protection.locked) == (True, True)
    assert value.fill.fgColor.rgb == label.fill.fgColor.rgb  # grey, as the given columns
    said = xlsx().load_workbook(tmp_path / "jt.xlsx").active.cell(row=2, column=1).value
    assert said.endswith("整行灰色的指标由“指标”列注明的部门报送，本表只读。")
    assert kpi("template", "--dept", "区发改局", "fg.xlsx").exit_code == 0
    label, value, date = rows_of(tmp_path / "fg.xlsx")["1.1"]
    assert label.value == "新增充电桩"
    assert (value.protection.locked, date.protection.locked) == (False, False)


def test_a_return_with_a_figure_its_department_does_not_report_is_refused_at_the_cell(
        kpi, small_plan: Path, tmp_path: Path) -> None:
    openpyxl = xlsx()
    assert kpi("template", "--dept", "区交通运输局", "jt.xlsx").exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "jt.xlsx")
    ws = wb.active
    header = [c.value for c in ws[3]]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=1).value == "1.1")
    ws.cell(row=row, column=header.index("本次数值") + 1).value = 600
    ws.cell(row=row, column=header.index("数据日期") + 1).value = "2023-06-30"
    wb.save(tmp_path / "jt.xlsx")
    result = kpi("import", "jt.xlsx")
    assert result.exit_code == 1
    column = openpyxl.utils.get_column_letter(header.index("本次数值") + 1)
    assert result.stderr == (
        f"error: jt.xlsx:区交通运输局!{column}{row}: column 本次数值: 1.1 is reported by 区发改局, "
        "not by 区交通运输局 (leave the cell empty and send the figure to 区发改局, which reports "
        "it; the template shows such rows locked)\n"
        "error: 1 of 1 rows are invalid; nothing was recorded\n")
    assert not (small_plan / "progress").exists()  # nothing written
    # kpi record and a CSV return (no department inside it) are not asked
    (tmp_path / "jt.csv").write_text("target,value,date\n1.1,600,2023-06-30\n", encoding="utf-8")
    assert kpi("import", "jt.csv", "--by", "区交通运输局").exit_code == 0
    assert kpi("record", "1.2", "4", "--date", "2023-06-30", "--by", "区交通运输局").exit_code == 0
