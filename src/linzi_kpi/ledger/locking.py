"""The lock that makes appends to the ledger one at a time, and what it remembers."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from types import ModuleType

from ..errors import KpiError
from ..i18n import _

LOCK_NAME = ".kpi.lock"
#: How long ``kpi record`` waits for another process to finish writing before it gives up.
LOCK_WAIT = 30.0
#: Opening a ledger file or the lock never follows a symbolic link (POSIX; Windows has none).
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


#: The locks this thread holds, by folder: a lock taken again inside one (the append inside
#: ``writing.hold``, which read the ledger under it) is the same lock, not a second one that
#: would wait for the first.
_HELD = threading.local()


def _held() -> dict[str, Lock]:
    found: dict[str, Lock] | None = getattr(_HELD, "locks", None)
    if found is None:
        found = _HELD.locks = {}
    return found


class Lock:
    """An exclusive lock on ``progress/.kpi.lock``, released by the OS if the holder dies.

    A holder that is alive but stuck (a hung process, a disk that no longer answers) is waited
    for ``LOCK_WAIT`` seconds, then the append is refused instead of hanging. Taken again in a
    thread that holds it already, it is the lock held (released when the outer one is).
    """

    def __init__(self, progress_dir: Path) -> None:
        self.path = progress_dir / LOCK_NAME
        self.fd = -1
        self._key = os.path.normcase(os.path.abspath(progress_dir))
        self._nested = False

    def __enter__(self) -> Lock:
        outer = _held().get(self._key)
        if outer is not None:
            self.fd, self._nested = outer.fd, True
            return self
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | NOFOLLOW, 0o644)
        try:
            try:
                import fcntl
            except ImportError:  # Windows: LK_LOCK itself gives up after about 10 seconds
                import msvcrt
                msvcrt.locking(self.fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
            else:
                self._wait(fcntl)
        except BaseException:
            os.close(self.fd)
            raise
        _held()[self._key] = self
        return self

    def _wait(self, fcntl: ModuleType) -> None:
        """Take the lock, trying again with growing pauses for up to ``LOCK_WAIT`` seconds."""
        deadline = time.monotonic() + LOCK_WAIT
        pause = 0.001
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise KpiError(
                        _("{name}/{LOCK_NAME} has been held by another process for more than "
                          "{LOCK_WAIT:g} seconds; try again when it has finished; nothing was "
                          "recorded").format(name=self.path.parent.name, LOCK_NAME=LOCK_NAME,
                                             LOCK_WAIT=LOCK_WAIT)) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.05)

    def __exit__(self, *exc: object) -> None:
        if self._nested:
            self._nested = False
            return
        _held().pop(self._key, None)
        os.close(self.fd)  # closing releases the lock

    # The lock file also remembers, for each ledger file, the identity (device, inode, size,
    # modification time) it had after the last append that knew the whole file to be appendable.
    # A file that still has that identity has not been touched since, so the next append need
    # not read it again: appending stays as cheap with a million records as with none. Any other
    # change to the file changes its identity, and the next append checks it in full. Junk here
    # (a crash while writing it) only means a full check.

    def verified(self) -> dict[str, list[int]]:
        try:
            os.lseek(self.fd, 0, os.SEEK_SET)
            state = json.loads(os.read(self.fd, 1 << 16) or b"{}")
        except (OSError, ValueError):
            return {}
        return state if isinstance(state, dict) else {}

    def remember(self, state: dict[str, list[int]]) -> None:
        data = json.dumps(state, sort_keys=True).encode()
        try:
            os.ftruncate(self.fd, 0)
            os.lseek(self.fd, 0, os.SEEK_SET)
            os.write(self.fd, data)
        except OSError:
            pass  # the next append checks in full


def remembered(progress_dir: Path) -> dict[str, list[int]]:
    """What the lock file remembers, read without taking the lock (for a reader: a state
    being rewritten reads as junk, which is nothing remembered)."""
    try:
        fd = os.open(progress_dir / LOCK_NAME, os.O_RDONLY | NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return {}
    try:
        state = json.loads(os.read(fd, 1 << 16) or b"{}")
    except (OSError, ValueError):
        return {}
    finally:
        os.close(fd)
    return state if isinstance(state, dict) else {}


def identity(info: os.stat_result) -> list[int]:
    """What the lock remembers of a ledger file: device, inode, size, modification time and
    change time (which no one can set back, as ``touch`` sets back the modification time)."""
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]
