"""``kpi export``: the plan with its current standing, as rows for CSV, JSON and a workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..enums import Status
from ..grading import Report
from ..i18n import NP_, Vocabulary, language
from ..model import Plan, Record
from .disputes import dispute_row, disputes_note
from .labels import COMPARATOR, KIND, RULE, STATUS, left_out_note, rate_rule, state_label
from .rows import FIGURE_FIELDS, STANDING_FIELDS, report_object, standing_row

if TYPE_CHECKING:
    from ..ledger.reading import Disagreement

#: The standing of each target, and where its latest figure came from: ``source`` and ``by`` as
#: ``actual_source`` and ``actual_by`` say, and ``note`` the department's latest note (which may
#: be an earlier figure's); the JSON has the ``actual_…`` fields too, the CSV and the workbook
#: these three in their place.
EXPORT_FIELDS = tuple(f for f in STANDING_FIELDS if f not in FIGURE_FIELDS) + ("source", "note",
                                                                              "by")

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
    "reporter": NP_("workbook", "reporting department"),
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
    "made": NP_("workbook", "made by kpi export; progress and 序时进度 are ratios, behind is in "
                            "percentage points (positive: behind 序时进度), the status is graded "
                            "against 序时进度. The sheet “progress” is for printing, “targets” "
                            "holds every figure."),
    "against": NP_("workbook", "actual/target"),
    "progress_sheet": NP_("workbook: sheet", "progress"),
    "rate": NP_("workbook", "rates"),
    "rate_rule": NP_("workbook", "a rate (kind “rate”) so far this year is held to its target "
                                 "directly, not to 序时进度: short by less than {risk} percentage "
                                 "points is on track, by {risk}–{off} at risk, by more than {off} "
                                 "off track; “behind (points)” is the percentage points it is "
                                 "short of its target."),
    "notice": NP_("workbook", "attention"),
})
TASK_FIELDS = ("task", "section", "title", "status", "state", "state_date", "lead", "responsible")


def export_rows(plan: Plan, report: Report, latest: dict[str, Record],
                notes: dict[str, Record] | None = None) -> list[dict[str, object]]:
    """Each target's standing and where its figure came from; ``note`` is the department's
    latest note (``compute.timeline.latest_notes``) where ``notes`` are given, else the note of
    the record that counts."""
    rows = []
    for s in report.targets:
        row = standing_row(plan, s)
        record = latest.get(s.target.id)
        noted = notes.get(s.target.id) if notes is not None else record
        row.update(source=record.source if record else None, note=noted.note if noted else None,
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


def export_object(plan: Plan, report: Report, latest: dict[str, Record],
                  notes: dict[str, Record] | None = None,
                  disputes: Mapping[str, Disagreement] | None = None) -> dict[str, object]:
    """The export as JSON; each target says whether two sources disagree on its figure
    (``disagreement``, as in ``kpi status --format json``)."""
    body = report_object(plan, report)
    info = plan.plan
    targets = export_rows(plan, report, latest, notes)
    for row in targets:
        row["disagreement"] = dispute_row((disputes or {}).get(str(row["id"])))
    return {"plan": {"title": info.title, "document_number": info.document_number,
                     "issuer": info.issuer, "period_start": info.period_start.isoformat(),
                     "period_end": info.period_end.isoformat()},
            "as_of": body["as_of"], "summary": body["summary"],
            "targets": targets, "tasks": task_rows(plan, report)}


#: Column widths of the workbook (in characters; a Chinese character counts two), and which
#: columns wrap: chosen so that the 指标 sheet prints landscape on A4, one page wide, legibly.
WIDTHS = {"id": 6, "task": 5, "section": 5, "label": 16, "quote": 28, "target": 8, "unit": 7,
          "comparator": 9, "kind": 5, "deadline": 11, "baseline": 7, "lead": 16,
          "responsible": 20, "actual": 8, "actual_date": 11, "progress": 8, "expected": 8,
          "status": 7, "source": 18, "note": 14, "by": 8, "baseline_source": 12,
          "baseline_date": 11, "gap": 7, "rule": 9, "against": 14,
          "title": 30, "state": 7, "state_date": 11}
WRAP = frozenset({"label", "quote", "lead", "responsible", "source", "note", "title"})
DATES = frozenset({"deadline", "actual_date", "state_date", "baseline_date"})


#: The first sheet, to print: at most 12 columns that fit landscape A4 at 10 pt, legibly.
PRINT_FIELDS = ("id", "label", "target", "unit", "actual", "progress", "expected", "gap",
                "status", "lead", "note")
PRINT_WIDTHS: dict[str, float] = {"id": 6, "label": 22, "target": 9, "unit": 6, "actual": 10,
                                  "progress": 8, "expected": 8, "gap": 8, "status": 6, "lead": 20,
                                  "note": 26}
#: The gap in points, signed, as kpi status shows it (+12.4: behind; −3.0: ahead).
POINTS_FORMAT = "+0.0;−0.0;0.0"


def _cells(row: dict[str, object], fields: Sequence[str], lang: str) -> list[object]:
    """A row's cells as a spreadsheet holds them: dates as dates, numbers as numbers, codes as
    their words in ``lang``, the gap in points (as ``kpi status`` rounds it)."""
    out: list[object] = []
    for f in fields:
        value = row.get(f)
        if f in DATES and isinstance(value, str):
            value = dt.date.fromisoformat(value)
        elif f == "gap" and isinstance(value, (int, float)):
            value = round(value * 100, 1) + 0.0  # + 0.0: never −0.0
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


def _layout(fields: Sequence[str], widths: dict[str, float] | None = None
            ) -> dict[int, tuple[float, bool]]:
    return {i: ((widths or WIDTHS).get(f, 10), f in WRAP) for i, f in enumerate(fields)}


def _formats(fields: Sequence[str]) -> dict[int, str]:
    out = {fields.index(f): "0.0%" for f in ("progress", "expected") if f in fields}
    if "gap" in fields:
        out[fields.index("gap")] = POINTS_FORMAT
    out.update({fields.index(f): DATE_FORMAT for f in DATES if f in fields})
    return out


#: The workbook's 指标 sheet: the export's fields, and after the actual figure the figure against
#: its target as every report shows it (``600/1200 个``; a rate ``7.5% / ≥ 8%``).
WORKBOOK_FIELDS = tuple(f for field in EXPORT_FIELDS
                        for f in ((field, "against") if field == "actual" else (field,)))


def workbook_sheets(plan: Plan, report: Report, latest: dict[str, Record],
                    left_out: dict[str, int], notes: dict[str, Record] | None = None,
                    disputes: Mapping[str, Disagreement] | None = None,
                    lang: str | None = None,
                    ) -> list[tuple[str, Sequence[str], list[list[object]], dict[int, str],
                                    dict[int, tuple[float, bool]]]]:
    """(sheet name, headers, rows, number formats, column widths and wrapping) for
    ``spreadsheet.write_workbook``: first 进度, the sheet to print (at most 12 columns), then
    指标 with every field and the figure against its target, 任务, and the cover sheet (说明),
    where how rates are graded and what a report made with --allow-problems ``left_out`` are
    said, and any figure two sources disagree on (``disputes``, 注意), so that it travels with
    the workbook; its words in ``lang`` (the current language: None)."""
    from .standing import actual_of_target

    lang = lang or language()
    w = HEADERS[lang]
    rows = export_rows(plan, report, latest, notes)
    for row, s in zip(rows, report.targets, strict=True):
        row["against"] = actual_of_target(s)
    brief = [_cells(row, PRINT_FIELDS, lang) for row in rows]
    # the printed sheet has no 评定规则 column: where a target is held to no 序时进度, its rule
    # stands in that cell (缺基数, 底线, 增速), so that its gap is not read against a blank
    at = PRINT_FIELDS.index("expected")
    for cells, row in zip(brief, rows, strict=True):
        if row.get("expected") is None and row.get("rule") not in (None, "pace", "from_baseline"):
            cells[at] = RULE[lang][str(row["rule"])]
    targets = [_cells(row, WORKBOOK_FIELDS, lang) for row in rows]
    tasks = [_cells(row, TASK_FIELDS, lang) for row in task_rows(plan, report)]
    info = plan.plan
    about: list[list[object]] = [
        [w["document"], info.title], [w["number"], info.document_number],
        [w["issuer"], info.issuer], [w["as_of"], report.as_of],
        [w["period"], w["period_span"].format(start=info.period_start, end=info.period_end)],
        [w["about_sheet"], w["made"]]]
    rule = rate_rule(plan)
    if rule is not None:
        about.append([w["rate"], w["rate_rule"].format(risk=f"{rule[0]:g}", off=f"{rule[1]:g}")])
    if left_out:
        about.append([w["notice"], left_out_note(left_out, lang)])
    if disputes:
        about.append([w["notice"], disputes_note(disputes, lang)])
    return [(w["progress_sheet"], [w[f] for f in PRINT_FIELDS], brief, _formats(PRINT_FIELDS),
             _layout(PRINT_FIELDS, PRINT_WIDTHS)),
            (w["targets_sheet"], [w[f] for f in WORKBOOK_FIELDS], targets,
             _formats(WORKBOOK_FIELDS), _layout(WORKBOOK_FIELDS)),
            (w["tasks_sheet"], [w[f] for f in TASK_FIELDS], tasks,
             {TASK_FIELDS.index("state_date"): DATE_FORMAT}, _layout(TASK_FIELDS)),
            (w["about_sheet"], [w["item"], w["content"]], about, {},
             {0: (10, False), 1: (90, True)})]


DATE_FORMAT = "yyyy-mm-dd"
