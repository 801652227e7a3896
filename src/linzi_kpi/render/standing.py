"""Graded standings as plain text: the lines a status report is made of, and its Markdown.

No Rich here: ``kpi record`` prints its confirmation line from this module and stays light.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from ..enums import Rule, Status
from ..grading import Outcome, Report, Standing, TaskStanding
from ..i18n import _, catalogue, language
from ..model import Plan, Target
from ..values import format_number
from .labels import (
    COMPARATOR_SIGN,
    NO_BASELINE,
    RULE,
    STATUS,
    state_label,
)
from .markdown import md_text
from .numbers import rate_against

BAR_WIDTH = 10
#: The mark of 序时进度 inside a bar.
MARK = "│"


def percent(value: float | None) -> str:
    """One decimal, so that a grade can be checked from what is shown: 474/1200 → 39.5%."""
    return "—" if value is None else f"{value * 100:.1f}%"


def points(gap: float | None) -> str:
    """Points behind (+) or ahead (−), one decimal: ``+10.1``."""
    if gap is None:
        return "—"
    shown = round(gap * 100, 1)
    return f"{shown:+.1f}".replace("-", "−") if shown else "0.0"


def held_to(target: Target) -> str:
    """The rule a floor or a ceiling is held to: ``≥ 56``, ``≤ 0``."""
    return f"{COMPARATOR_SIGN[target.comparator.value]} {format_number(target.target)}"


def bar(progress: float | None, width: int = BAR_WIDTH, expected: float | None = None) -> str:
    """``████░░░░░░``; with ``expected``, a mark at 序时进度 takes the cell it falls in."""
    if progress is None:
        return " " * width
    filled = int(max(0.0, min(progress, 1.0)) * width + 0.5)  # half a cell rounds up
    cells = "█" * filled + "░" * (width - filled)
    if expected is None:
        return cells
    # the mark takes the cell just after 序时进度's boundary, so that a bar on pace fills up to it
    at = min(int(max(0.0, min(expected, 1.0)) * width + 0.5), width - 1)
    return cells[:at] + MARK + cells[at + 1:]


def actual_of_target(s: Standing) -> str:
    """``600/1200 个``; a rate against its target: ``7.5% / ≥ 8%``."""
    if s.rule is Rule.rate:
        return rate_of(s)
    actual = "—" if s.actual is None else format_number(s.actual)
    return f"{actual}/{format_number(s.target.target)} {s.target.unit}"


def rate_of(s: Standing) -> str:
    """A rate's figure against its target: ``7.5% / ≥ 8%``."""
    return rate_against(s.actual, s.target.target, s.target.unit, s.target.comparator.value)


def one_line(s: Standing, lang: str | None = None) -> str:
    """``23.1 新增充电桩 600/1200 个 50.0% 正常`` — the confirmation ``kpi record`` prints, in
    ``lang`` (the current language: None); a floor or a ceiling shows the rule it holds to, a
    level without a baseline says so, a rate shows itself against its target and the points it
    is behind (``7.5% / ≥ 8% (rate, 0.5 points behind)``)."""
    lang = lang or language()
    if s.rule is Rule.rate:
        measure = f"({RULE[lang]['rate']}, {rate_gap_words(s, lang)})"
    elif s.rule in (Rule.floor, Rule.ceiling):
        measure = held_to(s.target)
    else:
        measure = percent(s.progress)
        if s.needs_baseline:
            measure += f" ({NO_BASELINE[lang]})"
    return f"{s.target.id} {s.target.label} {actual_of_target(s)} {measure} {STATUS[lang][s.status]}"


def rate_short(s: Standing) -> float | None:
    """The percentage points a rate is short of its target, as shown (one decimal); None where
    it has no figure or holds (met within 左右's tolerance below its number too)."""
    if s.gap is None:
        return None
    shown = round(s.gap * 100, 1)
    return shown if shown > 0 and not s.reached else None


def rate_gap_words(s: Standing, lang: str | None = None) -> str:
    """How far a rate is from its target: ``0.5 points behind``, ``0.2 points ahead``,
    ``holding`` (met within 左右's tolerance below its number), in ``lang`` (the current
    language: None)."""
    if s.gap is None:
        return "—"
    t = catalogue(lang or language())
    short = rate_short(s)
    if short is not None:
        return t.gettext("{points} points behind").format(points=f"{short:g}")
    shown = round(s.gap * 100, 1)
    if shown < 0:
        return t.gettext("{points} points ahead").format(points=f"{-shown:g}")
    return t.gettext("holding") if shown > 0 else t.gettext("on the target")


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
    groups: list[SectionRows] = []
    for ts in tasks:
        if not groups or groups[-1].number != ts.task.section:
            groups.append(SectionRows(ts.task.section, section_heading(plan, ts.task.section), []))
        groups[-1].rows.append((ts, by_task.get(ts.task.number, [])))
    return groups


class Line(NamedTuple):
    """One printed line: a graded target, or a task that carries no number. ``held_to`` is the
    rule of a floor or a ceiling (``≥ 56``), shown in place of a progress bar."""

    id: str
    label: str
    actual: str
    progress: float | None
    expected: str
    status: Status
    is_task: bool
    gap: str = ""
    held_to: str = ""
    mark: float | None = None  # where 序时进度 falls in the bar (targets paced by it only)

    def progress_cell(self, bar_width: int = BAR_WIDTH) -> str:
        if self.is_task:
            return ""
        if self.held_to:
            return f"{self.held_to:<{bar_width + 7}}"
        return f"{percent(self.progress):>6} {bar(self.progress, bar_width, self.mark)}"

    @property
    def progress_text(self) -> str:
        """The progress cell without its bar (Markdown, CSV)."""
        return "" if self.is_task else (self.held_to or percent(self.progress))


#: Beside the id of a task or target not yet reviewed (``review: draft``).
DRAFT_MARK = "*"


def lines_of(ts: TaskStanding, own: list[Standing], lang: str = "en") -> list[Line]:
    """The printed lines of a task: its targets, or the task itself with its state's word."""
    if not own:
        mark = DRAFT_MARK if ts.task.review else ""
        return [Line(f"{ts.task.number}{mark}", ts.task.title, state_label(ts.state, lang), None,
                     "", ts.status, True)]
    return [Line(s.target.id + (DRAFT_MARK if s.target.review else ""), s.target.label,
                 actual_of_target(s), s.progress, expected_cell(s, lang), s.status, False,
                 points(s.gap), held_to(s.target) if s.rule in (Rule.floor, Rule.ceiling) else "",
                 s.expected)
            for s in own]


def expected_cell(s: Standing, lang: str) -> str:
    """序时进度, or 缺基数 for a level graded by its shortfall, 增速 for a rate (held to its target
    directly), or — for a floor or ceiling."""
    if s.needs_baseline:
        return NO_BASELINE[lang]
    if s.rule is Rule.rate:
        return RULE[lang]["rate"]
    return percent(s.expected)


_CN = "一二三四五六七八九十"


def section_number(n: int) -> str:
    """Section numbers as the document writes them: 一 … 十二."""
    if 1 <= n <= 10:
        return _CN[n - 1]
    if 11 <= n <= 19:
        return "十" + _CN[n - 11]
    return str(n)


def section_heading(plan: Plan, number: int) -> str:
    """A section's heading as the plan gives it: its own ``heading``, else 一、 and its title."""
    for section in plan.sections:
        if section.number == number:
            return section.heading or f"{section_number(number)}、{section.title}"
    return f"{section_number(number)}、"


def md_cell(text: object) -> str:
    """Plan or ledger text safe in a Markdown cell or heading (see ``markdown.md_text``)."""
    return md_text(str(text))


def acknowledgements(plan: Plan, outcomes: Iterable[Outcome],
                     ) -> tuple[list[dict[str, object]], list[str]]:
    """What ``kpi record``, ``kpi mark`` and ``kpi import`` say of each new record (graded by
    ``grading.outcomes``): its JSON object and its confirmation line."""
    from .rows import record_row, standing_row

    labels = {target.id: target for _section, target in plan.targets()}
    titles = {str(task.number): task.title for task in plan.tasks}
    results: list[dict[str, object]] = []
    lines: list[str] = []
    lang = language()
    for o in outcomes:
        r = o.record
        if o.status is not None:
            results.append({"record": record_row(r), "status": o.status.value})
            lines.append(f"{r.target} {titles[r.target]} {state_label(r.state, lang, '')} "
                         f"{STATUS[lang][o.status]}")
        elif o.standing is not None:
            results.append({"record": record_row(r), "standing": standing_row(plan, o.standing)})
            lines.append(one_line(o.standing))
        else:
            target = labels[r.target]
            results.append({"record": record_row(r), "baseline": True})
            line = _("{id} {label} baseline {value} {unit} on {date}").format(
                id=r.target, label=target.label, value=format_number(r.value or 0),
                unit=target.unit, date=r.date)
            if target.baseline is not None:  # the plan's wins: say so, not "baseline" alone
                line += _(" (not used: the plan gives the baseline {value} {unit}; keep one of "
                          "the two)").format(value=format_number(target.baseline),
                                             unit=target.unit)
            lines.append(line)
    return results, lines
