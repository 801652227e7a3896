"""The app's command classes: help, usage and Typer's own words in the language of the run
(``--lang``, else ``KPI_LANG``, else the locale), and ``--lang`` on every command."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer._click import formatting
from typer._click.core import Context
from typer._click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup

from .. import i18n
from ..i18n import _
from ..words import LANG_HELP
from .usage import ARGV, RUN, show_usage_error

_CLICK_WRAP = formatting.wrap_text


def _joined(lines: list[str]) -> str:
    """The lines of a paragraph as one: a space where a line ends, none between two Chinese
    characters."""
    from ..linebreak import is_wide

    joined = ""
    for line in (line.strip() for line in lines):
        joined += line if not joined or is_wide(joined[-1] + line[:1]) else " " + line
    return joined


def _wrap_text(text: str, width: int = 78, initial_indent: str = "", subsequent_indent: str = "",
               preserve_paragraphs: bool = False) -> str:
    """Click's ``wrap_text``, for a text with wide characters measured in terminal cells and
    broken where a Chinese reader breaks a line (``linebreak``); other text as Click wraps it.
    Paragraphs are kept, and a paragraph marked ``\\b`` is not rewrapped, as Click does."""
    from ..linebreak import cells, is_wide, wrap

    if not is_wide(text):
        return _CLICK_WRAP(text, width, initial_indent, subsequent_indent, preserve_paragraphs)
    blocks = text.expandtabs().split("\n\n") if preserve_paragraphs else [text]
    out = []
    for block in blocks:
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        extra = " " * (cells(lines[0]) - cells(lines[0].lstrip()))
        if lines[0].strip() == "\b":
            out.append("\n".join(initial_indent + extra + line.rstrip() for line in lines[1:]))
            continue
        joined = _joined(lines)
        room = width - max(cells(initial_indent), cells(subsequent_indent)) - len(extra)
        wrapped = wrap(joined, room)
        out.append("\n".join((initial_indent if i == 0 else subsequent_indent) + extra + line
                             for i, line in enumerate(wrapped)))
    return "\n\n".join(out)


class _Formatter(HelpFormatter):
    """Click's help formatter, its headings punctuated in the language (选项：, not 选项:) and
    Chinese text wrapped to the terminal's width in cells (Click counts characters, so a line
    of Chinese ran twice as wide as the terminal)."""

    def write_heading(self, heading: str) -> None:
        self.write(" " * self.current_indent + _("{heading}:").format(heading=heading) + "\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(_wrap_text(text, self.width, indent, indent, preserve_paragraphs=True) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        # Click's own layout of the list; its wrapping of the second column, in cells
        formatting.wrap_text = _wrap_text
        try:
            super().write_dl(rows, col_max, col_spacing)
        finally:
            formatting.wrap_text = _CLICK_WRAP


class _Context(Context):
    formatter_class = _Formatter


class _Translated:
    """A command or the app whose help is said in the current language: the help texts are
    the catalogues' message ids (the English of the docstrings and ``help=``), translated when
    Typer has built the command, and the usage line and Typer's own words with them."""

    context_class: type[Context] = _Context

    def translate(self) -> None:
        c: Any = self
        if getattr(c, "_kpi_translated", None) == i18n.language():
            return
        c._kpi_ids = ids = getattr(c, "_kpi_ids", None) or {
            "help": c.help, "short_help": c.short_help,
            "params": [getattr(p, "help", None) for p in c.params]}
        c.help = _(ids["help"]) if ids["help"] else ids["help"]
        c.short_help = _(ids["short_help"]) if ids["short_help"] else ids["short_help"]
        for p, text in zip(c.params, ids["params"], strict=False):
            if text:
                p.help = _(text)
        c._kpi_translated = i18n.language()

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    def get_short_help_str(self, limit: int = 45) -> str:
        """A command's line in ``kpi --help``: Click's; for a text with Chinese, its first
        sentence, cut where a line may break to ``limit`` cells (Click counts characters, and
        cut Chinese at its spaces, or to nothing: ``...``)."""
        from ..linebreak import cells, is_wide, wrap

        c: Any = self
        text = c.short_help or (c.help or "").split("\n\n")[0]
        if not is_wide(text):
            return str(super().get_short_help_str(limit))  # type: ignore[misc]
        text = _joined(text.splitlines())
        end = text.find("。")
        text = text[:end + 1] if end >= 0 else text
        if cells(text) <= limit:
            return text
        mark = "…" if i18n.language() == "zh" else "..."  # (Click's, beside Click's lines)
        return wrap(text, limit - len(mark))[0].rstrip("，、；：,;:") + mark

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))


def _check_lang(value: str | None) -> str | None:
    if value is not None and value not in i18n.LANGUAGES:
        raise typer.BadParameter(_("{value} is not one of {choices}.").format(  # as Click says it
            value=repr(value), choices=_(", ").join(repr(lang) for lang in i18n.LANGUAGES)))
    return value


def _add_lang(command: Any) -> None:
    """``--lang`` on a command (or the app) that has none of its own."""
    if not any(p.name == "lang" for p in command.params):
        from typer.core import TyperOption

        command.params.append(TyperOption(
            param_decls=["--lang"], expose_value=False, metavar="[zh|en]", help=LANG_HELP,
            callback=lambda ctx, param, value: _check_lang(value)))


class KpiCommand(_Translated, TyperCommand):
    """Every kpi command: translated help, and ``--lang`` where it has none of its own."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _add_lang(self)


class KpiGroup(_Translated, TyperGroup):
    """The ``kpi`` app: a run speaks the language its ``--lang`` names (else the
    environment's), chosen before any help is built."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _add_lang(self)  # `kpi --lang en --help`

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        ARGV[:] = argv
        RUN[:] = [self, kwargs.get("prog_name") or (rest[0] if rest else None) or "kpi"]
        before = i18n.chosen()
        i18n.choose(i18n.lang_in(argv) or before)
        import typer.core

        typer.core._ = i18n._  # type: ignore[attr-defined]  # Typer's own words ("Options")
        from typer._click.exceptions import UsageError as ParserUsageError

        ParserUsageError.show = show_usage_error  # type: ignore[method-assign]
        self.translate()
        for sub in self.commands.values():
            if isinstance(sub, _Translated):
                sub.translate()
        try:
            return super().main(args, *rest, **kwargs)
        finally:
            i18n.choose(before)
