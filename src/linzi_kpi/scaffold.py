"""``kpi init DIR``: a new workspace — a plan to fill in, a folder for the source document, the
ledger folder with its git settings, a README and a .gitignore — made in a new or empty folder.

The plan written is empty: no section, task or figure is made up. The folder is built beside
``DIR`` and renamed into place in one step, so a failure leaves nothing half made.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from .errors import KpiError
from .i18n import _
from .ledger import write_git_files
from .workspace import PLAN_FILE, PROGRESS_DIR

DATA_DIR = "data"
SOURCE_FILE = "source/plan.txt"


def plan_stub(year: int) -> str:
    return f"""\
# yaml-language-server: $schema=./tasks.schema.json
#
# The plan kpi tracks, as data. Fill in the document's details below (every value in （…） and
# the dates), put the document's text in {SOURCE_FILE} (UTF-8, verbatim), then add its
# sections and tasks: each task's text and each target's quote copied verbatim from it, which
# `kpi validate` checks. `kpi schema` describes every field. A task looks like this:
#
#   - number: 1
#     section: 1
#     title: （任务标题，原文第一个“。”之前）
#     text: "（任务全文，与原文一字不差）"
#     lead: ["（牵头部门）"]
#     responsible: ["（责任部门）"]
#     targets:
#       - id: "1.1"
#         label: （简称）
#         quote: "（原文中写明数字的那一句）"
#         target: （数字，照原文）
#         unit: （单位，照原文，须在 units 中）
#         comparator: at_least   # at_most | approx (左右) | maintain_at_least (稳定在/保持在…以上)
#         kind: increment        # level: a stock or ratio to be at

plan:
  title: （文件标题）
  issuer: （发文机关）
  document_number: （文号）
  issued: {year}-01-01       # the issue date
  period_start: {year}-01-01
  period_end: {year}-12-31
  source: {SOURCE_FILE}

# Grading against 序时进度, in points behind it (the published 红黄绿灯 rule):
grading:
  at_risk_gap: 0.10
  off_track_gap: 0.30
  approx_tolerance: 0.05

units: []          # every unit a target uses, as the document writes it: [家, 个, 亿元, "%"]
departments: []    # - name: 区发改局   (aliases: [..] for other spellings; collective: true)
sections: []       # - {{number: 1, title: （部分标题）}}
tasks: []
"""


README = """\
# {name}

A `kpi` workspace: a work plan's numeric targets, tracked month by month against
time-proportional progress (序时进度).

| path | holds |
| --- | --- |
| `data/tasks.yaml` | the plan: its sections, tasks and targets, each quoted verbatim |
| `data/source/plan.txt` | the plan document's text (UTF-8), which `kpi validate` checks the quotes against |
| `data/progress/*.csv` | the ledger: one line per figure, appended by `kpi record` and `kpi import` |

To start: put the document's text in `data/source/plan.txt`, fill in `data/tasks.yaml`, and run
`kpi validate` until it finds no problem.

Each month:

```sh
kpi template --dept 区发改局 区发改局-2023-06.xlsx   # a fill-in workbook for a department
kpi import returns/*.xlsx returns/*.ods             # their returns, all or nothing
kpi status --as-of 2023-06-30                       # where every target stands
kpi report --html 通报-2023-06.html                  # the bulletin
```

In git, the ledger merges by itself: `data/progress/.gitattributes` asks for a union merge of the
ledger files (two branches that recorded figures keep the lines of both), and
`data/progress/.gitignore` keeps kpi's lock file out of the repository.
"""

GITIGNORE = """\
# kpi's lock file (also ignored by data/progress/.gitignore)
.kpi.lock
.venv/
__pycache__/
"""


def create(target: Path, today: dt.date) -> list[str]:
    """Make the workspace in ``target`` (new, or an empty folder); return the paths written,
    relative to it."""
    if target.exists() or target.is_symlink():
        if not target.is_dir() or target.is_symlink():
            raise KpiError(_("{target} exists and is not a folder; name a new or empty folder").format(target=target))
        try:
            inside = sorted(p.name for p in target.iterdir())
        except OSError as exc:
            raise KpiError(_("cannot read {target}: {strerror}").format(target=target, strerror=exc.strerror)) from None
        if inside:
            shown = ", ".join(inside[:3]) + (", …" if len(inside) > 3 else "")
            raise KpiError(_("{target} is not empty (it holds {shown}); kpi init makes a workspace "
                             "in a new or empty folder").format(target=target, shown=shown))
    from .render.rows import to_json
    from .schema import json_schema

    files = {
        "README.md": README.format(name=target.resolve().name or "kpi workspace"),
        ".gitignore": GITIGNORE,
        f"{DATA_DIR}/{PLAN_FILE}": plan_stub(today.year),
        f"{DATA_DIR}/tasks.schema.json": to_json(json_schema()) + "\n",
        f"{DATA_DIR}/{SOURCE_FILE}": "",
    }
    parent = target.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=".kpi-init-", dir=parent))
    except OSError as exc:
        raise KpiError(_("cannot create {target}: {strerror}").format(target=target, strerror=exc.strerror)) from None
    try:
        os.chmod(building, 0o777 & ~_umask())
        for name, text in files.items():
            path = building / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        progress = building / DATA_DIR / PROGRESS_DIR
        progress.mkdir()
        write_git_files(progress)
        os.replace(building, target)  # onto an empty folder too (POSIX rename)
    except OSError as exc:
        shutil.rmtree(building, ignore_errors=True)
        raise KpiError(_("cannot create {target}: {strerror}").format(target=target, strerror=exc.strerror)) from None
    return sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
