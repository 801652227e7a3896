"""Graded standings as plain text: the lines a status report is made of, and its Markdown.

No Rich here: ``kpi record`` prints its confirmation line from this module and stays light.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from ..enums import Status
from ..grading import Report, Standing, TaskStanding
from ..model import Plan, Record
from ..values import format_number
from .labels import HEADERS, STATUS
from .markdown import md_text

BAR_WIDTH = 10


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def bar(progress: float | None, width: int = BAR_WIDTH) -> str:
    if progress is None:
        return " " * width
    filled = int(max(0.0, min(progress, 1.0)) * width + 0.5)  # half a cell rounds up
    return "█" * filled + "░" * (width - filled)


def actual_of_target(s: Standing) -> str:
    actual = "—" if s.actual is None else format_number(s.actual)
    return f"{actual}/{format_number(s.target.target)} {s.target.unit}"


def one_line(s: Standing, lang: str = "en") -> str:
    """``23.1 新增充电桩 600/1200 个 50% on_track`` — the confirmation ``kpi record`` prints."""
    return f"{s.target.id} {s.target.label} {actual_of_target(s)} {percent(s.progress)} {s.status.value}"


@dataclass(frozen=True)
class SectionRows:
    number: int
    title: str
    rows: list[tuple[TaskStanding, list[Standing]]]


def grouped(plan: Plan, report: Report, tasks: Iterable[TaskStanding]) -> list[SectionRows]:
    """Tasks with their graded targets, grouped by section in plan order."""
    by_task: dict[int, list[Standing]] = {}
    for s in report.targets:
        by_task.setdefault(s.task.number, []).append(s)
    titles = {section.number: section.title for section in plan.sections}
    groups: list[SectionRows] = []
    for ts in tasks:
        if not groups or groups[-1].number != ts.task.section:
            groups.append(SectionRows(ts.task.section,
                                      f"{section_number(ts.task.section)}、{titles.get(ts.task.section, '')}", []))
        groups[-1].rows.append((ts, by_task.get(ts.task.number, [])))
    return groups


class Line(NamedTuple):
    """One printed line: a graded target, or a task that carries no number."""

    id: str
    label: str
    actual: str
    progress: float | None
    expected: str
    status: Status
    is_task: bool

    def md_actual(self) -> str:
        """The actual cell in Markdown: a target's carries the plan's unit, escaped; a task's
        is one of kpi's own state names, left as written."""
        return self.actual if self.is_task else md_cell(self.actual)

    def progress_cell(self, bar_width: int = BAR_WIDTH) -> str:
        return "" if self.is_task else f"{percent(self.progress):>4} {bar(self.progress, bar_width)}"


def lines_of(ts: TaskStanding, own: list[Standing]) -> list[Line]:
    if not own:
        state = ts.state.value if ts.state else "—"
        return [Line(str(ts.task.number), ts.task.title, state, None, "", ts.status, True)]
    return [Line(s.target.id, s.target.label, actual_of_target(s), s.progress,
                 percent(s.expected), s.status, False) for s in own]


_CN = "一二三四五六七八九十"


def section_number(n: int) -> str:
    """Section numbers as the document writes them: 一 … 十二."""
    if 1 <= n <= 10:
        return _CN[n - 1]
    if 11 <= n <= 19:
        return "十" + _CN[n - 11]
    return str(n)


def status_markdown(plan: Plan, report: Report, tasks: Iterable[TaskStanding], lang: str) -> str:
    h = HEADERS[lang]
    lines = [f"**{md_cell(plan.plan.title)}** — {h['as_of']} {report.as_of}"]
    for g in grouped(plan, report, tasks):
        lines += ["", f"### {md_cell(g.title)}", "",
                  f"| {h['id']} | {h['label']} | {h['actual']} | {h['progress']} | "
                  f"{h['expected']} | {h['status']} |",
                  "| --- | --- | ---: | ---: | ---: | --- |"]
        for ts, own in g.rows:
            for x in lines_of(ts, own):
                progress = "" if x.is_task else percent(x.progress)
                lines.append(f"| {md_cell(x.id)} | {md_cell(x.label)} | {x.md_actual()} | {progress} | "
                             f"{x.expected} | {STATUS[lang][x.status]} |")
    counts = report.summary()
    parts = " · ".join(f"{STATUS[lang][Status(k)]} {v}" for k, v in counts.items() if v)
    total = f"{sum(counts.values())} {h['targets']}"
    lines += ["", f"{parts} ({total})" if parts else total]
    return "\n".join(lines) + "\n"


def md_cell(text: object) -> str:
    """Plan or ledger text safe in a Markdown cell or heading (see ``markdown.md_text``)."""
    return md_text(str(text))


def acknowledgements(plan: Plan, records: Iterable[Record]) -> tuple[list[dict[str, object]], list[str]]:
    """What ``kpi record``, ``kpi mark`` and ``kpi import`` say of each new record: its JSON
    object and its confirmation line, the standing graded as of the figure's own date."""
    from ..grading import grade_state, stand
    from .rows import record_row, standing_row

    targets = {target.id: (task, target) for task, target in plan.targets()}
    titles = {str(task.number): task.title for task in plan.tasks}
    results: list[dict[str, object]] = []
    lines: list[str] = []
    for r in records:
        if r.state is None:
            task, target = targets[r.target]
            s = stand(plan, task, target, r, r.date)
            results.append({"record": record_row(r), "standing": standing_row(plan, s)})
            lines.append(one_line(s))
        else:
            status = grade_state(r.state, r.date > plan.plan.period_end)
            results.append({"record": record_row(r), "status": status.value})
            lines.append(f"{r.target} {titles[r.target]} {r.state.value} {status.value}")
    return results, lines
