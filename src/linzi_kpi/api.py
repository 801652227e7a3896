"""kpi as a library, for scripts: open a workspace, report, record, import, withdraw, validate.
Each call returns an ``Outcome``: the value, or the problems that stopped it (each with its
place and its fix), never an exception for bad data. The commands are built on it: ``kpi
status``, ``record``, ``mark``, ``import``, ``withdraw`` and ``validate`` parse their options,
make one call here and show its value, or raise its error (``Outcome.unwrap``).

    from linzi_kpi import api

    opened = api.open_workspace("data")
    kpi = opened.value                      # None, with opened.problems, if the plan is broken
    done = kpi.record("23.1", "600", "2023-06-30", source="区交通运输局月报")
    report = kpi.report("2023-06-30").value
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from .enums import Status
from .errors import KpiError, Problem, UsageError
from .fields import Fields
from .grading import Report
from .model import Plan
from .recording import Interrupts, Recorded, Withdrawn
from .workspace import Workspace

if TYPE_CHECKING:
    from .ledger.reading import Disagreement

T = TypeVar("T")

#: Where a call says what it has to say that is not its value (an interrupted recording undone,
#: a CSV read as GBK): one line at a time.
Say = Callable[[str], object]

__all__ = ["Checked", "Interrupts", "Kpi", "KpiError", "Outcome", "Problem", "Recorded",
           "Report", "StatusReport", "Withdrawn", "open_workspace", "validate"]


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a call gave: ``value``, or None and the ``problems`` that stopped it."""

    value: T | None
    problems: list[Problem] = field(default_factory=list)
    #: The error behind ``problems`` (its one-line message, the lines it lists, its exit code).
    error: KpiError | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.value is not None and not self.problems

    def unwrap(self) -> T:
        """The value; or raise the error that stopped the call, a ``KpiError`` carrying the
        problems (for a caller with an error boundary, as the commands have)."""
        if self.error is not None:
            raise self.error
        if self.value is None:
            first = self.problems[0].message if self.problems else ""
            raise KpiError(first, problems=self.problems)
        return self.value


def _failed(exc: KpiError) -> Outcome[T]:
    return Outcome(None, exc.problems, exc)


def _day(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    from .dates import parse_date

    return parse_date(value)


def _check_file(file: str | None) -> None:
    """A ledger file asked for by name: a plain name under progress/ (a usage error)."""
    if file is not None:
        from .values import check_ledger_name

        try:
            check_ledger_name(file)
        except ValueError as exc:
            raise UsageError(str(exc)) from None


def _quiet(line: str) -> None:
    """The default ``say``: a script is told nothing it did not ask for."""


class StatusReport(NamedTuple):
    """What ``kpi status`` shows: the report, narrowed to what was asked; the disagreements of
    two sources behind the figures it shows (target id → ``Disagreement``: the two records,
    each with its file and line); and the ledger lines left out with ``allow_problems`` (file →
    how many)."""

    report: Report
    disputes: dict[str, Disagreement]
    left_out: dict[str, int]


class Checked(NamedTuple):
    """What ``validate`` found: every problem of the plan and the ledger (none: valid), and the
    workspace checked."""

    workspace: Workspace
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Kpi:
    """An open workspace: its plan, checked, and its ledger folder.

    The calls that record take ``interrupts``, an ``Interrupts`` the caller has entered: from
    the moment the recording starts, Ctrl-C, SIGTERM and SIGHUP are held back, so that a
    recording is stopped before anything is written or not at all (without, nothing is held
    back; the ledger's journal undoes a recording killed half-way at the next call)."""

    workspace: Workspace
    plan: Plan

    def _as_of(self, as_of: str | dt.date | None) -> dt.date:
        """``as_of``, or today; once the plan period has ended, its last day."""
        day = _day(as_of)
        if day is None:
            from .grading import report_date
            from .workspace import today

            day = report_date(self.plan, today())
        return day

    def report(self, as_of: str | dt.date | None = None, *,
               allow_problems: bool = False) -> Outcome[Report]:
        """Every target's and task's standing as of ``as_of`` (default: today, or the day after
        a plan period that has ended: ``grading.report_date``). A ledger with problems is refused unless
        ``allow_problems``, as ``kpi status`` does."""
        shown = self.status(as_of, allow_problems=allow_problems)
        if shown.value is None:
            return Outcome(None, shown.problems, shown.error)
        return Outcome(shown.value.report)

    def status(self, as_of: str | dt.date | None = None, *,
               task: int | Iterable[int] | None = None,
               section: int | Iterable[int] | None = None,
               dept: str | Iterable[str] | None = None,
               statuses: Status | str | Iterable[Status | str] = (),
               needs_baseline: bool = False,
               allow_problems: bool = False) -> Outcome[StatusReport]:
        """``kpi status``: the report as of ``as_of`` (as ``report``), of the tasks asked for
        (by number, section, department: an unknown one is a problem) and of their targets
        those with one of ``statuses`` (as ``--status`` takes them: ``off_track``, 滞后, or
        落后 for several), or only the levels still needing a baseline; with the
        disagreements and the lines left out."""
        from . import service
        from .query import Selection
        from .words import parse_statuses
        from .workspace import today

        try:
            day = self._as_of(as_of)
        except ValueError as exc:
            return Outcome(None, [Problem(str(exc), title="as of")])
        asked = [statuses] if isinstance(statuses, str) else statuses  # (a Status is a str)
        try:
            wanted = {found for s in asked
                      for found in ({s} if isinstance(s, Status) else parse_statuses(s))}
        except ValueError as exc:
            return Outcome(None, [Problem(str(exc), title="status")])
        chosen = Selection(task=task, section=section, dept=dept, statuses=wanted,
                           needs_baseline=needs_baseline)
        try:
            report, found = service.status(self.workspace, self.plan, today(), day, chosen,
                                           allow_problems)
        except KpiError as exc:
            return _failed(exc)
        shown = {s.target.id for s in report.targets}
        disputes = {k: d for k, d in service.disputed(found, found.latest).items() if k in shown}
        return Outcome(StatusReport(report, disputes, dict(found.left_out)))

    def record(self, target: str, value: str, date: str | dt.date, *, source: str = "",
               note: str = "", by: str | None = None, dry_run: bool = False,
               corrects: bool = False, force: bool = False, file: str | None = None,
               interrupts: Interrupts | None = None) -> Outcome[Recorded]:
        """Record one figure (or a task's state, as ``value``), as ``kpi record`` does: checked,
        appended whole, to ``file`` under progress/ (default: the figure's month, 2023-06.csv).
        ``corrects``: it corrects the figures on record for its target and date; ``force``: a
        figure that looks implausible for its unit is recorded (its note says so)."""
        from . import recording
        from .workspace import default_author, today

        fields = Fields(target, str(value), str(date), source, note,
                        by if by is not None else default_author(), force=force,
                        corrects=corrects)
        try:
            _check_file(file)
            if interrupts is not None:
                interrupts.hold()
            done = recording.record_entered(self.workspace, self.plan, fields, today=today(),
                                            file=file, dry_run=dry_run, interrupts=interrupts)
        except KpiError as exc:
            return _failed(exc)
        return Outcome(done)

    def import_returns(self, paths: Sequence[str | Path], *, encoding: str | None = None,
                       by: str | None = None, dry_run: bool = False, file: str | None = None,
                       force: bool = False, say: Say | None = None,
                       interrupts: Interrupts | None = None) -> Outcome[Recorded]:
        """Record every figure of the returns (.xlsx, .ods, .xls, .csv), all or nothing, as
        ``kpi import`` does; ``say`` is told the notes (a CSV read as GBK) as they come.
        ``encoding``: of a CSV file (default: detected); ``by``: who, for rows that do not
        say; ``force``: as ``record``. Signals are held back once every return is read. The
        value's ``summary``, ``tail`` and ``per_return`` are what the command says of the
        returns."""
        from . import importing
        from .files.intake import check_sources
        from .workspace import default_author, today

        sources = [Path(p) for p in paths]
        try:
            _check_file(file)
            check_sources(sources)
            batch = importing.prepare(self.workspace, self.plan, sources, encoding=encoding,
                                      by=by if by is not None else default_author(), file=file,
                                      force=force, today=today(), say=say or _quiet)
            if interrupts is not None:
                interrupts.hold()
            done = batch.record(dry_run, interrupts)
        except KpiError as exc:
            return _failed(exc)
        return Outcome(done)

    def withdraw(self, what: str, *, note: str, date: str | dt.date | None = None,
                 by: str | None = None, dry_run: bool = False, file: str | None = None,
                 interrupts: Interrupts | None = None) -> Outcome[Withdrawn]:
        """Withdraw a recording (``what``, its id: every figure it recorded) or, with ``date``,
        the figures of target or task ``what`` on that day, as ``kpi withdraw`` does: by
        appending withdrawal records that keep ``note`` (why; required)."""
        from . import recording
        from .workspace import default_author, today

        try:
            day = _day(date)
        except ValueError as exc:
            return Outcome(None, [Problem(str(exc), title="date")])
        who = by if by is not None else default_author()
        try:
            _check_file(file)
            if interrupts is not None:
                interrupts.hold()
            if day is None:
                done = recording.withdraw(self.workspace, self.plan, recording=what, note=note,
                                          by=who, today=today(), file=file, dry_run=dry_run,
                                          interrupts=interrupts)
            else:
                done = recording.withdraw(self.workspace, self.plan, target=what, date=day,
                                          note=note, by=who, today=today(), file=file,
                                          dry_run=dry_run, interrupts=interrupts)
        except KpiError as exc:
            return _failed(exc)
        return Outcome(done)


def _workspace(data_dir: str | Path | None, say: Say | None) -> Workspace:
    """The data folder (default: ./data); first, what a recording killed half-way left in its
    ledger is undone, and ``say`` told so."""
    from . import service
    from . import workspace as workspace_

    ws = workspace_.find(Path(data_dir) if data_dir is not None else None)
    note = service.recover(ws)
    if note and say is not None:
        say(note)
    return ws


def open_workspace(data_dir: str | Path | None = None, *,
                   say: Say | None = None) -> Outcome[Kpi]:
    """The workspace in ``data_dir`` (default: ./data), with its plan loaded and checked; or the
    plan's problems, each with its line and its fix. A recording killed half-way is undone
    first (``say`` is told)."""
    from . import service

    try:
        ws = _workspace(data_dir, say)
        plan = service.open_plan(ws)
    except KpiError as exc:
        return _failed(exc)
    return Outcome(Kpi(ws, plan))


def validate(data_dir: str | Path | None = None, *, say: Say | None = None) -> Outcome[Checked]:
    """Check the plan and the ledger, as ``kpi validate`` does: the value's ``problems`` are
    what was found (each with its place and its fix); the outcome's only what stopped the check
    (no data folder)."""
    from . import service
    from .workspace import today

    try:
        ws = _workspace(data_dir, say)
        return Outcome(Checked(ws, service.validate(ws, today())))
    except KpiError as exc:
        return _failed(exc)
