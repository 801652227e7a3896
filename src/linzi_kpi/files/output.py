"""Writing an output file whole or not at all: the one way ``kpi`` writes the files a user names
(``kpi template``, ``kpi export``, ``kpi report --html``), through ``atomic.replace_file``
with the errors worded for the user."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..atomic import NotRegularFile, check_destination, replace_file
from ..errors import KpiError, UsageError, one_line, os_reason
from ..i18n import _
from ..workspace import Workspace


def _kind(code: str) -> str:
    """What a destination that is not a regular file is, in the language of the run."""
    return {"link": _("a symbolic link"), "folder": _("a folder"), "fifo": _("a named pipe"),
            "device": _("a device"), "socket": _("a socket")}.get(code, _("not a file"))


def refused(path: Path, exc: NotRegularFile) -> KpiError:
    """The one-line error for an output ``atomic`` will not replace."""
    return KpiError(_("{shown} is not a regular file ({kind}); name a new file or an existing "
                      "regular file").format(shown=one_line(str(path)), kind=_kind(exc.kind)))


def check_output(path: Path) -> None:
    """Refuse, before anything is written, an output that exists and is not a regular file
    (``atomic.check_destination``'s rule): a device, a pipe, a folder, a symbolic link."""
    try:
        check_destination(path)
    except NotRegularFile as exc:
        raise refused(path, exc) from None


def check_not_own(ws: Workspace, path: Path) -> None:
    """Refuse an output that is one of the data folder's own files: its plan, or anything in its
    ledger folder (``kpi export data/progress/2023-06.csv`` would replace a month of figures
    with the export). Paths are compared as the system resolves them: ``data/../data``, a
    symbolic link to the plan and a plan that is a link are all the plan."""
    def real(p: Path) -> str:
        return os.path.normcase(os.path.realpath(p))

    shown, where = one_line(str(path)), real(path)
    if where == real(ws.plan_path):
        raise KpiError(_("{shown} is the plan of the data folder; name another file")
                       .format(shown=shown))
    ledger = real(ws.progress_dir)
    if where == ledger or where.startswith(ledger.rstrip(os.sep) + os.sep):
        raise KpiError(_("{shown} is in the ledger folder {folder}, which only kpi record, import, "
                         "mark and withdraw write; name a file outside it")
                       .format(shown=shown, folder=one_line(ws.show(ws.progress_dir))))


def save_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Write to a temporary file beside ``path``, then move it into place.

    Every ``OSError`` on the way (a folder that refuses writes, ``/proc`` or ``/sys``, a name
    too long, a full disk) is one error naming ``path``, and no temporary file is left behind.
    An output that is there must be a regular file (``replace_file`` asks first): nothing
    replaces a device, a pipe, a folder or a symbolic link. The file is created as any program creates
    one, so it gets the mode the user's umask gives (0644 under umask 022), not a private
    0600: colleagues on a shared folder can open it.
    """
    shown = one_line(str(path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(_("{shown}: folder {one_line} does not exist")
                         .format(shown=shown, one_line=one_line(str(folder))))
    try:
        replace_file(path, write)
    except NotRegularFile as exc:
        raise refused(path, exc) from None
    except OSError as exc:
        raise KpiError(_("could not write {shown}: {value}").format(
            shown=shown, value=os_reason(exc))) from None
