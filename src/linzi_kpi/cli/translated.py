"""The app's command classes: help, usage and Typer's own words in the language of the run
(``--lang``, else ``KPI_LANG``, else the locale), and ``--lang`` on every command."""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer._click.core import Context
from typer._click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup

from .. import i18n
from ..i18n import _
from ..words import LANG_HELP
from .usage import ARGV, show_usage_error


class _Formatter(HelpFormatter):
    """Click's help formatter, its headings punctuated in the language (选项：, not 选项:)."""

    def write_heading(self, heading: str) -> None:
        self.write(" " * self.current_indent + _("{heading}:").format(heading=heading) + "\n")


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

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))


def _check_lang(value: str | None) -> str | None:
    if value is not None and value not in i18n.LANGUAGES:
        raise typer.BadParameter(_("{value!r} is not one of {choices}").format(
            value=value, choices=", ".join(i18n.LANGUAGES)))
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
