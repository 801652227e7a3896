"""Reading an .ods return (LibreOffice's own format) through python-calamine; its percentage
cells are found in the file itself, by a streaming parse of its content.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import KpiError
from .cells import (
    MAX_CELLS,
    SPREADSHEET,
    cell_text,
    check_archive,
    too_many_cells,
    unreadable,
)
from .extras import calamine
from .returns import Sheet

_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


Merges = dict[str, tuple[tuple[int, int, int, int], ...]]
#: The most merged ranges read of a sheet: a 任务分解表 has a few hundred.
MAX_MERGES = 100_000


def _ods_survey(path: Path, display: str) -> tuple[dict[str, set[tuple[int, int]]], Merges]:
    """Per sheet of an .ods file, the (row, column) of each cell holding a percentage
    (python-calamine gives 0.512 for a cell shown as 51.2%, and no format), and its merged
    cells (first row, first column, last row, last column; python-calamine gives none). Refuses a sheet
    whose cells reach beyond ``MAX_CELLS`` before python-calamine lays it out in memory.

    Streams content.xml: rows and columns repeated (LibreOffice writes the empty rest of a
    sheet as one row repeated a million times) are counted, never expanded, unless they hold
    a percentage.
    """
    import zipfile
    from xml.etree.ElementTree import ParseError, iterparse

    table, row, cell, covered = (_ODS_TABLE + name for name in (
        "table", "table-row", "table-cell", "covered-table-cell"))
    rows_repeated = _ODS_TABLE + "number-rows-repeated"
    columns_repeated = _ODS_TABLE + "number-columns-repeated"
    value_type, name_key = _ODS_OFFICE + "value-type", _ODS_TABLE + "name"
    rows_spanned = _ODS_TABLE + "number-rows-spanned"
    columns_spanned = _ODS_TABLE + "number-columns-spanned"
    found: dict[str, set[tuple[int, int]]] = {}
    merged: dict[str, list[tuple[int, int, int, int]]] = {}
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
            depth = 0  # tables inside tables (a cell may hold one) are not sheets
            sheet, marks = "", set[tuple[int, int]]()
            r = c = span = 0
            last_row = last_column = -1
            for event, element in iterparse(content, events=("start", "end")):
                tag = element.tag
                if tag == table:
                    if event == "start":
                        depth += 1
                        if depth == 1:
                            sheet, marks, r, last_row, last_column = (
                                element.get(name_key, ""), set(), 0, -1, -1)
                    else:
                        depth -= 1
                        if depth == 0 and marks:
                            found[sheet] = marks
                        element.clear()
                elif depth != 1:
                    continue
                elif tag == row:
                    if event == "start":
                        c, span = 0, max(1, int(element.get(rows_repeated, "1")))
                    else:
                        r += span
                        element.clear()
                elif (tag == cell or tag == covered) and event == "start":
                    width = max(1, int(element.get(columns_repeated, "1")))
                    down = int(element.get(rows_spanned, "1"))
                    across = int(element.get(columns_spanned, "1"))
                    if (down > 1 or across > 1) and len(merged.setdefault(sheet, [])) < MAX_MERGES:
                        merged[sheet].append((r, c, r + max(down, 1) - 1, c + max(across, 1) - 1))
                    kind = element.get(value_type)
                    if kind is not None:
                        last_row = max(last_row, r + span - 1)
                        last_column = max(last_column, c + width - 1)
                        if (last_row + 1) * (last_column + 1) > MAX_CELLS:
                            raise too_many_cells(display, sheet, last_row + 1, last_column + 1)
                        if kind == "percentage":
                            marks.update((i, j) for i in range(r, r + span)
                                         for j in range(c, c + width))
                    c += width
    except KpiError:
        raise
    except (KeyError, ParseError, ValueError, OSError, zipfile.BadZipFile) as exc:
        raise unreadable(display, exc, SPREADSHEET, ".ods", ".xlsx") from None
    return found, {name: tuple(ranges) for name, ranges in merged.items()}


def read_calamine(path: Path, display: str) -> list[Sheet]:
    """Every worksheet of an .ods file as text cells, through python-calamine. A formula gives
    the value last computed; a percentage cell gives the number shown (51.2, not 0.512)."""
    module = calamine(display)
    check_archive(path, display, "ods")
    percent, merged = _ods_survey(path, display)
    book = None
    try:
        book = module.CalamineWorkbook.from_path(str(path))
        sheets = []
        budget = MAX_CELLS
        for meta in book.sheets_metadata:
            if meta.typ != module.SheetTypeEnum.WorkSheet:
                continue  # a chart or macro sheet holds no cells
            ws = book.get_sheet_by_name(meta.name)
            hidden = meta.visible != module.SheetVisibleEnum.Visible
            end = ws.end
            if end is None:
                sheets.append(Sheet(meta.name, [], hidden=hidden))
                continue
            budget -= (end[0] + 1) * (end[1] + 1)
            if budget < 0:
                raise too_many_cells(display, meta.name, end[0] + 1, end[1] + 1)
            marks = percent.get(meta.name, set())
            rows = [[cell_text(value, "%" if marks and (r, c) in marks else "")
                     for c, value in enumerate(values)]
                    for r, values in enumerate(ws.to_python(skip_empty_area=False))]
            sheets.append(Sheet(meta.name, rows, hidden=hidden,
                                merged=merged.get(meta.name, ())))
        return sheets
    except KpiError:
        raise
    except Exception as exc:  # python-calamine raises its own kinds for a damaged file
        raise unreadable(display, exc, SPREADSHEET, ".ods", ".xlsx") from None
    finally:
        if book is not None:
            book.close()
