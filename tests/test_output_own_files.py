"""An output file kpi writes (export, report, template) is never one of the data folder's own
files: ``kpi export data/progress/2023-06.csv`` replaced a month of the ledger with the export,
and ``kpi export data/tasks.yaml`` the plan.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def _ledger_of_june(small_plan: Path, kpi) -> bytes:
    assert kpi("record", "1.1", "600", "--date", "2023-06-30").exit_code == 0
    return (small_plan / "progress" / "2023-06.csv").read_bytes()


@pytest.mark.parametrize("command", [
    ("export", "data/progress/2023-06.csv"),
    ("export", "data/progress/2023-06.csv", "--format", "json"),
    ("report", "data/progress/2023-06.csv", "--format", "markdown"),
])
def test_an_output_never_replaces_a_ledger_file(small_plan: Path, kpi, command) -> None:
    """``kpi export data/progress/2023-06.csv`` replaced a month of figures with the export."""
    before = _ledger_of_june(small_plan, kpi)
    result = kpi(*command)
    message = ("data/progress/2023-06.csv is in the ledger folder data/progress, which only kpi "
               "record, import, mark and withdraw write; name a file outside it")
    assert (result.exit_code, result.stderr) == (1, f"error: {message}\n")
    # (export --format json says it on stdout too, as JSON: the format of the run's output)
    assert result.stdout == ("" if "json" not in command else
                             json.dumps({"error": message, "problems": [{
                                 "file": "", "line": 0, "column": 0, "path": "",
                                 "title": "error", "message": message, "hint": ""}]},
                                        ensure_ascii=False, indent=2) + "\n")
    assert (small_plan / "progress" / "2023-06.csv").read_bytes() == before


@pytest.mark.parametrize("command", [
    ("export", "data/tasks.yaml", "--format", "csv"),
    ("export", "data/../data/tasks.yaml", "--format", "csv"),
])
def test_an_output_never_replaces_the_plan(small_plan: Path, kpi, command) -> None:
    before = (small_plan / "tasks.yaml").read_bytes()
    result = kpi(*command)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"error: {command[1]} is the plan of the data folder; name "
                             "another file\n")
    assert (small_plan / "tasks.yaml").read_bytes() == before


def test_no_template_is_written_into_the_ledger_folder(small_plan: Path, kpi) -> None:
    before = _ledger_of_june(small_plan, kpi)
    first = kpi("template", "data/progress/t.xlsx")
    every = kpi("template", "--each-dept", "data/progress")
    assert [(r.exit_code, r.stderr) for r in (first, every)] == [
        (1, "error: data/progress/t.xlsx is in the ledger folder data/progress, which only kpi "
            "record, import, mark and withdraw write; name a file outside it\n"),
        (1, "error: data/progress is in the ledger folder data/progress, which only kpi record, "
            "import, mark and withdraw write; name a file outside it\n")]
    assert sorted(p.name for p in (small_plan / "progress").iterdir()
                  if not p.name.startswith(".")) == ["2023-06.csv"]
    assert (small_plan / "progress" / "2023-06.csv").read_bytes() == before


@pytest.mark.lang("zh")
def test_an_output_into_the_ledger_is_refused_in_chinese(small_plan: Path, kpi) -> None:
    _ledger_of_june(small_plan, kpi)
    result = kpi("export", "data/progress/2023-06.csv")
    assert (result.exit_code, result.stderr) == (
        1, "错误：data/progress/2023-06.csv 位于账本文件夹 data/progress 中，该文件夹只由 kpi "
           "record、import、mark 和 withdraw 写入；请指定该文件夹以外的文件\n")


def test_an_export_beside_the_plan_is_written(small_plan: Path, kpi) -> None:
    result = kpi("export", "data/standing.json")
    assert result.exit_code == 0
    assert (small_plan / "standing.json").is_file()
