"""kpi as a library, for scripts: open a workspace, report, record, import. Each call returns
an ``Outcome``: the value, or the problems that stopped it (each with its place and its fix),
never an exception for bad data. The command line does the same work through the same modules.

    from linzi_kpi import api

    opened = api.open_workspace("data")
    kpi = opened.value                      # None, with opened.problems, if the plan is broken
    done = kpi.record("23.1", "600", "2023-06-30", source="区交通运输局月报")
    report = kpi.report("2023-06-30").value
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from .errors import KpiError, Problem
from .fields import Fields
from .grading import Report
from .model import Plan
from .recording import Recorded
from .workspace import Workspace

T = TypeVar("T")

__all__ = ["Kpi", "Outcome", "Problem", "Recorded", "Report", "open_workspace"]


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a call gave: ``value``, or None and the ``problems`` that stopped it."""

    value: T | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.value is not None and not self.problems


def _failed(exc: KpiError) -> Outcome[T]:
    return Outcome(None, exc.problems)


def _day(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    from .dates import parse_date

    return parse_date(value)


@dataclass(frozen=True)
class Kpi:
    """An open workspace: its plan, checked, and its ledger folder."""

    workspace: Workspace
    plan: Plan

    def report(self, as_of: str | dt.date | None = None, *,
               allow_problems: bool = False) -> Outcome[Report]:
        """Every target's and task's standing as of ``as_of`` (default: today, or the day after
        a plan period that has ended: ``grading.report_date``). A ledger with problems is refused unless
        ``allow_problems``, as ``kpi status`` does."""
        from . import service
        from .workspace import today

        try:
            day = _day(as_of)
            now = today()
            if day is None:
                from .grading import report_date

                day = report_date(self.plan, now)
            found_report, _ = service.report(self.workspace, self.plan, now, day, allow_problems)
        except ValueError as exc:
            return Outcome(None, [Problem(str(exc), title="as of")])
        except KpiError as exc:
            return _failed(exc)
        return Outcome(found_report)

    def record(self, target: str, value: str, date: str | dt.date, *, source: str = "",
               note: str = "", by: str | None = None, dry_run: bool = False) -> Outcome[Recorded]:
        """Record one figure (or a task's state, as ``value``), as ``kpi record`` does: checked,
        not recorded twice, appended whole."""
        from . import recording
        from .workspace import default_author, today

        fields = Fields(target, str(value), str(date), source, note,
                        by if by is not None else default_author())
        try:
            done = recording.record_entered(self.workspace, self.plan, fields, today=today(),
                                            file=None, dry_run=dry_run)
        except KpiError as exc:
            return _failed(exc)
        return Outcome(done)

    def import_returns(self, paths: Sequence[str | Path], *, encoding: str | None = None,
                       by: str | None = None, dry_run: bool = False) -> Outcome[Recorded]:
        """Record every figure of the returns (.xlsx, .ods, .xls, .csv), all or nothing, as
        ``kpi import`` does; notes (a CSV read as GBK) are left out."""
        from . import importing
        from .workspace import default_author, today

        sources = [Path(p) for p in paths]
        try:
            importing.check_sources(sources)
            batch = importing.prepare(self.workspace, self.plan, sources, encoding=encoding,
                                      by=by if by is not None else default_author(), file=None,
                                      force=False, today=today(), say=lambda line: None)
            done = batch.record(dry_run)
        except KpiError as exc:
            return _failed(exc)
        return Outcome(done)


def open_workspace(data_dir: str | Path | None = None) -> Outcome[Kpi]:
    """The workspace in ``data_dir`` (default: ./data), with its plan loaded and checked; or the
    plan's problems, each with its line and its fix."""
    from . import service
    from . import workspace as workspace_

    try:
        ws = workspace_.find(Path(data_dir) if data_dir is not None else None)
        plan = service.open_plan(ws)
    except KpiError as exc:
        return _failed(exc)
    return Outcome(Kpi(ws, plan))
