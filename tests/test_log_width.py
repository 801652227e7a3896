"""``kpi log`` at 80 columns: dates, names (who, the source) and headers whole; only the note
is cut (ending in …), and ``--format json`` has it whole."""

from __future__ import annotations

import json
import re
from pathlib import Path

from rich.cells import cell_len


def test_names_and_dates_are_whole_at_80_columns(kpi, small_plan: Path, monkeypatch) -> None:
    monkeypatch.setenv("KPI_LANG", "zh")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("KPI_TODAY", "2023-07-01")
    note = "含公共桩和专用桩，已核对"
    assert kpi("record", "1.1", "600", "--date", "2023-06-30", "--source", "区交通运输局月报",
               "--note", note, "--by", "王五").exit_code == 0
    lines = kpi("log").stdout.splitlines()
    assert re.split(r"\s{2,}", lines[0].strip()) == ["日期", "编号", "数值", "录入人", "录入时间",
                                                     "来源", "备注"]
    row = lines[2]
    assert re.match(r"2023-06-30\s+1\.1\s+600 个\s+王五\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+"
                    r"区交通运输局月报\s+含.*…$", row), row
    assert max(cell_len(line) for line in lines) <= 80
    assert json.loads(kpi("log", "--format", "json").stdout)[0]["note"] == note


def test_a_wide_terminal_shows_the_note_whole(kpi, small_plan: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("KPI_TODAY", "2023-07-01")
    assert kpi("record", "1.1", "600", "--date", "2023-06-30", "--source", "区交通运输局月报",
               "--note", "含公共桩和专用桩，已核对").exit_code == 0
    assert kpi("log").stdout.splitlines()[2].rstrip().endswith("区交通运输局月报   含公共桩和专用桩，已核对")
