"""The terminal writer of a ``Document`` (``document.py``): Rich renderables, built as Rich
``Text`` (data is never read as markup), each status word in its colour, the tables as the
monthly cycle's views draw them (``cycle_base.cycle_table``).

A column that wraps (``Column.wrap``: a label, a source) breaks where a reader would
(``wrapping.Wrapped``: never inside a number with its unit, nor before a closing mark); every
other column is kept whole (an id, a date, a figure, a department's name, a status), so that
on 80 columns the prose takes the lines. The blocks follow one another without blank lines.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table as RichTable
from rich.text import Text as RichText

from .cycle_base import cycle_table
from .document import Block, Cell, Document, Heading, Table, Text, shown
from .grid import GAP
from .labels import STYLE
from .wrapping import Wrapped

#: A cell's look (``Cell.style``) on a terminal.
CELL_STYLE = {"struck": "dim strike", "task": "italic", "muted": "dim"}
#: A sentence's look (``Text.kind``) on a terminal ("strong" is bold through its pieces).
TEXT_STYLE = {"note": "dim", "banner": "yellow", "warning": "bold red"}
#: The narrowest a wrapping column is made (a label of four Chinese characters).
MIN_WRAP = 8


def cell(c: Cell) -> RichText:
    """A cell: a status word in its colour, else in its style; its muted part dim."""
    style = STYLE[c.status] if c.status is not None else CELL_STYLE.get(c.style, "")
    out = RichText(c.text, style=style)
    if c.sub:
        out.append(c.sub, style="dim")
    return out


def text(t: Text) -> RichText:
    """A sentence: its bold stretches bold, then what follows it, each part in its own look."""
    out = RichText(style=TEXT_STYLE.get(t.kind, ""))
    for stretch, bold in t.own_pieces():
        out.append(stretch, style="bold" if bold else "")
    for c in t.then:
        out.append_text(cell(c))
    return out


def table(t: Table) -> RenderableType:
    """A table under its bold title; a table without rows that says so (``empty``), one line:
    ``status moves (0): none``."""
    title = RichText(t.title, style="bold") if t.title else None
    if not t.rows and t.empty:
        line = title.copy() if title is not None else RichText()
        line.append(f": {t.empty}" if title is not None else t.empty)
        return line
    return _Fitted(t, title)


class _Fitted:
    """A table drawn for the width it is printed at: the columns kept whole keep their width
    while the wrapping ones can still have ``MIN_WRAP`` cells; on a terminal too narrow for
    that, every column wraps where a reader would, so that none is cut off or squeezed out."""

    def __init__(self, t: Table, title: RichText | None) -> None:
        self.t, self.title = t, title
        self.cols = shown(t)
        self.cells = [[cell(row.cells[i]) for i in self.cols] for row in t.rows]

    def _natural(self, n: int) -> int:
        lines = [self.t.columns[self.cols[n]].head]
        lines += [line for row in self.cells for line in row[n].plain.split("\n")]
        return max(cell_len(line) for line in lines)

    def fits(self, width: int) -> bool:
        need = sum(min(MIN_WRAP, self._natural(n)) if self.t.columns[i].wrap
                   else self._natural(n) for n, i in enumerate(self.cols))
        return need + GAP * (len(self.cols) - 1) <= width

    def build(self, width: int) -> RichTable:
        every = not self.fits(width)  # too narrow: every column wraps
        out = cycle_table(title=self.title)
        wraps = [every or self.t.columns[i].wrap for i in self.cols]
        for i, wrap in zip(self.cols, wraps, strict=True):
            c = self.t.columns[i]
            out.add_column(RichText(c.head), justify="right" if c.num else "left",
                           no_wrap=not wrap, min_width=MIN_WRAP if c.wrap else None)
        for row in self.cells:
            out.add_row(*(Wrapped(text) if wrap else text
                          for text, wrap in zip(row, wraps, strict=True)))
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width)


def block(b: Block) -> RenderableType | None:
    """A block on a terminal (a chart: None, drawn by the HTML edition only)."""
    if isinstance(b, Heading):
        return RichText(b.text, style="bold")
    if isinstance(b, Text):
        return text(b)
    if isinstance(b, Table):
        return table(b)
    return None


def render(doc: Document) -> Group:
    """The document, top to bottom: its heading and the line under it, its warnings, then each
    part's heading and blocks (what is empty is left out)."""
    out: list[RenderableType] = []
    if doc.heading:
        out.append(RichText(doc.heading, style="bold"))
    if doc.meta:
        out.append(RichText(doc.meta))
    out += [RichText(banner, style=TEXT_STYLE["banner"]) for banner in doc.banners]
    for part in doc.parts:
        if part.heading:
            out.append(RichText(part.heading, style="bold"))
        out += [r for r in map(block, part.blocks) if r is not None]
    return Group(*out)
