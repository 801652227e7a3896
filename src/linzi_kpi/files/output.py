"""Writing an output file whole or not at all: the one way ``kpi`` writes the files a user names
(``kpi template``, ``kpi export``, ``kpi report --html``)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from ..errors import KpiError, UsageError, one_line
from ..i18n import _

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def save_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Write to a temporary file beside ``path``, then move it into place.

    Every ``OSError`` on the way (a folder that refuses writes, ``/proc`` or ``/sys``, a name
    too long, a full disk) is one error naming ``path``, and no temporary file is left behind.
    The file is created as any program creates one, so it gets the mode the user's umask gives
    (0644 under umask 022), not a private 0600: colleagues on a shared folder can open it.
    """
    shown = one_line(str(path))
    folder = path.parent if str(path.parent) else Path(".")
    tmp: Path | None = None
    try:
        if not folder.is_dir():
            raise UsageError(_("{shown}: folder {one_line} does not exist")
                              .format(shown=shown, one_line=one_line(str(folder))))
        tmp = _temporary(folder)
        write(tmp)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise KpiError(_("could not write {shown}: {value}").format(shown=shown, value=exc.strerror or exc)) from None
    finally:
        if tmp is not None:
            try:
                tmp.unlink()
            except OSError:
                pass


def _temporary(folder: Path) -> Path:
    """A new empty file in ``folder`` with a short name of its own (the output's name may be as
    long as the system allows; a longer temporary name would not be), created with mode 0666
    less the umask; never through a link, never over a file that is there."""
    for _attempt in range(100):
        tmp = folder / f".kpi-{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(17, "no free temporary name")
