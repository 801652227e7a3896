"""The one vocabulary: the words for statuses, states, comparators, kinds, rules and column
headings, by code, in each language, and reading them back.

Each table holds message ids with their context (``NP_("status", "met")``); the words
themselves are the catalogues' (``locale/``). Output shows the word of its language (codes only
in ``--format json``, CSV and the ledger), and input takes back every spelling output shows, in
either language (``parse_status``, ``parse_state``), so that ``kpi mark 19 进行中`` and
``kpi status --status 滞后`` take what the tables show.
"""

from __future__ import annotations

from typing import TypeVar

from .enums import State, Status
from .i18n import NP_, Vocabulary, _

STATUS: Vocabulary[Status] = Vocabulary({
    Status.met: NP_("status", "met"), Status.on_track: NP_("status", "on track"),
    Status.at_risk: NP_("status", "at risk"), Status.off_track: NP_("status", "off track"),
    Status.missed: NP_("status", "missed"), Status.no_data: NP_("status", "no data")})

#: The states of a task that carries no number.
STATE: Vocabulary[State] = Vocabulary({
    State.not_started: NP_("state", "not started"), State.in_progress: NP_("state", "in progress"),
    State.done: NP_("state", "done"), State.blocked: NP_("state", "blocked")})

#: Column headings (and the nouns a count in a summary line takes).
HEADERS: Vocabulary[str] = Vocabulary({
    "id": NP_("column", "id"),
    "label": NP_("column", "label"),
    "actual": NP_("column", "actual/target"),
    "progress": NP_("column", "progress"),
    "expected": NP_("column", "expected"),
    "status": NP_("column", "status"),
    "task": NP_("column", "task"),
    "target": NP_("column", "target"),
    "comparator": NP_("column", "comparator"),
    "kind": NP_("column", "kind"),
    "deadline": NP_("column", "deadline"),
    "lead": NP_("column", "lead"),
    "responsible": NP_("column", "responsible"),
    "date": NP_("column", "date"),
    "value": NP_("column", "value"),
    "recorded_at": NP_("column", "recorded at"),
    "by": NP_("column", "by"),
    "source": NP_("column", "source"),
    "note": NP_("column", "note"),
    "targets": NP_("column", "targets"),
    "tasks": NP_("column", "tasks"),
    "as_of": NP_("column", "as of"),
    "section": NP_("column", "section"),
    "unit": NP_("column", "unit"),
    "quote": NP_("column", "quote"),
    "gap": NP_("column", "behind"),
})

#: The rule a target is graded by (grading.Rule), in words.
RULE: Vocabulary[str] = Vocabulary({
    "pace": NP_("rule", "pace"), "from_baseline": NP_("rule", "from baseline"),
    "shortfall": NP_("rule", "no baseline"), "floor": NP_("rule", "floor"),
    "ceiling": NP_("rule", "ceiling"), "rate": NP_("rule", "rate")})

#: How a target's figure is compared (``kpi targets``; the codes stay in ``--format json``).
COMPARATOR: Vocabulary[str] = Vocabulary({
    "at_least": NP_("comparator", "at least"), "at_most": NP_("comparator", "at most"),
    "approx": NP_("comparator", "about"),
    "maintain_at_least": NP_("comparator", "keep at least")})
KIND: Vocabulary[str] = Vocabulary({
    "increment": NP_("kind", "increment"), "level": NP_("kind", "level"),
    "rate": NP_("kind", "rate")})
#: Comparators as a sign before the figure: ``≥ 1200 个``, ``≥ 8%`` (the same in every
#: language).
COMPARATOR_SIGN = {"at_least": "≥", "at_most": "≤", "approx": "≈", "maintain_at_least": "≥"}


def state_label(state: State | str | None, lang: str, empty: str = "—") -> str:
    """A state's word in ``lang`` (``进行中``); ``empty`` for none."""
    if state is None or state == "":
        return empty
    return STATE[lang][State(state)]


E = TypeVar("E", State, Status)


def _reading(table: Vocabulary[E]) -> dict[str, E]:
    """Code or word (either language, any spelling output shows) → member; codes first."""
    names: dict[str, E] = {}
    for words in table.values():
        for member, word in words.items():
            names.setdefault(word, member)
    names.update({member.value: member for member in table["en"]})
    return names


#: Words output shows for several statuses at once: 落后 (behind) heads the columns and the
#: bulletin's ranking of what is behind 序时进度: missed, off track and at risk.
GROUPS: Vocabulary[str] = Vocabulary({"behind": NP_("column", "behind")})
BEHIND = frozenset({Status.missed, Status.off_track, Status.at_risk})


def parse_state(text: str) -> State:
    """A task's state by its code or its word: ``in_progress``, 进行中, ``in progress``."""
    found = _reading(STATE).get(text.strip())
    if found is None:
        raise ValueError(_("state {text} is not one of: {accepted}").format(
            text=repr(text[:40]), accepted=_accepted(STATE)))
    return found


def parse_status(text: str) -> Status:
    """A status by its code or its word: ``off_track``, 滞后, ``off track``."""
    found = _reading(STATUS).get(text.strip())
    if found is None:
        raise ValueError(_("status {text} is not one of: {accepted}").format(
            text=repr(text[:40]), accepted=_accepted(STATUS)))
    return found


def parse_statuses(text: str) -> frozenset[Status]:
    """What ``--status`` takes: a status (``parse_status``), or a word for several that
    output shows (落后, ``behind``: missed, off track, at risk)."""
    if text.strip() in {words["behind"] for words in GROUPS.values()}:
        return BEHIND
    return frozenset({parse_status(text)})


def _accepted(table: Vocabulary[E]) -> str:
    """The codes, then the Chinese words (those of the returns and the plan, in either
    language)."""
    words = table["zh"]
    return ", ".join(m.value for m in words) + " (" + ", ".join(words.values()) + ")"


def status_words() -> list[str]:
    """Every spelling ``--status`` takes (completion)."""
    return list(_reading(STATUS)) + [w["behind"] for w in GROUPS.values()]


def state_words() -> list[str]:
    """Every spelling a state takes (completion)."""
    return list(_reading(STATE))


def count_of(n: int, noun: str) -> str:
    """``1 target``, ``3 个指标``: a count of ``noun`` (targets, tasks, workbooks, rows,
    records, problems), in the current language."""
    from .i18n import ngettext

    forms = {
        "targets": lambda: ngettext("{n} target", "{n} targets", n),
        "tasks": lambda: ngettext("{n} task", "{n} tasks", n),
        "workbooks": lambda: ngettext("{n} workbook", "{n} workbooks", n),
        "rows": lambda: ngettext("{n} row", "{n} rows", n),
        "records": lambda: ngettext("{n} record", "{n} records", n),
        "problems": lambda: ngettext("{n} problem", "{n} problems", n),
    }
    if noun not in forms:  # a noun not in the catalogues yet: as before, in English
        return f"{n} {noun.removesuffix('s') if n == 1 else noun}"
    return forms[noun]().format(n=n)
