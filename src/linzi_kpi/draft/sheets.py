"""A plan published as a spreadsheet (任务分解表 saved as .xlsx, .xls, .ods or .csv) → the text
the drafter reads: each visible sheet's rows a line each, cells parted by tabs (``grid``), the
sheets one after another. The readers are those of returns (``files/``), with their bounds
(a zip bomb is refused before it is unpacked; at most ``cells.MAX_CELLS`` cells).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import KpiError
from ..i18n import _, ngettext
from .grid import table_lines

#: The formats read, by the name they are kept under beside the text.
KINDS = ("xlsx", "xls", "ods", "csv")

#: What a workbook may unpack to, in bytes and parts: a plan document's, as a .docx's
#: (``source.DOCX_UNPACKED``, ``DOCX_PARTS``); a 任务分解表 of 300 rows unpacks to 100 KB.
UNPACKED = 64 << 20
PARTS = 1_000

#: A date cell as the readers give it (2024-12-31), and as a 完成时限 is written.
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def sheet_text(path: Path, raw: bytes, kind: str, display: str) -> tuple[str, list[str]]:
    """The text of a spreadsheet of ``kind`` (one of ``KINDS``), and the notes saying how it
    was read."""
    from ..files.cells import SPREADSHEET, unreadable
    from ..files.returns import Sheet

    sheets: list[Sheet]
    notes: list[str] = []
    if kind in ("xlsx", "ods"):
        _check_archive(raw, display)
    try:
        if kind == "xlsx":
            from ..files.xlsx import read_xlsx

            sheets = read_xlsx(raw, display, merges=True)
        elif kind == "ods":
            from ..files.ods import read_calamine

            sheets = read_calamine(path, display)
        elif kind == "xls":
            from ..files.xls import read_xls

            sheets = read_xls(path, display)
        else:
            from ..files.csvtext import parse_csv_lines
            from ..files.decoding import decode

            text, used = decode(raw, display, None)
            rows, _lines = parse_csv_lines(text, display)
            sheets = [Sheet(None, rows)]
            if used != "utf-8":
                notes.append(_("the CSV file is {how} text; the copy in source/ is UTF-8").format(
                    how=used))
    except KpiError:
        raise
    except Exception as exc:  # a reader's own kind of failure, in one line
        raise unreadable(display, exc, SPREADSHEET, ".xlsx", ".csv") from None
    shown = [s for s in sheets if not s.hidden and any(any(c.strip() for c in r) for r in s.rows)]
    if not shown:
        raise KpiError(_("{display}: no visible sheet holds any text").format(display=display))
    try:
        blocks = ["\n".join(table_lines([[_when(c) for c in row] for row in s.rows], s.merged))
                  for s in shown]
    except KpiError as exc:  # a bound passed
        raise KpiError(_("{display}: {why}").format(display=display, why=exc)) from None
    hidden = sum(s.hidden for s in sheets)
    if kind != "csv":
        notes.append(ngettext(
            "a spreadsheet: each row of its visible sheet is one line of source/, its cells "
            "parted by tabs (a cell merged down rows in each row it spans); the workbook is kept "
            "beside it",
            "a spreadsheet: each row of its {n} visible sheets is one line of source/, its cells "
            "parted by tabs (a cell merged down rows in each row it spans); the workbook is kept "
            "beside it", len(shown)).format(n=len(shown)))
    if hidden:
        notes.append(ngettext("{n} hidden sheet was not read", "{n} hidden sheets were not read",
                              hidden).format(n=hidden))
    return "\n\n".join(blocks) + "\n", notes


def _check_archive(raw: bytes, display: str) -> None:
    """Refuse a workbook that unpacks to more than ``UNPACKED`` bytes or ``PARTS`` parts,
    before a reader unpacks a byte of it; a file that is no zip is left to its reader, which
    says so."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return
    size = sum(part.file_size for part in parts)
    if len(parts) > PARTS or size > UNPACKED:
        raise KpiError(_("{doc}: the workbook unpacks to {size} MB in {parts} parts, more than a "
                         "plan document needs (at most {cap} MB in {most} parts); save its table "
                         "as CSV").format(doc=display, size=size >> 20, parts=len(parts),
                                          cap=UNPACKED >> 20, most=PARTS))


def _when(text: str) -> str:
    """A date cell (2024-12-31) as a 完成时限 is written (2024年12月31日); other cells as they are."""
    found = _ISO.fullmatch(text.strip())
    if found is None:
        return text
    year, month, day = found.groups()
    return f"{year}年{int(month)}月{int(day)}日"
