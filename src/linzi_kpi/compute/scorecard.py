"""Department scorecards: counts per status of what each department leads (牵头) and shares (责任).

A line is what ``kpi status`` prints: each numeric target, and each task that carries no number
(graded by its state). A department counts a line as lead when it is among the task's 牵头部门,
as shared when it is among the 责任部门 only. Pure.

The ranking is fair to those who report: a line with no figure (无数据) counts against the
department that owes it (``Plan.reporter``) as a line behind, as much as a 滞后 does, so a
department that reported nothing never ranks above one that reported and is behind: it ranks
last, with the whole of its lines behind.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..enums import Status
from ..grading import SEVERITY, Report, Standing, TaskStanding
from ..model import Plan, Target, Task
from ..query import canonical, resolve_department

#: The statuses that make a department look bad, worst first: the ranking's tie-breakers.
BAD = (Status.missed, Status.off_track, Status.at_risk, Status.no_data)
#: Behind: the lines that count towards a department's share behind (未完成, 滞后, 预警).
BEHIND = (Status.missed, Status.off_track, Status.at_risk)


def _counts(statuses: list[Status]) -> dict[Status, int]:
    found = Counter(statuses)
    return {status: found.get(status, 0) for status in SEVERITY}


@dataclass(frozen=True)
class Scorecard:
    """One department's counts per status, for lines it leads and lines it shares."""

    name: str
    collective: bool
    lead: dict[Status, int]
    shared: dict[Status, int]
    unreported: int = 0  # lines with no figure that this department owes (未报送)

    @property
    def lead_total(self) -> int:
        return sum(self.lead.values())

    @property
    def shared_total(self) -> int:
        return sum(self.shared.values())

    def total(self, status: Status) -> int:
        return self.lead[status] + self.shared[status]

    @property
    def behind(self) -> int:
        """Lines (lead and shared) that are missed, off track or at risk, and the lines with no
        figure that it owes (未报送): silence counts as much as a 滞后."""
        return sum(self.total(s) for s in BEHIND) + self.unreported

    @property
    def behind_share(self) -> float:
        """The share of its lines behind: a large department is not worse for being large."""
        lines = self.lead_total + self.shared_total
        return self.behind / lines if lines else 0.0

    @property
    def ahead_share(self) -> float:
        """The share of its lines met or on track: among departments equally behind, those
        with more work standing well rank higher than those whose lines have no figure yet."""
        lines = self.lead_total + self.shared_total
        good = self.total(Status.met) + self.total(Status.on_track)
        return good / lines if lines else 0.0

    @property
    def worst(self) -> Status:
        """The worst status among its lines."""
        return next((s for s in SEVERITY if self.total(s)), Status.no_data)


def report_lines(report: Report) -> list[tuple[Task, Target | None, Status]]:
    """Each graded line of the report with its task and target (None: a task that carries no
    number, graded by its state)."""
    by_task: dict[int, list[Standing]] = {}
    for s in report.targets:
        by_task.setdefault(s.task.number, []).append(s)
    out: list[tuple[Task, Target | None, Status]] = []
    for ts in report.tasks:
        own = by_task.get(ts.task.number)
        if own:
            out.extend((s.task, s.target, s.status) for s in own)
        elif not ts.task.targets:
            out.append((ts.task, None, ts.status))
    return out


def task_lines(report: Report) -> list[tuple[Task, Status]]:
    """Each graded line of the report with its task: targets, and tasks that carry no number."""
    return [(task, status) for task, _, status in report_lines(report)]


def roles(plan: Plan, task: Task) -> tuple[list[str], list[str]]:
    """The task's lead departments and the departments that share it only, canonical names."""
    lead = canonical(plan, task.lead)
    shared = [name for name in canonical(plan, task.responsible) if name not in lead]
    return lead, shared


def scorecards(plan: Plan, report: Report) -> list[Scorecard]:
    """One scorecard per department with at least one line, ranked best first (排名: 第一 is
    the best), as a 通报 ranks.

    Best first: the smallest share of its lines behind (missed, off_track or at_risk, lead and
    shared together, and the lines without a figure it owes), so that a large department does not
    rank worse for its size and silence does not rank better than a figure behind; then the
    largest share met or on track (a department whose lines have no figure yet, owed by another,
    ranks below one whose lines stand well); then fewest lines unreported, fewest missed,
    off_track, at_risk, no_data, most met; ties keep the order of the plan's department
    registry.
    """
    order = [d.name for d in plan.departments]
    collective = {d.name for d in plan.departments if d.collective}
    lead: dict[str, list[Status]] = {}
    shared: dict[str, list[Status]] = {}
    silent: dict[str, int] = {}
    for task, target, status in report_lines(report):
        if status is Status.no_data:
            who = plan.reporter(task, target)
            if who is not None:
                silent[who] = silent.get(who, 0) + 1
        leads, shares = roles(plan, task)
        for name in leads:
            lead.setdefault(name, []).append(status)
            if name not in order:
                order.append(name)
        for name in shares:
            shared.setdefault(name, []).append(status)
            if name not in order:
                order.append(name)
    cards = [Scorecard(name, name in collective, _counts(lead.get(name, [])),
                       _counts(shared.get(name, [])), silent.get(name, 0))
             for name in order if name in lead or name in shared]
    rank = {name: i for i, name in enumerate(order)}
    return sorted(cards, key=lambda c: (round(c.behind_share, 9), -round(c.ahead_share, 9),
                                        c.unreported)
                  + tuple(c.total(s) for s in BAD) + (-c.total(Status.met), rank[c.name]))


@dataclass(frozen=True)
class RoleReport:
    """The part of a report one department answers for in one role."""

    role: str  # "lead" (牵头) or "shared" (责任)
    targets: list[Standing] = field(default_factory=list)
    tasks: list[TaskStanding] = field(default_factory=list)

    def counts(self) -> dict[Status, int]:
        statuses = [s.status for s in self.targets]
        statuses += [t.status for t in self.tasks if not t.task.targets]
        return _counts(statuses)


@dataclass(frozen=True)
class DepartmentDetail:
    name: str
    collective: bool
    lead: RoleReport
    shared: RoleReport


def department_detail(plan: Plan, report: Report, name: str) -> DepartmentDetail:
    """What one department (any alias) answers for, split into 牵头 and 责任, in plan order."""
    wanted = resolve_department(plan, name)
    parts: dict[str, RoleReport] = {"lead": RoleReport("lead"), "shared": RoleReport("shared")}
    chosen: dict[int, str] = {}
    for task in plan.tasks:
        leads, shares = roles(plan, task)
        if wanted in leads:
            chosen[task.number] = "lead"
        elif wanted in shares:
            chosen[task.number] = "shared"
    for s in report.targets:
        if s.task.number in chosen:
            parts[chosen[s.task.number]].targets.append(s)
    for ts in report.tasks:
        if ts.task.number in chosen:
            parts[chosen[ts.task.number]].tasks.append(ts)
    collective = any(d.name == wanted and d.collective for d in plan.departments)
    return DepartmentDetail(wanted, collective, parts["lead"], parts["shared"])
