"""A table taken from a PDF with its layout kept (``pdftotext -layout``): its columns parted by
runs of spaces, and a cell too long for its column going on in the same column on the lines
below, beside the other cells' continuations::

     序号   重点任务                      牵头单位    责任单位            完成时限
      1     地区生产总值增长6%左右，一    区发改局    区统计局、区财政    2024年12月底
            般公共预算收入增长5%。                    局

``reflow`` writes each such row as one line, its cells parted by tabs (the form a Word table
takes as text), each cell's pieces joined in order; the rest of the text is left as it is. Pure.
"""

from __future__ import annotations

import re
import unicodedata

from .table import header

#: Between two cells: a run of two spaces or more (or a tab); one space stays inside a cell.
_GAP = re.compile(r"[ \u3000]{2,}|\t")
#: A row's first line: its number, then a gap, then words.
_ROW = re.compile(r"[ \u3000]*[0-9]{1,3}(?:[ \u3000]{2,}|\t)\S")


def _width(text: str) -> int:
    """How many columns ``text`` takes on a terminal: a Chinese character two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pieces(line: str, wide: bool = False) -> list[tuple[int, str]]:
    """A line's pieces between gaps, each with the column it starts at: counted in characters,
    or (``wide``) in the columns a terminal shows, a Chinese character taking two."""
    out, at = [], 0
    for gap in [*_GAP.finditer(line), None]:
        stop = gap.start() if gap else len(line)
        piece = line[at:stop]
        if piece.strip():
            lead = at + len(piece) - len(piece.lstrip())
            out.append((_width(line[:lead]) if wide else lead, piece.strip()))
        if gap is None:
            break
        at = gap.end()
    return out


def _misfit(lines: list[str], rows: list[int], wide: bool) -> int:
    """How far the pieces of the rows' continuation lines lie from the columns, counted one
    way: a text aligned by what a terminal shows, or by characters, fits its own count."""
    starts = [at for at, _p in max((_pieces(lines[i], wide) for i in rows), key=len)]
    total = 0
    for i in rows:
        for line in lines[i + 1:i + 4]:
            if not line.strip() or _ROW.match(line):
                break
            total += sum(min(abs(s - at) for s in starts) for at, _p in _pieces(line, wide))
    return total


def _nearest(starts: list[int], at: int) -> int:
    return min(range(len(starts)), key=lambda i: abs(starts[i] - at))


def reflow(text: str) -> tuple[str, int]:
    """``text`` with each row of a space-laid table on one line, cells parted by tabs, and how
    many rows were so written (0: no such table, the text as it was). A table is a header row
    (two header words, three cells or more) followed by rows opening with their number; a row's
    continuation lines follow it with no blank line between, and hold no piece in the number's
    column. The columns are where the pieces of the fullest row start."""
    lines = text.split("\n")
    head = next((i for i, line in enumerate(lines) if "\t" not in line
                 and len(_pieces(line)) >= 3
                 and header("\t".join(p for _at, p in _pieces(line))) is not None), None)
    if head is None:
        return text, 0
    rows = [i for i in range(head + 1, len(lines)) if _ROW.match(lines[i])]
    if len(rows) < 2:
        return text, 0
    wide = _misfit(lines, rows, True) < _misfit(lines, rows, False)
    starts = [at for at, _p in max((_pieces(lines[i], wide) for i in rows), key=len)]
    out = lines[:head] + ["\t".join(p for _at, p in _pieces(lines[head]))]
    cells: list[str] | None = None
    count = 0

    def close() -> None:
        if cells is not None:
            out.append("\t".join(cells).rstrip("\t"))

    for line in lines[head + 1:]:
        pieces = _pieces(line, wide)
        if _ROW.match(line):
            close()
            cells = [""] * len(starts)
            count += 1
        elif not pieces or cells is None or any(_nearest(starts, at) == 0 for at, _p in pieces):
            close()
            cells = None
            out.append(line)
            continue
        for at, piece in pieces:
            i = _nearest(starts, at)
            cells[i] += piece
    close()
    return "\n".join(out), count
