"""A withdrawn baseline is no baseline on every path: the full scan of reports, and the quick
look-up of ``kpi record`` for a level target without a baseline in the plan (which reads only
the lines that name the target, and leaves a withdrawal to the scan)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")


def test_a_withdrawn_baseline_grades_no_figure(small_plan: Path, kpi) -> None:
    assert kpi("record", "2.1", "150", "--date", "2022-12-31").exit_code == 0
    withdrawn = kpi("withdraw", "2.1", "--date", "2022-12-31", "--note", "wrong year")
    assert withdrawn.exit_code == 0, withdrawn.stderr
    done = kpi("record", "2.1", "160", "--date", "2023-06-30", "--format", "json")
    assert done.exit_code == 0, done.stderr
    said = json.loads(done.stdout)
    status = json.loads(kpi("status", "--as-of", "2023-06-30", "--format", "json").stdout)
    row = next(t for t in status["targets"] if t["id"] == "2.1")
    assert row["baseline"] is None
    assert said["recorded"][0]["standing"]["baseline"] is None


def test_a_baseline_recorded_again_after_its_withdrawal_counts(small_plan: Path, kpi) -> None:
    assert kpi("record", "2.1", "150", "--date", "2022-12-31").exit_code == 0
    assert kpi("withdraw", "2.1", "--date", "2022-12-31", "--note", "wrong").exit_code == 0
    assert kpi("record", "2.1", "150", "--date", "2022-12-31").exit_code == 0
    done = kpi("record", "2.1", "160", "--date", "2023-06-30", "--format", "json")
    assert json.loads(done.stdout)["recorded"][0]["standing"]["baseline"] == 150
