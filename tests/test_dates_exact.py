"""Dates exactly as meant (issue 21, item 3): the one date parser takes ASCII and full-width
digits only, everywhere; a plan's dates are within 1900–2100 or a validate problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from linzi_kpi.dates import parse_date

OTHER_DIGITS = ["2023-6-2¹", "2023-6-1²", "2023-6-⑳", "2023-6-③⓪", "２０２３-6-2¹", "2023-⑥-30",
                "2023年6月2¹日", "2023/6/₂", "2023-6-٣", "2023-6-𝟐"]


@pytest.mark.parametrize("text", OTHER_DIGITS)
def test_a_digit_that_is_not_ascii_or_full_width_is_refused(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(text)
    assert str(caught.value) == (
        f"date {text!r} is not in a form kpi reads: write it as 2023-06-30 (or 2023/6/30, "
        "2023.6.30, 2023年6月30日)")


@pytest.mark.parametrize(("text", "date"), [
    ("2023-06-30", dt.date(2023, 6, 30)), ("2023-6-2", dt.date(2023, 6, 2)),
    ("２０２３－６－３０", dt.date(2023, 6, 30)), ("２０２３年６月３０日", dt.date(2023, 6, 30)),
    ("2023／6／30", dt.date(2023, 6, 30)), ("2023．6．30", dt.date(2023, 6, 30)),
])
def test_ascii_and_full_width_digits_are_read(text: str, date: dt.date) -> None:
    assert parse_date(text) == date


def test_record_date_with_a_superscript_is_refused_not_misread(small_plan: Path, kpi,
                                                               monkeypatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")
    result = kpi("record", "1.1", "5", "--date", "2023-6-2¹")
    assert result.exit_code == 1
    assert result.stderr == ("error: date '2023-6-2¹' is not in a form kpi reads: write it as "
                             "2023-06-30 (or 2023/6/30, 2023.6.30, 2023年6月30日)\n")
    assert not (small_plan / "progress").exists()


def test_a_csv_cell_date_with_a_superscript_is_refused(small_plan: Path, kpi, tmp_path: Path,
                                                       monkeypatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")
    ret = tmp_path / "june.csv"
    ret.write_text("target,value,date\n1.1,5,2023-6-1²\n", encoding="utf-8")
    result = kpi("import", str(ret))
    assert result.exit_code == 1
    assert "date '2023-6-1²' is not in a form kpi reads" in result.stderr
    assert not (small_plan / "progress").exists()


@pytest.mark.parametrize("option", [("status", "--as-of", "2023-6-3⓪"),
                                    ("report", "--since", "2023-6-⑳")])
def test_options_refuse_other_digits(small_plan: Path, kpi, option, monkeypatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")
    result = kpi(*option)
    assert result.exit_code == 2
    assert "is not in a form kpi reads" in result.stderr


def test_kpi_today_refuses_other_digits(small_plan: Path, kpi, monkeypatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")
    monkeypatch.setenv("KPI_TODAY", "2023-6-2¹")
    result = kpi("status")
    assert result.exit_code != 0
    assert "2023-6-2¹" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("key", "old", "new", "line", "column", "message"), [
    ("period_end", "period_end: 2023-12-31", "period_end: 9999-12-31", 8, 15,
     "plan.period_end: input should be less than or equal to 2100-12-31, got 9999-12-31"),
    ("period_end", "period_end: 2023-12-31", "period_end: 9990-01-01", 8, 15,
     "plan.period_end: input should be less than or equal to 2100-12-31, got 9990-01-01"),
    ("period_start", "period_start: 2023-01-01", "period_start: 0001-01-01", 7, 17,
     "plan.period_start: input should be greater than or equal to 1900-01-01, got 0001-01-01"),
    ("period_start", "period_start: 2023-01-01", "period_start: 1066-01-01", 7, 17,
     "plan.period_start: input should be greater than or equal to 1900-01-01, got 1066-01-01"),
    ("issued", "issued: 2023-03-01", "issued: 1899-12-31", 6, 11,
     "plan.issued: input should be greater than or equal to 1900-01-01, got 1899-12-31"),
])
def test_a_plan_date_outside_1900_to_2100_is_a_validate_problem(
        small_plan: Path, kpi, monkeypatch, key, old, new, line, column, message) -> None:
    monkeypatch.setenv("KPI_LANG", "en")
    plan = small_plan / "tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = kpi("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"data/tasks.yaml:{line}:{column}: {message}"
    assert "fix: check the year: kpi takes dates from 1900 to 2100" in result.stdout
    status = kpi("status")
    assert status.exit_code == 1
    assert status.stderr.startswith(f"error: data/tasks.yaml:{line}:{column}: {message}")


def test_a_deadline_past_2100_is_a_validate_problem(small_plan: Path, kpi, monkeypatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")
    plan = small_plan / "tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "deadline: 2025-12-31", "deadline: 2500-12-31"), encoding="utf-8")
    result = kpi("validate")
    assert result.exit_code == 1
    assert ("deadline: input should be less than or equal to 2100-12-31, got 2500-12-31"
            in result.stdout)
