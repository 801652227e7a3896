"""Text in a table cell that wraps where a reader would break it, at whatever width the table
gives (``linebreak``: never inside a number with its unit or a Latin word, nor before a closing
mark or after an opening one); a list of names only between its names. Only a piece wider than
the whole cell is folded."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from ..linebreak import cuts, may_break


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
        return may_break(plain, i)

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
        lines = self.text.divide(cuts(self.text.plain, options.max_width, self.may_break,
                                      cell_len))
        for line in lines:
            line.rstrip()
            line.remove_suffix("\n")
            if line.plain.startswith(" "):
                line = line[len(line.plain) - len(line.plain.lstrip(" ")):]
            yield line
