"""Tables of fixed-width columns: drawn line by line as Rich draws them, several times faster.

``kpi status`` prints some 160 rows of seven cells. Rich's ``Table`` renders every cell through
its general layout machinery (measure, pad, wrap, shape), ~0.1 ms a cell: 130 ms, the largest
cost of the command (the grid takes ~15 ms). Here the column widths are already known (the
caller sizes every column from its cells), so a line is the cells padded to their widths; only
a cell too long for a folding column goes through Rich's own ``Text.wrap``, so that it folds
exactly where Rich folds it.

``table`` returns these lines when the columns fit the terminal, and Rich's ``Table`` (built by
``rich_table`` from the same columns) when they do not: Rich then narrows columns by its own
rules. tests/test_grid.py checks that both print the same bytes, colours included.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Text

if TYPE_CHECKING:
    from rich.table import Table

#: Between two columns: a cell of padding, the (blank) rule of the box, a cell of padding.
GAP = 3


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    justify: Literal["left", "right"] = "left"
    fold: bool = False  # longer text folds onto more lines; else it ends in …
    #: A folding column's longer text is folded into lines of even length (华能储能 / 项目功率,
    #: not 华能储能项目功 / 率): as many lines as the width needs, none left with a character.
    balanced: bool = False


def width_of(columns: Sequence[Column]) -> int:
    return sum(c.width for c in columns) + GAP * (len(columns) - 1)


def rich_table(title: Text | None, columns: Sequence[Column], rows: Sequence[Sequence[Text]]) -> Table:
    """The table as Rich draws it: no edges, a rule under the header, the title on the left.
    (Rich's table module is imported here: the grid does without it, ~8 ms.)"""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False,
                  title=title, title_justify="left", expand=False)
    for c in columns:
        table.add_column(Text(c.header), width=c.width, justify=c.justify,
                         overflow="fold" if c.fold else "ellipsis", no_wrap=not c.fold)
    for row in rows:
        table.add_row(*row)
    return table


def _fits(columns: Sequence[Column], rows: Sequence[Sequence[Text]]) -> bool:
    """No cell of a column that does not fold holds a line break or a tab (Rich would draw it
    on two lines, or expand the tab)."""
    for i, c in enumerate(columns):
        if not c.fold:
            for row in rows:
                plain = row[i].plain
                if "\n" in plain or "\t" in plain:
                    return False
    return True


def _cell_lines(console: Console, text: Text, column: Column) -> list[Text]:
    """A cell's lines, each ``column.width`` wide, as Rich's ``Text.wrap`` and ``Lines.justify``
    make them: a longer line folds (a folding column) or ends in …; the spaces that pad it
    carry the text's own style, as Rich's do."""
    width = column.width
    if column.fold and (cell_len(text.plain) > width or "\n" in text.plain
                        or "\t" in text.plain):
        narrower = _balanced(text.plain, width) if column.balanced else width
        lines = list(text.wrap(console, narrower, justify=column.justify, overflow="fold"))
        if narrower < width:  # each line padded to the column, as Rich pads it
            for line in lines:
                line.pad_right(width - cell_len(line.plain))
        return lines
    line = text.copy()  # what Text.wrap does to a line that it need not divide, without it
    # (a column that does not fold is Rich's no_wrap: its trailing spaces count, and may end
    # the line in …)
    if column.justify == "right":
        line.rstrip()
        line.truncate(width, overflow="ellipsis")
        line.pad_left(width - cell_len(line.plain))
    else:
        line.truncate(width, overflow="ellipsis", pad=True)
    return [line]


def _balanced(plain: str, width: int) -> int:
    """The width that folds one line of ``plain`` into as many lines as ``width`` does, of
    about even length (at least the widest character, so that every one fits)."""
    if "\n" in plain or "\t" in plain or " " in plain:
        return width  # text with its own breaks: as Rich wraps it
    widest = max((cell_len(c) for c in plain), default=1)  # 2 cells for a Chinese character
    if width < widest:
        return width
    units = -(-cell_len(plain) // widest)  # in characters of the widest kind
    lines = -(-units // (width // widest))
    return min(width, -(-units // lines) * widest)


def _row(console: Console, cells: Sequence[Text], columns: Sequence[Column],
         style: str = "") -> list[Text]:
    """The printed lines of one row: the cells side by side, each with a cell of padding on
    its inner sides in ``style`` (the header's bold, as Rich pads it), blank below a short
    cell; between two cells the box's blank rule."""
    rendered = [_cell_lines(console, cell, column) for cell, column in zip(cells, columns, strict=True)]
    height = max(len(lines) for lines in rendered)
    last = len(columns) - 1
    out = []
    for n in range(height):
        line = Text()
        for i, (lines, column) in enumerate(zip(rendered, columns, strict=True)):
            if i:
                line.append(" ")  # the rule between columns, unstyled
                line.append(" ", style)
            line.append_text(lines[n] if n < len(lines) else Text(" " * column.width))
            if i < last:
                line.append(" ", style)
        out.append(line)
    return out


class Drawn:
    """Lines already drawn to fit: printed as they are, without Rich dividing them again."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        yield from self.text.render(console, end="\n")


def grid(console: Console, title: Text | None, columns: Sequence[Column],
         rows: Sequence[Sequence[Text]]) -> Drawn:
    """The lines ``rich_table`` draws, for columns that fit: title, header, rule, rows."""
    total = width_of(columns)
    lines = [] if title is None else list(title.wrap(console, total, justify="left",
                                                     overflow="fold"))
    header = [Text(c.header, style="table.header") for c in columns]
    lines += _row(console, header, columns, "table.header")
    lines.append(Text("─" * total))
    for row in rows:
        lines += _row(console, row, columns)
    return Drawn(Text("\n").join(lines))


def table(console: Console, title: Text | None, columns: Sequence[Column],
          rows: Sequence[Sequence[Text]]) -> RenderableType:
    """The table for ``console``: ``grid`` where it fits, else Rich's own."""
    if width_of(columns) <= console.width and _fits(columns, rows):
        return grid(console, title, columns, rows)
    return rich_table(title, columns, rows)
