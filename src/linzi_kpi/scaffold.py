"""``kpi init DIR`` and ``kpi draft DOC --out DIR``: a new workspace — a plan, a folder for the
source document, the ledger folder with its git settings, a README and a .gitignore — made in a
new or empty folder. The one layout of a workspace (``create``), whichever command makes it:

    DIR/README.md, DIR/.gitignore
    DIR/data/tasks.yaml            the plan (kpi finds ./data/tasks.yaml from inside DIR)
    DIR/data/tasks.schema.json
    DIR/data/source/…              the document's text (UTF-8), and a .docx beside it
    DIR/data/progress/             the ledger, with its .gitattributes and .gitignore

The plan ``kpi init`` writes is empty: no section, task or figure is made up, and its
placeholders （…） are ``kpi validate`` problems until filled in. A new folder is built beside
``DIR`` and renamed into place in one step; an existing empty folder (``kpi init .``) is kept,
with its mode, owner, group and setgid, and the workspace moved into it. Either way a failure
leaves nothing half made.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .errors import KpiError
from .i18n import _
from .ledger import write_git_files
from .workspace import PLAN_FILE, PROGRESS_DIR

DATA_DIR = "data"
SOURCE_DIR = "source"
SOURCE_FILE = f"{SOURCE_DIR}/plan.txt"
#: The words of the plan stub that stand for what a person fills in: each is a validate problem.
PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE = "（", "）"


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
#         kind: increment        # level: a stock or ratio to be at; rate: a growth rate (增长8%以上)

plan:
  title: （文件标题）
  issuer: （发文机关）
  document_number: （文号）
  issued: {year}-01-01       # the issue date
  period_start: {year}-01-01
  period_end: {year}-12-31
  source: {SOURCE_FILE}

# Grading against 序时进度, in points behind it (the published 红黄绿灯 rule); a rate (kind: rate)
# in percentage points short of its target:
grading:
  at_risk_gap: 0.10
  off_track_gap: 0.30
  approx_tolerance: 0.05
  rate_at_risk_points: 1.0
  rate_off_track_points: 3.0

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
| `data/source/` | the plan document's text (UTF-8), which `kpi validate` checks the quotes against |
| `data/progress/*.csv` | the ledger: one line per figure, appended by `kpi record` and `kpi import` |

{start}

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

#: The README's first step, for a plan to fill in (kpi init) and for a draft (kpi draft).
START_EMPTY = """\
To start: let kpi draft the plan from its document, into a new folder, for you to review:
`kpi init FOLDER --from DOCUMENT` (or `kpi draft DOCUMENT --out FOLDER`) makes a workspace like
this one with the plan drafted. Or fill this one in by hand: put the document's text in
`data/source/plan.txt`, replace every placeholder （…） in `data/tasks.yaml`, add the sections
and tasks, and run `kpi validate` here until it finds no problem."""
START_DRAFT = """\
To start: `data/tasks.yaml` is a draft of `data/{source}`. Check each part marked `review: draft`
against the document, correct it and delete its review line; `kpi validate` (run here) lists
what is left, and `kpi targets` and `kpi status` already work on the draft."""

GITIGNORE = """\
# kpi's lock file (also ignored by data/progress/.gitignore)
.kpi.lock
.venv/
__pycache__/
"""


def create(target: Path, today: dt.date, plan: str | None = None,
           sources: Mapping[str, bytes] | None = None) -> list[str]:
    """Make the workspace in ``target`` (new, or an empty folder); return the paths written,
    relative to it. ``plan`` is the text of ``data/tasks.yaml`` (a draft; else the stub to fill
    in) and ``sources`` the files of ``data/source/`` by name (else an empty plan.txt)."""
    try:
        return _create(target, today, plan, sources)
    except OSError as exc:  # a name too long for the system, say: one line, never a traceback
        raise KpiError(_("cannot create {target}: {why}").format(
            target=_shown(target), why=exc.strerror or exc)) from None


def _shown(target: Path) -> str:
    text = str(target)
    return text if len(text) <= 80 else text[:80] + "…"


def _create(target: Path, today: dt.date, plan: str | None,
            sources: Mapping[str, bytes] | None) -> list[str]:
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
    from .atomic import fill_folder, place_folder
    from .render.rows import to_json
    from .schema import json_schema

    if sources is None:
        sources = {SOURCE_FILE.rsplit("/", 1)[1]: b""}
    first = next(iter(sources), "")
    start = START_EMPTY if plan is None else START_DRAFT.format(source=f"{SOURCE_DIR}/{first}")
    files: dict[str, str | bytes] = {
        "README.md": README.format(name=target.resolve().name or "kpi workspace", start=start),
        ".gitignore": GITIGNORE,
        f"{DATA_DIR}/{PLAN_FILE}": plan_stub(today.year) if plan is None else plan,
        f"{DATA_DIR}/tasks.schema.json": to_json(json_schema()) + "\n",
    }
    files.update((f"{DATA_DIR}/{SOURCE_DIR}/{name}", data) for name, data in sources.items())
    existing = target.is_dir()
    # A new folder is built beside its place and renamed into it; an existing empty folder is
    # kept (its mode, owner, group and setgid are the user's, and `kpi init .` cannot rename
    # the folder it runs in): the workspace is built in a hidden folder inside it, and its
    # parts moved up. Either way a failure leaves nothing half made.
    parent = target if existing else target.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=".kpi-init-", dir=parent))
    except OSError as exc:
        raise KpiError(_("cannot create {target}: {why}").format(
            target=_shown(target), why=exc.strerror)) from None
    try:
        fix_mode(building)
        for name, content in files.items():
            path = building / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        progress = building / DATA_DIR / PROGRESS_DIR
        progress.mkdir()
        write_git_files(progress)
        if existing:  # kept: its parts moved up into it (all or none)
            fill_folder(building, target)
        else:
            place_folder(building, target)  # onto an empty folder too, on every system
    except OSError as exc:
        shutil.rmtree(building, ignore_errors=True)
        raise KpiError(_("cannot create {target}: {why}").format(
            target=_shown(target), why=exc.strerror)) from None
    return sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())


def fix_mode(folder: Path) -> None:
    """A folder made by ``tempfile.mkdtemp`` (0700) given the mode a plain ``mkdir`` would:
    the user's umask, and the setgid bit it inherited from its parent kept."""
    inherited = os.stat(folder).st_mode & stat.S_ISGID
    os.chmod(folder, (0o777 & ~_umask()) | inherited)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
