"""What every command shares: the one Typer ``app``, the one error boundary (``command``), the
options several commands take, their shell completions, and writing to the terminal.

This module imports no command module (they import it), and nothing heavy at import time: it
is loaded on every ``kpi`` start-up, so the library is imported inside the functions.

The error boundary turns a ``KpiError`` into one line on stderr and its exit code: 1 for bad
data or a refused record, 2 for a usage error, 130 for Ctrl-C.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from .. import i18n
from ..errors import KpiError, OptionError
from ..i18n import N_, _, ngettext
from ..words import LANG_HELP, count_of
from .translated import KpiCommand, KpiGroup

if TYPE_CHECKING:
    from rich.console import Console

    from ..api import Kpi, StatusReport
    from ..draft import Drafted
    from ..ledger import Ledger
    from ..model import Plan
    from ..workspace import Workspace

#: The app's help; ``main`` adds the title of the plan it finds (``kpi --help``).
HELP = N_("Track the numeric targets of a work plan against time-proportional progress (序时进度).")

app = typer.Typer(
    name="kpi",
    cls=KpiGroup,
    help=HELP,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., None])

#: A word that is a negative number (a rate that fell: -1.2), which Click would take for an
#: option: ``negative_figures`` passes it on with the minus sign U+2212, which ``parse_number``
#: reads as a minus (and which kpi's own output prints: −1.2%).
_NEGATIVE = re.compile(r"-(?=[.0-9])[0-9.,]*[0-9]%?")
MINUS = "\u2212"


def negative_figures() -> type:
    """The Click command class of a command that takes a figure as an argument (``kpi record
    1.3 -1.2``): a negative number is an argument, never an option (none of kpi's options
    starts with a digit)."""
    class Command(KpiCommand):
        def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
            # an option's own value (--note -5) is left as written: only an argument is a figure
            valued = {name for p in self.params if p.param_type_name == "option"
                      and not getattr(p, "is_flag", False) for name in p.opts}
            words = [MINUS + a[1:] if _NEGATIVE.fullmatch(a) and (i == 0 or args[i - 1]
                                                                  not in valued) else a
                     for i, a in enumerate(args)]
            return super().parse_args(ctx, words)

    return Command


def command(fn: F) -> F:
    """The error boundary every command goes through."""

    @functools.wraps(fn)
    def wrapper(*args: object, **kwargs: object) -> None:
        try:
            fn(*args, **kwargs)
        except KpiError as error:
            exc = _with_help_hint(error)
            if _wants_json(kwargs):  # scripts read the problems as values, the exit code as ever
                from ..render.rows import to_json

                with contextlib.suppress(OSError):
                    out(to_json(exc.as_dict()) + "\n")
            for line in getattr(exc, "details", ()):
                from ..errors import one_line

                sys.stderr.write(_("error: {message}").format(message=one_line(line)) + "\n")
            fail(str(exc), exc.code)
        except BrokenPipeError:
            # `kpi status | head`: the reader left; nothing more to say.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            fail(_("interrupted"), 130)

    return wrapper  # type: ignore[return-value]


def _with_help_hint(exc: KpiError) -> KpiError:
    """An option refused (``OptionError``) with where the command's help is, as the parser's
    usage errors say it; any other error as it is."""
    from typer._click.globals import get_current_context

    from ..errors import OptionError
    from .usage import help_hint, usage_error

    hint = help_hint(get_current_context(silent=True)) if isinstance(exc, OptionError) else ""
    return usage_error(str(exc), hint) if hint else exc


def _wants_json(kwargs: dict[str, object]) -> bool:
    """Whether the command was asked for ``--format json`` (every command's option is
    ``format``, a ``str`` enum)."""
    form = kwargs.get("format")
    return getattr(form, "value", form) == "json"


def fail(message: str, code: int) -> None:
    from ..errors import one_line

    if message:  # (empty when stdout's reader left: `kpi status | head` ends quietly)
        sys.stderr.write(_("error: {message}").format(message=one_line(message)) + "\n")
    raise typer.Exit(code)


# ------------------------------------------------------------------ shared options

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", envvar="KPI_DATA_DIR", show_default=False,
                 help="Folder holding tasks.yaml and progress/ [default: ./data]"),
]


class Lang(str, Enum):
    zh = "zh"
    en = "en"


def _resolve_lang(ctx: typer.Context, param: typer.CallbackParam, value: object) -> str:
    """``--lang`` where given, else the language of the run (KPI_LANG, the locale, zh); the
    code, which Typer then turns into a ``Lang``."""
    source = ctx.get_parameter_source(param.name or "lang")
    if source is not None and source.name == "COMMANDLINE":
        return value.value if isinstance(value, Lang) else str(value)
    return i18n.language()


LangOpt = Annotated[Lang, typer.Option("--lang", callback=_resolve_lang, show_default=False,
                                       help=LANG_HELP)]


def check_environment() -> None:
    """Before a command's options are parsed: a KPI_LANG that is not a language is one line,
    not a usage message about an option that was never typed."""
    lang = os.environ.get("KPI_LANG")
    if lang and lang not in {choice.value for choice in Lang}:
        fail(_("KPI_LANG={value} is not a language kpi speaks: set it to {choices}, or unset it")
             .format(value=repr(lang[:40]), choices=_(" or ").join(c.value for c in Lang)), 2)


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class ReportFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ViewFormat(str, Enum):
    """The forms of a view built as a ``Document`` (``kpi history``, ``kpi changes``)."""

    table = "table"
    json = "json"
    markdown = "markdown"


TaskOpt = Annotated[list[int] | None, typer.Option(
    "--task", help="Only this task number (repeatable: --task 1 --task 3).", show_default=False)]
SectionOpt = Annotated[list[int] | None, typer.Option(
    "--section", help="Only this section number (repeatable).", show_default=False)]
AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", metavar="YYYY-MM-DD", show_default=False,
    help="Grade with the records dated on or before this day [default: today; once the plan "
         "period has ended, its last day].")]
AllowProblemsOpt = Annotated[bool, typer.Option(
    "--allow-problems", help="Report even though the ledger has problems; the output says "
                             "how many lines were left out, and from which files.")]


def complete_department(incomplete: str) -> list[str]:
    from ..completion import literal

    try:
        plan = open_plan(None, recover=False)
    except (KpiError, typer.Exit):
        return []
    # only names a shell takes literally: plan text must not run when a completion is entered
    return [name for name in plan.department_index() if name.startswith(incomplete)
            and literal(name)]


def complete_target(incomplete: str) -> list[tuple[str, str]]:
    from ..completion import literal

    try:
        plan = open_plan(None, recover=False)
    except (KpiError, typer.Exit):
        return []
    out = [(t.id, t.label) for _, t in plan.targets() if t.id.startswith(incomplete)]
    out += [(str(task.number), task.title) for task in plan.tasks if not task.targets
            and str(task.number).startswith(incomplete)]
    return [(word, help) for word, help in out if literal(word)]


DeptOpt = Annotated[str | None, typer.Option(
    "--dept", help="Only tasks this department leads or shares (aliases resolve).",
    show_default=False, autocompletion=complete_department)]
DeptsOpt = Annotated[list[str] | None, typer.Option(
    "--dept", help="Only tasks this department leads or shares (aliases resolve; repeatable).",
    show_default=False, autocompletion=complete_department)]


# ------------------------------------------------------------------ parsing


def parse_date(text: str | None, name: str) -> dt.date | None:
    """A date option or argument (``--as-of``, ``FROM``); a bad one is a usage error naming it."""
    if text is None:
        return None
    from ..dates import parse_date as parse

    try:
        return parse(text)
    except ValueError as exc:
        raise OptionError(_("{option}: {exc}").format(option=name, exc=exc)) from None


def as_of_date(as_of: str | None, plan: Plan | None = None) -> dt.date:
    """``--as-of``, or today; but a plan whose period has ended is reported at its end
    (``grading.report_date``), and ``note_period_end`` says so."""
    given = parse_date(as_of, "--as-of")
    if given is not None:
        return given
    if plan is None:
        return today()
    from ..grading import report_date

    return report_date(plan, today())


def note_period_end(as_of: str | None, plan: Plan) -> None:
    """The line on stderr that says a report is as of the plan's end, not today, because the
    period has ended and no ``--as-of`` was given (called once the report is made)."""
    end = plan.plan.period_end
    if as_of is None and today() > end:
        from ..i18n import _

        sys.stderr.write(_("note: the plan period ended on {end}: reported at its end, "
                           "each standing final (--as-of names another day)"
                           ).format(end=end.isoformat()) + "\n")


def today() -> dt.date:
    from ..workspace import today as today_
    return today_()


# ------------------------------------------------------------------ the workspace


def workspace(data_dir: Path | None, *, recover: bool = True) -> Workspace:
    """The data folder; first, what a recording killed part-way left in its ledger is undone,
    saying so in one line (every command that opens a workspace comes here, or to
    ``opened``)."""
    from .. import service
    from .. import workspace as workspace_

    ws = workspace_.find(data_dir)
    if recover:
        note = service.recover(ws)
        if note:
            recovered(note)
    return ws


def recovered(note: str) -> None:
    """What a command says of a recording killed part-way and undone (``api``'s ``say``)."""
    sys.stderr.write(_("kpi: {note}").format(note=note) + "\n")


def opened(data_dir: Path | None) -> Kpi:
    """The workspace with its plan, through the library (``api.open_workspace``), as
    ``workspace`` and ``open_plan`` give them; or the error that stops the command."""
    from .. import api

    return api.open_workspace(data_dir, say=recovered).unwrap()


def open_plan(data_dir: Path | None, *, recover: bool = True) -> Plan:
    from .. import service

    return service.open_plan(workspace(data_dir, recover=recover))


def every_record(data_dir: Path | None, allow_problems: bool
                 ) -> tuple[Workspace, Plan, dt.date, Ledger]:
    """The workspace, the plan, today and every valid record of the ledger (in scan order)."""
    from .. import service

    ws = workspace(data_dir)
    plan = service.open_plan(ws)
    day = today()
    found = service.every_record(ws, plan, day, allow_problems)
    warn_left_out(found)
    return ws, plan, day, found


def reporting_month(text: str | None, day: dt.date, plan: Plan) -> dt.date:
    """``--month YYYY-MM`` (a warning on stderr when it is outside the plan period), or the
    month before ``day``'s (a return in early July reports June); once the period has ended,
    its last month."""
    start, end = plan.plan.period_start, plan.plan.period_end
    if text is None:
        from ..compute.timeline import previous_month_end

        return end.replace(day=1) if day > end else previous_month_end(day).replace(day=1)
    from ..dates import parse_month

    try:
        month = parse_month(text)
    except ValueError as exc:
        raise OptionError(_("--month {problem}").format(problem=exc)) from None
    if not start.replace(day=1) <= month <= end:
        sys.stderr.write(_("warning: --month {month} is outside the plan period ({start} to "
                           "{end})").format(month=f"{month:%Y-%m}", start=start, end=end) + "\n")
    return month


# ------------------------------------------------------------------ writing


def out(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


#: ``3 targets``, ``3 个指标``: a count in the current language.
counted = count_of


def console() -> Console:
    from rich.console import Console

    # Everything printed is built as Text: no markup to parse, no :emoji: codes to replace.
    return Console(highlight=False, soft_wrap=False, markup=False, emoji=False)


def warn_drafts(plan: Plan) -> None:
    """A plan drafted by kpi draft and not yet reviewed is shown, and said to be a draft."""
    from ..query import drafts

    n = drafts(plan)
    if n:
        sys.stderr.write(_("warning: {n} tasks and targets are drafts not yet reviewed, "
                           "marked * (`kpi validate` lists them)").format(n=n) + "\n")


def warn_left_out(found: Ledger | StatusReport) -> None:
    """Ledger lines a command could not count (--allow-problems, or a template): stderr says so
    too, for a script reading only the output. The one wording of this warning."""
    if found.left_out:
        from ..render.labels import left_out_note

        note = left_out_note(found.left_out, i18n.language(), warning=True)
        sys.stderr.write(_("warning: {message}").format(message=note) + "\n")


def say_drafted(done: Drafted, folder: Path) -> None:
    """What ``kpi draft`` and ``kpi init --from`` say of a draft: its notes on stderr, what was
    drafted and the next step on stdout."""
    for note in done.notes:
        sys.stderr.write(_("note: {note}").format(note=note) + "\n")
    sections = ngettext("{n} section", "{n} sections", done.sections).format(n=done.sections)
    out(_("drafted {plan_path}: {tasks} tasks in {sections}, {targets} targets, {departments} "
          "department names, all marked review: draft").format(
              plan_path=done.plan_path, tasks=done.tasks, sections=sections, targets=done.targets,
              departments=done.departments) + "\n"
        + _("next: check each against {source}, delete its review line, then run kpi validate "
            "in {folder}").format(source=done.plan_path.parent / "source", folder=folder)
        + "\n")
