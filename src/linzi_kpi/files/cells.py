"""A cell as the text a person typed, whatever the format it came from, and the bounds no
return comes near (checked before a workbook is laid out in memory).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from ..errors import KpiError, os_reason
from ..i18n import N_, _
from ..values import format_number

#: Bounds no return comes near (a template is 20 KB and a few hundred cells), so that a crafted
#: workbook cannot take the machine: the bytes its parts unpack to, its parts, and its cells.
MAX_UNPACKED = 64 << 20
MAX_PARTS = 10_000
MAX_CELLS = 2_000_000


#: What a file that is no zip is said not to be, by its kind.
_NOT_AN_ARCHIVE = {
    "xlsx": N_("{display}: not an .xlsx workbook ({exc}); save it again as .xlsx, or as CSV"),
    "ods": N_("{display}: not an .ods spreadsheet ({exc}); save it again as .xlsx, or as CSV")}


def check_archive(path: Path | io.BytesIO, display: str, kind: str = "xlsx") -> None:
    """Refuse what is not a zip, or unpacks to more than ``MAX_UNPACKED`` bytes, before
    openpyxl reads a byte of it (a zip bomb of shared strings is 1 MB on disk)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        # the library's words are English: why, in the run's language, where kpi knows it
        why = (_("File is not a zip file") if isinstance(exc, zipfile.BadZipFile)
               else os_reason(exc) if isinstance(exc, OSError) else exc)
        raise KpiError(_(_NOT_AN_ARCHIVE[kind]).format(display=display, exc=why)) from None
    size = sum(part.file_size for part in parts)
    if len(parts) > MAX_PARTS or size > MAX_UNPACKED:
        raise KpiError(_("{display}: the workbook unpacks to {value} MB in {n} parts, more than a "
                         "return needs (at most {value2} MB); save only the sheet with the "
                         "figures, or send a CSV file").format(display=display, value=size >> 20,
                                                               n=len(parts),
                                                               value2=MAX_UNPACKED >> 20))




#: What a number format shows but does not compute: "literal text", \-escaped and _-padding
#: characters, *-fill characters and [sections] (colours, conditions, locales).
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')


def is_percent_format(number_format: str) -> bool:
    """Whether a cell's number format multiplies by 100: an unquoted, unescaped ``%``
    (``0%``, ``0.0%``); a literal one (``0"%"``, ``0\\%``) is only shown."""
    return "%" in _FORMAT_LITERALS.sub("", number_format)


def too_many_cells(display: str, sheet: str, rows: int, columns: int) -> KpiError:
    return KpiError(_("{display}: sheet {sheet!r} reaches row {rows}, column {columns}: more than "
                      "{MAX_CELLS} cells, far beyond a return; delete the rows and columns past "
                      "the table, or send a CSV file").format(display=display, sheet=sheet,
                                                              rows=rows, columns=columns,
                                                              MAX_CELLS=MAX_CELLS))


def unreadable(display: str, exc: Exception, what: str, *again: str) -> KpiError:
    """A file its reader could not read, in one line whatever the library wrote: ``what`` is
    the kind of file (``N_`` text: the spreadsheet, the workbook), ``again`` the forms to save
    it as (``.ods``, ``.xlsx``)."""
    reason = " ".join(str(exc).split())
    return KpiError(_("{display}: cannot read {what} ({name}: {reason}); save it again as "
                      "{again}").format(display=display, what=_(what), name=type(exc).__name__,
                                        reason=reason, again=_(" or ").join(again)))


#: What ``unreadable`` names.
SPREADSHEET, WORKBOOK = N_("the spreadsheet"), N_("the workbook")


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
        # as a spreadsheet shows it: at most 15 significant digits (a formula's 1000000/3 is
        # 333333.333333333, not the float's 17 digits, which kpi would refuse as too precise)
        return format_number(float(f"{round(number, 10):.15g}"))
    return str(value)


# ---------------------------------------------------------------- writing
