"""``kpi draft``: a work-plan document → a workspace with a plan to review."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import _
from .common import command, out, today


@command
def draft(
    source: Annotated[Path, typer.Argument(
        help="The plan document: plain text (UTF-8, GBK) or .docx.", show_default=False)],
    out_dir: Annotated[Path, typer.Option(
        "--out", "-o", show_default=False,
        help="A new or empty folder: it receives tasks.yaml, source/ and progress/.")],
) -> None:
    """Draft a plan (tasks.yaml) from a work-plan document, for a person to review.

    Every task and target is marked `review: draft` with its quote and why each guess was made;
    kpi validate lists the drafts until a reviewer has checked each and deleted its review line.

    Example:  kpi draft 2024年重点工作任务.docx --out plan-2024
    """
    from ..draft import make

    done = make(source, out_dir, str(source), str(out_dir), today())
    for note in done.notes:
        sys.stderr.write(_("note: {note}").format(note=note) + "\n")
    from ..i18n import ngettext

    sections = ngettext("{n} section", "{n} sections", done.sections).format(n=done.sections)
    out(_("drafted {plan_path}: {tasks} tasks in {sections}, {targets} targets, {departments} "
          "department names, all marked review: draft\nnext: check each against {value}, delete its "
          "review line, then run kpi validate --data-dir {out_dir}").format(
              plan_path=done.plan_path, tasks=done.tasks, sections=sections, targets=done.targets,
              departments=done.departments, value=out_dir / 'source', out_dir=out_dir) + "\n")
