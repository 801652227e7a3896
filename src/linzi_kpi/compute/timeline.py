"""The ledger's records seen from a date: which figure counted then. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..counting import is_current, supersedes, takes_baseline
from ..model import Kind, Plan, Record


def latest_as_of(records: Iterable[Record], as_of: dt.date,
                 period_start: dt.date) -> dict[str, Record]:
    """The record of each target or task that counted on ``as_of``: the rule of
    ``counting``, as the ledger scan applies it. ``records`` in scan order."""
    latest: dict[str, Record] = {}
    for record in records:
        if record.date > as_of or not is_current(record, period_start):
            continue
        if supersedes(record, latest.get(record.target)):
            latest[record.target] = record
    return latest


def baselines_of(plan: Plan, records: Iterable[Record]) -> dict[str, Record]:
    """Of each level target, the record that gives its baseline (see ``counting``)."""
    levels = frozenset(t.id for _, t in plan.targets() if t.kind is Kind.level)
    start = plan.plan.period_start
    found: dict[str, Record] = {}
    for record in records:
        if takes_baseline(record, found.get(record.target), start, levels):
            found[record.target] = record
    return found


def effective(records: Iterable[Record], key: str, as_of: dt.date | None = None,
              period_start: dt.date | None = None) -> list[Record]:
    """One record per figure date for ``key`` (the one that counts for that day), oldest first."""
    by_date: dict[dt.date, Record] = {}
    for record in records:
        if record.target != key or (as_of is not None and record.date > as_of):
            continue
        if period_start is not None and not is_current(record, period_start):
            continue
        if supersedes(record, by_date.get(record.date)):
            by_date[record.date] = record
    return [by_date[day] for day in sorted(by_date)]


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def previous_month_end(day: dt.date) -> dt.date:
    """The last day of the month before ``day``'s month: 2023-06-30 → 2023-05-31."""
    return month_start(day) - dt.timedelta(days=1)


def latest_notes(records: Iterable[Record], as_of: dt.date,
                 period_start: dt.date) -> dict[str, Record]:
    """Of each target or task, its latest record on or before ``as_of`` that carries a note
    (``kpi record --note``, a return's 备注): the department's own word on where it stands."""
    found: dict[str, Record] = {}
    for record in records:
        if (record.note and record.date <= as_of and is_current(record, period_start)
                and supersedes(record, found.get(record.target))):
            found[record.target] = record
    return found
