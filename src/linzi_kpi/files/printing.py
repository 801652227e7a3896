"""A written workbook made fit to print in China: a Chinese font on every cell.

A cell style in .xlsx names one font, used for every script; a workbook in Calibri leaves the
Chinese text to the reader's fallback, which in LibreOffice is often a Japanese face (the
Japanese forms of the glyphs). Naming 宋体 with the GB2312 character set (134) makes Excel and
WPS use 宋体 and tells LibreOffice the text is Chinese. openpyxl comes through ``extras``.
"""

from __future__ import annotations

from pathlib import Path

from .extras import openpyxl
from .output import save_atomically

#: The font of every cell, its character set (GB2312), and its size in points (≥ 9 printed).
FONT, CHARSET, SIZE = "宋体", 134, 10


def chinese_fonts(path: Path) -> None:
    """Give every cell of every sheet of the workbook at ``path`` the Chinese font, keeping bold;
    the workbook is rewritten whole or not at all."""
    xl = openpyxl()
    from openpyxl.styles import Font

    wb = xl.load_workbook(path)
    plain, bold = Font(name=FONT, charset=CHARSET, sz=SIZE), Font(name=FONT, charset=CHARSET,
                                                                   sz=SIZE, b=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                cell.font = bold if cell.font is not None and cell.font.b else plain
    save_atomically(path, lambda p: wb.save(p))
