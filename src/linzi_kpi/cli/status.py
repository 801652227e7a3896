"""``kpi status``: each target's standing against 序时进度."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..enums import Status
from ..errors import OptionError
from ..i18n import _
from .common import (
    AllowProblemsOpt,
    AsOfOpt,
    DataDir,
    DeptsOpt,
    Lang,
    LangOpt,
    ReportFormat,
    SectionOpt,
    TaskOpt,
    as_of_date,
    command,
    note_period_end,
    opened,
    warn_drafts,
    warn_left_out,
)
from .forms import show

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


def complete_status(incomplete: str) -> list[str]:
    from ..words import status_words

    return [name for name in status_words() if name.startswith(incomplete)]


def statuses(texts: list[str] | None) -> set[Status]:
    """``--status`` values, by code or any word output shows (off_track, 滞后, 落后)."""
    from ..words import parse_statuses

    try:
        return {s for text in texts or () for s in parse_statuses(text)}
    except ValueError as exc:
        raise OptionError(_("--status: {exc}").format(exc=exc)) from None


@command
def status(
    task: TaskOpt = None,
    section: SectionOpt = None,
    dept: DeptsOpt = None,
    status: Annotated[list[str] | None, typer.Option(
        "--status", help="Only targets with this status, by code or label: off_track or 滞后 "
        "(repeatable).", show_default=False, autocompletion=complete_status)] = None,
    as_of: AsOfOpt = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output form.")] = ReportFormat.table,
    needs_baseline: Annotated[bool, typer.Option(
        "--needs-baseline", help="Only levels without a baseline (缺基数), graded by their "
                                 "shortfall until one is recorded.")] = False,
    lang: LangOpt = Lang.zh,
    allow_problems: AllowProblemsOpt = False,
    data_dir: DataDir = None,
) -> None:
    """Show each target's completion against 序时进度, grouped by section.

    Statuses: met, on_track, at_risk, off_track, missed, no_data.

    Example:  kpi status --as-of 2023-06-30 --dept 区发改局 --status off_track
    """
    kpi = opened(data_dir)
    plan = kpi.plan
    warn_drafts(plan)
    wanted = statuses(status)
    when = as_of_date(as_of, plan)
    found = kpi.status(when, task=task, section=section, dept=dept, statuses=wanted,
                       needs_baseline=needs_baseline, allow_problems=allow_problems).unwrap()
    report, disputes = found.report, found.disputes
    note_period_end(as_of, plan)
    warn_left_out(found)
    note = ""
    if disputes:  # the mark (两个来源数值不同): under the table and the Markdown, on stderr for CSV
        from ..render.disputes import disputes_note

        note = disputes_note(disputes, lang.value)

    def csv() -> str:
        from ..render.rows import STANDING_FIELDS, standing_row, to_csv

        if note:  # CSV has no place for the mark
            import sys

            sys.stderr.write(_("warning: {message}").format(message=note) + "\n")
        return to_csv((standing_row(plan, s) for s in report.targets), STANDING_FIELDS)

    def markdown() -> str:
        from ..render.document import markdown
        from ..render.status import status_document

        return markdown(status_document(plan, report, report.tasks, lang.value, note))

    def table(screen: Console) -> RenderableType:
        from rich.console import Group
        from rich.text import Text

        from ..render.status import status_table

        drawn = status_table(plan, report, report.tasks, lang.value, screen)
        return Group(drawn, Text(note, style="yellow")) if note else drawn

    def data() -> dict[str, object]:
        from ..render.rows import report_object

        return report_object(plan, report, disputes)

    show(format, found.left_out, lang.value, data=data, csv=csv, markdown=markdown, table=table)
