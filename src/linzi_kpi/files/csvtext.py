"""A CSV return's text → its rows, with the line each starts on.
"""

from __future__ import annotations

import csv
import io
import re

from ..csvrows import OpenQuote, Rows
from ..errors import KpiError
from ..i18n import _


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
