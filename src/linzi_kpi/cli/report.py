"""Commands of the month's end: the 催报 list (``missing``) and the bulletin (``report``),
written as Word, HTML or Markdown from one report model. Computation is
``linzi_kpi.compute``'s, files ``linzi_kpi.files``', text out ``linzi_kpi.render``'s; imports
stay inside the commands.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import OptionError
from ..i18n import _
from .common import (
    AllowProblemsOpt,
    AsOfOpt,
    DataDir,
    Lang,
    LangOpt,
    ListFormat,
    as_of_date,
    command,
    complete_department,
    counted,
    every_record,
    note_period_end,
    parse_date,
    reporting_month,
)
from .common import (
    out as echo,
)
from .forms import report_json

# ------------------------------------------------------------------ missing (催报)


@command
def missing(
    month: Annotated[str | None, typer.Option(
        "--month", metavar="YYYY-MM", show_default=False,
        help=_("The reporting month [default: last month]."))] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output form.")] = ListFormat.table,
    lang: LangOpt = Lang.zh,
    allow_problems: AllowProblemsOpt = False,
    data_dir: DataDir = None,
) -> None:
    """The 催报 list: per department, the targets and tasks it has not reported for the month,
    by name, one paragraph per department, ready to paste into a message.

    A line is owed by its reporter: the plan's `reporter:` for the target (or its task), else
    its task's first lead department (牵头), else its first responsible department that is not a
    collective name. Finished work (met, done) is never owed, nor a
    target whose deadline fell before the month.

    \b
    Examples:
      kpi missing --month 2023-06
      kpi missing --month 2023-06 --format json
    """
    from ..compute.owed import missing as compute
    from ..compute.owed import month_end
    from ..render import missing as render

    ws, plan, day, found = every_record(data_dir, allow_problems)
    first = reporting_month(month, day, plan)
    owed = compute(plan, found.records, first)
    if format is ListFormat.json:
        echo(report_json(render.missing_object(owed, first, month_end(first)), found.left_out))
        return
    echo(render.paragraphs(owed, first, lang.value, plan))


# ------------------------------------------------------------------ report


class BulletinFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    docx = "docx"


#: The form of the bulletin each file suffix names.
SUFFIXES = {".html": BulletinFormat.html, ".htm": BulletinFormat.html,
            ".md": BulletinFormat.markdown, ".markdown": BulletinFormat.markdown,
            ".docx": BulletinFormat.docx}


def _bulletin_target(out: Path | None, html: Path | None,
                     format: BulletinFormat | None) -> tuple[Path | None, BulletinFormat]:
    """The file to write (None: standard output) and the form, from OUT, --html and --format."""
    if html is not None:
        if out is not None:
            raise OptionError(_("give OUT or --html OUT.html, not both"))
        if format is not None and format is not BulletinFormat.html:
            raise OptionError(_("--html writes HTML; leave out --format {format}, or --html")
                             .format(format=format.value))
        if html.suffix.lower() not in (".html", ".htm"):
            raise OptionError(_("{html}: name the page *.html").format(html=html))
        return html, BulletinFormat.html
    if out is None:
        if format is BulletinFormat.docx:
            raise OptionError(_("a Word document cannot go to standard output: name a file, "
                               "e.g. kpi report --format docx 通报.docx"))
        return None, format or BulletinFormat.markdown
    named = SUFFIXES.get(out.suffix.lower())
    chosen = format or named
    if chosen is None:
        raise OptionError(_("cannot tell the form from {out}: name it *.docx, *.html or *.md, or "
                           "pass --format").format(out=out))
    if chosen is BulletinFormat.docx and named is not BulletinFormat.docx:
        raise OptionError(_("{out}: name the Word document *.docx").format(out=out))
    if chosen is BulletinFormat.html and named is not BulletinFormat.html:
        raise OptionError(_("{html}: name the page *.html").format(html=out))
    if chosen is BulletinFormat.markdown and named not in (None, BulletinFormat.markdown):
        raise OptionError(_("{out}: name the Markdown file *.md").format(out=out))
    return out, chosen


@command
def report(
    out: Annotated[Path | None, typer.Argument(
        metavar="[OUT]", show_default=False,
        help=_("Write the bulletin to this file: *.docx (Word), *.html or *.md; without it, "
               "print it."))] = None,
    html: Annotated[Path | None, typer.Option(
        "--html", metavar="OUT.html", show_default=False,
        help="Write the bulletin as one self-contained HTML page.")] = None,
    format: Annotated[BulletinFormat | None, typer.Option(
        "--format", "-f", show_default=False,
        help=_("The form: markdown, html or docx [default: from OUT's suffix, else "
               "markdown]."))] = None,
    dept: Annotated[str | None, typer.Option(
        "--dept", metavar="NAME", show_default=False, autocompletion=complete_department,
        help=_("One department's page: what it leads and shares, their standing, its notes, "
               "and what it still owes for the month."))] = None,
    as_of: AsOfOpt = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="YYYY-MM-DD", show_default=False,
        help="Start of the 'what changed' part [default: end of the previous month].")] = None,
    allow_problems: AllowProblemsOpt = False,
    lang: LangOpt = Lang.zh,
    data_dir: DataDir = None,
) -> None:
    """The monthly bulletin (通报): overall counts, status by section, the targets grouped by
    status with each department's latest note, what went unreported (by the department that
    owes it), the department ranking, each target's progress against 序时进度 with its trend,
    and what changed since last month.

    One report, written three ways: a Word document (A4, official margins, Chinese fonts) for
    the office to edit and issue; one self-contained HTML page (styles and SVG charts inline,
    no network, no JavaScript; readable on a phone, prints on A4); Markdown.

    \b
    Examples:
      kpi report --format docx 通报-2023-06.docx --as-of 2023-06-30
      kpi report --html 通报-2023-06.html --as-of 2023-06-30
      kpi report --dept 区发改局 区发改局-2023-06.docx
      kpi report --format markdown > 通报.md
      kpi report --html bulletin-2023-06.html --lang en
    """
    from ..compute.bulletin import bulletin
    from ..render import bulletin as render
    from ..render import bulletin_model, department_page, document

    target, chosen = _bulletin_target(out, html, format)
    given = as_of_date(as_of)  # a malformed --as-of is a usage error before any work
    start = parse_date(since, "--since")
    if start is not None and as_of is not None and start >= given:
        raise OptionError(_("--since ({start}) must be before the as-of date ({when})")
                         .format(start=start, when=given))
    ws, plan, day, found = every_record(data_dir, allow_problems)
    if target is not None:
        from ..files.output import check_not_own

        check_not_own(ws, target)
    when = as_of_date(as_of, plan)
    if start is not None and start >= when:
        raise OptionError(_("--since ({start}) must be before the as-of date ({when})")
                         .format(start=start, when=when))
    from .. import service
    from ..compute.timeline import latest_as_of

    disputes = service.disputed(found, latest_as_of(found.records, when, plan.plan.period_start))
    b = bulletin(plan, found.records, when, start, left_out=found.left_out, disputes=disputes)
    note_period_end(as_of, plan)
    shown = counted(len(b.targets), "targets")
    if dept is not None:
        from ..query import resolve_department

        name = resolve_department(plan, dept)
        doc = department_page.build(b, name, lang.value)
        shown = _("the page of {name}").format(name=name)
    else:
        doc = bulletin_model.build(b, lang.value)
    if chosen is BulletinFormat.docx:
        from ..files.output import save_atomically
        from ..render import docx_writer

        assert target is not None  # refused above
        save_atomically(target, lambda p: docx_writer.write(doc, p))
        echo(_("wrote {out}: {targets} as of {when} ({kb} KB)\n").format(
            out=target, targets=shown, when=when, kb=max(1, target.stat().st_size // 1024)))
        return
    text = (render.write_html(doc, b) if chosen is BulletinFormat.html
            else document.markdown(doc))
    if target is None:
        echo(text)
        return
    from ..files.output import save_atomically

    save_atomically(target, lambda p: p.write_text(text, encoding="utf-8"))
    if chosen is BulletinFormat.html:
        echo(_("wrote {html}: {counted} as of {when} ({value} KB, self-contained)")
             .format(html=target, counted=shown, when=when,
                     value=len(text.encode("utf-8")) // 1024) + "\n")
    else:
        echo(_("wrote {out}: {targets} as of {when}\n").format(out=target, targets=shown,
                                                                when=when))
