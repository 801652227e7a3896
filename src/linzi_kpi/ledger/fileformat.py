"""What a ledger file looks like: its columns, and the conflict markers git may leave in it."""

from __future__ import annotations

COLUMNS = ("target", "value", "unit", "date", "recorded_at", "by", "source", "note")
REQUIRED = ("target", "value", "date", "recorded_at")

#: The lines git writes around the two sides of a conflict (|||||||: the base, with diff3).
CONFLICT_MARKERS = ("<<<<<<<", "|||||||", "=======", ">>>>>>>")
CONFLICT_HINT = "keep both sides' lines and delete the markers"


def may_hold_markers(data: bytes) -> bool:
    return b"<<<<<<<" in data or b"=======" in data or b">>>>>>>" in data
