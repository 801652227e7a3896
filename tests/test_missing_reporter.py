"""Who owes a missing figure is its reporter (``Plan.reporter``, issue 19's one rule): a target
whose ``reporter:`` names its responsible department is owed by that department in the 催报
list, not by its task's lead. The small plan of conftest: task 1 is led by 区发改局 and shared by
区交通运输局."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def test_a_target_with_its_own_reporter_is_owed_by_that_department(
        small_plan: Path, kpi, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(small_plan.parent)
    monkeypatch.setenv("KPI_TODAY", "2023-07-10")
    monkeypatch.setenv("KPI_LANG", "en")
    path = small_plan / "tasks.yaml"
    text = path.read_text(encoding="utf-8")
    old = "target: 116.1, unit: 公里,\n         comparator: at_least, kind: increment}"
    assert text.count(old) == 1
    path.write_text(text.replace(old, old[:-1] + ", reporter: 区交通运输局}"), encoding="utf-8")
    for args in (("record", "1.1", "500", "--date", "2023-06-30"),
                 ("record", "1.2", "8", "--date", "2023-05-31")):
        assert kpi(*args).exit_code == 0
    result = kpi("missing", "--month", "2023-06", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    # 1.3 is 区交通运输局's to report: its lead 区发改局 owes only 1.4
    assert [(d["department"], [line["id"] for line in d["lines"]])
            for d in data["departments"]] == [
        ("区科技局", ["2.1", "2.2", "2.3", "2.4"]), ("区发改局", ["1.4"]),
        ("区交通运输局", ["1.3"]), (None, ["3"])]
