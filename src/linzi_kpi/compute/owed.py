"""What each department still owes for a month (催报). Pure.

Who owes a figure is ``Plan.reporter``'s rule, the one owner (templates, returns, the 催报 list,
the bulletin's 未报送, the fair ranking all ask it); ``owed_by`` only asks it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Plan, Record, Target, Task
from .changes import Stale, unreported


def owed_by(plan: Plan, task: Task, target: Target | None = None) -> str | None:
    """The department that owes the figure of ``target`` (or the state of ``task``):
    ``Plan.reporter``."""
    return plan.reporter(task, target)


def _target_of(plan: Plan, task: Task, line_id: str) -> Target | None:
    return next((t for t in task.targets if t.id == line_id), None)


@dataclass(frozen=True)
class Owed:
    """What one department has not reported for the month, in plan order."""

    department: str | None  # None: the plan names no department for these lines
    lines: list[Stale]


def by_department(plan: Plan, stale: Iterable[Stale]) -> list[Owed]:
    """Unreported lines grouped by the department that owes each, most first; ties in the
    order of the plan's department registry, lines without a department last."""
    groups: dict[str | None, list[Stale]] = {}
    for s in stale:
        who = owed_by(plan, s.line.task, _target_of(plan, s.line.task, s.line.id))
        groups.setdefault(who, []).append(s)
    order = {d.name: i for i, d in enumerate(plan.departments)}
    keys = sorted(groups, key=lambda k: (k is None, -len(groups[k]),
                                         order.get(k or "", len(order)), k or ""))
    return [Owed(k, groups[k]) for k in keys]


def month_end(month: dt.date) -> dt.date:
    """The last day of ``month``'s calendar month."""
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def missing(plan: Plan, records: Sequence[Record], month: dt.date,
            tasks: Iterable[Task] | None = None) -> list[Owed]:
    """What each department has not reported for ``month`` (any day of it): the lines not met
    (tasks not done; a rate even when it holds, its figure being monthly) at the month's end
    with no figure dated in the month (``changes.unreported``)."""
    return by_department(plan, unreported(plan, records, month_end(month), tasks))
