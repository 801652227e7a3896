"""Recording a return (recording.py, issue 9): nothing counted twice, and an exit status that
tells the truth about what was written.

Before: importing the same return again appended every row again, silently; a workbook whose
two sheets gave two figures for the same target and date recorded both; Ctrl-C during a large
import often exited 130 with every row written.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl", reason="the xlsx extra (openpyxl) is not installed")

RETURN = """编号,数值,日期,来源
1.1,474,2023-06-30,区交通运输局月报
1.3,50,2023-06-30,
1.1,474,2023-06-30,区交通运输局月报
3,in_progress,2023-06-30,
"""


@pytest.fixture
def july(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-15")


def ledger(data_dir: Path) -> dict[str, bytes]:
    progress = data_dir / "progress"
    return {p.name: p.read_bytes() for p in sorted(progress.glob("*.csv"))} if progress.is_dir() \
        else {}


def log(kpi) -> list[dict]:
    result = kpi("log", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def recorded_on(kpi) -> str:
    """The day (of the machine's clock) the records of the ledger were written."""
    days = {r["recorded_at"][:10] for r in log(kpi)}
    assert len(days) == 1
    return days.pop()


@pytest.mark.parametrize("how", [("import",), ("record", "--from")])
def test_the_same_return_twice_records_nothing_the_second_time(kpi, small_plan: Path, july,
                                                                tmp_path: Path, how) -> None:
    (tmp_path / "ret.csv").write_text(RETURN, encoding="utf-8")
    first = kpi(*how, "ret.csv")
    assert (first.exit_code, first.stderr) == (0, "")
    assert first.stdout == ("1.1 新增充电桩 474/1200 个 39.5% at risk\n"
                            "1.3 新建改造道路 50/116.1 公里 43.1% on track\n"
                            "3 加强组织领导 in progress on track\n"
                            "recorded 3 in data/progress/2023-06.csv; 1 repeated row of the "
                            "return counted once\n")
    before = ledger(small_plan)
    day = recorded_on(kpi)
    again = kpi(*how, "ret.csv")
    assert (again.exit_code, again.stderr) == (0, "")
    # "from" names each row's source: the return's own file name where the row gives none
    assert again.stdout == (f"nothing recorded: 1 row already recorded on {day} from "
                            f"区交通运输局月报; 2 rows already recorded on {day} from ret.csv; 1 "
                            "repeated row of the return counted once\n")
    assert ledger(small_plan) == before
    assert [(r["target"], r["source"]) for r in log(kpi)] == [
        ("1.1", "区交通运输局月报"), ("1.3", "ret.csv"), ("3", "ret.csv")]


def test_the_same_return_twice_in_json(kpi, small_plan: Path, july, tmp_path: Path) -> None:
    (tmp_path / "ret.csv").write_text(RETURN, encoding="utf-8")
    first = json.loads(kpi("import", "ret.csv", "--format", "json").stdout)
    assert (first["file"], first["already_recorded"], first["repeated_rows"],
            len(first["recorded"])) == ("data/progress/2023-06.csv", 0, 1, 3)
    again = json.loads(kpi("import", "ret.csv", "--format", "json").stdout)
    assert (again["file"], again["already_recorded"], again["repeated_rows"],
            again["recorded"]) == (None, 3, 1, [])  # nothing written: no file


def test_a_correction_in_a_return_is_recorded_and_the_rest_skipped(kpi, small_plan: Path, july,
                                                                   tmp_path: Path) -> None:
    (tmp_path / "ret.csv").write_text(RETURN, encoding="utf-8")
    assert kpi("import", "ret.csv").exit_code == 0
    day = recorded_on(kpi)
    (tmp_path / "ret.csv").write_text(RETURN.replace("1.3,50,", "1.3,55,"), encoding="utf-8")
    result = kpi("import", "ret.csv")
    assert (result.exit_code, result.stdout) == (
        0, "1.3 新建改造道路 55/116.1 公里 47.4% on track\n"
           f"recorded 1 in data/progress/2023-06.csv; 1 row already recorded on {day} from "
           f"区交通运输局月报; 1 row already recorded on {day} from ret.csv; 1 repeated row of "
           "the return counted once\n")
    status = json.loads(kpi("status", "--format", "json", "--task", "1").stdout)
    assert [t["actual"] for t in status["targets"] if t["id"] == "1.3"] == [55]
    # going back to the earlier figure is a correction too: it is recorded, and counts
    (tmp_path / "ret.csv").write_text(RETURN, encoding="utf-8")
    assert kpi("import", "ret.csv").stdout.startswith(
        "1.3 新建改造道路 50/116.1 公里 43.1% on track\nrecorded 1 in ")
    status = json.loads(kpi("status", "--format", "json", "--task", "1").stdout)
    assert [t["actual"] for t in status["targets"] if t["id"] == "1.3"] == [50]


def test_a_single_record_is_not_compared_with_the_ledger(kpi, small_plan: Path, july) -> None:
    assert kpi("record", "1.1", "474", "--date", "2023-06-30").exit_code == 0
    assert kpi("record", "1.1", "474", "--date", "2023-06-30").exit_code == 0
    assert [r["value"] for r in log(kpi)] == [474, 474]


def test_two_sheets_with_two_figures_for_one_day_are_refused_naming_both_cells(
        kpi, small_plan: Path, july, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "六月"
    for row in (["编号", "本次数值", "数据日期"], ["1.1", 600, "2023-06-30"],
                ["2.1", 160, "2023-06-30"]):
        first.append(row)
    second = wb.create_sheet("六月(2)")
    for row in (["编号", "本次数值", "数据日期"], ["2.1", 160, "2023-06-30"],
                ["1.1", 650, "2023-06-30"]):
        second.append(row)
    wb.save(tmp_path / "two.xlsx")
    result = kpi("import", "two.xlsx")
    assert (result.exit_code, result.stdout) == (1, "")
    # before: both were recorded, and the later sheet's draft won
    assert result.stderr == (
        "error: two.xlsx:六月(2)!B3: column 本次数值: 1.1 on 2023-06-30 is 650 here but 600 at "
        "two.xlsx:六月!B2: column 本次数值 (keep one: a return gives one figure per target and "
        "day)\n"
        "error: 1 of 4 rows are invalid; nothing was recorded\n")
    assert ledger(small_plan) == {}


def test_two_rows_of_a_csv_return_with_two_figures_are_refused(kpi, small_plan: Path, july,
                                                               tmp_path: Path) -> None:
    (tmp_path / "ret.csv").write_text("target,value,date\n3,in_progress,2023-06-30\n"
                                      "3,done,2023-06-30\n", encoding="utf-8")
    result = kpi("record", "--from", "ret.csv")
    assert (result.exit_code, result.stderr) == (
        1, "error: ret.csv:3: column value: 3 on 2023-06-30 is done here but in progress at "
           "ret.csv:2: column value (keep one: a return gives one figure per target and day)\n"
           "error: 1 of 2 rows are invalid; nothing was recorded\n")
    assert ledger(small_plan) == {}


# ------------------------------------------------------------------ Ctrl-C


def _interrupt() -> None:
    os.kill(os.getpid(), signal.SIGINT)


def test_ctrl_c_before_the_append_writes_nothing_and_exits_130(kpi, small_plan: Path, july,
                                                               tmp_path: Path,
                                                               monkeypatch) -> None:
    from linzi_kpi import recording

    reading = recording.read_ledger

    def read_then_interrupted(*args, **kwargs):
        found = reading(*args, **kwargs)
        _interrupt()  # while the return is checked against the ledger: before anything lands
        return found

    monkeypatch.setattr(recording, "read_ledger", read_then_interrupted)
    (tmp_path / "ret.csv").write_text(RETURN, encoding="utf-8")
    result = kpi("import", "ret.csv")
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", "error: interrupted\n")
    assert ledger(small_plan) == {}


@pytest.mark.parametrize("how", [("import",), ("record", "--from")])
def test_ctrl_c_during_the_append_finishes_it_and_exits_0(kpi, small_plan: Path, july,
                                                          tmp_path: Path, monkeypatch,
                                                          how) -> None:
    from linzi_kpi import service

    appending = service.record

    def interrupted_while_appending(*args, **kwargs):
        _interrupt()
        return appending(*args, **kwargs)

    monkeypatch.setattr(service, "record", interrupted_while_appending)
    (tmp_path / "ret.csv").write_text(RETURN, encoding="utf-8")
    before = signal.getsignal(signal.SIGINT)  # (ignored where pytest runs in the background)
    result = kpi(*how, "ret.csv")
    # before: "interrupted", exit 130, with every row written; a script retried and recorded twice
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.endswith("recorded 3 in data/progress/2023-06.csv; 1 repeated row of "
                                  "the return counted once\n")
    assert len(log(kpi)) == 3
    assert signal.getsignal(signal.SIGINT) is before  # handed back
