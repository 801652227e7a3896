"""Figures from two sources that disagree (``counting.disagree``), in words: the mark on a target
in ``kpi status``, the bulletin and the export (两个来源数值不同), and its JSON."""

from __future__ import annotations

from collections.abc import Mapping

from ..i18n import NP_, Vocabulary, catalogue
from ..ledger.reading import Disagreement, Placed
from ..values import format_number

#: The mark on a target whose figure another source contradicts.
MARK: Vocabulary[str] = Vocabulary({"mark": NP_("dispute", "two sources differ")})

#: How a disagreement is settled.
SETTLE: Vocabulary[str] = Vocabulary({"settle": NP_(
    "dispute", "the later one counts; settle it with kpi record … --corrects (the right figure) "
               "or kpi withdraw (the wrong one)")})


def _number(value: float | None) -> float | int | None:
    """1200.0 → 1200 (as ``rows.number`` writes figures in JSON)."""
    return int(value) if value is not None and value.is_integer() else value


def _figure(p: Placed) -> dict[str, object]:
    r = p.record
    return {"value": _number(r.value), "by": r.by, "source": r.source, "recording": r.recording or None,
            "recorded_at": r.recorded_at.isoformat(), "at": p.place()}


def dispute_row(d: Disagreement | None) -> dict[str, object] | None:
    """A target's disagreement for JSON: the date, the figure that counts and the other one."""
    if d is None:
        return None
    return {"date": d.later.record.date.isoformat(), "counts": _figure(d.later),
            "differs": _figure(d.earlier)}


def _who(p: Placed, lang: str) -> str:
    r = p.record
    return catalogue(lang).pgettext("list", ", ").join(part for part in (r.by, r.source)
                                                   if part) or p.place()


def dispute_line(d: Disagreement, lang: str = "zh") -> str:
    """``23.1 2023-06-30: 610 (区住建局) counts, 600 (区交通运输局) differs``."""
    a, b = d.earlier, d.later
    value = format_number
    return catalogue(lang).gettext("{target} {date}: {counts} ({counter}) counts, {differs} "
                                   "({differer}) differs").format(
        target=b.record.target, date=b.record.date, counts=value(b.record.value or 0),
        counter=_who(b, lang), differs=value(a.record.value or 0), differer=_who(a, lang))


def disputes_note(disputes: Mapping[str, Disagreement], lang: str = "zh") -> str:
    """One sentence for a report's banner: every target marked, and how it is settled."""
    t = catalogue(lang)
    lines = t.pgettext("dispute", "; ").join(dispute_line(d, lang)
                                             for _, d in sorted(disputes.items()))
    return t.gettext("{mark}: {lines}; {settle}").format(
        mark=MARK[lang]["mark"], lines=lines, settle=SETTLE[lang]["settle"])
