"""Words for headers and statuses, in the bulletin's own language (``--lang zh|en``)."""

from __future__ import annotations

from ..enums import Status

STATUS = {
    "zh": {Status.met: "已完成", Status.on_track: "正常", Status.at_risk: "预警",
           Status.off_track: "滞后", Status.missed: "未完成", Status.no_data: "未报送"},
    "en": {Status.met: "met", Status.on_track: "on track", Status.at_risk: "at risk",
           Status.off_track: "off track", Status.missed: "missed", Status.no_data: "no data"},
}

#: Colour is never the only signal: every coloured label carries its text.
STYLE = {Status.met: "bold green", Status.on_track: "green", Status.at_risk: "yellow",
         Status.off_track: "red", Status.missed: "bold red", Status.no_data: "dim"}

HEADERS = {
    "zh": {"id": "编号", "label": "指标", "actual": "实际/目标", "progress": "完成进度",
           "expected": "序时进度", "status": "状态", "task": "任务", "target": "目标",
           "comparator": "比较", "kind": "类型", "deadline": "期限", "lead": "牵头部门",
           "responsible": "责任部门", "date": "日期", "value": "数值", "recorded_at": "录入时间",
           "by": "录入人", "source": "来源", "note": "备注", "targets": "个指标",
           "tasks": "项任务", "as_of": "截至", "section": "部分", "unit": "单位"},
    "en": {"id": "id", "label": "label", "actual": "actual/target", "progress": "progress",
           "expected": "expected", "status": "status", "task": "task", "target": "target",
           "comparator": "comparator", "kind": "kind", "deadline": "deadline", "lead": "lead",
           "responsible": "responsible", "date": "date", "value": "value",
           "recorded_at": "recorded at", "by": "by", "source": "source", "note": "note",
           "targets": "targets", "tasks": "tasks", "as_of": "as of", "section": "section",
           "unit": "unit"},
}

LANGS = tuple(STATUS)
