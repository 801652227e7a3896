"""The 催报 list (``kpi missing``): per department, what it has not reported for the month, as
text to paste into a message (one paragraph per department) and as JSON. Values in, text out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..compute.changes import Stale, before_period
from ..compute.owed import Owed, month_end
from ..i18n import NP_, Vocabulary
from ..model import Plan
from .labels import long_date, long_month

WORDS: Vocabulary[str] = Vocabulary({
    "sep": NP_("missing", "; "),
    "end": NP_("missing", "."),
    "paragraph": NP_("missing", "{who}: {n} not yet reported for {month}, please send: {items}"),
    "nobody": NP_("missing", "(no department named in the plan)"),
    # lines nobody can be chased for: the analyst names their reporter in the plan
    "unowned": NP_("missing", "{who}: {n} not reported for {month}, with nobody to ask: name "
                              "who reports them in the plan (reporter:): {items}"),
    "none": NP_("missing", "Everything is reported for {month}."),
    "before": NP_("missing", "Nothing is owed for {month}: the plan period starts on {start}.")})


def item(s: Stale) -> str:
    """``1.2 重点项目``: a line by its id and name."""
    return f"{s.line.id} {s.line.label}"


def who(owed: Owed, lang: str) -> str:
    return owed.department or WORDS[lang]["nobody"]


def paragraphs(owed: Sequence[Owed], month: dt.date, lang: str, plan: Plan) -> str:
    """One paragraph per department, a blank line between: ready to paste into a message
    (nothing is owed for a month before the plan period: it says so)."""
    w = WORDS[lang]
    named = long_month(month, lang)
    if before_period(plan, month_end(month)):
        return w["before"].format(month=named, start=long_date(plan.plan.period_start, lang)) + "\n"
    if not owed:
        return w["none"].format(month=named) + "\n"
    return "\n\n".join(
        w["paragraph" if o.department else "unowned"].format(
            who=who(o, lang), month=named, n=len(o.lines),
            items=w["sep"].join(item(s) for s in o.lines)) + w["end"]
        for o in owed) + "\n"


def missing_object(owed: Sequence[Owed], month: dt.date, as_of: dt.date) -> dict[str, object]:
    return {"month": f"{month:%Y-%m}", "as_of": as_of.isoformat(),
            "departments": [{"department": o.department, "count": len(o.lines),
                             "lines": [{"id": s.line.id, "task": s.line.task.number,
                                        "kind": "target" if s.line.task.targets else "task",
                                        "label": s.line.label,
                                        "last_date": s.last.date.isoformat() if s.last else None}
                                       for s in o.lines]} for o in owed]}
