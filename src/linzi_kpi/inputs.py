"""Opening the files ``kpi`` reads: only regular files, never more than a cap, and the plan's
source document only from inside the data folder.

Every input file (the plan, its source document, ledger files, ``record --from`` and ``kpi
import`` files) is opened here. Opening never waits (a FIFO would block until someone writes to
it) and nothing is read from what is not a regular file (a device such as ``/dev/zero`` never
ends). A regular file past its cap is refused before it is read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from .i18n import _

MB = 1 << 20
#: Caps, far beyond what each file holds in use (the plan is 64 KB, its source 30 KB, a return
#: a few dozen KB, a year of ledger files a few MB).
PLAN_CAP = 64 * MB
SOURCE_CAP = 16 * MB
RETURN_CAP = 64 * MB
LEDGER_CAP = 1024 * MB
#: The most of one line an excerpt of a problem reads (the rest of a longer line is skipped).
EXCERPT_CAP = 64 * 1024

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class InputError(OSError):
    """A file ``kpi`` will not read: not a regular file, or past its cap. ``str()`` says why."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint

    def __str__(self) -> str:
        return self.message


def size_words(cap: int) -> str:
    return f"{cap // MB} MB" if cap >= MB else f"{cap} bytes"


def open_regular(path: Path | str, cap: int, *, follow: bool = True) -> int:
    """A read-only descriptor on ``path``, which must be a regular file of at most ``cap`` bytes.

    Raises ``IsADirectoryError`` for a folder, ``InputError`` for anything else that is not a
    regular file or is too large, and the ``OSError`` of ``open`` itself (not found, no
    permission, a symbolic link when ``follow`` is false).
    """
    flags = os.O_RDONLY | _NONBLOCK | _BINARY | (0 if follow else _NOFOLLOW)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(info.st_mode):
            raise InputError(_("not a regular file (a device, a pipe or a socket), not read"),
                             _("point at a plain file"))
        if info.st_size > cap:
            raise InputError(_("file is larger than {size_words} ({st_size} bytes), not read")
                              .format(size_words=size_words(cap), st_size=info.st_size),
                             _("a file kpi reads here holds at most {size_words}").format(
                                 size_words=size_words(cap)))
        if _NONBLOCK:
            import fcntl

            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~_NONBLOCK)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_capped(path: Path | str, cap: int, *, follow: bool = True) -> bytes:
    """The bytes of a regular file of at most ``cap`` bytes (see ``open_regular``)."""
    fd = open_regular(path, cap, follow=follow)
    with open(fd, "rb") as handle:
        data = handle.read(cap + 1)
    if len(data) > cap:  # it grew while being read
        raise InputError(_("file is larger than {size_words}, not read").format(size_words=size_words(cap)),
                         _("a file kpi reads here holds at most {size_words}").format(size_words=size_words(cap)))
    return data


# ---------------------------------------------------------------- the plan's source document


def source_message(source: str) -> tuple[str, str]:
    """The one problem for a ``plan.source`` that names anything but a regular file inside the
    data folder: the same words whatever the path leads to, so that the answer says nothing of
    what lies outside."""
    shown = source if len(source) <= 80 else source[:80] + "…"
    return (_("source document {shown!r} is not a regular file inside the data folder").format(
                shown=shown),
            _("name it by a relative path inside the folder that holds tasks.yaml, e.g. "
              "source/linzi-2023-key-tasks.txt: no absolute path, no .., no link out of the "
              "folder"))


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def confined_source(plan_path: Path, source: str) -> Path | None:
    """The file ``plan.source`` names, if it may be read: a relative path without ``..`` whose
    real location (after every symbolic link) is inside the folder holding the plan, or inside
    the real folder of the plan file itself when the plan is a link (as ``examples/sample`` is).
    ``None`` otherwise, and for a device, a FIFO or a socket inside the folder: nothing is opened
    to decide, so none of those is ever touched."""
    if not source or "\\" in source or "\x00" in source or source.startswith("~"):
        return None
    pure = PurePosixPath(source)
    if pure.is_absolute() or ".." in pure.parts or ":" in pure.parts[0]:
        return None
    folder = plan_path.parent
    candidate = folder / pure
    try:
        real = os.path.realpath(candidate)
        roots = {os.path.realpath(folder), os.path.dirname(os.path.realpath(plan_path))}
    except (OSError, ValueError):
        return None
    if not any(_within(real, root) for root in roots):
        return None
    try:
        mode = os.stat(real).st_mode  # a look, not an open: a FIFO does not block a stat
    except (OSError, ValueError):
        return candidate  # missing or unreadable: reading it says so
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return None
    return candidate


# ---------------------------------------------------------------- lines for excerpts


def line_reader(wanted: Iterable[tuple[str, int]],
                cap: int = LEDGER_CAP) -> Callable[[str, int], str | None]:
    """Reads the given (file, line) pairs, and only those: each file once, line by line, keeping
    only the lines asked for (a report of a thousand problems in a 1 GB file costs the lines
    shown, not the file). Lines end at line feeds only, as YAML and CSV count them."""
    needed: dict[str, set[int]] = {}
    for file, line in wanted:
        if file and line > 0:
            needed.setdefault(file, set()).add(line)
    found: dict[str, dict[int, str]] = {}

    def read(file: str, line: int) -> str | None:
        if file not in found:
            found[file] = _pick_lines(file, needed.get(file, set()), cap)
        return found[file].get(line)

    return read


def _pick_lines(file: str, lines: set[int], cap: int) -> dict[int, str]:
    out: dict[int, str] = {}
    if not lines:
        return out
    last = max(lines)
    try:
        fd = open_regular(file, cap)
    except OSError:
        return out
    with open(fd, "rb") as handle:
        number = 0
        while number < last:
            raw = handle.readline(EXCERPT_CAP)
            if not raw:
                break
            number += 1
            while not raw.endswith(b"\n") and len(raw) >= EXCERPT_CAP:  # a line too long to
                rest = handle.readline(EXCERPT_CAP)  # quote in full: its start only
                if not rest or rest.endswith(b"\n"):
                    break
            if number in lines:
                text = raw.decode("utf-8", errors="replace") if len(raw) >= EXCERPT_CAP \
                    else _decoded(raw)
                if text is None:
                    return out  # not text: no excerpt (the problem says where)
                if number == 1:
                    text = text.removeprefix("\ufeff")
                out[number] = text.removesuffix("\n").removesuffix("\r")
    return out


def _decoded(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
