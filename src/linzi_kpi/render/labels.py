"""Words for headers, statuses and states, in the bulletin's own language (``--lang zh|en``).

The one table of labels: output shows them, and input takes them back (``parse_status``,
``parse_state``), so that ``kpi mark 19 进行中`` and ``kpi status --status 滞后`` take what the
tables show.
"""

from __future__ import annotations

from ..enums import State, Status

STATUS = {
    "zh": {Status.met: "已完成", Status.on_track: "正常", Status.at_risk: "预警",
           Status.off_track: "滞后", Status.missed: "未完成", Status.no_data: "未报送"},
    "en": {Status.met: "met", Status.on_track: "on track", Status.at_risk: "at risk",
           Status.off_track: "off track", Status.missed: "missed", Status.no_data: "no data"},
}

#: The states of a task that carries no number.
STATE = {
    "zh": {State.not_started: "未开始", State.in_progress: "进行中", State.done: "已完成",
           State.blocked: "受阻"},
    "en": {State.not_started: "not started", State.in_progress: "in progress",
           State.done: "done", State.blocked: "blocked"},
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


def _reading(table: dict) -> dict:
    """Code or label (either language) → member; codes first."""
    names: dict = {}
    for labels in table.values():
        for member, label in labels.items():
            names.setdefault(label, member)
    names.update({member.value: member for member in table["zh"]})
    return names


_STATES = _reading(STATE)
_STATUSES = _reading(STATUS)


def _accepted(table: dict) -> str:
    members = list(table["zh"])
    return (", ".join(m.value for m in members) + " ("
            + ", ".join(table["zh"][m] for m in members) + ")")


def parse_state(text: str) -> State:
    """A task's state by its code or its label: ``in_progress``, 进行中, ``in progress``."""
    found = _STATES.get(text.strip())
    if found is None:
        raise ValueError(f"state {text[:40]!r} is not one of: {_accepted(STATE)}")
    return found


def parse_status(text: str) -> Status:
    """A status by its code or its label: ``off_track``, 滞后, ``off track``."""
    found = _STATUSES.get(text.strip())
    if found is None:
        raise ValueError(f"status {text[:40]!r} is not one of: {_accepted(STATUS)}")
    return found
