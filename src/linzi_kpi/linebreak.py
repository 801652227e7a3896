"""Where a line of prose may break, Chinese and Latin alike, and the cuts that fit it to a width
in terminal cells: the one rule of the tables' cells (``render.wrapping``) and of ``--help``
(``cli.translated``). No Rich here: ``kpi --help`` measures with ``cells``."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

#: Marks a line may not start with (they close what is before them) or end with (they open).
CLOSING = set("、，。；：！？）》」』”’%,.;:!?)]}…·")
OPENING = set("（《「『“‘([{")
#: Characters that make a word or a number with its neighbours of the same kind.
_WORDY = set("0123456789.,%+-−/_") | {chr(c) for c in range(ord("A"), ord("Z") + 1)} | {
    chr(c) for c in range(ord("a"), ord("z") + 1)}


def may_break(plain: str, i: int) -> bool:
    """Whether a line of prose may break before ``plain[i]``: never inside a number with its
    unit (``170家``, ``50.7%``) or a Latin word, nor before a closing mark or after an opening
    one."""
    a, b = plain[i - 1], plain[i]
    if a.isspace() or b.isspace():
        return True
    if b in CLOSING or a in OPENING:
        return False
    if a in _WORDY and b in _WORDY:
        return False
    # a number keeps the unit that follows it (个, 公里, 万亩: up to two characters)
    return not (a.isdigit() or (i >= 2 and plain[i - 2].isdigit() and a not in CLOSING))


def cells(text: str) -> int:
    """The terminal cells ``text`` takes: two for a wide (East Asian) character, else one."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def is_wide(text: str) -> bool:
    """Whether ``text`` holds a wide character (where a width in characters is not one in
    cells)."""
    return any(unicodedata.east_asian_width(c) in "WF" for c in text)


def cuts(plain: str, width: int, breakable: Callable[[str, int], bool] = may_break,
         measure: Callable[[str], int] = cells) -> list[int]:
    """The offsets where ``plain`` is cut into lines of at most ``width`` cells: at its line
    ends, else at the last place ``breakable`` allows; a piece wider than the width is folded."""
    width = max(1, width)
    out: list[int] = []
    start = 0  # where the current line starts
    used = 0  # its width so far
    last = -1  # the last place it may break
    i = 0
    while i < len(plain):
        ch = plain[i]
        if ch == "\n":
            out.append(i + 1)
            start, used, last = i + 1, 0, -1
            i += 1
            continue
        if i > start and breakable(plain, i):
            last = i
        size = measure(ch)
        if used + size > width and i > start:
            cut = last if last > start else i
            out.append(cut)
            start, last = cut, -1
            used = measure(plain[start:i])
            continue
        used += size
        i += 1
    return out


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` cells, broken where a reader would break it,
    without the spaces at the breaks."""
    lines, at = [], 0
    for cut in [*cuts(text, width), len(text)]:
        lines.append(text[at:cut].strip(" \n"))
        at = cut
    return [line for line in lines if line] or [""]
