"""``kpi export``: the plan with its current standing, as rows for CSV, JSON and a workbook."""

from __future__ import annotations

from collections.abc import Sequence

from ..grading import Report
from ..model import Plan, Record
from .labels import STATUS
from .rows import STANDING_FIELDS, report_object, standing_row

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


def export_object(plan: Plan, report: Report, latest: dict[str, Record]) -> dict[str, object]:
    body = report_object(plan, report)
    info = plan.plan
    return {"plan": {"title": info.title, "document_number": info.document_number,
                     "issuer": info.issuer, "period_start": info.period_start.isoformat(),
                     "period_end": info.period_end.isoformat()},
            "as_of": body["as_of"], "summary": body["summary"],
            "targets": export_rows(plan, report, latest), "tasks": task_rows(plan, report)}


def workbook_sheets(plan: Plan, report: Report, latest: dict[str, Record]
                    ) -> list[tuple[str, Sequence[str], list[list[object]], dict[int, str]]]:
    """(sheet name, headers, rows, number formats) for ``spreadsheet.write_workbook``."""
    zh = STATUS["zh"]
    from ..enums import Status

    targets = []
    for row in export_rows(plan, report, latest):
        row["status"] = zh[Status(row["status"])]
        targets.append([row[f] for f in EXPORT_FIELDS])
    pct = {EXPORT_FIELDS.index(f): "0.0%" for f in ("progress", "expected", "gap")}
    tasks = []
    for row in task_rows(plan, report):
        row["status"] = zh[Status(row["status"])]
        tasks.append([row[f] for f in TASK_FIELDS])
    info = plan.plan
    about = [["文件", info.title], ["文号", info.document_number], ["发文单位", info.issuer],
             ["截至", report.as_of.isoformat()], ["期间", f"{info.period_start} 至 {info.period_end}"],
             ["说明", "由 kpi export 生成；完成进度与序时进度为比例，状态按序时进度评定。"]]
    return [("指标", [ZH_HEADERS[f] for f in EXPORT_FIELDS], targets, pct),
            ("任务", [ZH_TASK_HEADERS[f] for f in TASK_FIELDS], tasks, {}),
            ("说明", ["项目", "内容"], about, {})]
