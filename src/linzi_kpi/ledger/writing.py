"""Writing the ledger: records as lines, appended under the lock in one write, never over a
file that would not read back as written."""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import stat
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from ..csvrows import OpenQuote, Rows
from ..errors import KpiError, os_reason
from ..i18n import N_, _
from ..model import Record
from ..values import format_number
from .fileformat import (
    COLUMNS,
    CONFLICT_HINT,
    CONFLICT_MARKERS,
    FIRST_COLUMNS,
    grown,
    may_hold_markers,
)
from .journal import JOURNAL_NAME, Entry, begin, commit, rollback
from .locking import LOCK_NAME, NOFOLLOW, Lock, identity


def encode(records: Iterable[Record]) -> str:
    """Records as ledger lines. A field holding a comma, a quote or a line end of either kind is
    quoted: Python's CSV writer, ending lines with \\n, left a lone \\r unquoted, and the reader
    then split the record there."""
    lines = []
    for r in records:
        value = format_number(r.value) if r.value is not None else (r.state.value if r.state else "")
        fields = [r.target, value, r.unit, r.date.isoformat(), r.recorded_at.isoformat(), r.by,
                  r.source, r.note, r.recording, r.withdraws, r.corrects]
        while len(fields) > len(FIRST_COLUMNS) and not fields[-1]:
            fields.pop()  # the columns added later may be left out at the end (fileformat)
        lines.append(",".join(_quoted(f) for f in fields) + "\n")
    return "".join(lines)


_SPECIAL = re.compile(r'[,"\r\n]')


def _quoted(field: str) -> str:
    return '"' + field.replace('"', '""') + '"' if _SPECIAL.search(field) else field


#: What a ledger folder tells git about itself, so that any repository holding it gets it right:
#: ledger files only gain lines, so two branches that both recorded merge by keeping the lines of
#: both (git's union merge, also for a month file both created); the lock is local, never
#: committed. Each file's comment is in the language of the run that writes it.
GIT_COMMENTS = {
    ".gitattributes": N_("kpi: ledger files only gain lines; a merge keeps the lines of both sides"),
    ".gitignore": N_("kpi: the lock file and the journal of a recording are local to each machine"),
}


def git_files() -> dict[str, str]:
    """The ledger folder's .gitattributes and .gitignore by name, their comments in the language
    of the run."""
    return {".gitattributes": f"# {_(GIT_COMMENTS['.gitattributes'])}\n*.csv merge=union\n",
            ".gitignore": f"# {_(GIT_COMMENTS['.gitignore'])}\n{LOCK_NAME}\n{JOURNAL_NAME}\n"}


def write_git_files(progress_dir: Path) -> None:
    """Write the ledger folder's .gitattributes and .gitignore where they are missing (each
    append asks: two system calls that fail when the files are there); never over a file a
    person wrote. A folder that cannot take them is no reason to refuse a record."""
    for name, text in git_files().items():
        try:
            fd = os.open(progress_dir / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW,
                         0o644)
        except OSError:
            continue
        try:
            os.write(fd, text.encode("utf-8"))
        except OSError:
            pass
        finally:
            os.close(fd)


@contextmanager
def hold(progress_dir: Path, *, create: bool = True) -> Iterator[None]:
    """The ledger's lock, held around reading the ledger and the append that the reading
    decides (whether a return is recorded already, whether a recording is withdrawn already),
    so that two processes never both decide on the ledger as it was before either appended:
    the second reads what the first appended. ``append`` inside takes the same lock. What a
    recording killed before left is undone first, so the reading never sees half of it.

    The folder is created (``create``) as the append would create it. A folder that is not
    there (without ``create``), is a symbolic link, or cannot be locked (read-only) is read
    without the lock: nothing can be appended there, and the append says why."""
    with ExitStack() as stack:
        try:
            if not progress_dir.is_symlink() and (create or progress_dir.is_dir()):
                progress_dir.mkdir(parents=True, exist_ok=True)
                stack.enter_context(Lock(progress_dir))
                rollback(progress_dir)
        except OSError:
            pass  # the append, if there is one, refuses with the reason
        yield


def append(progress_dir: Path, file_name: str, records: list[Record]) -> Path:
    """Append records to one ledger file: under a lock, in one write, flushed and fsynced.

    On any failure (a full disk, say) the file is cut back to its old length (or removed, if
    this call created it), so a record is either wholly there or not at all.
    """
    if not records:
        raise KpiError(_("nothing to record"))
    try:
        progress_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KpiError(_("cannot create {name}/: {strerror}")
                        .format(name=progress_dir.name, strerror=os_reason(exc))) from None
    path = progress_dir / file_name
    body = encode(records)
    try:
        # Nothing is written outside the data folder: not through a linked folder or file.
        if progress_dir.is_symlink():
            raise KpiError(_("{name}/ is a symbolic link: kpi writes only into a real folder "
                             "inside the data folder; nothing was recorded").format(
                                 name=progress_dir.name))
        if path.is_symlink():  # (a name too long for the system fails here: one line below)
            raise KpiError(_("{name}/{file_name} is a symbolic link: kpi appends only to plain "
                             "files inside {name}/; nothing was recorded").format(
                                 name=progress_dir.name, file_name=file_name))
        with Lock(progress_dir) as lock:
            rollback(progress_dir)  # what a recording killed before this one left
            _append_locked(progress_dir, file_name, body, lock)
        write_git_files(progress_dir)  # a new folder, or a branch checked out without them
    except OSError as exc:
        raise KpiError(_("could not write {name}/{file_name}: {strerror}; nothing was recorded")
                        .format(name=progress_dir.name, file_name=file_name, strerror=os_reason(exc))) from None
    return path


def _append_locked(progress_dir: Path, file_name: str, body: str, lock: Lock) -> None:
    """Under the lock: ``body`` appended to the file (a new one starts with kpi's header), and
    the file's new identity remembered, all or nothing: the rollback journal names the file
    and its size before the first byte is appended and is removed once the records are
    durable (``journal``); a failure on the way cuts the file back at once, a kill leaves the
    journal for the next command to undo."""
    path = progress_dir / file_name
    shown = f"{progress_dir.name}/{file_name}"
    existed = path.exists()
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | NOFOLLOW, 0o644)
    try:
        info = os.fstat(fd)
        size = info.st_size
        if not stat.S_ISREG(info.st_mode):
            raise KpiError(_("{shown} is not a plain file; nothing was recorded").format(shown=shown))
        known = lock.verified()
        if size and known.get(file_name) != identity(info):
            _check_appendable(fd, shown)
        elif size:  # unchanged since kpi last checked it all; its header is cheap to check anyway
            with open(fd, "rb", closefd=False) as handle:
                _check_header(handle, shown)
        if size == 0:
            body = ",".join(COLUMNS) + "\n" + body
        elif _last_byte(fd, size) != b"\n":
            body = "\n" + body  # a line cut short by hand: start on a fresh line
        try:
            begin(progress_dir, [Entry(file_name, size if existed else -1,
                                                       info.st_dev, info.st_ino)])
        except BaseException:
            commit(progress_dir)  # nothing appended yet
            if not existed:
                os.close(fd)
                fd = -1
                path.unlink(missing_ok=True)  # leave no empty file behind
            raise
        try:
            _write_all(fd, body.encode("utf-8"))
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            fd = -1
            rollback(progress_dir)  # cut back (or removed), journal gone
            raise
        known = {name: ident for name, ident in known.items()
                 if name != file_name and (progress_dir / name).is_file()}
        known[file_name] = identity(os.fstat(fd))
        lock.remember(known)
        commit(progress_dir)  # the moment the records are recorded
    finally:
        if fd >= 0:
            os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    written = 0
    while written < len(data):
        written += os.write(fd, data[written:])


def _check_appendable(fd: int, shown: str) -> None:
    """Refuse to append where the new records would not be read back as written: to a file
    that is not UTF-8 (say GBK, as Excel saves CSV in China: the file would mix two encodings,
    and none of its records count until it is one again), to a file with an unresolved merge
    conflict (the markers would stay, and the file fail validation), after a header other than
    kpi's (the fields would land in the wrong columns), or after a quoted field that the file
    never closes (the records would be read as part of it)."""
    with open(fd, "rb", closefd=False) as handle:
        quoted = _check_bytes(handle, shown)
        _check_header(handle, shown)
        if quoted:  # no quote at all, so none left open: the common case
            _check_quotes(handle, shown)


def _check_bytes(handle: io.BufferedReader, shown: str) -> bool:
    """Refuse a file that is not UTF-8 or holds git's conflict markers, reading it a block at a
    time; returns whether it holds a quote at all."""
    handle.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    quoted = marked = False
    tail = b""  # the end of the block before, for a marker across two blocks
    try:
        for block in iter(lambda: handle.read(1 << 20), b""):
            if not block.isascii() or decoder.getstate()[0]:
                decoder.decode(block)
            quoted = quoted or b'"' in block
            marked = marked or may_hold_markers(tail + block)
            tail = block[-8:]
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise KpiError(_("{shown} is not UTF-8 text: a record appended to it would mix two "
                         "encodings in one file; save it as UTF-8 first (`kpi validate` shows "
                         "where); nothing was recorded").format(shown=shown)) from None
    if marked and (line := _conflict_line(handle)):
        raise KpiError(_("{shown} has an unresolved merge conflict at line {line}: {CONFLICT_HINT} "
                         "(<<<<<<<, ======= and >>>>>>>); nothing was recorded").format(shown=shown,
                             line=line, CONFLICT_HINT=_(CONFLICT_HINT)))
    return quoted


def _conflict_line(handle: io.BufferedReader) -> int:
    """The line of the first of git's conflict markers in a file, or 0."""
    handle.seek(0)
    for number, text in enumerate(handle, start=1):
        if text.startswith(tuple(m.encode() for m in CONFLICT_MARKERS)):
            return number
    return 0


def _check_header(handle: io.BufferedReader, shown: str) -> None:
    """Refuse a file whose header is not kpi's: the header as the reader finds it, the first
    row that is not empty, split as CSV (a lone carriage return ends a line there, as it does
    for the reader)."""
    handle.seek(0)
    head = handle.read(65_536).decode("utf-8", errors="replace").removeprefix("\ufeff")
    names: list[str] = []
    try:
        names = next(row for row in csv.reader(io.StringIO(head, newline=""), strict=True)
                     if row and row != [""])
    except (StopIteration, csv.Error):
        pass
    stripped = [n.strip() for n in names]
    if stripped != list(COLUMNS) and not grown(stripped):  # (an earlier header: every column)
        found = ",".join(names)[:80]
        raise KpiError(_("{shown} has the header {found!r}, not kpi's {join}: a record appended to "
                         "it would be read in the wrong columns; record into another file (--file "
                         "NAME.csv) or fix the header; nothing was recorded").format(shown=shown,
                             found=found, join=','.join(COLUMNS)))


def _check_quotes(handle: io.BufferedReader, shown: str) -> None:
    """Refuse a file that ends inside a quoted field: what is appended would be read as part
    of it."""
    handle.seek(0)
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="replace", newline="")
    reader = Rows(text)
    try:
        while True:
            line = reader.line_num + 1
            try:
                if reader.next() is None:
                    return
            except OpenQuote:
                raise KpiError(
                    _("{shown} ends inside a quoted field that opens on line {line}: a record "
                      "appended to it would be read as part of that field; close the quote (`kpi "
                      "validate` shows where); nothing was recorded").format(shown=shown, line=line)) from None
            except csv.Error:
                continue  # a fault that ends with its line: `kpi validate` reports it
    finally:
        text.detach()


def _last_byte(fd: int, size: int) -> bytes:
    """The file's last byte (os.pread is POSIX-only; an O_APPEND write ignores the offset)."""
    os.lseek(fd, size - 1, os.SEEK_SET)
    return os.read(fd, 1)
