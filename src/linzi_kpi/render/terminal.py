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
from .standing import BAR_WIDTH, bar
from .status import bar_width
from .wrapping import Wrapped

#: A cell's look (``Cell.style``) on a terminal.
CELL_STYLE = {"struck": "dim strike", "task": "italic", "muted": "dim"}
#: A sentence's look (``Text.kind``) on a terminal ("strong" is bold through its pieces).
TEXT_STYLE = {"note": "dim", "banner": "yellow", "warning": "bold red"}
#: The narrowest a wrapping column is made while the table can afford it (four Chinese
#: characters), and the narrowest when it cannot (a longer piece then folds).
MIN_WRAP = 8
MIN_FOLD = 6


def cell(c: Cell, bar_cells: int = BAR_WIDTH) -> RichText:
    """A cell: a status word in its colour, else in its style; its muted part dim; its bar
    (``Cell.bar``) ``bar_cells`` wide after its figure, as the status report draws it."""
    style = STYLE[c.status] if c.status is not None else CELL_STYLE.get(c.style, "")
    words = c.text if c.bar is None else f"{c.text:>6} {bar(c.bar[0], bar_cells, c.bar[1])}"
    out = RichText(words, style=style)
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
    """A table under its bold title (and what follows the title, each part in its look); a
    table without rows that says so (``empty``), one line: ``status moves (0): none``."""
    title = None
    if t.title:
        title = RichText(t.title, style="bold")
        for c in t.then:
            title.append_text(cell(c))
    if not t.rows and t.empty:
        line = title.copy() if title is not None else RichText()
        line.append(f": {t.empty}" if title is not None else t.empty)
        return line
    return _Fitted(t, title)


def _split(head: str) -> str:
    """A head over as many lines as it has words (off / track)."""
    return head.replace(" ", "\n")


class _Fitted:
    """A table drawn for the width it is printed at, its bars as wide as that width affords
    (``status.bar_width``). Where it is wider than that, the columns kept whole keep their
    width and the wrapping ones share what is left, each at least ``MIN_WRAP`` cells and its
    widest unbreakable piece, the heads first on one line, else a word to a line (off / track);
    failing that, at least ``MIN_FOLD`` cells (a longer piece folds); on a terminal too narrow
    even for that, every column wraps where a reader would, so that none is cut off or
    squeezed out."""

    def __init__(self, t: Table, title: RichText | None) -> None:
        self.t, self.title = t, title
        self.cols = shown(t)
        self.wraps = [t.columns[i].wrap for i in self.cols]
        self.bars = [any(row.cells[i].bar is not None for row in t.rows) for i in self.cols]
        self.heads = [t.columns[i].head for i in self.cols]

    def layout(self, width: int) -> tuple[list[list[RichText]], list[int] | None, bool, bool]:
        """The cells at ``width``, each column's width (None: as Rich sizes them), whether the
        heads take a word to a line, and whether every column wraps."""
        cells = [[cell(row.cells[i], bar_width(width)) for i in self.cols] for row in self.t.rows]
        body = [max((cell_len(line) for row in cells for line in row[n].plain.split("\n")),
                    default=0) for n in range(len(self.cols))]
        # a wrapping column is no narrower than its widest piece, nor than a word of its head
        piece = [max([cell_len(p) for row in cells for p in Wrapped(row[n]).pieces()]
                     + [cell_len(w) for w in head.split()], default=1) if wrap else 0
                 for n, (wrap, head) in enumerate(zip(self.wraps, self.heads, strict=True))]
        room = width - GAP * (len(self.cols) - 1)
        naturals = {split: [max(b, *(cell_len(w) for w in (_split(h) if split else h).split("\n")))
                            for b, h in zip(body, self.heads, strict=True)]
                    for split in (False, True)}
        if sum(naturals[False]) <= room:
            return cells, None, False, False
        if sum(naturals[True]) <= room:
            return cells, None, True, False
        for fold, split in ((False, False), (False, True), (True, False), (True, True)):
            widths = self.widths(naturals[split], piece, room, fold)
            if widths is not None:
                return cells, widths, split, False
        return cells, None, True, True

    def widths(self, natural: list[int], piece: list[int], room: int,
               fold: bool) -> list[int] | None:
        """Each column's width in ``room`` cells, the wrapping ones at least ``MIN_WRAP`` cells
        and their widest piece (``fold``: ``MIN_FOLD`` cells); None where that does not fit."""
        floors = ([min(MIN_FOLD, w) for w in natural] if fold else
                  [max(min(MIN_WRAP, w), p) for w, p in zip(natural, piece, strict=True)])
        widths = [floors[n] if wrap else natural[n] for n, wrap in enumerate(self.wraps)]
        spare = room - sum(widths)
        if spare < 0:
            return None
        # whole first the columns that lack least (a label a cell too narrow), then the rest
        # a cell at a time to the one that would take the most lines
        for n in sorted((n for n, wrap in enumerate(self.wraps) if wrap),
                        key=lambda n: natural[n] - widths[n]):
            if natural[n] - widths[n] <= spare:
                spare -= natural[n] - widths[n]
                widths[n] = natural[n]
        while spare > 0:
            lacking = [n for n, wrap in enumerate(self.wraps) if wrap and widths[n] < natural[n]]
            if not lacking:
                break
            widths[max(lacking, key=lambda n: natural[n] / widths[n])] += 1
            spare -= 1
        return widths

    def build(self, width: int) -> RichTable:
        cells, widths, split, every = self.layout(width)
        wraps = [every or wrap for wrap in self.wraps]
        out = cycle_table()
        for n, (i, wrap) in enumerate(zip(self.cols, wraps, strict=True)):
            c = self.t.columns[i]
            head = RichText(_split(c.head) if split else c.head,
                            style=STYLE[c.status] if c.status is not None else "")
            # a column of bars is flush left, as its bars are
            right = c.num and not self.bars[n]
            out.add_column(head, justify="right" if right else "left", no_wrap=not wrap,
                           overflow="fold", width=None if widths is None else widths[n])
        for row, texts in zip(self.t.rows, cells, strict=True):
            out.add_row(*(Wrapped(text) if wrap else text
                          for text, wrap in zip(texts, wraps, strict=True)),
                        style=STYLE[row.status] if row.status is not None else None)
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.title is not None:  # a line of its own, not folded to the table's width
            yield self.title
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
