"""Words for headers and statuses, in the bulletin's own language (``--lang zh|en``)."""

from __future__ import annotations

from ..enums import Status

STATUS = {
    "zh": {Status.met: "已完成", Status.on_track: "正常", Status.at_risk: "预警",
           Status.off_track: "滞后", Status.missed: "未完成", Status.no_data: "无数据"},
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
           "tasks": "项任务", "as_of": "截至", "section": "部分", "unit": "单位",
           "gap": "落后"},
    "en": {"id": "id", "label": "label", "actual": "actual/target", "progress": "progress",
           "expected": "expected", "status": "status", "task": "task", "target": "target",
           "comparator": "comparator", "kind": "kind", "deadline": "deadline", "lead": "lead",
           "responsible": "responsible", "date": "date", "value": "value",
           "recorded_at": "recorded at", "by": "by", "source": "source", "note": "note",
           "targets": "targets", "tasks": "tasks", "as_of": "as of", "section": "section",
           "unit": "unit", "gap": "behind"},
}

LANGS = tuple(STATUS)

def left_out_note(left_out: dict[str, int], lang: str) -> str:
    """What a report made with --allow-problems says of the ledger lines it could not count."""
    total = sum(left_out.values())
    files = "，".join(f"{f} {n} 行" for f, n in left_out.items()) if lang == "zh" else \
        ", ".join(f"{f}: {n}" for f, n in left_out.items())
    if lang == "zh":
        return f"注意：账本有问题，{total} 行记录未计入（{files}）；运行 kpi validate 查看并修正。"
    lines = "1 line of records is" if total == 1 else f"{total} lines of records are"
    return (f"Note: the ledger has problems; {lines} left out ({files}); "
            "run kpi validate to see and fix them.")


#: What the expected cell shows where a rule has no 序时进度.
NO_BASELINE = {"zh": "缺基数", "en": "no baseline"}


def rule_footer(lang: str, at_risk: float, off_track: float) -> str:
    """The grading rule and its thresholds, as a status table's footer."""
    a, o = f"{at_risk * 100:g}", f"{off_track * 100:g}"
    if lang == "zh":
        return (f"评定：完成进度 = 实际 ÷ 目标（有基数的存量指标为 (实际 − 基数) ÷ (目标 − 基数)），"
                f"与序时进度比较，落后不足 {a} 个百分点为正常，{a}–{o} 个百分点为预警，超过 {o} "
                f"为滞后；缺基数的存量指标按距目标的差距（(目标 − 实际) ÷ 目标）以同一标准评定；"
                f"≥ / ≤ 为底线与上限指标，守住即正常；达到目标为已完成。")
    return (f"Rule: progress = actual ÷ target (for a level with a baseline, (actual − baseline) ÷ "
            f"(target − baseline)), against expected (序时进度): less than {a} points behind is on "
            f"track, {a}–{o} at risk, more than {o} off track; a level with no baseline is graded "
            f"by its shortfall ((target − actual) ÷ target) on the same scale; ≥ / ≤ are floors "
            f"and ceilings, on track while they hold; reaching the target is met.")
