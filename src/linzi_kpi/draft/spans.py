"""The quoted spans of a task's text and where its clauses and sentences end outside them:
what ``targets`` asks of a text many times, computed once. Pure."""

from __future__ import annotations

import bisect
import re

#: Where a clause and a sentence end (a tab ends a table's cell; a line end a row's words in a
#: cell merged over rows, 25个以上 / 增长8%, or a cell's line: never one sentence run on).
CLAUSE_END = "。；;，,：:！？!?\t\n"
SENTENCE_END = "。；;！？!?\t\n"
OPEN_QUOTES = {"“": "”", "《": "》", "「": "」", "『": "』", "‘": "’"}
#: A deadline phrase: 到2025年, 2024年6月底前; in the plan's own year 6月底前, 三季度末, 上半年
#: (groups: year, month; month alone; quarter; 上半年; 年底 / 年内 / 全年: the plan's end).
DEADLINE = re.compile(r"(?:到|至|于)?([0-9]{4})\s*年\s*(?:([0-9]{1,2})\s*月)?\s*(?:底|末)?(?:前|以前)?"
                      r"|(?<![0-9０-９年每])([0-9]{1,2})\s*月\s*(?:底|末)(?:前|以前)?"
                      r"|(?<![每前])第?([一二三四])季度(?:末|底)?(?:前|以前)?|(?<![每前])(上半年)"
                      r"|(?<![0-9０-９])(年底|年末|年内|全年)")


class Spans(list[tuple[int, int]]):
    """The quoted spans of a task's text, with what the scan asks of them many times computed
    once: whether a position is inside one (a bisection), and where the clause and sentence
    ends outside them are. Asked per number, these walked the text: a task of n numbers took
    n² steps (and n³ where each number was compared with every one before it)."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        super().__init__(spans)
        self.text = text
        starts_ends = sorted((a + 1, b) for a, b in spans if a + 1 < b)
        self._starts: list[int] = []
        self._ends: list[int] = []
        for a, b in starts_ends:  # merged: inside is a <= at < b
            if self._ends and a <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], b)
            else:
                self._starts.append(a)
                self._ends.append(b)
        self._stops: dict[str, list[int]] = {}
        self._deadlines: dict[int, tuple[list[int], list[re.Match[str]]]] = {}

    def inside(self, at: int) -> bool:
        k = bisect.bisect_right(self._starts, at) - 1
        return k >= 0 and at < self._ends[k]

    def stops(self, chars: str) -> list[int]:
        """The positions of ``chars`` outside quotes, in order."""
        found = self._stops.get(chars)
        if found is None:
            pattern = re.compile("[" + re.escape(chars) + "]")
            found = [m.start() for m in pattern.finditer(self.text) if not self.inside(m.start())]
            self._stops[chars] = found
        return found

    def deadlines(self, start: int) -> tuple[list[int], list[re.Match[str]]]:
        """Every deadline phrase of the text from ``start``, in order, and where each starts."""
        found = self._deadlines.get(start)
        if found is None:
            phrases = list(DEADLINE.finditer(self.text, start))
            found = self._deadlines[start] = ([m.start() for m in phrases], phrases)
        return found


def quoted_spans(text: str) -> Spans:
    spans, stack = [], []
    straight_open = None
    for i, c in enumerate(text):
        if c in OPEN_QUOTES:
            stack.append((c, i))
        elif stack and c == OPEN_QUOTES[stack[-1][0]]:
            spans.append((stack.pop()[1], i + 1))
        elif c == '"':
            if straight_open is None:
                straight_open = i
            else:
                spans.append((straight_open, i + 1))
                straight_open = None
    return Spans(text, spans)


def inside(spans: list[tuple[int, int]], at: int) -> bool:
    if isinstance(spans, Spans):
        return spans.inside(at)
    return any(a < at < b for a, b in spans)


def start_after(text: str, at: int, spans: list[tuple[int, int]], floor: int,
                 chars: str) -> int:
    """Where the stretch ending at ``at`` starts: after the last of ``chars`` outside quotes
    before ``at``, and not before ``floor``."""
    if at <= floor:
        return at
    if isinstance(spans, Spans):
        stops = spans.stops(chars)
        k = bisect.bisect_left(stops, at) - 1
        return max(stops[k] + 1, floor) if k >= 0 else floor
    i = at
    while i > floor and not (text[i - 1] in chars and not inside(spans, i - 1)):
        i -= 1
    return i


def clause_start(text: str, at: int, spans: list[tuple[int, int]], floor: int) -> int:
    return start_after(text, at, spans, floor, CLAUSE_END)


def sentence_start(text: str, at: int, spans: list[tuple[int, int]], floor: int) -> int:
    return start_after(text, at, spans, floor, SENTENCE_END)


def clause_end(text: str, at: int, spans: list[tuple[int, int]], stops: str) -> int:
    if isinstance(spans, Spans):
        found = spans.stops(stops)
        k = bisect.bisect_left(found, at)
        return found[k] if k < len(found) else len(text)
    i = at
    while i < len(text) and not (text[i] in stops and not inside(spans, i)):
        i += 1
    return i
