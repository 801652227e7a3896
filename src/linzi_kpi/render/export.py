"""``kpi export``: the plan with its current standing, as rows for CSV, JSON and a workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..enums import Status
from ..grading import Report
from ..model import Plan, Record
from .disputes import dispute_row, disputes_note
from .labels import COMPARATOR, KIND, RULE, STATUS, left_out_note, rate_rule, state_label
from .rows import STANDING_FIELDS, report_object, standing_row

if TYPE_CHECKING:
    from ..ledger.reading import Disagreement

#: The standing of each target, and where its latest figure came from.
EXPORT_FIELDS = STANDING_FIELDS + ("source", "note", "by")

#: Workbook headers, in Chinese: the workbook is for people; CSV and JSON keep the field names.
ZH_HEADERS = {
    "id": "编号", "task": "任务", "section": "部分", "label": "指标", "quote": "原文",
    "target": "目标", "unit": "单位", "comparator": "比较", "kind": "类型", "deadline": "期限",
    "baseline": "基数", "baseline_source": "基数来源", "baseline_date": "基数日期",
    "gap": "落后（百分点）", "rule": "评定规则", "lead": "牵头部门", "responsible": "责任部门", "actual": "实际",
    "actual_date": "数据日期", "progress": "完成进度", "expected": "序时进度", "status": "状态",
    "source": "数据来源", "note": "备注", "by": "填报人", "review": "审核", "against": "实际/目标",
}
TASK_FIELDS = ("task", "section", "title", "status", "state", "state_date", "lead", "responsible")
ZH_TASK_HEADERS = {"task": "任务", "section": "部分", "title": "名称", "status": "状态",
                   "state": "进展", "state_date": "报送日期", "lead": "牵头部门",
                   "responsible": "责任部门"}


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
PRINT_WIDTHS: dict[str, float] = {"id": 6, "label": 22, "target": 9, "unit": 6, "actual": 10, "progress": 8,
                "expected": 8, "gap": 8, "status": 6, "lead": 20, "note": 26}
#: The gap in points, signed, as kpi status shows it (+12.4: behind; −3.0: ahead).
POINTS_FORMAT = "+0.0;−0.0;0.0"


def _cells(row: dict[str, object], fields: Sequence[str]) -> list[object]:
    """A row's cells as a spreadsheet holds them: dates as dates, numbers as numbers, codes as
    their Chinese words, the gap in points (as ``kpi status`` rounds it)."""
    out: list[object] = []
    for f in fields:
        value = row.get(f)
        if f in DATES and isinstance(value, str):
            value = dt.date.fromisoformat(value)
        elif f == "gap" and isinstance(value, (int, float)):
            value = round(value * 100, 1) + 0.0  # + 0.0: never −0.0
        elif f == "status" and value is not None:
            value = STATUS["zh"][Status(value)]
        elif f == "state":
            value = state_label(value, "zh", "")  # type: ignore[arg-type]
        elif f == "comparator" and value is not None:
            value = COMPARATOR["zh"][str(value)]
        elif f == "kind" and value is not None:
            value = KIND["zh"][str(value)]
        elif f == "rule" and value is not None:
            value = RULE["zh"][str(value)]
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
                    ) -> list[tuple[str, Sequence[str], list[list[object]], dict[int, str],
                                    dict[int, tuple[float, bool]]]]:
    """(sheet name, headers, rows, number formats, column widths and wrapping) for
    ``spreadsheet.write_workbook``: first 进度, the sheet to print (at most 12 columns), then
    指标 with every field and the figure against its target, 任务, and the cover sheet (说明),
    where how rates are graded and what a report made with --allow-problems ``left_out`` are
    said, and any figure two sources disagree on (``disputes``, 注意), so that it travels with
    the workbook."""
    from .standing import actual_of_target

    rows = export_rows(plan, report, latest, notes)
    for row, s in zip(rows, report.targets, strict=True):
        row["against"] = actual_of_target(s)
    brief = [_cells(row, PRINT_FIELDS) for row in rows]
    targets = [_cells(row, WORKBOOK_FIELDS) for row in rows]
    tasks = [_cells(row, TASK_FIELDS) for row in task_rows(plan, report)]
    info = plan.plan
    about: list[list[object]] = [["文件", info.title], ["文号", info.document_number], ["发文单位", info.issuer],
             ["截至", report.as_of], ["期间", f"{info.period_start} 至 {info.period_end}"],
             ["说明", "由 kpi export 生成；完成进度与序时进度为比例，落后为百分点（正数为落后于序时进度），"
                    "状态按序时进度评定。“进度”表供打印，“指标”表为全部数据。"]]
    rule = rate_rule(plan)
    if rule is not None:
        about.append(["增速", f"增速指标（类型“增速”）以本年累计增速直接与目标比较，不按序时进度："
                              f"低于目标不足 {rule[0]:g} 个百分点为正常，{rule[0]:g}–{rule[1]:g} "
                              f"个百分点为预警，超过 {rule[1]:g} 为滞后；“落后（百分点）”为低于目标的"
                              "百分点数。"])
    if left_out:
        about.append(["注意", left_out_note(left_out, "zh")])
    if disputes:
        about.append(["注意", disputes_note(disputes, "zh")])
    return [("进度", [ZH_HEADERS[f] for f in PRINT_FIELDS], brief, _formats(PRINT_FIELDS),
             _layout(PRINT_FIELDS, PRINT_WIDTHS)),
            ("指标", [ZH_HEADERS[f] for f in WORKBOOK_FIELDS], targets, _formats(WORKBOOK_FIELDS),
             _layout(WORKBOOK_FIELDS)),
            ("任务", [ZH_TASK_HEADERS[f] for f in TASK_FIELDS], tasks,
             {TASK_FIELDS.index("state_date"): DATE_FORMAT}, _layout(TASK_FIELDS)),
            ("说明", ["项目", "内容"], about, {}, {0: (10, False), 1: (90, True)})]


DATE_FORMAT = "yyyy-mm-dd"
