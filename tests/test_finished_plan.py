"""A plan whose period has ended: reported as of its end unless --as-of says otherwise (a note
says so), and its templates dated in its last month, with a warning for a month outside it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTE = ("note: the plan period ended on 2023-12-31: reported at its end, each standing final "
        "(--as-of names another day)\n")


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")


def test_after_the_period_a_report_is_as_of_its_end_and_says_so(kpi, small_plan: Path,
                                                                monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2026-11-15")
    assert kpi("record", "1.1", "600", "--date", "2023-06-30").exit_code == 0
    result = kpi("status", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, NOTE)
    data = json.loads(result.stdout)
    assert data["as_of"] == "2023-12-31"  # the period's last day: each standing final
    by_id = {t["id"]: t for t in data["targets"]}
    assert (by_id["1.1"]["expected"], by_id["1.1"]["progress"]) == (1.0, 0.5)
    assert by_id["1.1"]["status"] == "missed"
    assert by_id["1.4"]["status"] == "no_data"  # its deadline (2025) is beyond the period
    table = kpi("status")
    assert table.stdout.splitlines()[1:3] == ["as of 2023-12-31",
                                              "the plan period ended on 2023-12-31"]
    for command in (("dept",), ("history", "1.1")):
        result = kpi(*command)
        assert (result.exit_code, result.stderr) == (0, NOTE), command


def test_an_as_of_given_is_taken_as_given(kpi, small_plan: Path, monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2026-11-15")
    result = kpi("status", "--format", "json", "--as-of", "2024-01-31")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout)["as_of"] == "2024-01-31"


def test_within_the_period_today_is_the_as_of_date(kpi, small_plan: Path, monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-06-30")
    result = kpi("status", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout)["as_of"] == "2023-06-30"


def test_templates_after_the_period_are_for_its_last_month(kpi, small_plan: Path, tmp_path: Path,
                                                           monkeypatch) -> None:
    pytest.importorskip("openpyxl", reason="the xlsx extra (openpyxl) is not installed")
    monkeypatch.setenv("KPI_TODAY", "2026-11-15")
    result = kpi("template", "--each-dept", "out")
    assert (result.exit_code, result.stderr) == (0, "")
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names and all(name.endswith("-2023-12.xlsx") for name in names), names


def test_a_month_outside_the_period_is_written_with_a_warning(kpi, small_plan: Path,
                                                              tmp_path: Path,
                                                              monkeypatch) -> None:
    pytest.importorskip("openpyxl", reason="the xlsx extra (openpyxl) is not installed")
    monkeypatch.setenv("KPI_TODAY", "2023-07-03")
    result = kpi("template", "--each-dept", "out", "--month", "2026-11")
    assert result.exit_code == 0
    assert result.stderr == ("warning: --month 2026-11 is outside the plan period (2023-01-01 to "
                             "2023-12-31)\n")
    assert all(p.name.endswith("-2026-11.xlsx") for p in (tmp_path / "out").iterdir())
    inside = kpi("template", "--each-dept", "in", "--month", "2023-06")
    assert (inside.exit_code, inside.stderr) == (0, "")
