"""``kpi template --each-dept DIR``: one fill-in workbook per department with work in the plan.

All the checks come first (every name, every file that would be overwritten); then each
workbook is written atomically, with a progress bar on a terminal when it takes a while.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from ..errors import KpiError, os_reason
from ..i18n import _
from ..model import Plan, Record
from ..query import canonical
from ..words import long_month
from .returns import template_rows

#: Characters a file name cannot hold on Windows or POSIX, replaced by _.
_NOT_IN_NAMES = set('/\\:*?"<>|\x00')
#: The most characters of a department's name a file name keeps (a Chinese character is three
#: bytes, and a file system takes 255): a longer name is cut, with a digest of the whole.
NAME_CHARS = 60


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
    """``区发改局-2023-06.xlsx``: the department and the reporting month, as a name that is safe
    as a file name: no separator or character a file system refuses, never ``.`` or ``..``, never
    starting with ``-`` (``kpi import *.xlsx`` would read ``--by=区长-2023-06.xlsx`` as an
    option) or ``.``, and at most ``NAME_CHARS`` characters of the department (a longer name
    keeps its start and a digest of the whole, so that two long names stay apart)."""
    import hashlib

    safe = "".join("_" if c in _NOT_IN_NAMES or ord(c) < 32 or 0x7F <= ord(c) <= 0x9F else c
                   for c in department).strip(". ")
    if len(safe) > NAME_CHARS:
        digest = hashlib.sha256(department.encode("utf-8")).hexdigest()[:8]
        safe = safe[:NAME_CHARS - 9].rstrip(". ") + "~" + digest
    if not safe or safe[0] in "-.~+@":
        safe = "_" + safe
    return f"{safe}-{month:%Y-%m}.xlsx"


def _same_file_key(name: str) -> str:
    """What a file system that folds case or normalises Unicode (Windows, macOS) sees."""
    import unicodedata

    return unicodedata.normalize("NFC", name).casefold()


def each_department(plan: Plan, latest: dict[str, Record], folder: Path, month: dt.date,
                    today: dt.date, force: bool, say: Callable[[str], None],
                    baselines: dict[str, Record] | None = None) -> list[Path]:
    """Write every department's workbook into ``folder``; return the paths written."""
    from ..atomic import move_file
    from ..progress import track
    from ..words import count_of
    from .output import check_output
    from .writing import write_template

    if folder.exists() and not folder.is_dir():
        raise KpiError(_("{folder} is not a folder").format(folder=folder))
    names = departments_with_work(plan)
    paths = {name: folder / file_name(name, month) for name in names}
    seen: dict[str, str] = {}
    for name, path in paths.items():
        other = seen.setdefault(_same_file_key(path.name), name)
        if other != name:
            raise KpiError(_("departments {a!r} and {b!r} give the same file name {file} (on a "
                             "system that ignores case, if not here); rename one in tasks.yaml; "
                             "nothing was written").format(a=other, b=name, file=path.name))
    for path in paths.values():  # a device, a pipe, a folder or a link: refused, --force or not
        check_output(path)
    try:
        there = [p for p in paths.values() if p.exists()]
    except OSError as exc:
        raise KpiError(_("cannot look in {folder}: {why}").format(folder=folder,
                                                                 why=os_reason(exc))) from None
    if there and not force:
        more = _(" and {n} more").format(n=len(there) - 1) if len(there) > 1 else ""
        raise KpiError(_("{there}{more} exist (they may hold figures already filled in); choose "
                         "another folder, or pass --force to overwrite them").format(
                             there=there[0], more=more))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KpiError(_("cannot create {folder}: {why}").format(folder=folder,
                                                                why=os_reason(exc))) from None
    period = (plan.plan.period_start, plan.plan.period_end)
    # All or none: every workbook is written beside its place under a hidden name first, and
    # only when all are written are they moved into place.
    parts: dict[str, Path] = {}
    lines = []
    try:
        for i, name in enumerate(track(names, "templates")):
            rows = template_rows(plan, latest, name, baselines)
            title = f"{name} {long_month(month, 'zh')}月报填报表 — {plan.plan.title}（{today} 生成）"
            parts[name] = folder / f".kpi-part-{os.getpid()}-{i}.xlsx"
            write_template(parts[name], rows, name, title, period)
            figures = sum(1 for r in rows if not r.is_state)
            lines.append(_("{paths}: {counted}, {counted2} without a number").format(
                paths=paths[name], counted=count_of(figures, "targets"),
                counted2=count_of(len(rows) - figures, "tasks")) + "\n")
        for name, part in parts.items():
            move_file(part, paths[name])
    except OSError as exc:
        raise KpiError(_("cannot write the workbooks in {folder}: {why}; nothing was "
                         "written").format(folder=folder, why=os_reason(exc))) from None
    finally:
        for part in parts.values():
            try:
                part.unlink(missing_ok=True)
            except OSError:
                pass
    written = [paths[name] for name in names]
    for line in lines:
        say(line)
    say(_("wrote {counted} in {folder} for {month:%Y-%m}, one per department with work in the "
          "plan").format(counted=count_of(len(written), "workbooks"), folder=folder, month=month)
        + "\n")
    return written
