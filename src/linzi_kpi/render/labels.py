"""Words for headers, statuses and states, in the bulletin's own language (``--lang zh|en``).

The one table of labels: output shows them, and input takes them back (``parse_status``,
``parse_state``), so that ``kpi mark 19 进行中`` and ``kpi status --status 滞后`` take what the
tables show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from ..enums import Kind, State, Status
from ..errors import one_line
from ..i18n import _

if TYPE_CHECKING:
    from ..model import Plan

STATUS = {
    "zh": {Status.met: "已完成", Status.on_track: "正常", Status.at_risk: "预警",
           Status.off_track: "滞后", Status.missed: "未完成", Status.no_data: "无数据"},
    "en": {Status.met: "met", Status.on_track: "on track", Status.at_risk: "at risk",
           Status.off_track: "off track", Status.missed: "missed", Status.no_data: "no data"},
}

#: The states of a task that carries no number. The one table of their words: output shows the
#: label of its language (codes only in ``--format json`` and the ledger), and Chinese input is
#: read through the same table.
STATE = {
    "zh": {State.not_started: "未开始", State.in_progress: "进行中", State.done: "已完成",
           State.blocked: "受阻"},
    "en": {State.not_started: "not started", State.in_progress: "in progress",
           State.done: "done", State.blocked: "blocked"},
}


def state_label(state: State | str | None, lang: str, empty: str = "—") -> str:
    """A state's word in ``lang`` (``进行中``); ``empty`` for none."""
    if state is None or state == "":
        return empty
    return STATE[lang][State(state)]


#: Colour is never the only signal: every coloured label carries its text.
STYLE = {Status.met: "bold green", Status.on_track: "green", Status.at_risk: "yellow",
         Status.off_track: "red", Status.missed: "bold red", Status.no_data: "dim"}

HEADERS = {
    "zh": {"id": "编号", "label": "指标", "actual": "实际/目标", "progress": "完成进度",
           "expected": "序时进度", "status": "状态", "task": "任务", "target": "目标",
           "comparator": "比较", "kind": "类型", "deadline": "期限", "lead": "牵头部门",
           "responsible": "责任部门", "date": "日期", "value": "数值", "recorded_at": "录入时间",
           "by": "录入人", "source": "来源", "note": "备注", "targets": "个指标",
           "tasks": "项任务", "as_of": "截至", "section": "部分", "unit": "单位", "quote": "原文",
           "gap": "落后"},
    "en": {"id": "id", "label": "label", "actual": "actual/target", "progress": "progress",
           "expected": "expected", "status": "status", "task": "task", "target": "target",
           "comparator": "comparator", "kind": "kind", "deadline": "deadline", "lead": "lead",
           "responsible": "responsible", "date": "date", "value": "value",
           "recorded_at": "recorded at", "by": "by", "source": "source", "note": "note",
           "targets": "targets", "tasks": "tasks", "as_of": "as of", "section": "section",
           "unit": "unit", "quote": "quote", "gap": "behind"},
}


def left_out_note(left_out: dict[str, int], lang: str) -> str:
    """What a report made with --allow-problems says of the ledger lines it could not count
    (a file name shown on one line, its control characters as escapes)."""
    total = sum(left_out.values())
    files = "，".join(f"{one_line(f)} {n} 行" for f, n in left_out.items()) if lang == "zh" else \
        ", ".join(f"{one_line(f)}: {n}" for f, n in left_out.items())
    if lang == "zh":
        return f"注意：账本有问题，{total} 行记录未计入（{files}）；运行 kpi validate 查看并修正。"
    lines = "1 line of records is" if total == 1 else f"{total} lines of records are"
    return (f"Note: the ledger has problems; {lines} left out ({files}); "
            "run kpi validate to see and fix them.")


#: The rule a target is graded by (grading.Rule), in words.
RULE = {"zh": {"pace": "序时进度", "from_baseline": "自基数", "shortfall": "缺基数",
               "floor": "底线", "ceiling": "上限", "rate": "增速"},
        "en": {"pace": "pace", "from_baseline": "from baseline", "shortfall": "no baseline",
               "floor": "floor", "ceiling": "ceiling", "rate": "rate"}}

#: What the expected cell shows where a rule has no 序时进度.
NO_BASELINE = {lang: words["shortfall"] for lang, words in RULE.items()}


def rule_footer(lang: str, at_risk: float, off_track: float,
                rate: tuple[float, float] | None = None) -> str:
    """The grading rule and its thresholds, as a status table's footer; with ``rate`` (the
    plan's rate_at_risk_points and rate_off_track_points, given where rates are shown), the
    rule of growth rates too."""
    a, o = f"{at_risk * 100:g}", f"{off_track * 100:g}"
    if lang == "zh":
        text = (f"评定：完成进度 = 实际 ÷ 目标（有基数的存量指标为 (实际 − 基数) ÷ (目标 − 基数)），"
                f"与序时进度比较，落后不足 {a} 个百分点为正常，{a}–{o} 个百分点为预警，超过 {o} "
                f"为滞后；缺基数的存量指标按距目标的差距（(目标 − 实际) ÷ 目标）以同一标准评定；"
                f"≥ / ≤ 为底线与上限指标，守住即正常；达到目标为已完成。")
        if rate is not None:
            ra, ro = f"{rate[0]:g}", f"{rate[1]:g}"
            text += (f"增速指标以本年累计增速直接与目标比较，不按序时进度：低于目标不足 {ra} 个"
                     f"百分点为正常，{ra}–{ro} 个百分点为预警，超过 {ro} 为滞后。")
        return text
    text = (f"Rule: progress = actual ÷ target (for a level with a baseline, (actual − baseline) ÷ "
            f"(target − baseline)), against expected (序时进度): less than {a} points behind is on "
            f"track, {a}–{o} at risk, more than {o} off track; a level with no baseline is graded "
            f"by its shortfall ((target − actual) ÷ target) on the same scale; ≥ / ≤ are floors "
            f"and ceilings, on track while they hold; reaching the target is met.")
    if rate is not None:
        text += " " + _("A rate (增速) so far this year is held to its target directly, not to "
                        "序时进度: short by less than {risk} percentage points is on track, "
                        "by {risk}–{off} at risk, by more than {off} off track.").format(
                            risk=f"{rate[0]:g}", off=f"{rate[1]:g}")
    return text


def rate_rule(plan: Plan) -> tuple[float, float] | None:
    """The plan's thresholds for rates, where it has a rate (the footers name them then)."""
    if any(t.kind is Kind.rate for _task, t in plan.targets()):
        return plan.grading.rate_at_risk_points, plan.grading.rate_off_track_points
    return None


#: How a target's figure is compared (``kpi targets``; the codes stay in ``--format json``).
COMPARATOR = {
    "zh": {"at_least": "不少于", "at_most": "不超过", "approx": "左右", "maintain_at_least": "保持不低于"},
    "en": {"at_least": "at least", "at_most": "at most", "approx": "about",
           "maintain_at_least": "keep at least"},
}
KIND = {"zh": {"increment": "新增", "level": "达到", "rate": "增速"},
        "en": {"increment": "increment", "level": "level", "rate": "rate"}}
#: A comparator as a sign before its figure (``≥1200 个`` in ``kpi targets``, ``≥ 56`` for the
#: rule a floor is held to, ``≥ 8%`` for a rate): the one table of them, keyed by
#: ``enums.Comparator``'s values.
COMPARATOR_SIGN = {"at_least": "≥", "at_most": "≤", "approx": "≈", "maintain_at_least": "≥"}

#: English nouns that a count precedes, singular for one: "1 target", "2 targets".
SINGULAR = {"targets": "target", "tasks": "task", "lines": "line", "records": "record",
            "departments": "department", "workbooks": "workbook", "problems": "problem",
            "rows": "row", "ledger records": "ledger record"}


def counted(n: int, noun: str) -> str:
    """``1 target``, ``2 targets``, ``3 个指标``: the noun as given, singular for one."""
    return f"{n} {SINGULAR.get(noun, noun) if n == 1 else noun}"


PERIOD_ENDED = {"zh": "计划期已于 {end} 结束", "en": "the plan period ended on {end}"}


def period_note(period_end: object, as_of: object, lang: str) -> str | None:
    """The line under a header once the as-of date is past the plan period, else None."""
    return PERIOD_ENDED[lang].format(end=period_end) if as_of > period_end else None  # type: ignore[operator]


E = TypeVar("E", State, Status)

#: What a filter that matched nothing says, in place of an empty table.
NOTHING = {"zh": "没有符合条件的指标或任务", "en": "no targets or tasks match"}


def _reading(table: dict[str, dict[E, str]]) -> dict[str, E]:
    """Code or label (either language) → member; codes first."""
    names: dict[str, E] = {}
    for labels in table.values():
        for member, label in labels.items():
            names.setdefault(label, member)
    names.update({member.value: member for member in table["zh"]})
    return names


_STATES = _reading(STATE)
_STATUSES = _reading(STATUS)


def _accepted(table: dict[str, dict[E, str]]) -> str:
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
