"""Cross-record rules of the plan. Each check is a function that returns problems."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from . import freetext
from .errors import Problem, format_path
from .i18n import N_, _
from .model import Kind, Plan
from .numbering import in_words, opens_as, task_opening
from .values import format_number

#: A deadline further than this past the period end is almost certainly a typo.
MAX_DEADLINE_YEARS = 10
#: Words that state a target of zero without writing the digit: 建成区黑臭水体动态清零.
ZERO_WORDS = ("清零", "消除", "归零")


def _free_id(task_number: int, used: set[str]) -> str:
    n = 1
    while f"{task_number}.{n}" in used:
        n += 1
    return f"{task_number}.{n}"


def _ranges_ordered(plan: Plan, source: str | None) -> Iterator[Problem]:
    info, grading = plan.plan, plan.grading
    if info.period_end < info.period_start:
        yield Problem(_("period_end {period_end} is before period_start {period_start}")
                       .format(period_end=info.period_end, period_start=info.period_start),
                      _("swap the two dates"), path=("plan", "period_end"), title="period")
    if grading.off_track_gap < grading.at_risk_gap:
        yield Problem(_("off_track_gap {off_track_gap} is smaller than at_risk_gap {at_risk_gap}")
                       .format(off_track_gap=grading.off_track_gap,
                               at_risk_gap=grading.at_risk_gap), _("a target is at risk before it is off track"),
                      path=("grading", "off_track_gap"), title="grading")
    if grading.rate_off_track_points < grading.rate_at_risk_points:
        yield Problem(_("rate_off_track_points {off} is smaller than rate_at_risk_points "
                        "{risk}").format(off=format_number(grading.rate_off_track_points),
                                         risk=format_number(grading.rate_at_risk_points)),
                      _("a rate is at risk before it is off track"),
                      path=("grading", "rate_off_track_points"), title="grading")


def _ids_unique(plan: Plan, source: str | None) -> Iterator[Problem]:
    used = {target.id for _, target in plan.targets()}
    seen: dict[str, tuple[int, int]] = {}
    for ti, task in enumerate(plan.tasks):
        for gi, target in enumerate(task.targets):
            if target.id in seen:
                first_task, first_target = seen[target.id]
                first = format_path(("tasks", first_task, "targets", first_target))
                yield Problem(_("target id {id!r} is already used by {first}").format(id=target.id, first=first),
                              _("give it a free id, e.g. {free_id}").format(free_id=_free_id(task.number, used)),
                              path=("tasks", ti, "targets", gi, "id"), title="duplicate id")
            seen.setdefault(target.id, (ti, gi))
    counts = Counter(task.number for task in plan.tasks)
    for ti, task in enumerate(plan.tasks):
        if counts[task.number] > 1:
            yield Problem(_("task number {number} is used by {counts} tasks")
                           .format(number=task.number, counts=counts[task.number]),
                          _("each task keeps the number it has in the document"),
                          path=("tasks", ti, "number"), title="duplicate id")
    section_counts = Counter(section.number for section in plan.sections)
    for si, section in enumerate(plan.sections):
        if section_counts[section.number] > 1:
            yield Problem(_("section number {number} is used twice").format(number=section.number),
                          _("number the sections 1, 2, 3 … as in the document"),
                          path=("sections", si, "number"), title="duplicate id")


def _targets_belong(plan: Plan, source: str | None) -> Iterator[Problem]:
    for ti, task in enumerate(plan.tasks):
        for gi, target in enumerate(task.targets):
            if target.task_number != task.number:
                yield Problem(
                    _("target {id!r} sits under task {number}").format(id=target.id, number=task.number),
                    _("target ids start with their task's number: {number}.{value}")
                     .format(number=task.number, value=gi + 1),
                    path=("tasks", ti, "targets", gi, "id"), title="wrong task")


def _sections_cover(plan: Plan, source: str | None) -> Iterator[Problem]:
    known = {section.number for section in plan.sections}
    used = set()
    for ti, task in enumerate(plan.tasks):
        used.add(task.section)
        if task.section not in known:
            yield Problem(_("task {number} names section {section}, which is not declared")
                           .format(number=task.number, section=task.section),
                          _("add section {section} under `sections:` or fix the number").format(section=task.section),
                          path=("tasks", ti, "section"), title="unknown section")
    for si, section in enumerate(plan.sections):
        if section.number not in used:
            yield Problem(_("section {number} has no tasks").format(number=section.number),
                          _("give it its tasks or remove it"),
                          path=("sections", si), title="empty section")


def _quotes_verbatim(plan: Plan, source: str | None) -> Iterator[Problem]:
    if source is None:
        return
    for ti, task in enumerate(plan.tasks):
        if task.text not in source:
            yield Problem(_("the text of task {number} is not in the source document").format(number=task.number),
                          _("copy the task's paragraph from the source document unchanged"),
                          path=("tasks", ti, "text"), title="not verbatim")
        opening = task_opening(task.text)  # 1. 1． 1、 (1) （1） （一） or a table row's number
        if opening and not opens_as(task.number, task.section, opening[0]):
            yield Problem(_("task {number}'s text opens with the number {opening}")
                           .format(number=task.number, opening=opening[0]),
                          _("a task keeps the number its paragraph has in the document"),
                          path=("tasks", ti, "number"), title="not verbatim")
        elif not task.text.startswith(task.title, opening[1] if opening else 0):
            yield Problem(_("the title of task {number} does not open its text").format(
                              number=task.number),
                          _("the title is the words between the number and the first 。"),
                          path=("tasks", ti, "title"), title="not verbatim")
        for gi, target in enumerate(task.targets):
            path = ("tasks", ti, "targets", gi)
            if target.quote not in task.text:
                where = (_("the source document") if target.quote not in source
                         else _("task {number}").format(number=task.number))
                yield Problem(_("quote {quote!r} is not in {where}").format(quote=target.quote, where=where),
                              _("copy the shortest span that holds the number, character for "
                                "character, from the task's text"),
                              path=path + ("quote",), title="not verbatim")
            number = format_number(target.target)
            if target.target == 0 and any(word in target.quote for word in ZERO_WORDS):
                continue  # 黑臭水体动态清零: a target of zero written without a digit
            # 1 is not in 10家 and 1.5 is not in 11.5%: the number must stand on its own.
            # 清零 (reach zero) is the one target the genre writes without a digit.
            standing_alone = rf"(?<![0-9.]){re.escape(number)}(?![0-9]|\.[0-9])"
            if not (target.target == 0 and "清零" in target.quote) and not re.search(
                    standing_alone, target.quote) and not in_words(target.target, target.quote):
                yield Problem(_("the number {number} does not appear in the quote {quote!r}")
                               .format(number=number, quote=target.quote),
                              _("fix the number or quote the words that hold it"),
                              path=path + ("target",), title="number not in quote")


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return _("did you mean {name}? ").format(name=close[0]) if close else ""


def _departments_resolve(plan: Plan, source: str | None) -> Iterator[Problem]:
    index = plan.department_index()
    seen: dict[str, int] = {}
    for di, dept in enumerate(plan.departments):
        for ai, name in enumerate((dept.name, *dept.aliases)):
            if name in seen and seen[name] != di:
                path = ("departments", di, "name") if ai == 0 else ("departments", di, "aliases", ai - 1)
                yield Problem(_("department name {name!r} is declared twice").format(name=name),
                              _("keep one entry and list other spellings under `aliases`"),
                              path=path, title="duplicate department")
            seen.setdefault(name, di)
    for ti, task in enumerate(plan.tasks):
        for role in ("lead", "responsible"):
            for ni, name in enumerate(getattr(task, role)):
                if name not in index:
                    yield Problem(_("department {name!r} is not in the registry").format(name=name),
                                  _did_you_mean(name, index) + _(
                                      "add it under `departments:` (or as an alias of the one it "
                                      "means)"),
                                  path=("tasks", ti, role, ni), title="unknown department")


def _department_names_plain(plan: Plan, source: str | None) -> Iterator[Problem]:
    """A department's name (and alias, and each naming in a task) is one line of visible text:
    no line break, control, bidirectional or zero-width character (``freetext.fault``), which
    would reorder ``kpi log``'s columns and the file names of ``kpi template --each-dept``."""
    places: list[tuple[tuple[str | int, ...], str]] = []
    for di, dept in enumerate(plan.departments):
        places.append((("departments", di, "name"), dept.name))
        places += [(("departments", di, "aliases", ai), a) for ai, a in enumerate(dept.aliases)]
    for ti, task in enumerate(plan.tasks):
        places += [(("tasks", ti, role, ni), name) for role in ("lead", "responsible")
                   for ni, name in enumerate(getattr(task, role))]
    for path, name in places:
        fault = freetext.fault(_("department name {name!r}").format(name=name), name,
                               one_line=True)
        if fault is not None:
            yield Problem(fault.message, fault.hint, path=path, title="department name")


def _reporters_known(plan: Plan, source: str | None) -> Iterator[Problem]:
    """A ``reporter:`` names a department of the plan (``Plan.reporter`` gives the default)."""
    index = plan.department_index()
    for ti, task in enumerate(plan.tasks):
        places: list[tuple[str | None, tuple[str | int, ...]]] = [
            (task.reporter, ("tasks", ti, "reporter"))]
        places += [(t.reporter, ("tasks", ti, "targets", gi, "reporter"))
                   for gi, t in enumerate(task.targets)]
        for name, path in places:
            if name is not None and name not in index:
                yield Problem(_("reporter {name!r} is not a department of the plan").format(
                    name=name), _did_you_mean(name, index) + _(
                    "name a department of `departments:` (its name or an alias), or leave the "
                    "reporter out: the first lead department reports by default"),
                    path=path, title="unknown department")


def _units_known(plan: Plan, source: str | None) -> Iterator[Problem]:
    units = set(plan.units)
    for ui, unit in enumerate(plan.count_units):
        if unit not in units:
            yield Problem(_("count unit {unit!r} is not in the list of units").format(unit=unit),
                          _("list it under `units:` too, or remove it"),
                          path=("count_units", ui), title="unknown unit")
    for ti, task in enumerate(plan.tasks):
        for gi, target in enumerate(task.targets):
            if target.unit not in units:
                yield Problem(_("unit {unit!r} is not in the list of units").format(unit=target.unit),
                              _did_you_mean(target.unit, plan.units) + _(
                                  "write the unit as the document does, or add it under "
                                  "`units:`"),
                              path=("tasks", ti, "targets", gi, "unit"), title="unknown unit")


def _deadlines_sane(plan: Plan, source: str | None) -> Iterator[Problem]:
    start, end = plan.plan.period_start, plan.plan.period_end
    latest = dt.date(end.year + MAX_DEADLINE_YEARS, 12, 31)
    for ti, task in enumerate(plan.tasks):
        for gi, target in enumerate(task.targets):
            path = ("tasks", ti, "targets", gi)
            deadline = target.deadline
            if deadline is not None and deadline < start:
                yield Problem(_("deadline {deadline} is before the period starts ({start})")
                               .format(deadline=deadline, start=start),
                              _("use the date the text names (到2025年 → 2025-12-31), or leave it "
                                "out for the period end"), path=path + ("deadline",), title="deadline")
            elif deadline is not None and deadline > latest:
                yield Problem(_("deadline {deadline} is more than {years} years after the period "
                                "ends").format(deadline=deadline, years=MAX_DEADLINE_YEARS),
                              _("check the year"), path=path + ("deadline",), title="deadline")
            if (target.baseline is None) != (target.baseline_source is None):
                yield Problem(_("a baseline and its baseline_source go together"),
                              _("give both (the figure at the period start and where it comes "
                                "from, e.g. 2022年统计公报), or neither"),
                              path=path + ("baseline" if target.baseline is None
                                           else "baseline_source",), title="baseline")
            if target.baseline is not None and target.kind is Kind.rate:
                yield Problem(_("a rate has no baseline"),
                              _("a rate so far this year is compared with its target directly: "
                                "remove the baseline (and its baseline_source)"),
                              path=path + ("baseline",), title="baseline")
            elif target.baseline is not None and target.kind is not Kind.level:
                yield Problem(_("only a level target can have a baseline"),
                              _("remove the baseline, or make the target kind: level"),
                              path=path + ("baseline",), title="baseline")
            elif target.baseline is not None and target.baseline == target.target:
                yield Problem(_("the baseline equals the target, so progress cannot be measured"),
                              _("check both numbers"), path=path + ("baseline",), title="baseline")


def _stretch_above(plan: Plan, source: str | None) -> Iterator[Problem]:
    for ti, task in enumerate(plan.tasks):
        for gi, target in enumerate(task.targets):
            if target.stretch is not None and target.stretch <= target.target:
                yield Problem(_("the stretch value {format_number} is not above the target "
                                "{format_number2}").format(
                                                           format_number=format_number(target.stretch),
                                                           format_number2=format_number(target.target)),
                              _("a range 2—4家 is target 2, stretch 4; remove the stretch otherwise"),
                              path=("tasks", ti, "targets", gi, "stretch"), title="range")


#: A value that is still a placeholder of the plan ``kpi init`` writes: one phrase wholly in
#: full-width brackets, as （文件标题）, （发文机关）, （部分标题）.
PLACEHOLDER = re.compile(r"（[^（）]*）")


def _placeholders_filled(plan: Plan, source: str | None) -> Iterator[Problem]:
    """What ``kpi init`` left for a person to write: a plan cannot pass with a placeholder."""
    info = plan.plan
    found: list[tuple[tuple[str | int, ...], str]] = [
        (("plan", name), getattr(info, name)) for name in ("title", "issuer", "document_number")]
    found += [(("units", i), unit) for i, unit in enumerate(plan.units)]
    found += [(("departments", i, "name"), d.name) for i, d in enumerate(plan.departments)]
    found += [(("sections", i, "title"), section.title) for i, section in enumerate(plan.sections)]
    for ti, task in enumerate(plan.tasks):
        found.append((("tasks", ti, "title"), task.title))
        found += [(("tasks", ti, role, ni), name) for role in ("lead", "responsible")
                  for ni, name in enumerate(getattr(task, role))]
        found += [(("tasks", ti, "targets", gi, field), getattr(target, field))
                  for gi, target in enumerate(task.targets) for field in ("label", "unit")]
    for path, value in found:
        if PLACEHOLDER.fullmatch(value.strip()):
            yield Problem(_("{value} is a placeholder kpi init wrote, not the document's "
                            "words").format(value=value.strip()),
                          _("write what the document says in its place (kpi init FOLDER --from "
                            "DOCUMENT drafts a plan from the document for you to review)"),
                          path=path, title="placeholder")


#: Problems that keep a plan from passing `kpi validate` but not from being looked at: a draft
#: works in `kpi targets` and `kpi status` (marked), so the analyst can review it; so does a
#: plan whose placeholders are not filled in yet.
ADVISORY = frozenset({"draft", "placeholder"})

#: What a reviewer does with each drafted part.
DRAFT_HINTS = {
    "plan": N_("check the title, issuer, document number and dates against the document, then "
               "delete the review line"),
    "task": N_("check its title, text and departments against the document, then delete the "
               "review line"),
    "target": N_("check it against its quote, then delete the review line"),
}


def _drafts_reviewed(plan: Plan, source: str | None) -> Iterator[Problem]:
    """What ``kpi draft`` wrote and no person has checked yet: a plan cannot pass unreviewed."""
    if plan.plan.review is not None:
        yield Problem(_("the plan's metadata is a draft"), _(DRAFT_HINTS["plan"]),
                      path=("plan", "review"), title="draft")
    for ti, task in enumerate(plan.tasks):
        if task.review is not None:
            yield Problem(_("task {number} is a draft").format(number=task.number), _(DRAFT_HINTS["task"]),
                          path=("tasks", ti, "review"), title="draft")
        for gi, target in enumerate(task.targets):
            if target.review is not None:
                yield Problem(_("{id} is a draft").format(id=target.id), _(DRAFT_HINTS["target"]),
                              path=("tasks", ti, "targets", gi, "review"), title="draft")


CHECKS: tuple[Callable[[Plan, str | None], Iterator[Problem]], ...] = (
    _ranges_ordered,
    _ids_unique,
    _targets_belong,
    _sections_cover,
    _quotes_verbatim,
    _departments_resolve,
    _department_names_plain,
    _reporters_known,
    _units_known,
    _deadlines_sane,
    _stretch_above,
    _drafts_reviewed,
    _placeholders_filled,
)


def check_plan(plan: Plan, source: str | None) -> list[Problem]:
    """Run every rule; ``source`` is the document's text, or None when it could not be read."""
    return [problem for check in CHECKS for problem in check(plan, source)]
