"""Selecting from the plan: by task, section and department (aliases resolve), and from a
graded report: by status. Pure."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from .enums import Status
from .errors import KpiError
from .i18n import _
from .model import Plan, Task

if TYPE_CHECKING:
    from .grading import Report


def canonical(plan: Plan, names: tuple[str, ...]) -> list[str]:
    """Department names as canonical names, in order, without repeats."""
    index = plan.department_index()
    out: list[str] = []
    for name in names:
        name = index.get(name, name)
        if name not in out:
            out.append(name)
    return out


def resolve_department(plan: Plan, name: str) -> str:
    index = plan.department_index()
    if name in index:
        return index[name]
    close = difflib.get_close_matches(name, list(index), n=1, cutoff=0.5)
    hint = (_("did you mean {name}?").format(name=close[0]) if close else
            _("`kpi targets --format json` lists the names in use"))
    raise KpiError(_("unknown department {name!r} ({hint})").format(name=name, hint=hint))


def select_tasks(plan: Plan, *, task: int | Iterable[int] | None = None,
                 section: int | Iterable[int] | None = None,
                 dept: str | Iterable[str] | None = None) -> list[Task]:
    """Tasks matching every filter given; a filter given several values matches any of them
    (``--task 1 --task 3``). An unknown task, section or department is an error."""
    tasks, sections = _many(task), _many(section)
    for n in tasks:
        if all(t.number != n for t in plan.tasks):
            raise KpiError(_("no task {n} in the plan (tasks run from 1 to {n2})").format(n=n, n2=len(plan.tasks)))
    for n in sections:
        if all(s.number != n for s in plan.sections):
            raise KpiError(_("no section {n} in the plan (sections run from 1 to {n2})")
                            .format(n=n, n2=len(plan.sections)))
    wanted = {resolve_department(plan, name) for name in _many(dept)}
    chosen = []
    for t in plan.tasks:
        if tasks and t.number not in tasks:
            continue
        if sections and t.section not in sections:
            continue
        if wanted and not wanted.intersection(canonical(plan, t.lead + t.responsible)):
            continue
        chosen.append(t)
    return chosen


V = TypeVar("V", str, int)


def _many(value: V | Iterable[V] | None) -> list[V]:
    """A filter's values: none, one, or several."""
    if value is None:
        return []
    if isinstance(value, (str, int)):
        return [value]
    return list(value)


def drafts(plan: Plan) -> int:
    """How many tasks and targets ``kpi draft`` made that nobody has reviewed yet."""
    return sum(1 for t in plan.tasks if t.review) + sum(1 for _, g in plan.targets() if g.review)


@dataclass(frozen=True)
class Selection:
    """What ``kpi status`` shows: tasks by number, section and department (``select_tasks``),
    and of their standings those with one of ``statuses`` (any, when empty), or only the levels
    that still need a baseline."""

    task: int | Iterable[int] | None = None
    section: int | Iterable[int] | None = None
    dept: str | Iterable[str] | None = None
    statuses: Collection[Status] = ()
    needs_baseline: bool = False

    def tasks(self, plan: Plan) -> set[int]:
        """The numbers of the tasks selected; an unknown task, section or department is an
        error."""
        return {t.number for t in select_tasks(plan, task=self.task, section=self.section,
                                               dept=self.dept)}


def narrow(report: Report, numbers: Collection[int], chosen: Selection) -> Report:
    """The part of ``report`` that ``chosen`` selects, among the tasks ``numbers`` (from
    ``Selection.tasks``): the targets with a wanted status, and the tasks that have one of
    them or, carrying no number, have a wanted status themselves."""
    from .grading import Report

    wanted, needs_baseline = chosen.statuses, chosen.needs_baseline
    targets = [s for s in report.targets if s.task.number in numbers
               and (not wanted or s.status in wanted)
               and (not needs_baseline or s.needs_baseline)]
    shown = {s.task.number for s in targets}
    tasks = [t for t in report.tasks if t.task.number in numbers
             and (t.task.number in shown or (not t.task.targets and not needs_baseline
                                             and (not wanted or t.status in wanted)))]
    return Report(report.as_of, targets, tasks)
