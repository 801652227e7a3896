"""A table as a grid of cells with its merged cells (a spreadsheet's 任务分解表, an HTML page's
<table>) → the lines the drafter reads: a row per line, its cells parted by tabs, as a Word
table is read. Pure.

A cell merged across columns is written once (its row has one cell fewer); a cell merged down
rows is written in each row it spans (a 牵头单位 merged over three tasks leads each of them),
except a row's number merged down rows: those rows are one task (``1`` over the rows of its
targets), written as one row whose cells hold each row's words in turn, a line each, as a cell
that breaks across lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..errors import KpiError
from ..i18n import _
from .table import header

#: The most cells the merged ranges of a table may cover (clipped to the table): a 任务分解表
#: covers a few thousand.
COVER_CAP = 2_000_000

Merge = tuple[int, int, int, int]  # first row, first column, last row, last column, from 0

_NUMBER = re.compile(r"[0-9]{1,4}[.、．]?|[（(]?[一二三四五六七八九十]{1,3}[）)、]?")


def cell(text: str) -> str:
    """A cell's text as a line's cell: its own line ends kept (a cell may break across lines),
    a tab or carriage return inside it a space or a line end, blank lines and the spaces
    around it dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def table_lines(rows: Sequence[Sequence[str]], merges: Iterable[Merge] = ()) -> list[str]:
    """The table's lines: each row's cells joined by tabs, empty cells at its end and empty rows
    left out."""
    grid = [[cell(c) for c in row] for row in rows]
    merges = sorted(set(merges))
    headers = _headers(grid, merges)
    dropped: set[tuple[int, int]] = set()
    groups: list[tuple[int, int]] = []
    width = max((len(row) for row in grid), default=0)
    budget = COVER_CAP
    for top, left, bottom, right in merges:
        bottom, right = min(bottom, len(grid) - 1), min(right, width - 1)
        if top < 0 or left < 0 or top >= len(grid) or bottom < top or right < left or (
                bottom == top and right == left) or left >= len(grid[top]):
            continue
        budget -= (bottom - top + 1) * (right - left + 1)
        if budget < 0:
            raise KpiError(_("the merged cells of a table cover more than {cap} cells, far "
                             "beyond a plan document").format(cap=f"{COVER_CAP:,}"))
        value = grid[top][left]
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if c > left:
                    dropped.add((r, c))
                elif r > top and c < len(grid[r]):
                    grid[r][c] = value
        if bottom > top and _numbers_row(grid[top], left, value):
            groups.append((top, bottom))
    for top, cells in headers.items():  # a header over two rows: one line, its lower names
        grid[top], grid[top + 1] = cells, []
        dropped -= {(r, c) for r in (top, top + 1) for c in range(width)}
    lines: list[str] = []
    r = 0
    for first, last in _joined(groups, len(grid)):
        while r < first:
            lines.append(_line(grid[r], r, dropped))
            r += 1
        lines.append(_group_line(grid, first, last, dropped))
        r = last + 1
    lines += [_line(grid[i], i, dropped) for i in range(r, len(grid))]
    return [line for line in lines if line]


def _headers(grid: list[list[str]], merges: list[Merge]) -> dict[int, list[str]]:
    """The header rows written over two rows (序号 | 任务 | 责任分工 | 完成时限 over 牵头单位 |
    配合单位: a name merged across the names below it, the others merged down both rows), each
    as the one row a reader reads: the lower names in place of the one over them."""
    across: dict[int, list[tuple[int, int]]] = {}
    down: dict[int, set[int]] = {}
    for top, left, bottom, right in merges:
        if top < 0 or left < 0 or top + 1 >= len(grid):
            continue
        if bottom == top and right > left:
            across.setdefault(top, []).append((left, right))
        elif bottom == top + 1 and right == left:
            down.setdefault(top, set()).add(left)
    found: dict[int, list[str]] = {}
    for top, spans in across.items():
        row, below = grid[top], grid[top + 1]
        under = {c for left, right in spans for c in range(left, right + 1)}
        if top not in down or any(not (c < len(below) and below[c]) for c in under) or any(
                row[c] and c not in under and c not in down[top] for c in range(len(row))) or any(
                below[c] and c not in under for c in range(len(below))):
            continue
        cells = [below[c] if c in under else row[c] if c < len(row) else ""
                 for c in range(max(len(row), len(below)))]
        if header("\t".join(cells)) is not None:
            found[top] = cells
    return found


def _numbers_row(row: Sequence[str], left: int, value: str) -> bool:
    """Whether the merged cell at ``left`` is the row's number (nothing before it, a number)."""
    return not any(row[:left]) and bool(_NUMBER.fullmatch(value))


def _joined(groups: list[tuple[int, int]], rows: int) -> list[tuple[int, int]]:
    """The row groups in order, none overlapping another (the first of two that do is kept)."""
    out: list[tuple[int, int]] = []
    for first, last in sorted(groups):
        if not out or first > out[-1][1]:
            out.append((first, min(last, rows - 1)))
    return out


def _line(row: Sequence[str], r: int, dropped: set[tuple[int, int]]) -> str:
    return "\t".join(c for i, c in enumerate(row) if (r, i) not in dropped).rstrip("\t")


def _group_line(grid: list[list[str]], first: int, last: int,
                dropped: set[tuple[int, int]]) -> str:
    """Rows ``first``…``last`` as one row: each column's words, each once, a line each."""
    width = max(len(grid[r]) for r in range(first, last + 1))
    cells = []
    for c in range(width):
        if (first, c) in dropped:
            continue
        words: list[str] = []
        for r in range(first, last + 1):
            if c < len(grid[r]) and (r, c) not in dropped and grid[r][c] and (
                    grid[r][c] not in words):
                words.append(grid[r][c])
        cells.append("\n".join(words))
    return "\t".join(cells).rstrip("\t")
