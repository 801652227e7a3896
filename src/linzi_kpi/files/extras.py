"""The libraries that read and write workbooks (openpyxl, python-calamine, xlrd): dependencies
of kpi, imported only when a file needs one so that start-up stays light, with the one line
that says how to bring one back when the installation lost it.
"""

from __future__ import annotations

from typing import Any

from ..errors import KpiError
from ..i18n import N_, _

#: The readers and the writer are dependencies of kpi (imported only where used): when one is
#: missing, the installation is broken, and reinstalling kpi brings it back.
REINSTALL = "pip install --force-reinstall linzi_kpi"
XLSX_MISSING = N_("reading and writing .xlsx files needs openpyxl, which kpi installs with it: "
                  "reinstall kpi ({fix})")
CALAMINE_MISSING = N_("reading .ods files needs python-calamine, which kpi installs with it: "
                      "reinstall kpi ({fix}), or save the file as .xlsx or CSV")
XLRD_MISSING = N_("reading .xls files needs xlrd, which kpi installs with it: reinstall kpi "
                  "({fix}), or save the file as .xlsx or CSV")


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


def xlrd(display: str) -> Any:
    try:
        import xlrd as module
    except ImportError:
        raise KpiError(f"{display}: " + _(XLRD_MISSING).format(fix=REINSTALL)) from None
    return module
