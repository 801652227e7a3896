"""The optional libraries that read and write workbooks, each an extra
(``pip install 'linzi_kpi[xlsx]'``, ``[ods]``, ``[xls]``), imported only when a file needs one,
with the one line that says how to install it when it is missing.
"""

from __future__ import annotations

from typing import Any

from ..errors import KpiError

XLSX_MISSING = ("reading and writing .xlsx files needs openpyxl: "
                "pip install 'linzi_kpi[xlsx]' (or use a .csv file)")

CALAMINE_MISSING = ("reading .ods files needs python-calamine: "
                    "pip install 'linzi_kpi[ods]' (or save the file as .xlsx or CSV)")
XLRD_MISSING = ("reading .xls files needs xlrd: pip install 'linzi_kpi[xls]' "
                "(or save the file as .xlsx or CSV)")


def openpyxl() -> Any:
    try:
        import openpyxl as module
    except ImportError:
        raise KpiError(XLSX_MISSING) from None
    return module


def calamine(display: str) -> Any:
    try:
        import python_calamine as module
    except ImportError:
        raise KpiError(f"{display}: {CALAMINE_MISSING}") from None
    return module
