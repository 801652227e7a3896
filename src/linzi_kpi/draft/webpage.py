"""A plan published as a web page (.html, .htm, or text that is plainly one) → the text the
drafter reads, through the standard library's ``html.parser``: a paragraph, heading, list item
or ``<br>`` ends a line; a data table is a row per line, its cells parted by tabs (``grid``:
``colspan`` once, ``rowspan`` in each row it spans), as a Word table is read; a table that lays
the page out (one cell a row, or tables inside its cells) gives its cells' lines in turn; the
site's chrome (scripts, styles, the head, navigation, menus, breadcrumbs, footers, what is
hidden) is left out; entities are decoded. Bounded: a page of more than ``TAGS_CAP`` tags, or
elements nested deeper than ``DEPTH_CAP``, or a table of more than ``TABLE_CELLS`` cells, is
refused, so that any page under the 16 MB cap is read or refused in seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..errors import KpiError
from ..i18n import _
from .grid import Merge, table_lines

#: How deep elements may nest: a page of a plan nests a few dozen; browsers stop at 512.
DEPTH_CAP = 512
#: The most tags a page may hold: a plan's page, even one Word saved, holds a few ten thousand.
TAGS_CAP = 200_000
#: The most cells a table may lay out (its spans counted): a 任务分解表 has a few thousand.
TABLE_CELLS = 2_000_000

#: Elements whose start and end end a line.
BLOCK = frozenset({
    "address", "article", "blockquote", "caption", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "legend", "li", "main", "ol", "p", "pre", "section", "summary", "ul"})
#: Elements whose content is no text of the document.
SKIPPED = frozenset({
    "aside", "audio", "button", "canvas", "embed", "footer", "head", "iframe", "map", "math",
    "nav", "noscript", "object", "script", "select", "style", "svg", "template", "textarea",
    "title", "video"})
#: Elements that never hold content (no end tag).
VOID = frozenset({"area", "base", "basefont", "br", "col", "embed", "hr", "img", "input",
                  "keygen", "link", "meta", "param", "source", "track", "wbr"})
#: Elements a start tag of the same name closes (their end tag is optional).
SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "option"})
#: A class or id that names the site's chrome, not the document: one of its names holding one
#: of ``CHROME_PARTS`` between hyphens (main-nav, site_footer), or one of ``CHROME_NAMES``
#: whole (header, but not article-header).
CHROME_PARTS = frozenset({"nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
                          "footer", "topbar", "sidebar", "share", "copyright", "banner",
                          "toolbar", "skip", "print"})
CHROME_NAMES = frozenset({"header", "head", "top-bar", "top", "foot", "bottom"})
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
#: A run of white space that holds a line end, between two wide characters, is no space
#: (a page's source wrapped inside a Chinese sentence); any other run is one space.
_BREAK = "\x00"
_WIDE = "[^\x00-\u02ff]"


@dataclass
class _Sink:
    """Lines of text as they are written: the page's, or a table cell's."""

    lines: list[str] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)

    def end_line(self, blank: bool = False) -> None:
        line = _tidy("".join(self.pieces))
        self.pieces.clear()
        if line or (blank and self.lines and self.lines[-1]):
            self.lines.append(line)

    def text(self) -> str:
        self.end_line()
        return "\n".join(line for line in self.lines if line)


@dataclass
class _Cell(_Sink):
    across: int = 1
    down: int = 1


@dataclass
class _Table:
    rows: list[list[_Cell]] = field(default_factory=list)
    layout: bool = False  # a table inside one of its cells: it lays the page out
    depth: int = 0  # the depth of the open elements at its start


def _tidy(line: str) -> str:
    line = re.sub(f"(?<={_WIDE})[ ]*{_BREAK}[{_BREAK} ]*(?={_WIDE})", "", line)
    line = re.sub(f"[ {_BREAK}]+", " ", line)
    return line.strip(" \u3000")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Sink()
        self.sinks: list[_Sink] = [self.page]  # the page, and the cells open inside it
        self.tables: list[_Table] = []
        self.open: list[tuple[str, bool]] = []  # the open elements, each with whether it skips
        self.counts: dict[str, int] = {}
        self.skipping = 0
        self.pre = 0

    # ------------------------------------------------------------------ elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self._void(tag, attrs)
            return
        if tag in SELF_CLOSING and self.open and self.open[-1][0] == tag:
            self._close(tag)
        elif tag in ("td", "th", "tr"):
            self._close_cells(tag)
        skip = tag in SKIPPED or _chrome(attrs)
        self.open.append((tag, skip))
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if len(self.open) > DEPTH_CAP:
            raise KpiError(_("the page nests its elements more than {cap} deep, far beyond a "
                             "document").format(cap=DEPTH_CAP))
        self.skipping += skip
        if self.skipping:
            return
        self._start(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self._void(tag, attrs)
        else:  # <div/>: an element without content
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # </br>, as browsers read it
            self._void(tag, [])
        elif self.counts.get(tag):
            self._close(tag)
        elif tag in ("body", "html"):
            while self.open:
                self._close(self.open[-1][0])
        elif tag == "p" and not self.skipping:  # </p> without <p>: an empty paragraph
            self.sink.end_line()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.pre:
            lines = data.replace("\r\n", "\n").split("\n")
            for i, line in enumerate(lines):
                if i:
                    self.sink.end_line()
                self.sink.pieces.append(line.replace("\t", " "))
            return
        self.sink.pieces.append(re.sub(r"[ \t\f\r\n\xa0]*[\r\n][ \t\f\r\n\xa0]*", _BREAK,
                                       data).replace("\t", " ").replace("\xa0", " "))

    def _void(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            return
        if tag == "br":
            self.sink.end_line(blank=not self.sink.pieces)
        elif tag == "hr":
            self.sink.end_line()
        elif tag == "img":  # an image's words stand for it where it stands in the text
            alt = dict(attrs).get("alt") or ""
            if alt.strip() and not re.fullmatch(r"[\w.-]+\.(?:png|jpe?g|gif)", alt.strip()):
                self.sink.pieces.append(alt)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK:
            self.sink.end_line()
            if tag == "pre":
                self.pre += 1
        elif tag == "table":
            self.sink.end_line()
            if self.tables and isinstance(self.sink, _Cell):
                self.tables[-1].layout = True
            self.tables.append(_Table(depth=len(self.open)))
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables:
            table = self.tables[-1]
            if not table.rows:
                table.rows.append([])
            values = dict(attrs)
            cell = _Cell(across=_span(values.get("colspan"), 1000),
                         down=_span(values.get("rowspan"), 65534))
            table.rows[-1].append(cell)
            self.sinks.append(cell)

    def _close(self, tag: str) -> None:
        """Close the open elements down to the last ``tag``, as browsers do for a misnested end."""
        while self.open:
            name, skip = self.open.pop()
            self.counts[name] -= 1
            if not self.skipping:
                self._end(name)
            self.skipping -= skip
            if name == tag:
                break

    def _close_cells(self, tag: str) -> None:
        """A new cell closes the open cell of its table, a new row its open row and cell."""
        if not self.tables or self.skipping:
            return
        depth = self.tables[-1].depth  # the elements inside the table are open[depth:]
        inside = range(depth, len(self.open))
        names = ("td", "th") if tag != "tr" else ("td", "th", "tr")
        found = [i for i in inside if self.open[i][0] in names]
        if found:
            self._close_to(found[-1] if tag != "tr" else found[0])

    def _close_to(self, index: int) -> None:
        while len(self.open) > index:
            self._close(self.open[-1][0])

    def _end(self, tag: str) -> None:
        if tag in BLOCK:
            self.sink.end_line()
            if tag == "pre":
                self.pre -= 1
        elif tag in ("td", "th") and len(self.sinks) > 1:
            self.sink.end_line()
            self.sinks.pop()
        elif tag == "table" and self.tables:
            table = self.tables.pop()
            self.sink.end_line()
            self.sink.lines.extend(_table_text(table))

    @property
    def sink(self) -> _Sink:
        return self.sinks[-1]

    def finish(self) -> str:
        self.close()
        while self.open:
            self._close(self.open[-1][0])
        while self.tables:  # a table never closed
            self._end("table")
        return self.page.text()


def _chrome(attrs: list[tuple[str, str | None]]) -> bool:
    """Whether an element is the site's chrome or hidden: its class, id or role says so."""
    values = dict(attrs)
    if "hidden" in values or values.get("aria-hidden") == "true":
        return True
    if values.get("role") in ("navigation", "banner", "contentinfo", "search"):
        return True
    if _HIDDEN.search(values.get("style") or ""):
        return True
    for key in ("class", "id"):
        for name in (values.get(key) or "").lower().split():
            if name in CHROME_NAMES or not CHROME_PARTS.isdisjoint(re.split("[-_]", name)):
                return True
    return False


def _span(value: str | None, most: int) -> int:
    try:
        return min(max(int((value or "1").strip()), 1), most)
    except ValueError:
        return 1


def _table_text(table: _Table) -> list[str]:
    """A closed table's lines: a row per line (a data table), or each cell's lines in turn."""
    rows = [row for row in table.rows if row]
    if table.layout or max((len(row) for row in rows), default=0) <= 1:
        return [line for row in rows for cell in row for line in cell.text().split("\n") if line]
    # lay the cells out as a browser does: a cell spanning rows takes its column in those below
    height = len(rows)
    taken: set[tuple[int, int]] = set()
    grid: list[list[str]] = [[] for _ in rows]
    merges: list[Merge] = []
    budget = TABLE_CELLS
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            down = min(cell.down, height - r)
            budget -= down * cell.across
            if budget < 0:
                raise KpiError(_("a table of the page spans more than {cap} cells, far beyond a "
                                 "plan document").format(cap=f"{TABLE_CELLS:,}"))
            for i in range(r, r + down):
                for j in range(c, c + cell.across):
                    taken.add((i, j))
                    line = grid[i]
                    line.extend([""] * (j + 1 - len(line)))
            grid[r][c] = cell.text()
            if down > 1 or cell.across > 1:
                merges.append((r, c, r + down - 1, c + cell.across - 1))
            c += cell.across
    return table_lines(grid, merges)


def page_text(html: str) -> str:
    """The text of a page (its markup as text), ready to draft."""
    html = _defused(re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", html))
    if html.count("<") > TAGS_CAP:  # (each < left opens a tag)
        raise KpiError(_("the page holds more than {cap} tags, far beyond a plan document")
                       .format(cap=f"{TAGS_CAP:,}"))
    page = _Page()
    page.feed(html)
    return page.finish() + "\n"


#: A ``<`` that opens no tag closed before the next ``<``: text, written as the entity.
_LONE = re.compile(r"<(?![A-Za-z/!?][^<>]*>)")


def _defused(html: str) -> str:
    """The page without its comments, and with every ``<`` that opens no tag closed before the
    next ``<`` written as ``&lt;`` (as a browser shows it: text). ``html.parser`` looks for the
    end of an unclosed tag to the end of the page, once for each such ``<`` (minutes for a page
    of 60 KB of ``<a``); so made, every tag it meets ends at its first ``>``. Both in one pass
    each: a comment never closed takes the rest of the page, as in a browser."""
    kept: list[str] = []
    at = 0
    while (start := html.find("<!--", at)) >= 0:
        kept.append(html[at:start])
        end = html.find("-->", start + 4)
        at = len(html) if end < 0 else end + 3
    kept.append(html[at:])
    return _LONE.sub("&lt;", "".join(kept))


#: What marks text as a web page: a doctype or an <html> element first (after an XML
#: declaration or comments).
_PAGE = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
                   re.IGNORECASE | re.DOTALL)


def is_page(raw: bytes) -> bool:
    """Whether a document's bytes are plainly an HTML page."""
    return _PAGE.match(raw[:4096].removeprefix(b"\xef\xbb\xbf")) is not None
