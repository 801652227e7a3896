"""Spreadsheet files: reading returns from .xlsx, .xls, .ods and .csv (the one tabular reader
of ``kpi import`` and ``kpi record --from``), writing the template and the export.

The only module that imports openpyxl, python-calamine and xlrd, and only inside the functions
that need them: each is a dependency of kpi, imported only when a file of its format is read
or written, so that start-up stays light; CSV needs none. openpyxl reads .xlsx and xlrd the old binary .xls, each
with the cells' number formats (a cell shown as 51.2% stores 0.512); python-calamine reads .ods
(LibreOffice's own format), whose percentage cells are found in the file itself.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Sequence
from copy import copy
from pathlib import Path
from typing import Any

from ..csvrows import OpenQuote, Rows
from ..enums import State
from ..errors import KpiError, UsageError, with_hint
from ..i18n import N_, _
from ..values import format_number
from ..words import STATE
from .output import save_atomically
from .returns import RATE_GOAL, STATE_GOAL, TEMPLATE_COLUMNS, Sheet, TemplateRow

#: The readers and the writer are dependencies of kpi (imported only where used): when one is
#: missing, the installation is broken, and reinstalling kpi brings it back.
REINSTALL = "pip install --force-reinstall linzi_kpi"
XLSX_MISSING = N_("reading and writing .xlsx files needs openpyxl, which kpi installs with it: "
                  "reinstall kpi ({fix})")
CALAMINE_MISSING = N_("reading .ods files needs python-calamine, which kpi installs with it: "
                      "reinstall kpi ({fix}), or save the file as .xlsx or CSV")
XLRD_MISSING = N_("reading .xls files needs xlrd, which kpi installs with it: reinstall kpi "
                  "({fix}), or save the file as .xlsx or CSV")

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")
#: Read by python-calamine: LibreOffice's own format.
CALAMINE_SUFFIXES = (".ods",)
#: Read by xlrd: Excel 97-2003's (also saved by LibreOffice and WPS on request).
XLS_SUFFIXES = (".xls",)
#: WPS's own formats: not read by any maintained library.
WPS_SUFFIXES = (".et", ".ett")
READ_SUFFIXES = XLSX_SUFFIXES + CALAMINE_SUFFIXES + XLS_SUFFIXES + CSV_SUFFIXES

#: Cells that start with one of these would run as a formula; they are stored as text.
FORMULA_START = ("=", "+", "-", "@")


def openpyxl() -> Any:
    try:
        import openpyxl as module
    except ImportError:
        raise KpiError(_(XLSX_MISSING).format(fix=REINSTALL)) from None
    return module


def calamine(display: str) -> Any:
    try:
        import python_calamine as module
    except ImportError:
        raise KpiError(f"{display}: " + _(CALAMINE_MISSING).format(fix=REINSTALL)) from None
    return module


# ---------------------------------------------------------------- reading


def check_suffix(path: Path, display: str) -> None:
    """Refuse a file no reader takes, before anything is read: WPS's .et with how to save it
    as .xlsx, anything else with the formats that are read."""
    suffix = path.suffix.lower()
    if suffix in READ_SUFFIXES:
        return
    if suffix in WPS_SUFFIXES:
        raise KpiError(_("{display}: WPS's own {suffix} format is not read; save it as .xlsx (WPS: "
                         "文件 → 另存为 → Excel 工作簿 *.xlsx) or as CSV").format(display=display, suffix=suffix))
    raise UsageError(_("{display}: kpi reads returns saved as .xlsx, .xls, .ods or .csv").format(display=display))


def read_sheets(path: Path, display: str, encoding: str | None = None) -> tuple[list[Sheet], str]:
    """The tables of a return file, and the text encoding a CSV file was read in ('' for a
    workbook)."""
    check_suffix(path, display)
    suffix = path.suffix.lower()
    raw = _read_return(path, display)  # a regular file within the cap, whatever its format
    if suffix in XLSX_SUFFIXES:
        return read_xlsx(raw, display), ""
    if suffix in CALAMINE_SUFFIXES:
        return read_calamine(path, display), ""
    if suffix in XLS_SUFFIXES:
        return read_xls(path, display), ""
    text, used = decode(raw, display, encoding)
    rows, lines = parse_csv_lines(text, display)
    return [Sheet(None, rows, lines)], used


def _read_return(path: Path, display: str) -> bytes:
    """The bytes of a return: a regular file, at most ``inputs.RETURN_CAP`` of them."""
    from .. import inputs

    try:
        return inputs.read_capped(path, inputs.RETURN_CAP)
    except FileNotFoundError:
        raise KpiError(_("{display}: file not found").format(display=display)) from None
    except IsADirectoryError:
        raise KpiError(_("{display}: this is a folder, not a file").format(display=display)) from None
    except inputs.InputError as exc:
        raise KpiError(f"{display}: " + with_hint(exc.message, exc.hint)) from None
    except OSError as exc:
        raise KpiError(_("{display}: cannot read file: {strerror}")
                        .format(display=display, strerror=exc.strerror)) from None


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
            raise UsageError(_("--encoding {encoding!r} is not an encoding of returns kpi reads: "
                               "use one of {join}").format(encoding=encoding[:40], join=', '.join(ENCODINGS_SHOWN)))
        try:
            text = raw.decode(name)
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise KpiError(_("{display}:{line}: not {encoding} text (byte 0x{raw:02x}); try "
                             "another --encoding, or leave it out to detect it").format(
                                 display=display, line=line, encoding=encoding,
                                 raw=raw[exc.start])) from None
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
        raise KpiError(_("{display}:{line}: neither UTF-8 nor GBK text; save it as CSV UTF-8, or "
                         "name the encoding with --encoding").format(display=display, line=line)) from None


def parse_csv_lines(text: str, display: str) -> tuple[list[list[str]], list[int]]:
    """Rows of CSV text, and the line each starts on. Rows end at line feeds and carriage
    returns only: a line break inside a quoted note stays in the note, and a form feed or
    U+2028 is text, not a new row."""
    if "\x00" in text:
        raise KpiError(_("{display}: file contains a NUL byte (is it a spreadsheet saved as .csv?)")
                        .format(display=display))
    first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    dialect = "excel-tab" if "\t" in first and "," not in first else "excel"
    reader = Rows(io.StringIO(text, newline=""), dialect=dialect)
    rows: list[list[str]] = []
    lines: list[int] = []
    while True:
        line = reader.line_num + 1
        try:
            row = reader.next()
        except OpenQuote:
            raise KpiError(_("{display}:{line}: a quoted field opens on this line and is never "
                             "closed (close the quote; every row after it would be read as part of "
                             "it)").format(display=display, line=line)) from None
        except csv.Error as exc:
            raise KpiError(_("{display}:{line}: unreadable CSV: {exc}")
                            .format(display=display, line=line, exc=exc)) from None
        if row is None:
            return rows, lines
        rows.append(row)
        lines.append(line)


#: Bounds no return comes near (a template is 20 KB and a few hundred cells), so that a crafted
#: workbook cannot take the machine: the bytes its parts unpack to, its parts, and its cells.
MAX_UNPACKED = 64 << 20
MAX_PARTS = 10_000
MAX_CELLS = 2_000_000


def _check_archive(path: Path | io.BytesIO, display: str, kind: str = "an .xlsx workbook") -> None:
    """Refuse what is not a zip, or unpacks to more than ``MAX_UNPACKED`` bytes, before
    openpyxl reads a byte of it (a zip bomb of shared strings is 1 MB on disk)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise KpiError(_("{display}: not {kind} ({exc}); save it again as .xlsx, or as CSV")
                        .format(display=display, kind=kind, exc=exc)) from None
    size = sum(part.file_size for part in parts)
    if len(parts) > MAX_PARTS or size > MAX_UNPACKED:
        raise KpiError(_("{display}: the workbook unpacks to {value} MB in {n} parts, more than a "
                         "return needs (at most {value2} MB); save only the sheet with the "
                         "figures, or send a CSV file").format(display=display, value=size >> 20,
                                                               n=len(parts),
                                                               value2=MAX_UNPACKED >> 20))


_FORMULA = re.compile(rb"<(?:[A-Za-z0-9_]+:)?f[\s>/]")


def _has_formulas(raw: bytes) -> bool:
    """Whether any worksheet of an .xlsx file holds a formula (an <f> element)."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return any(_FORMULA.search(archive.read(name)) for name in archive.namelist()
                   if name.startswith("xl/worksheets/") and name.endswith(".xml"))


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
                    raise _too_many_cells(display, ws.title, len(rows) + 1, len(row))
                cells = []
                for c, f in zip(row, row_raw, strict=False):
                    value = c.value
                    if value is None and f is not c:
                        value = f.value
                    cells.append(cell_text(value, getattr(c, "number_format", "") or ""))
                rows.append(cells)
            sheets.append(Sheet(ws.title, rows))
        return sheets
    except KpiError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        reason = " ".join(str(exc).split())  # one line, whatever the library wrote
        raise KpiError(_("{display}: cannot read the workbook ({name}: {reason}); save it again as "
                         ".xlsx").format(display=display, name=type(exc).__name__, reason=reason)) from None
    finally:
        for book in (values, formulas):
            if book is not None:
                book.close()


#: What a number format shows but does not compute: "literal text", \-escaped and _-padding
#: characters, *-fill characters and [sections] (colours, conditions, locales).
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')


def is_percent_format(number_format: str) -> bool:
    """Whether a cell's number format multiplies by 100: an unquoted, unescaped ``%``
    (``0%``, ``0.0%``); a literal one (``0"%"``, ``0\\%``) is only shown."""
    return "%" in _FORMAT_LITERALS.sub("", number_format)


def _too_many_cells(display: str, sheet: str, rows: int, columns: int) -> KpiError:
    return KpiError(_("{display}: sheet {sheet!r} reaches row {rows}, column {columns}: more than "
                      "{MAX_CELLS} cells, far beyond a return; delete the rows and columns past "
                      "the table, or send a CSV file").format(display=display, sheet=sheet,
                                                              rows=rows, columns=columns,
                                                              MAX_CELLS=MAX_CELLS))


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _ods_survey(path: Path, display: str) -> dict[str, set[tuple[int, int]]]:
    """Per sheet of an .ods file, the (row, column) of each cell holding a percentage
    (python-calamine gives 0.512 for a cell shown as 51.2%, and no format). Refuses a sheet
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
    found: dict[str, set[tuple[int, int]]] = {}
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
                    kind = element.get(value_type)
                    if kind is not None:
                        last_row = max(last_row, r + span - 1)
                        last_column = max(last_column, c + width - 1)
                        if (last_row + 1) * (last_column + 1) > MAX_CELLS:
                            raise _too_many_cells(display, sheet, last_row + 1, last_column + 1)
                        if kind == "percentage":
                            marks.update((i, j) for i in range(r, r + span)
                                         for j in range(c, c + width))
                    c += width
    except KpiError:
        raise
    except (KeyError, ParseError, ValueError, OSError, zipfile.BadZipFile) as exc:
        reason = " ".join(str(exc).split())
        raise KpiError(_("{display}: cannot read the spreadsheet ({name}: {reason}); save it again "
                         "as .ods or .xlsx").format(display=display, name=type(exc).__name__, reason=reason)) from None
    return found


def read_calamine(path: Path, display: str) -> list[Sheet]:
    """Every worksheet of an .ods file as text cells, through python-calamine. A formula gives
    the value last computed; a percentage cell gives the number shown (51.2, not 0.512)."""
    module = calamine(display)
    _check_archive(path, display, "an .ods spreadsheet")
    percent = _ods_survey(path, display)
    book = None
    try:
        book = module.CalamineWorkbook.from_path(str(path))
        sheets = []
        budget = MAX_CELLS
        for meta in book.sheets_metadata:
            if meta.typ != module.SheetTypeEnum.WorkSheet:
                continue  # a chart or macro sheet holds no cells
            ws = book.get_sheet_by_name(meta.name)
            end = ws.end
            if end is None:
                sheets.append(Sheet(meta.name, []))
                continue
            budget -= (end[0] + 1) * (end[1] + 1)
            if budget < 0:
                raise _too_many_cells(display, meta.name, end[0] + 1, end[1] + 1)
            marks = percent.get(meta.name, set())
            rows = [[cell_text(value, "%" if marks and (r, c) in marks else "")
                     for c, value in enumerate(values)]
                    for r, values in enumerate(ws.to_python(skip_empty_area=False))]
            sheets.append(Sheet(meta.name, rows))
        return sheets
    except KpiError:
        raise
    except Exception as exc:  # python-calamine raises its own kinds for a damaged file
        reason = " ".join(str(exc).split())
        raise KpiError(_("{display}: cannot read the spreadsheet ({name}: {reason}); save it again "
                         "as .ods or .xlsx").format(display=display, name=type(exc).__name__, reason=reason)) from None
    finally:
        if book is not None:
            book.close()


def read_xls(path: Path, display: str) -> list[Sheet]:
    """Every worksheet of an Excel 97-2003 .xls file as text cells, through xlrd: a date cell
    gives its date, a cell shown as 51.2% gives 51.2, a formula the value last computed. Rows
    are read as far as their last cell (a cell at IV65536 makes no sheet of 16 million cells).
    """
    try:
        import xlrd
    except ImportError:
        raise KpiError(f"{display}: " + _(XLRD_MISSING).format(fix=REINSTALL)) from None
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
                raise _too_many_cells(display, name, ws.nrows, ws.ncols)
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
            sheets.append(Sheet(name, rows))
            book.unload_sheet(name)
        return sheets
    except KpiError:
        raise
    except Exception as exc:  # xlrd raises its own kinds for a damaged or foreign file
        reason = " ".join(str(exc).split())
        raise KpiError(_("{display}: cannot read the workbook ({name}: {reason}); save it again as "
                         ".xls or .xlsx").format(display=display, name=type(exc).__name__, reason=reason)) from None
    finally:
        if book is not None:
            book.release_resources()


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
        if is_percent_format(number_format):
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


def _unquoted(style: Any) -> Any:
    """A cell's style to copy to the rest of its column: without put's mark of a formula-like
    text, which belongs to that cell alone."""
    style = copy(style)
    style.quotePrefix = 0
    return style


def _restyle(cell: Any, style: Any) -> None:
    """Give ``cell`` its column's style, keeping the mark put gave a formula-like text (a cell
    that loses it becomes a formula when someone edits it in Excel)."""
    quoted = cell.quotePrefix
    cell._style = copy(style)
    if quoted:
        cell.quotePrefix = True


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
    # the states in the template's language (kpi import reads them, and the codes, alike)
    words = [STATE["zh"][s] for s in State]
    states = " / ".join(words)
    put(ws, 1, 1, title).font = Font(bold=True, size=13)
    put(ws, 2, 1, "灰色列（编号、目标等）请勿修改；在黄色列填写本次数值、数据日期（YYYY-MM-DD）、"
                  f"数据来源和备注。目标为“{STATE_GOAL}”的任务没有数值，本次数值填写状态：{states}。"
                  "未填写的行在导入时跳过。存量指标（比率、总量）缺基数的，请在黄色的“上年末数”格"
                  f"填写上年末数值。目标为“{RATE_GOAL} ≥ …”的增速指标，本次数值填写本年累计增速"
                  "（百分数，如 7.5；下降填负数，如 -1.2），不填上年末数。").alignment = wrap
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws.row_dimensions[2].height = 60
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
    state_list = DataValidation(type="list", formula1='"' + ",".join(words) + '"',
                                allow_blank=True, showErrorMessage=True, errorTitle="状态",
                                error=f"请填写状态之一：{states}")
    days = DataValidation(type="date", operator="between",
                          formula1=f"DATE({period[0].year},{period[0].month},{period[0].day})",
                          formula2=f"DATE({period[1].year},{period[1].month},{period[1].day})",
                          allow_blank=True, showErrorMessage=True, errorTitle="数据日期",
                          error="请填写日期，如 2023-06-30")
    rates = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="-100",
                           allow_blank=True, showErrorMessage=True, errorTitle="本次数值",
                           error="请填写本年累计增速（百分数，如 7.5；下降填负数，如 -1.2）",
                           # what the cell asks for, shown when it is selected
                           showInputMessage=True, promptTitle="本年累计增速",
                           prompt="填写截至数据日期的本年累计增速（%，与上年同期比），如 7.5；"
                                  "下降填负数")
    for dv in (figures, state_list, days, rates):
        ws.add_data_validation(dv)
    keys = [c.key for c in TEMPLATE_COLUMNS]
    styled: dict[tuple[int, bool], Any] = {}
    for r, row in enumerate(rows, start=header_row + 1):
        data = {"target": row.target, "task": row.task, "label": row.label, "unit": row.unit,
                "goal": row.goal, "deadline": row.deadline, "last_value": row.last_value,
                "last_date": row.last_date, "baseline": row.baseline}
        for i, col in enumerate(TEMPLATE_COLUMNS, start=1):
            cell = put(ws, r, i, data.get(col.key))
            # 上年末数 is to fill in only where a level lacks its baseline: a style of each kind
            fill_in = col.fill_in and (col.key != "baseline" or row.needs_baseline)
            if (i, fill_in) in styled:  # the column's style, made once: copying is ~100× cheaper
                _restyle(cell, styled[i, fill_in])
                continue
            cell.border = border
            if fill_in:
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
            styled[i, fill_in] = _unquoted(cell._style)
        value_cell = ws.cell(row=r, column=keys.index("value") + 1).coordinate
        (state_list if row.is_state else rates if row.rate else figures).add(value_cell)
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


def write_workbook(path: Path, sheets: Sequence[tuple[Any, ...]]) -> None:
    """A workbook to read and to print: per sheet a bold header row, then the rows.

    Each sheet is ``(name, header, rows, formats[, layout])``: ``formats`` maps a column index
    (0-based) to a number format (a date cell gets one, or it shows as a serial number);
    ``layout`` maps a column index to (width in characters, wrap). Text cells stay text. Every
    sheet prints landscape on A4, one page wide, its header row on every page, and scrolls with
    the header row and the first (id) column frozen.
    """
    xl = openpyxl()
    from openpyxl.styles import Alignment, Font

    wb = xl.Workbook()
    wb.remove(wb.active)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for name, header, rows, formats, *more in sheets:
        layout: dict[int, tuple[float, bool]] = more[0] if more else {}
        ws = wb.create_sheet(sheet_title(name))
        for i, text in enumerate(header, start=1):
            cell = put(ws, 1, i, text)
            cell.font = bold
            cell.alignment = wrap
        styled: dict[int, Any] = {}
        wrapped = [(i, w) for i, (w, wraps) in layout.items() if wraps]
        for r, row in enumerate(rows, start=2):
            # a row as tall as its longest wrapped cell: spreadsheets do not all fit it on opening
            # (a Chinese character is about 1.7 width units wide in the usual fonts, not 2)
            lines = max([1] + [math.ceil(_width(row[i]) * 0.85 / max(1.0, w - 1)) for i, w in wrapped
                               if i < len(row)])
            if lines > 1:
                ws.row_dimensions[r].height = LINE_HEIGHT * min(lines, 8)
            for i, value in enumerate(row, start=1):
                cell = put(ws, r, i, value)
                if i in styled:  # the column's style, made once: copying it is far cheaper
                    _restyle(cell, styled[i])
                    if isinstance(value, dt.date):
                        cell.number_format = "yyyy-mm-dd"
                    continue
                if isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"  # else it shows as a serial number
                if i - 1 in formats:
                    cell.number_format = formats[i - 1]
                cell.alignment = wrap if layout.get(i - 1, (0, False))[1] else top
                styled[i] = _unquoted(cell._style)
        ws.freeze_panes = "B2"
        for i, text in enumerate(header, start=1):
            letter = ws.cell(row=1, column=i).column_letter
            if i - 1 in layout:
                ws.column_dimensions[letter].width = layout[i - 1][0]
                continue
            widest = max([_width(text)] + [min(_width(row[i - 1]), 40) for row in rows[:200]])
            ws.column_dimensions[letter].width = max(6, widest + 1)
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.5
    save_atomically(path, wb.save)


LINE_HEIGHT = 15  # points: one line of 11-point text


def _width(value: object) -> int:
    """Characters a cell needs, a Chinese character counting two."""
    import unicodedata

    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    text = str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
