"""A report in the form its command was asked for (``--format``), written one way for every
command: JSON with what --allow-problems left out, CSV, Markdown, or a table on the terminal,
then the note of what was left out. Shared by the command modules, as ``common.py`` is; it
imports no command module, and the library inside its functions.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

from .common import console, out

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from ..render.document import Document


def left_out_footer(left_out: dict[str, int], lang: str, markdown: bool = False) -> str:
    """The note a report made with --allow-problems ends with (empty when nothing was left
    out), for its text or its Markdown."""
    if not left_out:
        return ""
    from ..render.labels import left_out_note

    note = left_out_note(left_out, lang)
    if markdown:  # a ledger file's name is text from other hands: no HTML, no syntax
        from ..render.markdown import md_text

        note = md_text(note)
    return f"\n{note}\n"


def report_json(data: dict[str, object], left_out: dict[str, int]) -> str:
    """A report for scripts: its JSON object with what --allow-problems left out (``{}`` when
    nothing was), the last key of every report's JSON."""
    from ..render.rows import to_json

    return to_json({**data, "left_out": left_out}) + "\n"


def show(form: Enum, left_out: dict[str, int], lang: str, *,
         data: Callable[[], dict[str, object]], csv: Callable[[], str] | None = None,
         markdown: Callable[[], str] | None = None,
         table: Callable[[Console], RenderableType] | None = None,
         document: Callable[[], Document] | None = None) -> None:
    """A report in the form asked (``--format``), each form made only when it is the one asked:
    ``data`` as JSON with what --allow-problems left out (``report_json``); ``csv``; ``markdown``,
    then the note of what was left out; ``table`` on the terminal, then that note in bold red.
    A report built once as a ``Document`` gives its Markdown and its table both
    (``document.markdown``, ``terminal.render``)."""
    if form.value == "json":
        out(report_json(data(), left_out))
        return
    if form.value == "csv" and csv is not None:
        out(csv())
        return
    if document is not None:
        from ..render import document as writing
        from ..render import terminal

        doc = document()
        markdown = markdown or (lambda: writing.markdown(doc))
        table = table or (lambda _screen: terminal.render(doc))
    if form.value == "markdown" and markdown is not None:
        out(markdown())
        out(left_out_footer(left_out, lang, markdown=True))
        return
    assert table is not None, f"{form.value}: no writer"  # every command gives its own forms
    screen = console()
    screen.print(table(screen))
    print_left_out(screen, left_out, lang)


def print_left_out(screen: Console, left_out: dict[str, int], lang: str) -> None:
    """Below a report's tables: what it left out, in bold red (nothing when nothing was)."""
    footer = left_out_footer(left_out, lang)
    if footer:
        from rich.text import Text

        screen.print(Text(footer.strip(), style="bold red"))
