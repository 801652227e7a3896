"""The one vocabulary: the words for statuses, states, comparators, kinds, rules and column
headings, by code, in each language, and reading them back.

Each table holds message ids with their context (``NP_("status", "met")``); the words
themselves are the catalogues' (``locale/``). Output shows the word of its language (codes only
in ``--format json``, CSV and the ledger), and input takes back every spelling output shows, in
either language (``parse_status``, ``parse_state``), so that ``kpi mark 19 进行中`` and
``kpi status --status 滞后`` take what the tables show.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TypeVar

from .enums import State, Status
from .i18n import N_, NP_, Vocabulary, _

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
#: A comparator as a sign before its figure (``≥1200 个`` in ``kpi targets``, ``≥ 56`` for the
#: rule a floor is held to, ``≥ 8%`` for a rate): the one table of them, keyed by
#: ``enums.Comparator``'s values (the same in every language).
COMPARATOR_SIGN = {"at_least": "≥", "at_most": "≤", "approx": "≈", "maintain_at_least": "≥"}


#: A day and a month in running text: 2023年6月30日, 2023年6月 in Chinese, as a 公文 writes them
#: (no leading zero); the ISO form in English.
DATES: Vocabulary[str] = Vocabulary({"day": NP_("date", "{d:%Y-%m-%d}"),
                                     "month": NP_("date", "{d:%Y-%m}")})


def long_date(day: dt.date, lang: str) -> str:
    """``2023年6月30日`` (``2023-06-30`` in English): a date in a sentence."""
    return DATES[lang]["day"].format(d=day)


def long_month(day: dt.date, lang: str) -> str:
    """``2023年6月`` (``2023-06`` in English): the month of ``day`` in a sentence."""
    return DATES[lang]["month"].format(d=day)


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


def _look_up(table: Vocabulary[E], text: str) -> E | None:
    """A code or a word, as written or in any case (``DONE``, ``On track``, 进行中)."""
    names = _reading(table)
    return names.get(text.strip()) or names.get(text.strip().lower())


def parse_state(text: str) -> State:
    """A task's state by its code or its word: ``in_progress``, 进行中, ``in progress``."""
    found = _look_up(STATE, text)
    if found is None:
        raise ValueError(_("state {text} is not one of: {accepted}").format(
            text=repr(text[:40]), accepted=_accepted(STATE)))
    return found


def parse_status(text: str) -> Status:
    """A status by its code or its word: ``off_track``, 滞后, ``off track``."""
    found = _look_up(STATUS, text)
    if found is None:
        raise ValueError(_("status {text} is not one of: {accepted}").format(
            text=repr(text[:40]), accepted=_accepted(STATUS)))
    return found


def parse_statuses(text: str) -> frozenset[Status]:
    """What ``--status`` takes: a status (``parse_status``), or a word for several that
    output shows (落后, ``behind``: missed, off track, at risk)."""
    if text.strip().lower() in {words["behind"] for words in GROUPS.values()}:
        return BEHIND
    return frozenset({parse_status(text)})


def _accepted(table: Vocabulary[E]) -> str:
    """The words of the reader's language (未开始、进行中 …), and in another language the
    Chinese words after them, as returns and templates write them: what output shows. The
    codes are accepted too, but are for scripts, not for the message."""
    from .i18n import language

    lang = language()
    own = _(", ").join(table[lang].values())
    return own if lang == "zh" else f"{own} ({', '.join(table['zh'].values())})"


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


#: ``--lang`` of a command that has no language option of its own (every command takes one).
LANG_HELP = N_("Language of messages, help, headers and labels: zh or en [default: KPI_LANG, "
               "else the locale (LANG), else zh].")

#: The words Typer and Click say of themselves in a help page, for the catalogues (translated
#: where they are shown: ``cli.translated._Translated``, and Typer's own gettext pointed at ``i18n._``).
TYPER_WORDS = (
    N_("Usage: "), N_("Options"), N_("Arguments"), N_("Commands"), N_("required"),
    N_("default: {default}"), N_("env var: {var}"), N_("(dynamic)"), N_("Aborted!"),
    N_("Missing command."), N_("No such command {name!r}."), N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)

#: The usage errors Typer's parser says in English, as patterns and their message ids: the
#: one line under a usage error is said in the language of the run. A pattern takes the space
#: before a parenthesis or after a colon with it, so that a language whose punctuation is
#: full-width (Chinese: ：, （）) writes none there.
USAGE_ERRORS = (
    (r"No such option: (?P<name>\S+) \(Possible options: (?P<names>[^)]*)\)",
     N_("No such option: {name} (Possible options: {names})")),
    (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
    (r"Missing argument (?P<name>'[^']*')\.", N_("Missing argument {name}.")),
    (r"Missing option (?P<name>'[^']*'(?: / '[^']*')*)\.", N_("Missing option {name}.")),
    (r"^Invalid value for (?P<name>'[^']*'(?: / '[^']*')*): (?P<reason>.*)$",
     N_("Invalid value for {name}: {reason}")),
    (r"(?P<value>'[^']*') is not one of (?P<choices>.*?)\.$",
     N_("{value} is not one of {choices}.")),
    (r"(?P<value>'[^']*') is not a valid (?P<kind>\w+)\.", N_("{value} is not a valid {kind}.")),
    (r"Got unexpected extra argument(?P<s>(?:\(s\)|s)?) \((?P<args>.*)\)",
     N_("Got unexpected extra argument{s} ({args})")),
    (r"Option (?P<name>'[^']*') requires an argument\.", N_("Option {name} requires an argument.")),
    (r"Option (?P<name>'[^']*') does not take a value\.",
     N_("Option {name} does not take a value.")),
    # Typer's "No such command 'x'." (in the catalogue's words, 。 in Chinese), its full stop
    # taken off, then ". Did you mean 'y'?": the stop it left is taken with the question
    (r"。?\. Did you mean (?P<names>.*)\?$", N_(". Did you mean {names}?")),
)

#: The kinds of value Typer's parser names ("'x' is not a valid int."), in words.
VALUE_KINDS = {"int": N_("whole number"), "integer": N_("whole number"), "float": N_("number")}

#: The lists in a usage message (choices, options, commands): Click joins them with ", ".
_LISTS = ("names", "choices")


def usage_message(text: str) -> str:
    """A usage error of Typer's parser in the language of the run (as it was where no pattern
    knows it): its lists joined as the language joins words (、 in Chinese), the kind of value
    it wanted in words."""
    def say(message: str) -> Callable[[re.Match[str]], str]:
        def said(found: re.Match[str]) -> str:
            parts = found.groupdict()
            for name in _LISTS:
                if parts.get(name):
                    parts[name] = _(", ").join(parts[name].split(", "))
            if parts.get("kind") in VALUE_KINDS:
                parts["kind"] = _(VALUE_KINDS[parts["kind"]])
            return _(message).format(**parts)
        return said

    for pattern, message in USAGE_ERRORS:
        text = re.sub(pattern, say(message), text, flags=re.DOTALL)
    return text
