"""What people type for a date, a state or a status: one date parser (dates.py) for the command
line, CSV, cells and KPI_TODAY; states and statuses by code or by their Chinese label."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from linzi_kpi.dates import parse_date, parse_month
from linzi_kpi.enums import State, Status
from linzi_kpi.render.labels import STATE, STATUS, parse_status
from linzi_kpi.values import parse_state
from linzi_kpi.words import parse_statuses

FORMS = "write it as 2023-06-30 (or 2023/6/30, 2023.6.30, 2023年6月30日)"


@pytest.mark.parametrize("text", ["2023-06-30", " 2023-06-30 ", "2023-6-30", "2023/6/30",
                                  "2023/06/30", "2023.6.30", "2023.06.30", "2023年6月30日",
                                  "2023年06月30日", "２０２３-０６-３０", "２０２３年６月３０日",
                                  "2023／6／30"])
def test_every_year_first_form_is_read(text: str) -> None:
    assert parse_date(text) == dt.date(2023, 6, 30)


def test_the_edges_of_the_accepted_years() -> None:
    assert parse_date("1900-01-01") == dt.date(1900, 1, 1)
    assert parse_date("2100/12/31") == dt.date(2100, 12, 31)
    assert parse_date("2024年2月29日") == dt.date(2024, 2, 29)


@pytest.mark.parametrize("text", ["2023-06", "2023-6", "2023/6", "2023.06", "2023年6月",
                                  "２０２３－０６", " 2023-06 "])
def test_a_month_is_taken_as_a_date_is_written_without_its_day(text: str) -> None:
    assert parse_month(text) == dt.date(2023, 6, 1)


@pytest.mark.parametrize(("text", "message"), [
    ("6/2023", "'6/2023' is not in the form YYYY-MM, e.g. 2023-06"),
    ("2023-06-30", "'2023-06-30' is not in the form YYYY-MM, e.g. 2023-06"),
    ("2023-6月", "'2023-6月' is not in the form YYYY-MM, e.g. 2023-06"),
    ("2023-13", "'2023-13' is not a month"),
    ("1899-12", "'1899-12' is outside the years kpi takes (1900–2100)"),
])
def test_parse_month_refuses(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_month(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(("text", "message"), [
    # day or month first: ambiguous, never guessed
    ("30/6/2023", f"date '30/6/2023' is not in a form kpi reads: {FORMS}"),
    ("6/30/2023", f"date '6/30/2023' is not in a form kpi reads: {FORMS}"),
    ("23/6/30", f"date '23/6/30' is not in a form kpi reads: {FORMS}"),
    # separators mixed, digits run together, a time, nothing
    ("2023-6/30", f"date '2023-6/30' is not in a form kpi reads: {FORMS}"),
    ("2023年6月30", f"date '2023年6月30' is not in a form kpi reads: {FORMS}"),
    ("20230630", f"date '20230630' is not in a form kpi reads: {FORMS}"),
    ("2023-06-30T00:00", f"date '2023-06-30T00:00' is not in a form kpi reads: {FORMS}"),
    ("2023-006-30", f"date '2023-006-30' is not in a form kpi reads: {FORMS}"),
    ("", f"date '' is not in a form kpi reads: {FORMS}"),
    ("x" * 50, f"date '{'x' * 40}…' is not in a form kpi reads: {FORMS}"),
    # days that do not exist
    ("2023-02-30", "date '2023-02-30' does not exist"),
    ("2023-02-29", "date '2023-02-29' does not exist"),
    ("2023-13-01", "date '2023-13-01' does not exist"),
    ("2023/2/29", "date '2023/2/29' does not exist"),
    ("2023年13月1日", "date '2023年13月1日' does not exist"),
    ("0000-01-01", "date '0000-01-01' does not exist"),
    # outside the years kpi takes
    ("0001-01-01", "date '0001-01-01' is outside the years kpi takes (1900–2100)"),
    ("1899-12-31", "date '1899-12-31' is outside the years kpi takes (1900–2100)"),
    ("2101/1/1", "date '2101/1/1' is outside the years kpi takes (1900–2100)"),
    ("9999-12-31", "date '9999-12-31' is outside the years kpi takes (1900–2100)"),
])
def test_parse_date_refuses(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(text)
    assert str(caught.value) == message


def test_states_by_code_or_label() -> None:
    assert [parse_state(s.value) for s in State] == list(State)
    assert [parse_state(STATE["zh"][s]) for s in State] == list(State)
    assert parse_state(" done ") is State.done
    assert parse_state("进行中") is State.in_progress
    assert parse_state("受阻") is State.blocked
    assert parse_state("in progress") is State.in_progress
    with pytest.raises(ValueError) as caught:
        parse_state("finished")
    assert str(caught.value) == ("state 'finished' is not one of: not started, in progress, "
                                 "done, blocked (未开始, 进行中, 已完成, 受阻)")
    # in any case, as a person may type a code or an English word
    assert parse_state("DONE") is State.done
    assert parse_state("In Progress") is State.in_progress


def test_statuses_by_code_or_label() -> None:
    assert [parse_status(s.value) for s in Status] == list(Status)
    assert [parse_status(STATUS["zh"][s]) for s in Status] == list(Status)
    assert parse_status("滞后") is Status.off_track
    assert parse_status("无数据") is Status.no_data
    assert parse_status("off track") is Status.off_track
    assert parse_status("ON_TRACK") is Status.on_track
    assert parse_status("At Risk") is Status.at_risk
    assert parse_statuses("Behind") == parse_statuses("落后") == {
        Status.missed, Status.off_track, Status.at_risk}
    with pytest.raises(ValueError) as caught:
        parse_status("落后")
    assert str(caught.value) == ("status '落后' is not one of: met, on track, at risk, off track, "
                                 "missed, no data (已完成, 正常, 预警, 滞后, 未完成, 无数据)")
    # 未报送 is no status: it counts what should have been reported this month and was not
    with pytest.raises(ValueError) as caught:
        parse_status("未报送")
    assert str(caught.value) == ("status '未报送' is not one of: met, on track, at risk, off track, "
                                 "missed, no data (已完成, 正常, 预警, 滞后, 未完成, 无数据)")


def test_no_label_is_shared_between_two_states_or_two_statuses() -> None:
    for table in (STATE, STATUS):
        for labels in table.values():
            assert len(set(labels.values())) == len(labels)


# ---------------------------------------------------------------- through the commands


def test_mark_takes_a_chinese_state_and_records_its_code(kpi, data_dir: Path) -> None:
    result = kpi("mark", "19", "进行中", "--date", "2023年6月30日")
    assert (result.exit_code, result.stderr) == (0, "")
    line = (data_dir / "progress" / "2023-06.csv").read_text(encoding="utf-8").splitlines()[1]
    assert line.startswith("19,in_progress,,2023-06-30,")


def test_mark_refuses_an_unknown_state_naming_codes_and_labels(kpi, data_dir: Path) -> None:
    result = kpi("mark", "19", "完成了", "--date", "2023-06-30")
    assert (result.exit_code, result.stderr) == (
        2, "error: STATE: state '完成了' is not one of: not started, in progress, done, blocked "
           "(未开始, 进行中, 已完成, 受阻) (`kpi mark -h` shows how to use it)\n")
    assert not (data_dir / "progress").exists()


def test_status_filter_takes_the_label_the_table_shows(kpi, data_dir: Path) -> None:
    assert kpi("record", "23.1", "100", "--date", "2023/6/30").exit_code == 0
    assert kpi("record", "15.1", "4", "--date", "2023.6.30").exit_code == 0

    def ids(*args: str) -> list[str]:
        result = kpi("status", "--as-of", "2023-06-30", "--format", "json", *args)
        assert result.exit_code == 0, result.stderr
        return [t["id"] for t in json.loads(result.stdout)["targets"]]

    assert ids("--status", "滞后") == ids("--status", "off_track") == ["23.1"]
    assert ids("--status", "正常") == ["15.1"]
    assert ids("--status", "滞后", "--status", "on_track") == ["15.1", "23.1"]
    # 落后 heads the column of what is behind 序时进度: it takes missed, off track and at risk
    assert ids("--status", "落后") == ["23.1"]
    result = kpi("status", "--status", "未报送")
    assert (result.exit_code, result.stderr) == (
        2, "error: --status: status '未报送' is not one of: met, on track, at risk, off track, "
           "missed, no data (已完成, 正常, 预警, 滞后, 未完成, 无数据) (`kpi status -h` shows how to "
           "use it)\n")


@pytest.mark.parametrize("as_of", ["2023-06-30", "2023/6/30", "2023.6.30", "2023年6月30日"])
def test_as_of_in_every_form(kpi, data_dir: Path, as_of: str) -> None:
    result = kpi("status", "--as-of", as_of, "--format", "json")
    assert json.loads(result.stdout)["as_of"] == "2023-06-30"


@pytest.mark.parametrize(("as_of", "message"), [
    ("0001-01-01", "--as-of: date '0001-01-01' is outside the years kpi takes (1900–2100)"),
    ("9999-12-31", "--as-of: date '9999-12-31' is outside the years kpi takes (1900–2100)"),
    ("30/6/2023", f"--as-of: date '30/6/2023' is not in a form kpi reads: {FORMS}"),
])
def test_as_of_out_of_range_or_ambiguous_is_one_line(kpi, data_dir: Path, as_of: str,
                                                     message: str) -> None:
    for command in (("status",), ("dept",), ("export", "-", "--format", "json")):
        result = kpi(*command, "--as-of", as_of)
        said = f"{message} (`kpi {command[0]} -h` shows how to use it)"
        assert (result.exit_code, result.stderr) == (2, f"error: {said}\n")
        if "json" in command:  # the error as JSON on stdout too
            assert json.loads(result.stdout)["error"] == said
        else:
            assert result.stdout == ""


@pytest.mark.parametrize(("today", "message"), [
    ("0001-01-01", "KPI_TODAY: date '0001-01-01' is outside the years kpi takes (1900–2100)"),
    ("30/6/2023", f"KPI_TODAY: date '30/6/2023' is not in a form kpi reads: {FORMS}"),
])
def test_kpi_today_is_read_by_the_same_parser(kpi, data_dir: Path, monkeypatch, today: str,
                                              message: str) -> None:
    monkeypatch.setenv("KPI_TODAY", today)
    result = kpi("status")
    assert (result.exit_code, result.stderr) == (2, f"error: {message}\n")
    monkeypatch.setenv("KPI_TODAY", "2023年7月1日")
    result = kpi("record", "23.1", "100")  # dated today by default
    assert result.exit_code == 0, result.stderr
    assert "2023-07-01" in (data_dir / "progress" / "2023-07.csv").read_text(encoding="utf-8")


def test_a_date_in_any_form_in_a_csv_return(kpi, data_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "june.csv").write_text(
        "target,value,date\n23.1,100,2023/6/30\n15.1,4,2023年6月30日\n19,进行中,2023.6.30\n",
        encoding="utf-8")
    for command in (("record", "--from", "june.csv"), ("import", "june.csv")):
        result = kpi(*command, "--dry-run", "--format", "json")
        assert result.exit_code == 0, result.stderr
        records = [r["record"] for r in json.loads(result.stdout)["recorded"]]
        assert [(r["target"], r["date"]) for r in records] == [
            ("23.1", "2023-06-30"), ("15.1", "2023-06-30"), ("19", "2023-06-30")]
        assert records[2]["state"] == "in_progress"
