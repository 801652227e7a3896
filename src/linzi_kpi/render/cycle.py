"""The monthly-cycle views as rows (JSON, CSV), Rich tables and Markdown: department
scorecards, a target's history, and what changed between two dates. Values in, text out."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from ..compute.changes import Changes
from ..compute.changes import Line as ChangeLine
from ..compute.history import History, Pace, Projection, places_of
from ..compute.scorecard import DepartmentDetail, RoleReport, Scorecard
from ..enums import Comparator, Rule, Status
from ..grading import SEVERITY, Standing, TaskStanding
from ..i18n import NP_, Vocabulary, catalogue
from ..model import Plan, Record
from ..query import canonical
from ..values import format_number
from .labels import HEADERS, STATUS, STYLE, counted, period_note, state_label
from .numbers import rate_target
from .rows import STANDING_FIELDS, fraction, number, record_row, standing_row
from .standing import Line, lines_of, md_cell, percent, points, rate_of, rate_short
from .status import status_text

WORDS: Vocabulary[str] = Vocabulary({
    'department': NP_('cycle', 'department'),
    'lead': NP_('cycle', 'lead'),
    'shared': NP_('cycle', 'shared'),
    'count': NP_('cycle count', 'lines'),
    'cell': NP_('cycle', 'each cell: lead/shared'),
    'lines': NP_('cycle', 'lines'),
    'none': NP_('cycle', 'none'),
    'trend': NP_('cycle', 'trend'),
    'corrected': NP_('cycle', ' (corrected)'),
    'moves': NP_('cycle', 'status moves'),
    'new': NP_('cycle', 'new figures'),
    'stale': NP_('cycle', 'not reported'),
    'before': NP_('cycle', 'before'),
    'after': NP_('cycle', 'after'),
    'last': NP_('cycle', 'last figure'),
    'never': NP_('cycle', 'never'),
    'pace': NP_('cycle', 'pace so far'),
    'from_to': NP_('cycle', 'to'),
    'collective': NP_('cycle', ' (collective)'),
    'behind': NP_('cycle', 'behind'),
    'ranked': NP_('cycle', 'ranked by the share of lines behind (missed, off track, at risk, '
                           'and those without a figure that it owes)'),
    'notes': NP_('cycle', 'notes'),
})


def _table(*, title: Text | None = None, caption: str | None = None) -> Table:
    """A table of the cycle's views: a title or a caption, each set flush left."""
    return Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False,
                 title=title, title_justify="left", caption=caption, caption_justify="left")


def counts_object(counts: dict[Status, int]) -> dict[str, int]:
    """Counts keyed by status value, in the order of ``Status`` (as ``Report.summary``)."""
    return {s.value: counts.get(s, 0) for s in Status}


# ---------------------------------------------------------------- kpi dept

SCORECARD_FIELDS = (("department", "collective", "lead_total")
                    + tuple(f"lead_{s.value}" for s in Status) + ("shared_total",)
                    + tuple(f"shared_{s.value}" for s in Status))


def scorecard_row(card: Scorecard) -> dict[str, object]:
    row: dict[str, object] = {"department": card.name,
                              "collective": "true" if card.collective else "false",
                              "lead_total": card.lead_total}
    row.update((f"lead_{s.value}", card.lead[s]) for s in Status)
    row["shared_total"] = card.shared_total
    row.update((f"shared_{s.value}", card.shared[s]) for s in Status)
    return row


def scorecards_object(as_of: object, cards: Sequence[Scorecard]) -> dict[str, object]:
    return {"as_of": str(as_of),
            "departments": [{"department": c.name, "collective": c.collective,
                             "lead": counts_object(c.lead), "lead_total": c.lead_total,
                             "shared": counts_object(c.shared), "shared_total": c.shared_total,
                             "unreported": c.unreported, "behind": c.behind}
                            for c in cards]}


def _pair(lead: int, shared: int) -> str:
    return "·" if not lead and not shared else f"{lead}/{shared}"


def behind_cell(card: Scorecard) -> str:
    return f"{card.behind_share * 100:.0f}%"


#: Cells of a department's name that the scorecards keep on one line: 区综合行政执法局.
NAME_WIDTH = 16


def scorecards_table(cards: Sequence[Scorecard], as_of: object, lang: str,
                     period_end: object = None) -> Group:
    """One row per department, ranked by the share of its lines behind; each row in the colour
    of its worst status (its counts say the same in text).

    Built for the width it is printed at: where the headers do not fit on one line (the English
    ones at 80 columns), each takes two (off / track), so that no column is cut off."""
    h, w = HEADERS[lang], WORDS[lang]
    rows = [[c.name, _pair(c.lead_total, c.shared_total), behind_cell(c),
             *[_pair(c.lead[s], c.shared[s]) for s in SEVERITY]] for c in cards]
    heads = [w["department"], w["count"], w["behind"], *[STATUS[lang][s] for s in SEVERITY]]

    def build(columns: int) -> Table:
        widths = [max(cell_len(text) for text in [head, *(row[i] for row in rows)])
                  for i, head in enumerate(heads)]
        widths[0] = min(widths[0], NAME_WIDTH)  # a longer name folds
        # each gap between columns is a separator and two cells of padding
        split = sum(widths) + 3 * (len(widths) - 1) > columns
        table = _table(caption=f"{w['cell']} · {w['ranked']}")
        table.add_column(w["department"], ratio=1, min_width=8, overflow="fold")
        table.add_column(w["count"], justify="right", no_wrap=True)
        table.add_column(w["behind"], justify="right", no_wrap=True)
        for status in SEVERITY:
            word = STATUS[lang][status]
            table.add_column(Text(word.replace(" ", "\n") if split else word, style=STYLE[status],
                                  justify="right"), justify="right", no_wrap=True)
        for c, row in zip(cards, rows, strict=True):
            table.add_row(Text(c.name), *row[1:], style=STYLE[c.worst])
        return table

    return Group(_head(f"{h['as_of']} {as_of}", as_of, period_end, lang), _AtWidth(build))


class _AtWidth:
    """A table built when Rich prints it, for the width it has there."""

    def __init__(self, build: Callable[[int], Table]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width)


def _head(text: str, as_of: object, period_end: object, lang: str) -> Text:
    """A bold header line, and under it a word when the as-of date is past the plan period."""
    head = Text(text, style="bold")
    ended = period_note(period_end, as_of, lang) if period_end is not None else None
    if ended:
        head.append("\n" + ended, style="yellow")
    return head


def scorecards_markdown(cards: Sequence[Scorecard], as_of: object, lang: str) -> str:
    h, w = HEADERS[lang], WORDS[lang]
    head = [w["department"], w["lead"], w["shared"], w["behind"]] + [STATUS[lang][s] for s in SEVERITY]
    lines = [f"**{h['as_of']} {as_of}** — {w['cell']} · {w['ranked']}", "",
             "| " + " | ".join(head) + " |", "| --- |" + " ---: |" * (len(head) - 1)]
    for c in cards:
        cells = [md_cell(c.name), str(c.lead_total), str(c.shared_total), behind_cell(c)]
        cells += [_pair(c.lead[s], c.shared[s]) for s in SEVERITY]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _task_row(ts: TaskStanding) -> dict[str, object]:
    return {"task": ts.task.number, "title": ts.task.title, "section": ts.task.section,
            "status": ts.status.value, "state": ts.state.value if ts.state else None,
            "state_date": ts.state_date.isoformat() if ts.state_date else None}


def role_object(plan: Plan, part: RoleReport) -> dict[str, object]:
    return {"counts": counts_object(part.counts()),
            "targets": [standing_row(plan, s) for s in part.targets],
            "tasks": [_task_row(t) for t in part.tasks if not t.task.targets]}


def detail_notes(plan: Plan, detail: DepartmentDetail,
                 notes: Mapping[str, Record]) -> list[tuple[str, str, Record]]:
    """The latest note of each of the department's lines, in plan order: (id, label, record)."""
    found: list[tuple[str, str, Record]] = []
    for part in (detail.lead, detail.shared):
        own: dict[int, list[Standing]] = {}
        for s in part.targets:
            own.setdefault(s.task.number, []).append(s)
        for t in part.tasks:
            keys = ([(s.target.id, s.target.label) for s in own.get(t.task.number, [])]
                    if t.task.targets else [(str(t.task.number), t.task.title)])
            found += [(k, label, notes[k]) for k, label in keys if k in notes]
    return found


def detail_object(plan: Plan, detail: DepartmentDetail, as_of: object,
                  notes: Mapping[str, Record] | None = None) -> dict[str, object]:
    out: dict[str, object] = {
        "as_of": str(as_of), "department": detail.name, "collective": detail.collective,
        "lead": role_object(plan, detail.lead), "shared": role_object(plan, detail.shared)}
    if notes is not None:
        out["notes"] = [{"id": k, "note": r.note, "date": r.date.isoformat(), "by": r.by}
                        for k, _, r in detail_notes(plan, detail, notes)]
    return out


DETAIL_FIELDS = ("role",) + STANDING_FIELDS


def detail_rows(plan: Plan, detail: DepartmentDetail) -> list[dict[str, object]]:
    """CSV rows: each target with its role; a task that carries no number as a row of its own
    (id = task number, label = its title, status from its state)."""
    rows: list[dict[str, object]] = []
    for part in (detail.lead, detail.shared):
        own: dict[int, list[Standing]] = {}
        for s in part.targets:
            own.setdefault(s.task.number, []).append(s)
        for t in part.tasks:
            rows.extend({"role": part.role, **standing_row(plan, s)}
                        for s in own.get(t.task.number, []))
            if not t.task.targets:
                rows.append({"role": part.role, "id": str(t.task.number), "task": t.task.number,
                             "section": t.task.section, "label": t.task.title,
                             "lead": canonical(plan, t.task.lead),
                             "responsible": canonical(plan, t.task.responsible),
                             "actual_date": t.state_date.isoformat() if t.state_date else None,
                             "status": t.status.value})
    return rows


def _role_lines(part: RoleReport, lang: str = "en") -> list[Line]:
    own: dict[int, list[Standing]] = {}
    for s in part.targets:
        own.setdefault(s.task.number, []).append(s)
    return [line for ts in part.tasks for line in lines_of(ts, own.get(ts.task.number, []), lang)]


def _counts_text(counts: dict[Status, int], lang: str) -> Text:
    text = Text()
    parts = [(s, counts[s]) for s in SEVERITY if counts[s]]
    for i, (status, n) in enumerate(parts):
        if i:
            text.append(" · ")
        text.append(f"{STATUS[lang][status]} {n}", style=STYLE[status])
    return text


def detail_table(detail: DepartmentDetail, as_of: object, lang: str, columns: int = 80,
                 period_end: object = None,
                 notes: Sequence[tuple[str, str, Record]] = ()) -> Group:
    from .status import bar_width

    h, w = HEADERS[lang], WORDS[lang]
    name = detail.name + (w["collective"] if detail.collective else "")
    parts: list[RenderableType] = [_head(f"{name}\n{h['as_of']} {as_of}", as_of, period_end, lang)]
    for part in (detail.lead, detail.shared):
        lines = _role_lines(part, lang)
        title = Text(f"{w[part.role]} ({counted(len(lines), w['lines'])}): ", style="bold")
        title.append_text(_counts_text(part.counts(), lang) if lines else Text(w["none"]))
        if not lines:
            parts.append(title)
            continue
        table = _table(title=title)
        table.add_column(h["id"], no_wrap=True)
        table.add_column(h["label"], ratio=1, min_width=8, overflow="fold")
        table.add_column(h["actual"], justify="right", overflow="fold")
        table.add_column(h["progress"], no_wrap=True)
        table.add_column(h["expected"], justify="right", no_wrap=True)
        table.add_column(h["status"], no_wrap=True)
        for x in lines:
            table.add_row(x.id, Text(x.label, style="italic" if x.is_task else ""), x.actual,
                          x.progress_cell(bar_width(columns)), x.expected,
                          status_text(x.status, lang))
        parts.append(table)
    if notes:
        table = _table(title=Text(f"{w['notes']} ({len(notes)})", style="bold"))
        table.add_column(h["id"], no_wrap=True)
        table.add_column(h["label"], ratio=1, min_width=8, overflow="fold")
        table.add_column(h["date"], no_wrap=True)
        table.add_column(w["notes"], ratio=2, overflow="fold")
        for key, label, r in notes:
            table.add_row(key, label, str(r.date), r.note)
        parts.append(table)
    return Group(*parts)


def detail_markdown(detail: DepartmentDetail, as_of: object, lang: str,
                    notes: Sequence[tuple[str, str, Record]] = ()) -> str:
    h, w = HEADERS[lang], WORDS[lang]
    out = [f"**{md_cell(detail.name)}** — {h['as_of']} {as_of}"]
    for part in (detail.lead, detail.shared):
        lines = _role_lines(part, lang)
        counts = part.counts()
        summary = " · ".join(f"{STATUS[lang][s]} {counts[s]}" for s in SEVERITY if counts[s])
        out += ["", f"### {w[part.role]} ({counted(len(lines), w['lines'])})" + (f": {summary}" if summary else "")]
        if not lines:
            out += ["", w["none"]]
            continue
        out += ["", f"| {h['id']} | {h['label']} | {h['actual']} | {h['progress']} | "
                    f"{h['expected']} | {h['status']} |",
                "| --- | --- | ---: | ---: | ---: | --- |"]
        for x in lines:
            out.append(f"| {md_cell(x.id)} | {md_cell(x.label)} | {x.md_actual()} | "
                       f"{x.progress_text} | {x.expected} | {STATUS[lang][x.status]} |")
    if notes:
        out += ["", f"### {w['notes']} ({len(notes)})", "",
                f"| {h['id']} | {h['label']} | {h['date']} | {w['notes']} |",
                "| --- | --- | --- | --- |"]
        out += [f"| {md_cell(k)} | {md_cell(label)} | {r.date} | {md_cell(r.note)} |"
                for k, label, r in notes]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- kpi history


def amount(value: float, places: int, unit: str = "") -> str:
    """``1,080``; ``50.7`` with one place; no trailing zeros, none for a count (render.numbers)."""
    from .numbers import figure

    return figure(value, unit, places)


def pace_sentence(h: History, lang: str) -> str:
    p: Pace | None = h.pace
    unit = h.target.unit
    if p is None:
        return ""
    t = catalogue(lang)
    places = places_of(h.target.target, p.end_value, p.start_value)
    daily = f"{p.per_day:,.2f}"
    if p.method == "from_start":
        latest = [pt for pt in h.points if pt.counts][-1].standing
        return t.gettext("pace so far: {value} {unit} by {end} ({daily} {unit} a day), {done} "
                         "done at {expected} 序时进度").format(
            value=amount(p.end_value, places, unit), unit=unit, end=p.end_date, daily=daily,
            done=percent(latest.progress), expected=percent(latest.expected))
    moved = p.end_value - p.start_value
    sentence = (t.gettext("pace so far: +{moved} {unit} from {start} to {end} ({daily} {unit} a "
                          "day)") if moved >= 0 else
                t.gettext("pace so far: −{moved} {unit} from {start} to {end} ({daily} {unit} a "
                          "day)"))
    return sentence.format(moved=amount(abs(moved), places, unit), unit=unit,
                           start=p.start_date, end=p.end_date, daily=daily)


WHY_NOT: Vocabulary[str] = Vocabulary({
    'no_figures': NP_('projection', 'no figures yet: no projection'),
    'needs_two_figures': NP_('projection', 'a level needs two figures (or a baseline) for a projection'),
    'deadline_passed': NP_('projection', 'the deadline has passed: no projection'),
    'already_met': NP_('projection', 'already met'),
})


def rate_sentence(h: History, lang: str) -> str:
    """What a rate's history says in place of a projection: the rate so far against its
    target, and by how many percentage points it falls short (or holds)."""
    t = catalogue(lang)
    s = h.standing
    if s.actual is None or s.gap is None:
        return t.gettext("a rate, held to its target directly (no projection by pace): {rate}, "
                         "no figure yet").format(rate=rate_of(s))
    short = rate_short(s)
    verdict = (t.gettext("holding") if short is None
               else t.gettext("{points} percentage points short").format(points=f"{short:g}"))
    return t.gettext("a rate, held to its target directly (no projection by pace): {rate}, "
                     "{verdict}").format(rate=rate_of(s), verdict=verdict)


def projection_sentence(h: History, lang: str, tolerance: float = 0.05) -> str:
    """``at this pace: 1,080 of 1,200 by 2023-12-31, short by 120``."""
    p: Projection | None = h.projection
    if p is None and h.why_not == "rate":
        return rate_sentence(h, lang)
    if p is None:
        return WHY_NOT[lang].get(h.why_not, "")
    unit = h.target.unit
    v, t, gap = (amount(p.value, p.places, unit), amount(p.target, p.places, unit),
                 amount(abs(p.gap), p.places, unit))
    words = catalogue(lang)
    fill = {"value": v, "target": t, "gap": gap, "unit": unit, "deadline": p.deadline}
    if p.comparator is Comparator.at_most:
        verdict = (words.gettext("{gap} under it") if p.gap <= 0 else
                   words.gettext("over it by {gap}")).format(**fill)
        return words.gettext("at this pace: {value} against a ceiling of {target} by {deadline}, "
                             "{verdict}").format(verdict=verdict, **fill)
    if p.comparator is Comparator.maintain_at_least:
        verdict = (words.gettext("above it by {gap}") if p.gap >= 0 else
                   words.gettext("below it by {gap}")).format(**fill)
        return words.gettext("at this pace: {value} against a floor of {target} by {deadline}, "
                             "{verdict}").format(verdict=verdict, **fill)
    if p.gap >= 0:
        verdict = (words.gettext("reaching it exactly") if p.gap == 0 else
                   words.gettext("ahead by {gap}").format(**fill))
    else:
        verdict = words.gettext("short by {gap}").format(**fill) + (
            words.gettext(", within the {tolerance:.0%} that 左右 allows").format(
                tolerance=tolerance) if p.reaches else "")
    return words.gettext("at this pace: {value} of {target} by {deadline}, {verdict}").format(
        verdict=verdict, **fill)


def history_object(plan: Plan, h: History, lang: str = "en") -> dict[str, object]:
    pace = h.pace
    proj = h.projection
    return {
        "target": standing_row(plan, h.standing),
        "as_of": h.as_of.isoformat(),
        "figures": [{**record_row(pt.record), "counts": pt.counts,
                     "progress": fraction(pt.standing.progress),
                     "expected": fraction(pt.standing.expected),
                     "gap": fraction(pt.standing.gap),
                     "status": pt.standing.status.value} for pt in h.points],
        "series": [{"date": r.date.isoformat(), "value": number(r.value)} for r in h.series],
        "sparkline": h.sparkline,
        "pace": None if pace is None else {
            "method": pace.method, "from_value": number(pace.start_value),
            "from_date": pace.start_date.isoformat(), "to_value": number(pace.end_value),
            "to_date": pace.end_date.isoformat(), "per_day": round(pace.per_day, 6)},
        "projection": None if proj is None else {
            "value": number(proj.value), "target": number(proj.target),
            "deadline": proj.deadline.isoformat(), "gap": number(proj.gap),
            "reaches": proj.reaches},
        "no_projection": h.why_not or None,
        "summary": projection_sentence(h, lang, plan.grading.approx_tolerance),
    }


def history_table(plan: Plan, h: History, lang: str) -> Group:
    hd, w = HEADERS[lang], WORDS[lang]
    t = h.target
    rate = h.standing.rule is Rule.rate
    head = Text(f"{t.id} {t.label}", style="bold")
    goal = (rate_target(t.target, t.unit, t.comparator.value) if rate
            else f"{format_number(t.target)} {t.unit}")
    head.append(f"\n{hd['target']} {goal} · {hd['deadline']} "
                f"{h.standing.deadline} · {hd['as_of']} {h.as_of}: ")
    head.append_text(status_text(h.standing.status, lang))
    parts: list[RenderableType] = [head]
    if h.points:
        table = _table()
        # a rate: the rate so far and the points it is behind, not progress against 序时进度
        middle = ((("gap", {"justify": "right"}),) if rate else
                  (("progress", {"justify": "right"}), ("expected", {"justify": "right"})))
        for key, opts in (("date", {"no_wrap": True}), ("value", {"justify": "right"}), *middle,
                          ("status", {"no_wrap": True}), ("by", {}),
                          ("source", {"overflow": "fold", "ratio": 1})):
            table.add_column(hd[key], **opts)
        for pt in h.points:
            s = pt.standing
            value = format_number(pt.record.value) if pt.record.value is not None else "—"
            if rate and pt.record.value is not None:
                value = value.replace("-", "−") + t.unit
            style = "" if pt.counts else "dim strike"
            cells = [points(s.gap)] if rate else [percent(s.progress), percent(s.expected)]
            table.add_row(str(pt.record.date), Text(value + ("" if pt.counts else w["corrected"]),
                                                    style=style),
                          *cells, status_text(s.status, lang),
                          pt.record.by, pt.record.source)
        parts.append(table)
        parts.append(Text(f"{w['trend']} {h.sparkline}"))
    sentence = pace_sentence(h, lang)
    if sentence:
        parts.append(Text(sentence))
    parts.append(Text(projection_sentence(h, lang, plan.grading.approx_tolerance), style="bold"))
    return Group(*parts)


# ---------------------------------------------------------------- kpi changes


def _line_object(plan: Plan, line: ChangeLine) -> dict[str, object]:
    return {"id": line.id, "task": line.task.number, "label": line.label, "unit": line.unit,
            "lead": canonical(plan, line.task.lead),
            "responsible": canonical(plan, line.task.responsible)}


def changes_object(plan: Plan, c: Changes) -> dict[str, object]:
    return {
        "from": c.start.isoformat(), "to": c.end.isoformat(),
        "reporting_month": f"{c.month:%Y-%m}",
        "moves": [{**_line_object(plan, m.line), "before": m.before.value, "after": m.after.value,
                   "before_value": number(m.before_value), "after_value": number(m.after_value),
                   "direction": "worse" if m.worse else "better"} for m in c.moves],
        "new": [record_row(r) for r in c.new],
        "stale": [{**_line_object(plan, s.line),
                   "last_date": s.last.date.isoformat() if s.last else None} for s in c.stale],
    }


def _value(v: float | None, unit: str) -> str:
    return "—" if v is None else f"{format_number(v)} {unit}".strip()


def _labels(plan: Plan, c: Changes) -> dict[str, str]:
    out = {}
    for task in plan.tasks:
        out[str(task.number)] = task.title
        out.update((t.id, t.label) for t in task.targets)
    return out


def stale_by_department(plan: Plan, c: Changes) -> list[tuple[str, list[str]]]:
    """Stale lines grouped by the department that owes them (``compute.owed``), most first."""
    from ..compute.owed import by_department

    return [(o.department or "—", [s.line.id for s in o.lines])
            for o in by_department(plan, c.stale)]


def changes_table(plan: Plan, c: Changes, lang: str) -> Group:
    hd, w = HEADERS[lang], WORDS[lang]
    labels = _labels(plan, c)
    parts: list[RenderableType] = [Text(f"{c.start} {w['from_to']} {c.end}", style="bold")]
    title = Text(f"{w['moves']} ({len(c.moves)})", style="bold")
    if c.moves:
        table = _table(title=title)
        table.add_column(hd["id"], no_wrap=True)
        table.add_column(hd["label"], ratio=1, min_width=8, overflow="fold")
        table.add_column(w["before"], no_wrap=True)
        table.add_column(w["after"], no_wrap=True)
        table.add_column(hd["value"], justify="right", overflow="fold")
        for m in c.moves:
            arrow = Text("↓ " if m.worse else "↑ ")
            arrow.append_text(status_text(m.after, lang))
            table.add_row(m.line.id, m.line.label, status_text(m.before, lang), arrow,
                          f"{_value(m.before_value, m.line.unit)} → {_value(m.after_value, m.line.unit)}")
        parts.append(table)
    else:
        parts.append(title + Text(f": {w['none']}"))
    title = Text(f"{w['new']} ({len(c.new)})", style="bold")
    if c.new:
        table = _table(title=title)
        for key in ("date", "id", "label", "value", "by", "source"):
            table.add_column(hd[key], overflow="fold",
                             ratio=1 if key in ("label", "source") else None)
        for r in c.new:
            value = _value(r.value, r.unit) if r.value is not None else state_label(r.state, lang, "")
            table.add_row(str(r.date), r.target, labels.get(r.target, ""), value, r.by, r.source)
        parts.append(table)
    else:
        parts.append(title + Text(f": {w['none']}"))
    title = Text(f"{w['stale']} {c.month:%Y-%m} ({len(c.stale)})", style="bold")
    if c.stale:
        table = _table(title=title)
        table.add_column(w["department"], overflow="fold", min_width=8)
        table.add_column(hd["id"], ratio=1, overflow="fold")
        for name, ids in stale_by_department(plan, c):
            table.add_row(name, " ".join(ids))
        parts.append(table)
    else:
        parts.append(title + Text(f": {w['none']}"))
    return Group(*parts)


def changes_markdown(plan: Plan, c: Changes, lang: str) -> str:
    hd, w = HEADERS[lang], WORDS[lang]
    labels = _labels(plan, c)
    out = [f"**{c.start} {w['from_to']} {c.end}**", "", f"### {w['moves']} ({len(c.moves)})", ""]
    if c.moves:
        out += [f"| {hd['id']} | {hd['label']} | {w['before']} | {w['after']} | {hd['value']} |",
                "| --- | --- | --- | --- | ---: |"]
        out += [f"| {md_cell(m.line.id)} | {md_cell(m.line.label)} | {STATUS[lang][m.before]} | "
                f"{'↓' if m.worse else '↑'} {STATUS[lang][m.after]} | "
                f"{md_cell(_value(m.before_value, m.line.unit))} → "
                f"{md_cell(_value(m.after_value, m.line.unit))} |"
                for m in c.moves]
    else:
        out.append(w["none"])
    out += ["", f"### {w['new']} ({len(c.new)})", ""]
    if c.new:
        out += [f"| {hd['date']} | {hd['id']} | {hd['label']} | {hd['value']} | {hd['by']} | "
                f"{hd['source']} |", "| --- | --- | --- | ---: | --- | --- |"]
        for r in c.new:
            value = _value(r.value, r.unit) if r.value is not None else state_label(r.state, lang, "")
            out.append(f"| {r.date} | {md_cell(r.target)} | {md_cell(labels.get(r.target, ''))} | {md_cell(value)} | "
                       f"{md_cell(r.by)} | {md_cell(r.source)} |")
    else:
        out.append(w["none"])
    out += ["", f"### {w['stale']} {c.month:%Y-%m} ({len(c.stale)})", ""]
    if c.stale:
        out += [f"| {w['department']} | {hd['id']} |", "| --- | --- |"]
        out += [f"| {md_cell(name)} | {md_cell(' '.join(ids))} |" for name, ids in stale_by_department(plan, c)]
    else:
        out.append(w["none"])
    return "\n".join(out) + "\n"
