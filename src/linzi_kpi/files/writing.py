"""Writing workbooks through openpyxl: the fill-in template and the export, each saved whole
(``files/output.py``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from copy import copy
from pathlib import Path
from typing import Any

from ..enums import State
from ..words import STATE
from .extras import openpyxl
from .output import save_atomically
from .returns import RATE_GOAL, STATE_GOAL, TEMPLATE_COLUMNS, TemplateRow

#: Cells that start with one of these would run as a formula; they are stored as text.
FORMULA_START = ("=", "+", "-", "@")


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
                  "（百分数，如 7.5；下降填负数，如 -1.2），不填上年末数。"
                  + ("整行灰色的指标由“指标”列注明的部门报送，本表只读。"
                     if any(not row.own for row in rows) else "")).alignment = wrap
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
        # a row the department only shares: locked and grey, naming who reports it
        label = row.label if row.own else f"{row.label}（由{row.reporter}报送，此处只读）"
        data = {"target": row.target, "task": row.task, "label": label, "unit": row.unit,
                "goal": row.goal, "deadline": row.deadline,
                # a task's last state in the words its 本次数值 takes, never the code
                "last_value": (STATE["zh"][State(row.last_value)]
                               if row.is_state and isinstance(row.last_value, str)
                               else row.last_value),
                "last_date": row.last_date, "baseline": row.baseline}
        for i, col in enumerate(TEMPLATE_COLUMNS, start=1):
            cell = put(ws, r, i, data.get(col.key))
            # 上年末数 is to fill in only where a level lacks its baseline: a style of each kind
            fill_in = col.fill_in and row.own and (col.key != "baseline" or row.needs_baseline)
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
