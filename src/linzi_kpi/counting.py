"""Which record counts: one rule, asked by the ledger scan, the timelines and the returns. Pure.

* A correction is a new record: of a target's records, the one with the latest figure date, then
  the latest recording time, then the latest position in the ledger counts.
* A figure dated on or before the period start is the baseline of a level target (its 上年末数);
  one dated before the period start is a baseline only, never the current figure.
* A recording time later than now (beyond a day of clock skew) is a problem, and such a record
  does not count: a hand-edited ``recorded_at`` in 2099 would otherwise shadow every correction.
"""

from __future__ import annotations

import datetime as dt

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


def is_baseline_of_level(record: Record, period_start: dt.date,
                         levels: frozenset[str]) -> bool:
    """Whether the record is the baseline figure of a level target (``levels``: their ids)."""
    return record.target in levels and is_baseline(record, period_start)


def latest_stamp(now: dt.datetime) -> dt.datetime:
    """The latest recording time a record may carry."""
    return now + CLOCK_SKEW
