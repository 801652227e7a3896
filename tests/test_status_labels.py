"""The status table at 80 columns folds a long label into lines of even length (华能储能 /
项目功率), never leaving a character alone on a line."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.text import Text

from linzi_kpi.render.grid import Column, _balanced, _cell_lines


def test_a_label_folds_into_even_lines() -> None:
    console = Console(width=80)
    column = Column("指标", 14, fold=True, balanced=True)
    cells = [line.plain.rstrip() for line in _cell_lines(console, Text("华能储能项目功率"), column)]
    assert cells == ["华能储能", "项目功率"]
    cells = [line.plain.rstrip()
             for line in _cell_lines(console, Text("加快构建国土空间开发保护新格局"), column)]
    assert cells == ["加快构建国", "土空间开发", "保护新格局"]
    # Rich's own folding, for a column that does not balance: 7, 7 and 1
    plain = Column("指标", 14, fold=True)
    assert [line.plain.rstrip() for line in _cell_lines(
        console, Text("加快构建国土空间开发保护新格局"), plain)][-1] == "局"


def test_the_balanced_width() -> None:
    assert _balanced("新增充电桩", 14) == 10  # one line, as wide as it is
    assert _balanced("华能储能项目功率", 15) == 8
    assert _balanced("a b", 2) == 2  # text with spaces wraps at them, as Rich does


def test_the_status_table_leaves_no_character_alone(kpi, small_plan: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("KPI_LANG", "zh")
    out = kpi("status", "--as-of", "2023-06-30").stdout
    for line in out.splitlines():
        if line.startswith("       "):  # a label's second line
            label = line[7:].split("  ")[0].strip()
            assert len(label) != 1, line
