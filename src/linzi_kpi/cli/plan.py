"""Commands about the plan itself: ``validate``, ``targets``, ``schema``, ``init``."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import os_reason
from ..i18n import _
from .common import (
    DataDir,
    DeptsOpt,
    Lang,
    LangOpt,
    ListFormat,
    SectionOpt,
    TaskOpt,
    command,
    console,
    open_plan,
    out,
    recovered,
    say_drafted,
    today,
    warn_drafts,
)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


@command
def validate(
    data_dir: DataDir = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output form.")] = CheckFormat.text,
) -> None:
    """Check the plan and the progress ledger; report every problem with file, line and a fix.

    Exit status: 0 when valid, 1 when problems were found, 2 on a usage error.

    Example:  kpi validate --format github
    """
    from .. import api
    from ..inputs import line_reader
    from ..render import problems as render

    checked = api.validate(data_dir, say=recovered).unwrap()
    ws, found = checked.workspace, checked.problems
    if format is CheckFormat.json:
        for chunk in render.json_chunks(found):  # written as it is made
            sys.stdout.write(chunk)
        sys.stdout.flush()
    elif format is CheckFormat.github:
        out(render.github(found))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            try:
                with open(summary, "a", encoding="utf-8") as handle:
                    handle.write(render.github_summary(found))
            except OSError as exc:
                sys.stderr.write(_("warning: cannot write the step summary {summary}: {strerror}")
                                  .format(summary=summary, strerror=os_reason(exc)) + "\n")
    elif found:
        # only the lines the report quotes are read, each file once
        out(render.text(found, line_reader((p.file, p.line) for p in found)))
    else:
        out(_("{show} and {show2}/: no problems found")
             .format(show=ws.show(ws.plan_path), show2=ws.show(ws.progress_dir)) + "\n")
    if found:
        raise typer.Exit(1)


@command
def targets(
    task: TaskOpt = None,
    section: SectionOpt = None,
    dept: DeptsOpt = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output form.")] = ListFormat.table,
    lang: LangOpt = Lang.zh,
    data_dir: DataDir = None,
) -> None:
    """List the plan's numeric targets with their quote, number, unit and departments.

    Example:  kpi targets --dept 区卫生健康局 --format json
    """
    from ..query import select_tasks
    from ..render.rows import target_row, to_json

    plan = open_plan(data_dir)
    warn_drafts(plan)
    chosen = select_tasks(plan, task=task, section=section, dept=dept)
    rows = [target_row(plan, t, g) for t in chosen for g in t.targets]
    if format is ListFormat.json:
        out(to_json(rows) + "\n")
        return
    from ..render.labels import NOTHING
    from ..render.listing import targets_table

    if not rows:
        out(NOTHING[lang.value] + "\n")
        return
    console().print(targets_table(rows, lang.value))


@command
def schema() -> None:
    """Print the JSON Schema of the plan file, for editors and other tools.

    Example:  kpi schema > data/tasks.schema.json
    """
    from ..render.rows import to_json
    from ..schema import json_schema

    out(to_json(json_schema()) + "\n")


@command
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", show_default=False,
                                           help="A new or empty folder.")],
    from_document: Annotated[Path | None, typer.Option(
        "--from", metavar="DOCUMENT", show_default=False,
        help="Draft the plan from this document (text, .docx, a web page, a task table or a "
             "PDF), as kpi draft does, into the new workspace.")] = None,
) -> None:
    """Make a new workspace in DIR: a plan (data/tasks.yaml: drafted from a document with
    --from, else a stub to fill in), a folder for the plan document (data/source/), the ledger
    folder with its git settings (union merges, the lock ignored), a README and a .gitignore.
    Refuses a folder that is not empty. kpi draft DOCUMENT --out DIR makes the same workspace.

    \b
    Examples:
      kpi init 临淄区2024 --from 2024年重点工作任务.docx && cd 临淄区2024 && kpi validate
      kpi init 临淄区2024 && cd 临淄区2024 && git init && kpi validate
    """
    if from_document is not None:
        from ..draft import make

        say_drafted(make(from_document, folder, str(from_document), str(folder), today()),
                    folder)
        return
    from ..scaffold import create

    written = create(folder, today())
    out(_("wrote a new kpi workspace in {folder}:").format(folder=folder) + "\n"
        + "".join(f"  {name}\n" for name in written)
        + _("next: draft the plan from its document, kpi init FOLDER --from DOCUMENT (or kpi "
            "draft DOCUMENT --out FOLDER) into a new folder; or put its text in {source}, "
            "replace the placeholders （…） in {plan}, and run kpi validate in {folder}").format(
            source=f"{folder}/data/source/plan.txt", plan=f"{folder}/data/tasks.yaml",
            folder=folder) + "\n")
