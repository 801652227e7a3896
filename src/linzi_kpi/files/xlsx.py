"""Reading an .xlsx return through openpyxl, with each cell's number format.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import Any

from ..errors import KpiError
from .cells import (
    MAX_CELLS,
    WORKBOOK,
    cell_text,
    check_archive,
    too_many_cells,
    unreadable,
)
from .extras import openpyxl
from .returns import Sheet

_FORMULA = re.compile(rb"<(?:[A-Za-z0-9_]+:)?f[\s>/]")


def _has_formulas(raw: bytes) -> bool:
    """Whether any worksheet of an .xlsx file holds a formula (an <f> element)."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return any(_FORMULA.search(archive.read(name)) for name in archive.namelist()
                   if name.startswith("xl/worksheets/") and name.endswith(".xml"))


#: A merged range as a worksheet's XML declares it: <mergeCell ref="A1:F1"/>.
_MERGE = re.compile(rb'<(?:[A-Za-z0-9_]+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3})([0-9]{1,7}):'
                    rb'([A-Z]{1,3})([0-9]{1,7})"')
#: The most merged ranges read of a sheet: a 任务分解表 has a few hundred.
MAX_MERGES = 100_000


def _column(letters: bytes) -> int:
    """b"A" → 0, b"AA" → 26."""
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def _merged(raw: bytes, part: str) -> tuple[tuple[int, int, int, int], ...]:
    """The merged ranges a worksheet's XML declares, as (first row, first column, last row,
    last column) from 0, read a block at a time (they follow the cells), at most
    ``MAX_MERGES``."""
    import zipfile

    found: set[tuple[int, int, int, int]] = set()
    tail = b""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive, archive.open(part) as xml:
        while block := xml.read(1 << 20):
            data = tail + block
            for match in _MERGE.finditer(data):
                a, top, b, bottom = match.groups()
                found.add((int(top) - 1, _column(a), int(bottom) - 1, _column(b)))
                if len(found) > MAX_MERGES:
                    return tuple(sorted(found))
            tail = data[-200:]  # a range cut by the block's end is whole in the next data
    return tuple(sorted(found))


def read_xlsx(raw: bytes, display: str, merges: bool = False) -> list[Sheet]:
    """Every worksheet as text cells. Formulas give the value Excel last computed for them; a
    formula never computed (a file written by a script) gives its text, which the checks refuse
    for a figure or a date. With ``merges``, each sheet's merged cells too.

    The workbook is streamed (openpyxl's read-only mode), row by row, as far as its last cell
    that is there: a cell at XFD1048576 does not make a sheet of 17 billion cells.
    """
    xl = openpyxl()
    check_archive(io.BytesIO(raw), display)
    values = formulas = None
    try:
        values = xl.load_workbook(io.BytesIO(raw), data_only=True, read_only=True)
        if _has_formulas(raw):  # read twice only then: each read is most of an import's time
            formulas = xl.load_workbook(io.BytesIO(raw), data_only=False, read_only=True)
        sheets = []
        budget = MAX_CELLS
        for ws in values.worksheets:
            ws.reset_dimensions()  # the size the file claims; the cells themselves decide
            pairs: Iterable[tuple[Any, Any]]
            if formulas is not None:
                written = formulas[ws.title]  # the same sheet, its formulas as written
                written.reset_dimensions()
                pairs = zip(ws.iter_rows(), written.iter_rows(), strict=False)
            else:  # no formula: each cell is its own text
                pairs = ((row, row) for row in ws.iter_rows())
            rows: list[list[str]] = []
            for row, row_raw in pairs:
                budget -= max(len(row), 1)
                if budget < 0:
                    raise too_many_cells(display, ws.title, len(rows) + 1, len(row))
                cells = []
                for c, f in zip(row, row_raw, strict=False):
                    value = c.value
                    if value is None and f is not c:
                        value = f.value
                    cells.append(cell_text(value, getattr(c, "number_format", "") or ""))
                rows.append(cells)
            part = getattr(ws, "_worksheet_path", None)  # (openpyxl's name of its XML part)
            sheets.append(Sheet(ws.title, rows,
                                hidden=getattr(ws, "sheet_state", "visible") != "visible",
                                merged=_merged(raw, part) if merges and part else ()))
        return sheets
    except KpiError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise unreadable(display, exc, WORKBOOK, ".xlsx") from None
    finally:
        for book in (values, formulas):
            if book is not None:
                book.close()
