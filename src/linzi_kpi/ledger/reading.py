"""Reading the ledger: every file of the progress folder, each record through the plan's
``RecordChecker``, into the latest record per target, the baselines and the problems."""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from .. import counting
from ..errors import MAX_LISTED, KpiError, Problem, os_reason, with_hint
from ..i18n import _, ngettext
from ..inputs import LEDGER_CAP, open_regular
from ..model import Record
from .lines import MAX_PROBLEMS, Problems, rows
from .rules import RecordChecker, RecordError


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
    #: Every withdrawal, with its place (``progress/2023-06.csv``, line).
    withdrawals: list[Placed] = field(default_factory=list)
    #: Each withdrawn figure (kept with ``keep``) with the withdrawal that withdrew it; such a
    #: figure is in none of ``records``, ``latest`` and ``baselines``.
    withdrawn: list[tuple[Record, Record]] = field(default_factory=list)
    #: Figures of one target and date from different sources that disagree (``counting``).
    disagreements: list[Disagreement] = field(default_factory=list)
    #: Problems ``kpi validate`` reports that leave what counts as it is (a report goes on):
    #: withdrawals that withdraw nothing.
    idle: list[Problem] = field(default_factory=list)
    #: The records that name figures they correct.
    corrections: list[Record] = field(default_factory=list, repr=False)
    #: Of each (target, figure date): its first figure's value and source (who, and the
    #: return), and whether a later figure differed from it in value and in source; a day whose
    #: figures differ in both is contested (``CONTESTED``), and only its figures are then read
    #: again, with their places (``_contested_figures``), for ``counting.disagreement``.
    days: dict[tuple[str, dt.date], object] = field(default_factory=dict, repr=False)
    #: The contested days, in the order they were found.
    contested: list[tuple[str, dt.date]] = field(default_factory=list, repr=False)


#: What ``Ledger.days`` holds of a day whose figures differ in value and in source.
CONTESTED = object()


class Placed(NamedTuple):
    """A record with where it is: ``progress/2023-06.csv``, line 5."""

    record: Record
    file: str
    line: int

    def place(self) -> str:
        return f"{self.file}:{self.line}"


class Disagreement(NamedTuple):
    """Two figures of one target and date that disagree: ``earlier`` and ``later`` (the one
    that counts), each with its place."""

    earlier: Placed
    later: Placed


class FolderError(KpiError):
    """The progress folder is there but cannot be read as one: a plain file in its place, or a
    folder that cannot be listed. Its records are unknown, so this is an error, never an empty
    ledger."""

    def __init__(self, message: str, hint: str, display_dir: str) -> None:
        super().__init__(f"{display_dir}: " + with_hint(message, hint))
        self.problem = Problem(message, hint, file=display_dir, title="unreadable folder")


def ledger_files(progress_dir: Path, display_dir: str = "progress") -> list[Path]:
    """The ledger files of ``progress_dir`` (every name ending in .csv, not hidden, whatever it
    is: the reader reports what is not a plain file), in name order; none when there is no such
    folder."""
    try:
        with os.scandir(progress_dir) as entries:
            # (every entry named so: one that is not a plain file, a folder, a pipe, a link, is
            # a problem of the scan, never passed over in silence)
            found = [Path(e.path) for e in entries
                     if e.name.lower().endswith(".csv") and not e.name.startswith(".")]
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        raise FolderError(_("not a folder"), _("the ledger files live in a folder named {name}; move "
                                            "this file out of the way").format(name=progress_dir.name),
                          display_dir) from None
    except OSError as exc:
        raise FolderError(_("cannot list the folder: {strerror}")
                           .format(strerror=os_reason(exc)), _("check its permissions"),
                          display_dir) from None
    return sorted(found)


def scan(progress_dir: Path, checker: RecordChecker, *, display_dir: str = "progress",
         as_of: dt.date | None = None, keep: bool = False, limit: int = MAX_LISTED,
         _records: bool = True) -> Ledger:
    """Read every ledger file; keep the latest record per target dated on or before ``as_of``.

    With ``keep``, every valid record is kept too (for ``kpi log``). Problems are collected:
    at most ``MAX_PROBLEMS`` per file and ``limit`` in all are listed, the rest counted
    (``unlisted``). A progress folder that cannot be read as one raises ``FolderError``.
    Each record is read by ``RecordChecker.quick``, else ``RecordChecker.checked``.
    A ledger holding withdrawals is read with ``keep`` (a withdrawal may come after what it
    withdraws), and what counts is then decided again without the withdrawn figures.
    """
    ledger = Ledger()
    unlisted_files = 0
    files = [(path, f"{display_dir}/{path.name}") for path in ledger_files(progress_dir,
                                                                             display_dir)]
    for path, display in files:
        problems = Problems(max(0, min(MAX_PROBLEMS, limit - len(ledger.problems))))
        counted = ledger.count
        _read_file(path, display, checker, problems, ledger, as_of, keep)
        unlisted_files += _file_done(ledger, path, display, problems, counted, limit)
    if ledger.withdrawals and not keep:  # what counts is known once every file is read
        return scan(progress_dir, checker, display_dir=display_dir, as_of=as_of, keep=True,
                    limit=limit, _records=False)
    _settle(ledger, checker, as_of, _records, _contested_figures(files, checker, ledger.contested))
    if ledger.unlisted:
        where = ngettext("{n} ledger file", "{n} ledger files", unlisted_files).format(
            n=unlisted_files)
        ledger.problems.append(Problem(
            _("{unlisted} more problems in {files} are not listed (at most {limit} are)")
             .format(unlisted=ledger.unlisted, files=where, limit=limit),
            _("fix the ones above and run `kpi validate` again"), file=display_dir,
            title="ledger line"))
    return ledger


def _read_file(path: Path, display: str, checker: RecordChecker, problems: Problems,
               ledger: Ledger, as_of: dt.date | None, keep: bool) -> None:
    """Every record of one file into ``ledger``; each that the checker refuses, a problem at
    its line and at the column of the faulty field.

    A record read is counted, kept (with ``keep``), the baseline of a level (dated on or
    before the period start), and the latest figure of its target as of ``as_of`` (unless
    dated before the period start: a baseline only). Written out in the loop, not as a
    function per record: this is the loop that a million records go through."""
    lines = _Lines()
    header: list[str] | None = None
    pick: Callable[[list[str]], tuple[str, ...]] = tuple
    quick, checked = checker.quick, checker.checked
    latest, baselines, records = ledger.latest, ledger.baselines, ledger.records
    start, levels, supersedes = checker.start, checker.levels, counting.supersedes
    takes_baseline, is_current = counting.takes_baseline, counting.is_current
    days, contested = ledger.days, ledger.contested
    day_of, new = days.get, tuple.__new__  # (a Placed without its generated __new__: the loop)
    count = 0
    try:
        for line, fields, row in rows(path, display, problems):
            if fields is not header:
                header, pick = fields, _picker(fields)
            values = pick(row)
            try:
                record = quick(*values)
                if record is None:
                    record = checked(*values)
                    if record.withdraws:
                        count += 1
                        ledger.withdrawals.append(Placed(record, display, line))
                        continue
                    if record.corrects:
                        ledger.corrections.append(record)
            except RecordError as exc:
                if problems.full:
                    problems.more += 1
                    continue
                column = lines.column(path, line, fields, exc.column) if exc.column else 1
                problems.add(exc.message, exc.hint, display, line, column, "ledger record")
                continue
            count += 1
            if keep:
                records.append(record)
            date = record.date
            value = record[1]
            if value is not None:  # a day's first figure, and whether others differ from it
                day = (record[0], date)
                seen = day_of(day)
                if seen is None:
                    days[day] = (value, record[5], record[6], False, False)
                elif seen.__class__ is tuple:
                    other_value = seen[3] or seen[0] != value
                    other_source = seen[4] or seen[1] != record[5] or seen[2] != record[6]
                    if other_value and other_source:  # two sources, two values: read again
                        days[day] = CONTESTED
                        contested.append(day)
                    elif (other_value, other_source) != seen[3:]:
                        days[day] = (*seen[:3], other_value, other_source)
                elif seen is not CONTESTED:  # the second reading: a contested day's figures
                    seen.append(new(Placed, (record, display, line)))  # type: ignore[attr-defined]
            if date <= start:  # counting's rules, asked only of the few records this early
                if takes_baseline(record, baselines.get(record.target), start, levels):
                    baselines[record.target] = record
                if not is_current(record, start):
                    continue
            if as_of is not None and date > as_of:
                continue
            if supersedes(record, latest.get(record.target)):
                latest[record.target] = record
    finally:
        ledger.count += count
        lines.close()


def _contested_figures(files: list[tuple[Path, str]], checker: RecordChecker,
                       days: list[tuple[str, dt.date]]) -> list[list[Placed]]:
    """Every figure of each contested day, with its place, in ledger order: the files read
    again by the scan's own loop, keeping only those days' figures (none read when no day is
    contested, as in almost every ledger)."""
    if not days:
        return []
    again = Ledger(days={day: [] for day in days})
    for path, display in files:
        _read_file(path, display, checker, Problems(0), again, None, False)
    return [again.days[day] for day in days]  # type: ignore[misc]


def _settle(ledger: Ledger, checker: RecordChecker, as_of: dt.date | None,
            records: bool, contested: list[list[Placed]]) -> None:
    """After every file is read: the withdrawn figures taken out of what counts, and the
    disagreements found among the ``contested`` days' figures (both rules are
    ``counting``'s)."""
    withdrawn = counting.withdrawn_by(w.record for w in ledger.withdrawals)
    if ledger.withdrawals:
        ledger.idle = _withdrawing_nothing(ledger)
    if withdrawn:
        key = counting.key
        ledger.withdrawn = [(r, withdrawn[key(r)]) for r in ledger.records if key(r) in withdrawn]
        ledger.records = [r for r in ledger.records if key(r) not in withdrawn]
        ledger.latest, ledger.baselines = {}, {}
        for record in ledger.records:
            _count(ledger, checker, record, as_of)
        if not records:
            ledger.records = []
    corrected = counting.corrected_by(ledger.corrections)
    for seen in contested:
        live = [p for p in seen if counting.key(p.record) not in withdrawn] if withdrawn \
            else seen
        pair = _disagreeing(live, corrected)
        if pair is not None:
            ledger.disagreements.append(pair)
    ledger.days, ledger.contested = {}, []


def _withdrawing_nothing(ledger: Ledger) -> list[Problem]:
    """Each withdrawal that names no figure of the ledger (``counting.withdraws_nothing``), at
    its line: the recording it names has no figure of its target and date, or no figure at
    all. (``ledger.records`` holds every figure here: a ledger with withdrawals is read with
    ``keep``.)"""
    idle = counting.withdraws_nothing([w.record for w in ledger.withdrawals], ledger.records)
    if not idle:
        return []
    placed = {id(w.record): w for w in ledger.withdrawals}
    figures: dict[str, Record] = {}
    for r in ledger.records:
        figures.setdefault(r.recording or counting.LEGACY, r)
    problems = []
    for w in idle:
        where = placed[id(w)]
        other = figures.get(w.withdraws)
        if w.withdraws == counting.LEGACY:
            message = _("this withdrawal names a figure of {target} on {date} recorded without "
                        "a recording id, and there is none: it withdraws nothing")
        elif other is not None:
            message = _("this withdrawal names {target} on {date} of recording {id}, which has "
                        "no figure of that target and date (it has {other_target} on "
                        "{other_date}): it withdraws nothing")
        else:
            message = _("this withdrawal names recording {id}, which no record of the ledger "
                        "has: it withdraws nothing")
        problems.append(Problem(
            message.format(target=w.target, date=w.date, id=w.withdraws,
                           other_target=other.target if other else "",
                           other_date=other.date if other else ""),
            _("withdraw the figure meant with kpi withdraw ID --note WHY (`kpi log` shows the "
              "recording of each figure), then delete this line"),
            file=where.file, line=where.line, column=1, title="withdrawal without effect"))
    return problems


def _count(ledger: Ledger, checker: RecordChecker, record: Record, as_of: dt.date | None) -> None:
    """One record into the latest figures and the baselines: the scan's rule (``_read_file``)."""
    supersedes, date = counting.supersedes, record.date
    if date <= checker.start:
        if counting.takes_baseline(record, ledger.baselines.get(record.target), checker.start,
                                   checker.levels):
            ledger.baselines[record.target] = record
        if not counting.is_current(record, checker.start):
            return
    if as_of is not None and date > as_of:
        return
    if supersedes(record, ledger.latest.get(record.target)):
        ledger.latest[record.target] = record


def _disagreeing(seen: list[Placed], corrected: set[counting.Key]) -> Disagreement | None:
    """Of one target and date's figures, two that disagree (``counting.disagreement``), with
    their places; None when they agree."""
    pair = counting.disagreement([p.record for p in seen], corrected)
    if pair is None:
        return None
    place = {id(p.record): p for p in seen}
    return Disagreement(place[id(pair[0])], place[id(pair[1])])


#: The fields ``RecordChecker.read`` takes, in its order.
_READ = ("target", "value", "date", "unit", "recorded_at", "by", "source", "note", "recording",
         "withdraws", "corrects")


def _picker(header: list[str]) -> Callable[[list[str]], tuple[str, ...]]:
    """A row's fields in the order ``RecordChecker.read`` takes them; a column the header
    lacks (all but the required ones may be left out) reads as empty."""
    at = [header.index(name) if name in header else len(header) for name in _READ]
    get = itemgetter(*at)
    if len(header) not in at:
        return get
    return lambda row: get(row + [""])


def _file_done(ledger: Ledger, path: Path, display: str, problems: Problems, counted: int,
               limit: int) -> int:
    """A file's problems into ``ledger``, with how many of its lines are left out; 1 when some
    of its problems are past every cap (counted in ``ledger.unlisted``), else 0."""
    ledger.problems.extend(problems)
    if problems:
        ledger.left_out[display] = max(1, _record_lines(path) - (ledger.count - counted))
    if problems.more and problems.cap == MAX_PROBLEMS and len(ledger.problems) < limit:
        ledger.problems.append(Problem(
            _("{more} more problems in this file are not listed").format(more=problems.more),
            _("fix the ones above and run `kpi validate` again"), file=display,
            title="ledger line"))
    elif problems.more:
        ledger.unlisted += problems.more
        return 1
    return 0


def _record_lines(path: Path) -> int:
    """The lines of a file that may hold a record (not empty, not the header): what is left
    out of a file with problems is this, less the records read from it. Counted a block at a
    time, never following a link, and not at all for a file past the ledger's cap (the file
    was not read: one problem, one line left out), so that a sparse 1 GB file costs nothing."""
    try:
        fd = open_regular(path, LEDGER_CAP, follow=False)
    except OSError:
        return 0
    lines = 0
    filled = False  # whether the line being counted holds more than white space
    with open(fd, "rb") as handle:
        while block := handle.read(1 << 20):
            pieces = block.split(b"\n")
            for piece in pieces[:-1]:
                if filled or piece.strip():
                    lines += 1
                filled = False
            filled = filled or bool(pieces[-1].strip())
    if filled:
        lines += 1
    return max(0, lines - 1)


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
