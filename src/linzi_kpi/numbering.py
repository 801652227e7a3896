"""How a plan document numbers its tasks and sections: ``1.`` ``1．`` ``1、`` ``(1)`` ``（1）``,
``（一）`` ``(二)``, a table row's ``33`` followed by a space or tab, and sections ``一、`` …
``十二、``. One owner for the rule, asked by ``kpi validate`` (a task's text opens with its
number) and by ``kpi draft`` (which lines open a task or a section).

Where the numbering starts again in every section (1. 2. under 一、, 1. 2. again under 二、), a
task's number in the plan is ``section × 100 + item`` (二、3. → 203), so that it stays unique;
where it starts again under every （一） of a section, ``(section × 100 + sub) × 100 + item``
(一、（二）3. → 10203)."""

from __future__ import annotations

import re

#: A task's number at the start of its paragraph, and the space after it. ``1.5万`` is no
#: opening: a full stop followed by a digit is a decimal point, unless a year or a month
#: follows it (``13.2024年6月底前完成…``, ``1.6月底前…``).
TASK_OPENING = re.compile(r"(?:[(（]\s*([0-9０-９]{1,4})\s*[)）]"
                          r"|([0-9０-９]{1,4})\s*[.．、]"
                          r"(?!(?!(?:19|20)[0-9]{2}\s*年|(?:1[0-2]|0?[1-9])\s*月)[0-9０-９]))"
                          r"[ \t\u3000]*")

#: ``（一）`` ``(二)``: an item numbered in Chinese numerals within parentheses.
PAREN_CHINESE = re.compile(r"[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）][ \t\u3000]*")
#: A table row flattened to text: its number, then a space or a tab (``33 新培育…``), or each
#: cell on a line of its own (``33`` / ``新培育…``).
ROW_OPENING = re.compile(r"([0-9０-９]{1,4})(?:[ \t\u3000]+|[ \t\u3000]*\n[ \t\u3000]*)"
                         r"(?=[^ \t\u3000\n0-9０-９%％.．年月日])")
#: The forms a task's number takes, by name: what the draft says it recognised.
FORMS = {"dotted": "1. 1． 1、", "paren": "(1) （1）", "chinese": "（一） (二)", "row": "33 (a table row)"}
#: Where numbering restarts in every section: a task's number is section × RESTART_BASE + item.
RESTART_BASE = 100

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_DIGITS["〇"] = 0
_DIGITS["两"] = 2

#: A Chinese numeral up to 99, as section headings write them: 一, 十, 十二, 二十三.
CHINESE_NUMBER = "[一二三四五六七八九十]{1,3}"


def opening(text: str) -> tuple[int, int, str] | None:
    """The number a paragraph opens with, where the words after it start, and its form
    (``dotted``, ``paren``, ``chinese``, ``row``: the keys of ``FORMS``), or None."""
    found = TASK_OPENING.match(text)
    if found is not None:
        return (int(found.group(1) or found.group(2)), found.end(),
                "dotted" if found.group(2) else "paren")
    found = PAREN_CHINESE.match(text)
    if found is not None:
        number = chinese_number(found.group(1))
        return (number, found.end(), "chinese") if number else None
    found = ROW_OPENING.match(text)
    if found is not None:
        return int(found.group(1)), found.end(), "row"
    return None


def task_opening(text: str) -> tuple[int, int] | None:
    """The number a paragraph opens with and where the words after it start, or None."""
    found = opening(text)
    return None if found is None else (found[0], found[1])


def restarted(section: int, item: int, sub: int | None = None) -> int:
    """The plan's number of item ``item`` of section ``section`` where numbering restarts in
    every section (二、3. → 203), or under every sub-heading (一、（二）3. → 10203)."""
    if sub is None:
        return section * RESTART_BASE + item
    return (section * RESTART_BASE + sub) * RESTART_BASE + item


def opens_as(number: int, section: int, written: int) -> bool:
    """Whether a task numbered ``number`` in the plan may open with ``written`` in the document:
    the same number, or its item number where numbering restarts in every section (or under
    every sub-heading of its section)."""
    if written == number:
        return True
    if written >= RESTART_BASE or number % RESTART_BASE != written:
        return False
    return number // RESTART_BASE == section or number // RESTART_BASE ** 2 == section


def in_words(number: float, text: str) -> bool:
    """Whether ``text`` writes ``number`` in Chinese numerals (新增三家 → 3)."""
    return any(chinese_number(m.group(0)) == number
               for m in re.finditer("[一二三四五六七八九十两]{1,3}", text))


def chinese_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23; None for anything else."""
    if not text or any(c not in _DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
