"""The ledger's records seen from a date: which figure counted then. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..model import Record


def latest_as_of(records: Iterable[Record], as_of: dt.date) -> dict[str, Record]:
    """The record of each target or task that counted on ``as_of``.

    The same rule as the ledger scan: records dated after ``as_of`` are ignored; of the rest the
    latest by figure date, then recording time, then position wins. ``records`` in scan order.
    """
    latest: dict[str, Record] = {}
    for record in records:
        if record.date > as_of:
            continue
        current = latest.get(record.target)
        if current is None or record.sort_key() >= current.sort_key():
            latest[record.target] = record
    return latest


def effective(records: Iterable[Record], key: str,
              as_of: dt.date | None = None) -> list[Record]:
    """One record per figure date for ``key`` (the one that counts for that day), oldest first."""
    by_date: dict[dt.date, Record] = {}
    for record in records:
        if record.target != key or (as_of is not None and record.date > as_of):
            continue
        current = by_date.get(record.date)
        if current is None or record.sort_key() >= current.sort_key():
            by_date[record.date] = record
    return [by_date[day] for day in sorted(by_date)]


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def previous_month_end(day: dt.date) -> dt.date:
    """The last day of the month before ``day``'s month: 2023-06-30 → 2023-05-31."""
    return month_start(day) - dt.timedelta(days=1)
