"""``kpi template --each-dept DIR``: one fill-in workbook per department with work in the plan.

All the checks come first (every name, every file that would be overwritten); then each
workbook is written atomically, with a progress bar on a terminal when it takes a while.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from ..errors import KpiError
from ..i18n import _
from ..model import Plan, Record
from ..query import canonical
from .returns import template_rows

#: Characters a file name cannot hold on Windows or POSIX, replaced by _.
_NOT_IN_NAMES = set('/\\:*?"<>|\x00')


def departments_with_work(plan: Plan) -> list[str]:
    """Canonical names of the departments that lead or share a task, in registry order."""
    used: list[str] = []
    for task in plan.tasks:
        for name in canonical(plan, task.lead + task.responsible):
            if name not in used:
                used.append(name)
    order = {d.name: i for i, d in enumerate(plan.departments)}
    return sorted(used, key=lambda name: order.get(name, len(order)))


def file_name(department: str, month: dt.date) -> str:
    """``区发改局-2023-06.xlsx``: the department and the reporting month."""
    safe = "".join("_" if c in _NOT_IN_NAMES or ord(c) < 32 else c for c in department).strip(". ")
    return f"{safe or '_'}-{month:%Y-%m}.xlsx"


def each_department(plan: Plan, latest: dict[str, Record], folder: Path, month: dt.date,
                    today: dt.date, force: bool, say: Callable[[str], None],
                    baselines: dict[str, Record] | None = None) -> list[Path]:
    """Write every department's workbook into ``folder``; return the paths written."""
    from ..progress import track
    from ..words import count_of
    from .spreadsheet import write_template

    if folder.exists() and not folder.is_dir():
        raise KpiError(_("{folder} is not a folder").format(folder=folder))
    names = departments_with_work(plan)
    paths = {name: folder / file_name(name, month) for name in names}
    if len(set(paths.values())) != len(paths):
        raise KpiError(_("two departments give the same file name; rename one in tasks.yaml"))
    there = [p for p in paths.values() if p.exists()]
    if there and not force:
        more = f" and {len(there) - 1} more" if len(there) > 1 else ""
        raise KpiError(_("{there}{more} exist (they may hold figures already filled in); choose "
                         "another folder, or pass --force to overwrite them").format(there=there[0], more=more))
    folder.mkdir(parents=True, exist_ok=True)
    period = (plan.plan.period_start, plan.plan.period_end)
    written = []
    for name in track(names, "templates"):
        rows = template_rows(plan, latest, name, baselines)
        title = f"{name} {month:%Y年%m月}月报填报表 — {plan.plan.title}（{today} 生成）"
        write_template(paths[name], rows, name, title, period)
        figures = sum(1 for r in rows if not r.is_state)
        say(_("{paths}: {counted}, {counted2} without a number")
             .format(paths=paths[name], counted=count_of(figures, 'targets'),
                     counted2=count_of(len(rows) - figures, 'tasks')) + "\n")
        written.append(paths[name])
    say(_("wrote {counted} in {folder} for {month:%Y-%m}, one per department with work in the plan")
         .format(counted=count_of(len(written), 'workbooks'), folder=folder, month=month) + "\n")
    return written
