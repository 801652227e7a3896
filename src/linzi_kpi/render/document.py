"""A report as plain values — parts, headings, sentences, tables of cells with their status — and
the Markdown writer of it. The bulletin is built once as a ``Document`` (``bulletin_model.py``);
the HTML, Markdown and Word editions each write that one value, so they cannot drift apart.
The views of ``kpi changes``, ``kpi history`` and ``kpi status`` are built as a ``Document`` too:
their Markdown is written here, their tables on a terminal by ``terminal.py``.

A text of kpi's own words may mark a bold stretch with ``**`` (``Text.marked``); every writer
turns that into its own bold and escapes the rest. Charts are named, not drawn: the HTML
edition draws them (``Chart``, and a cell's ``visual``), the others write the text beside them
or leave them out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..enums import Status
from .markdown import md_text
from .standing import md_cell


@dataclass(frozen=True)
class Cell:
    text: str
    status: Status | None = None  # a status word, shown in its colour
    visual: str = ""  # a chart the HTML edition draws in place of the text ("progress", "trend")
    sub: str = ""  # a muted second part ("/ 3")
    #: How a terminal shows it: "" as it is, "struck" (a figure that no longer counts: struck
    #: out and dim; its words say so too), "task" (a task's line: italic), "muted" (dim).
    #: The other editions write the text alone.
    style: str = ""
    #: A progress bar a terminal draws after the text, as wide as its width affords:
    #: (the share done, 序时进度 marked in it, or None). The other editions write the text alone.
    bar: tuple[float | None, float | None] | None = None


@dataclass(frozen=True)
class Column:
    head: str
    num: bool = False  # right-aligned figures
    width: float = 1.0  # relative width in the Word edition
    html_only: bool = False  # a chart column: the other editions leave it out
    name: str = ""  # the HTML edition's class of the column
    #: On a terminal, the column's text may wrap where a reader breaks a line (a label, a
    #: source: ``wrapping.py``); else it is kept whole (an id, a date, a figure, a name, a status).
    wrap: bool = False
    status: Status | None = None  # a status's column: its head in that status's colour


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    key: str = ""  # the target id a chart cell draws
    kind: str = ""  # the HTML edition's class of the row ("target", "total")
    #: The whole row in a status's colour (a department's worst); its words say the same.
    status: Status | None = None


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    title: str = ""  # its own heading, written as a Heading before it is (a terminal's title)
    empty: str = ""  # what it says in place of no rows ("none"): then it has no header either
    #: What follows the title, each part in its own look (as ``Text.then``): ": 预警 1 · 正常 2".
    then: tuple[Cell, ...] = ()

    def heading(self) -> str:
        """The title and what follows it, as words."""
        return self.title + "".join(cell_text(c) for c in self.then)


@dataclass(frozen=True)
class Text:
    text: str
    #: "", "note" (small, muted), "banner" (a warning), "strong" (bold throughout: a report's
    #: first line, which may hold plan text), "warning" (a warning below a report)
    kind: str = ""
    marked: bool = False  # ``**bold**`` marks in the text (kpi's own words only, never plan text)
    #: What follows the text, each part in its own look: a status word in its colour (a
    #: terminal's; the other editions write the words alone), a muted or struck-out stretch.
    then: tuple[Cell, ...] = ()

    def own_pieces(self) -> list[tuple[str, bool]]:
        """The text itself (not ``then``) as (stretch, bold) pieces; plan text as written."""
        found = pieces(self.text) if self.marked else [(self.text, False)]
        return [(t, True) for t, _ in found] if self.kind == "strong" else found

    def pieces(self) -> list[tuple[str, bool]]:
        """The text and what follows it as (stretch, bold) pieces, for a writer without colour."""
        return self.own_pieces() + [(cell_text(c), False) for c in self.then if cell_text(c)]


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Chart:
    kind: str  # "overall", "sections", "legend": drawn by the HTML edition only


Block = Text | Heading | Table | Chart


@dataclass(frozen=True)
class Part:
    id: str
    heading: str
    blocks: tuple[Block, ...]
    brief: bool = True  # in the Word edition (False: the screen's detail only)


@dataclass(frozen=True)
class Document:
    lang: str
    title: str  # the window / document title
    heading: str  # the H1
    meta: str  # the line under it
    parts: tuple[Part, ...]
    #: Warnings above everything, one paragraph each: lines left out (--allow-problems), figures
    #: two sources disagree on (两个来源数值不同).
    banners: tuple[str, ...] = ()
    footer: str = ""
    brief_footer: str = ""  # the Word edition's, where the footer speaks of the page's charts
    names: dict[str, str] = field(default_factory=dict)  # words a writer needs (html_lang …)


BOLD = re.compile(r"\*\*(.+?)\*\*")


def pieces(text: str) -> list[tuple[str, bool]]:
    """The text as (stretch, bold) pieces."""
    out: list[tuple[str, bool]] = []
    at = 0
    for m in BOLD.finditer(text):
        if m.start() > at:
            out.append((text[at:m.start()], False))
        out.append((m.group(1), True))
        at = m.end()
    if at < len(text):
        out.append((text[at:], False))
    return out


def cell_text(cell: Cell) -> str:
    return cell.text + cell.sub


def shown(table: Table) -> list[int]:
    """The columns every edition writes (not the HTML edition's chart columns)."""
    return [i for i, c in enumerate(table.columns) if not c.html_only]


# ---------------------------------------------------------------- Markdown


def _md(text: Text) -> str:
    return "".join(f"**{md_text(t)}**" if bold else md_text(t) for t, bold in text.pieces())


def _md_block(block: Block) -> list[str]:
    """A block's Markdown lines, and the blank line after it."""
    if isinstance(block, Heading):
        return [f"### {md_cell(block.text)}", ""]
    if isinstance(block, Text):
        return [f"> **{_md(block)}**" if block.kind == "banner" else _md(block), ""]
    if not isinstance(block, Table):
        return []  # a chart: drawn by the HTML edition only
    out = [f"### {md_cell(block.heading())}", ""] if block.title else []
    if not block.rows and block.empty:
        return [*out, md_text(block.empty), ""]
    cols = shown(block)
    out.append("| " + " | ".join(md_cell(block.columns[i].head) for i in cols) + " |")
    out.append("|" + "|".join(" ---: " if block.columns[i].num else " --- " for i in cols) + "|")
    out += ["| " + " | ".join(md_cell(cell_text(row.cells[i])) for i in cols) + " |"
            for row in block.rows]
    return [*out, ""]


def markdown(doc: Document) -> str:
    """The document as Markdown; a view without a heading, a line under it or a part's heading
    (``kpi changes``) starts at its first block."""
    out = [f"# {md_cell(doc.heading)}", ""] if doc.heading else []
    if doc.meta:
        out += [doc.meta, ""]
    for banner in doc.banners:
        out += [f"> **{md_text(banner)}**", ""]
    for part in doc.parts:
        if part.heading:
            out += [f"## {md_cell(part.heading)}", ""]
        for block in part.blocks:
            out += _md_block(block)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
