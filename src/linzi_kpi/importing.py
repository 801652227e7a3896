"""``kpi import FILE…`` (and ``kpi record --from`` given a workbook): every return read, then
recorded all or nothing across them through ``recording`` (nothing counted twice).

Two steps, so that the command can hold Ctrl-C back around the second only: ``prepare`` reads
every return and refuses the lot, naming every problem by file, sheet and cell, if any file
cannot be read (its rows are checked too, so that one run shows every fault); ``Batch.record``
records the rows. What the command prints of it is the command's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import recording
from .errors import KpiError, Problem, one_line
from .fields import Fields
from .i18n import _, ngettext, pgettext
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
        done = recording.record_rows(self.ws, self.plan, self.fields, self.locate,
                                     today=self.today, file=self.file, dry_run=dry_run,
                                     is_return=True, interrupts=interrupts)
        done.summary, done.tail, done.per_return = self.extra, self.tail, self.per_return
        return done


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
    dept_of = _departments(intake, plan.department_index())
    single = len(sources) == 1
    if single and intake.faults:
        raise KpiError(intake.faults[0][1])
    rows = intake.rows
    if single and not rows:
        only = intake.returns[0]
        raise KpiError(_("{display}: no figures to record{skipped}")
                        .format(display=only.display, skipped=skipped(only.found.blank)))
    files = {r.index: Path(r.display).name for r in intake.returns}
    fields = [recording.sourced(replace(f, force=force or f.force,
                                        dept=dept_of(i, where.sheet)), files[i])
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


def _departments(intake: Intake, index: dict[str, str]) -> Callable[[int, str | None], str]:
    """Whose return each sheet of each file is: a workbook with a sheet named for a department
    (any sheet, read or not, hidden or not) is that department's return, every sheet of it;
    one with sheets named for several departments is each such sheet's department's, and a
    sheet with rows named for none of them is a fault of the file (whose figures they are is
    not known). A CSV file, and a workbook naming no department, is no one's: its figures are
    not asked who reports them. Returns (file's index, sheet) → department, or ''."""
    whole: dict[int, str] = {}
    each: dict[int, dict[str, str]] = {}
    for r in intake.returns:
        named = {name: index[name] for name in r.found.names if name in index}
        if len(set(named.values())) == 1:
            whole[r.index] = next(iter(named.values()))
        elif named:
            each[r.index] = named
            strays = [name for name in r.found.sheets if name not in named]
            if strays:
                intake.faults.append((r.index, _(
                    "{display}: sheet {sheet} is named for no department, but the workbook holds "
                    "the returns of {departments}: name the sheet for the department whose "
                    "figures it gives, or send it as a return of its own").format(
                        display=r.display, sheet=one_line(strays[0]),
                        departments=pgettext("list", ", ").join(sorted(set(named.values()))))))

    def dept_of(file: int, sheet: str | None) -> str:
        return whole.get(file) or each.get(file, {}).get(sheet or "", "")

    return dept_of


def _summaries(intake: Intake, single: bool) -> dict[str, object]:
    """The JSON fields about the returns: each one's sheets (read, without a header row, hidden),
    encoding and counts (``returns``) and, for one return, the same at the top."""
    summaries = [{"source": r.display, "sheets": r.found.sheets,
                  "skipped_sheets": r.found.skipped,
                  # hidden sheets with a header row, not read, and the rows each held
                  "hidden_sheets": [{"sheet": name, "rows": n} for name, n in r.found.hidden],
                  "encoding": r.encoding or None,
                  "blank_rows": r.found.blank, "count": len(r.found.rows)}
                 for r in intake.returns]
    extra: dict[str, object] = {}
    if single:
        extra = {key: summaries[0][key] for key in ("source", "sheets", "skipped_sheets",
                                                    "hidden_sheets", "encoding", "blank_rows")}
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
