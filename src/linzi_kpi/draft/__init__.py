"""``kpi draft``: a work-plan document → a workspace holding its source and a plan to review.

``document`` finds the notice's metadata, the sections and the numbered tasks; ``departments``
and ``targets`` read each task's words; ``plan`` writes the draft. Only ``make`` touches files.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import KpiError, UsageError
from ..i18n import _
from ..workspace import PLAN_FILE, PROGRESS_DIR

if TYPE_CHECKING:
    from .plan import Draft


@dataclass(frozen=True)
class Drafted:
    plan_path: Path
    tasks: int
    sections: int
    targets: int
    departments: int
    notes: tuple[str, ...]


def draft_text(text: str, source: str, today: dt.date) -> tuple[Draft, str]:
    """The draft of a document's text: (Draft, tasks.yaml text). Raises when no task is found."""
    from . import document, plan

    doc = document.read(text)
    if not doc.tasks:
        raise KpiError(_("no numbered task found: looked for {TASK_FORMS}").format(TASK_FORMS=document.TASK_FORMS))
    drafted = plan.build(doc, source, today)
    return drafted, plan.render(drafted, source)


def make(source: Path, out: Path, source_display: str, out_display: str, today: dt.date) -> Drafted:
    """Read ``source``, write ``out``/tasks.yaml, ``out``/source/ and ``out``/progress/.

    Everything is read and drafted before anything is written; ``out`` must be new or empty.
    """
    from . import source as reader

    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        what = "is not empty" if out.is_dir() else "is a file"
        raise UsageError(_("--out {out_display} {what}; name a new or empty folder")
                          .format(out_display=out_display, what=what))
    text, how = reader.read(source, source_display)
    name = source.stem + ".txt"
    try:
        drafted, yaml_text = draft_text(text, f"source/{name}", today)
    except KpiError as exc:
        raise KpiError(f"{source_display}: {exc}") from None
    _self_check(yaml_text)
    notes = list(drafted.notes)
    if how not in ("utf-8", "docx"):
        notes.append(f"the document is {how} text; the copy in source/ is UTF-8")
    parent = out.parent if str(out.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=parent, prefix=".kpi-draft-"))
        try:
            (work / "source").mkdir()
            (work / PROGRESS_DIR).mkdir()
            (work / "source" / name).write_text(text, encoding="utf-8")
            if how == "docx":
                shutil.copyfile(source, work / "source" / source.name)
            (work / PLAN_FILE).write_text(yaml_text, encoding="utf-8")
            if out.exists():
                for child in work.iterdir():
                    os.replace(child, out / child.name)
                work.rmdir()
            else:
                os.replace(work, out)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
    except OSError as exc:
        raise KpiError(_("cannot write {out_display}: {strerror}")
                        .format(out_display=out_display, strerror=exc.strerror)) from None
    return Drafted(out / PLAN_FILE, len(drafted.tasks), len(drafted.doc.sections) or 1,
                   drafted.target_count, len(drafted.departments()), tuple(notes))


def _self_check(yaml_text: str) -> None:
    """The draft must load as a plan (with its drafts), so that kpi targets and status work on
    it: a failure here is a bug in kpi draft, said as such."""
    from pydantic import ValidationError

    from .. import schema, yamlio

    try:
        data, _ = yamlio.load(yaml_text)
        schema.validate(data)
    except (yamlio.YamlProblem, ValidationError) as exc:  # pragma: no cover - a bug
        raise KpiError(_("kpi draft wrote a plan that does not load ({exc}); please report this "
                         "with the document").format(exc=exc)) from None
