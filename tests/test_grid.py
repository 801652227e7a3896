"""render/grid.py draws a table line by line; Rich's Table, drawing the same columns, is the
oracle: the two must print the same bytes, colours included, for any cells that fit."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from linzi_kpi.render.grid import Column, grid, rich_table, table, width_of

# Latin, CJK (two cells), punctuation, spaces and the bar's own glyphs
ALPHABET = st.sampled_from(list("ab Z09.%/-—│█░") + list("临淄区新增充电桩个万千瓦，、（）"))
# now and then a line break or a tab, which only Rich's own wrapping handles
CELL = st.one_of(ALPHABET, ALPHABET, ALPHABET, ALPHABET, st.sampled_from(["\n", "\t"]))
STYLES = st.sampled_from(["", "bold", "italic", "red", "bold yellow", "dim", "green on black"])


def printed(renderable: object, width: int) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=True, color_system="truecolor",
                      legacy_windows=False)
    console.print(renderable)
    return out.getvalue()


@st.composite
def tables(draw: st.DrawFn) -> tuple[Text, list[Column], list[list[Text]]]:
    n = draw(st.integers(1, 6))
    columns = [Column(draw(st.text(ALPHABET, min_size=1, max_size=6)),
                      draw(st.integers(2, 14)),
                      draw(st.sampled_from(["left", "right"])), draw(st.booleans()))
               for _ in range(n)]
    # a header fits its column, as kpi sizes every column to its header and cells
    columns = [Column(c.header, max(c.width, cell_len(c.header)), c.justify, c.fold)
               for c in columns]
    rows = []
    for _ in range(draw(st.integers(0, 5))):
        row = []
        for c in columns:
            text = draw(st.text(CELL, max_size=3 * c.width))
            row.append(Text(text, style=draw(STYLES)))
        rows.append(row)
    title = Text(draw(st.text(ALPHABET, min_size=1, max_size=40)), style="bold")
    return title, columns, rows


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(tables(), st.integers(0, 30))
def test_the_grid_prints_what_rich_prints(spec: tuple[Text, list[Column], list[list[Text]]],
                                          spare: int) -> None:
    title, columns, rows = spec
    width = width_of(columns) + spare
    drawn = table(Console(width=width), title, columns, rows)
    assert printed(drawn, width) == printed(rich_table(title, columns, rows), width)
    awkward = any(("\n" in cell.plain or "\t" in cell.plain) and not column.fold
                  for row in rows for cell, column in zip(row, columns, strict=True))
    assert isinstance(drawn, Table) is awkward  # the grid draws every other table


def test_a_table_wider_than_the_terminal_is_left_to_rich() -> None:
    columns = [Column("编号", 6), Column("指标", 20, fold=True), Column("状态", 6)]
    rows = [[Text("23.1"), Text("新增充电桩"), Text("正常", style="green")]]
    assert width_of(columns) == 38
    assert isinstance(table(Console(width=37), Text("十三"), columns, rows), Table)
    assert not isinstance(table(Console(width=38), Text("十三"), columns, rows), Table)
    # a cell of two lines in a column that does not fold: Rich decides
    two = [[Text("23\n1"), Text("x"), Text("正常")]]
    assert isinstance(table(Console(width=80), Text("十三"), columns, two), Table)


def test_the_grid_folds_a_long_label_under_its_own_column() -> None:
    columns = [Column("编号", 4), Column("指标", 6, fold=True), Column("实际", 4, "right")]
    rows = [[Text("1.1"), Text("新增市级以上创新平台"), Text("4")]]
    lines = printed(grid(Console(width=20), Text("一、"), columns, rows), 20)
    assert Text.from_ansi(lines).plain.split("\n") == [
        "一、                ",
        "编号   指标     实际",
        "────────────────────",
        "1.1    新增市      4",
        "       级以上       ",
        "       创新平       ",
        "       台           ",
        "",
    ]
