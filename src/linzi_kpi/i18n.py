"""The words kpi says to a person, in the user's language.

Every message for people (errors, hints, confirmations, help, table headings, status words)
goes through this module: its argument is the English text, the message id of the catalogues;
placeholders are ``{name}`` fields filled after translation
(``_("unknown target {id}").format(id=...)``), so that a translation may move them. A short
word that could mean two things carries a context (``pgettext("status", "met")``).

The catalogues are gettext's: ``locale/<lang>/LC_MESSAGES/kpi.po`` beside this module, compiled
to ``kpi.mo`` (shipped in the package); ``python -m linzi_kpi.i18n_tools`` re-extracts every
message and compiles them (README, Development).

The language, first found: ``choose(lang)`` (the ``--lang`` option), ``KPI_LANG``, the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``zh_CN.UTF-8`` is Chinese, ``en_US.UTF-8`` English),
else ``DEFAULT``, Chinese, the language of the plans kpi tracks and of the people who use it.
A catalogue is read on first use, with ``gettext`` imported then: start-up stays quick.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol, TypeVar

#: The languages kpi speaks, by the code ``--lang`` and ``KPI_LANG`` take.
LANGUAGES = ("zh", "en")

#: Where nothing names a language (no --lang, no KPI_LANG, a locale of neither): Chinese.
DEFAULT = "zh"

#: The catalogue folder of each language (gettext's locale names).
LOCALES = {"zh": "zh_CN", "en": "en"}

#: The gettext domain: ``locale/<locale>/LC_MESSAGES/kpi.mo``.
DOMAIN = "kpi"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_chosen: str | None = None


class Catalogue(Protocol):
    def gettext(self, message: str, /) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...
    def pgettext(self, context: str, message: str, /) -> str: ...


_catalogues: dict[str, Catalogue] = {}


def from_environment(env: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for: ``KPI_LANG``, else the locale, else DEFAULT."""
    env = os.environ if env is None else env
    named = env.get("KPI_LANG", "")
    if named in LANGUAGES:
        return named
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):  # POSIX: the first one set decides
        value = env.get(name, "")
        if value:
            code = value.replace("-", "_").split("_")[0].split(".")[0].lower()
            return code if code in LANGUAGES else DEFAULT
    return DEFAULT


def language() -> str:
    """The current language: the one chosen (``--lang``), else the environment's."""
    return _chosen or from_environment()


def choose(lang: str | None) -> None:
    """Speak ``lang`` from now on (``--lang``); None: follow the environment again."""
    global _chosen
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(_("{lang!r} is not a language kpi speaks ({languages})").format(
            lang=lang, languages=", ".join(LANGUAGES)))
    _chosen = lang


def chosen() -> str | None:
    """The language chosen by ``choose`` (None: the environment decides)."""
    return _chosen


def lang_in(argv: list[str]) -> str | None:
    """The language ``--lang X`` or ``--lang=X`` names in a command line (None: none, or one
    kpi does not speak, which the option itself then refuses)."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else \
            arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if value in LANGUAGES:
            found = value  # the last one, as the option parser takes it
    return found


def catalogue(lang: str | None = None) -> Catalogue:
    """The compiled catalogue of ``lang`` (the current language: None), read once."""
    lang = lang or language()
    found = _catalogues.get(lang)
    if found is None:
        import gettext

        path = LOCALE_DIR / LOCALES[lang] / "LC_MESSAGES" / f"{DOMAIN}.mo"
        try:
            with path.open("rb") as f:
                found = gettext.GNUTranslations(f)
        except OSError:  # a source checkout never compiled: the English of the message ids
            found = gettext.NullTranslations()
        _catalogues[lang] = found
    return found


def _(message: str) -> str:
    """``message`` in the current language (the English text where no catalogue has it)."""
    return catalogue().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for a count ``n``, in the current language."""
    return catalogue().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A short word in the current language, told apart by its ``context`` ("status",
    "column", …) from the same English word meaning something else."""
    return catalogue().pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogues without translating it now (text defined at import
    time, translated where it is shown)."""
    return message


def in_language(lang: str, context: str, message: str) -> str:
    """``pgettext`` in a language named by the caller (a report rendered with ``lang``)."""
    return catalogue(lang).pgettext(context, message)


def gettext_in(lang: str, message: str) -> str:
    """``_`` in a language named by the caller."""
    return catalogue(lang).gettext(message)


def NP_(context: str, message: str) -> tuple[str, str]:
    """Mark a short word with its context for the catalogues (a ``Vocabulary`` entry)."""
    return context, message


K = TypeVar("K")


class Vocabulary(Mapping[str, dict[K, str]]):
    """A table of words by key, in each language: ``STATUS["zh"][Status.met]``. Its entries
    are message ids with their context (``NP_("status", "met")``); the words are the
    catalogues', looked up once per language."""

    def __init__(self, ids: dict[K, tuple[str, str]]) -> None:
        self.ids = ids
        self._words: dict[str, dict[K, str]] = {}

    def __getitem__(self, lang: str) -> dict[K, str]:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        words = self._words.get(lang)
        if words is None:
            found = catalogue(lang)
            words = self._words[lang] = {key: found.pgettext(context, message)
                                         for key, (context, message) in self.ids.items()}
        return words

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)

    def of(self, key: K) -> Mapping[str, str]:
        """One entry in every language, looked up when asked: ``NOTHING["zh"]``."""
        return _Entry(self, key)


class _Entry(Mapping[str, str]):
    def __init__(self, table: Vocabulary[Any], key: object) -> None:
        self.table, self.key = table, key

    def __getitem__(self, lang: str) -> str:
        return self.table[lang][self.key]

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)
