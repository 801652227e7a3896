"""Commands of the monthly cycle: scorecards (``dept``), the fill-in template, ``export``,
``history`` and ``changes`` (the 催报 list and the bulletin are ``report.py``'s). Computation
is ``linzi_kpi.compute``'s, files ``linzi_kpi.files``', text out ``linzi_kpi.render``'s;
imports stay inside the commands.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import KpiError, OptionError, with_hint
from ..i18n import _
from .common import (
    AllowProblemsOpt,
    AsOfOpt,
    DataDir,
    DeptOpt,
    DeptsOpt,
    Lang,
    LangOpt,
    ReportFormat,
    SectionOpt,
    TaskOpt,
    ViewFormat,
    as_of_date,
    command,
    complete_department,
    complete_target,
    counted,
    every_record,
    note_period_end,
    parse_date,
    reporting_month,
    today,
    warn_left_out,
    workspace,
)
from .common import (
    out as echo,
)
from .forms import report_json, show

if TYPE_CHECKING:

    pass


# ------------------------------------------------------------------ dept


@command
def dept(
    name: Annotated[str | None, typer.Argument(
        help="A department, by its name or an alias; without one, every department.",
        show_default=False, autocompletion=complete_department)] = None,
    as_of: AsOfOpt = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output form.")] = ReportFormat.table,
    lang: LangOpt = Lang.zh,
    allow_problems: AllowProblemsOpt = False,
    data_dir: DataDir = None,
) -> None:
    """Department scorecards: counts per status of what each leads (牵头) and shares (责任).

    Without NAME: one row per department, ranked best first (the smallest share of its lines
    behind; what it owes and has not reported counts as behind). With NAME: its targets and
    tasks, split into 牵头 and 责任, graded as in kpi status.

    Example:  kpi dept 区发改局 --as-of 2023-06-30
    """
    from .. import service
    from ..compute.scorecard import department_detail, scorecards
    from ..render import cycle as render

    ws = workspace(data_dir)
    plan = service.open_plan(ws)
    when = as_of_date(as_of, plan)
    report, found = service.report(ws, plan, today(), when, allow_problems, keep=name is not None)
    warn_left_out(found)
    if name is None:
        cards = scorecards(plan, report)
        note_period_end(as_of, plan)
        from ..render.rows import to_csv

        show(format, found.left_out, lang.value,
             data=lambda: render.scorecards_object(when, cards),
             csv=lambda: to_csv((render.scorecard_row(c) for c in cards), render.SCORECARD_FIELDS),
             document=lambda: render.scorecards_document(cards, when, lang.value,
                                                         plan.plan.period_end))
        return
    from ..compute.timeline import latest_notes

    detail = department_detail(plan, report, name)
    notes = latest_notes(found.records, when, plan.plan.period_start)
    note_period_end(as_of, plan)
    from ..render.rows import to_csv

    show(format, found.left_out, lang.value,
         data=lambda: render.detail_object(plan, detail, when, notes),
         csv=lambda: to_csv(render.detail_rows(plan, detail), render.DETAIL_FIELDS),
         document=lambda: render.detail_document(detail, when, lang.value, plan.plan.period_end,
                                                 render.detail_notes(plan, detail, notes)))


# ------------------------------------------------------------------ template, export


@command
def template(
    out: Annotated[Path | None, typer.Argument(metavar="OUT.xlsx", help="The workbook to write.",
                                                  show_default=False)] = None,
    dept: DeptOpt = None,
    each_dept: Annotated[Path | None, typer.Option(
        "--each-dept", metavar="DIR", show_default=False,
        help="Write one workbook per department with work in the plan into DIR, named "
             "DEPARTMENT-YYYY-MM.xlsx by the reporting month.")] = None,
    month: Annotated[str | None, typer.Option(
        "--month", metavar="YYYY-MM", show_default=False,
        help="The reporting month in the names --each-dept gives [default: last month].")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite workbooks that exist.")] = False,
    data_dir: DataDir = None,
) -> None:
    """Write a fill-in workbook (月报模板) for one department, or for all: one row per target.

    Each row has the id, task, label, unit, target, deadline and the last recorded figure and
    date (grey, locked), and empty columns for the new figure, its date, source and note
    (yellow). The sheet is protected so that only the yellow cells take input. Fill it in,
    then load it with kpi import.

    \b
    Examples:
      kpi template --dept 区发改局 区发改局-2023-06.xlsx
      kpi template --each-dept 2023-06/ --month 2023-06
    """
    from .. import service
    from ..files import spreadsheet
    from ..files.returns import template_rows
    from ..query import resolve_department

    if (out is None) == (each_dept is None):
        raise OptionError(_("give OUT.xlsx, or --each-dept DIR for one workbook per department"))
    if each_dept is not None and dept is not None:
        raise OptionError(_("--each-dept writes every department's workbook; leave out --dept"))
    if month is not None and each_dept is None:
        raise OptionError(_("--month names the workbooks of --each-dept"))
    if out is not None:
        if out.suffix.lower() != ".xlsx":
            raise OptionError(_("{out}: the template is an Excel workbook; name it *.xlsx").format(out=out))
        from ..files.output import check_output

        check_output(out)  # a device, a pipe, a folder or a link: refused, --force or not
        if os.path.exists(out) and not force:  # (False for a name too long: writing says so)
            raise KpiError(_("{out} exists (it may hold figures already filled in); choose another "
                             "name, or pass --force to overwrite it").format(out=out))
    ws = workspace(data_dir)
    from ..files.output import check_not_own

    for written in (out, each_dept):  # one of them, checked above
        if written is not None:
            check_not_own(ws, written)
    plan = service.open_plan(ws)
    day = today()
    found = service.read_ledger(ws, plan, day)
    warn_left_out(found)
    spreadsheet.openpyxl()  # fail before any work when it is missing
    if each_dept is not None:
        from ..files.templates import each_department

        each_department(plan, found.latest, each_dept, reporting_month(month, day, plan), day, force, echo,
                        found.baselines)
        return
    assert out is not None  # one of OUT.xlsx and --each-dept, checked above
    who = resolve_department(plan, dept) if dept is not None else None
    rows = template_rows(plan, found.latest, who, found.baselines)
    title = f"{who or '全部部门'} 月报填报表 — {plan.plan.title}（{day} 生成）"
    spreadsheet.write_template(out, rows, who or "全部部门", title,
                               (plan.plan.period_start, plan.plan.period_end))
    figures = sum(1 for r in rows if not r.is_state)
    echo(_("wrote {out}: {counted} and {counted2} without a number{value}\nfill in 本次数值 and 数据日期, "
           "then: kpi import {out}").format(out=out, counted=counted(figures, 'targets'),
                                            counted2=counted(len(rows) - figures, 'tasks'),
                                            value=_(" for {who}").format(who=who) if who else "")
         + "\n")


class ExportFormat(str, Enum):
    xlsx = "xlsx"
    csv = "csv"
    json = "json"


@command
def export(
    out: Annotated[str, typer.Argument(metavar="OUT", show_default=False,
                                       help="File to write; - for standard output (csv, json).")],
    format: Annotated[ExportFormat | None, typer.Option(
        "--format", "-f", show_default=False,
        help="Output form [default: from OUT's suffix].")] = None,
    as_of: AsOfOpt = None,
    allow_problems: AllowProblemsOpt = False,
    data_dir: DataDir = None,
) -> None:
    """Write the plan with its standing: every target's figure, progress, 序时进度 and status,
    and where its latest figure came from; a workbook also gets the tasks and a cover sheet.

    Example:  kpi export --format xlsx --as-of 2023-06-30 standing-2023-06.xlsx
    """
    from .. import service
    from ..render import export as render

    chosen = format
    if chosen is None:
        suffix = Path(out).suffix.lower().lstrip(".")
        if suffix not in {f.value for f in ExportFormat}:
            raise OptionError(_("cannot tell the format from {out!r}: pass --format xlsx, csv or "
                               "json").format(out=out))
        chosen = ExportFormat(suffix)
    if out == "-" and chosen is ExportFormat.xlsx:
        raise OptionError(_("a workbook cannot go to standard output: name a file"))
    as_of_date(as_of)  # a malformed --as-of is a usage error before any work
    if chosen is ExportFormat.xlsx:
        from ..files import spreadsheet

        spreadsheet.openpyxl()  # fail before any work when it is missing
    ws = workspace(data_dir)
    if out != "-":
        from ..files.output import check_not_own

        check_not_own(ws, Path(out))
    plan = service.open_plan(ws)
    from ..compute.timeline import latest_notes

    when = as_of_date(as_of, plan)
    report, found = service.report(ws, plan, today(), when, allow_problems, keep=True)
    note_period_end(as_of, plan)
    warn_left_out(found)
    latest = found.latest  # where each target's figure came from
    notes = latest_notes(found.records, when, plan.plan.period_start)
    disputes = service.disputed(found, latest)
    if chosen is ExportFormat.xlsx:
        from ..files import spreadsheet
        from ..files.printing import chinese_fonts

        spreadsheet.write_workbook(Path(out), render.workbook_sheets(plan, report, latest,
                                                                     found.left_out, notes,
                                                                     disputes))
        chinese_fonts(Path(out))
        echo(_("wrote {out}: {counted} and {counted2} as of {when}")
              .format(out=out, counted=counted(len(report.targets), 'targets'),
                      counted2=counted(len(report.tasks), 'tasks'), when=when) + "\n")
        return
    if chosen is ExportFormat.csv:
        from ..render.rows import to_csv

        text = to_csv(render.export_rows(plan, report, latest, notes), render.EXPORT_FIELDS)
        if disputes:  # CSV has no place for the mark (两个来源数值不同): stderr says it
            import sys

            from ..i18n import language
            from ..render.disputes import disputes_note

            sys.stderr.write(_("warning: {message}").format(
                message=disputes_note(disputes, language())) + "\n")
    else:
        text = report_json(render.export_object(plan, report, latest, notes, disputes),
                           found.left_out)
    if out == "-":
        echo(text)
        return
    from ..files.output import save_atomically

    save_atomically(Path(out), lambda p: p.write_text(text, encoding="utf-8", newline=""))
    echo(_("wrote {out}: {counted} as of {when}")
          .format(out=out, counted=counted(len(report.targets), 'targets'), when=when) + "\n")


# ------------------------------------------------------------------ history, changes


@command
def history(
    target: Annotated[str, typer.Argument(help="Target id, e.g. 23.1.", show_default=False,
                                          autocompletion=complete_target)],
    as_of: AsOfOpt = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f", help="Output form.")] = ViewFormat.table,
    lang: LangOpt = Lang.zh,
    allow_problems: AllowProblemsOpt = False,
    data_dir: DataDir = None,
) -> None:
    """Every figure of a target over time, a sparkline, the pace so far and where it leads.

    The projection runs at the pace so far to the deadline: an increment from zero at the
    period start, a level along the line through its first and latest figures.

    Example:  kpi history 23.1 --lang en
    """
    from ..compute.history import history as compute
    from ..ledger import RecordChecker, RecordError
    from ..render import cycle as render

    ws, plan, day, found = every_record(data_dir, allow_problems)
    try:
        key = RecordChecker(plan, day).check_key(target)
    except RecordError as exc:
        raise KpiError(with_hint(exc.message, exc.hint)) from None
    h = compute(plan, found.records, key, as_of_date(as_of, plan))
    note_period_end(as_of, plan)
    gone = [(r, w) for r, w in found.withdrawn if r.target == key and r.date <= h.as_of]
    show(format, found.left_out, lang.value,
         data=lambda: render.history_object(plan, h, lang.value, gone),
         document=lambda: render.history_document(plan, h, lang.value, gone))


@command
def changes(
    start: Annotated[str, typer.Argument(metavar="FROM", show_default=False,
                                         help="The earlier as-of date, YYYY-MM-DD.")],
    end: Annotated[str, typer.Argument(metavar="TO", show_default=False,
                                       help="The later as-of date, YYYY-MM-DD.")],
    task: TaskOpt = None,
    section: SectionOpt = None,
    dept: DeptsOpt = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f", help="Output form.")] = ViewFormat.table,
    lang: LangOpt = Lang.zh,
    allow_problems: AllowProblemsOpt = False,
    data_dir: DataDir = None,
) -> None:
    """What changed between two as-of dates: status moves, new figures, and what went
    unreported (未报送: no figure dated in TO's month).

    Example:  kpi changes 2023-05-31 2023-06-30 --dept 区发改局
    """
    from ..compute.changes import changes as compute
    from ..query import select_tasks
    from ..render import cycle as render

    first, last = parse_date(start, "FROM"), parse_date(end, "TO")
    assert first is not None and last is not None
    if first >= last:
        raise OptionError(_("FROM ({first}) must be before TO ({last})").format(first=first,
                                                                              last=last))
    ws, plan, day, found = every_record(data_dir, allow_problems)
    chosen = select_tasks(plan, task=task, section=section, dept=dept)
    c = compute(plan, found.records, first, last, chosen)
    show(format, found.left_out, lang.value, data=lambda: render.changes_object(plan, c),
         document=lambda: render.changes_document(plan, c, lang.value))
