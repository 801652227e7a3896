"""The monthly-cycle views as rows (JSON, CSV), Rich tables and Markdown: department
scorecards here; a target's history (``history.py``) and what changed between two dates
(``changes.py``), importable from here too. Values in, text out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from ..compute.scorecard import DepartmentDetail, RoleReport, Scorecard
from ..enums import Status
from ..grading import SEVERITY, Standing, TaskStanding
from ..model import Plan, Record
from ..query import canonical
from .changes import changes_document, changes_object, stale_by_department
from .cycle_base import WORDS, cycle_table
from .history import (
    amount,
    history_document,
    history_object,
    pace_sentence,
    projection_sentence,
    rate_sentence,
)
from .labels import HEADERS, STATUS, STYLE, counted, period_note
from .rows import STANDING_FIELDS, standing_row
from .standing import Line, lines_of, md_cell
from .status import status_text

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


#: Cells of a department's name that the scorecards keep on one line: 区综合行政执法局.
NAME_WIDTH = 16


def scorecards_table(cards: Sequence[Scorecard], as_of: dt.date, lang: str,
                     period_end: dt.date | None = None) -> Group:
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
        table = cycle_table(caption=f"{w['cell']} · {w['ranked']}")
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


def _head(text: str, as_of: dt.date, period_end: dt.date | None, lang: str) -> Text:
    """A bold header line, and under it a word when the as-of date is past the plan period."""
    head = Text(text, style="bold")
    ended = period_note(period_end, as_of, lang) if period_end is not None else None
    if ended:
        head.append("\n" + ended, style="yellow")
    return head


def scorecards_markdown(cards: Sequence[Scorecard], as_of: dt.date, lang: str) -> str:
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


def detail_table(detail: DepartmentDetail, as_of: dt.date, lang: str, columns: int = 80,
                 period_end: dt.date | None = None,
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
        table = cycle_table(title=title)
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
        table = cycle_table(title=Text(f"{w['notes']} ({len(notes)})", style="bold"))
        table.add_column(h["id"], no_wrap=True)
        table.add_column(h["label"], ratio=1, min_width=8, overflow="fold")
        table.add_column(h["date"], no_wrap=True)
        table.add_column(w["notes"], ratio=2, overflow="fold")
        for key, label, r in notes:
            table.add_row(key, label, str(r.date), r.note)
        parts.append(table)
    return Group(*parts)


def detail_markdown(detail: DepartmentDetail, as_of: dt.date, lang: str,
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
