"""kpi import FILE…: many returns at once (the month at its real size), all or nothing across
them, every problem named by file, sheet and cell."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("warm_plan_cache")

openpyxl = pytest.importorskip("openpyxl", reason="the xlsx extra (openpyxl) is not installed")

JUNE = dt.date(2023, 6, 30)


@pytest.fixture(autouse=True)
def _july(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-15")


def workbook(path: Path, sheet: str, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(["编号", "本次数值", "数据日期", "备注"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def returns(tmp_path: Path) -> list[str]:
    workbook(tmp_path / "区发改局.xlsx", "区发改局", [["15.1", 4, JUNE, ""], ["27.1", 60, JUNE, ""]])
    workbook(tmp_path / "区交通运输局.xlsx", "六月", [["23.1", 600, JUNE, "充电桩"]])
    (tmp_path / "区科技局.csv").write_text("编号,数值,日期\n,,\n3.3,150,2023-06-30\n",
                                          encoding="utf-8")
    return ["区发改局.xlsx", "区交通运输局.xlsx", "区科技局.csv"]


def ledger_lines(data_dir: Path) -> list[str]:
    path = data_dir / "progress" / "2023-06.csv"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_many_returns_are_recorded_in_one_write(kpi, data_dir: Path, returns: list[str]) -> None:
    result = kpi("import", *returns)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == ("区发改局.xlsx: 2 figures\n"
                             "区交通运输局.xlsx: 1 figure\n"
                             "区科技局.csv: 1 figure; 1 blank row skipped\n"
                             "recorded 4 in data/progress/2023-06.csv from 3 returns\n")
    lines = ledger_lines(data_dir)
    assert [line.split(",")[:2] for line in lines[1:]] == [
        ["15.1", "4"], ["27.1", "60"], ["23.1", "600"], ["3.3", "150"]]
    assert len({line.split(",")[4] for line in lines[1:]}) == 1  # one recording time: one write


def test_one_bad_cell_in_one_return_records_nothing_from_any(kpi, data_dir: Path, tmp_path: Path,
                                                            returns: list[str]) -> None:
    workbook(tmp_path / "区发改局.xlsx", "区发改局", [["15.1", 4, JUNE, ""],
                                                 ["27.1", "六十", JUNE, ""]])
    (tmp_path / "区科技局.csv").write_text("编号,数值,日期\n3.3,150,30/6/2023\n", encoding="utf-8")
    result = kpi("import", *returns)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: 区发改局.xlsx:区发改局!B3: column 本次数值: value '六十' is not a number: write "
        "plain digits in the target's unit, e.g. 1200, 1,200 or 50.7 (the target's own unit "
        "may follow, as in 95%; no 万 or 亿)\n"
        "error: 区科技局.csv:2: column 日期: date '30/6/2023' is not in a form kpi reads: write "
        "it as 2023-06-30 (or 2023/6/30, 2023.6.30, 2023年6月30日)\n"
        "error: 2 of 4 rows are invalid; nothing was recorded\n")
    assert ledger_lines(data_dir) == []


def test_a_return_that_cannot_be_read_is_named_among_the_others(kpi, data_dir: Path,
                                                                tmp_path: Path,
                                                                returns: list[str]) -> None:
    (tmp_path / "坏.xlsx").write_bytes(b"not a zip")
    wb = openpyxl.Workbook()
    wb.active.append(["编号", "本次数值", "数据日期", "联系电话"])
    wb.save(tmp_path / "多一列.xlsx")
    workbook(tmp_path / "区交通运输局.xlsx", "六月", [["23.1", -1, JUNE, ""]])
    result = kpi("import", "坏.xlsx", *returns, "多一列.xlsx", "不存在.csv")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: 坏.xlsx: not an .xlsx workbook (File is not a zip file); save it again as .xlsx, "
        "or as CSV\n"
        "error: 区交通运输局.xlsx:六月!B2: column 本次数值: value -1 is negative (figures for "
        "23.1 count 个; write 0 or more)\n"
        "error: 多一列.xlsx:Sheet!D1: unknown column '联系电话' (the header needs target (编号), "
        "value (本次数值) and date (数据日期); source (数据来源), note (备注), by (填报人), unit "
        "(单位) and baseline (上年末数) are optional)\n"
        "error: 不存在.csv: file not found\n"
        "error: 3 of 6 returns cannot be read and 1 of 4 rows are invalid; nothing was recorded\n")
    assert ledger_lines(data_dir) == []


def test_a_blank_return_among_others_is_said_and_the_rest_recorded(kpi, data_dir: Path,
                                                                   tmp_path: Path,
                                                                   returns: list[str]) -> None:
    workbook(tmp_path / "空.xlsx", "区商务局", [["5.1", None, None, None]])
    result = kpi("import", "空.xlsx", *returns, "--dry-run")
    assert result.exit_code == 0
    assert result.stderr == "warning: 空.xlsx: no figures to record; 1 blank row skipped\n"
    assert result.stdout.endswith("would record 4 in data/progress/2023-06.csv from 4 returns\n")
    result = kpi("import", "空.xlsx")
    assert (result.exit_code, result.stderr) == (
        1, "error: 空.xlsx: no figures to record; 1 blank row skipped\n")
    workbook(tmp_path / "空2.xlsx", "区商务局", [])
    result = kpi("import", "空.xlsx", "空2.xlsx")
    assert (result.exit_code, result.stderr) == (
        1, "warning: 空.xlsx: no figures to record; 1 blank row skipped\n"
           "warning: 空2.xlsx: no figures to record\n"
           "error: no figures to record in 2 returns\n")


def test_a_return_named_twice_is_a_usage_error(kpi, data_dir: Path, returns: list[str]) -> None:
    result = kpi("import", returns[0], returns[1], "./" + returns[0])
    assert (result.exit_code, result.stderr) == (
        2, f"error: {returns[0]} is named twice; name each return once\n")
    result = kpi("import", returns[0], "r.et")
    assert result.exit_code == 1 and result.stderr.startswith("error: r.et: WPS's own .et")
    assert ledger_lines(data_dir) == []


def test_json_names_each_return(kpi, data_dir: Path, returns: list[str]) -> None:
    data = json.loads(kpi("import", *returns, "--dry-run", "--format", "json").stdout)
    assert (data["dry_run"], data["file"]) == (True, "data/progress/2023-06.csv")
    assert data["returns"] == [
        {"source": "区发改局.xlsx", "sheets": ["区发改局"], "skipped_sheets": [],
         "hidden_sheets": [], "encoding": None, "blank_rows": 0, "count": 2},
        {"source": "区交通运输局.xlsx", "sheets": ["六月"], "skipped_sheets": [],
         "hidden_sheets": [], "encoding": None, "blank_rows": 0, "count": 1},
        {"source": "区科技局.csv", "sheets": ["区科技局.csv"], "skipped_sheets": [],
         "hidden_sheets": [], "encoding": "utf-8", "blank_rows": 1, "count": 1},
    ]
    assert [r["record"]["target"] for r in data["recorded"]] == ["15.1", "27.1", "23.1", "3.3"]
    assert "source" not in data  # one file's keys, kept for a single return
    one = json.loads(kpi("import", returns[0], "--dry-run", "--format", "json").stdout)
    assert (one["source"], one["sheets"], one["blank_rows"]) == ("区发改局.xlsx", ["区发改局"], 0)
    assert one["returns"] == data["returns"][:1]
