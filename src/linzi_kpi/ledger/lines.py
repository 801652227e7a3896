"""A ledger file's bytes → its rows: encoding, NUL bytes, control characters, git's conflict
markers, CSV structure and the header. Each fault is a located problem; what cannot be read
is never taken for records.
"""

from __future__ import annotations

import codecs
import csv
import io
import shlex
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..csvrows import OpenQuote, Rows
from ..errors import Problem
from ..fields import CONTROL
from ..i18n import _
from ..inputs import LEDGER_CAP, InputError, open_regular
from .fileformat import (
    COLUMNS,
    CONFLICT_HINT,
    CONFLICT_MARKERS,
    FIRST_COLUMNS,
    REQUIRED,
    grown,
    may_hold_markers,
)

#: Problems listed per ledger file; beyond these, only their number is given.
MAX_PROBLEMS = 100

#: A row as read: the line it starts on, the header (the same list for every row of a file),
#: and its fields in header order.
Row = tuple[int, list[str], list[str]]


class Problems(list[Problem]):
    """The problems of one file: the first ``cap`` kept, the rest only counted (``add`` builds
    a problem only when it is kept), so that a file of a million bad lines costs little more
    than a file of a hundred."""

    def __init__(self, cap: int = MAX_PROBLEMS) -> None:
        super().__init__()
        self.cap = cap
        self.more = 0
        self.full = cap <= 0

    def append(self, problem: Problem) -> None:
        if self.full:
            self.more += 1
        else:
            super().append(problem)
            self.full = len(self) >= self.cap

    def add(self, message: str, hint: str, display: str, line: int, column: int,
            title: str) -> None:
        if self.full:
            self.more += 1
        else:
            self.append(Problem(message, hint, file=display, line=line, column=column,
                                title=title))


def rows(path: Path, display: str, problems: Problems) -> Iterator[Row]:
    """Rows of one ledger file as (first line, header, fields), fields in header order.

    Structural faults go to ``problems``. A record whose note spans lines is reported at the
    line it starts on. A file that is not UTF-8, or that is a symbolic link, is one problem and
    none of its records count; a record holding a NUL byte, or one the CSV reader cannot read,
    is a problem and reading goes on at the next line; a file that ends inside a quoted field
    is a problem at the line where the field opens (whatever follows would be read as part of
    it).
    """
    fd = _open(path, display, problems)
    if fd is None:
        return
    with open(fd, "rb") as binary:
        try:
            text = _text(binary, path, display, problems)
            if text is not None:
                source, nul, controls = text
                yield from _parse(source, nul, controls, display, problems)
        except OSError as exc:
            problems.append(Problem(_("cannot read file: {strerror}")
                                     .format(strerror=exc.strerror), _("check its permissions"),
                                    file=display, title="unreadable file"))


def _open(path: Path, display: str, problems: Problems) -> int | None:
    """A descriptor on a ledger file that is a regular file within the cap, else a problem."""
    if path.is_symlink():
        problems.append(Problem(_("a symbolic link, not read"),
                                _("ledger files are plain files inside progress/; put the file "
                                  "itself here"), file=display, title="unreadable file"))
        return None
    try:
        return open_regular(path, LEDGER_CAP, follow=False)
    except IsADirectoryError:
        problems.append(Problem(_("a folder named like a ledger file, not read"),
                                _("ledger files are plain files inside progress/; move the "
                                  "folder out of progress/ or rename it without .csv"),
                                file=display, title="unreadable file"))
    except InputError as exc:
        hint = exc.hint
        if not path.is_file():  # a pipe, a socket, a device: not a ledger file
            hint = _("ledger files are plain files inside progress/; move it out of progress/ "
                     "or rename it without .csv")
        problems.append(Problem(exc.message, hint, file=display, title="unreadable file"))
    except OSError as exc:
        problems.append(Problem(_("cannot read file: {strerror}")
                                 .format(strerror=exc.strerror), _("check its permissions"),
                                file=display, title="unreadable file"))
    return None


def _text(binary: io.BufferedReader, path: Path, display: str,
          problems: Problems) -> tuple[Iterable[str], str, bool] | None:
    """The file's lines as text, the character standing for a NUL byte (``""`` when it holds
    none), and whether it may hold a control character; None, and a problem, for a file that
    is not UTF-8."""
    bad, nul, controls, marked, long_line = _survey(binary)
    binary.seek(0)
    if long_line:
        problems.append(Problem(
            f"line {long_line} is longer than {MAX_LINE >> 20} MB: no ledger line is, so the "
            "file is not read", "this is not a ledger file (a sparse or binary file?); move it "
            "out of progress/", file=display, title="unreadable file"))
        return None
    if bad is not None:
        line, column = bad
        problems.append(Problem(_("file is not UTF-8 text"), _encoding_fix(path, display),
                                file=display, line=line, column=column, title="encoding"))
        return None
    handle = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    source: Iterable[str] = handle
    if nul:
        # Before Python 3.11 the CSV reader refuses a NUL outright; a character the text
        # does not hold (the survey found which) stands in for it, line by line, so that
        # every version reports the record.
        stand_in = nul
        source = (line.replace("\x00", stand_in) for line in handle)
    if marked:
        source = _unmarked(source, display, problems)
    return source, nul, controls


def _encoding_fix(path: Path, display: str) -> str:
    """How to make a ledger file UTF-8 again: for one that Excel or WPS re-saved as GBK (what
    they do with CSV on Chinese Windows), the exact, safe conversion."""
    try:
        with open(open_regular(path, LEDGER_CAP, follow=False), "rb") as handle:
            raw = handle.read(64 << 20)
        if raw.startswith(codecs.BOM_UTF8):  # saved as UTF-8, then damaged: not a GBK file
            raise UnicodeDecodeError("utf-8", raw, 0, 3, "a UTF-8 byte order mark")
        raw.decode("gb18030")
    except (OSError, UnicodeDecodeError):
        return _("save the file as UTF-8 (Excel/WPS: 另存为 CSV UTF-8)")
    # quoted for the shell: a file name may hold spaces or characters a shell reads
    shown, converted = shlex.quote(display), shlex.quote(f"{path.name}.utf8")
    return _("it reads as GBK (as Excel and WPS save CSV on Chinese Windows): convert it with "
             "iconv -f GB18030 -t UTF-8 {shown} > {converted}, check that file, then move it "
             "over {shown}; or open it in Excel/WPS and save as CSV UTF-8").format(
                 shown=shown, converted=converted)


#: Bytes that may start a control character other than tab and line ends (0xC2 leads C1 ones in
#: UTF-8, and also ordinary characters such as °): a file without any needs no check per record.
#: Derived from ``fields.CONTROL``, the one rule of what a record's text may not hold (a NUL is
#: looked for on its own).
_NOT_CONTROL = bytes(b for b in range(256)
                     if b == 0 or (b < 128 and not CONTROL.match(chr(b))) or (b >= 128 and b != 0xC2))


#: The longest line a ledger file may hold (a record is a few hundred bytes; a field at most
#: 128 KB): a longer one is a file that is no ledger, not read rather than held in memory.
MAX_LINE = 64 << 20
#: Characters a text never holds, to stand in for NUL; the survey notes which the file holds.
_STAND_INS = ("\ufffe", "\uffff", "\U0010fffe", "\U0010ffff")
_STAND_IN_BYTES = tuple(c.encode("utf-8") for c in _STAND_INS)


def _survey(binary: io.BufferedReader) -> tuple[tuple[int, int] | None, str, bool, bool, int]:
    """One pass over the bytes, a block at a time: the (line, column) of the first byte that is
    not UTF-8, if any; a character to stand in for NUL if the file holds a NUL byte (one the
    file does not hold), else ``""``; whether it may hold another control character; whether
    it may hold git's conflict markers; and the number of the first line longer than
    ``MAX_LINE`` (0 if none), at which the survey stops."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = newlines = 0
    line_start = 0  # offset of the first byte of the current line
    has_nul = False
    held: set[int] = set()  # which of the stand-ins the file holds
    controls = marked = False
    tail = b""  # the end of the block before, for a marker across two blocks

    def stand_in() -> str:
        return next((c for i, c in enumerate(_STAND_INS) if i not in held), "\ufffd") \
            if has_nul else ""

    while True:
        block = binary.read(1 << 20)
        pending = decoder.getstate()[0]
        first = block.find(b"\n")
        if (first if first >= 0 else len(block)) + offset - line_start > MAX_LINE:
            return None, stand_in(), controls, marked, newlines + 1
        try:
            decoder.decode(block, final=not block)
        except UnicodeDecodeError as exc:
            at = offset - len(pending) + exc.start
            before = (pending + block)[:exc.start]
            newlines += before.count(b"\n", len(pending))
            found = before.rfind(b"\n", len(pending))
            if found >= 0:
                line_start = offset - len(pending) + found + 1
            binary.seek(line_start)
            head = binary.read(at - line_start).decode("utf-8")
            if newlines == 0:
                head = head.removeprefix("\ufeff")
            return (newlines + 1, len(head) + 1), stand_in(), controls, marked, 0
        if not block:
            return None, stand_in(), controls, marked, 0
        has_nul = has_nul or b"\x00" in block
        if not block.isascii():
            joined = tail + block
            held.update(i for i, b in enumerate(_STAND_IN_BYTES) if b in joined)
        controls = controls or bool(block.translate(None, _NOT_CONTROL))
        marked = marked or may_hold_markers(tail + block)
        tail = block[-8:]
        newlines += block.count(b"\n")
        found = block.rfind(b"\n")
        if found >= 0:
            line_start = offset + found + 1
        offset += len(block)


def _unmarked(source: Iterable[str], display: str, problems: Problems) -> Iterator[str]:
    """The lines of a ledger file with git's conflict markers left as empty lines (so that
    line numbers hold and the records of both sides are read), each conflict a problem at its
    <<<<<<< line (a stray marker, at its own line)."""
    inside = False
    for number, text in enumerate(source, start=1):
        if not text.startswith(CONFLICT_MARKERS):
            yield text
            continue
        opening = text.startswith("<<<<<<<")
        if opening or not inside:
            problems.append(Problem(
                _("unresolved merge conflict"), CONFLICT_HINT + " (<<<<<<<, ======= and >>>>>>>); "
                "ledger files merge without conflicts where progress/.gitattributes says "
                "merge=union", file=display, line=number, column=1, title="merge conflict"))
        inside = not text.startswith(">>>>>>>")
        yield "\n"


def _parse(source: Iterable[str], nul: str, controls: bool, display: str,
           problems: Problems) -> Iterator[Row]:
    """The rows of the text after its header; each row that is not a record, a problem."""
    reader = Rows(source)
    header: list[str] | None = None
    ours = False  # a header of kpi's: the first columns of COLUMNS
    while True:
        line = reader.line_num + 1
        try:
            row = reader.next()
        except OpenQuote:  # listed even past MAX_PROBLEMS: nothing after it was read
            list.append(problems, Problem(
                _("the file ends inside a quoted field that opens on this line"),
                _('close the quote (") or remove the stray one; a record after it would be read as '
                  "part of the field"), file=display, line=line, column=1,
                title="ledger line"))
            return
        except csv.Error as exc:
            problems.add(f"unreadable CSV: {exc}", "write one record per line; quote a field "
                         "with \"…\", and double a quote inside it (\"\")", display, line, 1,
                         "ledger line")
            continue
        if row is None:
            return
        if not row or row == [""]:
            continue
        if (nul or controls) and _odd_text(row, nul, controls, display, line, problems):
            continue
        if header is None:
            header = _header(row, display, line, problems)
            if header is None:
                return
            ours = header == list(COLUMNS) or grown(header)
        elif len(row) != len(header) and ours and len(FIRST_COLUMNS) <= len(row) <= len(COLUMNS):
            yield line, _FIRST[len(row)], row  # the columns grew at the end (fileformat)
        elif len(row) != len(header):
            problems.add(f"line has {len(row)} fields, the header has {len(header)}",
                         "quote a field that contains a comma; write one record per line",
                         display, line, 1, "ledger line")
        else:
            yield line, header, row


#: The header of a row that gives the first n columns, one list per n (the scan re-reads its
#: columns only when the header list changes).
_FIRST = {n: list(COLUMNS[:n]) for n in range(len(FIRST_COLUMNS), len(COLUMNS) + 1)}


def _odd_text(row: list[str], nul: str, controls: bool, display: str, line: int,
              problems: Problems) -> bool:
    """Whether the row holds a NUL byte or a control character (a problem, then)."""
    if nul and any(nul in cell for cell in row):
        problems.add("line contains a NUL byte", "remove it (a crash or a power cut can leave "
                     "NUL bytes at the end of a file); records are plain UTF-8 text",
                     display, line, 1, "encoding")
        return True
    if controls and (found := CONTROL.search(",".join(row))) is not None:
        # an escape sequence in a note would reach the terminal through `kpi log`
        problems.add(f"line holds the control character U+{ord(found.group()):04X}",
                     "remove it; records are plain text (line breaks and tabs are fine)",
                     display, line, 1, "encoding")
        return True
    return False


def _header(row: list[str], display: str, line: int, problems: Problems) -> list[str] | None:
    """The column names of a header row, or None (and a problem) when it is not kpi's."""
    header = [name.strip() for name in row]
    unknown = [n for n in header if n not in COLUMNS]
    missing = [n for n in REQUIRED if n not in header]
    # a column named twice: which of its two fields holds the record's would be a guess
    repeated = [n for n, count in Counter(header).items() if count > 1]
    if not unknown and not missing and not repeated:
        return header
    what = (f"unknown column {unknown[0]!r}" if unknown
            else f"missing column {missing[0]!r}" if missing
            else f"repeated column {repeated[0]!r}")
    problems.append(Problem(_("{what} in the header").format(what=what), "the header is " + ",".join(COLUMNS),
                            file=display, line=line, column=1, title="ledger header"))
    return None
