"""Selecting from the plan: by task, section and department (aliases resolve). Pure."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .errors import KpiError
from .model import Plan, Task


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
    hint = f"did you mean {close[0]}?" if close else "`kpi targets --format json` lists the names in use"
    raise KpiError(f"unknown department {name!r} ({hint})")


def select_tasks(plan: Plan, *, task: int | Iterable[int] | None = None,
                 section: int | Iterable[int] | None = None,
                 dept: str | Iterable[str] | None = None) -> list[Task]:
    """Tasks matching every filter given; a filter given several values matches any of them
    (``--task 1 --task 3``). An unknown task, section or department is an error."""
    tasks, sections = _many(task), _many(section)
    for n in tasks:
        if all(t.number != n for t in plan.tasks):
            raise KpiError(f"no task {n} in the plan (tasks run from 1 to {len(plan.tasks)})")
    for n in sections:
        if all(s.number != n for s in plan.sections):
            raise KpiError(f"no section {n} in the plan (sections run from 1 to {len(plan.sections)})")
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


def _many(value: object) -> list:
    """A filter's values: none, one, or several."""
    if value is None:
        return []
    if isinstance(value, (str, int)):
        return [value]
    return list(value)  # type: ignore[call-overload]
