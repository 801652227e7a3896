"""Spreadsheet files: reading returns from .xlsx and .csv, writing the template and the export.

The only module that imports openpyxl, and only inside the functions that need it: openpyxl is
an optional extra (``pip install 'linzi_kpi[xlsx]'``), and CSV works without it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..enums import State
from ..errors import KpiError, UsageError
from ..values import format_number
from .output import save_atomically
from .returns import STATE_GOAL, TEMPLATE_COLUMNS, Sheet, TemplateRow

XLSX_MISSING = ("reading and writing .xlsx files needs openpyxl: "
                "pip install 'linzi_kpi[xlsx]' (or use a .csv file)")

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")

#: Cells that start with one of these would run as a formula; they are stored as text.
FORMULA_START = ("=", "+", "-", "@")


def openpyxl() -> Any:
    try:
        import openpyxl as module
    except ImportError:
        raise KpiError(XLSX_MISSING) from None
    return module


# ---------------------------------------------------------------- reading


def read_sheets(path: Path, display: str, encoding: str | None = None) -> tuple[list[Sheet], str]:
    """The tables of a return file, and the text encoding a CSV file was read in ('' for xlsx)."""
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES + CSV_SUFFIXES:
        raw = _read_return(path, display)
    if suffix in XLSX_SUFFIXES:
        return read_xlsx(raw, display), ""
    if suffix in CSV_SUFFIXES:
        text, used = decode(raw, display, encoding)
        rows, lines = parse_csv_lines(text, display)
        return [Sheet(None, rows, lines)], used
    if suffix == ".xls":
        raise KpiError(f"{display}: the old .xls format is not read; save it as .xlsx "
                       "(Excel/WPS: 另存为 Excel 工作簿) or as CSV")
    raise UsageError(f"{display}: kpi import reads .xlsx and .csv files")


def _read_return(path: Path, display: str) -> bytes:
    """The bytes of a return: a regular file, at most ``inputs.RETURN_CAP`` of them."""
    from .. import inputs

    try:
        return inputs.read_capped(path, inputs.RETURN_CAP)
    except FileNotFoundError:
        raise KpiError(f"{display}: file not found") from None
    except IsADirectoryError:
        raise KpiError(f"{display}: this is a folder, not a file") from None
    except inputs.InputError as exc:
        raise KpiError(f"{display}: {exc.message} ({exc.hint})") from None
    except OSError as exc:
        raise KpiError(f"{display}: cannot read file: {exc.strerror}") from None


#: The text encodings ``--encoding`` takes (as spelled, after lower case and _ → -): what
#: Excel, WPS and LibreOffice save CSV in, in China and elsewhere. Not any codec Python has:
#: some are not text (punycode, rot13, zlib) and fail in ways no return should reach.
ENCODINGS = {"utf-8": "utf-8-sig", "utf8": "utf-8-sig", "utf-8-sig": "utf-8-sig",
             "utf-16": "utf-16", "utf16": "utf-16", "utf-16-le": "utf-16-le",
             "utf-16le": "utf-16-le", "utf-16-be": "utf-16-be", "utf-16be": "utf-16-be",
             "gbk": "gbk", "cp936": "gbk", "gb2312": "gb2312", "gb18030": "gb18030",
             "big5": "big5", "cp950": "cp950", "big5hkscs": "big5hkscs"}
ENCODINGS_SHOWN = ("utf-8", "utf-16", "gbk", "gb18030", "gb2312", "big5")


def decode(raw: bytes, display: str, encoding: str | None) -> tuple[str, str]:
    """CSV bytes → text: a byte-order mark decides, else UTF-8, else GBK (older Excel in China).

    ``encoding`` forces one. Returns the text and the name of the encoding used.
    """
    if encoding:
        name = ENCODINGS.get(encoding.strip().lower().replace("_", "-"))
        if name is None:
            raise UsageError(f"--encoding {encoding[:40]!r} is not an encoding of returns kpi "
                             f"reads: use one of {', '.join(ENCODINGS_SHOWN)}")
        try:
            text = raw.decode(name)
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise KpiError(f"{display}:{line}: not {encoding} text (byte 0x{raw[exc.start]:02x}); "
                           "try another --encoding, or leave it out to detect it") from None
        return text.removeprefix("\ufeff"), encoding
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gbk"
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise KpiError(f"{display}:{line}: neither UTF-8 nor GBK text; save it as CSV UTF-8, "
                       "or name the encoding with --encoding") from None


def parse_csv(text: str, display: str) -> list[list[str]]:
    return parse_csv_lines(text, display)[0]


def parse_csv_lines(text: str, display: str) -> tuple[list[list[str]], list[int]]:
    """Rows of CSV text, and the line each starts on. Rows end at line feeds and carriage
    returns only: a line break inside a quoted note stays in the note, and a form feed or
    U+2028 is text, not a new row."""
    if "\x00" in text:
        raise KpiError(f"{display}: file contains a NUL byte (is it a spreadsheet saved as .csv?)")
    first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    dialect = "excel-tab" if "\t" in first and "," not in first else "excel"
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect, strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            if str(exc) == "unexpected end of data":
                raise KpiError(f"{display}:{line}: a quoted field opens on this line and is never "
                               "closed (close the quote; every row after it would be read as "
                               "part of it)") from None
            raise KpiError(f"{display}:{line}: unreadable CSV: {exc}") from None
        if row is None:
            return rows, lines
        rows.append(row)
        lines.append(line)


#: Bounds no return comes near (a template is 20 KB and a few hundred cells), so that a crafted
#: workbook cannot take the machine: the bytes its parts unpack to, its parts, and its cells.
MAX_UNPACKED = 64 << 20
MAX_PARTS = 10_000
MAX_CELLS = 2_000_000


def _check_archive(path: Path | io.BytesIO, display: str) -> None:
    """Refuse what is not a zip, or unpacks to more than ``MAX_UNPACKED`` bytes, before
    openpyxl reads a byte of it (a zip bomb of shared strings is 1 MB on disk)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise KpiError(f"{display}: not an .xlsx workbook ({exc}); save it again as .xlsx, or "
                       "as CSV") from None
    size = sum(part.file_size for part in parts)
    if len(parts) > MAX_PARTS or size > MAX_UNPACKED:
        raise KpiError(f"{display}: the workbook unpacks to {size >> 20} MB in {len(parts)} "
                       f"parts, more than a return needs (at most {MAX_UNPACKED >> 20} MB); "
                       "save only the sheet with the figures, or send a CSV file")


def read_xlsx(raw: bytes, display: str) -> list[Sheet]:
    """Every worksheet as text cells. Formulas give the value Excel last computed for them; a
    formula never computed (a file written by a script) gives its text, which the checks refuse
    for a figure or a date.

    The workbook is streamed (openpyxl's read-only mode), row by row, as far as its last cell
    that is there: a cell at XFD1048576 does not make a sheet of 17 billion cells.
    """
    xl = openpyxl()
    _check_archive(io.BytesIO(raw), display)
    values = formulas = None
    try:
        values = xl.load_workbook(io.BytesIO(raw), data_only=True, read_only=True)
        formulas = xl.load_workbook(io.BytesIO(raw), data_only=False, read_only=True)
        sheets = []
        budget = MAX_CELLS
        for ws in values.worksheets:
            raw = formulas[ws.title]
            ws.reset_dimensions()  # the size the file claims; the cells themselves decide
            raw.reset_dimensions()
            rows = []
            for row, row_raw in zip(ws.iter_rows(), raw.iter_rows()):
                budget -= max(len(row), 1)
                if budget < 0:
                    raise KpiError(
                        f"{display}: sheet {ws.title!r} reaches row {len(rows) + 1}, column "
                        f"{len(row)}: more than {MAX_CELLS} cells, far beyond a return; delete "
                        "the rows and columns past the table, or send a CSV file")
                cells = []
                for c, f in zip(row, row_raw):
                    value = c.value
                    if value is None:
                        value = f.value
                    cells.append(cell_text(value, getattr(c, "number_format", "") or ""))
                rows.append(cells)
            sheets.append(Sheet(ws.title, rows))
        return sheets
    except KpiError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise KpiError(f"{display}: cannot read the workbook ({type(exc).__name__}: {exc}); "
                       "save it again as .xlsx") from None
    finally:
        for book in (values, formulas):
            if book is not None:
                book.close()


def cell_text(value: object, number_format: str = "") -> str:
    """A cell as the text a person typed: 1200.0 → 1200; a date → 2023-06-30; 85% → 85."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        number = float(value)
        if "%" in number_format:
            number *= 100
        return format_number(round(number, 10))
    return str(value)


# ---------------------------------------------------------------- writing


def put(ws: Any, row: int, column: int, value: object) -> Any:
    """Write one cell; text is always text (a leading = + - @ never becomes a formula)."""
    if isinstance(value, (list, tuple)):
        value = "、".join(str(v) for v in value)
    cell = ws.cell(row=row, column=column)
    if value == "":
        value = None
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def sheet_title(name: str) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of []:*?/\\ ."""
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in name).strip("'") or "Sheet"
    return cleaned[:31]


def write_template(path: Path, rows: Sequence[TemplateRow], sheet: str, title: str,
                   period: tuple[dt.date, dt.date]) -> None:
    """The fill-in workbook: a title, how to fill it, the header, one row per target.

    The given columns are grey and locked; the fill-in columns are yellow and unlocked; the
    sheet is protected (without a password: this guards against slips, not people).
    """
    xl = openpyxl()
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = xl.Workbook()
    ws = wb.active
    ws.title = sheet_title(sheet)
    grey = PatternFill("solid", fgColor="E7E6E6")
    yellow = PatternFill("solid", fgColor="FFF2CC")
    thin = Side(style="thin", color="A6A6A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    width = len(TEMPLATE_COLUMNS)
    states = " / ".join(s.value for s in State)
    put(ws, 1, 1, title).font = Font(bold=True, size=13)
    put(ws, 2, 1, "灰色列（编号、目标等）请勿修改；在黄色列填写本次数值、数据日期（YYYY-MM-DD）、"
                  f"数据来源和备注。目标为“{STATE_GOAL}”的任务没有数值，本次数值填写状态：{states}。"
                  "未填写的行在导入时跳过。").alignment = wrap
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws.row_dimensions[2].height = 45
    header_row = 3
    for i, col in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = put(ws, header_row, i, col.header)
        if not col.fill_in:
            cell.comment = Comment("由 kpi 生成，请勿修改", "kpi")
        cell.font = Font(bold=True)
        cell.fill = yellow if col.fill_in else grey
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = col.width
    figures = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                             allow_blank=True, showErrorMessage=True, errorTitle="本次数值",
                             error="请填写不小于 0 的数字，单位见“单位”列（不要写“万”“亿”或单位）")
    state_list = DataValidation(type="list", formula1='"' + ",".join(s.value for s in State) + '"',
                                allow_blank=True, showErrorMessage=True, errorTitle="状态",
                                error=f"请填写状态之一：{states}")
    days = DataValidation(type="date", operator="between",
                          formula1=f"DATE({period[0].year},{period[0].month},{period[0].day})",
                          formula2=f"DATE({period[1].year},{period[1].month},{period[1].day})",
                          allow_blank=True, showErrorMessage=True, errorTitle="数据日期",
                          error="请填写日期，如 2023-06-30")
    for dv in (figures, state_list, days):
        ws.add_data_validation(dv)
    keys = [c.key for c in TEMPLATE_COLUMNS]
    for r, row in enumerate(rows, start=header_row + 1):
        data = {"target": row.target, "task": row.task, "label": row.label, "unit": row.unit,
                "goal": row.goal, "deadline": row.deadline, "last_value": row.last_value,
                "last_date": row.last_date}
        for i, col in enumerate(TEMPLATE_COLUMNS, start=1):
            cell = put(ws, r, i, data.get(col.key))
            cell.border = border
            if col.fill_in:
                cell.fill = yellow
                cell.protection = Protection(locked=False)
            else:
                cell.fill = grey
            if col.key in ("deadline", "last_date", "date"):
                cell.number_format = "yyyy-mm-dd"
            elif col.key in ("target", "source", "note"):
                cell.number_format = "@"  # typed as text: 23.10 stays 23.10
            if col.key in ("task", "label", "note"):
                cell.alignment = wrap
        value_cell = ws.cell(row=r, column=keys.index("value") + 1).coordinate
        (state_list if row.is_state else figures).add(value_cell)
        days.add(ws.cell(row=r, column=keys.index("date") + 1).coordinate)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=keys.index("unit") + 1)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # people may still widen columns
    ws.protection.formatRows = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    save_atomically(path, wb.save)


def write_workbook(path: Path, sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[object]],
                                                    dict[int, str]]]) -> None:
    """A plain workbook: per sheet a bold header row, then the rows; ``formats`` maps a column
    index (0-based) to a number format. Text cells stay text."""
    xl = openpyxl()
    from openpyxl.styles import Font

    wb = xl.Workbook()
    wb.remove(wb.active)
    for name, header, rows, formats in sheets:
        ws = wb.create_sheet(sheet_title(name))
        for i, text in enumerate(header, start=1):
            put(ws, 1, i, text).font = Font(bold=True)
        for r, row in enumerate(rows, start=2):
            for i, value in enumerate(row, start=1):
                cell = put(ws, r, i, value)
                if i - 1 in formats:
                    cell.number_format = formats[i - 1]
        ws.freeze_panes = "B2"
        for i, text in enumerate(header, start=1):
            widest = max([len(str(text)) * 2] + [min(len(str(row[i - 1] or "")) * 2, 40)
                                                  for row in rows[:200]])
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = max(6, widest)
    save_atomically(path, wb.save)
