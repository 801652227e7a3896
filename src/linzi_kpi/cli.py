"""The ``kpi`` command line: each command parses, calls the library, renders.

One error boundary (``_command``) turns a ``KpiError`` into one line on stderr and its exit code:
1 for bad data or a refused record, 2 for a usage error. Heavy modules are imported inside the
commands that need them, so that ``kpi record`` and ``kpi --help`` start quickly.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Callable, Optional, Sequence, TypeVar

import typer

from .enums import State, Status
from .errors import KpiError, UsageError

#: The app's help; ``main`` adds the title of the plan it finds (``kpi --help``).
HELP = "Track the numeric targets of a work plan against time-proportional progress (序时进度)."

app = typer.Typer(
    name="kpi",
    help=HELP,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., None])


def _command(fn: F) -> F:
    """The error boundary every command goes through."""

    @functools.wraps(fn)
    def wrapper(*args: object, **kwargs: object) -> None:
        try:
            fn(*args, **kwargs)
        except KpiError as exc:
            for line in getattr(exc, "details", ()):
                sys.stderr.write(f"error: {line}\n")
            _fail(str(exc), exc.code)
        except BrokenPipeError:
            # `kpi status | head`: the reader left; nothing more to say.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            _fail("interrupted", 130)

    return wrapper  # type: ignore[return-value]


def _fail(message: str, code: int) -> None:
    from .errors import one_line

    if message:  # (empty when stdout's reader left: `kpi status | head` ends quietly)
        sys.stderr.write(f"error: {one_line(message)}\n")
    raise typer.Exit(code)


# ------------------------------------------------------------------ shared options

DataDir = Annotated[
    Optional[Path],
    typer.Option("--data-dir", envvar="KPI_DATA_DIR", show_default=False,
                 help="Folder holding tasks.yaml and progress/ [default: ./data; env KPI_DATA_DIR]"),
]


class Lang(str, Enum):
    zh = "zh"
    en = "en"


LangOpt = Annotated[Lang, typer.Option("--lang", envvar="KPI_LANG",
                                       help="Language of headers and status labels.")]


def _check_environment() -> None:
    # Before a command's options are parsed: a KPI_LANG that is not a language is one line,
    # not a usage message about an option that was never typed.
    lang = os.environ.get("KPI_LANG")
    if lang and lang not in {choice.value for choice in Lang}:
        _fail(f"KPI_LANG={lang[:40]!r} is not a language kpi speaks: set it to "
              f"{' or '.join(choice.value for choice in Lang)}, or unset it", 2)


TaskOpt = Annotated[Optional[list[int]], typer.Option(
    "--task", help="Only this task number (repeatable: --task 1 --task 3).", show_default=False)]
SectionOpt = Annotated[Optional[list[int]], typer.Option(
    "--section", help="Only this section number (repeatable).", show_default=False)]


def _complete_department(incomplete: str) -> list[str]:
    from .completion import literal

    try:
        plan = _plan(None)
    except (KpiError, typer.Exit):
        return []
    # only names a shell takes literally: plan text must not run when a completion is entered
    return [name for name in plan.department_index() if name.startswith(incomplete)
            and literal(name)]


def _complete_target(incomplete: str) -> list[tuple[str, str]]:
    from .completion import literal

    try:
        plan = _plan(None)
    except (KpiError, typer.Exit):
        return []
    out = [(t.id, t.label) for _, t in plan.targets() if t.id.startswith(incomplete)]
    out += [(str(task.number), task.title) for task in plan.tasks if not task.targets
            and str(task.number).startswith(incomplete)]
    return [(word, help) for word, help in out if literal(word)]


DeptOpt = Annotated[Optional[str], typer.Option(
    "--dept", help="Only tasks this department leads or shares (aliases resolve).",
    show_default=False, autocompletion=_complete_department)]
DeptsOpt = Annotated[Optional[list[str]], typer.Option(
    "--dept", help="Only tasks this department leads or shares (aliases resolve; repeatable).",
    show_default=False, autocompletion=_complete_department)]


def _date(text: str | None, name: str) -> dt.date | None:
    if text is None:
        return None
    from .values import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise UsageError(f"{name}: {exc}") from None


def _workspace(data_dir: Path | None):
    from . import workspace

    return workspace.find(data_dir)


def _plan(data_dir: Path | None):
    from . import service

    return service.open_plan(_workspace(data_dir))


def _warn_drafts(plan) -> None:
    """A plan drafted by kpi draft and not yet reviewed is shown, and said to be a draft."""
    drafts = sum(1 for t in plan.tasks if t.review) + sum(1 for _, g in plan.targets() if g.review)
    if drafts:
        sys.stderr.write(f"warning: {drafts} tasks and targets are drafts not yet reviewed, "
                         "marked * (`kpi validate` lists them)\n")


def _today() -> dt.date:
    from .workspace import today

    return today()


def _out(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _console():
    from rich.console import Console

    # Everything printed is built as Text: no markup to parse, no :emoji: codes to replace.
    return Console(highlight=False, soft_wrap=False, markup=False, emoji=False)


# ------------------------------------------------------------------ validate


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
@_command
def validate(
    data_dir: DataDir = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output form.")] = CheckFormat.text,
) -> None:
    """Check the plan and the progress ledger; report every problem with file, line and a fix.

    Exit status: 0 when valid, 1 when problems were found, 2 on a usage error.

    Example:  kpi validate --format github
    """
    from . import service
    from .render import problems as render

    ws = _workspace(data_dir)
    found = service.validate(ws, _today())
    if format is CheckFormat.json:
        for chunk in render.json_chunks(found):  # written as it is made
            sys.stdout.write(chunk)
        sys.stdout.flush()
    elif format is CheckFormat.github:
        _out(render.github(found))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            try:
                with open(summary, "a", encoding="utf-8") as handle:
                    handle.write(render.github_summary(found))
            except OSError as exc:
                sys.stderr.write(f"warning: cannot write the step summary {summary}: "
                                 f"{exc.strerror}\n")
    elif found:
        _out(render.text(found, _line_reader(found)))
    else:
        _out(f"{ws.show(ws.plan_path)} and {ws.show(ws.progress_dir)}/: no problems found\n")
    if found:
        raise typer.Exit(1)


def _line_reader(found) -> Callable[[str, int], Optional[str]]:
    from .inputs import line_reader

    # only the lines the report quotes are read, each file once
    return line_reader((p.file, p.line) for p in found)


# ------------------------------------------------------------------ targets


class ListFormat(str, Enum):
    table = "table"
    json = "json"


@app.command()
@_command
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
    from .query import select_tasks
    from .render.rows import target_row, to_json

    plan = _plan(data_dir)
    _warn_drafts(plan)
    chosen = select_tasks(plan, task=task, section=section, dept=dept)
    rows = [target_row(plan, t, g) for t in chosen for g in t.targets]
    if format is ListFormat.json:
        _out(to_json(rows) + "\n")
        return
    from .render.labels import NOTHING
    from .render.listing import targets_table

    if not rows:
        _out(NOTHING[lang.value] + "\n")
        return
    _console().print(targets_table(rows, lang.value))


# ------------------------------------------------------------------ status


class ReportFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def _complete_status(incomplete: str) -> list[str]:
    from .render.labels import STATUS

    names = [s.value for s in Status] + list(STATUS["zh"].values())
    return [name for name in names if name.startswith(incomplete)]


def _statuses(texts: Optional[list[str]]) -> set[Status]:
    """``--status`` values, by code or label (off_track, 滞后)."""
    from .render.labels import parse_status

    try:
        return {parse_status(text) for text in texts or ()}
    except ValueError as exc:
        raise UsageError(f"--status: {exc}") from None


@app.command()
@_command
def status(
    task: TaskOpt = None,
    section: SectionOpt = None,
    dept: DeptsOpt = None,
    status: Annotated[Optional[list[str]], typer.Option(
        "--status", help="Only targets with this status, by code or label: off_track or 滞后 "
        "(repeatable).", show_default=False, autocompletion=_complete_status)] = None,
    as_of: Annotated[Optional[str], typer.Option(
        "--as-of", metavar="YYYY-MM-DD", show_default=False,
        help="Grade with the records dated on or before this day [default: today].")] = None,
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
    from . import service
    from .grading import Report
    from .query import select_tasks

    ws = _workspace(data_dir)
    plan = service.open_plan(ws)
    _warn_drafts(plan)
    today = _today()
    when = _date(as_of, "--as-of") or today
    chosen = {t.number for t in select_tasks(plan, task=task, section=section, dept=dept)}
    full, found = service.report(ws, plan, today, when, allow_problems)
    wanted = _statuses(status)
    targets = [s for s in full.targets if s.task.number in chosen
               and (not wanted or s.status in wanted)
               and (not needs_baseline or s.needs_baseline)]
    shown_tasks = {s.task.number for s in targets}
    tasks = [t for t in full.tasks if t.task.number in chosen
             and (t.task.number in shown_tasks or (not t.task.targets and not needs_baseline
                                                   and (not wanted or t.status in wanted)))]
    report = Report(full.as_of, targets, tasks)
    _warn_left_out(found)
    if format is ReportFormat.json:
        from .render.rows import report_object, to_json

        _out(to_json({**report_object(plan, report), "left_out": found.left_out}) + "\n")
    elif format is ReportFormat.csv:
        from .render.rows import STANDING_FIELDS, standing_row, to_csv

        _out(to_csv((standing_row(plan, s) for s in report.targets), STANDING_FIELDS))
    elif format is ReportFormat.markdown:
        from .render.standing import status_markdown

        _out(status_markdown(plan, report, tasks, lang.value))
        _out(_left_out_footer(found, lang.value))
    else:
        from .render.status import status_table

        console = _console()
        console.print(status_table(plan, report, tasks, lang.value, console.width))
        footer = _left_out_footer(found, lang.value)
        if footer:
            from rich.text import Text

            console.print(Text(footer.strip(), style="bold red"))


def _warn_left_out(found) -> None:
    """With --allow-problems, stderr says it too (for a script reading only the output)."""
    if found.left_out:
        from .render.labels import left_out_note

        note = left_out_note(found.left_out, "en").removeprefix("Note: ")
        sys.stderr.write(f"warning: {note}\n")


def _left_out_footer(found, lang: str) -> str:
    if not found.left_out:
        return ""
    from .render.labels import left_out_note

    return f"\n{left_out_note(found.left_out, lang)}\n"


# ------------------------------------------------------------------ record, mark


class RecordFormat(str, Enum):
    text = "text"
    json = "json"


SourceOpt = Annotated[str, typer.Option("--source", help="Where the figure comes from, e.g. 区统计局月报.")]
NoteOpt = Annotated[str, typer.Option("--note", help="A note kept with the record.")]
ByOpt = Annotated[Optional[str], typer.Option(
    "--by", show_default=False, help="Who records it [default: $KPI_USER or the login name].")]
DateOpt = Annotated[Optional[str], typer.Option(
    "--date", metavar="YYYY-MM-DD", show_default=False,
    help="The day the figure refers to [default: today].")]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Check and show, but write nothing.")]
FileOpt = Annotated[Optional[str], typer.Option(
    "--file", metavar="NAME.csv", show_default=False,
    help="Ledger file under progress/ [default: the figure month, e.g. 2023-06.csv].")]
RecordFormatOpt = Annotated[RecordFormat, typer.Option("--format", "-f", help="Output form.")]
AllowProblemsOpt = Annotated[bool, typer.Option(
    "--allow-problems", help="Report even though the ledger has problems; the output says "
                             "how many lines were left out, and from which files.")]
ForceOpt = Annotated[bool, typer.Option(
    "--force", help="Record a figure that looks implausible for its unit (0.95 for a 95 % "
                    "target, 120 %, 3.5 个); the record's note keeps [--force].")]


@app.command()
@_command
def record(
    target: Annotated[Optional[str], typer.Argument(
        help="Target id, e.g. 23.1.", show_default=False, autocompletion=_complete_target)] = None,
    value: Annotated[Optional[str], typer.Argument(
        help="The actual figure, in the target's unit.", show_default=False)] = None,
    date: DateOpt = None,
    source: SourceOpt = "",
    note: NoteOpt = "",
    by: ByOpt = None,
    from_file: Annotated[Optional[Path], typer.Option(
        "--from", metavar="FILE", show_default=False,
        help="Record every row of a CSV file (target,value,date[,source,note,by]) or of a "
             "workbook (.xlsx, .xls, .ods), read as kpi import reads it: all or nothing.")] = None,
    encoding: Annotated[Optional[str], typer.Option(
        "--encoding", show_default=False,
        help="Text encoding of a --from CSV file, e.g. gbk [default: detected: BOM, UTF-8, "
             "else GBK].")] = None,
    file: FileOpt = None,
    dry_run: DryRunOpt = False,
    force: ForceOpt = False,
    format: RecordFormatOpt = RecordFormat.text,
    data_dir: DataDir = None,
) -> None:
    """Append an actual figure to the progress ledger, and print the target's new standing.

    A level's baseline (上年末数) is a figure dated on or before the period start, e.g.
    kpi record 3.2 150 --date 2022-12-31 --source 2022年末数.

    \b
    Examples:
      kpi record 23.1 600 --date 2023-06-30 --source 区交通运输局月报
      kpi record --from june.csv
    """
    from . import service
    from .workspace import default_author

    if from_file is not None and (target is not None or value is not None):
        raise UsageError("give either TARGET VALUE or --from FILE, not both")
    if from_file is None and (target is None or value is None):
        raise UsageError("give TARGET VALUE (e.g. kpi record 23.1 600), or --from FILE.csv")
    if from_file is not None and date is not None:
        raise UsageError("--date goes with TARGET VALUE; in --from FILE.csv each row has its date")
    if from_file is None and encoding is not None:
        raise UsageError("--encoding goes with --from FILE.csv")
    if from_file is not None:
        # one reader for every tabular file: a return, read as kpi import reads it
        from .cli_cycle import import_returns

        import_returns([from_file], dry_run=dry_run, encoding=encoding, by=by, file=file,
                       format=format, data_dir=data_dir, force=force)
        return
    ws = _workspace(data_dir)
    plan = service.open_plan(ws)
    who = by if by is not None else default_author()
    day = date if date is not None else _today().isoformat()  # --date "" is an error
    rows = [(0, service.Fields(target, value, day, source, note, who, force=force))]
    _record(ws, plan, rows, "", file, dry_run, format)


def _complete_state(incomplete: str) -> list[str]:
    from .render.labels import STATE

    names = [s.value for s in State] + list(STATE["zh"].values())
    return [name for name in names if name.startswith(incomplete)]


@app.command()
@_command
def mark(
    task: Annotated[str, typer.Argument(help="Task number, e.g. 19.", show_default=False,
                                        autocompletion=_complete_target)],
    state: Annotated[str, typer.Argument(
        help="The task's state: not_started, in_progress, done, blocked, or 未开始, 进行中, "
        "已完成, 受阻.", show_default=False, autocompletion=_complete_state)],
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
    from . import service
    from .values import parse_state
    from .workspace import default_author

    try:
        chosen = parse_state(state)
    except ValueError as exc:
        raise UsageError(f"STATE: {exc}") from None

    ws = _workspace(data_dir)
    plan = service.open_plan(ws)
    if any(t.id == task.strip() for _, t in plan.targets()):
        raise UsageError(f"{task} is a target: record its figure with kpi record {task} VALUE")
    who = by if by is not None else default_author()
    day = date if date is not None else _today().isoformat()  # --date "" is an error
    rows = [(0, service.Fields(task, chosen.value, day, source, note, who))]
    _record(ws, plan, rows, "", file, dry_run, format)


def _record(ws, plan, rows, display: str, file: Optional[str], dry_run: bool,
            format: RecordFormat) -> None:
    from . import recording

    _check_file_name(file)
    numbers = [number for number, _ in rows]

    def locate(index: int, column: str) -> str:
        return f"{display}:{numbers[index]}: column {column}" if column else \
            f"{display}:{numbers[index]}"

    try:
        with recording.Interrupts() as interrupts:
            done = recording.record_rows(ws, plan, [f for _, f in rows], locate, today=_today(),
                                         file=file, dry_run=dry_run, is_return=bool(display),
                                         interrupts=interrupts)
            _acknowledge(ws, done, dry_run, format, {})
    except recording.RowErrors as exc:
        if not display:  # one figure from the command line: its fault, in one line
            raise KpiError(exc.first) from None
        raise


def _check_file_name(file: Optional[str]) -> None:
    from .values import check_ledger_name

    if file is not None:
        try:
            check_ledger_name(file)
        except ValueError as exc:
            raise UsageError(str(exc)) from None


def _acknowledge(ws, done, dry_run: bool, format: RecordFormat, extra: dict,
                 tail: str = "", per_record: bool = True, before: Sequence[str] = (),
                 always: bool = False) -> None:
    """What a recording says: each new record's standing (or the ``before`` lines), then where
    they went (and ``tail``), and what was already there."""
    shown = ws.show(done.path) if done.path is not None else None
    with _printed_after(dry_run or not done.records, f"{len(done.records)} recorded in {shown}"):
        _say_recorded(done, shown, dry_run, format, extra, tail, per_record, before, always)


def _say_recorded(done, shown: Optional[str], dry_run: bool, format: RecordFormat, extra: dict,
                  tail: str, per_record: bool, before: Sequence[str], always: bool) -> None:
    from .recording import already_note
    from .render.rows import to_json

    if format is RecordFormat.json:
        _out(to_json({"dry_run": dry_run, "file": shown, **extra,
                      "already_recorded": len(done.already), "repeated_rows": done.repeated,
                      "recorded": done.results}) + "\n")
        return
    verb = "would record" if dry_run else "recorded"
    repeated = (f"; {done.repeated} repeated {'row' if done.repeated == 1 else 'rows'} of the "
                "return counted once") if done.repeated else ""
    already = f"; {already_note(done.already)}" if done.already else ""
    for line in done.lines if per_record else before:
        _out(line + "\n")
    if not done.records:
        _out(f"nothing recorded{tail}: {already_note(done.already)}{repeated}\n")
    elif always or len(done.records) > 1 or dry_run or already or repeated or tail:
        _out(f"{verb} {len(done.records)} in {shown}{tail}{already}{repeated}\n")


def _printed_after(dry_run: bool, what: str):
    """Once records are durable, failing to print the confirmation does not fail the command."""
    import contextlib

    from .streams import durable

    return contextlib.nullcontext() if dry_run else durable(what)


# ------------------------------------------------------------------ log


@app.command()
@_command
def log(
    target: Annotated[Optional[str], typer.Argument(
        help="Only this target id or task number.", show_default=False,
        autocompletion=_complete_target)] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output form.")] = ListFormat.table,
    lang: LangOpt = Lang.zh,
    data_dir: DataDir = None,
) -> None:
    """Show the ledger's records, oldest first, with who recorded them, when and from what source.

    Example:  kpi log 23.1 --format json
    """
    from . import service
    from .ledger import RecordChecker, RecordError
    from .render.rows import record_row, to_json

    ws = _workspace(data_dir)
    plan = service.open_plan(ws)
    today = _today()
    if target is not None:
        try:
            target = RecordChecker(plan, today).check_key(target)
        except RecordError as exc:
            raise KpiError(f"{exc.message} ({exc.hint})") from None
    found = service.read_ledger(ws, plan, today, keep=True)
    records = sorted((r for r in found.records if target is None or r.target == target),
                     key=lambda r: (r.date, r.recorded_at))
    if format is ListFormat.json:
        _out(to_json([record_row(r) for r in records]) + "\n")
        return
    from .render.listing import log_table

    console = _console()
    console.print(log_table([record_row(r) for r in records], lang.value, console.width))


# ------------------------------------------------------------------ schema


@app.command()
@_command
def schema() -> None:
    """Print the JSON Schema of the plan file, for editors and other tools.

    Example:  kpi schema > data/tasks.schema.json
    """
    from .render.rows import to_json
    from .schema import json_schema

    _out(to_json(json_schema()) + "\n")


# ------------------------------------------------------------------ init, --version


@app.command()
@_command
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", show_default=False,
                                           help="A new or empty folder.")],
) -> None:
    """Make a new workspace in DIR: an empty plan to fill in (data/tasks.yaml), a folder for
    the plan document (data/source/), the ledger folder with its git settings (union merges,
    the lock ignored), a README and a .gitignore. Refuses a folder that is not empty.

    Example:  kpi init 临淄区2024 && cd 临淄区2024 && git init && kpi validate
    """
    from .scaffold import create

    written = create(folder, _today())
    _out(f"wrote a new kpi workspace in {folder}:\n" + "".join(f"  {name}\n" for name in written)
         + f"next: put the plan document's text in {folder}/data/source/plan.txt, fill in "
           f"{folder}/data/tasks.yaml, and run kpi validate in {folder}\n")


def _version(value: bool) -> None:
    if value:
        from . import __version__

        _out(f"kpi {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print kpi's version and exit.")] = False,
) -> None:
    _check_environment()


# The monthly-cycle commands live in their own module and register on the same app.
from . import cli_cycle  # noqa: E402,F401
from . import cli_draft  # noqa: E402,F401


def _help_names_the_plan(argv: list[str]) -> None:
    """``kpi`` and ``kpi --help`` name the plan of the data folder (``KPI_DATA_DIR`` or ./data)."""
    if argv[1:] not in ([], ["-h"], ["--help"]):
        return
    from . import workspace
    from .load import load_plan

    try:
        ws = workspace.find(None)
    except KpiError:
        return
    loaded = load_plan(ws.plan_path, use_cache=True)
    if loaded.plan is not None:
        app.info.help = f"{HELP}\n\nPlan: {loaded.plan.plan.title} ({ws.show(ws.plan_path)})"


def main() -> None:
    _help_names_the_plan(sys.argv)
    from .streams import run

    run(lambda: app(prog_name="kpi"))
