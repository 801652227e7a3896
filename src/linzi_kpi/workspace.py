"""Where the data lives: ``--data-dir``, else ``KPI_DATA_DIR``, else ``./data`` with a plan in it."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .i18n import _

PLAN_FILE = "tasks.yaml"
PROGRESS_DIR = "progress"


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def plan_path(self) -> Path:
        return self.root / PLAN_FILE

    @property
    def progress_dir(self) -> Path:
        return self.root / PROGRESS_DIR

    def show(self, path: Path) -> str:
        """A path as the user would type it: relative to the working folder where possible."""
        # absolute without resolving symlinks, so a linked plan is named where the user put it
        here = os.path.abspath(os.getcwd())
        full = os.path.abspath(path)
        if full == here or full.startswith(here + os.sep):
            return os.path.relpath(full, here)
        return str(path)


def find(data_dir: Path | None) -> Workspace:
    """The data folder to use. Typer has already read ``KPI_DATA_DIR`` into ``data_dir``."""
    if data_dir is not None:
        if data_dir.exists() and not data_dir.is_dir():  # tasks.yaml itself, say
            raise UsageError(_("{data_dir} is a file, not a data folder (point --data-dir or "
                               "KPI_DATA_DIR at the folder that holds tasks.yaml)").format(
                data_dir=data_dir))
        if not data_dir.is_dir():
            raise UsageError(_("data folder {data_dir} does not exist (point --data-dir or "
                               "KPI_DATA_DIR at the folder that holds tasks.yaml)").format(data_dir=data_dir))
        plan = data_dir / PLAN_FILE
        if plan.is_symlink() and not plan.exists():  # a copy of a folder whose plan is a link
            raise UsageError(_("{plan} is a symbolic link to {link}, which does not exist (copy "
                               "the plan itself into the folder, or mend the link)").format(
                plan=plan, link=os.readlink(plan)))
        if not plan.is_file():
            raise UsageError(_("no {PLAN_FILE} in {data_dir} (point --data-dir or KPI_DATA_DIR at "
                               "the folder that holds it)").format(PLAN_FILE=PLAN_FILE, data_dir=data_dir))
        return Workspace(data_dir)
    default = Path("data")
    if (default / PLAN_FILE).is_file():
        return Workspace(default)
    raise UsageError(_("no plan found: ./data/tasks.yaml does not exist; run kpi in the project "
                       "folder, or point --data-dir or KPI_DATA_DIR at the folder that holds "
                       "tasks.yaml"))


def today() -> dt.date:
    """Today, or ``KPI_TODAY`` (a date, read as ``--as-of`` reads one) for reproducible runs and
    tests."""
    fixed = os.environ.get("KPI_TODAY")
    if fixed:
        from .dates import parse_date

        try:
            return parse_date(fixed)
        except ValueError as exc:
            raise UsageError(_("KPI_TODAY: {exc}").format(exc=exc)) from None
    return dt.date.today()


def default_author() -> str:
    for name in ("KPI_USER", "USER", "USERNAME", "LOGNAME"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        import getpass

        return getpass.getuser()
    except (ImportError, KeyError, OSError):
        return ""
