"""A level's baselines looked up by the lines that name them, without a scan of the ledger
record by record (``kpi record`` of a level target, at any size of ledger)."""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
from pathlib import Path

from .. import counting
from ..freetext import may_hold
from ..inputs import LEDGER_CAP, open_regular
from ..model import Record
from .fileformat import COLUMNS, FIRST_COLUMNS
from .locking import identity, remembered
from .reading import _picker, ledger_files
from .rules import RecordChecker, RecordError


def baselines(progress_dir: Path, checker: RecordChecker, targets: set[str],
              display_dir: str = "progress") -> dict[str, Record] | None:
    """The baselines of some level targets (the latest record of each dated on or before the
    period start), found without reading the ledger record by record: each file is read in
    large blocks and only the lines that open with one of ``targets`` are parsed. So a record
    of a level target without a baseline in the plan costs about the same at 0 and at
    1,000,000 records. None when a file is not plain enough to be read so (a quoted field, a
    line ending in a lone carriage return, a NUL, bytes that are not UTF-8, a character a
    record's text may not hold, a header that does not open with ``target``): the caller then
    scans the ledger."""
    if not targets:
        return {}
    wanted = b"|".join(re.escape(t.encode("utf-8")) for t in sorted(targets))
    # in kpi's column order, a line dated after the period start (as kpi writes a date) is
    # passed over by the expression itself: most lines of a large ledger are
    kpi_order = re.compile(rb"\n(?:" + wanted + rb"),[^,\n]*,[^,\n]*,(?!" +
                           _after(checker.start) + rb",)[^\n]*")
    any_order = re.compile(rb"\n(?:" + wanted + rb"),[^\n]*")
    found: dict[str, Record] = {}
    checked_whole = remembered(progress_dir)  # files kpi has read whole and appended to since
    start, levels, takes_baseline = checker.start, checker.levels, counting.takes_baseline
    quick, checked = checker.quick, checker.checked
    for path in ledger_files(progress_dir, display_dir):
        try:
            fd = open_regular(path, LEDGER_CAP, follow=False)
        except OSError:
            continue  # not read by the scan either: none of its records count
        utf8 = checked_whole.get(path.name) == identity(os.fstat(fd))
        with open(fd, "rb") as handle:
            head = handle.readline(1 << 16)
            if not _plain(head.removeprefix(codecs.BOM_UTF8)):
                return None
            names = [n.strip() for n in head.decode("utf-8").removeprefix("\ufeff")
                     .rstrip("\r\n").split(",")]
            if names[0] != "target" or b"\r" in head.rstrip(b"\r\n"):
                return None
            pick = _picker(names)
            pattern = kpi_order if names[:4] == ["target", "value", "unit", "date"] else any_order
            at = names.index("date") if "date" in names else -1
            # under a header of kpi's, a row may leave out the columns that grew (fileformat)
            shortest = len(FIRST_COLUMNS) if tuple(names) == COLUMNS[:len(names)] else len(names)
            withdraws = names.index("withdraws") if "withdraws" in names else -1
            first = start.isoformat()
            carry = b""
            while True:
                block = handle.read(1 << 20)
                data = carry + block
                cut = len(data) if not block else data.rfind(b"\n") + 1
                data, carry = data[:cut], data[cut:]
                if not _plain(data, utf8):
                    return None
                for match in pattern.finditer(b"\n" + data):
                    fields = match.group()[1:].decode("utf-8").removesuffix("\r").split(",")
                    if len(fields) < shortest or len(fields) > len(names):
                        continue  # a problem of its line: not counted
                    fields += [""] * (len(names) - len(fields))  # (a row of a grown header)
                    if withdraws >= 0 and fields[withdraws]:
                        return None  # a withdrawal: which figure it takes away is the scan's
                    day = fields[at] if at >= 0 else ""
                    if len(day) == 10 and day[4] == day[7] == "-" and day > first:
                        continue  # written as kpi writes a date, and after the period start
                    try:
                        values = pick(fields)
                        record = quick(*values) or checked(*values)
                    except RecordError:
                        continue
                    if takes_baseline(record, found.get(record.target), start, levels):
                        found[record.target] = record
                if not block:
                    break
    return found


def _after(start: dt.date) -> bytes:
    """An expression for a date as kpi writes it (``2023-06-30``) later than ``start``, up to
    the last year kpi takes."""
    def one_of(values: range, width: int) -> bytes:
        return b"(?:" + b"|".join(f"{v:0{width}d}".encode() for v in values) + b")"

    y, m, d = start.year, start.month, start.day
    later = []  # the period's own year first: most records are dated in it
    if m < 12:
        later.append(f"{y:04d}-".encode() + one_of(range(m + 1, 13), 2) + rb"-[0-9]{2}")
    if d < 31:
        later.append(f"{y:04d}-{m:02d}-".encode() + one_of(range(d + 1, 32), 2))
    later.append(one_of(range(y + 1, 2101), 4) + rb"-[0-9]{2}-[0-9]{2}")
    return b"(?:" + b"|".join(later) + b")"


def _plain(data: bytes, utf8: bool = False) -> bool:
    """Bytes whose records are their lines, split at commas: no quote, no NUL, no carriage
    return but before a line feed, UTF-8 (known already with ``utf8``), and nothing a record's
    text may not hold (``freetext.may_hold``: the scan would refuse its line)."""
    if b'"' in data or b"\x00" in data or may_hold(data):
        return False
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):  # (count is slow)
        return False
    if not utf8 and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return False
    return True
