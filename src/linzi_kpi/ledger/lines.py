"""A ledger file's bytes → its rows: encoding, NUL bytes, what a record's text may not hold
(``freetext``: control characters, line breaks in who and source, invisible characters), git's
conflict markers, CSV structure and the header. Each fault is a located problem; what cannot be
read is never taken for records.
"""

from __future__ import annotations

import codecs
import csv
import io
import shlex
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..csvrows import OpenQuote, Rows
from ..errors import Problem, os_reason
from ..freetext import ONE_LINE, SUSPECT, fault, may_hold
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
    raw = _Raw(path)
    with open(fd, "rb") as binary:
        try:
            text = _text(binary, path, display, problems)
            if text is not None:
                source, nul, odd, quoted = text
                yield from _parse(source, nul, odd, quoted, raw, display, problems)
        except OSError as exc:
            problems.append(Problem(_("cannot read file: {strerror}")
                                     .format(strerror=os_reason(exc)), _("check its permissions"),
                                    file=display, title="unreadable file"))
        finally:
            raw.close()


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
                                 .format(strerror=os_reason(exc)), _("check its permissions"),
                                file=display, title="unreadable file"))
    return None


def _text(binary: io.BufferedReader, path: Path, display: str,
          problems: Problems) -> tuple[Iterable[str], str, bool, bool] | None:
    """The file's lines as text, the character standing for a NUL byte (``""`` when it holds
    none), whether it may hold a character a record's text may not (``freetext.may_hold``),
    and whether it holds a quote (a field over several lines); None, and a problem, for a file
    that is not UTF-8."""
    bad, nul, odd, quoted, marked, long_line = _survey(binary)
    binary.seek(0)
    if long_line:
        problems.append(Problem(
            _("line {line} is longer than {mb} MB: no ledger line is, so the file is not read")
            .format(line=long_line, mb=MAX_LINE >> 20),
            _("this is not a ledger file (a sparse or binary file?); move it out of progress/"),
            file=display, title="unreadable file"))
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
    return source, nul, odd, quoted


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


#: The longest line a ledger file may hold (a record is a few hundred bytes; a field at most
#: 128 KB): a longer one is a file that is no ledger, not read rather than held in memory.
MAX_LINE = 64 << 20
#: Characters a text never holds, to stand in for NUL; the survey notes which the file holds.
_STAND_INS = ("\ufffe", "\uffff", "\U0010fffe", "\U0010ffff")
_STAND_IN_BYTES = tuple(c.encode("utf-8") for c in _STAND_INS)


Survey = tuple[tuple[int, int] | None, str, bool, bool, bool, int]


def _survey(binary: io.BufferedReader) -> Survey:
    """One pass over the bytes, a block at a time: the (line, column) of the first byte that is
    not UTF-8, if any; a character to stand in for NUL if the file holds a NUL byte (one the
    file does not hold), else ``""``; whether it may hold a character a record's text may not
    (``freetext.may_hold``: a clean file, the common case, needs no check per record; a byte
    order mark that opens the file is its encoding's, not text); whether it holds a quote;
    whether it may hold git's conflict markers; and the number of the first line longer than
    ``MAX_LINE`` (0 if none), at which the survey stops."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = newlines = 0
    line_start = 0  # offset of the first byte of the current line
    has_nul = False
    held: set[int] = set()  # which of the stand-ins the file holds
    odd = quoted = marked = False
    tail = b""  # the end of the block before, for a marker across two blocks

    def stand_in() -> str:
        return next((c for i, c in enumerate(_STAND_INS) if i not in held), "\ufffd") \
            if has_nul else ""

    while True:
        block = binary.read(1 << 20)
        pending = decoder.getstate()[0]
        first = block.find(b"\n")
        if (first if first >= 0 else len(block)) + offset - line_start > MAX_LINE:
            return None, stand_in(), odd, quoted, marked, newlines + 1
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
            return (newlines + 1, len(head) + 1), stand_in(), odd, quoted, marked, 0
        if not block:
            return None, stand_in(), odd, quoted, marked, 0
        has_nul = has_nul or b"\x00" in block
        joined = tail + block
        if not block.isascii():
            held.update(i for i, b in enumerate(_STAND_IN_BYTES) if b in joined)
        # (a character cut between two blocks is whole in the tail and the block)
        odd = odd or may_hold(joined[3:] if offset == 0 and joined.startswith(codecs.BOM_UTF8)
                              else joined)
        quoted = quoted or b'"' in block
        marked = marked or may_hold_markers(joined)
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
                _("unresolved merge conflict"),
                _("{fix} (<<<<<<<, ======= and >>>>>>>); ledger files merge without conflicts "
                  "where progress/.gitattributes says merge=union").format(fix=_(CONFLICT_HINT)),
                file=display, line=number, column=1, title="merge conflict"))
        inside = not text.startswith(">>>>>>>")
        yield "\n"


def _parse(source: Iterable[str], nul: str, odd: bool, quoted: bool, raw: _Raw, display: str,
           problems: Problems) -> Iterator[Row]:
    """The rows of the text after its header; each row that is not a record, a problem. A row
    is asked what its text holds only where it may hold what it may not: in a file that may
    (``odd``), or over several lines (a line break in who or source) or holding a NUL."""
    reader = Rows(source)
    header: list[str] | None = None
    names: Sequence[str] = ()  # the column of each field, by its place
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
            problems.add(_("unreadable CSV: {error}").format(error=exc),
                         _('write one record per line; quote a field with "…", and double a quote '
                           'inside it ("")'), display, line, 1, "ledger line")
            continue
        if row is None:
            return
        if not row or row == [""]:
            continue
        if (nul or odd or (quoted and reader.line_num > line)) and _odd_text(
                row, names, nul, odd, raw, display, line, problems):
            if header is None:
                return  # a header that cannot be read: no row after it can be
            continue
        if header is None:
            header = _header(row, display, line, problems)
            if header is None:
                return
            ours = header == list(COLUMNS) or grown(header)
            names = COLUMNS if ours else header
        elif len(row) != len(header) and ours and len(FIRST_COLUMNS) <= len(row) <= len(COLUMNS):
            yield line, _FIRST[len(row)], row  # the columns grew at the end (fileformat)
        elif len(row) != len(header):
            problems.add(_("line has {fields} fields, the header has {columns}").format(
                             fields=len(row), columns=len(header)),
                         _("quote a field that contains a comma; write one record per line"),
                         display, line, 1, "ledger line")
        else:
            yield line, header, row


#: The header of a row that gives the first n columns, one list per n (the scan re-reads its
#: columns only when the header list changes).
_FIRST = {n: list(COLUMNS[:n]) for n in range(len(FIRST_COLUMNS), len(COLUMNS) + 1)}


def _odd_text(row: list[str], names: Sequence[str], nul: str, odd: bool, raw: _Raw,
              display: str, line: int, problems: Problems) -> bool:
    """Whether the row holds a NUL byte, or what a record's text may not hold (``freetext``:
    who and source are one line); a problem, then, at the character (``names``: the column of
    each field, none for the header)."""
    if nul and any(nul in cell for cell in row):
        problems.add(_("line contains a NUL byte"),
                     _("remove it (a crash or a power cut can leave NUL bytes at the end of a "
                       "file); records are plain UTF-8 text"), display, line, 1, "encoding")
        return True
    # a clean row, the common case even in a file that may hold such a character: one search
    odd = odd and SUSPECT.search(",".join(row)) is not None
    for index, cell in enumerate(row):
        name = names[index] if index < len(names) else ""
        one_line = name in ONE_LINE
        if not (odd or one_line):
            continue
        label = name or (_("the line") if names else _("the header"))
        found = fault(label, cell, one_line=one_line)
        if found is None:
            continue
        if problems.full:
            problems.more += 1
            return True
        # the character's own line and column: the row may span lines, a field may be quoted
        char = cell[found.at]
        nth = sum(c.count(char) for c in row[:index]) + cell.count(char, 0, found.at)
        at_line, column = raw.place(line, char, nth)
        problems.add(found.message, found.hint, display, at_line, column,
                     "ledger record" if names else "ledger header")
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
    message = (_("unknown column {name!r} in the header").format(name=unknown[0]) if unknown
               else _("missing column {name!r} in the header").format(name=missing[0]) if missing
               else _("repeated column {name!r} in the header").format(name=repeated[0]))
    problems.append(Problem(message, _("the header is {columns}").format(
                                columns=",".join(COLUMNS)),
                            file=display, line=line, column=1, title="ledger header"))
    return None


class _Raw:
    """The lines of the file being read, read again only to place a character a row may not
    hold, and only as far as its line: rows come in order, so a file is read again at most
    once, a line at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: io.TextIOWrapper | None = None
        self.number = 0  # lines read

    def place(self, line: int, char: str, nth: int) -> tuple[int, int]:
        """The line and column of the ``nth`` (from 0) ``char`` from the start of ``line`` on
        (the line itself, column 1, where the file cannot be read again)."""
        if self.handle is None or self.number >= line:
            self.close()
            try:
                fd = open_regular(self.path, LEDGER_CAP, follow=False)
            except OSError:
                return line, 1
            # as the rows were read: a byte order mark that opens the file is not text
            self.handle = io.TextIOWrapper(open(fd, "rb"), encoding="utf-8-sig",
                                           errors="replace", newline="")
        while self.number < line - 1 and self.handle.readline():
            self.number += 1
        number = self.number + 1
        while text := self.handle.readline():
            self.number += 1
            count = text.count(char)
            if nth < count:
                at = -1
                for _each in range(nth + 1):
                    at = text.index(char, at + 1)
                return number, at + 1
            nth -= count
            number += 1
        return line, 1

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
        self.handle, self.number = None, 0
