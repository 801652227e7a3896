"""Reading many returns at once (``kpi import FILE…``): every file through the one tabular
reader (``spreadsheet.read_sheets``), then through ``returns.read_returns``; the faults of every
file collected, so that one run names each problem by file, sheet and cell.

What to record from them, and whether to record at all, is the caller's: the rows come back
with where each was found, and nothing is written here.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KpiError, UsageError, one_line
from ..fields import Fields
from ..i18n import _, ngettext
from . import spreadsheet
from .returns import Returns, Where, read_returns


@dataclass(frozen=True)
class Return:
    """One file that was read: what it is called, its rows, and the encoding of a CSV file."""

    index: int  # its place among the files named
    display: str
    found: Returns
    encoding: str  # '' for a workbook


@dataclass
class Intake:
    returns: list[Return] = field(default_factory=list)
    faults: list[tuple[int, str]] = field(default_factory=list)  # (index, one line): unreadable
    notes: list[str] = field(default_factory=list)  # said on stderr, not faults

    @property
    def rows(self) -> list[tuple[int, Where, Fields]]:
        """Every row to record, in the order the files were named, with its file's index."""
        return [(r.index, where, fields) for r in self.returns for where, fields in r.found.rows]


def check_sources(paths: list[Path]) -> None:
    """Usage faults, before any file is read: a format no reader takes, a file named twice."""
    seen: dict[str, str] = {}
    for path in paths:
        spreadsheet.check_suffix(path, str(path))
        key = os.path.normcase(os.path.abspath(path))
        if key in seen:
            twice = _("{path} is named twice (also as {other}); name each return once") \
                if seen[key] != str(path) else _("{path} is named twice; name each return once")
            raise UsageError(twice.format(path=path, other=seen[key]))
        seen[key] = str(path)


def read_all(paths: list[Path], encoding: str | None, default_by: str,
             baseline_date: dt.date | None = None) -> Intake:
    """Every return read; a file that cannot be read (not found, damaged, no header row) is a
    fault of its own and the others are still read."""
    intake = Intake()
    for index, path in enumerate(paths):
        display = str(path)
        try:
            sheets, used = spreadsheet.read_sheets(path, display, encoding)
            found = read_returns(display, sheets, default_by, baseline_date)
        except UsageError:
            raise
        except KpiError as exc:
            intake.faults.append((index, str(exc)))
            continue
        for sheet, rows in found.hidden:
            if rows:
                intake.notes.append(ngettext(
                    "note: {display}: sheet {sheet} is hidden, and its {n} row is not imported; "
                    "unhide the sheet (Excel/WPS: 取消隐藏) and import the return again to "
                    "record it",
                    "note: {display}: sheet {sheet} is hidden, and its {n} rows are not "
                    "imported; unhide the sheet (Excel/WPS: 取消隐藏) and import the return "
                    "again to record them", rows).format(display=display, sheet=one_line(sheet),
                                                         n=rows))
        if used == "gbk" and encoding is None:
            intake.notes.append(_("note: {display} is not UTF-8; read it as GBK (name another "
                                  "encoding with --encoding)").format(display=display))
        intake.returns.append(Return(index, display, found, used))
    return intake
