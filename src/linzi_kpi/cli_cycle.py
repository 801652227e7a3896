"""Commands of the monthly cycle: scorecards, spreadsheet returns, history, changes, bulletin.

Registered on the one ``app`` of ``cli.py``; imports stay inside the commands, so that this
module (imported on every ``kpi`` start-up) costs next to nothing. The work is done by
``linzi_kpi.cycle`` (pure computation) and ``linzi_kpi.render`` (text out).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli import (
    ByOpt,
    AllowProblemsOpt,
    DataDir,
    DeptOpt,
    DeptsOpt,
    DryRunOpt,
    FileOpt,
    ForceOpt,
    Lang,
    LangOpt,
    ListFormat,
    RecordFormat,
    RecordFormatOpt,
    ReportFormat,
    SectionOpt,
    TaskOpt,
    _acknowledge,
    _warn_left_out,
    _check_file_name,
    _command,
    _complete_department,
    _complete_target,
    _date,
    _out,
    _console,
    _printed_after,
    _today,
    _workspace,
    app,
)
from .errors import KpiError, UsageError

AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", metavar="YYYY-MM-DD", show_default=False,
    help="Grade with the records dated on or before this day [default: today].")]


def _when(as_of: Optional[str]):
    return _date(as_of, "--as-of") or _today()


def _warn_skipped(found) -> None:
    if found.problems:
        n = len(found.problems)
        what = "1 ledger record was" if n == 1 else f"{n} ledger records were"
        sys.stderr.write(f"warning: {what} skipped as invalid "
                         "(run `kpi validate` for details)\n")


def _ledger(data_dir: Optional[Path], allow_problems: bool):
    """The workspace, the plan, today and every valid record of the ledger (in scan order).
    A ledger with problems stops the command unless ``allow_problems``."""
    from . import service

    ws = _workspace(data_dir)
    plan = service.open_plan(ws)
    today = _today()
    found = service.read_ledger(ws, plan, today, keep=True)
    service.usable(found, allow_problems)
    _warn_left_out(found)
    return ws, plan, today, found


# ------------------------------------------------------------------ dept


@app.command()
@_command
def dept(
    name: Annotated[Optional[str], typer.Argument(
        help="A department, by its name or an alias; without one, every department.",
        show_default=False, autocompletion=_complete_department)] = None,
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
    from . import service
    from .cycle.scorecard import department_detail, scorecards
    from .render import cycle as render

    ws = _workspace(data_dir)
    plan = service.open_plan(ws)
    when = _when(as_of)
    report, found = service.report(ws, plan, _today(), when, allow_problems)
    _warn_left_out(found)
    if name is None:
        cards = scorecards(plan, report)
        if format is ReportFormat.json:
            from .render.rows import to_json

            _out(to_json(render.scorecards_object(when, cards)) + "\n")
        elif format is ReportFormat.csv:
            from .render.rows import to_csv

            _out(to_csv((render.scorecard_row(c) for c in cards), render.SCORECARD_FIELDS))
        elif format is ReportFormat.markdown:
            _out(render.scorecards_markdown(cards, when, lang.value))
        else:
            _console().print(render.scorecards_table(cards, when, lang.value, plan.plan.period_end))
        return
    detail = department_detail(plan, report, name)
    if format is ReportFormat.json:
        from .render.rows import to_json

        _out(to_json(render.detail_object(plan, detail, when)) + "\n")
    elif format is ReportFormat.csv:
        from .render.rows import to_csv

        _out(to_csv(render.detail_rows(plan, detail), render.DETAIL_FIELDS))
    elif format is ReportFormat.markdown:
        _out(render.detail_markdown(detail, when, lang.value))
    else:
        console = _console()
        console.print(render.detail_table(detail, when, lang.value, console.width,
                                          plan.plan.period_end))


# ------------------------------------------------------------------ template, import, export


@app.command()
@_command
def template(
    out: Annotated[Optional[Path], typer.Argument(metavar="OUT.xlsx", help="The workbook to write.",
                                                  show_default=False)] = None,
    dept: DeptOpt = None,
    each_dept: Annotated[Optional[Path], typer.Option(
        "--each-dept", metavar="DIR", show_default=False,
        help="Write one workbook per department with work in the plan into DIR, named "
             "DEPARTMENT-YYYY-MM.xlsx by the reporting month.")] = None,
    month: Annotated[Optional[str], typer.Option(
        "--month", metavar="YYYY-MM", show_default=False,
        help="The reporting month in the names --each-dept gives [default: last month].")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite workbooks that exist.")] = False,
    data_dir: DataDir = None,
) -> None:
    """Write a fill-in workbook (月报模板) for one department, or for all: one row per target.

    Each row has the id, task, label, unit, target, deadline and the last recorded figure and
    date (grey, locked), and empty columns for the new figure, its date, source and note
    (yellow). The sheet is protected so that only the yellow cells take input. Fill it in,
    then load it with kpi import. Needs openpyxl: pip install 'linzi_kpi[xlsx]'.

    \b
    Examples:
      kpi template --dept 区发改局 区发改局-2023-06.xlsx
      kpi template --each-dept 2023-06/ --month 2023-06
    """
    from . import service
    from .cycle import spreadsheet
    from .cycle.returns import template_rows
    from .query import resolve_department

    if (out is None) == (each_dept is None):
        raise UsageError("give OUT.xlsx, or --each-dept DIR for one workbook per department")
    if each_dept is not None and dept is not None:
        raise UsageError("--each-dept writes every department's workbook; leave out --dept")
    if month is not None and each_dept is None:
        raise UsageError("--month names the workbooks of --each-dept")
    if out is not None:
        if out.suffix.lower() != ".xlsx":
            raise UsageError(f"{out}: the template is an Excel workbook; name it *.xlsx")
        if os.path.exists(out) and not force:  # (False for a name too long: writing says so)
            raise KpiError(f"{out} exists (it may hold figures already filled in); "
                           "choose another name, or pass --force to overwrite it")
    ws = _workspace(data_dir)
    plan = service.open_plan(ws)
    today = _today()
    found = service.read_ledger(ws, plan, today)
    _warn_skipped(found)
    spreadsheet.openpyxl()  # fail before any work when it is missing
    if each_dept is not None:
        from .cycle.templates import each_department

        each_department(plan, found.latest, each_dept, _month(month, today), today, force, _out,
                        found.baselines)
        return
    who = resolve_department(plan, dept) if dept is not None else None
    rows = template_rows(plan, found.latest, who, found.baselines)
    title = f"{who or '全部部门'} 月报填报表 — {plan.plan.title}（{today} 生成）"
    spreadsheet.write_template(out, rows, who or "全部部门", title,
                               (plan.plan.period_start, plan.plan.period_end))
    figures = sum(1 for r in rows if not r.is_state)
    _out(f"wrote {out}: {_counted(figures, 'targets')} and "
         f"{_counted(len(rows) - figures, 'tasks')} without a number"
         f"{' for ' + who if who else ''}\n"
         f"fill in 本次数值 and 数据日期, then: kpi import {out}\n")


def _counted(n: int, noun: str) -> str:
    from .render.labels import counted

    return counted(n, noun)


def _month(text: Optional[str], today):
    """``--month YYYY-MM``, or the month before today's (a return in early July reports June)."""
    import datetime as dt
    import re

    if text is None:
        from .cycle.timeline import previous_month_end

        return previous_month_end(today).replace(day=1)
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}", text.strip()):
        raise UsageError(f"--month {text!r} is not in the form YYYY-MM, e.g. 2023-06")
    try:
        return dt.date.fromisoformat(text.strip() + "-01")
    except ValueError:
        raise UsageError(f"--month {text!r} is not a month") from None


@app.command("import")
@_command
def import_(
    sources: Annotated[list[Path], typer.Argument(
        metavar="FILE…", show_default=False,
        help="Returns: filled-in templates or any sheets with the columns of kpi record --from, "
             "as .xlsx, .xls, .ods or .csv; any number of them.")],
    dry_run: DryRunOpt = False,
    encoding: Annotated[Optional[str], typer.Option(
        "--encoding", show_default=False,
        help="Text encoding of a CSV file, e.g. gbk [default: detected: BOM, UTF-8, else GBK].")] = None,
    by: ByOpt = None,
    file: FileOpt = None,
    force: ForceOpt = False,
    format: RecordFormatOpt = RecordFormat.text,
    data_dir: DataDir = None,
) -> None:
    """Record every figure of the returned workbooks or CSV files: all or nothing, across all
    of them.

    Reads every sheet whose header row names a target (编号), a value (本次数值) and a date
    (数据日期); source (数据来源), note (备注), by (填报人), unit (单位) and a level's
    baseline (上年末数) are optional.
    Rows whose fill-in cells are all empty are skipped and counted. Every row goes through the
    checks of kpi record; if any row of any file is bad, or a file cannot be read, each problem
    is reported (file, sheet, row and column) and nothing is recorded. Reads .xlsx, .ods
    (LibreOffice) and .xls (Excel 97-2003); WPS's .et must be saved as .xlsx first.

    \b
    Examples:
      kpi import 区发改局-2023-06.xlsx --dry-run
      kpi import returns/*.xlsx returns/*.ods
      kpi import june.csv --encoding gbk
    """
    import_returns(sources, dry_run=dry_run, encoding=encoding, by=by, file=file, format=format,
                   data_dir=data_dir, force=force)


def import_returns(sources: list[Path], *, dry_run: bool, encoding: Optional[str],
                   by: Optional[str], file: Optional[str], format: RecordFormat,
                   data_dir: Optional[Path], force: bool = False) -> None:
    """``kpi import``, and ``kpi record --from`` given a workbook: every return read, then
    recorded all or nothing across them through ``recording`` (nothing counted twice)."""
    from . import recording, service
    from .cycle.intake import check_sources, read_all
    from .workspace import default_author

    _check_file_name(file)
    check_sources(sources)
    ws = _workspace(data_dir)
    plan = service.open_plan(ws)
    intake = read_all(sources, encoding, by if by is not None else default_author(),
                      baseline_date=plan.plan.period_start - dt.timedelta(days=1))
    for note in intake.notes:
        sys.stderr.write(note + "\n")
    single = len(sources) == 1
    if single and intake.faults:
        raise KpiError(intake.faults[0][1])
    rows = intake.rows

    def skipped(blank: int) -> str:
        return f"; {blank} blank {'row' if blank == 1 else 'rows'} skipped" if blank else ""

    if single and not rows:
        only = intake.returns[0]
        raise KpiError(f"{only.display}: no figures to record{skipped(only.found.blank)}")
    files = {r.index: Path(r.display).name for r in intake.returns}
    fields = [recording.sourced(replace(f, force=True) if force else f, files[i])
              for i, _, f in rows]

    def locate(i: int, column: str) -> str:
        return rows[i][1].at(column)

    def record(dry: bool, interrupts: recording.Interrupts | None = None) -> recording.Recorded:
        return recording.record_rows(ws, plan, fields, locate, today=_today(), file=file,
                                     dry_run=dry, is_return=True, interrupts=interrupts)

    if intake.faults:
        # each problem under its file, in the order the files were named
        lines = [(index, 0, f"error: {fault}") for index, fault in intake.faults]
        row_errors = 0
        try:
            record(True)
        except recording.RowErrors as exc:
            row_errors = len(exc.details)
            lines += [(rows[i][0], 1 + i, f"error: {text}") for i, text in zip(exc.rows, exc.details)]
        sys.stderr.write("".join(text + "\n" for _, _, text in sorted(lines)))
        parts = [f"{len(intake.faults)} of {len(sources)} returns cannot be read"]
        if row_errors:
            parts.append(f"{row_errors} of {len(rows)} rows are invalid")
        raise KpiError(" and ".join(parts) + "; nothing was recorded")
    for r in intake.returns:
        if not single and not r.found.rows:
            sys.stderr.write(f"warning: {r.display}: no figures to record"
                             f"{skipped(r.found.blank)}\n")
    if not rows:
        raise KpiError(f"no figures to record in {len(sources)} returns")
    summaries = [{"source": r.display, "sheets": r.found.sheets,
                  "skipped_sheets": r.found.skipped, "encoding": r.encoding or None,
                  "blank_rows": r.found.blank, "count": len(r.found.rows)}
                 for r in intake.returns]
    extra: dict[str, object] = {}
    if single:
        extra = {key: summaries[0][key] for key in ("source", "sheets", "skipped_sheets",
                                                    "encoding", "blank_rows")}
    extra["returns"] = summaries
    with recording.Interrupts() as interrupts:
        done = record(dry_run, interrupts)
        if single:
            _acknowledge(ws, done, dry_run, format, extra, skipped(intake.returns[0].found.blank),
                         always=True)
            return
        per_return = []
        for r in intake.returns:
            if r.found.rows:
                count = len(r.found.rows)
                per_return.append(f"{r.display}: {count} {'figure' if count == 1 else 'figures'}"
                                  f"{skipped(r.found.blank)}")
        _acknowledge(ws, done, dry_run, format, extra, f" from {len(sources)} returns",
                     per_record=False, before=per_return)


class ExportFormat(str, Enum):
    xlsx = "xlsx"
    csv = "csv"
    json = "json"


@app.command()
@_command
def export(
    out: Annotated[str, typer.Argument(metavar="OUT", show_default=False,
                                       help="File to write; - for standard output (csv, json).")],
    format: Annotated[Optional[ExportFormat], typer.Option(
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
    from .grading import evaluate
    from .render import export as render

    chosen = format
    if chosen is None:
        suffix = Path(out).suffix.lower().lstrip(".")
        if suffix not in {f.value for f in ExportFormat}:
            raise UsageError(f"cannot tell the format from {out!r}: "
                             "pass --format xlsx, csv or json")
        chosen = ExportFormat(suffix)
    if out == "-" and chosen is ExportFormat.xlsx:
        raise UsageError("a workbook cannot go to standard output: name a file")
    ws, plan, today, found = _ledger(data_dir, allow_problems)
    when = _when(as_of)
    from .cycle.timeline import latest_as_of

    latest = latest_as_of(found.records, when, plan.plan.period_start)
    report = evaluate(plan, latest, when, found.baselines)
    if chosen is ExportFormat.xlsx:
        from .cycle import spreadsheet

        spreadsheet.write_workbook(Path(out), render.workbook_sheets(plan, report, latest))
        _out(f"wrote {out}: {_counted(len(report.targets), 'targets')} and "
             f"{_counted(len(report.tasks), 'tasks')} as of {when}\n")
        return
    if chosen is ExportFormat.csv:
        from .render.rows import to_csv

        text = to_csv(render.export_rows(plan, report, latest), render.EXPORT_FIELDS)
    else:
        from .render.rows import to_json

        text = to_json(render.export_object(plan, report, latest)) + "\n"
    if out == "-":
        _out(text)
        return
    from .cycle.output import save_atomically

    save_atomically(Path(out), lambda p: p.write_text(text, encoding="utf-8", newline=""))
    _out(f"wrote {out}: {_counted(len(report.targets), 'targets')} as of {when}\n")


# ------------------------------------------------------------------ history, changes


@app.command()
@_command
def history(
    target: Annotated[str, typer.Argument(help="Target id, e.g. 23.1.", show_default=False,
                                          autocompletion=_complete_target)],
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
    from .cycle.history import history as compute
    from .ledger import RecordChecker, RecordError
    from .render import cycle as render

    ws, plan, today, found = _ledger(data_dir, allow_problems)
    try:
        key = RecordChecker(plan, today).check_key(target)
    except RecordError as exc:
        raise KpiError(f"{exc.message} ({exc.hint})") from None
    h = compute(plan, found.records, key, _when(as_of))
    if format is ListFormat.json:
        from .render.rows import to_json

        _out(to_json(render.history_object(plan, h, lang.value)) + "\n")
        return
    _console().print(render.history_table(plan, h, lang.value))


class ChangesFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


@app.command()
@_command
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
    from .cycle.changes import changes as compute
    from .query import select_tasks
    from .render import cycle as render

    first, last = _date(start, "FROM"), _date(end, "TO")
    assert first is not None and last is not None
    if first >= last:
        raise UsageError(f"FROM ({first}) must be before TO ({last})")
    ws, plan, today, found = _ledger(data_dir, allow_problems)
    chosen = select_tasks(plan, task=task, section=section, dept=dept)
    c = compute(plan, found.records, first, last, chosen)
    if format is ChangesFormat.json:
        from .render.rows import to_json

        _out(to_json(render.changes_object(plan, c)) + "\n")
    elif format is ChangesFormat.markdown:
        _out(render.changes_markdown(plan, c, lang.value))
    else:
        _console().print(render.changes_table(plan, c, lang.value))


# ------------------------------------------------------------------ report


class BulletinFormat(str, Enum):
    markdown = "markdown"
    html = "html"


@app.command()
@_command
def report(
    html: Annotated[Optional[Path], typer.Option(
        "--html", metavar="OUT.html", show_default=False,
        help="Write the bulletin as one self-contained HTML page.")] = None,
    format: Annotated[Optional[BulletinFormat], typer.Option(
        "--format", "-f", show_default=False,
        help="Print the bulletin in this form [default: markdown].")] = None,
    as_of: AsOfOpt = None,
    since: Annotated[Optional[str], typer.Option(
        "--since", metavar="YYYY-MM-DD", show_default=False,
        help="Start of the 'what changed' part [default: end of the previous month].")] = None,
    allow_problems: AllowProblemsOpt = False,
    lang: LangOpt = Lang.zh,
    data_dir: DataDir = None,
) -> None:
    """The monthly bulletin (通报): overall counts, status by section, departments, each
    target's progress against 序时进度 with its trend, and what changed since last month.

    The HTML page is one file: styles and SVG charts inline, no network, no JavaScript; it
    prints on A4. Markdown carries the same tables, with text sparklines.

    \b
    Examples:
      kpi report --html 通报-2023-06.html --as-of 2023-06-30
      kpi report --format markdown > 通报.md
      kpi report --html bulletin-2023-06.html --lang en
    """
    from .cycle.bulletin import bulletin
    from .render import bulletin as render

    if html is not None and format is BulletinFormat.markdown:
        raise UsageError("--html writes HTML; leave out --format markdown, or --html")
    if html is not None and html.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"{html}: name the page *.html")
    when = _when(as_of)
    start = _date(since, "--since")
    if start is not None and start >= when:
        raise UsageError(f"--since ({start}) must be before the as-of date ({when})")
    ws, plan, today, found = _ledger(data_dir, allow_problems)
    b = bulletin(plan, found.records, when, start, left_out=found.left_out)
    if html is None:
        _out(render.html(b, lang.value) if format is BulletinFormat.html
             else render.markdown(b, lang.value))
        return
    from .cycle.output import save_atomically

    page = render.html(b, lang.value)
    save_atomically(html, lambda p: p.write_text(page, encoding="utf-8"))
    _out(f"wrote {html}: {_counted(len(b.targets), 'targets')} as of {when} "
         f"({len(page.encode('utf-8')) // 1024} KB, self-contained)\n")
