"""``kpi export``: the plan with its current standing, as rows for CSV, JSON and a workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..enums import Status
from ..grading import Report
from ..model import Plan, Record
from .disputes import dispute_row, disputes_note
from .labels import COMPARATOR, KIND, RULE, STATUS, left_out_note, state_label
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
    "source": "数据来源", "note": "备注", "by": "填报人", "review": "审核",
}
TASK_FIELDS = ("task", "section", "title", "status", "state", "state_date", "lead", "responsible")
ZH_TASK_HEADERS = {"task": "任务", "section": "部分", "title": "名称", "status": "状态",
                   "state": "进展", "state_date": "报送日期", "lead": "牵头部门",
                   "responsible": "责任部门"}


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


def export_object(plan: Plan, report: Report, latest: dict[str, Record],
                  disputes: Mapping[str, Disagreement] | None = None) -> dict[str, object]:
    """The export as JSON; each target says whether two sources disagree on its figure
    (``disagreement``, as in ``kpi status --format json``)."""
    body = report_object(plan, report)
    info = plan.plan
    targets = export_rows(plan, report, latest)
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
          "baseline_date": 11, "gap": 7, "rule": 9,
          "title": 30, "state": 7, "state_date": 11}
WRAP = frozenset({"label", "quote", "lead", "responsible", "source", "note", "title"})
DATES = frozenset({"deadline", "actual_date", "state_date", "baseline_date"})


def _cells(row: dict[str, object], fields: Sequence[str]) -> list[object]:
    """A row's cells as a spreadsheet holds them: dates as dates, numbers as numbers, codes as
    their Chinese words."""
    out: list[object] = []
    for f in fields:
        value = row.get(f)
        if f in DATES and isinstance(value, str):
            value = dt.date.fromisoformat(value)
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


def _layout(fields: Sequence[str]) -> dict[int, tuple[float, bool]]:
    return {i: (WIDTHS.get(f, 10), f in WRAP) for i, f in enumerate(fields)}


def workbook_sheets(plan: Plan, report: Report, latest: dict[str, Record],
                    left_out: dict[str, int],
                    disputes: Mapping[str, Disagreement] | None = None,
                    ) -> list[tuple[str, Sequence[str], list[list[object]], dict[int, str],
                                    dict[int, tuple[float, bool]]]]:
    """(sheet name, headers, rows, number formats, column widths and wrapping) for
    ``spreadsheet.write_workbook``; what a report made with --allow-problems ``left_out`` is
    said on the cover sheet (说明), which travels with the workbook."""
    targets = [_cells(row, EXPORT_FIELDS) for row in export_rows(plan, report, latest)]
    pct = {EXPORT_FIELDS.index(f): "0.0%" for f in ("progress", "expected", "gap")}
    formats = {**pct, **{EXPORT_FIELDS.index(f): DATE_FORMAT for f in DATES if f in EXPORT_FIELDS}}
    tasks = [_cells(row, TASK_FIELDS) for row in task_rows(plan, report)]
    info = plan.plan
    about: list[list[object]] = [["文件", info.title], ["文号", info.document_number], ["发文单位", info.issuer],
             ["截至", report.as_of], ["期间", f"{info.period_start} 至 {info.period_end}"],
             ["说明", "由 kpi export 生成；完成进度与序时进度为比例，状态按序时进度评定。"]]
    if left_out:
        about.append(["注意", left_out_note(left_out, "zh")])
    if disputes:
        about.append(["注意", disputes_note(disputes, "zh")])
    return [("指标", [ZH_HEADERS[f] for f in EXPORT_FIELDS], targets, formats, _layout(EXPORT_FIELDS)),
            ("任务", [ZH_TASK_HEADERS[f] for f in TASK_FIELDS], tasks,
             {TASK_FIELDS.index("state_date"): DATE_FORMAT}, _layout(TASK_FIELDS)),
            ("说明", ["项目", "内容"], about, {}, {0: (10, False), 1: (90, True)})]


DATE_FORMAT = "yyyy-mm-dd"
