"""The monthly bulletin (通报) as one self-contained HTML page, and as Markdown.

The page needs nothing from the network and no JavaScript: styles sit in one ``<style>``, charts
are inline SVG, fonts are the reader's own. Colour is never the only signal: every coloured
mark carries its label or count in text beside it, and ``<title>`` inside each SVG shape.
It prints on A4 (``@page``), with colours kept.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape

from ..compute.bulletin import Bulletin, behind_pace, disagreements
from ..compute.history import History, spark_range
from ..enums import Kind, Status
from ..grading import SEVERITY, Standing, TaskStanding
from .bulletin_words import WORDS
from .cycle import behind_cell as behind_share
from .cycle import projection_sentence, stale_by_department
from .disputes import disputes_note
from .labels import STATUS, left_out_note, period_note, state_label
from .markdown import md_text
from .numbers import figure, of_target
from .standing import md_cell, percent, section_heading

ZH = STATUS["zh"]


def actual_of_target(s: Standing) -> str:
    """``1,863 / 4,500 人``: the bulletin's one number format (render/numbers.py)."""
    return of_target(s.actual, s.target.target, s.target.unit)

#: Status colours: dark-to-light greens for the good, amber, reds for the bad, grey for none.
COLOUR = {Status.met: "#1a7f37", Status.on_track: "#57ab5a", Status.at_risk: "#d4a72c",
          Status.off_track: "#e5534b", Status.missed: "#8e1519", Status.no_data: "#a8aeb4"}

#: The order a reader expects in a bulletin: done and fine first, then the trouble, then silence.
SHOWN = (Status.met, Status.on_track, Status.at_risk, Status.off_track, Status.missed,
         Status.no_data)

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
@page { size: A4; margin: 14mm 12mm; }
@media print {
  html { font-size: 10pt; }
  body { padding: 0; max-width: none; }
  .cards { gap: 5px; } .card { padding: 4px 6px; } .card .n { font-size: 18px; }
  .card .p { margin-left: 3px; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  tr, .card, svg, .legend { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _status(status: Status, lang: str = "zh") -> str:
    return (f'<span class="status s-{status.value}" style="background:{COLOUR[status]}">'
            f"{_e(STATUS[lang][status])}</span>")


def _share(n: int, total: int) -> str:
    return f"{n / total * 100:.1f}%" if total else "—"


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
    """Status of the targets by section: one stacked bar per section that has targets."""
    rows = [s for s in b.sections if s.total]
    label_w, bar_w, row_h, gap = 250, 560, 20, 8
    top = max((s.total for s in rows), default=1)
    scale = bar_w / top
    height = len(rows) * (row_h + gap) + 4
    width = label_w + bar_w + 40
    heading = WORDS[lang]["by_section"]
    parts = [f'<svg class="chart sections" viewBox="0 0 {width} {height}" width="100%" '
             f'preserveAspectRatio="xMinYMin meet" role="img" aria-label="{_e(heading)}">'
             f"<title>{_e(heading)}</title>"]
    for i, s in enumerate(rows):
        y = i * (row_h + gap) + 2
        title = section_heading(b.plan, s.number)
        shown = title if len(title) <= 16 else title[:15] + "…"
        parts.append(f'<text x="{label_w - 8}" y="{y + row_h / 2 + 5:.1f}" text-anchor="end" '
                     f'font-size="13"><title>{_e(title)}</title>{_e(shown)}</text>')
        parts.append(stacked_bar(s.counts, bar_w, row_h, scale, label_w, y, lang=lang))
        parts.append(f'<text x="{label_w + s.total * scale + 6:.1f}" y="{y + row_h / 2 + 5:.1f}" '
                     f'font-size="12" fill="#59636e">{s.total}</text>')
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
    if hi <= lo:
        lo, hi = lo - 1, hi + 1
    span = max((h.standing.deadline - start).days, 1)

    def xy(day: dt.date, value: float) -> tuple[float, float]:
        x = pad + (w - 2 * pad) * min(max((day - start).days / span, 0.0), 1.0)
        y = ht - pad - (ht - 2 * pad) * (value - lo) / (hi - lo)
        return x, y

    points = [xy(r.date, r.value) for r in h.series if r.value is not None]
    parts = [f'<svg class="trend" viewBox="0 0 {w} {ht}" width="{w}" height="{ht}" '
             f'overflow="hidden" role="img" '
             f'aria-label="{_e(WORDS[lang]["trend_label"].format(spark=h.sparkline))}">'
             f"<title>{_e(_trend_title(h))}</title>"
             f'<rect x="0" y="0" width="{w}" height="{ht}" fill="#f6f8fa"/>'
             # a nested viewport clips what it draws to the box (no reference to resolve)
             f'<svg class="plot" x="0" y="0" width="{w}" height="{ht}" overflow="hidden">']
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
    w = WORDS[lang]
    plan = b.plan.plan
    title = w["title"].format(plan=plan.title, as_of=b.as_of)
    total = sum(b.counts.values())
    ended = period_note(plan.period_end, b.as_of, lang)
    out = ["<!DOCTYPE html>", f'<html lang="{w["html_lang"]}">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<meta name="generator" content="kpi">', f"<title>{_e(title)}</title>",
           f"<style>{CSS}</style>", "</head>", "<body>", "<header>",
           f"<h1>{_e(plan.title)}</h1>",
           f'<p class="meta">{_e(plan.document_number)} · {_e(w["bulletin"])} · {_e(w["as_of"])} '
           f"{b.as_of} · {_e(w['expected'])} {percent(b.expected)}"
           + (f" · {_e(ended)}" if ended else "") + "</p>", "</header>"]
    if b.left_out:
        out.append(f'<p class="banner" role="alert">{_e(left_out_note(b.left_out, lang))}</p>')
    if b.disputes:
        out.append(f'<p class="banner" role="alert">{_e(disputes_note(b.disputes, lang))}</p>')
    out += _overview(b, total, lang)
    out += _sections(b, lang)
    out += _changes(b, lang)
    out += _behind(b, lang)
    out += _departments(b, lang)
    out += _targets(b, lang)
    out += _tasks(b, lang)
    out.append(f"<footer>{_e(w['footer'].format(as_of=b.as_of))}</footer>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _legend(lang: str = "zh") -> str:
    return ('<ul class="legend">' + "".join(
        f'<li><i style="background:{COLOUR[s]}"></i>{_e(STATUS[lang][s])}</li>' for s in SHOWN)
        + "</ul>")


def _overview(b: Bulletin, total: int, lang: str = "zh") -> list[str]:
    w, names = WORDS[lang], STATUS[lang]
    cards = "".join(
        f'<div class="card s-{s.value}" style="border-left-color:{COLOUR[s]}">'
        f'<span class="n">{b.counts[s]}</span><span class="l">{_e(names[s])}</span>'
        f'<span class="p">{_share(b.counts[s], total)}</span></div>' for s in SHOWN)
    tasks = sum(b.task_counts.values())
    task_line = w["sep"].join(f"{names[s]} {b.task_counts[s]}" for s in SHOWN if b.task_counts[s])
    line = _e(w["overview_line"]).format(targets=f'<b class="total">{total}</b>', tasks=tasks,
                                         task_line=_e(task_line))
    return ['<section id="overview">', f"<h2>{_e(w['overview'])}</h2>", f"<p>{line}</p>",
            f'<div class="cards">{cards}</div>', overall_bar(b.counts, lang), _legend(lang),
            "</section>"]


def _sections(b: Bulletin, lang: str = "zh") -> list[str]:
    return ['<section id="by-section">', f"<h2>{_e(WORDS[lang]['by_section'])}</h2>",
            section_chart(b, lang), _legend(lang), "</section>"]


def _changes(b: Bulletin, lang: str = "zh") -> list[str]:
    c = b.changes
    if c is None:
        return []
    w = WORDS[lang]
    month = w["month"].format(d=c.month)
    line = w["changes_line"].format(moves=len(c.moves), new=len(c.new), month=month,
                                    stale=len(c.stale))
    out = ['<section id="changes">', f"<h2>{_e(w['changes'].format(start=c.start, end=c.end))}</h2>",
           f"<p>{_e(line)}</p>"]
    if c.moves:
        out += [f"<table><thead><tr><th>{w['id']}</th><th>{w['label']}</th><th>{w['before']}</th>"
                f"<th>{w['after']}</th><th class=\"num\">{w['value']}</th></tr></thead><tbody>"]
        for m in c.moves:
            arrow = "↓" if m.worse else "↑"
            unit = m.line.unit
            before = "—" if m.before_value is None else f"{figure(m.before_value, unit)} {unit}"
            after = "—" if m.after_value is None else f"{figure(m.after_value, unit)} {unit}"
            out.append(f'<tr><td class="id">{_e(m.line.id)}</td><td>{_e(m.line.label)}</td>'
                       f"<td>{_status(m.before, lang)}</td><td>{arrow} {_status(m.after, lang)}</td>"
                       f'<td class="num">{_e(before.strip())} → {_e(after.strip())}</td></tr>')
        out.append("</tbody></table>")
    if c.stale:
        out.append(f"<h3>{_e(w['stale_by_dept'].format(month=month))}</h3>")
        out.append(f"<table><thead><tr><th>{w['department']}</th><th>{w['ids']}</th></tr></thead><tbody>")
        out += [f"<tr><td>{_e(name)}</td><td>{_e(' '.join(ids))}</td></tr>"
                for name, ids in stale_by_department(b.plan, c)]
        out.append("</tbody></table>")
    out.append("</section>")
    return out


def _rules(b: Bulletin, lang: str) -> dict[str, str]:
    g = b.plan.grading
    return {"at_risk": f"{g.at_risk_gap * 100:g}", "off_track": f"{g.off_track_gap * 100:g}"}


def _flag(h: History, lang: str, rules: dict[str, str]) -> str:
    s = h.standing
    return WORDS[lang]["flag_short"].format(status=STATUS[lang][s.status], progress=percent(s.progress),
                                            expected=percent(s.expected), **rules)


def _behind(b: Bulletin, lang: str = "zh") -> list[str]:
    """Targets projected to fall short, with the rule of each story; the ones whose status says
    otherwise are flagged (⚑), and so are those graded behind that the projection sees making it."""
    late = behind_pace(b)
    short, making = disagreements(b)
    if not late and not making:
        return []
    w = WORDS[lang]
    rules = _rules(b, lang)
    flagged = {h.target.id for h in short}
    out = ['<section id="behind-pace">', f"<h2>{_e(w['behind'].format(n=len(late)))}</h2>",
           f'<p class="note rules">{w["rules"].format(**rules)}</p>']
    if late:
        out.append(f"<table><thead><tr><th>{w['id']}</th><th>{w['label']}</th><th>{w['status']}</th>"
                   f"<th>{w['projection']}</th></tr></thead><tbody>")
        for h in late:
            sentence = _e(projection_sentence(h, lang, b.plan.grading.approx_tolerance))
            if h.target.id in flagged:
                flag = _flag(h, lang, rules)
                sentence += f'<br><span class="flag">{_e(flag)}</span>'
            row = '<tr class="disagree">' if h.target.id in flagged else "<tr>"
            out.append(f'{row}<td class="id">{_e(h.target.id)}</td><td>{_e(h.target.label)}</td>'
                       f"<td>{_status(h.standing.status, lang)}</td><td>{sentence}</td></tr>")
        out.append("</tbody></table>")
    if making:
        ids = " ".join(h.target.id for h in making)
        out.append(f'<p class="flag making">{_e(w["flag_making"].format(ids=ids))}</p>')
    out.append("</section>")
    return out


def _departments(b: Bulletin, lang: str = "zh") -> list[str]:
    w, names = WORDS[lang], STATUS[lang]
    head = "".join(f'<th class="num">{_e(names[s])}</th>' for s in SEVERITY)
    out = ['<section id="departments">', f"<h2>{_e(w['departments'])}</h2>",
           f'<p class="note">{_e(w["departments_note"])}</p>',
           f"<table><thead><tr><th>{w['department']}</th><th class=\"num\">{w['lead']}</th>"
           f"<th class=\"num\">{w['shared']}</th><th class=\"num\">{w['behind_share']}</th>"
           f"{head}<th>{w['spread']}</th></tr></thead><tbody>"]
    top = max((c.lead_total + c.shared_total for c in b.departments), default=1)
    for c in b.departments:
        cells = "".join(
            f'<td class="num">{c.lead[s]}<span class="sub"> / {c.shared[s]}</span></td>'
            if c.lead[s] or c.shared[s] else '<td class="num sub">·</td>' for s in SEVERITY)
        both = {s: c.lead[s] + c.shared[s] for s in SEVERITY}
        bar = (f'<svg class="mini" viewBox="0 0 120 12" width="120" height="12" role="img" '
               f'aria-label="{_e(c.name)}">'
               f"{stacked_bar(both, 120, 12, 120 / top, labels=False, lang=lang)}</svg>")
        out.append(f"<tr><td>{_e(c.name)}</td><td class=\"num\">{c.lead_total}</td>"
                   f"<td class=\"num\">{c.shared_total}</td><td class=\"num\">{behind_share(c)}</td>"
                   f"{cells}<td>{bar}</td></tr>")
    out += ["</tbody></table>", "</section>"]
    return out


def _targets(b: Bulletin, lang: str = "zh") -> list[str]:
    w = WORDS[lang]
    out = ['<section id="targets">', f"<h2>{_e(w['targets'])}</h2>",
           f'<p class="note">{_e(w["targets_note"])}</p>']
    current = None
    start = b.plan.plan.period_start
    for h in b.targets:
        section = h.task.section
        if section != current:
            if current is not None:
                out.append("</tbody></table>")
            current = section
            out.append(f"<h3>{_e(section_heading(b.plan, section))}</h3>")
            out.append('<table><colgroup><col class="id"><col class="label"><col class="actual">'
                       '<col class="bar"><col class="pct"><col class="pct"><col class="st">'
                       '<col class="trend"></colgroup>'
                       f"<thead><tr><th>{w['id']}</th><th>{w['label']}</th><th class=\"num\">{w['actual']}</th>"
                       f"<th>{w['progress']}</th><th class=\"num\">{w['done']}</th><th class=\"num\">{w['pace']}</th>"
                       f"<th>{w['status']}</th><th>{w['trend']}</th></tr></thead><tbody>")
        s = h.standing
        out.append(f'<tr class="target" data-id="{_e(h.target.id)}"><td class="id">{_e(h.target.id)}</td>'
                   f"<td>{_e(h.target.label)}</td>"
                   f'<td class="num">{_e(actual_of_target(s))}</td><td>{progress_bar(h, lang)}</td>'
                   f'<td class="num">{percent(s.progress)}</td><td class="num">{percent(s.expected)}</td>'
                   f"<td>{_status(s.status, lang)}</td><td>{trend_chart(h, start, lang)}</td></tr>")
    if current is not None:
        out.append("</tbody></table>")
    out.append("</section>")
    return out


def _state(t: TaskStanding, lang: str) -> str:
    w = WORDS[lang]
    return f"{state_label(t.state, lang)}{w['open']}{t.state_date}{w['close']}" if t.state else "—"


def _tasks(b: Bulletin, lang: str = "zh") -> list[str]:
    if not b.tasks:
        return []
    w = WORDS[lang]
    out = ['<section id="tasks">', f"<h2>{_e(w['tasks'])}</h2>",
           f"<table><thead><tr><th>{w['task']}</th><th>{w['name']}</th><th>{w['status']}</th>"
           f"<th>{w['reported']}</th></tr></thead><tbody>"]
    for t in b.tasks:
        out.append(f'<tr><td class="id">{t.task.number}</td><td>{_e(t.task.title)}</td>'
                   f"<td>{_status(t.status, lang)}</td><td>{_e(_state(t, lang))}</td></tr>")
    out += ["</tbody></table>", "</section>"]
    return out


# ---------------------------------------------------------------- Markdown


def markdown(b: Bulletin, lang: str = "zh") -> str:
    w, names = WORDS[lang], STATUS[lang]
    plan = b.plan.plan
    total = sum(b.counts.values())
    ended = period_note(plan.period_end, b.as_of, lang)
    out = [f"# {md_cell(plan.title)} {w['bulletin']}", "",
           f"{md_cell(plan.document_number)} · {w['as_of']} {b.as_of} · {w['expected']} {percent(b.expected)}"
           + (f" · {ended}" if ended else ""), "",
           *([f"> **{md_text(left_out_note(b.left_out, lang))}**", ""] if b.left_out else []),
           *([f"> **{md_text(disputes_note(b.disputes, lang))}**", ""] if b.disputes else []),
           f"## {w['overview']}", "", f"| {w['status']} | {w['count']} | {w['share']} |",
           "| --- | ---: | ---: |"]
    out += [f"| {names[s]} | {b.counts[s]} | {_share(b.counts[s], total)} |" for s in SHOWN]
    out += [f"| {w['total']} | {total} | |", "", f"## {w['by_section']}", "",
            f"| {w['section']} | " + " | ".join(names[s] for s in SHOWN) + f" | {w['total']} |",
            "| --- |" + " ---: |" * (len(SHOWN) + 1)]
    for s in b.sections:
        if s.total:
            out.append(f"| {md_cell(section_heading(b.plan, s.number))} | "
                       + " | ".join(str(s.counts[x]) for x in SHOWN) + f" | {s.total} |")
    c = b.changes
    if c is not None:
        month = w["month"].format(d=c.month)
        out += ["", f"## {w['changes'].format(start=c.start, end=c.end)}", "",
                w["changes_line"].format(moves=len(c.moves), new=len(c.new), month=month,
                                         stale=len(c.stale))]
        if c.moves:
            out += ["", f"| {w['id']} | {w['label']} | {w['before']} | {w['after']} |",
                    "| --- | --- | --- | --- |"]
            out += [f"| {md_cell(m.line.id)} | {md_cell(m.line.label)} | {names[m.before]} | "
                    f"{'↓' if m.worse else '↑'} {names[m.after]} |" for m in c.moves]
    late = behind_pace(b)
    short, making = disagreements(b)
    if late or making:
        rules = _rules(b, lang)
        flagged = {h.target.id for h in short}
        text = re.sub(r"</?b>", "**", w["rules"].format(**rules))
        out += ["", f"## {w['behind'].format(n=len(late))}", "", text]
        if late:
            out += ["", f"| {w['id']} | {w['label']} | {w['status']} | {w['projection']} |",
                    "| --- | --- | --- | --- |"]
            for h in late:
                sentence = md_cell(projection_sentence(h, lang, b.plan.grading.approx_tolerance))
                if h.target.id in flagged:
                    sentence += " " + _flag(h, lang, rules)
                out.append(f"| {md_cell(h.target.id)} | {md_cell(h.target.label)} | "
                           f"{names[h.standing.status]} | {sentence} |")
        if making:
            out += ["", w["flag_making"].format(ids=" ".join(h.target.id for h in making))]
    out += ["", f"## {w['departments']}", "", w["cell"], "",
            f"| {w['department']} | {w['lead']} | {w['shared']} | {w['behind_share']} | "
            + " | ".join(names[s] for s in SEVERITY) + " |",
            "| --- |" + " ---: |" * (len(SEVERITY) + 3)]
    for d in b.departments:
        cells = [f"{d.lead[s]}/{d.shared[s]}" if d.lead[s] or d.shared[s] else "·"
                 for s in SEVERITY]
        out.append(f"| {md_cell(d.name)} | {d.lead_total} | {d.shared_total} | {behind_share(d)} | "
                   + " | ".join(cells) + " |")
    out += ["", f"## {w['targets']}"]
    current = None
    for h in b.targets:
        if h.task.section != current:
            current = h.task.section
            out += ["", f"### {md_cell(section_heading(b.plan, current))}", "",
                    f"| {w['id']} | {w['label']} | {w['actual']} | {w['done']} | {w['pace']} | "
                    f"{w['status']} | {w['trend']} |",
                    "| --- | --- | ---: | ---: | ---: | --- | --- |"]
        st = h.standing
        out.append(f"| {md_cell(h.target.id)} | {md_cell(h.target.label)} | "
                   f"{md_cell(actual_of_target(st))} | "
                   f"{percent(st.progress)} | {percent(st.expected)} | {names[st.status]} | "
                   f"{h.sparkline or '—'} |")
    if b.tasks:
        out += ["", f"## {w['tasks']}", "",
                f"| {w['task']} | {w['name']} | {w['status']} | {w['reported']} |",
                "| --- | --- | --- | --- |"]
        for t in b.tasks:
            out.append(f"| {t.task.number} | {md_cell(t.task.title)} | {names[t.status]} | "
                       f"{_state(t, lang)} |")
    return "\n".join(out) + "\n"
