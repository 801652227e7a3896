"""Rows of CSV text with the line each starts on, telling a quote left open from other faults.

Python's CSV reader, strict, raises the same ``csv.Error`` for every fault; which one it was is
only in the message text, which is CPython's to change. A quoted field that is never closed is
known here another way: the reader fails after its input has ended (every other fault is found
inside a line, before the next one is asked for). The ledger reader and the returns reader
both need that difference: whatever follows an open quote would be read as part of it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any


class OpenQuote(Exception):
    """The input ended inside a quoted field."""


class Rows:
    """``csv.reader(lines, strict=True, **options)`` whose ``next`` raises ``OpenQuote`` for a
    quoted field that the input never closes, and ``csv.Error`` for any other fault (reading
    may go on at the next line)."""

    def __init__(self, lines: Iterable[str], **options: Any) -> None:
        self.ended = False
        self.reader = csv.reader(self._watched(lines), strict=True, **options)

    def _watched(self, lines: Iterable[str]) -> Iterator[str]:
        yield from lines
        self.ended = True

    @property
    def line_num(self) -> int:
        """Lines read so far: the next row starts on ``line_num + 1``."""
        return self.reader.line_num

    def next(self) -> list[str] | None:
        """The next row, or None after the last."""
        try:
            return next(self.reader, None)
        except csv.Error:
            if self.ended:
                raise OpenQuote from None
            raise
