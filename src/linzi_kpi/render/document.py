"""A report as plain values — parts, headings, sentences, tables of cells with their status — and
the Markdown writer of it. The bulletin is built once as a ``Document`` (``bulletin_model.py``);
the HTML, Markdown and Word editions each write that one value, so they cannot drift apart.

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


@dataclass(frozen=True)
class Column:
    head: str
    num: bool = False  # right-aligned figures
    width: float = 1.0  # relative width in the Word edition
    html_only: bool = False  # a chart column: the other editions leave it out
    name: str = ""  # the HTML edition's class of the column


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    key: str = ""  # the target id a chart cell draws
    kind: str = ""  # the HTML edition's class of the row ("target", "total")


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Text:
    text: str
    kind: str = ""  # "", "note" (small, muted), "banner" (a warning)
    marked: bool = False  # ``**bold**`` marks in the text (kpi's own words only, never plan text)

    def pieces(self) -> list[tuple[str, bool]]:
        """The text as (stretch, bold) pieces; plan text is taken as written."""
        return pieces(self.text) if self.marked else [(self.text, False)]


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


def markdown(doc: Document) -> str:
    out = [f"# {md_cell(doc.heading)}", "", doc.meta, ""]
    for banner in doc.banners:
        out += [f"> **{md_text(banner)}**", ""]
    for part in doc.parts:
        out += [f"## {md_cell(part.heading)}", ""]
        for block in part.blocks:
            if isinstance(block, Heading):
                out += [f"### {md_cell(block.text)}", ""]
            elif isinstance(block, Text):
                out += [_md(block), ""]
            elif isinstance(block, Table):
                cols = shown(block)
                out.append("| " + " | ".join(md_cell(block.columns[i].head) for i in cols) + " |")
                out.append("|" + "|".join(" ---: " if block.columns[i].num else " --- "
                                          for i in cols) + "|")
                out += ["| " + " | ".join(md_cell(cell_text(row.cells[i])) for i in cols) + " |"
                        for row in block.rows]
                out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
