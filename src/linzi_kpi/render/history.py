"""``kpi history``: one target's figures, pace and projection as JSON, and built once as a
``Document`` (its table on a terminal and its Markdown).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..compute.history import History, Pace, Projection, places_of
from ..dates import minute
from ..enums import Comparator, Rule
from ..i18n import NP_, Vocabulary, catalogue
from ..model import Plan, Record
from ..values import format_number
from .cycle_base import WORDS
from .document import Block, Cell, Column, Document, Part, Row, Table, Text
from .labels import HEADERS, LEAD_IN, STATUS, long_date
from .listing import LOG_WORDS
from .numbers import rate_target
from .rows import fraction, number, record_row, standing_row, withdrawal_row
from .standing import percent, points, rate_of, rate_short


def amount(value: float, places: int, unit: str = "") -> str:
    """``1,080``; ``50.7`` with one place; no trailing zeros, none for a count (render.numbers)."""
    from .numbers import figure

    return figure(value, unit, places)


def pace_sentence(h: History, lang: str) -> str:
    p: Pace | None = h.pace
    unit = h.target.unit
    if p is None:
        return ""
    t = catalogue(lang)
    places = places_of(h.target.target, p.end_value, p.start_value)
    daily = f"{p.per_day:,.2f}"
    if p.method == "from_start":
        latest = [pt for pt in h.points if pt.counts][-1].standing
        return t.gettext("pace so far: {value} {unit} by {end} ({daily} {unit} a day), {done} "
                         "done at {expected} 序时进度").format(
            value=amount(p.end_value, places, unit), unit=unit, end=long_date(p.end_date, lang),
            daily=daily,
            done=percent(latest.progress), expected=percent(latest.expected))
    moved = p.end_value - p.start_value
    sentence = (t.gettext("pace so far: +{moved} {unit} from {start} to {end} ({daily} {unit} a "
                          "day)") if moved >= 0 else
                t.gettext("pace so far: −{moved} {unit} from {start} to {end} ({daily} {unit} a "
                          "day)"))
    return sentence.format(moved=amount(abs(moved), places, unit), unit=unit,
                           start=long_date(p.start_date, lang), end=long_date(p.end_date, lang),
                           daily=daily)


WHY_NOT: Vocabulary[str] = Vocabulary({
    'no_figures': NP_('projection', 'no figures yet: no projection'),
    'needs_two_figures': NP_('projection', 'a level needs two figures (or a baseline) for a projection'),
    'deadline_passed': NP_('projection', 'the deadline has passed: no projection'),
    'already_met': NP_('projection', 'already met'),
})


def rate_sentence(h: History, lang: str) -> str:
    """What a rate's history says in place of a projection: the rate so far against its
    target, and by how many percentage points it falls short (or holds)."""
    t = catalogue(lang)
    s = h.standing
    if s.actual is None or s.gap is None:
        return t.gettext("a rate, held to its target directly (no projection by pace): {rate}, "
                         "no figure yet").format(rate=rate_of(s))
    short = rate_short(s)
    verdict = (t.gettext("holding") if short is None
               else t.gettext("{points} percentage points short").format(points=f"{short:g}"))
    return t.gettext("a rate, held to its target directly (no projection by pace): {rate}, "
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
    words = catalogue(lang)
    fill = {"value": v, "target": t, "gap": gap, "unit": unit,
            "deadline": long_date(p.deadline, lang)}
    if p.comparator is Comparator.at_most:
        verdict = (words.gettext("{gap} under it") if p.gap <= 0 else
                   words.gettext("over it by {gap}")).format(**fill)
        return words.gettext("at this pace: {value} against a ceiling of {target} by {deadline}, "
                             "{verdict}").format(verdict=verdict, **fill)
    if p.comparator is Comparator.maintain_at_least:
        verdict = (words.gettext("above it by {gap}") if p.gap >= 0 else
                   words.gettext("below it by {gap}")).format(**fill)
        return words.gettext("at this pace: {value} against a floor of {target} by {deadline}, "
                             "{verdict}").format(verdict=verdict, **fill)
    if p.gap >= 0:
        verdict = (words.gettext("reaching it exactly") if p.gap == 0 else
                   words.gettext("ahead by {gap}").format(**fill))
    else:
        verdict = words.gettext("short by {gap}").format(**fill) + (
            words.gettext(", within the {tolerance:.0%} that 左右 allows").format(
                tolerance=tolerance) if p.reaches else "")
    return words.gettext("at this pace: {value} of {target} by {deadline}, {verdict}").format(
        verdict=verdict, **fill)


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


def history_document(plan: Plan, h: History, lang: str,
                     withdrawn: Sequence[tuple[Record, Record]] = ()) -> Document:
    """The view built once: the target, its goal and status, a table of its figures (a
    corrected one struck out), its trend, its withdrawn figures, the pace so far and where it
    leads; ``document.markdown`` and ``terminal.render`` write it."""
    hd, w = HEADERS[lang], WORDS[lang]
    t = h.target
    rate = h.standing.rule is Rule.rate
    goal = (rate_target(t.target, t.unit, t.comparator.value) if rate
            else f"{format_number(t.target)} {t.unit}")
    status = h.standing.status
    blocks: list[Block] = [
        Text(f"{t.id} {t.label}", kind="strong"),
        Text(LEAD_IN[lang].format(what=f"{hd['target']} {goal} · {hd['deadline']} "
                                       f"{h.standing.deadline} · {hd['as_of']} {h.as_of}"),
             then=(Cell(STATUS[lang][status], status),))]
    if h.points:
        # a rate: the rate so far and the points it is behind, not progress against 序时进度
        middle = ("gap",) if rate else ("progress", "expected")
        columns = (Column(hd["date"]), Column(hd["value"], num=True, wrap=True),
                   *(Column(hd[key], num=True) for key in middle), Column(hd["status"]),
                   Column(hd["by"]), Column(hd["source"], wrap=True))
        rows = []
        for pt in h.points:
            s = pt.standing
            value = format_number(pt.record.value) if pt.record.value is not None else "—"
            if rate and pt.record.value is not None:
                value = value.replace("-", "−") + t.unit
            cells = [points(s.gap)] if rate else [percent(s.progress), percent(s.expected)]
            rows.append(Row((Cell(str(pt.record.date)),
                             Cell(value + ("" if pt.counts else w["corrected"]),
                                  style="" if pt.counts else "struck"),
                             *(Cell(c) for c in cells), Cell(STATUS[lang][s.status], s.status),
                             Cell(pt.record.by), Cell(pt.record.source))))
        blocks += [Table("figures", columns, tuple(rows)),
                   Text(f"{w['trend']} {h.sparkline}")]
    for r, gone in withdrawn:  # struck out, with who withdrew it, when and why
        shown = format_number(r.value) if r.value is not None else "—"
        said = LOG_WORDS[lang]["withdrawn"].format(
            by=gone.by, at=minute(gone.recorded_at), why=gone.note,
            id=gone.recording)
        blocks.append(Text("", then=(Cell(f"✗ {r.date} {shown} {t.unit}", style="struck"),
                                     Cell(f" {said}", style="muted"))))
    sentence = pace_sentence(h, lang)
    if sentence:
        blocks.append(Text(sentence))
    blocks.append(Text(projection_sentence(h, lang, plan.grading.approx_tolerance),
                       kind="strong"))
    return Document(lang=lang, title=f"{t.id} {t.label}", heading="", meta="",
                    parts=(Part("history", "", tuple(blocks)),))
