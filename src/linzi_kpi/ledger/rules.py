"""What a record must be to count: the plan's targets and tasks, units, figure dates and
recording times. No I/O: the ledger's reader and ``kpi record`` both ask ``RecordChecker``.
"""

from __future__ import annotations

import datetime as dt

from .. import counting
from ..dates import FIRST, half_width
from ..i18n import _
from ..model import Kind, Plan, Record, State, Target
from ..values import format_number, implausible, parse_date, parse_number, parse_state, plain_figure

#: What a record recorded with --force carries in its note: the figure was checked by a person.
FORCED = "[--force]"
#: The earliest figure date kpi accepts (a baseline may be years before the period).
EARLIEST = dt.date(1900, 1, 1)

_plain = plain_figure
_tuple = tuple.__new__


class RecordError(ValueError):
    """A record that cannot be accepted: ``message`` says what, ``hint`` what would be."""

    def __init__(self, message: str, hint: str = "", column: str = "") -> None:
        super().__init__(message)
        self.message, self.hint, self.column = message, hint, column


def nearest(key: str, ids: list[str], n: int = 3) -> list[str]:
    """The ids nearest ``key`` in spelling (``231`` → 23.1; ``2.31`` → 23.1): those as near
    as the nearest, at most ``n``."""
    import difflib

    key = key.strip()[:40]
    if not key:
        return []
    scored = sorted(((difflib.SequenceMatcher(None, key, i).ratio(), i) for i in ids),
                    key=lambda pair: -pair[0])
    best = scored[0][0] if scored else 0.0
    return [i for score, i in scored[:n] if score >= 0.6 and score == best]


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
        self._ids: set[str] = set()  # recording ids seen valid
        # a target id → (the target, the first and the last figure date it accepts)
        self._windows: dict[str, tuple[Target, dt.date, dt.date]] = {}

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
        key = half_width(key).strip()  # ２３．１ as typed through a Chinese input method
        if key in self.targets or key in self.tasks:
            return key
        raise RecordError(_("unknown target {id}").format(id=repr(key[:40])), self._known(key),
                          column="target")

    def _known(self, key: str = "") -> str:
        """The nearest ids of the plan (``231`` → did you mean 23.1?), else what a key may be,
        with this plan's own first examples: ``use a target id such as 1.1 or a task number
        such as 5`` (a task without targets takes a state)."""
        stateless = [n for n, task in self.tasks.items() if not task.targets]
        near = nearest(key, [*self.targets, *stateless])
        if near:
            return _("did you mean {ids}? `kpi targets` lists them").format(
                ids=_(" or ").join(near))
        ways = [_("a target id such as {id}").format(id=next(iter(self.targets)))] \
            if self.targets else []
        if stateless:
            ways.append(_("a task number such as {number}").format(number=stateless[0]))
        if not ways:  # a plan just made by kpi init
            return _("the plan has no target or task yet: add its tasks to tasks.yaml, then "
                     "run kpi validate")
        return _("use {ways}; `kpi targets` lists them").format(ways=_(" or ").join(ways))

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
        hint = (_("no figure can be dated yet: the period starts {first}") if first > last
                else _("use a date up to {last}") if first <= FIRST  # a level: any baseline
                else _("use a date from {first} to {last}")).format(first=first, last=last)
        if date > self.today:
            reason = _("date {date} is in the future").format(date=date)
        elif date < first and first == self.start:
            if key in self.tasks:
                reason = _("date {date} is before the period starts ({first}), and a state has "
                           "no baseline")
            elif self.targets[key].kind is Kind.rate:
                reason = _("date {date} is before the period starts ({first}), and {key}, a "
                           "rate, has no baseline")
            else:
                reason = _("date {date} is before the period starts ({first}), and {key}, an "
                           "increment, has no baseline")
            reason = reason.format(date=date, first=first, key=key)
            hint = _("only a level target takes a figure dated before the period (its baseline, "
                     "上年末数); {hint}").format(hint=hint)
        elif date < first:
            reason = _("date {date} is before {first}").format(date=date, first=first)
        else:
            reason = _("date {date} is after the deadline of {key} ({deadline})").format(
                date=date, key=key, deadline=self.deadline(key))
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
            number, unit, note = self._figure(key, target, value, unit, note, entry, force)
        else:
            state, unit = self._state(key, value, unit)
        if isinstance(date, str):
            date = self.date_of(date)
        self.check_date(key, date)
        return Record(key, number, state, date, recorded_at, by, source, note, unit)

    def _figure(self, key: str, target: Target, value: str, unit: str, note: str, entry: bool,
                force: bool) -> tuple[float, str, str]:
        """A target's figure: its number, its unit (the target's), and its note (with
        ``FORCED`` when a person overrode an implausible figure)."""
        try:
            number = parse_number(value, target.unit)
        except ValueError as exc:
            raise RecordError(str(exc), column="value") from None
        if number < 0 and target.kind is not Kind.rate:  # a rate may fall: −2.3 (%)
            raise RecordError(_("value {format_number} is negative").format(
                                  format_number=format_number(number)),
                              _("figures for {key} count {unit}; write 0 or more").format(
                                  key=key, unit=target.unit),
                              column="value")
        unit = unit.strip()
        if unit and unit != target.unit:
            raise RecordError(_("unit {unit!r} contradicts target {key}, counted in {unit2}")
                               .format(unit=unit, key=key, unit2=target.unit),
                              _("convert the figure to {unit}, or leave the unit empty").format(unit=target.unit),
                              column="unit")
        rate = target.kind is Kind.rate
        doubt = implausible(number, target.target, target.unit,
                            not rate and target.unit in self.count_units, rate=rate)
        if entry and doubt is not None:
            if not force:
                raise RecordError(doubt[0], _("{doubt}; if the figure is right, record it with "
                                              "--force").format(doubt=doubt[1]), column="value")
            note = f"{note} {FORCED}" if note else FORCED
        return number, target.unit, note

    def _state(self, key: str, value: str, unit: str) -> tuple[State, str]:
        """A task's state (and its unit, none), where the task takes one."""
        graded_by = self.tasks[key].targets
        if graded_by:
            # status grades such a task by its targets, so a state would be ignored
            ids = ", ".join(t.id for t in graded_by)
            raise RecordError(_("task {key} is graded by its targets ({ids}), not by a state").format(key=key, ids=ids),
                              _("record a figure for a target, e.g. kpi record {id} VALUE")
                               .format(id=graded_by[0].id), column="target")
        try:
            state = parse_state(value)
        except ValueError as exc:
            raise RecordError(str(exc), _("task {key} has no number: record a state").format(key=key),
                              column="value") from None
        if unit.strip():
            raise RecordError(_("a state of task {key} has no unit").format(key=key),
                              _("leave the unit empty"), column="unit")
        return state, ""

    def quick(self, key: str, value: str, day: str, unit: str, stamp: str, by: str,
              source: str, note: str, recording: str = "", withdraws: str = "",
              corrects: str = "") -> Record | None:
        """The record of a figure in the form ``kpi record`` writes, accepted without the
        work of ``build`` where none of its checks can fail: a known target, a plain number,
        the target's unit or none, a figure date already read once and inside the target's
        window, a recording time that is not in the future. (A plain number has no sign: a
        rate's negative figure, which ``build`` accepts, always takes the long way.) None where ``build`` must decide
        (and say what is wrong). The two agree on every input (tests/test_properties.py)."""
        window = self._windows.get(key)
        if window is None:
            target = self.targets.get(key)
            if target is None:
                return None
            window = self._windows[key] = (target, self.first_date(key), self.last_date(key))
        target, first, last = window
        if (unit and unit != target.unit) or withdraws or corrects:
            return None
        if recording and recording not in self._ids:
            if len(self._ids) >= 65_536:
                self._ids.clear()
            if not counting.is_reference(recording):
                return None
            self._ids.add(recording)
        date = self._dates.get(day)
        if date is None or not first <= date <= last:
            return None
        number = _plain(value)  # the one rule of a figure kpi keeps (values.plain_figure)
        if number is None:
            return None
        recorded_at = self._stamps.get(stamp)
        if recorded_at is None:
            try:
                recorded_at = self.stamp_of(stamp)
            except RecordError:
                return None
        # the tuple itself, without Record's generated __new__: ~7 % of a million records' scan
        return _tuple(Record, (key, number, None, date, recorded_at, by, source, note,
                               target.unit, recording, withdraws, corrects))

    def checked(self, key: str, value: str, day: str, unit: str, stamp: str, by: str,
                source: str, note: str, recording: str = "", withdraws: str = "",
                corrects: str = "") -> Record:
        """A record read back from the ledger, through every check of ``build``, which raises
        ``RecordError`` saying what is wrong."""
        recorded_at = self.stamp_of(stamp)
        recording, withdraws, corrects = recording.strip(), withdraws.strip(), corrects.strip()
        for name, text in (("recording", recording), ("withdraws", withdraws)):
            if text and not counting.is_reference(text):
                raise RecordError(_("{name} {text!r} is not a recording id").format(
                    name=name, text=text[:40]), _("kpi writes this column: restore what it "
                                                  "wrote"), column=name)
        if any(not counting.is_reference(ref) for ref in corrects.split()):
            raise RecordError(_("corrects {text!r} is not a list of recording ids").format(
                text=corrects[:40]), _("kpi writes this column: restore what it wrote"),
                column="corrects")
        if recording and recording in corrects.split():
            raise RecordError(_("corrects names the record's own recording {id}: a figure "
                                "cannot correct itself").format(id=recording),
                              _("name the recordings it corrects (`kpi log` shows them), or "
                                "leave corrects empty"), column="corrects")
        if withdraws:
            return self.withdrawal(key, value, day, unit, recorded_at, by, source, note,
                                   recording, withdraws)
        record = self.build(key, value, day, recorded_at=recorded_at, unit=unit, by=by,
                            source=source, note=note)
        return record._replace(recording=recording, corrects=corrects)

    def withdrawal(self, key: str, value: str, day: str, unit: str, recorded_at: dt.datetime,
                   by: str, source: str, note: str, recording: str, withdraws: str) -> Record:
        """A withdrawal read back: a known target or task, a figure date, no value or unit."""
        key = self.check_key(key)
        if value.strip() or unit.strip():
            raise RecordError(_("a withdrawal carries no value or unit"),
                              _("kpi writes withdrawals: restore what it wrote"), column="value")
        date = self.date_of(day)
        if not EARLIEST <= date <= self.today:
            raise RecordError(_("date {date} of a withdrawal is not a figure date").format(
                date=date), _("kpi writes withdrawals: restore what it wrote"), column="date")
        return Record(key, None, None, date, recorded_at, by, source, note, "", recording,
                      withdraws)

    def read(self, key: str, value: str, day: str, unit: str, stamp: str, by: str, source: str,
             note: str, recording: str = "", withdraws: str = "", corrects: str = "") -> Record:
        """A record read back from the ledger: on the fast path (``quick``) where it applies,
        else ``checked``."""
        return (self.quick(key, value, day, unit, stamp, by, source, note, recording, withdraws,
                           corrects)
                or self.checked(key, value, day, unit, stamp, by, source, note, recording,
                                withdraws, corrects))

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
                    _("recorded_at {strip} is in the future").format(strip=text.strip()[:40]),
                    _("the recording time is when the record was written: restore it (a correction "
                      "is a new record, added by kpi record); this record is not counted until then"),
                    column="recorded_at")
            self._stamps[text] = stamp
        return stamp


def now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


def _parse_recorded_at(text: str) -> dt.datetime:
    try:
        stamp = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise RecordError(_("recorded_at {text!r} is not a date and time").format(text=text[:40]),
                          _("write it as 2023-07-01T09:30:00+08:00"), column="recorded_at") from None
    if stamp.tzinfo is None:
        raise RecordError(_("recorded_at {text!r} has no time zone").format(text=text[:40]),
                          _("add the offset, e.g. +08:00"), column="recorded_at")
    return stamp
