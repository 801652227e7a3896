"""What a ledger file looks like: its columns, and the conflict markers git may leave in it."""

from __future__ import annotations

from ..i18n import N_

#: The columns grew at the end. Under a header of kpi's (all of them, or the first eight, as
#: ledgers began), a row gives the first eight and as many of the rest as it needs: kpi appends
#: to a ledger begun before recording ids without changing a byte of it.
COLUMNS = ("target", "value", "unit", "date", "recorded_at", "by", "source", "note",
           "recording", "withdraws", "corrects")
#: The shortest header kpi ever wrote.
FIRST_COLUMNS = COLUMNS[:8]
REQUIRED = ("target", "value", "date", "recorded_at")

#: The lines git writes around the two sides of a conflict (|||||||: the base, with diff3).
CONFLICT_MARKERS = ("<<<<<<<", "|||||||", "=======", ">>>>>>>")
#: How to resolve a conflict (a catalogue entry: ``_(CONFLICT_HINT)`` where it is said).
CONFLICT_HINT = N_("keep both sides' lines and delete the markers")


def may_hold_markers(data: bytes) -> bool:
    return b"<<<<<<<" in data or b"=======" in data or b">>>>>>>" in data


def grown(header: list[str]) -> bool:
    """Whether a header is an earlier kpi header: the first columns, at least the first eight."""
    return len(FIRST_COLUMNS) <= len(header) < len(COLUMNS) and tuple(header) == COLUMNS[
        :len(header)]
