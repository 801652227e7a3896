"""``kpi export``: the plan with its current standing, as rows for CSV, JSON and a workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..enums import Status
from ..grading import Report
from ..i18n import NP_, Vocabulary, language
from ..model import Plan, Record
from .labels import COMPARATOR, KIND, RULE, STATUS, left_out_note, state_label
from .rows import STANDING_FIELDS, report_object, standing_row

#: The standing of each target, and where its latest figure came from.
EXPORT_FIELDS = STANDING_FIELDS + ("source", "note", "by")

#: Workbook headers, in the language of the run: the workbook is for people; CSV and JSON keep
#: the field names.
HEADERS: Vocabulary[str] = Vocabulary({
    "id": NP_("workbook", "id"), "task": NP_("workbook", "task"),
    "section": NP_("workbook", "section"), "label": NP_("workbook", "target"),
    "quote": NP_("workbook", "quote"), "target": NP_("workbook", "target figure"),
    "unit": NP_("workbook", "unit"), "comparator": NP_("workbook", "comparator"),
    "kind": NP_("workbook", "kind"), "deadline": NP_("workbook", "deadline"),
    "baseline": NP_("workbook", "baseline"),
    "baseline_source": NP_("workbook", "baseline source"),
    "baseline_date": NP_("workbook", "baseline date"),
    "gap": NP_("workbook", "behind (points)"), "rule": NP_("workbook", "graded by"),
    "lead": NP_("workbook", "lead department"),
    "responsible": NP_("workbook", "responsible departments"),
    "actual": NP_("workbook", "actual"), "actual_date": NP_("workbook", "figure date"),
    "progress": NP_("workbook", "progress"), "expected": NP_("workbook", "expected"),
    "status": NP_("workbook", "status"), "source": NP_("workbook", "source"),
    "note": NP_("workbook", "note"), "by": NP_("workbook", "recorded by"),
    "review": NP_("workbook", "review"),
    "title": NP_("workbook", "title"), "state": NP_("workbook", "state"),
    "state_date": NP_("workbook", "reported on"),
    "targets_sheet": NP_("workbook", "targets"), "tasks_sheet": NP_("workbook", "tasks"),
    "about_sheet": NP_("workbook", "about"), "item": NP_("workbook", "item"),
    "content": NP_("workbook", "content"), "document": NP_("workbook", "document"),
    "number": NP_("workbook", "document number"), "issuer": NP_("workbook", "issuer"),
    "as_of": NP_("workbook", "as of"), "period": NP_("workbook", "period"),
    "period_span": NP_("workbook", "{start} to {end}"),
    "made": NP_("workbook", "made by kpi export; progress and 序时进度 are ratios, the status "
                            "is graded against 序时进度."),
    "notice": NP_("workbook", "attention"),
})
TASK_FIELDS = ("task", "section", "title", "status", "state", "state_date", "lead", "responsible")


def export_rows(plan: Plan, report: Report, latest: dict[str, Record]) -> list[dict[str, object]]:
    rows = []
    for s in report.targets:
        row = standing_row(plan, s)
        record = latest.get(s.target.id)
        row.update(source=record.source if record else None, note=record.note if record else None,
                   by=record.by if record else None)
        rows.append(row)
    return rows


def task_rows(plan: Plan, report: Report) -> list[dict[str, object]]:
    from ..query import canonical

    return [{"task": t.task.number, "section": t.task.section, "title": t.task.title,
             "status": t.status.value, "state": t.state.value if t.state else None,
             "state_date": t.state_date.isoformat() if t.state_date else None,
             "lead": canonical(plan, t.task.lead), "responsible": canonical(plan, t.task.responsible)}
            for t in report.tasks]


def export_object(plan: Plan, report: Report, latest: dict[str, Record]) -> dict[str, object]:
    body = report_object(plan, report)
    info = plan.plan
    return {"plan": {"title": info.title, "document_number": info.document_number,
                     "issuer": info.issuer, "period_start": info.period_start.isoformat(),
                     "period_end": info.period_end.isoformat()},
            "as_of": body["as_of"], "summary": body["summary"],
            "targets": export_rows(plan, report, latest), "tasks": task_rows(plan, report)}


#: Column widths of the workbook (in characters; a Chinese character counts two), and which
#: columns wrap: chosen so that the 指标 sheet prints landscape on A4, one page wide, legibly.
WIDTHS = {"id": 6, "task": 5, "section": 5, "label": 16, "quote": 28, "target": 8, "unit": 7,
          "comparator": 9, "kind": 5, "deadline": 11, "baseline": 7, "lead": 16,
          "responsible": 20, "actual": 8, "actual_date": 11, "progress": 8, "expected": 8,
          "status": 7, "source": 18, "note": 14, "by": 8, "baseline_source": 12,
          "baseline_date": 11, "gap": 7, "rule": 9,
          "title": 30, "state": 7, "state_date": 11}
WRAP = frozenset({"label", "quote", "lead", "responsible", "source", "note", "title"})
DATES = frozenset({"deadline", "actual_date", "state_date", "baseline_date"})


def _cells(row: dict[str, object], fields: Sequence[str], lang: str) -> list[object]:
    """A row's cells as a spreadsheet holds them: dates as dates, numbers as numbers, codes as
    their words in ``lang``."""
    out: list[object] = []
    for f in fields:
        value = row.get(f)
        if f in DATES and isinstance(value, str):
            value = dt.date.fromisoformat(value)
        elif f == "status" and value is not None:
            value = STATUS[lang][Status(value)]
        elif f == "state":
            value = state_label(value, lang, "")  # type: ignore[arg-type]
        elif f == "comparator" and value is not None:
            value = COMPARATOR[lang][str(value)]
        elif f == "kind" and value is not None:
            value = KIND[lang][str(value)]
        elif f == "rule" and value is not None:
            value = RULE[lang][str(value)]
        out.append(value)
    return out


def _layout(fields: Sequence[str]) -> dict[int, tuple[float, bool]]:
    return {i: (WIDTHS.get(f, 10), f in WRAP) for i, f in enumerate(fields)}


def workbook_sheets(plan: Plan, report: Report, latest: dict[str, Record],
                    left_out: dict[str, int], lang: str | None = None,
                    ) -> list[tuple[str, Sequence[str], list[list[object]], dict[int, str],
                                    dict[int, tuple[float, bool]]]]:
    """(sheet name, headers, rows, number formats, column widths and wrapping) for
    ``spreadsheet.write_workbook``; what a report made with --allow-problems ``left_out`` is
    said on the cover sheet (说明), which travels with the workbook."""
    lang = lang or language()
    w = HEADERS[lang]
    targets = [_cells(row, EXPORT_FIELDS, lang) for row in export_rows(plan, report, latest)]
    pct = {EXPORT_FIELDS.index(f): "0.0%" for f in ("progress", "expected", "gap")}
    formats = {**pct, **{EXPORT_FIELDS.index(f): DATE_FORMAT for f in DATES if f in EXPORT_FIELDS}}
    tasks = [_cells(row, TASK_FIELDS, lang) for row in task_rows(plan, report)]
    info = plan.plan
    about: list[list[object]] = [
        [w["document"], info.title], [w["number"], info.document_number],
        [w["issuer"], info.issuer], [w["as_of"], report.as_of],
        [w["period"], w["period_span"].format(start=info.period_start, end=info.period_end)],
        [w["about_sheet"], w["made"]]]
    if left_out:
        about.append([w["notice"], left_out_note(left_out, lang)])
    return [(w["targets_sheet"], [w[f] for f in EXPORT_FIELDS], targets, formats,
             _layout(EXPORT_FIELDS)),
            (w["tasks_sheet"], [w[f] for f in TASK_FIELDS], tasks,
             {TASK_FIELDS.index("state_date"): DATE_FORMAT}, _layout(TASK_FIELDS)),
            (w["about_sheet"], [w["item"], w["content"]], about, {},
             {0: (10, False), 1: (90, True)})]


DATE_FORMAT = "yyyy-mm-dd"
