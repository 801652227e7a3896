"""Text in a table cell that wraps where a reader would break it, at whatever width the table
gives: never inside a number with its unit (``170家``, ``50.7%``) or a Latin word, nor before a
closing mark or after an opening one; a list of names only between its names. Only a
piece wider than the whole cell is folded."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

#: Marks a line may not start with (they close what is before them) or end with (they open).
CLOSING = set("、，。；：！？）》」』”’%,.;:!?)]}…·")
OPENING = set("（《「『“‘([{")
#: Characters that make a word or a number with its neighbours of the same kind.
_WORDY = set("0123456789.,%+-−/") | {chr(c) for c in range(ord("A"), ord("Z") + 1)} | {
    chr(c) for c in range(ord("a"), ord("z") + 1)}


def _text_break(plain: str, i: int) -> bool:
    """Whether a line of prose may break before ``plain[i]``."""
    a, b = plain[i - 1], plain[i]
    if a.isspace() or b.isspace():
        return True
    if b in CLOSING or a in OPENING:
        return False
    if a in _WORDY and b in _WORDY:
        return False
    # a number keeps the unit that follows it (个, 公里, 万亩: up to two characters)
    return not (a.isdigit() or (i >= 2 and plain[i - 2].isdigit() and a not in CLOSING))


class Wrapped:
    """``text`` (styles kept) wrapped at the breaks a reader expects, or only at ``breaks``
    (offsets into the text: between the names of a list, whatever the names hold)."""

    def __init__(self, text: Text, breaks: set[int] | None = None) -> None:
        self.text = text
        self.breaks = breaks

    def may_break(self, plain: str, i: int) -> bool:
        """Whether a line may break before ``plain[i]``."""
        if self.breaks is not None:
            return i in self.breaks
        return _text_break(plain, i)

    def pieces(self) -> list[str]:
        """The unbreakable pieces of each line (for the narrowest width the cell can take)."""
        plain = self.text.plain
        out: list[str] = []
        start = 0
        for i in range(1, len(plain) + 1):
            if i == len(plain) or plain[i] == "\n" or (plain[i - 1] != "\n"
                                                     and self.may_break(plain, i)):
                out.append(plain[start:i].strip("\n"))
                start = i
        return out

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(p.strip()) for p in self.pieces()), default=0)
        longest = max((cell_len(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(min(widest, options.max_width), min(longest, options.max_width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width)
        plain = self.text.plain
        cuts: list[int] = []
        start = 0  # where the current line starts
        used = 0  # its width so far
        last = -1  # the last place it may break
        i = 0
        while i < len(plain):
            ch = plain[i]
            if ch == "\n":
                cuts.append(i + 1)
                start, used, last = i + 1, 0, -1
                i += 1
                continue
            if i > start and self.may_break(plain, i):
                last = i
            size = cell_len(ch)
            if used + size > width and i > start:
                cut = last if last > start else i  # a piece wider than the cell is folded
                cuts.append(cut)
                start, last = cut, -1
                used = cell_len(plain[start:i])
                continue
            used += size
            i += 1
        lines = self.text.divide(cuts)
        for line in lines:
            line.rstrip()
            line.remove_suffix("\n")
            if line.plain.startswith(" "):
                line = line[len(line.plain) - len(line.plain.lstrip(" ")):]
            yield line
