"""One error base for the command line, and problems as values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

PathPart = str | int

#: The most problems one run lists, whatever the files hold; the rest are counted. Collecting
#: and printing them all let a folder of bad files take gigabytes (a cap per file is no bound).
MAX_LISTED = 1000


class KpiError(Exception):
    """A failure the user can act on: printed as one line on stderr, then exit ``code``; with
    ``--format json``, its ``problems`` are printed as JSON on stdout too."""

    code = 1

    def __init__(self, message: str, code: int | None = None,
                 problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self._problems = list(problems)

    @property
    def problems(self) -> list[Problem]:
        """The failure as values, each problem with its place and its fix where known: those
        given, else one per line of ``details`` (an error listing several), else the message."""
        if self._problems:
            return self._problems
        details: Sequence[str] = getattr(self, "details", ())
        if details:
            return [Problem(one_line(line), title="error") for line in details]
        return [Problem(str(self), title="error")]

    def as_dict(self) -> dict[str, object]:
        """``{"error": message, "problems": [...]}``: what ``--format json`` prints of it."""
        return {"error": str(self), "problems": [p.as_dict() for p in self.problems]}


class UsageError(KpiError):
    code = 2


class OptionError(UsageError):
    """A value or a combination of a command's options kpi refuses: said, as the parser's own
    usage errors are, with where the command's help is (the command line adds it)."""


def with_hint(message: str, hint: str) -> str:
    """``message (hint)``, as the current language writes it; the message alone without one."""
    from .i18n import _

    return _("{message} ({hint})").format(message=message, hint=hint) if hint else message


def os_reason(exc: OSError) -> str:
    """Why the system refused, in the run's language: the C library words its reasons in
    English whatever the language (``Permission denied``), so the reasons a person meets are
    worded here by their errno; any other keeps the system's words. An ``OSError`` kpi raised
    with a message of its own (``inputs.InputError``) gives that message."""
    import errno

    from .i18n import N_, _

    reasons = {  # by the errno's name: not every system has every one (EDQUOT, ELOOP)
        "EACCES": N_("Permission denied"), "EPERM": N_("Operation not permitted"),
        "ENOENT": N_("No such file or directory"), "EEXIST": N_("File exists"),
        "EISDIR": N_("Is a directory"), "ENOTDIR": N_("Not a directory"),
        "ENOSPC": N_("No space left on device"), "EROFS": N_("Read-only file system"),
        "EDQUOT": N_("Disk quota exceeded"), "ENAMETOOLONG": N_("File name too long"),
        "ELOOP": N_("Too many levels of symbolic links"), "EIO": N_("Input/output error"),
        "EBUSY": N_("Device or resource busy"), "EMFILE": N_("Too many open files"),
        "ENOTEMPTY": N_("Directory not empty"), "EFBIG": N_("File too large"),
        "EBADF": N_("Bad file descriptor")}
    name = errno.errorcode.get(exc.errno) if isinstance(exc.errno, int) else None
    if name in reasons:
        return _(reasons[name])
    return exc.strerror or str(exc)


def one_line(text: str) -> str:
    """``text`` on one line whatever it holds: a line break, another control character or an
    invisible format character (in a file name, a sheet name) is shown as its escape, so that
    it cannot forge or hide a line of output."""
    if text.isprintable():
        return text
    import unicodedata

    return "".join(repr(c)[1:-1] if unicodedata.category(c) in _HIDDEN else c for c in text)


_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def format_path(path: tuple[PathPart, ...]) -> str:
    """``('tasks', 22, 'targets', 0, 'target')`` → ``tasks[22].targets[0].target``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Problem:
    """Something wrong in a data file: where, what, and how to fix it."""

    message: str
    hint: str = ""
    path: tuple[PathPart, ...] = ()
    file: str = ""
    line: int = 0
    column: int = 0
    title: str = "invalid data"

    def at(self, file: str, line: int = 0, column: int = 0) -> Problem:
        return replace(self, file=file, line=line, column=column)

    @property
    def where(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}" if self.column else f"{self.file}:{self.line}"

    @property
    def dotted(self) -> str:
        return format_path(self.path)

    def one_line(self) -> str:
        parts = [p for p in (self.where, self.dotted) if p]
        head = ": ".join(parts + [self.message])
        return with_hint(head, self.hint)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.dotted,
            "title": self.title,
            "message": self.message,
            "hint": self.hint,
        }
