"""Which record counts: one rule, asked by the ledger scan, the timelines and the returns. Pure.

* A correction is a new record: of a target's records, the one with the latest figure date, then
  the latest recording time, then the latest position in the ledger counts.
* A figure dated on or before the period start is the baseline of a level target (its 上年末数),
  one dated before the start preferred to one dated on it (``baseline_supersedes``); one dated
  before the period start is a baseline only, never the current figure.
* A recording time later than now (beyond a day of clock skew) is a problem, and such a record
  does not count: a hand-edited ``recorded_at`` in 2099 would otherwise shadow every correction.
* A withdrawn figure counts nowhere: the ledger scan leaves it out of every record it hands on
  (``withdrawn_by``), so no report, baseline or list of missing figures sees it.
* Two figures of one target and date from different sources, neither recorded as correcting the
  other, disagree (``disagreement``): the later still counts, and ``kpi validate`` names both.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from .model import Record

#: How far ahead of this machine's clock a recording time may be (another machine's clock).
CLOCK_SKEW = dt.timedelta(days=1)


def supersedes(record: Record, current: Record | None) -> bool:
    """Whether ``record``, read after ``current``, replaces it as the one that counts."""
    return current is None or (record.date, record.recorded_at) >= (current.date,
                                                                   current.recorded_at)


def is_current(record: Record, period_start: dt.date) -> bool:
    """Whether the record can be a target's current figure (not only a baseline)."""
    return record.date >= period_start


def is_baseline(record: Record, period_start: dt.date) -> bool:
    """Whether the record is a figure at or before the period start: a level's baseline."""
    return record.value is not None and record.date <= period_start


def baseline_supersedes(record: Record, current: Record | None, period_start: dt.date) -> bool:
    """Whether ``record``, read after ``current``, replaces it as a level's baseline. A figure
    dated before the period start (上年末数) beats one dated on it: a figure of the period's
    first day is the baseline only while none before the period is recorded, so a figure
    inside the period never displaces a baseline. Between two of the same side, ``supersedes``."""
    if current is None:
        return True
    before, was_before = record.date < period_start, current.date < period_start
    if before != was_before:
        return before
    return supersedes(record, current)


def is_baseline_of_level(record: Record, period_start: dt.date,
                         levels: frozenset[str]) -> bool:
    """Whether the record is the baseline figure of a level target (``levels``: their ids)."""
    return record.target in levels and is_baseline(record, period_start)


def takes_baseline(record: Record, current: Record | None, period_start: dt.date,
                   levels: frozenset[str]) -> bool:
    """Whether ``record``, read after ``current`` (the baseline so far), becomes its level's
    baseline: THE rule wherever a level's baseline is chosen (the scan, the one-record update
    of recording, the look-up of a few baselines)."""
    return (is_baseline_of_level(record, period_start, levels)
            and baseline_supersedes(record, current, period_start))


def latest_stamp(now: dt.datetime) -> dt.datetime:
    """The latest recording time a record may carry."""
    return now + CLOCK_SKEW


# ------------------------------------------------------------------ recordings, withdrawals

#: What a withdrawal or a correction names for a figure recorded before recording ids.
LEGACY = "-"

_REFERENCE = re.compile(r"[0-9a-z]{6,24}|-")

#: A figure of the ledger as a withdrawal or a correction names it: target, figure date and
#: the recording that wrote it.
Key = tuple[str, dt.date, str]


def is_reference(text: str) -> bool:
    """Whether ``text`` is a recording id (or ``-``, a figure without one)."""
    return _REFERENCE.fullmatch(text) is not None


def key(record: Record) -> Key:
    """How a withdrawal or a correction names ``record``."""
    return record.target, record.date, record.recording or LEGACY


def withdrawn_key(withdrawal: Record) -> Key:
    """The figure a withdrawal withdraws: of its target and figure date, the one its
    ``withdraws`` names (a withdrawal whose target or date is not its figure's withdraws
    nothing)."""
    return withdrawal.target, withdrawal.date, withdrawal.withdraws


def withdraws_nothing(withdrawals: Iterable[Record], records: Iterable[Record]) -> list[Record]:
    """The withdrawals that name no figure of ``records`` (every figure of the ledger, withdrawn
    or not): they have no effect."""
    keys = {key(r) for r in records}
    return [w for w in withdrawals if withdrawn_key(w) not in keys]


def withdrawn_by(withdrawals: Iterable[Record]) -> dict[Key, Record]:
    """Each withdrawn figure → the withdrawal that withdrew it (the earliest recorded).

    A withdrawn figure counts nowhere; recording the figure again (a new recording) restores
    it. A withdrawal is found wherever it lies in the ledger: two branches merged in any
    order count the same."""
    found: dict[Key, Record] = {}
    for w in withdrawals:
        named = withdrawn_key(w)
        if named not in found or w.recorded_at < found[named].recorded_at:
            found[named] = w
    return found


def corrected_by(corrections: Iterable[Record]) -> set[Key]:
    """The figures that a later record was recorded as correcting (``kpi record --corrects``,
    a return's correction column)."""
    return {(c.target, c.date, ref) for c in corrections for ref in c.corrects.split()}


def disagreement(figures: Sequence[Record], corrected: set[Key]) -> tuple[Record, Record] | None:
    """Of one target and date's figures (in ledger order), two that disagree: the one that
    counts and the latest other source's that differs from it; None when they agree.

    A source is who recorded a figure and the return it came from: a source's later figure
    corrects its earlier ones, and a figure recorded as correcting others (``corrected_by``)
    settles them. Then figures of different sources with different values disagree; a resend
    of the same figure does not."""
    latest: dict[tuple[str, str], Record] = {}
    for r in sorted(figures, key=lambda r: r.recorded_at):  # (stable: then ledger order)
        if not corrected or key(r) not in corrected:
            latest.pop((r.by, r.source), None)
            latest[r.by, r.source] = r  # (last in the dict's order: the latest recorded)
    live = list(latest.values())
    if len(live) < 2:
        return None
    counts = live[-1]
    for other in reversed(live[:-1]):
        if other.value != counts.value:
            return other, counts
    return None
