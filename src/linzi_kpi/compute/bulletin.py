"""Everything a monthly bulletin (通报) shows, computed once for the HTML and Markdown forms. Pure."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..enums import Status
from ..grading import SEVERITY, Report, TaskStanding, evaluate, expected_share
from ..model import Plan, Record
from .changes import Changes, changes, unreported
from .history import History, history
from .owed import Owed, by_department
from .scorecard import Scorecard, scorecards
from .timeline import baselines_of, latest_as_of, latest_notes, previous_month_end

if TYPE_CHECKING:
    from ..ledger.reading import Disagreement


@dataclass(frozen=True)
class SectionCounts:
    number: int
    title: str
    counts: dict[Status, int]  # targets only, SEVERITY order

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Bulletin:
    plan: Plan
    as_of: dt.date
    expected: float  # 序时进度 of the plan year on the as-of date
    report: Report
    counts: dict[Status, int]  # targets, SEVERITY order
    task_counts: dict[Status, int]
    sections: list[SectionCounts]
    departments: list[Scorecard]
    targets: list[History]  # each target's figures, pace and projection, in plan order
    tasks: list[TaskStanding]  # tasks that carry no number
    changes: Changes | None  # since the end of the previous month
    left_out: dict[str, int]  # ledger lines not counted, by file (made with --allow-problems)
    notes: dict[str, Record]  # each target's (task's) latest record with a note, by id
    owed: list[Owed]  # 未报送 in the as-of date's month, by the department that owes each line
    #: Targets whose figure two sources disagree on (``service.disputed``): 两个来源数值不同.
    disputes: Mapping[str, Disagreement] = field(default_factory=dict)


def _ordered(statuses: Sequence[Status]) -> dict[Status, int]:
    found = Counter(statuses)
    return {status: found.get(status, 0) for status in SEVERITY}


def bulletin(plan: Plan, records: Sequence[Record], as_of: dt.date,
             since: dt.date | None = None, left_out: dict[str, int] | None = None,
             disputes: Mapping[str, Disagreement] | None = None) -> Bulletin:
    """The bulletin on ``as_of`` from the ledger's ``records`` (in scan order).

    ``since`` (default: the end of the month before ``as_of``'s) starts the "what changed" part.
    """
    report = evaluate(plan, latest_as_of(records, as_of, plan.plan.period_start), as_of,
                      baselines_of(plan, records))
    titles = {s.number: s.title for s in plan.sections}
    by_section: dict[int, list[Status]] = {s.number: [] for s in plan.sections}
    for s in report.targets:
        by_section.setdefault(s.task.section, []).append(s.status)
    sections = [SectionCounts(n, titles.get(n, ""), _ordered(v)) for n, v in by_section.items()]
    trends = [history(plan, records, s.target.id, as_of) for s in report.targets]
    since = previous_month_end(as_of) if since is None else since
    moved = changes(plan, records, since, as_of) if since < as_of else None
    stale = moved.stale if moved is not None else unreported(plan, records, as_of)
    return Bulletin(
        plan=plan, as_of=as_of,
        expected=expected_share(plan.plan.period_start, plan.plan.period_end, as_of),
        report=report,
        counts=_ordered([s.status for s in report.targets]),
        task_counts=_ordered([t.status for t in report.tasks]),
        sections=sections,
        departments=scorecards(plan, report),
        targets=trends,
        tasks=[t for t in report.tasks if not t.task.targets],
        changes=moved,
        left_out=dict(left_out or {}),
        notes=latest_notes(records, as_of, plan.plan.period_start),
        owed=by_department(plan, stale),
        disputes=dict(disputes or {}),
    )


def behind_pace(b: Bulletin) -> list[History]:
    """Targets that will not make it at the pace so far (a projection that falls short)."""
    return [h for h in b.targets if h.projection is not None and not h.projection.reaches]


#: Statuses that say a target is on course; the others (at risk, off track) say it is behind.
ON_COURSE = (Status.met, Status.on_track)
BEHIND = (Status.at_risk, Status.off_track)


def disagreements(b: Bulletin) -> tuple[list[History], list[History]]:
    """Where the grade and the projection tell different stories.

    The grade (状态) compares progress with 序时进度 and allows ``at_risk_gap`` points behind
    before it warns; the projection extends the pace so far to the deadline, and falls short at
    any gap. So a target a few points behind is 正常 and yet projected to fall short. Returns
    (graded on course but projected short, graded behind but projected to make it).
    """
    short = [h for h in b.targets if h.projection is not None and not h.projection.reaches
             and h.standing.status in ON_COURSE]
    making = [h for h in b.targets if h.projection is not None and h.projection.reaches
              and h.standing.status in BEHIND]
    return short, making
