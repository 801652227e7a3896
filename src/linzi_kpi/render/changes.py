"""``kpi changes``: what changed between two dates, as JSON, and built once as a ``Document``
(its table on a terminal and its Markdown).
"""

from __future__ import annotations

from ..compute.changes import Changes
from ..compute.changes import Line as ChangeLine
from ..model import Plan
from ..query import canonical
from ..values import format_number
from .cycle_base import WORDS
from .document import Cell, Column, Document, Part, Row, Table, Text
from .labels import HEADERS, STATUS, state_label
from .rows import number, record_row

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


def changes_document(plan: Plan, c: Changes, lang: str) -> Document:
    """The view built once: its dates, then the status moves, the new figures and what went
    unreported, each a table (or the word for none); ``document.markdown`` and
    ``terminal.render`` write it."""
    hd, w = HEADERS[lang], WORDS[lang]
    labels = _labels(plan, c)
    names = STATUS[lang]
    moves = Table("moves", (Column(hd["id"]), Column(hd["label"], wrap=True),
                            Column(w["before"]), Column(w["after"]),
                            Column(hd["value"], num=True)), tuple(
        Row((Cell(m.line.id), Cell(m.line.label), Cell(names[m.before], m.before),
             Cell(f"{'↓' if m.worse else '↑'} {names[m.after]}", m.after),
             Cell(f"{_value(m.before_value, m.line.unit)} → {_value(m.after_value, m.line.unit)}")),
            key=m.line.id)
        for m in c.moves), title=f"{w['moves']} ({len(c.moves)})", empty=w["none"])
    new = Table("new", (Column(hd["date"]), Column(hd["id"]), Column(hd["label"], wrap=True),
                        Column(hd["value"], num=True), Column(hd["by"]),
                        Column(hd["source"], wrap=True)), tuple(
        Row((Cell(str(r.date)), Cell(r.target), Cell(labels.get(r.target, "")),
             Cell(_value(r.value, r.unit) if r.value is not None
                  else state_label(r.state, lang, "")),
             Cell(r.by), Cell(r.source)), key=r.target)
        for r in c.new), title=f"{w['new']} ({len(c.new)})", empty=w["none"])
    # the ids a department owes break between ids, never inside one
    stale = Table("stale", (Column(w["department"]), Column(hd["id"], wrap=True)), tuple(
        Row((Cell(name), Cell(" ".join(ids)))) for name, ids in stale_by_department(plan, c)),
        title=f"{w['stale']} {c.month:%Y-%m} ({len(c.stale)})", empty=w["none"])
    dates = Text(f"{c.start} {w['from_to']} {c.end}", kind="strong")
    return Document(lang=lang, title=dates.text, heading="", meta="",
                    parts=(Part("changes", "", (dates, moves, new, stale)),))
