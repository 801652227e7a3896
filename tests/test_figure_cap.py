"""A figure kpi keeps is one it keeps as written: below 10^15 (past which a float no longer holds
every whole number) and of at most 15 significant digits (a 16th would be rounded away without a
word). ``values.parse_number`` and ``values.plain_figure`` (the ledger's fast path) are the one
rule: for ``kpi record``, a return and the ledger's scan alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from linzi_kpi.files.cells import cell_text
from linzi_kpi.values import parse_number, plain_figure

pytestmark = pytest.mark.usefixtures("warm_plan_cache")

TOO_LARGE = ("is too large: kpi keeps figures below 1,000,000,000,000,000 (10^15); check the "
             "figure and its unit")
TOO_PRECISE = "has more digits than kpi keeps (15 significant digits): round it to at most 15"


@pytest.mark.parametrize(("text", "value"), [
    ("999999999999999", 999999999999999.0), ("999,999,999,999,999", 999999999999999.0),
    ("-999999999999999", -999999999999999.0), ("12345678901.2345", 12345678901.2345),
    ("0.000000000000000000123456789012345", 1.23456789012345e-19),
    ("1200.000000000000000000000", 1200.0),  # trailing zeros lose nothing
    ("0000000000000000001200", 1200.0), ("１２００", 1200.0), ("95%", 95.0)])
def test_figures_kept_as_written(text: str, value: float) -> None:
    assert parse_number(text, "%" if text.endswith("%") else "") == value


@pytest.mark.parametrize(("text", "why"), [
    ("1000000000000000", TOO_LARGE), ("1,000,000,000,000,000", TOO_LARGE),
    ("-1000000000000000", TOO_LARGE), ("10000000000000000", TOO_LARGE),
    ("１０００００００００００００００", TOO_LARGE), ("1e15", None),
    ("1200.000000000000000000001", TOO_PRECISE), ("1234567890.123456", TOO_PRECISE),
    ("0.1234567890123456", TOO_PRECISE), ("-3.0000000000000001", TOO_PRECISE)])
def test_figures_refused(text: str, why: str | None) -> None:
    with pytest.raises(ValueError) as caught:
        parse_number(text)
    if why is not None:
        assert str(caught.value) == f"value {text!r} {why}"
    assert plain_figure(text) is None


def test_the_fast_path_reads_what_parse_number_reads() -> None:
    for text in ("1200", "116.1", "999999999999999", "0.5", "123456789012345",
                 "00000000000000001", "1.00000000000000000"):
        assert plain_figure(text) == parse_number(text)
    for text in ("1000000000000000", "1200.000000000000000000001", "1,200", "-1", ""):
        assert plain_figure(text) is None


def test_a_spreadsheet_cell_is_read_as_the_spreadsheet_shows_it() -> None:
    assert cell_text(1000000 / 3) == "333333.333333333"  # a formula's float, 15 digits shown
    assert parse_number(cell_text(1000000 / 3)) == 333333.333333333
    assert cell_text(116.1) == "116.1"


@pytest.mark.parametrize(("value", "why"), [("10000000000000000", TOO_LARGE),
                                            ("1200.000000000000000000001", TOO_PRECISE)])
def test_record_refuses_and_writes_nothing(kpi, small_plan: Path, value: str, why: str) -> None:
    result = kpi("record", "2.1", value, "--date", "2023-06-30")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"error: value '{value}' {why}\n")
    assert not (small_plan / "progress").exists() or not any((small_plan / "progress").iterdir())


def test_the_largest_figure_kept_is_recorded(kpi, small_plan: Path) -> None:
    result = kpi("record", "2.1", "999999999999999", "--date", "2023-06-30")
    assert result.exit_code == 0, result.stderr
    log = kpi("log", "--format", "json")
    assert '"value": 999999999999999' in log.stdout


def test_a_return_with_a_figure_too_precise_is_a_row_error(kpi, small_plan: Path,
                                                           tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text("编号,数值,日期\n1.3,116.10000000000000001,2023-06-30\n",
                                    encoding="utf-8")
    result = kpi("import", "r.csv")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"error: r.csv:2: column 数值: value '116.10000000000000001' "
                             f"{TOO_PRECISE}\n"
                             "error: 1 of 1 rows are invalid; nothing was recorded\n")


@pytest.mark.parametrize("value", ["10000000000000000", "116.10000000000000001"])
def test_the_ledger_scan_refuses_a_figure_kpi_does_not_keep(kpi, small_plan: Path,
                                                            value: str) -> None:
    (small_plan / "progress").mkdir()
    (small_plan / "progress" / "2023-06.csv").write_text(
        "target,value,unit,date,recorded_at,by,source,note\n"
        f"1.3,{value},公里,2023-06-30,2023-07-01T09:00:00+08:00,a,,\n", encoding="utf-8")
    result = kpi("validate")
    why = TOO_LARGE if len(value) == 17 else TOO_PRECISE
    assert result.exit_code == 1
    assert result.stdout.startswith(f"data/progress/2023-06.csv:2:5: value '{value}' {why}\n")


@pytest.mark.lang("zh")
def test_the_refusal_in_chinese(kpi, small_plan: Path) -> None:
    result = kpi("record", "2.1", "1000000000000000", "--date", "2023-06-30")
    assert (result.exit_code, result.stderr) == (
        1, "错误：数值 '1000000000000000' 过大：kpi 仅保存小于 1,000,000,000,000,000（10^15）的数值；"
           "请核对数值及其单位\n")
