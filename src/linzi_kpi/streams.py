"""Standard output and error that never end a command in a traceback, whatever they are.

``prepare`` runs before any command (``kpi``'s ``main``):

- A stream that cannot encode a character (``LC_ALL=C`` with ``PYTHONUTF8=0``,
  ``PYTHONIOENCODING=ascii``, what ``kpi status > file`` may get on an English Windows) writes a
  replacement character instead of raising ``UnicodeEncodeError``.
- A standard stream that is closed (``kpi status >&-``) has its descriptor taken by
  ``/dev/null``, so that no file ``kpi`` opens later (a ledger file, the lock) gets descriptor 1
  or 2 and receives what was meant for the terminal; writing to a closed stdout then fails as
  it would have.
- Every write to stdout that fails (a closed stream, a full device, a reader that left) raises
  ``OutputError``: a ``KpiError``, so the commands' one error boundary makes it one line on
  stderr and exit 1 (nothing at all for a reader that left: ``kpi status | head``). After it,
  stdout leads nowhere, so nothing more fails, not the flush at exit either.
- A write to stderr that fails is dropped: there is nowhere left to say anything.

A command whose work is done and durable before it prints (a record written) prints inside
``durable``: a failure to print its confirmation is a warning, and the exit status stays 0.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from .errors import KpiError, os_reason
from .i18n import _


class OutputError(KpiError):
    """Standard output cannot be written. The message is empty when the reader left (a closed
    pipe): that is how ``head`` ends a pipeline, not an error worth a line."""

    def __init__(self, cause: OSError) -> None:
        self.cause = cause
        quiet = cause.errno == errno.EPIPE
        super().__init__("" if quiet else _("cannot write to standard output: {why}").format(
            why=os_reason(cause)))


def _plug(fd: int) -> None:
    """Point ``fd`` at /dev/null: later writes and the flush at exit go nowhere."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    if null != fd:
        try:
            os.dup2(null, fd)
        except OSError:
            pass
        os.close(null)


class _Wrapped:
    """A text stream wrapped by kpi: ``write`` and ``flush`` are the subclass's, everything else
    the stream's own. ``buffer`` is not offered, so that Click writes text through ``write``
    rather than wrapping the bytes."""

    _stream: Any

    def write(self, text: str) -> int:
        raise NotImplementedError

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":
            raise AttributeError(name)
        return getattr(self._stream, name)


class _Stdout(_Wrapped):
    """``sys.stdout`` with every ``OSError`` of a write or a flush turned into ``OutputError``.

    The first failure is kept: every later write or flush raises it again (a caller that
    swallowed it, as Click's probe for a binary stream does, cannot go on as if all was well),
    until ``settle`` says it was dealt with.
    """

    def __init__(self, stream: Any, closed: bool = False) -> None:
        self._stream = stream
        self.failed: OutputError | None = None
        if closed:  # the descriptor was closed when kpi started
            self.failed = OutputError(OSError(errno.EBADF, os.strerror(errno.EBADF)))

    def _fail(self, exc: OSError) -> OutputError:
        self.failed = OutputError(exc)
        try:
            _plug(self._stream.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return self.failed

    def settle(self) -> None:
        self.failed = None

    def write(self, text: str) -> int:
        if self.failed is not None:
            raise self.failed
        if isinstance(text, str) and not text:
            return 0
        try:
            written: int = self._stream.write(text)
        except OSError as exc:
            raise self._fail(exc) from None
        return written

    def flush(self) -> None:
        if self.failed is not None:
            raise self.failed
        try:
            self._stream.flush()
        except OSError as exc:
            raise self._fail(exc) from None



class _Stderr(_Wrapped):
    """``sys.stderr`` that drops what it cannot write."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            written: int = self._stream.write(text)
        except (OSError, ValueError):
            return len(text)
        return written

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError):
            pass



def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _text(fd: int) -> io.TextIOWrapper:
    """A text stream writing to ``fd``."""
    return open(fd, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115


def prepare() -> None:
    """Make the standard streams safe for every command (see the module's text)."""
    closed = [fd for fd in (0, 1, 2) if not _is_open(fd)]
    for fd in closed:
        _plug(fd)  # in order, so that each takes its own number
    if 0 in closed:
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
    out: TextIO = _text(1) if 1 in closed or sys.stdout is None else sys.stdout
    err: TextIO = _text(2) if 2 in closed or sys.stderr is None else sys.stderr
    for stream in (out, err):
        # a TextIOWrapper can be reconfigured; a stream put in its place may not
        reconfigure = getattr(stream, "reconfigure", None)
        try:
            if reconfigure is not None:
                reconfigure(errors="replace" if stream is out else "backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass
    sys.stdout = _Stdout(out, closed=1 in closed)
    sys.stderr = _Stderr(err)


def finish(code: int) -> int:
    """Flush what is left of stdout. A failure not yet reported (the command ended well) is
    reported now, and the exit status becomes 1."""
    try:
        sys.stdout.flush()
    except OutputError as exc:
        _settle()
        if code == 0 and exc.args[0]:
            sys.stderr.write(_("error: {exc}").format(exc=exc) + "\n")
        return code or 1
    except (OSError, ValueError, AttributeError):
        return code or 1
    return code


def _settle() -> None:
    settle = getattr(sys.stdout, "settle", None)
    if settle is not None:
        settle()


def exit_code(value: object) -> int:
    """A ``SystemExit`` code as a number, as the interpreter would turn it into one."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    sys.stderr.write(f"{value}\n")
    return 1


@contextlib.contextmanager
def durable(what: str) -> Iterator[None]:
    """Printing after ``what`` is done and durable: a failure is a warning, never a failure of
    the command (``kpi record`` exits 0 once its record is written, even into ``/dev/full``)."""
    try:
        yield
    except OutputError as exc:
        _settle()
        if exc.args[0]:
            sys.stderr.write(_("warning: {what}, but the confirmation could not be printed ({exc})")
                              .format(what=what, exc=exc) + "\n")


def run(main: Any) -> None:
    """Run ``main`` (the Typer app) with safe streams, and exit with its status."""
    prepare()
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exit_code(exc.code)
    except OutputError as exc:  # Click's own output (--help, a usage error) outside a command
        _settle()
        if exc.args[0]:
            sys.stderr.write(_("error: {exc}").format(exc=exc) + "\n")
        code = 1
    except KeyboardInterrupt:
        sys.stderr.write(_("error: interrupted") + "\n")
        code = 130
    sys.exit(finish(code))
