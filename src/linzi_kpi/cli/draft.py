"""``kpi draft``: a work-plan document → a workspace with a plan to review."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import command, say_drafted, today


@command
def draft(
    source: Annotated[Path, typer.Argument(
        help="The plan document: plain text (UTF-8, GBK), .docx, a web page (.html, .htm), a "
             "task table (.xlsx, .xls, .ods, .csv) or a PDF (read with pdftotext, from "
             "poppler-utils).", show_default=False)],
    out_dir: Annotated[Path, typer.Option(
        "--out", "-o", show_default=False,
        help="A new or empty folder: it becomes a workspace, as kpi init makes one, with the "
             "draft in data/tasks.yaml and the document in data/source/.")],
) -> None:
    """Draft a plan (tasks.yaml) from a work-plan document, for a person to review.

    Every task and target is marked `review: draft` with its quote and why each guess was made;
    kpi validate lists the drafts until a reviewer has checked each and deleted its review line.

    Example:  kpi draft 2024年重点工作任务.docx --out plan-2024
    """
    from ..draft import make

    done = make(source, out_dir, str(source), f"--out {out_dir}", today())
    say_drafted(done, out_dir)
