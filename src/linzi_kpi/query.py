"""Selecting from the plan: by task, section and department (aliases resolve). Pure."""

from __future__ import annotations

import difflib

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


def select_tasks(plan: Plan, *, task: int | None = None, section: int | None = None,
                 dept: str | None = None) -> list[Task]:
    """Tasks matching every filter given; an unknown task, section or department is an error."""
    if task is not None and all(t.number != task for t in plan.tasks):
        raise KpiError(f"no task {task} in the plan (tasks run from 1 to {len(plan.tasks)})")
    if section is not None and all(s.number != section for s in plan.sections):
        raise KpiError(f"no section {section} in the plan (sections run from 1 to {len(plan.sections)})")
    wanted = resolve_department(plan, dept) if dept is not None else None
    chosen = []
    for t in plan.tasks:
        if task is not None and t.number != task:
            continue
        if section is not None and t.section != section:
            continue
        if wanted is not None and wanted not in canonical(plan, t.lead + t.responsible):
            continue
        chosen.append(t)
    return chosen
