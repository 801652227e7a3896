"""The status report as a Rich table, as Markdown, and its one-line forms."""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..enums import Status
from ..grading import Report, Standing, TaskStanding
from ..model import Plan
from ..values import format_number
from .labels import HEADERS, STATUS, STYLE

BAR_WIDTH = 10


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


def status_table(plan: Plan, report: Report, tasks: Iterable[TaskStanding], lang: str) -> Group:
    h = HEADERS[lang]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False,
                  title=f"{plan.plan.title}\n{h['as_of']} {report.as_of}", title_justify="left")
    table.add_column(h["id"], no_wrap=True)
    table.add_column(h["label"], ratio=1, min_width=8, overflow="fold")
    table.add_column(h["actual"], justify="right", overflow="fold")
    table.add_column(h["progress"], no_wrap=True)
    table.add_column(h["expected"], justify="right", no_wrap=True)
    table.add_column(h["status"], no_wrap=True)
    by_task: dict[int, list[Standing]] = {}
    for s in report.targets:
        by_task.setdefault(s.task.number, []).append(s)
    sections = {section.number: section.title for section in plan.sections}
    shown_section = None
    for ts in tasks:
        if ts.task.section != shown_section:
            if shown_section is not None:
                table.add_section()
            shown_section = ts.task.section
            table.add_row("", Text(f"{_cn(shown_section)}、{sections.get(shown_section, '')}",
                                   style="bold"), "", "", "", "")
        own = by_task.get(ts.task.number, [])
        if not own:
            state = ts.state.value if ts.state else "—"
            table.add_row(str(ts.task.number), Text(ts.task.title, style="italic"), state, "", "",
                          status_text(ts.status, lang))
        for s in own:
            table.add_row(s.target.id, s.target.label, actual_of_target(s),
                          f"{percent(s.progress):>4} {bar(s.progress)}", percent(s.expected),
                          status_text(s.status, lang))
    footer = [summary_line(report.summary(), h["targets"], lang),
              summary_line(report.task_summary(), h["tasks"], lang)]
    return Group(table, *footer)


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
    lines = [f"**{plan.plan.title}** — {h['as_of']} {report.as_of}", ""]
    sections = {section.number: section.title for section in plan.sections}
    by_task: dict[int, list[Standing]] = {}
    for s in report.targets:
        by_task.setdefault(s.task.number, []).append(s)
    shown_section = None
    for ts in tasks:
        if ts.task.section != shown_section:
            shown_section = ts.task.section
            lines += ["", f"### {_cn(shown_section)}、{sections.get(shown_section, '')}", "",
                      f"| {h['id']} | {h['label']} | {h['actual']} | {h['progress']} | "
                      f"{h['expected']} | {h['status']} |",
                      "| --- | --- | ---: | ---: | ---: | --- |"]
        own = by_task.get(ts.task.number, [])
        if not own:
            state = ts.state.value if ts.state else "—"
            lines.append(f"| {ts.task.number} | {_md(ts.task.title)} | {state} |  |  | "
                         f"{STATUS[lang][ts.status]} |")
        for s in own:
            lines.append(f"| {s.target.id} | {_md(s.target.label)} | {actual_of_target(s)} | "
                         f"{percent(s.progress)} | {percent(s.expected)} | {STATUS[lang][s.status]} |")
    counts = report.summary()
    lines += ["", " · ".join(f"{STATUS[lang][Status(k)]} {v}" for k, v in counts.items() if v)
              + f" ({sum(counts.values())} {h['targets']})"]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")
