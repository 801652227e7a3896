"""Commands of the monthly cycle: scorecards (``dept``), the fill-in template, ``export``,
``history``, ``changes`` and the bulletin (``report``). Computation is ``linzi_kpi.compute``'s,
files ``linzi_kpi.files``', text out ``linzi_kpi.render``'s; imports stay inside the commands.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import KpiError, UsageError, with_hint
from ..i18n import _
from .common import (
    AllowProblemsOpt,
    AsOfOpt,
    DataDir,
    DeptOpt,
    DeptsOpt,
    Lang,
    LangOpt,
    ListFormat,
    ReportFormat,
    SectionOpt,
    TaskOpt,
    as_of_date,
    command,
    complete_department,
    complete_target,
    console,
    counted,
    left_out_footer,
    parse_date,
    print_left_out,
    report_json,
    today,
    warn_left_out,
    workspace,
)
from .common import (
    out as echo,
)

if TYPE_CHECKING:
    import datetime as dt

    from ..ledger import Ledger
    from ..model import Plan
    from ..workspace import Workspace


def _records(data_dir: Path | None, allow_problems: bool
             ) -> tuple[Workspace, Plan, dt.date, Ledger]:
    """The workspace, the plan, today and every valid record of the ledger (in scan order)."""
    from .. import service

    ws = workspace(data_dir)
    plan = service.open_plan(ws)
    day = today()
    found = service.every_record(ws, plan, day, allow_problems)
    warn_left_out(found)
    return ws, plan, day, found


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

    Without NAME: one row per department, worst first (most missed, off_track, at_risk,
    no_data). With NAME: its targets and tasks, split into 牵头 and 责任, graded as in kpi status.

    Example:  kpi dept 区发改局 --as-of 2023-06-30
    """
    from .. import service
    from ..compute.scorecard import department_detail, scorecards
    from ..render import cycle as render

    ws = workspace(data_dir)
    plan = service.open_plan(ws)
    when = as_of_date(as_of)
    report, found = service.report(ws, plan, today(), when, allow_problems, keep=name is not None)
    warn_left_out(found)
    if name is None:
        cards = scorecards(plan, report)
        if format is ReportFormat.json:
            echo(report_json(render.scorecards_object(when, cards), found.left_out))
        elif format is ReportFormat.csv:
            from ..render.rows import to_csv

            echo(to_csv((render.scorecard_row(c) for c in cards), render.SCORECARD_FIELDS))
        elif format is ReportFormat.markdown:
            echo(render.scorecards_markdown(cards, when, lang.value))
            echo(left_out_footer(found.left_out, lang.value, markdown=True))
        else:
            screen = console()
            screen.print(render.scorecards_table(cards, when, lang.value, plan.plan.period_end))
            print_left_out(screen, found.left_out, lang.value)
        return
    from ..compute.timeline import latest_notes

    detail = department_detail(plan, report, name)
    notes = latest_notes(found.records, when, plan.plan.period_start)
    if format is ReportFormat.json:
        echo(report_json(render.detail_object(plan, detail, when, notes), found.left_out))
    elif format is ReportFormat.csv:
        from ..render.rows import to_csv

        echo(to_csv(render.detail_rows(plan, detail), render.DETAIL_FIELDS))
    elif format is ReportFormat.markdown:
        echo(render.detail_markdown(detail, when, lang.value,
                                    render.detail_notes(plan, detail, notes)))
        echo(left_out_footer(found.left_out, lang.value, markdown=True))
    else:
        screen = console()
        screen.print(render.detail_table(detail, when, lang.value, screen.width,
                                         plan.plan.period_end,
                                         render.detail_notes(plan, detail, notes)))
        print_left_out(screen, found.left_out, lang.value)


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
        raise UsageError(_("give OUT.xlsx, or --each-dept DIR for one workbook per department"))
    if each_dept is not None and dept is not None:
        raise UsageError(_("--each-dept writes every department's workbook; leave out --dept"))
    if month is not None and each_dept is None:
        raise UsageError(_("--month names the workbooks of --each-dept"))
    if out is not None:
        if out.suffix.lower() != ".xlsx":
            raise UsageError(_("{out}: the template is an Excel workbook; name it *.xlsx").format(out=out))
        if os.path.exists(out) and not force:  # (False for a name too long: writing says so)
            raise KpiError(_("{out} exists (it may hold figures already filled in); choose another "
                             "name, or pass --force to overwrite it").format(out=out))
    ws = workspace(data_dir)
    plan = service.open_plan(ws)
    day = today()
    found = service.read_ledger(ws, plan, day)
    warn_left_out(found)
    spreadsheet.openpyxl()  # fail before any work when it is missing
    if each_dept is not None:
        from ..files.templates import each_department

        each_department(plan, found.latest, each_dept, _month(month, day), day, force, echo,
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


def _month(text: str | None, day: dt.date) -> dt.date:
    """``--month YYYY-MM``, or the month before ``day``'s (a return in early July reports June)."""
    import datetime as dt
    import re

    if text is None:
        from ..compute.timeline import previous_month_end

        return previous_month_end(day).replace(day=1)
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}", text.strip()):
        raise UsageError(_("--month {text!r} is not in the form YYYY-MM, e.g. 2023-06").format(text=text))
    try:
        return dt.date.fromisoformat(text.strip() + "-01")
    except ValueError:
        raise UsageError(_("--month {text!r} is not a month").format(text=text)) from None


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
            raise UsageError(_("cannot tell the format from {out!r}: pass --format xlsx, csv or "
                               "json").format(out=out))
        chosen = ExportFormat(suffix)
    if out == "-" and chosen is ExportFormat.xlsx:
        raise UsageError(_("a workbook cannot go to standard output: name a file"))
    when = as_of_date(as_of)
    ws = workspace(data_dir)
    plan = service.open_plan(ws)
    from ..compute.timeline import latest_notes

    report, found = service.report(ws, plan, today(), when, allow_problems, keep=True)
    warn_left_out(found)
    latest = found.latest  # where each target's figure came from
    notes = latest_notes(found.records, when, plan.plan.period_start)
    if chosen is ExportFormat.xlsx:
        from ..files import spreadsheet
        from ..files.printing import chinese_fonts

        spreadsheet.write_workbook(Path(out), render.workbook_sheets(plan, report, latest,
                                                                     found.left_out, notes))
        chinese_fonts(Path(out))
        echo(_("wrote {out}: {counted} and {counted2} as of {when}")
              .format(out=out, counted=counted(len(report.targets), 'targets'),
                      counted2=counted(len(report.tasks), 'tasks'), when=when) + "\n")
        return
    if chosen is ExportFormat.csv:
        from ..render.rows import to_csv

        text = to_csv(render.export_rows(plan, report, latest, notes), render.EXPORT_FIELDS)
    else:
        text = report_json(render.export_object(plan, report, latest, notes), found.left_out)
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
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output form.")] = ListFormat.table,
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

    ws, plan, day, found = _records(data_dir, allow_problems)
    try:
        key = RecordChecker(plan, day).check_key(target)
    except RecordError as exc:
        raise KpiError(with_hint(exc.message, exc.hint)) from None
    h = compute(plan, found.records, key, as_of_date(as_of))
    if format is ListFormat.json:
        echo(report_json(render.history_object(plan, h, lang.value), found.left_out))
        return
    screen = console()
    screen.print(render.history_table(plan, h, lang.value))
    print_left_out(screen, found.left_out, lang.value)


class ChangesFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


@command
def changes(
    start: Annotated[str, typer.Argument(metavar="FROM", show_default=False,
                                         help="The earlier as-of date, YYYY-MM-DD.")],
    end: Annotated[str, typer.Argument(metavar="TO", show_default=False,
                                       help="The later as-of date, YYYY-MM-DD.")],
    task: TaskOpt = None,
    section: SectionOpt = None,
    dept: DeptsOpt = None,
    format: Annotated[ChangesFormat, typer.Option("--format", "-f", help="Output form.")] = ChangesFormat.table,
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
        raise UsageError(_("FROM ({first}) must be before TO ({last})").format(first=first, last=last))
    ws, plan, day, found = _records(data_dir, allow_problems)
    chosen = select_tasks(plan, task=task, section=section, dept=dept)
    c = compute(plan, found.records, first, last, chosen)
    if format is ChangesFormat.json:
        echo(report_json(render.changes_object(plan, c), found.left_out))
    elif format is ChangesFormat.markdown:
        echo(render.changes_markdown(plan, c, lang.value))
        echo(left_out_footer(found.left_out, lang.value, markdown=True))
    else:
        screen = console()
        screen.print(render.changes_table(plan, c, lang.value))
        print_left_out(screen, found.left_out, lang.value)


# ------------------------------------------------------------------ missing (催报)


@command
def missing(
    month: Annotated[str | None, typer.Option(
        "--month", metavar="YYYY-MM", show_default=False,
        help=_("The reporting month [default: last month]."))] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output form.")] = ListFormat.table,
    lang: LangOpt = Lang.zh,
    allow_problems: AllowProblemsOpt = False,
    data_dir: DataDir = None,
) -> None:
    """The 催报 list: per department, the targets and tasks it has not reported for the month,
    by name, one paragraph per department, ready to paste into a message.

    A line is owed by its task's first lead department (牵头), else its first responsible
    department that is not a collective name. Finished work (met, done) is never owed, nor a
    target whose deadline fell before the month.

    \b
    Examples:
      kpi missing --month 2023-06
      kpi missing --month 2023-06 --format json
    """
    from ..compute.owed import missing as compute
    from ..compute.owed import month_end
    from ..render import missing as render

    ws, plan, day, found = _records(data_dir, allow_problems)
    first = _month(month, day)
    owed = compute(plan, found.records, first)
    if format is ListFormat.json:
        echo(report_json(render.missing_object(owed, first, month_end(first)), found.left_out))
        return
    echo(render.paragraphs(owed, first, lang.value))


# ------------------------------------------------------------------ report


class BulletinFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    docx = "docx"


#: The form of the bulletin each file suffix names.
SUFFIXES = {".html": BulletinFormat.html, ".htm": BulletinFormat.html,
            ".md": BulletinFormat.markdown, ".markdown": BulletinFormat.markdown,
            ".docx": BulletinFormat.docx}


def _bulletin_target(out: Path | None, html: Path | None,
                     format: BulletinFormat | None) -> tuple[Path | None, BulletinFormat]:
    """The file to write (None: standard output) and the form, from OUT, --html and --format."""
    if html is not None:
        if out is not None:
            raise UsageError(_("give OUT or --html OUT.html, not both"))
        if format is not None and format is not BulletinFormat.html:
            raise UsageError(_("--html writes HTML; leave out --format {format}, or --html")
                             .format(format=format.value))
        if html.suffix.lower() not in (".html", ".htm"):
            raise UsageError(_("{html}: name the page *.html").format(html=html))
        return html, BulletinFormat.html
    if out is None:
        if format is BulletinFormat.docx:
            raise UsageError(_("a Word document cannot go to standard output: name a file, "
                               "e.g. kpi report --format docx 通报.docx"))
        return None, format or BulletinFormat.markdown
    named = SUFFIXES.get(out.suffix.lower())
    chosen = format or named
    if chosen is None:
        raise UsageError(_("cannot tell the form from {out}: name it *.docx, *.html or *.md, or "
                           "pass --format").format(out=out))
    if chosen is BulletinFormat.docx and named is not BulletinFormat.docx:
        raise UsageError(_("{out}: name the Word document *.docx").format(out=out))
    if chosen is BulletinFormat.html and named is not BulletinFormat.html:
        raise UsageError(_("{html}: name the page *.html").format(html=out))
    if chosen is BulletinFormat.markdown and named not in (None, BulletinFormat.markdown):
        raise UsageError(_("{out}: name the Markdown file *.md").format(out=out))
    return out, chosen


@command
def report(
    out: Annotated[Path | None, typer.Argument(
        metavar="[OUT]", show_default=False,
        help=_("Write the bulletin to this file: *.docx (Word), *.html or *.md; without it, "
               "print it."))] = None,
    html: Annotated[Path | None, typer.Option(
        "--html", metavar="OUT.html", show_default=False,
        help="Write the bulletin as one self-contained HTML page.")] = None,
    format: Annotated[BulletinFormat | None, typer.Option(
        "--format", "-f", show_default=False,
        help=_("The form: markdown, html or docx [default: from OUT's suffix, else "
               "markdown]."))] = None,
    dept: Annotated[str | None, typer.Option(
        "--dept", metavar="NAME", show_default=False, autocompletion=complete_department,
        help=_("One department's page: what it leads and shares, their standing, its notes, "
               "and what it still owes for the month."))] = None,
    as_of: AsOfOpt = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="YYYY-MM-DD", show_default=False,
        help="Start of the 'what changed' part [default: end of the previous month].")] = None,
    allow_problems: AllowProblemsOpt = False,
    lang: LangOpt = Lang.zh,
    data_dir: DataDir = None,
) -> None:
    """The monthly bulletin (通报): overall counts, status by section, the targets grouped by
    status with each department's latest note, what went unreported (by the department that
    owes it), the department ranking, each target's progress against 序时进度 with its trend,
    and what changed since last month.

    One report, written three ways: a Word document (A4, official margins, Chinese fonts) for
    the office to edit and issue; one self-contained HTML page (styles and SVG charts inline,
    no network, no JavaScript; readable on a phone, prints on A4); Markdown.

    \b
    Examples:
      kpi report --format docx 通报-2023-06.docx --as-of 2023-06-30
      kpi report --html 通报-2023-06.html --as-of 2023-06-30
      kpi report --dept 区发改局 区发改局-2023-06.docx
      kpi report --format markdown > 通报.md
      kpi report --html bulletin-2023-06.html --lang en
    """
    from ..compute.bulletin import bulletin
    from ..render import bulletin as render
    from ..render import bulletin_model, department_page, document

    target, chosen = _bulletin_target(out, html, format)
    when = as_of_date(as_of)
    start = parse_date(since, "--since")
    if start is not None and start >= when:
        raise UsageError(_("--since ({start}) must be before the as-of date ({when})").format(start=start, when=when))
    ws, plan, day, found = _records(data_dir, allow_problems)
    b = bulletin(plan, found.records, when, start, left_out=found.left_out)
    shown = counted(len(b.targets), "targets")
    if dept is not None:
        from ..query import resolve_department

        name = resolve_department(plan, dept)
        doc = department_page.build(b, name, lang.value)
        shown = _("the page of {name}").format(name=name)
    else:
        doc = bulletin_model.build(b, lang.value)
    if chosen is BulletinFormat.docx:
        from ..files.output import save_atomically
        from ..render import docx_writer

        assert target is not None  # refused above
        save_atomically(target, lambda p: docx_writer.write(doc, p))
        echo(_("wrote {out}: {targets} as of {when} ({kb} KB)\n").format(
            out=target, targets=shown, when=when, kb=max(1, target.stat().st_size // 1024)))
        return
    text = (render.write_html(doc, b) if chosen is BulletinFormat.html
            else document.markdown(doc))
    if target is None:
        echo(text)
        return
    from ..files.output import save_atomically

    save_atomically(target, lambda p: p.write_text(text, encoding="utf-8"))
    if chosen is BulletinFormat.html:
        echo(_("wrote {html}: {counted} as of {when} ({value} KB, self-contained)")
             .format(html=target, counted=shown, when=when,
                     value=len(text.encode("utf-8")) // 1024) + "\n")
    else:
        echo(_("wrote {out}: {targets} as of {when}\n").format(out=target, targets=shown,
                                                                when=when))
