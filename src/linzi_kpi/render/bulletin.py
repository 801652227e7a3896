"""The HTML writer of a report ``Document`` (the bulletin, a department's page): one
self-contained page, with the charts the document names drawn from the ``Bulletin``'s figures.
``html`` and ``markdown`` write the bulletin (``bulletin_model.build``).

The page needs nothing from the network and no JavaScript: styles sit in one ``<style>``, charts
are inline SVG, fonts are the reader's own. Colour is never the only signal: every coloured
mark carries its label or count in text beside it, and ``<title>`` inside each SVG shape.
It reads at any width (cards in rows on a phone, each table scrolling in its own box) and prints
on A4 (``@page``), with colours kept and headings kept with what follows them.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from ..compute.bulletin import Bulletin
from ..compute.history import History, position, spark_range
from ..enums import Kind, Rule, Status
from ..grading import SEVERITY
from . import document
from .bulletin_model import SHOWN, build, rate_cell
from .bulletin_words import WORDS
from .document import Block, Cell, Chart, Column, Document, Heading, Row, Table, Text
from .labels import INK, STATUS
from .numbers import figure
from .standing import percent, section_heading

ZH = STATUS["zh"]

#: Status colours: dark-to-light greens for the good, amber, reds for the bad, grey for none.
COLOUR = {Status.met: "#1a7f37", Status.on_track: "#57ab5a", Status.at_risk: "#d4a72c",
          Status.off_track: "#e5534b", Status.missed: "#8e1519", Status.no_data: "#a8aeb4"}


CSS = """
:root { --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --soft: #f6f8fa; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       "WenQuanYi Micro Hei", "Noto Sans SC", sans-serif; color: var(--ink); font-size: 14px;
       line-height: 1.5; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; padding: 24px 32px; max-width: 1120px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta { color: var(--muted); margin: 0; }
.banner { border: 2px solid #b42318; color: #b42318; padding: 6px 10px; font-weight: bold; }
.cards { display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 8px; margin: 12px 0; }
.card { min-width: 0; border: 1px solid var(--rule); border-left: 6px solid; border-radius: 4px;
        padding: 6px 10px; background: var(--soft); white-space: nowrap; overflow: hidden; }
.card .n { display: block; font-size: 26px; font-weight: 700; line-height: 1.2; }
.card .l { font-weight: 600; }
.card .p { color: var(--muted); margin-left: 6px; }
.flag { color: #8e1519; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 6px; text-align: left; vertical-align: middle; }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.id { white-space: nowrap; font-variant-numeric: tabular-nums; }
.status { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 12px;
          white-space: nowrap; }
.status.s-at_risk, .status.s-no_data { color: #1f2328; }
.sub { color: var(--muted); font-size: 12px; }
.muted, del, .empty { color: var(--muted); }
.mini-bar { position: relative; display: inline-block; width: 60px; height: 8px; margin-left: 6px;
            background: var(--rule); vertical-align: 0; }
.mini-bar i { position: absolute; left: 0; top: 0; bottom: 0; background: var(--ink); }
.mini-bar b { position: absolute; top: -2px; bottom: -2px; width: 2px; background: #d4a72c; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 4px 0 8px; padding: 0; list-style: none; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; }
#targets table { table-layout: fixed; }
#targets col.id { width: 52px; } #targets col.actual { width: 128px; }
#targets col.bar { width: 164px; } #targets col.pct { width: 52px; }
#targets col.st { width: 66px; } #targets col.trend { width: 132px; }
svg { display: block; }
svg text { font-family: inherit; }
.note { color: var(--muted); font-size: 12px; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--rule);
         padding-top: 8px; }
@media print, (max-width: 900px) {
  #targets col.actual { width: 100px; } #targets col.bar { width: 106px; }
  #targets col.trend { width: 96px; } #targets col.pct { width: 46px; }
  svg.progress { width: 100px; height: auto; } svg.trend { width: 90px; height: auto; }
}
.tbl { max-width: 100%; overflow-x: auto; }
td { overflow-wrap: break-word; }
@media (max-width: 720px) {
  body { padding: 12px 10px; }
  h1 { font-size: 19px; }
  .cards { grid-template-columns: repeat(3, minmax(0, 1fr)); }
  .card { white-space: normal; overflow: visible; }
  .card .p { display: block; margin-left: 0; }
  .tbl table { min-width: 560px; }
  .tbl td:nth-child(2), .t-departments td:first-child, .t-unreported td:first-child {
    min-width: 7em; }
  #targets .tbl table { min-width: 700px; }
  .tbl { border-right: 1px dashed var(--rule); }
}
@media (max-width: 380px) { .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  html { font-size: 10pt; }
  body { padding: 0; max-width: none; }
  .cards { gap: 5px; } .card { padding: 4px 6px; } .card .n { font-size: 18px; }
  .card .p { margin-left: 3px; }
  h2, h3 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
  h2 + p, h2 + .tbl, h3 + .tbl, h2 + p + h3 { break-before: avoid; page-break-before: avoid; }
  h2 + p.note { break-after: avoid; page-break-after: avoid; }
  .tbl { overflow: visible; border: 0; }
  tr, .card, svg, .legend { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


# ---------------------------------------------------------------- SVG pieces


def stacked_bar(counts: dict[Status, int], width: float, height: int, scale: float,
                x0: float = 0, y0: float = 0, labels: bool = True, lang: str = "zh") -> str:
    """Segments for each status, ``scale`` pixels per count, each with its count inside."""
    out = []
    x = x0
    for status in SHOWN:
        n = counts.get(status, 0)
        if not n:
            continue
        w = n * scale
        out.append(f'<rect x="{x:.1f}" y="{y0}" width="{w:.1f}" height="{height}" '
                   f'fill="{COLOUR[status]}" class="seg s-{status.value}">'
                   f"<title>{_e(STATUS[lang][status])} {n}</title></rect>")
        if labels and w >= 16:
            ink = "#1f2328" if status in (Status.at_risk, Status.no_data) else "#ffffff"
            out.append(f'<text x="{x + w / 2:.1f}" y="{y0 + height / 2 + 4:.1f}" '
                       f'text-anchor="middle" font-size="11" fill="{ink}">{n}</text>')
        x += w
    return "".join(out)


def section_chart(b: Bulletin, lang: str = "zh") -> str:
    """Status of the targets by section: one stacked bar per section that has targets, its whole
    heading on a line of its own above it (never cut), drawn to scale at any width."""
    rows = [s for s in b.sections if s.total]
    bar_w, row_h, label_h, gap = 560, 18, 18, 8
    top = max((s.total for s in rows), default=1)
    scale = bar_w / top
    step = label_h + row_h + gap
    height = len(rows) * step + 4
    width = bar_w + 40
    heading = WORDS[lang]["by_section"]
    parts = [f'<svg class="chart sections" viewBox="0 0 {width} {height}" width="100%" '
             f'preserveAspectRatio="xMinYMin meet" role="img" aria-label="{_e(heading)}">'
             f"<title>{_e(heading)}</title>"]
    for i, s in enumerate(rows):
        y = i * step + 2
        title = section_heading(b.plan, s.number)
        parts.append(f'<text x="0" y="{y + 13}" font-size="14">{_e(title)}</text>')
        parts.append(stacked_bar(s.counts, bar_w, row_h, scale, 0, y + label_h, lang=lang))
        parts.append(f'<text x="{s.total * scale + 6:.1f}" y="{y + label_h + row_h / 2 + 5:.1f}" '
                     f'font-size="13" fill="#59636e">{s.total}</text>')
    parts.append("</svg>")
    return "".join(parts)


def overall_bar(counts: dict[Status, int], lang: str = "zh") -> str:
    total = sum(counts.values()) or 1
    width = 860
    name = _e(WORDS[lang]["all_targets"])
    return (f'<svg class="chart overall" viewBox="0 0 {width} 26" width="100%" role="img" '
            f'aria-label="{name}"><title>{name}</title>'
            f"{stacked_bar(counts, width, 26, width / total, lang=lang)}</svg>")


def progress_bar(h: History, lang: str = "zh") -> str:
    """Progress against 序时进度: the bar is how far the figure has come, the black tick is where
    it should be by now (for targets to reach; a ceiling or a floor has no tick)."""
    s = h.standing
    if s.rule is Rule.rate:
        return f'<span class="sub rate">{_e(rate_cell(s, lang))}</span>'
    w, ht = 150, 14
    label = _e(WORDS[lang]["bar_label"].format(progress=percent(s.progress),
                                                expected=percent(s.expected)))
    parts = [f'<svg class="progress" viewBox="0 0 {w} {ht + 4}" width="{w}" height="{ht + 4}" '
             f'overflow="hidden" role="img" aria-label="{label}"><title>{label}</title>'

             f'<rect x="0" y="2" width="{w}" height="{ht}" fill="#eaeef2"/>']
    if s.progress is not None:
        filled = max(0.0, min(s.progress, 1.0)) * w
        parts.append(f'<rect x="0" y="2" width="{filled:.1f}" height="{ht}" '
                     f'fill="{COLOUR[s.status]}"/>')
    if s.expected is not None:
        x = min(s.expected, 1.0) * w
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{ht + 4}" stroke="#1f2328" '
                     f'stroke-width="2" class="expected"/>')
    parts.append("</svg>")
    return "".join(parts)


def trend_chart(h: History, start: dt.date, lang: str = "zh") -> str:
    """The figures over the target's window, with the straight 序时 line for an increment.

    Clipped to its box: a figure beyond the chart's range (past the target of an increment)
    runs to the edge and no further."""
    values = [r.value for r in h.series if r.value is not None]
    if not values:
        return '<span class="sub">—</span>'
    w, ht, pad = 120, 28, 3
    lo, hi = spark_range(h.target, values)
    span = max((h.standing.deadline - start).days, 1)

    def xy(day: dt.date, value: float) -> tuple[float, float]:
        # any finite figures: equal ones in the middle, none overflowing (``position``)
        x = pad + (w - 2 * pad) * min(max((day - start).days / span, 0.0), 1.0)
        y = ht - pad - (ht - 2 * pad) * min(max(position(value, lo, hi), -1.0), 2.0)
        return x, y

    points = [xy(r.date, r.value) for r in h.series if r.value is not None]
    parts = [f'<svg class="trend" viewBox="0 0 {w} {ht}" width="{w}" height="{ht}" '
             f'overflow="hidden" role="img" '
             f'aria-label="{_e(WORDS[lang]["trend_label"].format(spark=h.sparkline))}">'
             f"<title>{_e(_trend_title(h))}</title>"
             f'<rect x="0" y="0" width="{w}" height="{ht}" fill="#f6f8fa"/>'
             # a nested viewport clips what it draws to the box (no reference to resolve)
             f'<svg class="plot" x="0" y="0" width="{w}" height="{ht}" overflow="hidden">']
    if h.target.kind is Kind.rate:  # the target, flat across the window
        x1, y1 = xy(start, h.target.target)
        x2, y2 = xy(h.standing.deadline, h.target.target)
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     'stroke="#8c959f" stroke-width="1" stroke-dasharray="3 2" class="goal"/>')
    if h.target.kind is Kind.increment:
        x1, y1 = xy(start, 0.0)
        x2, y2 = xy(h.standing.deadline, h.target.target)
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     'stroke="#8c959f" stroke-width="1" stroke-dasharray="3 2" class="pace"/>')
    colour = COLOUR[h.standing.status]
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                     'stroke-width="2" stroke-linejoin="round"/>')
    x, y = points[-1]
    parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.8" fill="{colour}"/></svg></svg>')
    return "".join(parts)


def _trend_title(h: History) -> str:
    return "；".join(f"{r.date} {figure(r.value, h.target.unit)}" for r in h.series
                    if r.value is not None)




# ---------------------------------------------------------------- the page


def html(b: Bulletin, lang: str = "zh") -> str:
    """The page in ``lang``: ``zh`` (the default) or ``en``; plan text stays as written."""
    return write_html(build(b, lang), b)


def markdown(b: Bulletin, lang: str = "zh") -> str:
    """The bulletin as Markdown: the same document, tables for charts and text sparklines."""
    return document.markdown(build(b, lang))


def _legend(lang: str = "zh") -> str:
    return ('<ul class="legend">' + "".join(
        f'<li><i style="background:{COLOUR[s]}"></i>{_e(STATUS[lang][s])}</li>' for s in SHOWN)
        + "</ul>")


def _bold(text: Text) -> str:
    """A sentence: its bold stretches bold, then what follows it, each part in its look."""
    return ("".join(f"<b>{_e(t)}</b>" if bold else _e(t) for t, bold in text.own_pieces())
            + "".join(_inline(c) for c in text.then))


#: A cell's look (``Cell.style``) on a page: struck out (a figure that no longer counts; its
#: words say so too), muted, a task's line in italics.
LOOK = {"struck": "<del>{}</del>", "muted": '<span class="muted">{}</span>',
        "task": "<i>{}</i>"}


def _inline(cell: Cell) -> str:
    """A cell's words in its look: a status word in its colour, else its style; its muted part."""
    text = _e(cell.text)
    if cell.status is not None:
        text = (f'<span class="st s-{cell.status.value}" style="color:#{INK[cell.status]}">'
                f"{text}</span>")
    elif cell.style in LOOK:
        text = LOOK[cell.style].format(text)
    return text + (f'<span class="sub">{_e(cell.sub)}</span>' if cell.sub else "")


def _mini_bar(share: float | None, mark: float | None) -> str:
    """A cell's bar (``Cell.bar``): the share done, 序时进度 marked in it."""
    if share is None:
        return ""
    done = max(0.0, min(share, 1.0)) * 100
    pace = ("" if mark is None else
            f'<b style="left:{max(0.0, min(mark, 1.0)) * 100:.1f}%"></b>')
    return f'<span class="mini-bar" aria-hidden="true"><i style="width:{done:.1f}%"></i>{pace}</span>'


class _Visuals:
    """The charts the HTML edition draws where the document names one."""

    def __init__(self, b: Bulletin | None, lang: str) -> None:
        self.b, self.lang = b, lang
        self.history = {h.target.id: h for h in b.targets} if b is not None else {}
        self.cards = {c.name: c for c in b.departments} if b is not None else {}
        self.top = max((c.lead_total + c.shared_total for c in self.cards.values()), default=1)

    def chart(self, kind: str) -> str:
        if self.b is None:
            return ""
        if kind == "overall":
            return overall_bar(self.b.counts, self.lang)
        if kind == "legend":
            return _legend(self.lang)
        return ""

    def cell(self, kind: str, key: str) -> str:
        if kind == "progress" and key in self.history:
            return progress_bar(self.history[key], self.lang)
        if kind == "trend" and key in self.history and self.b is not None:
            return trend_chart(self.history[key], self.b.plan.plan.period_start, self.lang)
        if kind == "spread" and key in self.cards:
            c = self.cards[key]
            both = {s: c.lead[s] + c.shared[s] for s in SEVERITY}
            return (f'<svg class="mini" viewBox="0 0 120 12" width="120" height="12" role="img" '
                    f'aria-label="{_e(c.name)}">'
                    f"{stacked_bar(both, 120, 12, 120 / self.top, labels=False, lang=self.lang)}"
                    "</svg>")
        return ""


def write_html(doc: Document, b: Bulletin | None = None) -> str:
    """The document as one self-contained page; ``b`` gives the bulletin's charts their figures
    (without it, a chart is left out and a chart cell writes its text)."""
    n = doc.names
    draw = _Visuals(b, doc.lang)
    out = ["<!DOCTYPE html>", f'<html lang="{_e(n.get("html_lang", doc.lang))}">', "<head>",
           '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<meta name="generator" content="kpi">', f"<title>{_e(doc.title)}</title>",
           f"<style>{CSS}</style>", "</head>", "<body>", "<header>"]
    heading = n.get("plan", doc.heading)
    out += [f"<h1>{_e(heading)}</h1>"] if heading else []
    out += [f'<p class="meta">{_e(doc.meta)}</p>'] if doc.meta else []
    out.append("</header>")
    out += [f'<p class="banner" role="alert">{_e(banner)}</p>' for banner in doc.banners]
    for part in doc.parts:
        out.append(f'<section id="{_e(part.id)}">')
        out += [f"<h2>{_e(part.heading)}</h2>"] if part.heading else []
        out += [_block(block, draw, b, doc.lang) for block in part.blocks]
        out.append("</section>")
    out += [f"<footer>{_e(doc.footer)}</footer>"] if doc.footer else []
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _block(block: Block, draw: _Visuals, b: Bulletin | None, lang: str) -> str:
    if isinstance(block, Heading):
        return f"<h3>{_e(block.text)}</h3>"
    if isinstance(block, Text):
        kind = f' class="{block.kind}"' if block.kind else ""
        return f"<p{kind}>{_bold(block)}</p>"
    if isinstance(block, Chart):
        return draw.chart(block.kind)
    if b is not None and block.name == "summary":
        return _cards(block, lang)
    if b is not None and block.name == "sections":
        return section_chart(b, lang)
    title = ""
    if block.title:  # its heading, and what follows it in its look (": 预警 1 · 正常 2")
        title = f"<h3>{_e(block.title)}{''.join(_inline(c) for c in block.then)}</h3>"
    if not block.rows and block.empty:  # the word for none, and no header either
        return f'{title}<p class="empty">{_e(block.empty)}</p>'
    return title + _table(block, draw)


def _cards(table: Table, lang: str) -> str:
    """The summary table as cards: count, status, share."""
    cards = []
    for row in table.rows:
        status = row.cells[0].status
        if status is None:
            continue
        cards.append(f'<div class="card s-{status.value}" style="border-left-color:{COLOUR[status]}">'
                     f'<span class="n">{_e(row.cells[1].text)}</span>'
                     f'<span class="l">{_e(row.cells[0].text)}</span>'
                     f'<span class="p">{_e(row.cells[2].text)}</span></div>')
    return f'<div class="cards">{"".join(cards)}</div>'


def _th(column: Column) -> str:
    """A column's head; a status's column headed in its colour."""
    head = _e(column.head)
    if column.status is not None:
        head = (f'<span class="st s-{column.status.value}" style="color:#{INK[column.status]}">'
                f"{head}</span>")
    return f'<th class="num">{head}</th>' if column.num else f"<th>{head}</th>"


def _td(column: Column, cell: Cell, row: Row, draw: _Visuals, first: bool) -> str:
    drawn = draw.cell(cell.visual, row.key) if cell.visual else ""
    if drawn:
        return f"<td>{drawn}</td>"
    if cell.visual:  # a chart without its figures: the words beside it
        text = _inline(cell)
    elif cell.status is not None:
        text = (f'<span class="status s-{cell.status.value}" style="background:'
                f'{COLOUR[cell.status]}">{_e(cell.text)}</span>')
    else:
        text = _inline(cell) + (_mini_bar(*cell.bar) if cell.bar is not None else "")
    kind = "num" if column.num else "id" if first and row.key else ""
    return f'<td class="{kind}">{text}</td>' if kind else f"<td>{text}</td>"


def _table(table: Table, draw: _Visuals) -> str:
    cols = ""
    if any(c.name for c in table.columns):
        cols = "<colgroup>" + "".join(f'<col class="{c.name}">' for c in table.columns) + "</colgroup>"
    head = "".join(_th(c) for c in table.columns)
    rows = []
    for row in table.rows:
        classes = " ".join(filter(None, [row.kind, f"s-{row.status.value}" if row.status else ""]))
        attrs = f' class="{classes}"' if classes else ""
        attrs += f' data-id="{_e(row.key)}"' if row.kind else ""
        if row.status is not None:  # the whole row in its status's colour (a department's worst)
            attrs += f' style="color:#{INK[row.status]}"'
        rows.append(f"<tr{attrs}>" + "".join(
            _td(c, cell, row, draw, i == 0)
            for i, (c, cell) in enumerate(zip(table.columns, row.cells, strict=True))) + "</tr>")
    return (f'<div class="tbl"><table class="t-{_e(table.name)}">{cols}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")
