"""The progress ledger: CSV files under ``progress/``, appended to and never rewritten.

Each line is one record: a figure for a target (``23.1,600,个,2023-06-30,…``) or a state for a
task (``19,in_progress,,2023-06-30,…``). A correction is a new line; the latest record of a target
by figure date, then recording time, then position, is its current figure.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import math
import os
import re
import shlex
import stat
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import counting
from .errors import MAX_LISTED, KpiError, Problem
from .inputs import LEDGER_CAP, InputError, open_regular
from .model import Kind, Plan, Record, State, Target
from .values import PLAIN_NUMBER, format_number, implausible, parse_date, parse_number, parse_state

COLUMNS = ("target", "value", "unit", "date", "recorded_at", "by", "source", "note")
REQUIRED = ("target", "value", "date", "recorded_at")
LOCK_NAME = ".kpi.lock"
#: What a record recorded with --force carries in its note: the figure was checked by a person.
FORCED = "[--force]"
#: The earliest figure date kpi accepts (a baseline may be years before the period).
EARLIEST = dt.date(1900, 1, 1)
#: Problems listed per ledger file; beyond these, only their number is given.
MAX_PROBLEMS = 100
#: Opening a ledger file or the lock never follows a symbolic link (POSIX; Windows has none).
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)



class RecordError(ValueError):
    """A record that cannot be accepted: ``message`` says what, ``hint`` what would be."""

    def __init__(self, message: str, hint: str = "", column: str = "") -> None:
        super().__init__(message)
        self.message, self.hint, self.column = message, hint, column


class RecordChecker:
    """Knows what the plan accepts: target ids, task numbers, units and figure dates."""

    def __init__(self, plan: Plan, today: dt.date, clock: dt.datetime | None = None) -> None:
        self.plan = plan
        self.today = today
        self.start = plan.plan.period_start
        self.targets: dict[str, Target] = {t.id: t for _, t in plan.targets()}
        self.tasks = {str(task.number): task for task in plan.tasks}
        #: Levels take a figure from before the period: their baseline (上年末数).
        self.count_units = frozenset(plan.count_units)
        self.levels = frozenset(t.id for t in self.targets.values() if t.kind is Kind.level)
        #: Recording times after this are in the future (this machine's clock, not KPI_TODAY).
        self.latest_stamp = counting.latest_stamp(clock or now())
        # Ledgers repeat the same few hundred dates and recording times: read each once.
        self._last: dict[str, dt.date] = {}
        self._dates: dict[str, dt.date] = {}
        self._stamps: dict[str, dt.datetime] = {}

    def deadline(self, key: str) -> dt.date:
        target = self.targets.get(key)
        return self.plan.deadline(target) if target else self.plan.plan.period_end

    def accepted_window(self, key: str) -> tuple[dt.date, dt.date]:
        return self.first_date(key), min(self.deadline(key), self.today)

    def first_date(self, key: str) -> dt.date:
        """The first figure date ``key`` accepts: any day for a level (a day before the period
        start gives its baseline), else the period start."""
        return EARLIEST if key in self.levels else self.start

    def check_key(self, key: str) -> str:
        key = key.strip()
        if key in self.targets or key in self.tasks:
            return key
        raise RecordError(
            f"unknown target {key[:40]!r}",
            "use a target id such as 23.1 or a task number such as 19; `kpi targets` lists them",
            column="target",
        )

    def last_date(self, key: str) -> dt.date:
        """The last figure date ``key`` accepts: its deadline, or today if that is earlier."""
        last = self._last.get(key)
        if last is None:
            last = self._last[key] = self.accepted_window(key)[1]
        return last

    def check_date(self, key: str, date: dt.date) -> dt.date:
        last = self.last_date(key)
        first = self.first_date(key)
        if first <= date <= last:
            return date
        hint = (f"use a date from {first} to {last}" if first <= last
                else f"no figure can be dated yet: the period starts {first}")
        if date > self.today:
            reason = f"date {date} is in the future"
        elif date < first and first == self.start:
            what = "a state" if key in self.tasks else f"{key}, an increment,"
            reason = f"date {date} is before the period starts ({first}), and {what} has no baseline"
            hint = ("only a level target takes a figure dated before the period (its baseline, "
                    f"上年末数); {hint}")
        elif date < first:
            reason = f"date {date} is before {first}"
        else:
            reason = f"date {date} is after the deadline of {key} ({self.deadline(key)})"
        raise RecordError(reason, hint, column="date")

    def build(self, key: str, value: str, date: str | dt.date, *, recorded_at: dt.datetime,
              unit: str = "", by: str = "", source: str = "", note: str = "",
              entry: bool = False, force: bool = False) -> Record:
        """Check one record's fields against the plan; raise ``RecordError`` on the first fault.

        With ``entry`` (a figure being recorded, not one read back), a figure must also be
        plausible for its target's unit (``values.implausible``), unless ``force``: then the
        record keeps the override in its note (``FORCED``)."""
        key = self.check_key(key)
        target = self.targets.get(key)
        number: float | None = None
        state: State | None = None
        if target is not None:
            try:
                number = parse_number(value, target.unit)
            except ValueError as exc:
                raise RecordError(str(exc), column="value") from None
            if number < 0:
                raise RecordError(f"value {format_number(number)} is negative",
                                  f"figures for {key} count {target.unit}; write 0 or more",
                                  column="value")
            unit = unit.strip()
            if unit and unit != target.unit:
                raise RecordError(f"unit {unit!r} contradicts target {key}, counted in {target.unit}",
                                  f"convert the figure to {target.unit}, or leave the unit empty",
                                  column="unit")
            unit = target.unit
            doubt = implausible(number, target.target, unit, unit in self.count_units)
            if entry and doubt is not None:
                if not force:
                    raise RecordError(doubt[0], f"{doubt[1]}; if the figure is right, record it "
                                      "with --force", column="value")
                note = f"{note} {FORCED}" if note else FORCED
        else:
            graded_by = self.tasks[key].targets
            if graded_by:
                # status grades such a task by its targets, so a state would be ignored
                ids = ", ".join(t.id for t in graded_by)
                raise RecordError(f"task {key} is graded by its targets ({ids}), not by a state",
                                  f"record a figure for a target, e.g. kpi record {graded_by[0].id} "
                                  "VALUE", column="target")
            try:
                state = parse_state(value)
            except ValueError as exc:
                raise RecordError(str(exc), f"task {key} has no number: record a state",
                                  column="value") from None
            if unit.strip():
                raise RecordError(f"a state of task {key} has no unit",
                                  "leave the unit empty", column="unit")
            unit = ""
        if isinstance(date, str):
            date = self.date_of(date)
        self.check_date(key, date)
        return Record(key, number, state, date, recorded_at, by, source, note, unit)


    def date_of(self, text: str) -> dt.date:
        date = self._dates.get(text)
        if date is None:
            try:
                date = parse_date(text)
            except ValueError as exc:
                raise RecordError(str(exc), column="date") from None
            self._dates[text] = date
        return date

    def stamp_of(self, text: str) -> dt.datetime:
        """Records written together share a recording time: each is read once (a bounded memo)."""
        stamp = self._stamps.get(text)
        if stamp is None:
            if len(self._stamps) >= 65_536:
                self._stamps.clear()
            stamp = _parse_recorded_at(text)
            if stamp > self.latest_stamp:
                raise RecordError(
                    f"recorded_at {text.strip()[:40]} is in the future",
                    "the recording time is when the record was written: restore it (a "
                    "correction is a new record, added by kpi record); this record is not "
                    "counted until then", column="recorded_at")
            self._stamps[text] = stamp
        return stamp


def now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


def _parse_recorded_at(text: str) -> dt.datetime:
    try:
        stamp = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise RecordError(f"recorded_at {text[:40]!r} is not a date and time",
                          "write it as 2023-07-01T09:30:00+08:00", column="recorded_at") from None
    if stamp.tzinfo is None:
        raise RecordError(f"recorded_at {text[:40]!r} has no time zone",
                          "add the offset, e.g. +08:00", column="recorded_at")
    return stamp


# ---------------------------------------------------------------- reading


@dataclass
class Ledger:
    """What a scan of the progress folder found."""

    latest: dict[str, Record] = field(default_factory=dict)
    #: Of each level target, the latest figure dated on or before the period start.
    baselines: dict[str, Record] = field(default_factory=dict)
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    count: int = 0
    #: Of each file with problems, how many of its lines hold records that are not counted.
    left_out: dict[str, int] = field(default_factory=dict)

    @property
    def left_out_count(self) -> int:
        return sum(self.left_out.values())
    unlisted: int = 0  # problems past the cap: counted, not listed


class FolderError(KpiError):
    """The progress folder is there but cannot be read as one: a plain file in its place, or a
    folder that cannot be listed. Its records are unknown, so this is an error, never an empty
    ledger."""

    def __init__(self, message: str, hint: str, display_dir: str) -> None:
        super().__init__(f"{display_dir}: {message} ({hint})")
        self.problem = Problem(message, hint, file=display_dir, title="unreadable folder")


def ledger_files(progress_dir: Path, display_dir: str = "progress") -> list[Path]:
    """The ledger files of ``progress_dir``, in name order; none when there is no such folder."""
    try:
        with os.scandir(progress_dir) as entries:
            found = [Path(e.path) for e in entries
                     if e.name.lower().endswith(".csv") and not e.name.startswith(".")
                     and e.is_file()]
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        raise FolderError("not a folder", "the ledger files live in a folder named "
                          f"{progress_dir.name}; move this file out of the way",
                          display_dir) from None
    except OSError as exc:
        raise FolderError(f"cannot list the folder: {exc.strerror}", "check its permissions",
                          display_dir) from None
    return sorted(found)


def _rows(path: Path, display: str,
          problems: _Problems) -> Iterator[tuple[int, list[str], list[str]]]:
    """Rows of one ledger file as (first line, header, fields), fields in header order.

    Structural faults go to ``problems``. A record whose note spans lines is reported at the
    line it starts on. A file that is not UTF-8, or that is a symbolic link, is one problem and
    none of its records count; a record holding a NUL byte, or one the CSV reader cannot read,
    is a problem and reading goes on at the next line; a file that ends inside a quoted field
    is a problem at the line where the field opens (whatever follows would be read as part of
    it).
    """
    if path.is_symlink():
        problems.append(Problem("a symbolic link, not read",
                                "ledger files are plain files inside progress/; put the file "
                                "itself here", file=display, title="unreadable file"))
        return
    try:
        fd = open_regular(path, LEDGER_CAP, follow=False)
    except InputError as exc:
        problems.append(Problem(exc.message, exc.hint, file=display, title="unreadable file"))
        return
    except OSError as exc:
        problems.append(Problem(f"cannot read file: {exc.strerror}", "check its permissions",
                                file=display, title="unreadable file"))
        return
    with open(fd, "rb") as binary:
        try:
            bad, nul, controls, marked = _survey(binary)
            binary.seek(0)
            if bad is not None:
                line, column = bad
                problems.append(Problem("file is not UTF-8 text", _encoding_fix(path, display),
                                        file=display, line=line, column=column,
                                        title="encoding"))
                return
            handle = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
            if nul:
                # Before Python 3.11 the CSV reader refuses a NUL outright; a character the text
                # does not hold stands in for it, so that every version reports the record.
                text = handle.read()
                nul = next(c for c in ("\ufffe", "\uffff", "\U0010fffe", "\U0010ffff")
                           if c not in text)
                source: Iterable[str] = io.StringIO(text.replace("\x00", nul), newline="")
            else:
                source = handle
            if marked:
                source = _unmarked(source, display, problems)
            yield from _parse(source, nul, controls, display, problems)
        except OSError as exc:
            problems.append(Problem(f"cannot read file: {exc.strerror}", "check its permissions",
                                    file=display, title="unreadable file"))


def _encoding_fix(path: Path, display: str) -> str:
    """How to make a ledger file UTF-8 again: for one that Excel or WPS re-saved as GBK (what
    they do with CSV on Chinese Windows), the exact, safe conversion."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(64 << 20)
        if raw.startswith(codecs.BOM_UTF8):  # saved as UTF-8, then damaged: not a GBK file
            raise UnicodeDecodeError("utf-8", raw, 0, 3, "a UTF-8 byte order mark")
        raw.decode("gb18030")
    except (OSError, UnicodeDecodeError):
        return "save the file as UTF-8 (Excel/WPS: 另存为 CSV UTF-8)"
    # quoted for the shell: a file name may hold spaces or characters a shell reads
    shown, converted = shlex.quote(display), shlex.quote(f"{path.name}.utf8")
    return (f"it reads as GBK (as Excel and WPS save CSV on Chinese Windows): convert it with "
            f"iconv -f GB18030 -t UTF-8 {shown} > {converted}, check that file, then "
            f"move it over {shown}; or open it in Excel/WPS and save as CSV UTF-8")


#: Bytes that may start a control character other than tab and line ends (0xC2 leads C1 ones in
#: UTF-8, and also ordinary characters such as °): a file without any needs no check per record.
_NOT_CONTROL = bytes(b for b in range(256)
                     if b in (0, 9, 10, 13) or (32 <= b < 127) or (b >= 128 and b != 0xC2))
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _survey(binary: io.BufferedReader) -> tuple[tuple[int, int] | None, str, bool, bool]:
    """One pass over the bytes, a block at a time: the (line, column) of the first byte that is
    not UTF-8, if any; ``"\x00"`` if the file holds a NUL byte; whether it may hold another
    control character; whether it may hold git's conflict markers."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = newlines = 0
    line_start = 0  # offset of the first byte of the current line
    nul = ""
    controls = marked = False
    tail = b""  # the end of the block before, for a marker across two blocks
    while True:
        block = binary.read(1 << 20)
        pending = decoder.getstate()[0]
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
            return (newlines + 1, len(head) + 1), nul, controls, marked
        if not block:
            return None, nul, controls, marked
        if not nul and b"\x00" in block:
            nul = "\x00"
        controls = controls or bool(block.translate(None, _NOT_CONTROL))
        marked = marked or _may_hold_markers(tail + block)
        tail = block[-8:]
        newlines += block.count(b"\n")
        found = block.rfind(b"\n")
        if found >= 0:
            line_start = offset + found + 1
        offset += len(block)


#: The lines git writes around the two sides of a conflict (|||||||: the base, with diff3).
CONFLICT_MARKERS = ("<<<<<<<", "|||||||", "=======", ">>>>>>>")
CONFLICT_HINT = "keep both sides' lines and delete the markers"


def _may_hold_markers(data: bytes) -> bool:
    return b"<<<<<<<" in data or b"=======" in data or b">>>>>>>" in data


def _unmarked(source: Iterable[str], display: str, problems: _Problems) -> Iterator[str]:
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
                "unresolved merge conflict", CONFLICT_HINT + " (<<<<<<<, ======= and >>>>>>>); "
                "ledger files merge without conflicts where progress/.gitattributes says "
                "merge=union", file=display, line=number, column=1, title="merge conflict"))
        inside = not text.startswith(">>>>>>>")
        yield "\n"


def _parse(source: Iterable[str], nul: str, controls: bool, display: str,
           problems: _Problems) -> Iterator[tuple[int, list[str], list[str]]]:
    reader = csv.reader(source, strict=True)
    header: list[str] | None = None
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            if str(exc) == "unexpected end of data":  # listed even past MAX_PROBLEMS
                list.append(problems, Problem(
                    "the file ends inside a quoted field that opens on this line",
                    "close the quote (\") or remove the stray one; a record after it would be "
                    "read as part of the field", file=display, line=line, column=1,
                    title="ledger line"))
                return
            if problems.full:
                problems.more += 1
                continue
            problems.append(Problem(f"unreadable CSV: {exc}",
                                    "write one record per line; quote a field with \"…\", and "
                                    "double a quote inside it (\"\")",
                                    file=display, line=line, column=1, title="ledger line"))
            continue
        if row is None:
            return
        if not row or row == [""]:
            continue
        if nul and any(nul in cell for cell in row):
            if problems.full:
                problems.more += 1
                continue
            problems.append(Problem("line contains a NUL byte",
                                    "remove it (a crash or a power cut can leave NUL bytes at "
                                    "the end of a file); records are plain UTF-8 text",
                                    file=display, line=line, column=1, title="encoding"))
            continue
        if controls and (found := _CONTROL.search(",".join(row))) is not None:
            # an escape sequence in a note would reach the terminal through `kpi log`
            if problems.full:
                problems.more += 1
                continue
            problems.append(Problem(f"line holds the control character "
                                    f"U+{ord(found.group()):04X}",
                                    "remove it; records are plain text (line breaks and tabs are "
                                    "fine)", file=display, line=line, column=1, title="encoding"))
            continue
        if header is None:
            header = [name.strip() for name in row]
            unknown = [n for n in header if n not in COLUMNS]
            missing = [n for n in REQUIRED if n not in header]
            if unknown or missing:
                what = (f"unknown column {unknown[0]!r}" if unknown
                        else f"missing column {missing[0]!r}")
                problems.append(Problem(
                    f"{what} in the header", "the header is " + ",".join(COLUMNS),
                    file=display, line=line, column=1, title="ledger header"))
                return
            continue
        if len(row) != len(header):
            if problems.full:
                problems.more += 1
                continue
            problems.append(Problem(
                f"line has {len(row)} fields, the header has {len(header)}",
                "quote a field that contains a comma; write one record per line",
                file=display, line=line, column=1, title="ledger line"))
            continue
        yield line, header, row


def _field_column(text: str, index: int) -> int:
    """The character column (1-based) where field ``index`` (0-based) starts in a CSV line."""
    if index <= 0:
        return 1
    quoted = False
    seen = 0
    for position, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            seen += 1
            if seen == index:
                return position + 2
    return 1


class _Lines:
    """The raw lines of the ledger file being scanned, read only when a problem needs a column,
    and then only as far as that line: problems come in line order, so a file is read at most
    once, and only one line of it is held."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.handle: io.TextIOWrapper | None = None
        self.number = 0
        self.text = ""

    def column(self, path: Path, line: int, header: list[str], name: str) -> int:
        if name not in header:
            return 1
        text = self._line(path, line)
        return 1 if text is None else _field_column(text, header.index(name))

    def _line(self, path: Path, line: int) -> str | None:
        if path != self.path or line < self.number or self.handle is None:
            self.close()
            self.path = path
            try:
                fd = open_regular(path, LEDGER_CAP, follow=False)
            except OSError:
                return None
            self.handle = io.TextIOWrapper(open(fd, "rb"), encoding="utf-8-sig",
                                           errors="replace", newline="")
        while self.number < line:
            self.text = self.handle.readline()
            if not self.text:
                return None
            self.number += 1
        return self.text

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
        self.handle, self.number, self.text = None, 0, ""


def scan(progress_dir: Path, checker: RecordChecker, *, display_dir: str = "progress",
         as_of: dt.date | None = None, keep: bool = False, limit: int = MAX_LISTED) -> Ledger:
    """Read every ledger file; keep the latest record per target dated on or before ``as_of``.

    With ``keep``, every valid record is kept too (for ``kpi log``). Problems are collected:
    at most ``MAX_PROBLEMS`` per file and ``limit`` in all are listed, the rest counted
    (``unlisted``). A progress folder that cannot be read as one raises ``FolderError``.
    A figure in the form ``kpi record`` writes is accepted on a fast path with the same rules;
    anything else goes through ``RecordChecker.build``, which says what is wrong.
    """
    ledger = Ledger()
    latest = ledger.latest
    lines = _Lines()
    targets, dates, start = checker.targets, checker._dates, checker.start
    baselines, levels = ledger.baselines, checker.levels
    supersedes = counting.supersedes
    plain, isfinite = PLAIN_NUMBER.fullmatch, math.isfinite
    unlisted_files = 0
    for path in ledger_files(progress_dir, display_dir):
        display = f"{display_dir}/{path.name}"
        header: list[str] | None = None
        cap = max(0, min(MAX_PROBLEMS, limit - len(ledger.problems)))
        problems = _Problems(cap)
        counted = ledger.count
        for line, fields, row in _rows(path, display, problems):
            if fields is not header:
                header = fields
                at = {name: header.index(name) for name in header}
                i_target, i_value, i_date, i_stamp = (at["target"], at["value"], at["date"],
                                                      at["recorded_at"])
                i_unit, i_by, i_source, i_note = (at.get(name) for name in ("unit", "by", "source",
                                                                             "note"))
            key, value, day = row[i_target], row[i_value], row[i_date]
            target = targets.get(key)
            date = dates.get(day)
            unit = row[i_unit] if i_unit is not None else ""
            record = None
            if (target is not None and date is not None and plain(value)
                    and (not unit or unit == target.unit)
                    and checker.first_date(key) <= date <= checker.last_date(key)
                    and isfinite(number := float(value))):
                try:
                    stamp = checker.stamp_of(row[i_stamp])
                except RecordError:
                    pass  # the checked path below reports it
                else:
                    record = Record(key, number, None, date, stamp,
                                    row[i_by] if i_by is not None else "",
                                    row[i_source] if i_source is not None else "",
                                    row[i_note] if i_note is not None else "", target.unit)
            if record is None:
                values = dict(zip(header, row))
                try:
                    record = checker.build(
                        key, value, day, recorded_at=checker.stamp_of(values["recorded_at"]),
                        unit=unit, by=values.get("by", ""), source=values.get("source", ""),
                        note=values.get("note", ""))
                except RecordError as exc:
                    if problems.full:
                        problems.more += 1
                        continue
                    column = lines.column(path, line, header, exc.column) if exc.column else 1
                    problems.append(Problem(exc.message, exc.hint, file=display,
                                                   line=line, column=column, title="ledger record"))
                    continue
            ledger.count += 1
            if keep:
                ledger.records.append(record)
            if record.date <= start:
                if record.target in levels and supersedes(record, baselines.get(record.target)):
                    baselines[record.target] = record
                if record.date < start:
                    continue  # a baseline only
            if as_of is not None and record.date > as_of:
                continue
            if supersedes(record, latest.get(record.target)):
                latest[record.target] = record
        lines.close()
        ledger.problems.extend(problems)
        if problems:
            ledger.left_out[display] = max(1, _record_lines(path) - (ledger.count - counted))
        if problems.more and cap == MAX_PROBLEMS and len(ledger.problems) < limit:
            ledger.problems.append(Problem(
                f"{problems.more} more problems in this file are not listed",
                "fix the ones above and run `kpi validate` again", file=display,
                title="ledger line"))
        elif problems.more:
            ledger.unlisted += problems.more
            unlisted_files += 1
    if ledger.unlisted:
        files = "1 ledger file" if unlisted_files == 1 else f"{unlisted_files} ledger files"
        ledger.problems.append(Problem(
            f"{ledger.unlisted} more problems in {files} are not listed (at most {limit} are)",
            "fix the ones above and run `kpi validate` again", file=display_dir,
            title="ledger line"))
    return ledger


def _record_lines(path: Path) -> int:
    """The lines of a file that may hold a record (not empty, not the header): what is left
    out of a file with problems is this, less the records read from it."""
    try:
        with open(path, "rb") as handle:
            lines = sum(1 for line in handle if line.strip())
    except OSError:
        return 0
    return max(0, lines - 1)


class _Problems(list):
    """The problems of one file: the first ``cap`` kept, the rest only counted (check ``full``
    before building one), so that a file of a million bad lines costs little more than a file
    of a hundred."""

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


# ---------------------------------------------------------------- writing


def encode(records: Iterable[Record]) -> str:
    """Records as ledger lines. A field holding a comma, a quote or a line end of either kind is
    quoted: Python's CSV writer, ending lines with \\n, left a lone \\r unquoted, and the reader
    then split the record there."""
    lines = []
    for r in records:
        value = format_number(r.value) if r.value is not None else (r.state.value if r.state else "")
        fields = (r.target, value, r.unit, r.date.isoformat(), r.recorded_at.isoformat(), r.by,
                  r.source, r.note)
        lines.append(",".join(_quoted(f) for f in fields) + "\n")
    return "".join(lines)


_SPECIAL = re.compile(r'[,"\r\n]')


def _quoted(field: str) -> str:
    return '"' + field.replace('"', '""') + '"' if _SPECIAL.search(field) else field


#: How long ``kpi record`` waits for another process to finish writing before it gives up.
LOCK_WAIT = 30.0


class _Lock:
    """An exclusive lock on ``progress/.kpi.lock``, released by the OS if the holder dies.

    A holder that is alive but stuck (a hung process, a disk that no longer answers) is waited
    for ``LOCK_WAIT`` seconds, then the append is refused instead of hanging.
    """

    def __init__(self, progress_dir: Path) -> None:
        self.path = progress_dir / LOCK_NAME
        self.fd = -1

    def __enter__(self) -> _Lock:
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o644)
        try:
            try:
                import fcntl
            except ImportError:  # Windows: LK_LOCK itself gives up after about 10 seconds
                import msvcrt
                msvcrt.locking(self.fd, msvcrt.LK_LOCK, 1)
            else:
                deadline = time.monotonic() + LOCK_WAIT
                pause = 0.001
                while True:
                    try:
                        fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() >= deadline:
                            raise KpiError(
                                f"{self.path.parent.name}/{LOCK_NAME} has been held by another "
                                f"process for more than {LOCK_WAIT:g} seconds; try again when "
                                "it has finished; nothing was recorded") from None
                        time.sleep(pause)
                        pause = min(pause * 2, 0.05)
        except BaseException:
            os.close(self.fd)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
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


#: What a ledger folder tells git about itself, so that any repository holding it gets it right:
#: ledger files only gain lines, so two branches that both recorded merge by keeping the lines of
#: both (git's union merge, also for a month file both created); the lock is local, never
#: committed.
GIT_FILES = {
    ".gitattributes": "# kpi: ledger files only gain lines; a merge keeps the lines of both sides\n"
                      "*.csv merge=union\n",
    ".gitignore": "# kpi: the lock file is local to each machine\n" + LOCK_NAME + "\n",
}


def write_git_files(progress_dir: Path) -> None:
    """Write the ledger folder's .gitattributes and .gitignore where they are missing (each
    append asks: two system calls that fail when the files are there); never over a file a
    person wrote. A folder that cannot take them is no reason to refuse a record."""
    for name, text in GIT_FILES.items():
        try:
            fd = os.open(progress_dir / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW,
                         0o644)
        except OSError:
            continue
        try:
            os.write(fd, text.encode("utf-8"))
        except OSError:
            pass
        finally:
            os.close(fd)


def append(progress_dir: Path, file_name: str, records: list[Record]) -> Path:
    """Append records to one ledger file: under a lock, in one write, flushed and fsynced.

    On any failure (a full disk, say) the file is cut back to its old length (or removed, if
    this call created it), so a record is either wholly there or not at all.
    """
    if not records:
        raise KpiError("nothing to record")
    try:
        progress_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KpiError(f"cannot create {progress_dir.name}/: {exc.strerror}") from None
    path = progress_dir / file_name
    shown = f"{progress_dir.name}/{file_name}"
    body = encode(records)
    try:
        # Nothing is written outside the data folder: not through a linked folder or file.
        if progress_dir.is_symlink():
            raise KpiError(f"{progress_dir.name}/ is a symbolic link: kpi writes only into a "
                           "real folder inside the data folder; nothing was recorded")
        write_git_files(progress_dir)  # a new folder, or a branch checked out without them
        if path.is_symlink():  # (a name too long for the system fails here: one line below)
            raise KpiError(f"{shown} is a symbolic link: kpi appends only to plain files inside "
                           f"{progress_dir.name}/; nothing was recorded")
        with _Lock(progress_dir) as lock:
            existed = path.exists()
            fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | _NOFOLLOW, 0o644)
            failed = False
            try:
                info = os.fstat(fd)
                size = info.st_size
                if not stat.S_ISREG(info.st_mode):
                    raise KpiError(f"{shown} is not a plain file; nothing was recorded")
                known = lock.verified()
                if size and known.get(file_name) != _identity(info):
                    _check_appendable(fd, shown)
                if size == 0:
                    body = ",".join(COLUMNS) + "\n" + body
                elif _last_byte(fd, size) != b"\n":
                    body = "\n" + body  # a line cut short by hand: start on a fresh line
                data = body.encode("utf-8")
                try:
                    written = 0
                    while written < len(data):
                        written += os.write(fd, data[written:])
                    os.fsync(fd)
                except BaseException:
                    failed = True
                    os.ftruncate(fd, size)
                    raise
                known = {name: ident for name, ident in known.items()
                         if name != file_name and (progress_dir / name).is_file()}
                known[file_name] = _identity(os.fstat(fd))
                lock.remember(known)
            finally:
                os.close(fd)
                if failed and not existed:
                    path.unlink(missing_ok=True)  # leave no empty file behind
            if size == 0:
                _fsync_dir(progress_dir)
    except OSError as exc:
        raise KpiError(f"could not write {progress_dir.name}/{file_name}: {exc.strerror}; "
                       "nothing was recorded") from None
    return path


def _identity(info: os.stat_result) -> list[int]:
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns]


def _conflict_line(handle: io.BufferedReader) -> int:
    """The line of the first of git's conflict markers in a file, or 0."""
    handle.seek(0)
    for number, text in enumerate(handle, start=1):
        if text.startswith(tuple(m.encode() for m in CONFLICT_MARKERS)):
            return number
    return 0


def _check_appendable(fd: int, shown: str) -> None:
    """Refuse to append where the new records would not be read back as written: to a file
    with an unresolved merge conflict (the markers would stay, and the file fail validation),
    after a header other than kpi's (the fields would land in the wrong columns), to a file
    that is not UTF-8 (say GBK, as Excel saves CSV in China: the file would mix two encodings,
    and none of its records count until it is one again), or after a quoted field that the file
    never closes (the records would be read as part of it)."""
    with open(fd, "rb", closefd=False) as handle:
        handle.seek(0)
        # The header as the reader finds it: the first row that is not empty, split as CSV
        # (a lone carriage return ends a line there, as it does for the reader).
        head = handle.read(65_536).decode("utf-8", errors="replace").removeprefix("\ufeff")
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        quoted = marked = False
        tail = b""  # the end of the block before, for a marker across two blocks
        try:
            for block in iter(lambda: handle.read(1 << 20), b""):
                if not block.isascii() or decoder.getstate()[0]:
                    decoder.decode(block)
                quoted = quoted or b'"' in block
                marked = marked or _may_hold_markers(tail + block)
                tail = block[-8:]
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise KpiError(f"{shown} is not UTF-8 text: a record appended to it would mix two "
                           "encodings in one file; save it as UTF-8 first (`kpi validate` shows "
                           "where); nothing was recorded") from None
        if marked and (line := _conflict_line(handle)):
            raise KpiError(f"{shown} has an unresolved merge conflict at line {line}: "
                           f"{CONFLICT_HINT} (<<<<<<<, ======= and >>>>>>>); nothing was "
                           "recorded")
        rows = csv.reader(io.StringIO(head, newline=""), strict=True)
        names: list[str] = []
        try:
            names = next(row for row in rows if row and row != [""])
        except (StopIteration, csv.Error):
            pass
        if [n.strip() for n in names] != list(COLUMNS):
            found = ",".join(names)[:80]
            raise KpiError(f"{shown} has the header {found!r}, not kpi's "
                           f"{','.join(COLUMNS)}: a record appended to it would be read in the "
                           "wrong columns; record into another file (--file NAME.csv) or fix "
                           "the header; nothing was recorded")
        if not quoted:
            return  # no quote at all, so none left open: the common case
        handle.seek(0)
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.reader(text, strict=True)
        while True:
            line = reader.line_num + 1
            try:
                if next(reader, None) is None:
                    break
            except csv.Error as exc:
                if str(exc) == "unexpected end of data":
                    text.detach()
                    raise KpiError(
                        f"{shown} ends inside a quoted field that opens on line {line}: a record "
                        "appended to it would be read as part of that field; close the quote "
                        "(`kpi validate` shows where); nothing was recorded") from None
        text.detach()


def _last_byte(fd: int, size: int) -> bytes:
    """The file's last byte (os.pread is POSIX-only; an O_APPEND write ignores the offset)."""
    os.lseek(fd, size - 1, os.SEEK_SET)
    return os.read(fd, 1)


def _fsync_dir(directory: Path) -> None:
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
