"""How a plan document numbers its tasks and sections: ``1.`` ``1．`` ``1、`` ``(1)`` ``（1）``,
and ``一、`` … ``十二、``. One owner for the rule, asked by ``kpi validate`` (a task's text opens
with its number) and by ``kpi draft`` (which lines open a task or a section)."""

from __future__ import annotations

import re

#: A task's number at the start of its paragraph, and the space after it. ``1.5万`` is no
#: opening: a full stop followed by a digit is a decimal point.
TASK_OPENING = re.compile(r"(?:[(（]\s*([0-9０-９]{1,4})\s*[)）]"
                          r"|([0-9０-９]{1,4})\s*[.．、](?![0-9０-９]))[ \t\u3000]*")

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_DIGITS["〇"] = 0
_DIGITS["两"] = 2

#: A Chinese numeral up to 99, as section headings write them: 一, 十, 十二, 二十三.
CHINESE_NUMBER = "[一二三四五六七八九十]{1,3}"


def task_opening(text: str) -> tuple[int, int] | None:
    """The number a paragraph opens with and where the words after it start, or None."""
    found = TASK_OPENING.match(text)
    if found is None:
        return None
    return int(found.group(1) or found.group(2)), found.end()


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
