"""Reading an Excel 97-2003 .xls return through xlrd, with each cell's number format.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import KpiError
from .cells import MAX_CELLS, WORKBOOK, cell_text, too_many_cells, unreadable
from .extras import xlrd as load_xlrd
from .returns import Sheet


def read_xls(path: Path, display: str) -> list[Sheet]:
    """Every worksheet of an Excel 97-2003 .xls file as text cells, through xlrd: a date cell
    gives its date, a cell shown as 51.2% gives 51.2, a formula the value last computed. Rows
    are read as far as their last cell (a cell at IV65536 makes no sheet of 16 million cells).
    """
    xlrd = load_xlrd(display)
    book = None
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True,
                                  ragged_rows=True)
        formats = {index: book.format_map[xf.format_key].format_str
                   for index, xf in enumerate(book.xf_list) if xf.format_key in book.format_map}
        sheets = []
        budget = MAX_CELLS
        for name in book.sheet_names():
            ws = book.sheet_by_name(name)
            budget -= sum(ws.row_len(r) for r in range(ws.nrows))
            if budget < 0:
                raise too_many_cells(display, name, ws.nrows, ws.ncols)
            rows = []
            for r in range(ws.nrows):
                cells = []
                for cell in ws.row(r):
                    kind, value = cell.ctype, cell.value
                    if kind == xlrd.XL_CELL_DATE:
                        try:
                            value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                            pass  # read as its number, which no date check takes
                    elif kind == xlrd.XL_CELL_BOOLEAN:
                        value = bool(value)
                    elif kind == xlrd.XL_CELL_ERROR:
                        value = xlrd.error_text_from_code.get(value, "#ERROR")
                    elif kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        value = None
                    cells.append(cell_text(value, formats.get(cell.xf_index, "")
                                           if kind == xlrd.XL_CELL_NUMBER else ""))
                rows.append(cells)
            merged = tuple((top, left, bottom - 1, right - 1)
                           for top, bottom, left, right in getattr(ws, "merged_cells", ()))
            sheets.append(Sheet(name, rows, hidden=bool(getattr(ws, "visibility", 0)),
                                merged=merged))
            book.unload_sheet(name)
        return sheets
    except KpiError:
        raise
    except Exception as exc:  # xlrd raises its own kinds for a damaged or foreign file
        raise unreadable(display, exc, WORKBOOK, ".xls", ".xlsx") from None
    finally:
        if book is not None:
            book.release_resources()
