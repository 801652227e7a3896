"""The status report as a Rich table, as Markdown, and its one-line forms."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from rich import box
from rich.console import Group
from rich.table import Table
from rich.cells import cell_len
from rich.text import Text

from ..enums import Status
from ..grading import Report, Standing, TaskStanding
from ..model import Plan
from ..values import format_number
from .labels import HEADERS, STATUS, STYLE

BAR_WIDTH = 10
LABEL_WIDTH = 28  # cells; longer labels fold onto a second line


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def bar(progress: float | None, width: int = BAR_WIDTH) -> str:
    if progress is None:
        return " " * width
    filled = round(max(0.0, min(progress, 1.0)) * width)
    return "█" * filled + "░" * (width - filled)


def actual_of_target(s: Standing) -> str:
    actual = "—" if s.actual is None else format_number(s.actual)
    return f"{actual}/{format_number(s.target.target)} {s.target.unit}"


def status_text(status: Status, lang: str) -> Text:
    return Text(STATUS[lang][status], style=STYLE[status])


def one_line(s: Standing, lang: str = "en") -> str:
    """``23.1 新增充电桩 600/1200 个 50% on_track`` — the confirmation ``kpi record`` prints."""
    return f"{s.target.id} {s.target.label} {actual_of_target(s)} {percent(s.progress)} {s.status.value}"


def summary_line(counts: dict[str, int], noun: str, lang: str) -> Text:
    total = sum(counts.values())
    text = Text(f"{total} {noun}: ")
    parts = [(status, n) for status, n in ((Status(k), v) for k, v in counts.items()) if n]
    for i, (status, n) in enumerate(parts):
        if i:
            text.append(" · ")
        text.append(f"{STATUS[lang][status]} {n}", style=STYLE[status])
    return text


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
                                      f"{_cn(ts.task.section)}、{titles.get(ts.task.section, '')}", []))
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

    def progress_cell(self, bar_width: int = BAR_WIDTH) -> str:
        return "" if self.is_task else f"{percent(self.progress):>4} {bar(self.progress, bar_width)}"


def lines_of(ts: TaskStanding, own: list[Standing]) -> list[Line]:
    if not own:
        state = ts.state.value if ts.state else "—"
        return [Line(str(ts.task.number), ts.task.title, state, None, "", ts.status, True)]
    return [Line(s.target.id, s.target.label, actual_of_target(s), s.progress,
                 percent(s.expected), s.status, False) for s in own]


def status_table(plan: Plan, report: Report, tasks: Iterable[TaskStanding], lang: str,
                 columns: int = 80) -> Group:
    """One table per section, all with the same column widths, then the counts.

    Labels get what the other columns leave of ``columns`` (up to LABEL_WIDTH), folding if longer.
    """
    h = HEADERS[lang]
    groups = grouped(plan, report, tasks)
    bar_width = BAR_WIDTH if columns >= 100 else BAR_WIDTH // 2
    every = [line for g in groups for ts, own in g.rows for line in lines_of(ts, own)]
    cells = {"id": [x.id for x in every], "label": [x.label for x in every], "actual": [x.actual for x in every],
             "progress": [x.progress_cell(bar_width) for x in every], "expected": [x.expected for x in every],
             "status": list(STATUS[lang].values())}
    width = {key: max(cell_len(t) for t in values + [h[key]]) for key, values in cells.items()}
    # each gap between columns is a separator and two cells of padding
    others = sum(w for key, w in width.items() if key != "label") + 3 * (len(width) - 1)
    label_width = max(8, min(width["label"], LABEL_WIDTH, columns - others))
    parts: list[object] = [Text(f"{plan.plan.title}\n{h['as_of']} {report.as_of}", style="bold")]
    for g in groups:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False,
                      title=g.title, title_justify="left", title_style="bold", expand=False)
        table.add_column(h["id"], width=width["id"], no_wrap=True)
        table.add_column(h["label"], width=label_width, overflow="fold")
        table.add_column(h["actual"], width=width["actual"], justify="right", overflow="fold")
        table.add_column(h["progress"], width=width["progress"], no_wrap=True)
        table.add_column(h["expected"], width=width["expected"], justify="right", no_wrap=True)
        table.add_column(h["status"], width=width["status"], no_wrap=True)
        for ts, own in g.rows:
            for x in lines_of(ts, own):
                table.add_row(x.id, Text(x.label, style="italic" if x.is_task else ""), x.actual,
                              x.progress_cell(bar_width), x.expected, status_text(x.status, lang))
        parts.append(table)
    parts += [summary_line(report.summary(), h["targets"], lang),
              summary_line(report.task_summary(), h["tasks"], lang)]
    return Group(*parts)


_CN = "一二三四五六七八九十"


def _cn(n: int) -> str:
    """Section numbers as the document writes them: 一 … 十二."""
    if 1 <= n <= 10:
        return _CN[n - 1]
    if 11 <= n <= 19:
        return "十" + _CN[n - 11]
    return str(n)


def status_markdown(plan: Plan, report: Report, tasks: Iterable[TaskStanding], lang: str) -> str:
    h = HEADERS[lang]
    lines = [f"**{plan.plan.title}** — {h['as_of']} {report.as_of}"]
    for g in grouped(plan, report, tasks):
        lines += ["", f"### {g.title}", "",
                  f"| {h['id']} | {h['label']} | {h['actual']} | {h['progress']} | "
                  f"{h['expected']} | {h['status']} |",
                  "| --- | --- | ---: | ---: | ---: | --- |"]
        for ts, own in g.rows:
            for x in lines_of(ts, own):
                progress = "" if x.is_task else percent(x.progress)
                lines.append(f"| {x.id} | {_md(x.label)} | {x.actual} | {progress} | "
                             f"{x.expected} | {STATUS[lang][x.status]} |")
    counts = report.summary()
    parts = " · ".join(f"{STATUS[lang][Status(k)]} {v}" for k, v in counts.items() if v)
    total = f"{sum(counts.values())} {h['targets']}"
    lines += ["", f"{parts} ({total})" if parts else total]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")
