"""The rollback journal that makes a recording all or nothing under any kill.

Before an append touches a ledger file, ``progress/.kpi-journal`` is written and made durable:
for each file the append will grow, its name and its size before (or that it did not exist).
Then the records are appended and fsynced; then the journal is removed, and the folder fsynced:
that removal is the moment the recording happens. Whatever stops a recording before it (SIGKILL,
a power cut, a full disk, a crash) leaves the journal, and the next command of any kind that
opens the workspace (``recover``), or the next append, cuts each file back to its size before,
or removes a file the recording created, and then removes the journal: the ledger holds none of
the interrupted recording. A journal that is not whole (a kill while it was being written) was
written before any append began, so it is simply removed.

Recovery runs under the ledger's lock, so it never undoes an append that a live process is still
making: it waits for that process to finish, and then finds no journal.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import KpiError, os_reason
from ..i18n import _
from .locking import NOFOLLOW, Lock

JOURNAL_NAME = ".kpi-journal"
#: A journal larger than this is not one kpi wrote (it names a handful of files).
_JOURNAL_CAP = 1 << 16


@dataclass(frozen=True)
class Entry:
    """One ledger file an append is about to grow: its size before (-1 if the append created
    it), and the file itself (device and inode), so that a journal carried to another copy of
    the folder (a commit, a clone, a backup restored) never cuts a file that is not the one it
    was written for."""

    name: str
    size: int
    device: int = -1
    inode: int = -1


def begin(progress_dir: Path, entries: list[Entry]) -> None:
    """Write the journal and make it durable (its bytes, then its name) before any append."""
    path = progress_dir / JOURNAL_NAME
    data = json.dumps({"kpi-journal": 1,
                       "files": [[e.name, e.size, e.device, e.inode] for e in entries]},
                      ensure_ascii=False).encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | NOFOLLOW, 0o644)
    try:
        _write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(progress_dir)


def commit(progress_dir: Path) -> None:
    """The recording happens: the journal removed, and its removal made durable."""
    (progress_dir / JOURNAL_NAME).unlink(missing_ok=True)
    fsync_dir(progress_dir)


def pending(progress_dir: Path) -> bool:
    """Whether an interrupted recording left its journal (one ``lstat``: the common case)."""
    try:
        os.lstat(progress_dir / JOURNAL_NAME)
    except OSError:
        return False
    return True


def recover(progress_dir: Path, display_dir: str = "progress") -> str | None:
    """Undo what an interrupted recording left, if it left anything: under the lock, each file
    the journal names cut back to its size before (or removed, if the recording created it),
    then the journal removed. Returns the one line that says so, or None when there was
    nothing to undo."""
    if not pending(progress_dir):
        return None
    try:
        with Lock(progress_dir):
            return rollback(progress_dir, display_dir)
    except OSError as exc:
        raise KpiError(_("{dir}/{name}: an interrupted recording could not be undone: "
                         "{reason}; run kpi again where it may write to {dir}/").format(
            dir=display_dir, name=JOURNAL_NAME, reason=os_reason(exc))) from None


def rollback(progress_dir: Path, display_dir: str = "progress") -> str | None:
    """Under the lock: undo what the journal names, remove it, and say what was undone."""
    path = progress_dir / JOURNAL_NAME
    entries = _read(path)
    if entries is None:  # gone already (another process recovered), or not a file
        return None
    undone: list[str] = []
    for entry in entries:
        if _undo(progress_dir, entry):
            undone.append(f"{display_dir}/{entry.name}")
    commit(progress_dir)
    if not undone:
        return None
    return _("an interrupted recording was undone; nothing of it is left in {files}").format(
        files=", ".join(undone))


def _read(path: Path) -> list[Entry] | None:
    """The journal's entries; [] for a journal that is not whole (nothing was appended yet);
    None when there is none."""
    try:
        fd = os.open(path, os.O_RDONLY | NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError:  # a link, say: not kpi's; remove it below
        return []
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return []
        data = os.read(fd, _JOURNAL_CAP)
    finally:
        os.close(fd)
    try:
        found = json.loads(data.decode("utf-8"))
        files = found["files"]
        entries = [Entry(str(name), int(size), int(device), int(inode))
                   for name, size, device, inode in files]
    except (ValueError, KeyError, TypeError):
        return []
    # only plain names of ledger files inside the folder: a journal never leads elsewhere
    return [e for e in entries if e.name.lower().endswith(".csv") and "/" not in e.name
            and "\\" not in e.name and not e.name.startswith(".") and "\0" not in e.name]


def _undo(progress_dir: Path, entry: Entry) -> bool:
    """One file back to what it was; whether anything changed."""
    path = progress_dir / entry.name
    try:
        fd = os.open(path, os.O_RDWR | NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return False
    except OSError as exc:  # a link (never followed), a folder: not what kpi appended to
        if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO, errno.EMLINK):
            return False
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or (info.st_dev, info.st_ino) != (entry.device,
                                                                            entry.inode):
            return False  # not the file the journal was written for
        if entry.size < 0:
            os.close(fd)
            fd = -1
            path.unlink()
            return True
        if info.st_size <= entry.size:
            return False
        os.ftruncate(fd, entry.size)
        os.fsync(fd)
        return True
    finally:
        if fd >= 0:
            os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    written = 0
    while written < len(data):
        written += os.write(fd, data[written:])


def fsync_dir(directory: Path) -> None:
    """Make the names in a folder durable (POSIX; elsewhere a folder cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
