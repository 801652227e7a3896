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

from .errors import KpiError, os_reason
from .i18n import N_, _
from .ledger import write_git_files
from .workspace import PLAN_FILE, PROGRESS_DIR

DATA_DIR = "data"
SOURCE_DIR = "source"
SOURCE_FILE = f"{SOURCE_DIR}/plan.txt"
#: The words of the plan stub that stand for what a person fills in: each is a validate problem.
PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE = "（", "）"


#: The plan stub's comments, in the language of the run (``_``; the keys are the schema's, and
#: the placeholders （…） the plan's own words, Chinese in every language).
STUB_HEADER = N_(
    "The plan kpi tracks, as data. Fill in the document's details below (every value in （…） "
    "and\nthe dates), put the document's text in {source} (UTF-8, verbatim), then add its\n"
    "sections and tasks: each task's text and each target's quote copied verbatim from it, "
    "which\n`kpi validate` checks. `kpi schema` describes every field. A task looks like this:")
STUB_COMPARATOR = N_("at_most | approx (左右) | maintain_at_least (稳定在/保持在…以上)")
STUB_KIND = N_("level: a stock or ratio to be at; rate: a growth rate (增长8%以上)")
STUB_ISSUED = N_("the issue date")
STUB_GRADING = N_("Grading against 序时进度, in points behind it (the published 红黄绿灯 rule); a "
                  "rate (kind: rate)\nin percentage points short of its target:")
STUB_UNITS = N_("every unit a target uses, as the document writes it: [家, 个, 亿元, \"%\"]")
STUB_DEPARTMENTS = N_("- name: 区发改局   (aliases: [..] for other spellings; collective: true)")


def _comment_lines(text: str) -> str:
    """A comment of several lines, each after ``# ``."""
    return "".join(f"# {line}".rstrip() + "\n" for line in text.split("\n"))


def plan_stub(year: int) -> str:
    """The plan ``kpi init`` writes for a person to fill in, its comments in the language of
    the run."""
    return f"""\
# yaml-language-server: $schema=./tasks.schema.json
#
{_comment_lines(_(STUB_HEADER).format(source=SOURCE_FILE))}#
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
#         comparator: at_least   # {_(STUB_COMPARATOR)}
#         kind: increment        # {_(STUB_KIND)}

plan:
  title: （文件标题）
  issuer: （发文机关）
  document_number: （文号）
  issued: {year}-01-01       # {_(STUB_ISSUED)}
  period_start: {year}-01-01
  period_end: {year}-12-31
  source: {SOURCE_FILE}

{_comment_lines(_(STUB_GRADING))}grading:
  at_risk_gap: 0.10
  off_track_gap: 0.30
  approx_tolerance: 0.05
  rate_at_risk_points: 1.0
  rate_off_track_points: 3.0

units: []          # {_(STUB_UNITS)}
departments: []    # {_(STUB_DEPARTMENTS)}
sections: []       # - {{number: 1, title: （部分标题）}}
tasks: []
"""


#: The workspace's README, its parts in the language of the run.
README_INTRO = N_("A `kpi` workspace: a work plan's numeric targets, tracked month by month "
                  "against\ntime-proportional progress (序时进度).")
README_FILES = N_(
    "| path | holds |\n"
    "| --- | --- |\n"
    "| `data/tasks.yaml` | the plan: its sections, tasks and targets, each quoted verbatim |\n"
    "| `data/source/` | the plan document's text (UTF-8), which `kpi validate` checks the "
    "quotes against |\n"
    "| `data/progress/*.csv` | the ledger: one line per figure, appended by `kpi record` and "
    "`kpi import` |")
README_MONTH = N_(
    "Each month:\n"
    "\n"
    "```sh\n"
    "kpi template --dept 区发改局 区发改局-2023-06.xlsx   # a fill-in workbook for a department\n"
    "kpi import returns/*.xlsx returns/*.ods             # their returns, all or nothing\n"
    "kpi status --as-of 2023-06-30                       # where every target stands\n"
    "kpi report --html 通报-2023-06.html                  # the bulletin\n"
    "```")
README_GIT = N_(
    "In git, the ledger merges by itself: `data/progress/.gitattributes` asks for a union merge "
    "of the\nledger files (two branches that recorded figures keep the lines of both), and\n"
    "`data/progress/.gitignore` keeps kpi's lock file out of the repository.")

#: The README's first step, for a plan to fill in (kpi init) and for a draft (kpi draft).
START_EMPTY = N_(
    "To start: let kpi draft the plan from its document, into a new folder, for you to review:\n"
    "`kpi init FOLDER --from DOCUMENT` (or `kpi draft DOCUMENT --out FOLDER`) makes a workspace "
    "like\nthis one with the plan drafted. Or fill this one in by hand: put the document's text "
    "in\n`data/source/plan.txt`, replace every placeholder （…） in `data/tasks.yaml`, add the "
    "sections\nand tasks, and run `kpi validate` here until it finds no problem.")
START_DRAFT = N_(
    "To start: `data/tasks.yaml` is a draft of `data/{source}`. Check each part marked "
    "`review: draft`\nagainst the document, correct it and delete its review line; `kpi validate` "
    "(run here) lists\nwhat is left, and `kpi targets` and `kpi status` already work on the "
    "draft.")
GITIGNORE_LOCK = N_("kpi's lock file (also ignored by data/progress/.gitignore)")


def readme(name: str, start: str) -> str:
    """The workspace's README.md in the language of the run: ``start`` its first step."""
    return "\n\n".join([f"# {name}", _(README_INTRO), _(README_FILES), start, _(README_MONTH),
                         _(README_GIT)]) + "\n"


def gitignore() -> str:
    return f"# {_(GITIGNORE_LOCK)}\n.kpi.lock\n.venv/\n__pycache__/\n"


def create(target: Path, today: dt.date, plan: str | None = None,
           sources: Mapping[str, bytes] | None = None) -> list[str]:
    """Make the workspace in ``target`` (new, or an empty folder); return the paths written,
    relative to it. ``plan`` is the text of ``data/tasks.yaml`` (a draft; else the stub to fill
    in) and ``sources`` the files of ``data/source/`` by name (else an empty plan.txt)."""
    try:
        return _create(target, today, plan, sources)
    except OSError as exc:  # a name too long for the system, say: one line, never a traceback
        raise KpiError(_("cannot create {target}: {why}").format(
            target=_shown(target), why=os_reason(exc))) from None


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
            raise KpiError(_("cannot read {target}: {strerror}").format(
                target=target, strerror=os_reason(exc))) from None
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
    start = _(START_EMPTY) if plan is None else _(START_DRAFT).format(
        source=f"{SOURCE_DIR}/{first}")
    files: dict[str, str | bytes] = {
        "README.md": readme(target.resolve().name or _("kpi workspace"), start),
        ".gitignore": gitignore(),
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
            target=_shown(target), why=os_reason(exc))) from None
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
            target=_shown(target), why=os_reason(exc))) from None
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
