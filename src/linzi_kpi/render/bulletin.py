"""The monthly bulletin (通报) as one self-contained HTML page, and as Markdown.

The page needs nothing from the network and no JavaScript: styles sit in one ``<style>``, charts
are inline SVG, fonts are the reader's own. Colour is never the only signal: every coloured
mark carries its label or count in text beside it, and ``<title>`` inside each SVG shape.
It prints on A4 (``@page``), with colours kept.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from ..cycle.bulletin import Bulletin, behind_pace
from ..cycle.history import History, spark_range
from ..enums import Comparator, Kind, Status
from ..grading import SEVERITY
from ..values import format_number
from .cycle import projection_sentence, stale_by_department
from .labels import STATUS
from .standing import actual_of_target, md_cell, percent, section_number

ZH = STATUS["zh"]

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
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
.card { flex: 1 1 120px; border: 1px solid var(--rule); border-left: 6px solid; border-radius: 4px;
        padding: 8px 12px; background: var(--soft); }
.card .n { display: block; font-size: 26px; font-weight: 700; line-height: 1.2; }
.card .l { font-weight: 600; }
.card .p { color: var(--muted); margin-left: 6px; }
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
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  tr, .card, svg, .legend { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _status(status: Status) -> str:
    return (f'<span class="status s-{status.value}" style="background:{COLOUR[status]}">'
            f"{_e(ZH[status])}</span>")


def _share(n: int, total: int) -> str:
    return f"{n / total * 100:.1f}%" if total else "—"


# ---------------------------------------------------------------- SVG pieces


def stacked_bar(counts: dict[Status, int], width: float, height: int, scale: float,
                x0: float = 0, y0: float = 0, labels: bool = True) -> str:
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
                   f"<title>{_e(ZH[status])} {n}</title></rect>")
        if labels and w >= 16:
            ink = "#1f2328" if status in (Status.at_risk, Status.no_data) else "#ffffff"
            out.append(f'<text x="{x + w / 2:.1f}" y="{y0 + height / 2 + 4:.1f}" '
                       f'text-anchor="middle" font-size="11" fill="{ink}">{n}</text>')
        x += w
    return "".join(out)


def section_chart(b: Bulletin) -> str:
    """Status of the targets by section: one stacked bar per section that has targets."""
    rows = [s for s in b.sections if s.total]
    label_w, bar_w, row_h, gap = 250, 560, 20, 8
    top = max((s.total for s in rows), default=1)
    scale = bar_w / top
    height = len(rows) * (row_h + gap) + 4
    width = label_w + bar_w + 40
    parts = [f'<svg class="chart sections" viewBox="0 0 {width} {height}" width="100%" '
             f'preserveAspectRatio="xMinYMin meet" role="img" aria-label="各部分指标状态">'
             "<title>各部分指标状态</title>"]
    for i, s in enumerate(rows):
        y = i * (row_h + gap) + 2
        title = f"{section_number(s.number)}、{s.title}"
        shown = title if len(title) <= 16 else title[:15] + "…"
        parts.append(f'<text x="{label_w - 8}" y="{y + row_h / 2 + 5:.1f}" text-anchor="end" '
                     f'font-size="13"><title>{_e(title)}</title>{_e(shown)}</text>')
        parts.append(stacked_bar(s.counts, bar_w, row_h, scale, label_w, y))
        parts.append(f'<text x="{label_w + s.total * scale + 6:.1f}" y="{y + row_h / 2 + 5:.1f}" '
                     f'font-size="12" fill="#59636e">{s.total}</text>')
    parts.append("</svg>")
    return "".join(parts)


def overall_bar(counts: dict[Status, int]) -> str:
    total = sum(counts.values()) or 1
    width = 860
    return (f'<svg class="chart overall" viewBox="0 0 {width} 26" width="100%" role="img" '
            f'aria-label="全部指标状态"><title>全部指标状态</title>'
            f"{stacked_bar(counts, width, 26, width / total)}</svg>")


def progress_bar(h: History) -> str:
    """Progress against 序时进度: the bar is how far the figure has come, the black tick is where
    it should be by now (for targets to reach; a ceiling or a floor has no tick)."""
    s = h.standing
    w, ht = 150, 14
    parts = [f'<svg class="progress" viewBox="0 0 {w} {ht + 4}" width="{w}" height="{ht + 4}" '
             f'role="img" aria-label="完成进度 {percent(s.progress)}，序时进度 {percent(s.expected)}">'
             f"<title>完成进度 {percent(s.progress)}，序时进度 {percent(s.expected)}</title>"
             f'<rect x="0" y="2" width="{w}" height="{ht}" fill="#eaeef2"/>']
    if s.progress is not None:
        filled = max(0.0, min(s.progress, 1.0)) * w
        parts.append(f'<rect x="0" y="2" width="{filled:.1f}" height="{ht}" '
                     f'fill="{COLOUR[s.status]}"/>')
    if h.target.comparator in (Comparator.at_least, Comparator.approx):
        x = min(s.expected, 1.0) * w
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{ht + 4}" stroke="#1f2328" '
                     f'stroke-width="2" class="expected"/>')
    parts.append("</svg>")
    return "".join(parts)


def trend_chart(h: History, start: dt.date) -> str:
    """The figures over the target's window, with the straight 序时 line for an increment."""
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
    parts = [f'<svg class="trend" viewBox="0 0 {w} {ht}" width="{w}" height="{ht}" role="img" '
             f'aria-label="趋势 {_e(h.sparkline)}"><title>{_e(_trend_title(h))}</title>'
             f'<rect x="0" y="0" width="{w}" height="{ht}" fill="#f6f8fa"/>']
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
    parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.8" fill="{colour}"/></svg>')
    return "".join(parts)


def _trend_title(h: History) -> str:
    return "；".join(f"{r.date} {format_number(r.value)}" for r in h.series if r.value is not None)


# ---------------------------------------------------------------- the page


def html(b: Bulletin) -> str:
    plan = b.plan.plan
    title = f"{plan.title} 进度通报（截至 {b.as_of}）"
    total = sum(b.counts.values())
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<meta name="generator" content="kpi">', f"<title>{_e(title)}</title>",
           f"<style>{CSS}</style>", "</head>", "<body>", "<header>",
           f"<h1>{_e(plan.title)}</h1>",
           f'<p class="meta">{_e(plan.document_number)} · 进度通报 · 截至 {b.as_of} · '
           f"序时进度 {percent(b.expected)}</p>", "</header>"]
    out += _overview(b, total)
    out += _sections(b)
    out += _changes(b)
    out += _behind(b)
    out += _departments(b)
    out += _targets(b)
    out += _tasks(b)
    out.append(f"<footer>由 kpi 生成。截至 {b.as_of}，按各指标截至当日的最新报送数据计算；"
               f"序时进度 = 期初至当日天数 ÷ 期初至期限天数。完成进度条上的黑色竖线为序时进度；"
               f"趋势图中的虚线为按序时应达到的进度。</footer>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _legend() -> str:
    return ('<ul class="legend">' + "".join(
        f'<li><i style="background:{COLOUR[s]}"></i>{_e(ZH[s])}</li>' for s in SHOWN) + "</ul>")


def _overview(b: Bulletin, total: int) -> list[str]:
    cards = "".join(
        f'<div class="card s-{s.value}" style="border-left-color:{COLOUR[s]}">'
        f'<span class="n">{b.counts[s]}</span><span class="l">{_e(ZH[s])}</span>'
        f'<span class="p">{_share(b.counts[s], total)}</span></div>' for s in SHOWN)
    tasks = sum(b.task_counts.values())
    task_line = "，".join(f"{ZH[s]} {b.task_counts[s]}" for s in SHOWN if b.task_counts[s])
    return ['<section id="overview">', "<h2>总体情况</h2>",
            f'<p>共 <b class="total">{total}</b> 个数值指标、{tasks} 项任务（任务：{_e(task_line)}）。</p>',
            f'<div class="cards">{cards}</div>', overall_bar(b.counts), _legend(), "</section>"]


def _sections(b: Bulletin) -> list[str]:
    return ['<section id="by-section">', "<h2>各部分指标状态</h2>", section_chart(b), _legend(),
            "</section>"]


def _changes(b: Bulletin) -> list[str]:
    c = b.changes
    if c is None:
        return []
    out = ['<section id="changes">', f"<h2>本期变化（{c.start} 至 {c.end}）</h2>",
           f"<p>状态变化 {len(c.moves)} 个，新报数据 {len(c.new)} 条，"
           f"{c.month:%Y年%m月}未报送 {len(c.stale)} 个。</p>"]
    if c.moves:
        out += ["<table><thead><tr><th>编号</th><th>指标</th><th>之前</th><th>之后</th>"
                "<th class=\"num\">数值</th></tr></thead><tbody>"]
        for m in c.moves:
            arrow = "↓" if m.worse else "↑"
            unit = m.line.unit
            before = "—" if m.before_value is None else f"{format_number(m.before_value)} {unit}"
            after = "—" if m.after_value is None else f"{format_number(m.after_value)} {unit}"
            out.append(f'<tr><td class="id">{_e(m.line.id)}</td><td>{_e(m.line.label)}</td>'
                       f"<td>{_status(m.before)}</td><td>{arrow} {_status(m.after)}</td>"
                       f'<td class="num">{_e(before)} → {_e(after)}</td></tr>')
        out.append("</tbody></table>")
    if c.stale:
        out.append(f"<h3>{c.month:%Y年%m月}未报送（按牵头部门）</h3>")
        out.append("<table><thead><tr><th>部门</th><th>编号</th></tr></thead><tbody>")
        out += [f"<tr><td>{_e(name)}</td><td>{_e(' '.join(ids))}</td></tr>"
                for name, ids in stale_by_department(b.plan, c)]
        out.append("</tbody></table>")
    out.append("</section>")
    return out


def _behind(b: Bulletin) -> list[str]:
    late = behind_pace(b)
    if not late:
        return []
    out = ['<section id="behind-pace">', f"<h2>按当前进度将无法完成（{len(late)} 个）</h2>",
           "<table><thead><tr><th>编号</th><th>指标</th><th>预计</th></tr></thead><tbody>"]
    out += [f'<tr><td class="id">{_e(h.target.id)}</td><td>{_e(h.target.label)}</td>'
            f"<td>{_e(projection_sentence(h, 'zh', b.plan.grading.approx_tolerance))}</td></tr>"
            for h in late]
    out += ["</tbody></table>", "</section>"]
    return out


def _departments(b: Bulletin) -> list[str]:
    head = "".join(f'<th class="num">{_e(ZH[s])}</th>' for s in SEVERITY)
    out = ['<section id="departments">', "<h2>各部门情况</h2>",
           '<p class="note">每格：牵头 / 责任（牵头部门对任务负总责）；按未完成、滞后、预警、未报送的多少排序。</p>',
           f"<table><thead><tr><th>部门</th><th class=\"num\">牵头</th><th class=\"num\">责任</th>"
           f"{head}<th>分布</th></tr></thead><tbody>"]
    top = max((c.lead_total + c.shared_total for c in b.departments), default=1)
    for c in b.departments:
        cells = "".join(
            f'<td class="num">{c.lead[s]}<span class="sub"> / {c.shared[s]}</span></td>'
            if c.lead[s] or c.shared[s] else '<td class="num sub">·</td>' for s in SEVERITY)
        both = {s: c.lead[s] + c.shared[s] for s in SEVERITY}
        bar = (f'<svg class="mini" viewBox="0 0 120 12" width="120" height="12" role="img" '
               f'aria-label="{_e(c.name)}">{stacked_bar(both, 120, 12, 120 / top, labels=False)}</svg>')
        out.append(f"<tr><td>{_e(c.name)}</td><td class=\"num\">{c.lead_total}</td>"
                   f"<td class=\"num\">{c.shared_total}</td>{cells}<td>{bar}</td></tr>")
    out += ["</tbody></table>", "</section>"]
    return out


def _targets(b: Bulletin) -> list[str]:
    titles = {s.number: s.title for s in b.plan.sections}
    out = ['<section id="targets">', "<h2>各指标进度</h2>",
           '<p class="note">完成进度条：色块为已完成的比例，黑色竖线为序时进度。趋势：每次报送的数值，虚线为序时应达到的进度。</p>']
    current = None
    start = b.plan.plan.period_start
    for h in b.targets:
        section = h.task.section
        if section != current:
            if current is not None:
                out.append("</tbody></table>")
            current = section
            out.append(f"<h3>{section_number(section)}、{_e(titles.get(section, ''))}</h3>")
            out.append('<table><colgroup><col class="id"><col class="label"><col class="actual">'
                       '<col class="bar"><col class="pct"><col class="pct"><col class="st">'
                       '<col class="trend"></colgroup>'
                       "<thead><tr><th>编号</th><th>指标</th><th class=\"num\">实际/目标</th>"
                       "<th>完成进度</th><th class=\"num\">完成</th><th class=\"num\">序时</th>"
                       "<th>状态</th><th>趋势</th></tr></thead><tbody>")
        s = h.standing
        out.append(f'<tr class="target" data-id="{_e(h.target.id)}"><td class="id">{_e(h.target.id)}</td>'
                   f"<td>{_e(h.target.label)}</td>"
                   f'<td class="num">{_e(actual_of_target(s))}</td><td>{progress_bar(h)}</td>'
                   f'<td class="num">{percent(s.progress)}</td><td class="num">{percent(s.expected)}</td>'
                   f"<td>{_status(s.status)}</td><td>{trend_chart(h, start)}</td></tr>")
    if current is not None:
        out.append("</tbody></table>")
    out.append("</section>")
    return out


def _tasks(b: Bulletin) -> list[str]:
    if not b.tasks:
        return []
    out = ['<section id="tasks">', "<h2>无数值任务</h2>",
           "<table><thead><tr><th>任务</th><th>名称</th><th>状态</th><th>报送</th></tr></thead><tbody>"]
    for t in b.tasks:
        state = f"{t.state.value}（{t.state_date}）" if t.state else "—"
        out.append(f'<tr><td class="id">{t.task.number}</td><td>{_e(t.task.title)}</td>'
                   f"<td>{_status(t.status)}</td><td>{_e(state)}</td></tr>")
    out += ["</tbody></table>", "</section>"]
    return out


# ---------------------------------------------------------------- Markdown


def markdown(b: Bulletin) -> str:
    plan = b.plan.plan
    total = sum(b.counts.values())
    out = [f"# {md_cell(plan.title)} 进度通报", "",
           f"{md_cell(plan.document_number)} · 截至 {b.as_of} · 序时进度 {percent(b.expected)}", "",
           "## 总体情况", "", "| 状态 | 指标数 | 占比 |", "| --- | ---: | ---: |"]
    out += [f"| {ZH[s]} | {b.counts[s]} | {_share(b.counts[s], total)} |" for s in SHOWN]
    out += [f"| 合计 | {total} | |", "", "## 各部分指标状态", "",
            "| 部分 | " + " | ".join(ZH[s] for s in SHOWN) + " | 合计 |",
            "| --- |" + " ---: |" * (len(SHOWN) + 1)]
    for s in b.sections:
        if s.total:
            out.append(f"| {section_number(s.number)}、{md_cell(s.title)} | "
                       + " | ".join(str(s.counts[x]) for x in SHOWN) + f" | {s.total} |")
    c = b.changes
    if c is not None:
        out += ["", f"## 本期变化（{c.start} 至 {c.end}）", "",
                f"状态变化 {len(c.moves)} 个，新报数据 {len(c.new)} 条，"
                f"{c.month:%Y年%m月}未报送 {len(c.stale)} 个。"]
        if c.moves:
            out += ["", "| 编号 | 指标 | 之前 | 之后 |", "| --- | --- | --- | --- |"]
            out += [f"| {md_cell(m.line.id)} | {md_cell(m.line.label)} | {ZH[m.before]} | "
                    f"{'↓' if m.worse else '↑'} {ZH[m.after]} |" for m in c.moves]
    late = behind_pace(b)
    if late:
        out += ["", f"## 按当前进度将无法完成（{len(late)} 个）", "", "| 编号 | 指标 | 预计 |",
                "| --- | --- | --- |"]
        out += [f"| {md_cell(h.target.id)} | {md_cell(h.target.label)} | "
                f"{md_cell(projection_sentence(h, 'zh', b.plan.grading.approx_tolerance))} |"
                for h in late]
    out += ["", "## 各部门情况", "", "每格：牵头/责任。", "",
            "| 部门 | 牵头 | 责任 | " + " | ".join(ZH[s] for s in SEVERITY) + " |",
            "| --- |" + " ---: |" * (len(SEVERITY) + 2)]
    for d in b.departments:
        cells = [f"{d.lead[s]}/{d.shared[s]}" if d.lead[s] or d.shared[s] else "·"
                 for s in SEVERITY]
        out.append(f"| {md_cell(d.name)} | {d.lead_total} | {d.shared_total} | " + " | ".join(cells) + " |")
    out += ["", "## 各指标进度"]
    titles = {s.number: s.title for s in b.plan.sections}
    current = None
    for h in b.targets:
        if h.task.section != current:
            current = h.task.section
            out += ["", f"### {section_number(current)}、{md_cell(titles.get(current, ''))}", "",
                    "| 编号 | 指标 | 实际/目标 | 完成 | 序时 | 状态 | 趋势 |",
                    "| --- | --- | ---: | ---: | ---: | --- | --- |"]
        s = h.standing
        out.append(f"| {md_cell(h.target.id)} | {md_cell(h.target.label)} | {md_cell(actual_of_target(s))} | "
                   f"{percent(s.progress)} | {percent(s.expected)} | {ZH[s.status]} | "
                   f"{h.sparkline or '—'} |")
    if b.tasks:
        out += ["", "## 无数值任务", "", "| 任务 | 名称 | 状态 | 报送 |", "| --- | --- | --- | --- |"]
        for t in b.tasks:
            state = f"{t.state.value}（{t.state_date}）" if t.state else "—"
            out.append(f"| {t.task.number} | {md_cell(t.task.title)} | {ZH[t.status]} | {state} |")
    return "\n".join(out) + "\n"
