"""Extract every message for people into the catalogues and compile them: one command.

    python -m linzi_kpi.i18n_tools           # extract → locale/kpi.pot, update each .po, compile .mo
    python -m linzi_kpi.i18n_tools --check   # exit 1 naming what is stale or untranslated

Messages are found in the source, never by running kpi: the ``_()``, ``ngettext``,
``pgettext``, ``N_`` and ``NP_`` calls (Babel's Python extractor), and, in ``cli/``, every
``help=`` of an option or argument and the docstring of every ``@command`` (Typer's help,
translated where the help is shown). English is the language of the message ids: the ``en``
catalogue's entries are filled with their id where empty (an English wording may then be
changed there without touching the code); every other catalogue needs a translation for every
entry, which the translator writes into its ``.po`` (``locale/zh_CN/LC_MESSAGES/kpi.po``)
before running this again. Needs Babel (the ``lint`` extra); kpi itself runs without it.
"""

from __future__ import annotations

import ast
import inspect
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .i18n import DOMAIN, LOCALE_DIR, LOCALES

PACKAGE = Path(__file__).resolve().parent
POT = LOCALE_DIR / f"{DOMAIN}.pot"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
            "N_": None, "NP_": ((1, "c"), 2), "gettext_in": (2,), "in_language": ((2, "c"), 3),
            "_c": None}  # model.py: a field's description, the JSON Schema's (schema.json_schema)


def po_path(lang: str) -> Path:
    return LOCALE_DIR / LOCALES[lang] / "LC_MESSAGES" / f"{DOMAIN}.po"


def help_texts(path: Path) -> Iterator[tuple[int, str]]:
    """The help Typer shows from a command module: ``help="..."`` of every call, and the
    docstring of every function decorated with ``@command``, as Typer cleans them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "help" and isinstance(kw.value, ast.Constant) \
                        and isinstance(kw.value.value, str):
                    yield kw.value.lineno, inspect.cleandoc(kw.value.value)
        elif isinstance(node, ast.FunctionDef) and any(
                isinstance(d, ast.Name) and d.id == "command" for d in node.decorator_list):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.lineno, doc


def extract() -> Any:
    """Every message of the package, as a Babel catalogue (the template)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    template = Catalog(project="linzi_kpi", domain=DOMAIN, fuzzy=False)
    found = extract_from_dir(str(PACKAGE), method_map=[("**.py", "python")],
                             keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
                             strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        where = (f"linzi_kpi/{filename}", lineno)
        template.add(message, locations=[where], auto_comments=comments, context=context)
    for path in sorted((PACKAGE / "cli").glob("*.py")):
        for lineno, text in help_texts(path):
            template.add(text, locations=[(f"linzi_kpi/cli/{path.name}", lineno)])
    return template


def _read(path: Path, lang: str) -> Any:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    if not path.exists():
        return Catalog(locale=LOCALES[lang], domain=DOMAIN)
    with path.open("rb") as f:
        return read_po(f, locale=LOCALES[lang], domain=DOMAIN)


def _write_po(path: Path, catalog: Any) -> None:
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=100, omit_header=False, sort_output=True,
                 ignore_obsolete=True, include_lineno=False)


def _ids(catalog: Any) -> set[tuple[Any, str | None]]:
    return {(m.id, m.context) for m in catalog if m.id}


def untranslated(catalog: Any) -> list[str]:
    """The message ids of ``catalog`` without a translation (or with one marked fuzzy)."""
    missing = []
    for m in catalog:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy or not all(strings):
            ids = m.id if isinstance(m.id, tuple) else (m.id,)
            missing.append((f"[{m.context}] " if m.context else "") + " | ".join(ids))
    return sorted(missing)


def update() -> None:
    """Extract, merge into each .po (English filled with its ids), compile each .mo."""
    template = extract()
    _write_po(POT, template)
    for lang in LOCALES:
        path = po_path(lang)
        catalog = _read(path, lang)
        catalog.update(template, no_fuzzy_matching=True)
        if lang == "en":
            for m in catalog:
                if m.id and not (m.string if not isinstance(m.string, tuple) else all(m.string)):
                    m.string = m.id
        _write_po(path, catalog)
        compile_mo(lang)


def compile_mo(lang: str) -> None:
    """``kpi.po`` → ``kpi.mo`` (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo

    catalog = _read(po_path(lang), lang)
    with po_path(lang).with_suffix(".mo").open("wb") as f:
        write_mo(f, catalog, use_fuzzy=False)


def problems() -> list[str]:
    """What ``--check`` finds: messages in the source missing from a catalogue, entries of a
    catalogue no longer in the source, entries without a translation, a .mo older than its
    .po's content."""
    from babel.messages.mofile import read_mo

    template = extract()
    found: list[str] = []
    wanted = _ids(template)
    for lang in LOCALES:
        path = po_path(lang)
        catalog = _read(path, lang)
        have = _ids(catalog)
        for msgid, context in sorted(wanted - have, key=str):
            found.append(f"{LOCALES[lang]}: not in the catalogue: {_show(msgid, context)}")
        for msgid, context in sorted(have - wanted, key=str):
            found.append(f"{LOCALES[lang]}: no longer in the source: {_show(msgid, context)}")
        for text in untranslated(catalog):
            found.append(f"{LOCALES[lang]}: no translation: {text}")
        mo = path.with_suffix(".mo")
        compiled = None
        if mo.exists():
            with mo.open("rb") as f:
                compiled = read_mo(f)
        if compiled is None or _entries(compiled) != _entries(catalog):
            found.append(f"{LOCALES[lang]}: {mo.name} is not compiled from {path.name}")
    return found


def _entries(catalog: Any) -> set[tuple[object, ...]]:
    def flat(x: object) -> object:
        return tuple(x) if isinstance(x, (list, tuple)) else x

    return {(flat(m.id), m.context, flat(m.string)) for m in catalog
            if m.id and not m.fuzzy and m.string}


def _show(msgid: object, context: str | None) -> str:
    text = " | ".join(msgid) if isinstance(msgid, tuple) else str(msgid)
    return (f"[{context}] " if context else "") + repr(text)


def main(argv: list[str]) -> int:
    if argv[1:] == ["--check"]:
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    if argv[1:]:
        print(__doc__)
        return 2
    update()
    print(f"updated {POT.relative_to(PACKAGE.parent)} and the catalogues of "
          f"{', '.join(LOCALES.values())}; translate the empty entries, then run this again")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
