"""The ``kpi`` command line: each command parses its options, makes one call into the library,
and renders what comes back.

``common`` holds the one Typer ``app``, the error boundary and the options several commands
share; each module beside it holds one group of commands; this module registers them, in the
order ``kpi --help`` lists them, and holds ``main`` (the ``kpi`` console script), which
registers only the command a run names. Command modules import ``common`` only, never each
other or this module. Heavy modules are imported inside the commands that need them, so that
``kpi record`` and ``kpi --help`` start quickly.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Collection
from typing import Annotated

import typer

from .. import i18n
from ..errors import KpiError
from ..i18n import N_, _
from . import common
from .common import HELP, check_environment, out
from .translated import KpiCommand

__all__ = ["app", "main"]

#: Every command, in the order of ``kpi --help``: (name, module beside this one, function).
COMMANDS = (
    ("validate", "plan", "validate"),
    ("targets", "plan", "targets"),
    ("status", "status", "status"),
    ("record", "record", "record"),
    ("mark", "record", "mark"),
    ("log", "log", "log"),
    ("schema", "plan", "schema"),
    ("init", "plan", "init"),
    ("dept", "cycle", "dept"),
    ("template", "cycle", "template"),
    ("import", "record", "import_"),
    ("withdraw", "record", "withdraw"),
    ("export", "cycle", "export"),
    ("history", "cycle", "history"),
    ("changes", "cycle", "changes"),
    ("missing", "report", "missing"),
    ("report", "report", "report"),
    ("draft", "draft", "draft"),
)
_ORDER = [name for name, _, _ in COMMANDS]


def register(names: Collection[str] | None = None) -> typer.Typer:
    """Add the commands ``names`` (every command: None) to the app, in ``kpi --help``'s order.

    Typer builds every registered command's parameters on every run (~4 ms each), and the
    command modules import what their commands need: ``kpi record`` registers ``record`` alone.
    """
    have = {c.name for c in common.app.registered_commands}
    for name, module, function in COMMANDS:
        if name not in have and (names is None or name in names):
            found = importlib.import_module(f"{__name__}.{module}")
            # kpi record takes a figure, which may be negative (a rate): -1.2 is no option
            cls = common.negative_figures() if name == "record" else KpiCommand
            common.app.command(name, cls=cls)(getattr(found, function))
    common.app.registered_commands.sort(key=lambda c: _ORDER.index(c.name or ""))
    return common.app


def wanted(argv: list[str]) -> set[str] | None:
    """The one command ``argv`` runs; None, every command, for the app's own help and options,
    a mistyped name (Typer suggests the nearest) and shell completion (it offers them all)."""
    if len(argv) > 1 and argv[1] in _ORDER and "_KPI_COMPLETE" not in os.environ:
        return {argv[1]}
    return None


def __getattr__(name: str) -> typer.Typer:
    """``from linzi_kpi.cli import app``: the app with every command (tests, documentation)."""
    if name == "app":
        return register()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        out(_("kpi {version}").format(version=__version__) + "\n")
        raise typer.Exit()


@common.app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help=N_("Print kpi's version and exit."))] = False,
) -> None:
    check_environment()


def _help_names_the_plan(argv: list[str]) -> None:
    """``kpi`` and ``kpi --help`` name the plan of the data folder (``KPI_DATA_DIR`` or ./data)."""
    if argv[1:] not in ([], ["-h"], ["--help"]):
        return
    from .. import workspace
    from ..load import load_plan

    try:
        ws = workspace.find(None)
    except KpiError:
        return
    loaded = load_plan(ws.plan_path, use_cache=True)
    if loaded.plan is not None:
        common.app.info.help = _(HELP) + "\n\n" + _("Plan: {title} ({path})").format(
            title=loaded.plan.plan.title, path=ws.show(ws.plan_path))


def main() -> None:
    # the language first: the help Typer builds, and every message, are in it
    i18n.choose(i18n.lang_in(sys.argv[1:]))
    _help_names_the_plan(sys.argv)
    from ..streams import run

    run(lambda: register(wanted(sys.argv))(prog_name="kpi"))
