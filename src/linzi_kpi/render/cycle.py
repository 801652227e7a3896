"""The monthly-cycle views as rows (JSON, CSV) and built once as a ``Document`` (its table on a
terminal and its Markdown): department scorecards and one department's detail here; a
target's history (``history.py``) and what changed between two dates (``changes.py``),
importable from here too. Values in, text out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from ..compute.scorecard import DepartmentDetail, RoleReport, Scorecard
from ..enums import Status
from ..grading import SEVERITY, Standing, TaskStanding
from ..model import Plan, Record
from ..query import canonical
from .changes import changes_document, changes_object, stale_by_department
from .cycle_base import WORDS
from .document import Block, Cell, Column, Document, Part, Row, Table
from .document import Text as DocText
from .history import (
    amount,
    history_document,
    history_object,
    pace_sentence,
    projection_sentence,
    rate_sentence,
)
from .labels import HEADERS, STATUS, counted, period_note
from .rows import STANDING_FIELDS, figure_fields, standing_row
from .standing import Line, lines_of

__all__ = ["WORDS", "amount", "changes_document", "changes_object",
           "history_document", "history_object", "pace_sentence", "projection_sentence",
           "rate_sentence", "stale_by_department"]


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


def scorecards_object(as_of: dt.date, cards: Sequence[Scorecard]) -> dict[str, object]:
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


def _head(text: str, as_of: dt.date, period_end: dt.date | None, lang: str,
          then: str = "") -> list[Block]:
    """A report's first line, bold, and under it a warning when the as-of date is past the plan
    period."""
    out: list[Block] = [DocText(text, kind="strong", then=(Cell(then),) if then else ())]
    ended = period_note(period_end, as_of, lang) if period_end is not None else None
    return out + [DocText(ended, kind="banner")] if ended else out


def _document(lang: str, blocks: list[Block]) -> Document:
    return Document(lang=lang, title="", heading="", meta="",
                    parts=(Part("dept", "", tuple(blocks)),))


def scorecards_document(cards: Sequence[Scorecard], as_of: dt.date, lang: str,
                        period_end: dt.date | None = None) -> Document:
    """One row per department, ranked by the share of its lines behind, each cell its count of
    lines it leads and shares (lead/shared); each row in the colour of its worst status (its
    counts say the same in words), each status's column headed in its colour. A terminal
    writes the heads a word to a line (off / track) where they do not fit on one."""
    h, w = HEADERS[lang], WORDS[lang]
    columns = (Column(w["department"], wrap=True), Column(w["count"], num=True),
               Column(w["behind"], num=True),
               *(Column(STATUS[lang][s], num=True, status=s) for s in SEVERITY))
    rows = tuple(Row((Cell(c.name), Cell(_pair(c.lead_total, c.shared_total)), Cell(behind_cell(c)),
                      *(Cell(_pair(c.lead[s], c.shared[s])) for s in SEVERITY)),
                     key=c.name, status=c.worst) for c in cards)
    return _document(lang, [*_head(f"{h['as_of']} {as_of}", as_of, period_end, lang),
                            Table("scorecards", columns, rows),
                            DocText(f"{w['cell']} · {w['ranked']}", kind="note")])


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


def detail_object(plan: Plan, detail: DepartmentDetail, as_of: dt.date,
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
                             "status": t.status.value, **figure_fields(t.record)})
    return rows


def _role_lines(part: RoleReport, lang: str = "en") -> list[Line]:
    own: dict[int, list[Standing]] = {}
    for s in part.targets:
        own.setdefault(s.task.number, []).append(s)
    return [line for ts in part.tasks for line in lines_of(ts, own.get(ts.task.number, []), lang)]


def _counts(counts: dict[Status, int], lang: str) -> tuple[Cell, ...]:
    """``: 预警 1 · 正常 2``, each count in its status's colour (nothing when all are none)."""
    said: list[Cell] = []
    for status in (s for s in SEVERITY if counts[s]):
        said += [Cell(" · " if said else ": "), Cell(f"{STATUS[lang][status]} {counts[status]}",
                                                     status)]
    return tuple(said)


def _progress(x: Line) -> Cell:
    """完成进度: a share with its bar on a terminal (序时进度 marked), the rule a floor or a
    ceiling holds to, or nothing for a task."""
    if x.is_task or x.held_to:
        return Cell(x.progress_text)
    return Cell(x.progress_text, bar=(x.progress, x.mark))


def detail_document(detail: DepartmentDetail, as_of: dt.date, lang: str,
                    period_end: dt.date | None = None,
                    notes: Sequence[tuple[str, str, Record]] = ()) -> Document:
    """One department: its name and the date, then what it leads and what it shares, each a
    table under its counts (a task's line in italics on a terminal), then its latest notes."""
    h, w = HEADERS[lang], WORDS[lang]
    name = detail.name + (w["collective"] if detail.collective else "")
    blocks = _head(name, as_of, period_end, lang, then=f" — {h['as_of']} {as_of}")
    columns = (Column(h["id"]), Column(h["label"], wrap=True), Column(h["actual"], num=True),
               Column(h["progress"], num=True), Column(h["expected"], num=True),
               Column(h["status"]))
    for part in (detail.lead, detail.shared):
        lines = _role_lines(part, lang)
        rows = tuple(Row((Cell(x.id), Cell(x.label, style="task" if x.is_task else ""),
                          Cell(x.actual), _progress(x), Cell(x.expected),
                          Cell(STATUS[lang][x.status], x.status)), key=x.id) for x in lines)
        blocks.append(Table(part.role, columns, rows, empty=w["none"],
                            title=f"{w[part.role]} ({counted(len(lines), w['lines'])})",
                            then=_counts(part.counts(), lang)))
    if notes:
        blocks.append(Table("notes", (Column(h["id"]), Column(h["label"], wrap=True),
                                      Column(h["date"]), Column(w["notes"], wrap=True)),
                            tuple(Row((Cell(k), Cell(label), Cell(str(r.date)), Cell(r.note)),
                                      key=k) for k, label, r in notes),
                            title=f"{w['notes']} ({len(notes)})"))
    return _document(lang, blocks)
