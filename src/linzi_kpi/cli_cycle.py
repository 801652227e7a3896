"""Commands of the monthly cycle: scorecards, spreadsheet returns, history, changes, bulletin.

Registered on the one ``app`` of ``cli.py``; imports stay inside the commands, so that this
module (imported on every ``kpi`` start-up) costs next to nothing. The work is done by
``linzi_kpi.cycle`` (pure computation) and ``linzi_kpi.render`` (text out).
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli import (
    ByOpt,
    DataDir,
    DeptOpt,
    DryRunOpt,
    FileOpt,
    Lang,
    LangOpt,
    ListFormat,
    RecordFormat,
    RecordFormatOpt,
    ReportFormat,
    SectionOpt,
    TaskOpt,
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
        sys.stderr.write(f"warning: {len(found.problems)} ledger records were skipped as invalid "
                         "(run `kpi validate` for details)\n")


def _ledger(data_dir: Optional[Path]):
    """The workspace, the plan, today and every valid record of the ledger (in scan order)."""
    from . import service

    ws = _workspace(data_dir)
    plan = service.open_plan(ws)
    today = _today()
    found = service.read_ledger(ws, plan, today, keep=True)
    _warn_skipped(found)
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
    report, found = service.report(ws, plan, _today(), when)
    _warn_skipped(found)
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
            _console().print(render.scorecards_table(cards, when, lang.value))
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
        _console().print(render.detail_table(detail, when, lang.value))


# ------------------------------------------------------------------ template, import, export


@app.command()
@_command
def template(
    out: Annotated[Path, typer.Argument(metavar="OUT.xlsx", help="The workbook to write.",
                                        show_default=False)],
    dept: DeptOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUT.xlsx if it exists.")] = False,
    data_dir: DataDir = None,
) -> None:
    """Write a fill-in workbook (月报模板) for one department, or for all: one row per target.

    Each row has the id, task, label, unit, target, deadline and the last recorded figure and
    date (grey, locked), and empty columns for the new figure, its date, source and note
    (yellow). The sheet is protected so that only the yellow cells take input. Fill it in,
    then load it with kpi import. Needs openpyxl: pip install 'linzi_kpi[xlsx]'.

    Example:  kpi template --dept 区发改局 区发改局-2023-06.xlsx
    """
    from . import service
    from .cycle import spreadsheet
    from .cycle.returns import template_rows
    from .query import resolve_department

    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"{out}: the template is an Excel workbook; name it *.xlsx")
    if os.path.exists(out) and not force:  # (False for a name too long: writing says so)
        raise KpiError(f"{out} exists (it may hold figures already filled in); "
                       "choose another name, or pass --force to overwrite it")
    ws = _workspace(data_dir)
    plan = service.open_plan(ws)
    today = _today()
    who = resolve_department(plan, dept) if dept is not None else None
    found = service.read_ledger(ws, plan, today)
    _warn_skipped(found)
    rows = template_rows(plan, found.latest, who)
    spreadsheet.openpyxl()  # fail before any work when it is missing
    title = f"{who or '全部部门'} 月报填报表 — {plan.plan.title}（{today} 生成）"
    spreadsheet.write_template(out, rows, who or "全部部门", title,
                               (plan.plan.period_start, plan.plan.period_end))
    figures = sum(1 for r in rows if not r.is_state)
    _out(f"wrote {out}: {figures} targets and {len(rows) - figures} tasks without a number"
         f"{' for ' + who if who else ''}\n"
         f"fill in 本次数值 and 数据日期, then: kpi import {out}\n")


@app.command("import")
@_command
def import_(
    source: Annotated[Path, typer.Argument(
        metavar="FILE.xlsx|FILE.csv", show_default=False,
        help="A filled-in template, or any sheet with the columns of kpi record --from.")],
    dry_run: DryRunOpt = False,
    encoding: Annotated[Optional[str], typer.Option(
        "--encoding", show_default=False,
        help="Text encoding of a CSV file, e.g. gbk [default: detected: BOM, UTF-8, else GBK].")] = None,
    by: ByOpt = None,
    file: FileOpt = None,
    format: RecordFormatOpt = RecordFormat.text,
    data_dir: DataDir = None,
) -> None:
    """Record every figure of a returned workbook or CSV file: all or nothing.

    Reads every sheet whose header row names a target (编号), a value (本次数值) and a date
    (数据日期); source (数据来源), note (备注), by (填报人) and unit (单位) are optional.
    Rows whose fill-in cells are all empty are skipped and counted. Every row goes through the
    checks of kpi record; if any row is bad, each is reported (sheet, row and column) and
    nothing is recorded.

    \b
    Examples:
      kpi import 区发改局-2023-06.xlsx --dry-run
      kpi import june.csv --encoding gbk
    """
    from . import service
    from .cycle import spreadsheet
    from .cycle.returns import read_returns
    from .ledger import RecordChecker, now
    from .render.rows import to_json
    from .render.standing import acknowledgements
    from .values import check_ledger_name
    from .workspace import default_author

    if file is not None:
        try:
            check_ledger_name(file)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    ws = _workspace(data_dir)
    plan = service.open_plan(ws)
    today = _today()
    display = str(source)
    sheets, used = spreadsheet.read_sheets(source, display, encoding)
    if used == "gbk" and encoding is None:
        sys.stderr.write(f"note: {display} is not UTF-8; read it as GBK "
                         "(name another encoding with --encoding)\n")
    found = read_returns(display, sheets, by if by is not None else default_author())
    noun = "blank row" if found.blank == 1 else "blank rows"
    skipped = f"; {found.blank} {noun} skipped" if found.blank else ""
    if not found.rows:
        raise KpiError(f"{display}: no figures to record{skipped}")
    checker = RecordChecker(plan, today)
    numbered = list(enumerate(found.rows))
    records, errors = service.check_bulk(checker, [(i, f) for i, (_, f) in numbered], now())
    if errors:
        where = {i: w for i, (w, _) in numbered}
        sys.stderr.write("".join(f"error: {where[i].at(exc.column)}: {service.describe(exc)}\n"
                                 for i, exc in errors))
        raise KpiError(f"{len(errors)} of {len(found.rows)} rows are invalid; nothing was recorded")
    path = service.record(ws, records, file, dry_run)
    results, lines = acknowledgements(plan, records)
    shown = ws.show(path)
    with _printed_after(dry_run, f"{len(records)} recorded in {shown}"):
        if format is RecordFormat.json:
            _out(to_json({"dry_run": dry_run, "file": shown, "source": display,
                          "sheets": found.sheets, "skipped_sheets": found.skipped,
                          "encoding": used or None, "blank_rows": found.blank,
                          "recorded": results}) + "\n")
            return
        for line in lines:
            _out(line + "\n")
        verb = "would record" if dry_run else "recorded"
        _out(f"{verb} {len(records)} in {shown}{skipped}\n")


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
    data_dir: DataDir = None,
) -> None:
    """Write the plan with its standing: every target's figure, progress, 序时进度 and status,
    and where its latest figure came from; a workbook also gets the tasks and a cover sheet.

    Example:  kpi export --format xlsx --as-of 2023-06-30 standing-2023-06.xlsx
    """
    from .cycle.timeline import latest_as_of
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
    ws, plan, today, found = _ledger(data_dir)
    when = _when(as_of)
    latest = latest_as_of(found.records, when)
    report = evaluate(plan, latest, when)
    if chosen is ExportFormat.xlsx:
        from .cycle import spreadsheet

        spreadsheet.write_workbook(Path(out), render.workbook_sheets(plan, report, latest))
        _out(f"wrote {out}: {len(report.targets)} targets and {len(report.tasks)} tasks "
             f"as of {when}\n")
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
    _out(f"wrote {out}: {len(report.targets)} targets as of {when}\n")


# ------------------------------------------------------------------ history, changes


@app.command()
@_command
def history(
    target: Annotated[str, typer.Argument(help="Target id, e.g. 23.1.", show_default=False,
                                          autocompletion=_complete_target)],
    as_of: AsOfOpt = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output form.")] = ListFormat.table,
    lang: LangOpt = Lang.zh,
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

    ws, plan, today, found = _ledger(data_dir)
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
    dept: DeptOpt = None,
    format: Annotated[ChangesFormat, typer.Option("--format", "-f", help="Output form.")] = ChangesFormat.table,
    lang: LangOpt = Lang.zh,
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
    ws, plan, today, found = _ledger(data_dir)
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
    ws, plan, today, found = _ledger(data_dir)
    b = bulletin(plan, found.records, when, start)
    if html is None:
        _out(render.html(b) if format is BulletinFormat.html else render.markdown(b))
        return
    from .cycle.output import save_atomically

    page = render.html(b)
    save_atomically(html, lambda p: p.write_text(page, encoding="utf-8"))
    _out(f"wrote {html}: {len(b.targets)} targets as of {when} "
         f"({len(page.encode('utf-8')) // 1024} KB, self-contained)\n")
