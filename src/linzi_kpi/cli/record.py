"""Commands that record: ``record`` (one figure, or a file of them), ``mark`` (a task's state)
and ``import`` (filled-in returns). The workflow is ``recording``'s and ``importing``'s; here,
the options and what is printed."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import OptionError, UsageError
from ..i18n import _
from .common import DataDir, command, complete_target, opened, out, today

if TYPE_CHECKING:
    from ..api import Kpi, Recorded
    from ..model import Plan
    from ..workspace import Workspace


class RecordFormat(str, Enum):
    text = "text"
    json = "json"


SourceOpt = Annotated[str, typer.Option("--source", help="Where the figure comes from, e.g. 区统计局月报.")]
NoteOpt = Annotated[str, typer.Option("--note", help="A note kept with the record.")]
ByOpt = Annotated[str | None, typer.Option(
    "--by", show_default=False, help="Who records it [default: $KPI_USER or the login name].")]
DateOpt = Annotated[str | None, typer.Option(
    "--date", metavar="YYYY-MM-DD", show_default=False,
    help="The day the figure refers to [default: today].")]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Check and show, but write nothing.")]
FileOpt = Annotated[str | None, typer.Option(
    "--file", metavar="NAME.csv", show_default=False,
    help="Ledger file under progress/ [default: the figure month, e.g. 2023-06.csv].")]
RecordFormatOpt = Annotated[RecordFormat, typer.Option("--format", "-f", help="Output form.")]
ForceOpt = Annotated[bool, typer.Option(
    "--force", help="Record a figure that looks implausible for its unit (0.95 for a 95 % "
                    "target, 120 %, 3.5 个); the record's note keeps [--force].")]


@command
def record(
    target: Annotated[str | None, typer.Argument(
        help="Target id, e.g. 23.1.", show_default=False, autocompletion=complete_target)] = None,
    value: Annotated[str | None, typer.Argument(
        help="The actual figure, in the target's unit.", show_default=False)] = None,
    date: DateOpt = None,
    source: SourceOpt = "",
    note: NoteOpt = "",
    by: ByOpt = None,
    from_file: Annotated[Path | None, typer.Option(
        "--from", metavar="FILE", show_default=False,
        help="Record every row of a CSV file (target,value,date[,source,note,by]) or of a "
             "workbook (.xlsx, .xls, .ods), read as kpi import reads it: all or nothing.")] = None,
    encoding: Annotated[str | None, typer.Option(
        "--encoding", show_default=False,
        help="Text encoding of a --from CSV file, e.g. gbk [default: detected: BOM, UTF-8, "
             "else GBK].")] = None,
    file: FileOpt = None,
    dry_run: DryRunOpt = False,
    force: ForceOpt = False,
    corrects: Annotated[bool, typer.Option(
        "--corrects", help=_("The figure corrects the figures on record for this target and "
                             "date (from any source): they no longer disagree with it."))] = False,
    format: RecordFormatOpt = RecordFormat.text,
    data_dir: DataDir = None,
) -> None:
    """Append an actual figure to the progress ledger, and print the target's new standing.

    A level's baseline (上年末数) is a figure dated on or before the period start, e.g.
    kpi record 3.2 150 --date 2022-12-31 --source 2022年末数. A rate (kind: rate) takes the
    rate so far this year, which may be negative: kpi record 1.3 -1.2 --date 2023-06-30.

    \b
    Examples:
      kpi record 23.1 600 --date 2023-06-30 --source 区交通运输局月报
      kpi record --from june.csv
    """
    if from_file is not None and (target is not None or value is not None):
        raise OptionError(_("give either TARGET VALUE or --from FILE, not both"))
    if from_file is None and (target is None or value is None):
        raise OptionError(_("give TARGET VALUE (e.g. kpi record 23.1 600), or --from FILE.csv"))
    if from_file is not None and date is not None:
        raise OptionError(_("--date goes with TARGET VALUE; in --from FILE.csv each row has its date"))
    if from_file is None and encoding is not None:
        raise OptionError(_("--encoding goes with --from FILE.csv"))
    if from_file is not None and corrects:
        raise OptionError(_("--corrects goes with TARGET VALUE; in a return, the column 更正 "
                           "marks a correction"))
    if from_file is not None:
        # one reader for every tabular file: a return, read as kpi import reads it
        import_returns([from_file], dry_run=dry_run, encoding=encoding, by=by, file=file,
                       format=format, data_dir=data_dir, force=force)
        return
    assert target is not None and value is not None
    kpi = opened(data_dir)
    day = date if date is not None else today().isoformat()  # --date "" is an error
    _record(kpi, target, value, day, file=file, dry_run=dry_run, format=format, source=source,
            note=note, by=by, force=force, corrects=corrects)


def complete_state(incomplete: str) -> list[str]:
    from ..words import state_words

    return [name for name in state_words() if name.startswith(incomplete)]


@command
def mark(
    task: Annotated[str, typer.Argument(help="Task number, e.g. 19.", show_default=False,
                                        autocompletion=complete_target)],
    state: Annotated[str, typer.Argument(
        help="The task's state: not_started, in_progress, done, blocked, or 未开始, 进行中, "
        "已完成, 受阻.", show_default=False, autocompletion=complete_state)],
    date: DateOpt = None,
    source: SourceOpt = "",
    note: NoteOpt = "",
    by: ByOpt = None,
    file: FileOpt = None,
    dry_run: DryRunOpt = False,
    format: RecordFormatOpt = RecordFormat.text,
    data_dir: DataDir = None,
) -> None:
    """Record the state of a task that carries no number: not_started, in_progress, done, blocked
    (or their labels 未开始, 进行中, 已完成, 受阻).

    Example:  kpi mark 19 进行中 --date 2023-06-30 --note 专项债已申报
    """
    from ..dates import half_width
    from ..values import parse_state

    try:
        chosen = parse_state(state)
    except ValueError as exc:
        raise OptionError(_("STATE: {exc}").format(exc=exc)) from None

    kpi = opened(data_dir)
    if any(t.id == half_width(task).strip() for _, t in kpi.plan.targets()):
        raise UsageError(_("{task} is a target: record its figure with kpi record {task} VALUE").format(task=task))
    day = date if date is not None else today().isoformat()  # --date "" is an error
    _record(kpi, task, chosen.value, day, file=file, dry_run=dry_run, format=format,
            source=source, note=note, by=by)


def _record(kpi: Kpi, target: str, value: str, day: str, *, file: str | None, dry_run: bool,
            format: RecordFormat, source: str, note: str, by: str | None, force: bool = False,
            corrects: bool = False) -> None:
    """One figure or state, recorded by the library (``Kpi.record``) with signals held back
    until it is acknowledged."""
    from ..api import Interrupts

    with Interrupts() as interrupts:
        done = kpi.record(target, value, day, source=source, note=note, by=by, dry_run=dry_run,
                          corrects=corrects, force=force, file=file,
                          interrupts=interrupts).unwrap()
        acknowledge(kpi.workspace, kpi.plan, done, dry_run, format, {})


def check_file_name(file: str | None) -> None:
    from ..values import check_ledger_name

    if file is not None:
        try:
            check_ledger_name(file)
        except ValueError as exc:
            raise UsageError(str(exc)) from None


@command
def import_(
    sources: Annotated[list[Path], typer.Argument(
        metavar="FILE…", show_default=False,
        help="Returns: filled-in templates or any sheets with the columns of kpi record --from, "
             "as .xlsx, .xls, .ods or .csv; any number of them.")],
    dry_run: DryRunOpt = False,
    encoding: Annotated[str | None, typer.Option(
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


def import_returns(sources: list[Path], *, dry_run: bool, encoding: str | None,
                   by: str | None, file: str | None, format: RecordFormat,
                   data_dir: Path | None, force: bool = False) -> None:
    """``kpi import``, and ``kpi record --from`` (one reader for every tabular file)."""
    import sys

    from ..api import Interrupts
    from ..files.intake import check_sources

    check_file_name(file)
    check_sources(sources)  # usage faults, before the workspace is looked for
    kpi = opened(data_dir)
    ws, plan = kpi.workspace, kpi.plan
    # Ctrl-C stops the reading of the returns at once; held back from the recording on
    with Interrupts(now=False) as interrupts:
        done = kpi.import_returns(sources, encoding=encoding, by=by, dry_run=dry_run, file=file,
                                  force=force, say=lambda line: sys.stderr.write(line + "\n"),
                                  interrupts=interrupts).unwrap()
        if done.per_return is None:
            acknowledge(ws, plan, done, dry_run, format, done.summary, done.tail, always=True)
        else:
            acknowledge(ws, plan, done, dry_run, format, done.summary, done.tail,
                        per_record=False, before=done.per_return)


def acknowledge(ws: Workspace, plan: Plan, done: Recorded, dry_run: bool, format: RecordFormat,
                extra: dict[str, object], tail: str = "", per_record: bool = True, before: Sequence[str] = (),
                always: bool = False) -> None:
    """What a recording says: each new record's standing (or the ``before`` lines), then where
    they went (and ``tail``), and what was already there. Once records are durable, failing to
    print this does not fail the command."""
    from ..render.standing import acknowledgements

    shown = ws.show(done.path) if done.path is not None else None
    results, lines = acknowledgements(plan, done.outcomes)
    with _printed_after(dry_run or not done.records,
                        _("{n} recorded in {shown}").format(n=len(done.records), shown=shown)):
        _say_recorded(done, results, lines if per_record else before, shown, dry_run, format,
                      extra, tail, always)


def _say_recorded(done: Recorded, results: list[dict[str, object]], lines: Sequence[str],
                  shown: str | None, dry_run: bool, format: RecordFormat, extra: dict[str, object],
                  tail: str, always: bool) -> None:
    from ..recording import already_note
    from ..render.rows import to_json

    if format is RecordFormat.json:
        out(to_json({"dry_run": dry_run, "file": shown, **extra,
                     "already_recorded": len(done.already), "repeated_rows": done.repeated,
                     "recorded": results,
                     "recording": None if dry_run else done.ids or None}) + "\n")
        return
    from ..i18n import ngettext

    if done.records and not dry_run and _on_terminal():
        _say_recording(done.recording)
    repeated = ngettext("; {n} repeated row of the return counted once",
                        "; {n} repeated rows of the return counted once", done.repeated).format(
        n=done.repeated) if done.repeated else ""
    already = _("; ") + already_note(done.already) if done.already else ""
    for line in lines:
        out(line + "\n")
    if not done.records:
        out(_("nothing recorded{tail}: {already_note}{repeated}")
             .format(tail=tail, already_note=already_note(done.already), repeated=repeated) + "\n")
    elif always or len(done.records) > 1 or dry_run or already or repeated or tail:
        n = len(done.records)
        head = (_("would record {n} in {shown}") if dry_run else _("recorded {n} in {shown}"))
        out(head.format(n=n, shown=shown) + tail + already + repeated + "\n")


def _on_terminal() -> bool:
    """Whether a person reads stderr: the recording's id is said there, not to a script or a
    log (which reads the id from ``--format json``, or from ``kpi log``)."""
    import sys

    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _say_recording(recording: str) -> None:
    """The recording's id, said after the confirmation to a person at a terminal (on stderr:
    the confirmation on stdout is what scripts read, unchanged): the handle ``kpi withdraw``
    takes."""
    import sys

    sys.stderr.write(_("recording {id} (to take it back: kpi withdraw {id} --note WHY)")
                     .format(id=recording) + "\n")


@command
def withdraw(
    what: Annotated[str, typer.Argument(
        metavar="ID|TARGET", show_default=False, autocompletion=complete_target,
        help=_("A recording id (kpi log shows them), or a target id or task number with "
               "--date."))],
    note: Annotated[str, typer.Option("--note", show_default=False,
                                      help=_("Why it is withdrawn (kept with the withdrawal)."))],
    date: Annotated[str | None, typer.Option(
        "--date", metavar="YYYY-MM-DD", show_default=False,
        help=_("With a target: withdraw its figures dated this day."))] = None,
    by: ByOpt = None,
    file: FileOpt = None,
    dry_run: DryRunOpt = False,
    format: RecordFormatOpt = RecordFormat.text,
    data_dir: DataDir = None,
) -> None:
    """Withdraw a recording (every figure it recorded) or one target's figures on a day, by
    appending withdrawal records: nothing already in the ledger changes. A withdrawn figure
    counts nowhere; kpi log and kpi history show it struck out. Recording the figure again
    restores it.

    \b
    Examples:
      kpi withdraw k3f9q2m8xa --note "the June return was imported as May"
      kpi withdraw 23.1 --date 2023-06-30 --note 数据来源有误
    """
    from ..api import Interrupts
    from ..recording import shown as figure
    from ..render.rows import record_row, to_json
    from ..values import parse_date

    check_file_name(file)
    day = None
    if date is not None:
        try:
            day = parse_date(date)
        except ValueError as exc:
            raise OptionError(_("--date: {exc}").format(exc=exc)) from None
    kpi = opened(data_dir)
    with Interrupts() as interrupts:
        done = kpi.withdraw(what, note=note, date=day, by=by, dry_run=dry_run, file=file,
                            interrupts=interrupts).unwrap()
        shown = kpi.workspace.show(done.path) if done.path is not None else None
        with _printed_after(dry_run, _("{n} withdrawn in {shown}").format(
                n=len(done.figures), shown=shown)):
            if format is RecordFormat.json:
                out(to_json({"dry_run": dry_run, "file": shown, "recording": done.recording,
                             "withdrawn": [record_row(r) for r in done.figures]}) + "\n")
                return
            for r in done.figures:  # (a figure recorded before recordings had ids has none)
                said = (_("withdrawn: {target} {value} on {date} (recording {id})") if r.recording
                        else _("withdrawn: {target} {value} on {date}"))
                out(said.format(target=r.target, value=figure(r), date=r.date, id=r.recording)
                    + "\n")
            verb = _("would write") if dry_run else _("wrote")
            out(_("{verb} the withdrawal {id} in {file}").format(
                verb=verb, id=done.recording, file=shown) + "\n")


def _printed_after(dry_run: bool, what: str) -> contextlib.AbstractContextManager[object]:
    """Once records are durable, failing to print the confirmation does not fail the command."""
    from ..streams import durable

    return contextlib.nullcontext() if dry_run else durable(what)
