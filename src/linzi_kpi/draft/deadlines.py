"""The deadline a target's own sentence gives it. Pure.

A deadline phrase earlier in the sentence names it, the last one counting: 到2025年 and 2025年底前
that year's end, 6月底前 / 三季度 / 上半年 a date in the plan's year; 年底前, 年内 and 全年 the
plan's end, even where the task's 完成时限 is earlier (``said_period_end``). A year alone names
it where it opens a clause (力争2025年，…达到60%: a horizon beyond the plan's year; 2024年完成…
in the 2024 plan: the plan's end again after a 到2025年), never where it is a base or a name
(比2023年增长, 2024年度, 2023年以来) nor a year before the plan's (2000年底前建成的小区, too).
"""

from __future__ import annotations

import bisect
import datetime as dt

from ..dates import FIRST, LAST
from ..i18n import _
from .spans import CLAUSE_END, DEADLINE, Spans, sentence_start


class Note(str):
    """A review note, in the reader's language; one that explains a guess of a field
    (``comparator``, ``kind``, ``deadline``) carries the field as its ``topic`` and the reason
    alone as its ``why``, which the draft writes as that field's comment."""

    topic: str
    why: str

    def __new__(cls, text: str, topic: str = "", why: str = "") -> Note:
        note = super().__new__(cls, text)
        note.topic, note.why = topic, why
        return note


def deadline_note(why: str) -> Note:
    return Note(_("deadline: {why}").format(why=why), "deadline", why)


class PeriodEnd(Note):
    """The note of a sentence that says its target is due at the period's end (年底前, 全年)."""


#: The deadline phrases a number looks back on in its sentence: the last one counts.
SEEN = 4
#: Words that may stand between a clause's start and the year that opens it.
_OPENERS = ("力争", "确保", "争取", "努力", "预计", "计划", "力争在", "确保在", "争取在", "在")
#: A year followed by one of these is a base, a name or a span, not a deadline.
_NOT_AFTER = "以同的比基水度初中"


def _opens_clause(text: str, at: int, floor: int) -> bool:
    """Whether the words at ``at`` open their clause (after at most an opener: 力争, 确保 …)."""
    for opener in sorted(_OPENERS, key=len, reverse=True):
        if text.endswith(opener, floor, at):
            at -= len(opener)
            break
    return at <= floor or text[at - 1] in CLAUSE_END


def said_period_end(notes: list[str]) -> bool:
    """Whether a target's sentence says it is due at the period's end (年底前, 年内, 全年)."""
    return any(isinstance(n, PeriodEnd) for n in notes)


def deadline(text: str, at: int, spans: list[tuple[int, int]], start: int, year: int,
             notes: list[str]) -> dt.date | None:
    """The deadline the sentence of the number at ``at`` names (None: the period's end, or
    none named), its note appended to ``notes``; ``year``: the plan's."""
    sstart = sentence_start(text, at, spans, start)
    if isinstance(spans, Spans):  # the phrases found once; the last few of this sentence
        starts, phrases = spans.deadlines(start)
        first, last = bisect.bisect_left(starts, sstart), bisect.bisect_left(starts, at)
        found = [m for m in phrases[max(first, last - SEEN):last] if m.end() <= at]
    else:
        found = list(DEADLINE.finditer(text, sstart, at))
    when: dt.date | None = None
    note: Note | None = None
    for m in found:
        whole = m.group(0).strip()
        if m.group(6):  # 年底前 / 年内 / 全年: the period end
            why = _("{when} earlier in the sentence: the period end").format(when=whole)
            when, note = None, PeriodEnd(_("deadline: {why}").format(why=why), "deadline", why)
            continue
        if m.group(1) is None:  # 6月底前, 三季度, 上半年: in the plan's own year
            y = year
            month = m.group(3) or (str(3 * ("一二三四".index(m.group(4)) + 1)) if m.group(4)
                                   else "6")
        else:
            y, month = int(m.group(1)), m.group(2)
            named = whole.startswith(("到", "至", "于")) or whole.endswith(("底", "末", "前"))
            alone = not named and _opens_clause(text, m.start(), sstart) and (
                m.end() >= len(text) or text[m.end()] not in _NOT_AFTER) and y >= year
            if not (named or alone):
                continue
            if named and y < year:  # 2000年底前建成的: what is counted, not when it is due
                continue
        if y == year and not month:  # the plan's own year: its end, after a later year
            when, note = None, None
            continue
        if not FIRST.year <= y <= LAST.year:  # never a deadline: a review item
            notes.append(_("{when} earlier in the sentence is outside the years kpi takes "
                           "({first}–{last}): not used as a deadline").format(
                when=whole, first=FIRST.year, last=LAST.year))
            continue
        if month and 1 <= int(month) <= 12:
            nxt = dt.date(y + int(month) // 12, int(month) % 12 + 1, 1)
            when = nxt - dt.timedelta(days=1)
        else:
            when = dt.date(y, 12, 31)
        note = deadline_note(_("{when} earlier in the sentence").format(when=whole))
    if note is not None:
        notes.append(note)
    return when
