"""``kpi changes``: what changed between two dates, as JSON, a table and Markdown.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from ..compute.changes import Changes
from ..compute.changes import Line as ChangeLine
from ..model import Plan
from ..query import canonical
from ..values import format_number
from .cycle_base import WORDS, cycle_table
from .labels import HEADERS, STATUS, state_label
from .rows import number, record_row
from .standing import md_cell
from .status import status_text

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
        table = cycle_table(title=title)
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
        table = cycle_table(title=title)
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
        table = cycle_table(title=title)
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
