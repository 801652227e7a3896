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
#: The narrowest a wrapping column is made while the table can afford it (four Chinese
#: characters), and the narrowest when it cannot (a longer piece then folds).
MIN_WRAP = 8
MIN_FOLD = 6


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
    """A table drawn for the width it is printed at. Where it is wider than that, the columns
    kept whole keep their width and the wrapping ones share what is left, each at least
    ``MIN_WRAP`` cells and its widest unbreakable piece; failing that, at least ``MIN_FOLD``
    cells (a longer piece folds); on a terminal too narrow even for that, every column wraps
    where a reader would, so that none is cut off or squeezed out."""

    def __init__(self, t: Table, title: RichText | None) -> None:
        self.t, self.title = t, title
        self.cols = shown(t)
        self.wraps = [t.columns[i].wrap for i in self.cols]
        self.cells = [[cell(row.cells[i]) for i in self.cols] for row in t.rows]
        heads = [t.columns[i].head for i in self.cols]
        self.natural = [max(cell_len(line) for text in [head, *(row[n].plain for row in self.cells)]
                            for line in text.split("\n"))
                        for n, head in enumerate(heads)]
        self.piece = [max((cell_len(p) for row in self.cells for p in Wrapped(row[n]).pieces()),
                          default=1) if wrap else 0 for n, wrap in enumerate(self.wraps)]

    def widths(self, width: int) -> list[int] | None:
        """Each column's width at ``width`` cells; None: as Rich sizes them (they fit, or, too
        narrow, every column wraps)."""
        room = width - GAP * (len(self.cols) - 1)
        if sum(self.natural) <= room:
            return None
        whole = [max(min(MIN_WRAP, w), piece) for w, piece in zip(self.natural, self.piece,
                                                                   strict=True)]
        folded = [min(MIN_FOLD, w) for w in self.natural]
        for floors in (whole, folded):
            widths = [floors[n] if wrap else self.natural[n] for n, wrap in enumerate(self.wraps)]
            spare = room - sum(widths)
            if spare < 0:
                continue
            # whole first the columns that lack least (a label a cell too narrow), then the
            # rest a cell at a time to the one that would take the most lines
            for n in sorted((n for n, wrap in enumerate(self.wraps) if wrap),
                            key=lambda n: self.natural[n] - widths[n]):
                if self.natural[n] - widths[n] <= spare:
                    spare -= self.natural[n] - widths[n]
                    widths[n] = self.natural[n]
            while spare > 0:
                lacking = [n for n, wrap in enumerate(self.wraps)
                           if wrap and widths[n] < self.natural[n]]
                if not lacking:
                    break
                widths[max(lacking, key=lambda n: self.natural[n] / widths[n])] += 1
                spare -= 1
            return widths
        return None

    def build(self, width: int) -> RichTable:
        widths = self.widths(width)
        every = widths is None and sum(self.natural) + GAP * (len(self.cols) - 1) > width
        wraps = [every or wrap for wrap in self.wraps]
        out = cycle_table(title=self.title)
        for n, (i, wrap) in enumerate(zip(self.cols, wraps, strict=True)):
            c = self.t.columns[i]
            out.add_column(RichText(c.head), justify="right" if c.num else "left",
                           no_wrap=not wrap, width=None if widths is None else widths[n])
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
