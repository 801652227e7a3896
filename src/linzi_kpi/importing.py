"""``kpi import FILE…`` (and ``kpi record --from`` given a workbook): every return read, then
recorded all or nothing across them through ``recording`` (nothing counted twice).

Two steps, so that the command can hold Ctrl-C back around the second only: ``prepare`` reads
every return and refuses the lot, naming every problem by file, sheet and cell, if any file
cannot be read (its rows are checked too, so that one run shows every fault); ``Batch.record``
records the rows. What the command prints of it is the command's.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import recording
from .errors import KpiError, Problem, UsageError
from .fields import Fields
from .i18n import _, ngettext
from .model import Plan
from .workspace import Workspace

if TYPE_CHECKING:
    from .files.intake import Intake


def skipped(blank: int) -> str:
    """``; 2 blank rows skipped``, or nothing."""
    return ngettext("; {n} blank row skipped", "; {n} blank rows skipped", blank).format(
        n=blank) if blank else ""


class ReturnFaults(KpiError):
    """Returns that cannot be read: one line per problem (``details``, each under its file in
    the order the files were named), then the summary."""

    def __init__(self, details: list[str], message: str,
                 problems: Sequence[Problem] = ()) -> None:
        super().__init__(message, problems=problems)
        self.details = details


@dataclass
class Batch:
    """The rows of every return read, ready to record (``record``), and what the
    acknowledgement says of the returns."""

    ws: Workspace
    plan: Plan
    fields: list[Fields]
    locate: recording.Locate
    file: str | None
    today: dt.date
    #: The JSON object's fields about the returns (``source``… for one return, ``returns``).
    extra: dict[str, object]
    #: What follows ``recorded N in FILE``: the blank rows of one return, or how many returns.
    tail: str
    #: Of several returns, one line each (``june.xlsx: 12 figures``), printed in place of each
    #: record's standing; None for one return.
    per_return: list[str] | None

    def record(self, dry_run: bool,
               interrupts: recording.Interrupts | None = None) -> recording.Recorded:
        return recording.record_rows(self.ws, self.plan, self.fields, self.locate,
                                     today=self.today, file=self.file, dry_run=dry_run,
                                     is_return=True, interrupts=interrupts)


def check_sources(paths: list[Path]) -> None:
    """Usage faults, before any file is read: a format no reader takes, a file named twice."""
    from .files.spreadsheet import check_suffix

    seen: dict[str, str] = {}
    for path in paths:
        check_suffix(path, str(path))
        key = os.path.normcase(os.path.abspath(path))
        if key in seen:
            twice = _("{path} is named twice (also as {other}); name each return once") \
                if seen[key] != str(path) else _("{path} is named twice; name each return once")
            raise UsageError(twice.format(path=path, other=seen[key]))
        seen[key] = str(path)


def prepare(ws: Workspace, plan: Plan, sources: list[Path], *, encoding: str | None, by: str,
            file: str | None, force: bool, today: dt.date,
            say: Callable[[str], object]) -> Batch:
    """Every return read and its rows checked; ``say`` gets the notes and warnings (a CSV read
    as GBK, a return with nothing to record) as they come. Nothing is written."""
    from .files.intake import read_all

    intake = read_all(sources, encoding, by,
                      baseline_date=plan.plan.period_start - dt.timedelta(days=1))
    for note in intake.notes:
        say(note)
    single = len(sources) == 1
    if single and intake.faults:
        raise KpiError(intake.faults[0][1])
    rows = intake.rows
    if single and not rows:
        only = intake.returns[0]
        raise KpiError(_("{display}: no figures to record{skipped}")
                        .format(display=only.display, skipped=skipped(only.found.blank)))
    files = {r.index: Path(r.display).name for r in intake.returns}
    departments = plan.department_index()  # a sheet named for a department: its return
    fields = [recording.sourced(replace(f, force=force or f.force,
                                        dept=departments.get(where.sheet or "", "")), files[i])
              for i, where, f in rows]

    batch = Batch(ws, plan, fields, lambda i: rows[i][1], file, today, _summaries(intake, single), "", None)
    if intake.faults:
        raise _faults(batch, intake, len(sources))
    for r in intake.returns:
        if not single and not r.found.rows:
            say(_("warning: {display}: no figures to record{skipped}")
                 .format(display=r.display, skipped=skipped(r.found.blank)))
    if not rows:
        raise KpiError(_("no figures to record in {n} returns").format(n=len(sources)))
    if single:
        batch.tail = skipped(intake.returns[0].found.blank)
    else:
        batch.tail = _(" from {n} returns").format(n=len(sources))
        batch.per_return = [
            ngettext("{display}: {n} figure", "{display}: {n} figures", len(r.found.rows))
            .format(display=r.display, n=len(r.found.rows)) + skipped(r.found.blank)
            for r in intake.returns if r.found.rows]
    return batch


def _summaries(intake: Intake, single: bool) -> dict[str, object]:
    """The JSON fields about the returns: each one's sheets, encoding and counts (``returns``)
    and, for one return, the same at the top."""
    summaries = [{"source": r.display, "sheets": r.found.sheets,
                  "skipped_sheets": r.found.skipped, "encoding": r.encoding or None,
                  "blank_rows": r.found.blank, "count": len(r.found.rows)}
                 for r in intake.returns]
    extra: dict[str, object] = {}
    if single:
        extra = {key: summaries[0][key] for key in ("source", "sheets", "skipped_sheets",
                                                    "encoding", "blank_rows")}
    extra["returns"] = summaries
    return extra


def _faults(batch: Batch, intake: Intake, returns: int) -> ReturnFaults:
    """Returns that cannot be read, with the faults of the rows of those that can (a dry run):
    each problem under its file, in the order the files were named."""
    rows = intake.rows
    lines = [(index, 0, fault, Problem(fault, title="cannot read"))
             for index, fault in intake.faults]
    row_errors = 0
    try:
        batch.record(True)
    except recording.RowErrors as exc:
        row_errors = len(exc.details)
        lines += [(rows[i][0], 1 + i, text, problem) for i, text, problem
                  in zip(exc.rows, exc.details, exc.problems, strict=True)]
    summary = (_("{faults} of {returns} returns cannot be read and {errors} of {rows} rows are "
                 "invalid; nothing was recorded") if row_errors else
               _("{faults} of {returns} returns cannot be read; nothing was recorded")).format(
        faults=len(intake.faults), returns=returns, errors=row_errors, rows=len(rows))
    lines.sort(key=lambda line: line[:2])
    return ReturnFaults([text for _t, _r, text, _p in lines], summary,
                        [problem for _, _, _, problem in lines])
