"""Spreadsheet files: the one tabular reader of ``kpi import`` and ``kpi record --from``
(``read_sheets``: which formats are read, and by which module), and the names of the modules
that do each job, importable from here:

* ``decoding``: a text's encoding, detected or named (CSV returns, plan documents);
* ``csvtext``: CSV text → rows; ``xlsx``, ``ods``, ``xls``: one reader per workbook format;
* ``cells``: a cell as typed text, and the bounds no return comes near;
* ``writing``: the template and the export; ``extras``: the workbook libraries.

openpyxl, python-calamine and xlrd are dependencies of kpi, imported only inside the functions
of ``extras`` when a file of their format is read or written, so that start-up stays light;
CSV needs none.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import KpiError, UsageError, os_reason, with_hint
from ..i18n import _
from .cells import cell_text, is_percent_format
from .csvtext import parse_csv_lines
from .decoding import ENCODINGS, ENCODINGS_SHOWN, decode
from .extras import CALAMINE_MISSING, REINSTALL, XLRD_MISSING, XLSX_MISSING, calamine, openpyxl
from .ods import read_calamine
from .returns import Sheet
from .writing import FORMULA_START, put, sheet_title, write_template, write_workbook
from .xls import read_xls
from .xlsx import read_xlsx

__all__ = ["CALAMINE_MISSING", "ENCODINGS", "ENCODINGS_SHOWN", "FORMULA_START", "REINSTALL",
           "XLRD_MISSING", "XLSX_MISSING", "calamine", "cell_text", "check_suffix", "decode", "is_percent_format",
           "openpyxl", "parse_csv_lines", "put", "read_calamine", "read_sheets", "read_xls",
           "read_xlsx", "sheet_title", "write_template", "write_workbook"]

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")
#: Read by python-calamine: LibreOffice's own format.
CALAMINE_SUFFIXES = (".ods",)
#: Read by xlrd: Excel 97-2003's (also saved by LibreOffice and WPS on request).
XLS_SUFFIXES = (".xls",)
#: WPS's own formats: not read by any maintained library.
WPS_SUFFIXES = (".et", ".ett")
READ_SUFFIXES = XLSX_SUFFIXES + CALAMINE_SUFFIXES + XLS_SUFFIXES + CSV_SUFFIXES


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
                        .format(display=display, strerror=os_reason(exc))) from None

