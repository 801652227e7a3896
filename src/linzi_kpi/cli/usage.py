"""A usage error (an unknown option, a value Typer refuses) as every kpi error is said: one
line on stderr, in the language of the run, with where the command's help is; and as JSON on
stdout for a run that asked for ``--format json``."""

from __future__ import annotations

import sys
from typing import Any

import typer

from ..errors import UsageError
from ..i18n import _
from ..words import usage_message

#: The arguments of the run (``KpiGroup.main``): a usage error is found before any option is
#: read, so whether the run asked for ``--format json`` is read from them.
ARGV: list[str] = []

#: The app of the run and the name it runs under (``KpiGroup.main``): a usage error the parser
#: finds before a command's context is made (an option given no value: ``kpi dept --format``)
#: has no context, and names its command's help from them and ``ARGV``.
RUN: list[Any] = []


def _asks_for_json(argv: list[str]) -> bool:
    pairs = zip(argv, argv[1:], strict=False)
    return any(a in ("--format", "-f") and b == "json" for a, b in pairs) or "--format=json" in argv


def show_usage_error(self: Any, file: Any = None) -> None:
    """Typer's usage error on one line, in the language of the run: the fault, then where the
    command's help is; and, for a run that asked for ``--format json``, the error as JSON on
    stdout too, as every other error of such a run."""
    color = self.ctx.color if self.ctx is not None else None
    fault, hint = usage_message(self.format_message()), help_hint(self.ctx)
    if self.ctx is None and RUN:
        hint = _pointer(" ".join(_command_path(ARGV, *RUN)),
                        RUN[0].context_settings.get("help_option_names", ["--help"])[0])
    error = usage_error(fault, hint)
    if _asks_for_json(ARGV):
        from ..render.rows import to_json

        sys.stdout.write(to_json(error.as_dict()) + "\n")
    typer.echo(_("error: {message}").format(message=error), file=file or sys.stderr,
               color=color)


def help_hint(ctx: Any) -> str:
    """Where the help of ``ctx``'s command is (`kpi status -h`); empty without one."""
    if ctx is None or ctx.command.get_help_option(ctx) is None:
        return ""
    return _pointer(ctx.command_path, ctx.help_option_names[0])


def _pointer(command: str, option: str) -> str:
    return _("`{command} {option}` shows how to use it").format(command=command, option=option)


def usage_error(fault: str, hint: str) -> UsageError:
    """A usage error as kpi says every one: the fault, then where the command's help is (the
    problem's hint in JSON)."""
    from ..errors import Problem, with_hint

    return UsageError(with_hint(fault, hint), problems=[Problem(fault, hint, title="usage error")])


def _command_path(argv: list[str], app: Any, name: str) -> list[str]:
    """``kpi`` and the command ``argv`` runs (``kpi dept``): its first word that is not an
    option of the app or an option's value, where that word is a command (else ``kpi``)."""
    takes_value = {opt for param in app.params if not getattr(param, "is_flag", True)
                   and not getattr(param, "count", False) for opt in param.opts}
    words = iter(argv)
    for word in words:
        if word == "--" or not word.startswith("-"):
            return [name, word] if word in app.commands else [name]
        if word in takes_value:
            next(words, None)
    return [name]
