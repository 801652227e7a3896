"""Words of the reports beside the vocabulary (``words.py``, re-exported here for render/):
colours, the notes under a table, the grading rule, counts; each in the language it is asked
for, from the catalogues."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..enums import Kind, Status
from ..errors import one_line
from ..i18n import NP_, Vocabulary, catalogue
from ..words import COMPARATOR as COMPARATOR
from ..words import COMPARATOR_SIGN as COMPARATOR_SIGN
from ..words import HEADERS as HEADERS
from ..words import KIND as KIND
from ..words import RULE as RULE
from ..words import STATE as STATE
from ..words import STATUS as STATUS
from ..words import long_date as long_date
from ..words import long_month as long_month
from ..words import parse_state as parse_state
from ..words import parse_status as parse_status
from ..words import state_label as state_label

if TYPE_CHECKING:
    from ..model import Plan

#: Colour is never the only signal: every coloured label carries its text.
STYLE = {Status.met: "bold green", Status.on_track: "green", Status.at_risk: "yellow",
         Status.off_track: "red", Status.missed: "bold red", Status.no_data: "dim"}
#: Status words in their colour on a page, the HTML and Word editions' (dark enough to read on
#: white; the words say the status, so the meaning never rests on colour alone).
INK = {Status.met: "1A7F37", Status.on_track: "2D6A30", Status.at_risk: "9A6700",
       Status.off_track: "C0262D", Status.missed: "8E1519", Status.no_data: "59636E"}


def left_out_note(left_out: dict[str, int], lang: str, warning: bool = False) -> str:
    """What a report made with --allow-problems says of the ledger lines it could not count
    (a file name shown on one line, its control characters as escapes); ``warning``: without
    its "Note: " (stderr's ``warning:`` goes before it)."""
    t = catalogue(lang)
    total = sum(left_out.values())
    files = t.pgettext("list", ", ").join(
        t.gettext("{file}: {n}").format(file=one_line(f), n=n) for f, n in left_out.items())
    body = t.ngettext("the ledger has problems; {n} line of records is left out ({files}); "
                      "run kpi validate to see and fix them.",
                      "the ledger has problems; {n} lines of records are left out ({files}); "
                      "run kpi validate to see and fix them.", total).format(n=total, files=files)
    return body if warning else t.gettext("Note: {message}").format(message=body)


#: What the expected cell shows where a rule has no 序时进度.
NO_BASELINE = RULE.of("shortfall")


def rule_footer(lang: str, at_risk: float, off_track: float,
                rate: tuple[float, float] | None = None) -> str:
    """The grading rule and its thresholds, as a status table's footer; with ``rate`` (the
    plan's rate_at_risk_points and rate_off_track_points, given where rates are shown), the
    rule of growth rates too."""
    a, o = f"{at_risk * 100:g}", f"{off_track * 100:g}"
    t = catalogue(lang)
    text = t.gettext(
        "Rule: progress = actual ÷ target (for a level with a baseline, (actual − baseline) ÷ "
        "(target − baseline)), against expected (序时进度): less than {a} points behind is on "
        "track, {a}–{o} at risk, more than {o} off track; a level with no baseline is graded "
        "by its shortfall ((target − actual) ÷ target) on the same scale; ≥ / ≤ are floors "
        "and ceilings, on track while they hold; reaching the target is met.").format(a=a, o=o)
    if rate is not None:
        # (the leading space parts the sentences in English; Chinese runs on without one)
        # (holding is on track, not met: the rate so far may still fall, as a floor may)
        text += t.gettext(" A rate (增速) so far this year is held to its target directly, not "
                          "to 序时进度: holding it is on track, met only if it holds at the "
                          "deadline; short by less than {risk} percentage points is on track, "
                          "by {risk}–{off} at risk, by more than {off} off track.").format(
                              risk=f"{rate[0]:g}", off=f"{rate[1]:g}")
    return text


def rate_rule(plan: Plan) -> tuple[float, float] | None:
    """The plan's thresholds for rates, where it has a rate (the footers name them then)."""
    if any(t.kind is Kind.rate for _task, t in plan.targets()):
        return plan.grading.rate_at_risk_points, plan.grading.rate_off_track_points
    return None


#: English nouns that a count precedes, singular for one: "1 target", "2 targets".
SINGULAR = {"targets": "target", "tasks": "task", "lines": "line", "records": "record",
            "departments": "department", "workbooks": "workbook", "problems": "problem",
            "rows": "row", "ledger records": "ledger record"}


def counted(n: int, noun: str) -> str:
    """``1 target``, ``2 targets``, ``3 个指标``: the noun as given, singular for one."""
    return f"{n} {SINGULAR.get(noun, noun) if n == 1 else noun}"


_NOTES: Vocabulary[str] = Vocabulary({
    "ended": NP_("note", "the plan period ended on {end}"),
    "nothing": NP_("note", "no targets or tasks match"),
    "counts": NP_("note", "{what}: ")})

PERIOD_ENDED = _NOTES.of("ended")

#: What a filter that matched nothing says, in place of an empty table.
NOTHING = _NOTES.of("nothing")

#: A lead-in, before what it introduces (``12 个指标：无数据 12``, ``截至 2023-06-30：正常``).
LEAD_IN = _NOTES.of("counts")


def period_note(period_end: dt.date, as_of: dt.date, lang: str,
                prose: bool = False) -> str | None:
    """The line under a header once the plan period is over at the as-of date (from the end of
    its last day: ``grading.has_passed``), else None; ``prose``: its date as the bulletin's
    sentences write one (2023年12月31日), else as the terminal's tables do (2023-12-31)."""
    from ..grading import has_passed

    if not has_passed(period_end, as_of):
        return None
    return PERIOD_ENDED[lang].format(end=long_date(period_end, lang) if prose else period_end)
