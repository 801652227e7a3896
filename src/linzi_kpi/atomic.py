"""Replacing a file or a folder whole or not at all: the one write-to-a-temporary-then-rename
routine of ``kpi``, on every system it runs on.

A writer hands over a function that writes the new content to a path; it is called with a new,
empty temporary file beside the destination, which is then renamed over the destination in one
step: a reader sees the old file or the new one, never half of either. If anything fails, the
temporary file is removed and the destination is as it was. Errors are ``OSError``s for the
caller to word (``files/output.py`` names the user's file; the plan cache stays quiet).

Windows differs from POSIX in two ways handled here: a file another program has open (an
antivirus scan, a search indexer) cannot be replaced for a moment, so the rename is tried again
briefly; and a folder cannot be renamed onto an (empty) folder, which is removed first.

A destination that is there must be a regular file (``check_destination``, the one rule, asked
before anything is written and again just before the rename): a device, a pipe, a socket, a
folder or a symbolic link (to anything) is refused with ``NotRegularFile``, never replaced.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import time
from collections.abc import Callable
from pathlib import Path

from .i18n import _

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)

#: How long a rename onto a file that another program holds open is retried (Windows).
_RETRY_SECONDS = 1.0


class NotRegularFile(OSError):
    """A destination that exists and is not a regular file: ``kind`` says what it is
    (``link``, ``folder``, ``fifo``, ``device``, ``socket`` or ``other``)."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(errno.EEXIST, _("not a regular file ({kind})").format(kind=kind),
                         str(path))
        self.kind = kind


def check_destination(path: Path) -> None:
    """Raise ``NotRegularFile`` unless ``path`` is missing or a regular file (a symbolic link is
    never followed: a link is refused, whatever it points at). A path that cannot be looked at
    is left to the write, whose error names it."""
    try:
        mode = os.lstat(path).st_mode
    except (OSError, ValueError):
        return
    if stat.S_ISREG(mode):
        return
    kind = ("link" if stat.S_ISLNK(mode) else "folder" if stat.S_ISDIR(mode)
            else "fifo" if stat.S_ISFIFO(mode)
            else "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "socket" if stat.S_ISSOCK(mode) else "other")
    raise NotRegularFile(path, kind)


def replace_file(path: Path, write: Callable[[Path], object], *, prefix: str = ".kpi-",
                 mode: int = 0o666) -> None:
    """Write ``path`` whole: ``write(tmp)`` fills a new temporary file in ``path``'s folder,
    which then takes ``path``'s place. The temporary file is created with ``mode`` less the
    umask (by default as any program creates a file: colleagues on a shared folder can open
    it), never through a link, never over a file that is there; ``path`` itself must be missing
    or a regular file (``check_destination``), else nothing is written."""
    check_destination(path)
    folder = path.parent if str(path.parent) else Path(".")
    tmp = temporary_file(folder, prefix, mode)
    try:
        write(tmp)
        _rename(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


def replace_bytes(path: Path, data: bytes, *, prefix: str = ".kpi-", mode: int = 0o666) -> None:
    """Write ``data`` as the whole of ``path`` (``replace_file`` with the bytes)."""
    replace_file(path, lambda tmp: tmp.write_bytes(data), prefix=prefix, mode=mode)


def temporary_file(folder: Path, prefix: str = ".kpi-", mode: int = 0o666) -> Path:
    """A new empty file in ``folder`` with a short name of its own (the destination's name may
    be as long as the system allows; a longer temporary name would not be)."""
    for _attempt in range(100):
        tmp = folder / f"{prefix}{os.urandom(6).hex()}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, mode)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(errno.EEXIST, _("no free temporary name beside the file"))


def place_folder(building: Path, target: Path) -> None:
    """Move the folder ``building`` (made beside ``target``) to ``target``, which does not exist
    or is an empty folder; on failure ``building`` is removed and ``target`` is as it was."""
    try:
        try:
            os.replace(building, target)  # POSIX: onto an empty folder too
        except OSError:
            if not (target.is_dir() and not target.is_symlink()) or any(target.iterdir()):
                raise
            target.rmdir()  # Windows renames no folder onto another: the empty one goes first
            os.replace(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def move_file(part: Path, path: Path) -> None:
    """Rename a finished file ``part`` (written beside ``path`` under a hidden name) onto
    ``path``: for writers that make several files first and place them all at the end
    (``kpi template --each-dept``: all the workbooks or none). Such a writer asks
    ``check_destination`` of every path before it writes the first file."""
    _rename(part, path)


def fill_folder(building: Path, target: Path) -> None:
    """Move what the folder ``building`` (made inside ``target``) holds up into ``target``, an
    existing empty folder kept as it is (its mode, owner, group and setgid are the user's, and
    ``kpi init .`` cannot rename the folder it runs in); then ``building`` goes. On failure,
    what was moved is removed again with ``building``, and ``target`` is empty as it was."""
    moved: list[Path] = []
    try:
        for child in sorted(building.iterdir()):
            os.replace(child, target / child.name)
            moved.append(target / child.name)
        building.rmdir()
    except BaseException:
        for path in moved:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        shutil.rmtree(building, ignore_errors=True)
        raise


def _rename(tmp: Path, path: Path) -> None:
    check_destination(path)  # again: something may have taken the name while we wrote
    deadline = time.monotonic() + _RETRY_SECONDS
    while True:
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            # Windows: the destination is open in another program for a moment
            if os.name != "nt" or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
