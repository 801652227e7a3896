"""The library for scripts (``linzi_kpi.api``): values and problems, never an exception for bad
data; and the README's example runs as written."""

from __future__ import annotations

import re
from pathlib import Path

from linzi_kpi import api

ROOT = Path(__file__).resolve().parent.parent


def test_open_record_report_and_import(small_plan: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-01")
    opened = api.open_workspace("data")
    assert opened.ok and opened.value is not None
    kpi = opened.value
    done = kpi.record("1.1", "600", "2023-06-30", source="区发改局月报", by="王五")
    assert done.ok and done.value is not None
    assert [r.value for r in done.value.records] == [600]
    report = kpi.report("2023-06-30").value
    assert report is not None
    assert {s.target.id: s.status.value for s in report.targets}["1.1"] == "on_track"
    (tmp_path / "june.csv").write_text("编号,数值,日期\n1.2,四,2023-06-30\n", encoding="utf-8")
    bad = kpi.import_returns(["june.csv"])
    assert bad.value is None
    assert [(p.file, p.line, p.column, p.dotted, p.title) for p in bad.problems] == [
        ("june.csv", 2, 2, "数值", "invalid row")]


def test_problems_instead_of_exceptions(small_plan: Path, monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-01")
    assert api.open_workspace("nowhere").problems[0].message.startswith(
        "data folder nowhere does not exist")
    kpi = api.open_workspace().value
    assert kpi is not None
    unknown = kpi.record("9.9", "1", "2023-06-30")
    assert (unknown.value, unknown.problems[0].message) == (None, "unknown target '9.9'")
    assert kpi.report("2023-13-01").problems[0].message == "date '2023-13-01' does not exist"
    (small_plan / "tasks.yaml").write_text("plan: [", encoding="utf-8")
    broken = api.open_workspace()
    assert broken.value is None
    assert (broken.problems[0].file, broken.problems[0].title) == ("data/tasks.yaml", "syntax")


def test_the_readme_example_runs(data_dir: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-01")
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Library: kpi from a script", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    (tmp_path / "june.csv").write_text("编号,数值,日期\n99.9,5,2023-06-30\n", encoding="utf-8")
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "recorded"
    assert out[1].startswith("june.csv:2:1 编号 unknown target '99.9' use a target id")
    assert out[2].startswith("2023-06-30 {'met': ")
