"""The ``kpi`` command line: each command parses its options, makes one call into the library,
and renders what comes back.

``common`` holds the one Typer ``app``, the error boundary and the options several commands
share; each module beside it holds one group of commands; this module registers them, in the
order ``kpi --help`` lists them, and holds ``main`` (the ``kpi`` console script). Command
modules import ``common`` only, never each other or this module. Heavy modules are imported
inside the commands that need them, so that ``kpi record`` and ``kpi --help`` start quickly.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..errors import KpiError
from . import cycle, draft, log, plan, record, status
from .common import HELP, app, check_environment, out

__all__ = ["app", "main"]

#: Every command, in the order of ``kpi --help``: (name, function).
COMMANDS = (
    ("validate", plan.validate),
    ("targets", plan.targets),
    ("status", status.status),
    ("record", record.record),
    ("mark", record.mark),
    ("log", log.log),
    ("schema", plan.schema),
    ("init", plan.init),
    ("dept", cycle.dept),
    ("template", cycle.template),
    ("import", record.import_),
    ("export", cycle.export),
    ("history", cycle.history),
    ("changes", cycle.changes),
    ("report", cycle.report),
    ("draft", draft.draft),
)

for _name, _function in COMMANDS:
    app.command(_name)(_function)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        out(f"kpi {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print kpi's version and exit.")] = False,
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
        app.info.help = f"{HELP}\n\nPlan: {loaded.plan.plan.title} ({ws.show(ws.plan_path)})"


def main() -> None:
    _help_names_the_plan(sys.argv)
    from ..streams import run

    run(lambda: app(prog_name="kpi"))
