"""``kpi history``: one target's figures, pace and projection as JSON and as a table.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from ..compute.history import History, Pace, Projection, places_of
from ..enums import Comparator, Rule
from ..i18n import _
from ..model import Plan, Record
from ..values import format_number
from .cycle_base import WORDS, cycle_table
from .labels import HEADERS
from .listing import LOG_WORDS
from .numbers import rate_target
from .rows import fraction, number, record_row, standing_row, withdrawal_row
from .standing import percent, points, rate_of, rate_short
from .status import status_text


def amount(value: float, places: int, unit: str = "") -> str:
    """``1,080``; ``50.7`` with one place; no trailing zeros, none for a count (render.numbers)."""
    from .numbers import figure

    return figure(value, unit, places)


def pace_sentence(h: History, lang: str) -> str:
    p: Pace | None = h.pace
    unit = h.target.unit
    if p is None:
        return ""
    places = places_of(h.target.target, p.end_value, p.start_value)
    unit_ = unit
    daily = f"{p.per_day:,.2f}"
    if p.method == "from_start":
        latest = [pt for pt in h.points if pt.counts][-1].standing
        done = percent(latest.progress)
        expected = percent(latest.expected)
        if lang == "zh":
            return (f"当前进度：截至 {p.end_date} 为 {amount(p.end_value, places, unit_)} {unit}"
                    f"（日均 {daily} {unit}），完成 {done}，序时进度 {expected}")
        return (f"pace so far: {amount(p.end_value, places, unit_)} {unit} by {p.end_date} "
                f"({daily} {unit} a day), {done} done at {expected} 序时进度")
    moved = p.end_value - p.start_value
    sign = "+" if moved >= 0 else "−"
    if lang == "zh":
        return (f"当前进度：{p.start_date} 至 {p.end_date} {'增加' if moved >= 0 else '减少'} "
                f"{amount(abs(moved), places, unit_)} {unit}（日均 {daily} {unit}）")
    return (f"pace so far: {sign}{amount(abs(moved), places, unit_)} {unit} from {p.start_date} to "
            f"{p.end_date} ({daily} {unit} a day)")


WHY_NOT = {
    "zh": {"no_figures": "尚无数据，无法预测", "needs_two_figures": "水平类指标需两次数据（或基数）才能推算",
           "deadline_passed": "期限已过，不再预测", "already_met": "已完成"},
    "en": {"no_figures": "no figures yet: no projection",
           "needs_two_figures": "a level needs two figures (or a baseline) for a projection",
           "deadline_passed": "the deadline has passed: no projection",
           "already_met": "already met"},
}


def rate_sentence(h: History, lang: str) -> str:
    """What a rate's history says in place of a projection: the rate so far against its
    target, and by how many percentage points it falls short (or holds)."""
    s = h.standing
    if s.actual is None or s.gap is None:
        if lang == "zh":
            return f"增速指标直接与目标比较，不按进度推算：{rate_of(s)}，尚无数据"
        return _("a rate, held to its target directly (no projection by pace): {rate}, "
                 "no figure yet").format(rate=rate_of(s))
    short = rate_short(s)
    if lang == "zh":
        verdict = "达到目标" if short is None else f"差 {short:g} 个百分点"
        return f"增速指标直接与目标比较，不按进度推算：{rate_of(s)}，{verdict}"
    verdict = (_("holding") if short is None
               else _("{points} percentage points short").format(points=f"{short:g}"))
    return _("a rate, held to its target directly (no projection by pace): {rate}, "
             "{verdict}").format(rate=rate_of(s), verdict=verdict)


def projection_sentence(h: History, lang: str, tolerance: float = 0.05) -> str:
    """``at this pace: 1,080 of 1,200 by 2023-12-31, short by 120``."""
    p: Projection | None = h.projection
    if p is None and h.why_not == "rate":
        return rate_sentence(h, lang)
    if p is None:
        return WHY_NOT[lang].get(h.why_not, "")
    unit = h.target.unit
    v, t, gap = (amount(p.value, p.places, unit), amount(p.target, p.places, unit),
                 amount(abs(p.gap), p.places, unit))
    if p.comparator is Comparator.at_most:
        if lang == "zh":
            verdict = f"低于上限 {gap}" if p.gap <= 0 else f"超出上限 {gap}"
            return f"按此进度：到 {p.deadline} 为 {v} {unit}（上限 {t}），{verdict}"
        verdict = f"{gap} under it" if p.gap <= 0 else f"over it by {gap}"
        return f"at this pace: {v} against a ceiling of {t} by {p.deadline}, {verdict}"
    if p.comparator is Comparator.maintain_at_least:
        if lang == "zh":
            verdict = f"高于下限 {gap}" if p.gap >= 0 else f"低于下限 {gap}"
            return f"按此进度：到 {p.deadline} 为 {v} {unit}（下限 {t}），{verdict}"
        verdict = f"above it by {gap}" if p.gap >= 0 else f"below it by {gap}"
        return f"at this pace: {v} against a floor of {t} by {p.deadline}, {verdict}"
    if lang == "zh":
        if p.gap >= 0:
            verdict = "恰好完成" if p.gap == 0 else f"超出 {gap}"
        else:
            verdict = f"差 {gap}" + ("（在“左右”允许范围内）" if p.reaches else "")
        return f"按此进度：到 {p.deadline} 达到 {v} / {t} {unit}，{verdict}"
    if p.gap >= 0:
        verdict = "reaching it exactly" if p.gap == 0 else f"ahead by {gap}"
    else:
        verdict = f"short by {gap}" + (f", within the {tolerance:.0%} that 左右 allows"
                                       if p.reaches else "")
    return f"at this pace: {v} of {t} by {p.deadline}, {verdict}"


def history_object(plan: Plan, h: History, lang: str = "en",
                   withdrawn: Sequence[tuple[Record, Record]] = ()) -> dict[str, object]:
    """``kpi history --format json``; ``withdrawn``: the target's withdrawn figures, each with
    its withdrawal (they count nowhere, and are listed apart)."""
    pace = h.pace
    proj = h.projection
    return {
        "target": standing_row(plan, h.standing),
        "as_of": h.as_of.isoformat(),
        "figures": [{**record_row(pt.record), "counts": pt.counts,
                     "progress": fraction(pt.standing.progress),
                     "expected": fraction(pt.standing.expected),
                     "gap": fraction(pt.standing.gap),
                     "status": pt.standing.status.value} for pt in h.points],
        "series": [{"date": r.date.isoformat(), "value": number(r.value)} for r in h.series],
        "sparkline": h.sparkline,
        "pace": None if pace is None else {
            "method": pace.method, "from_value": number(pace.start_value),
            "from_date": pace.start_date.isoformat(), "to_value": number(pace.end_value),
            "to_date": pace.end_date.isoformat(), "per_day": round(pace.per_day, 6)},
        "projection": None if proj is None else {
            "value": number(proj.value), "target": number(proj.target),
            "deadline": proj.deadline.isoformat(), "gap": number(proj.gap),
            "reaches": proj.reaches},
        "no_projection": h.why_not or None,
        "summary": projection_sentence(h, lang, plan.grading.approx_tolerance),
        "withdrawn": [{**record_row(r), "recording": r.recording or None,
                       "withdrawn": withdrawal_row(w)} for r, w in withdrawn],
    }


def history_table(plan: Plan, h: History, lang: str,
                  withdrawn: Sequence[tuple[Record, Record]] = ()) -> Group:
    hd, w = HEADERS[lang], WORDS[lang]
    t = h.target
    rate = h.standing.rule is Rule.rate
    head = Text(f"{t.id} {t.label}", style="bold")
    goal = (rate_target(t.target, t.unit, t.comparator.value) if rate
            else f"{format_number(t.target)} {t.unit}")
    head.append(f"\n{hd['target']} {goal} · {hd['deadline']} "
                f"{h.standing.deadline} · {hd['as_of']} {h.as_of}: ")
    head.append_text(status_text(h.standing.status, lang))
    parts: list[RenderableType] = [head]
    if h.points:
        table = cycle_table()
        # a rate: the rate so far and the points it is behind, not progress against 序时进度
        middle = ((("gap", {"justify": "right"}),) if rate else
                  (("progress", {"justify": "right"}), ("expected", {"justify": "right"})))
        for key, opts in (("date", {"no_wrap": True}), ("value", {"justify": "right"}), *middle,
                          ("status", {"no_wrap": True}), ("by", {}),
                          ("source", {"overflow": "fold", "ratio": 1})):
            table.add_column(hd[key], **opts)
        for pt in h.points:
            s = pt.standing
            value = format_number(pt.record.value) if pt.record.value is not None else "—"
            if rate and pt.record.value is not None:
                value = value.replace("-", "−") + t.unit
            style = "" if pt.counts else "dim strike"
            cells = [points(s.gap)] if rate else [percent(s.progress), percent(s.expected)]
            table.add_row(str(pt.record.date), Text(value + ("" if pt.counts else w["corrected"]),
                                                    style=style),
                          *cells, status_text(s.status, lang),
                          pt.record.by, pt.record.source)
        parts.append(table)
        parts.append(Text(f"{w['trend']} {h.sparkline}"))
    for r, gone in withdrawn:  # struck out, with who withdrew it, when and why
        shown = format_number(r.value) if r.value is not None else "—"
        line = Text(f"✗ {r.date} {shown} {t.unit}", style="strike")
        line.append(" " + LOG_WORDS[lang]["withdrawn"].format(
            by=gone.by, at=gone.recorded_at.isoformat()[:16].replace("T", " "), why=gone.note,
            id=gone.recording), style="dim")
        parts.append(line)
    sentence = pace_sentence(h, lang)
    if sentence:
        parts.append(Text(sentence))
    parts.append(Text(projection_sentence(h, lang, plan.grading.approx_tolerance), style="bold"))
    return Group(*parts)
