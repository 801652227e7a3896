"""``kpi draft``: a work-plan document → a workspace holding its source and a plan to review.

``layout`` and ``indicators`` first write a PDF's space-laid table and a table of indicators
(指标 | 单位 | 目标 | 增长) as the rows the drafter reads; ``document`` finds the sections and the
numbered tasks (``headings``: a section heading;
``table``: a table's columns and the cells a row ends with; ``goals``: an unnumbered paragraph of
targets before the numbered tasks, 主要预期目标, taken as a task of its own; ``past``: the passages
looking back on past work, a 政府工作报告's 工作回顾, left out) and asks ``metadata`` for the
notice's title, issuer, 文号, date and plan year; ``departments`` and ``targets`` read each
task's words; ``plan`` writes the draft. Only ``make`` touches files.
``bounds`` holds what a draft may grow to (lines, a paragraph's length, the plan's values, the
numbers read), each refused as soon as it is passed, so that any document under the 16 MB cap
drafts or is refused in seconds.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import KpiError, UsageError
from ..i18n import _
from ..workspace import PLAN_FILE

if TYPE_CHECKING:
    from .plan import Draft


@dataclass(frozen=True)
class Drafted:
    plan_path: Path
    tasks: int
    sections: int
    targets: int
    departments: int
    notes: tuple[str, ...]


def draft_text(text: str, source: str, today: dt.date) -> tuple[Draft, str]:
    """The draft of a document's text: (Draft, tasks.yaml text). Raises when no task is found."""
    from . import document, indicators, layout, plan
    from .bounds import check_lines

    # a page break (text taken from a PDF) or a vertical tab ends a line; other control
    # characters are no text
    text = re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", "", text.replace("\f", "\n").replace("\v", "\n"))
    check_lines(text)
    text, rows = layout.reflow(text)
    text, indicator_rows = indicators.rewrite(text)
    unwrapped, width = document.unwrap(text)
    doc = document.read(unwrapped)
    if indicator_rows:
        doc.notes.append(_("a table of indicators: each of its {rows} rows is read as its "
                           "indicator with its target, unit and growth rate written after it "
                           "(地区生产总值305亿元，增长6.5%左右), the columns that hold no target "
                           "(weights, scores, categories, past figures, 属性) left out, and "
                           "source/ holds it so").format(rows=indicator_rows))
    if rows:
        doc.notes.append(_("a table laid out with spaces (text taken from a PDF with its "
                           "layout?): each of its {rows} rows is read as one line, its cells "
                           "parted by tabs and a cell's lines joined, and source/ holds it "
                           "so").format(rows=rows))
    if width is not None:
        doc.notes.append(_("the document's lines were wrapped at {width} characters (text taken "
                           "from a PDF?): each paragraph is read as one line, and source/ holds "
                           "it so").format(width=width))
    if not doc.tasks:
        raise KpiError(_("no numbered task found: looked for {forms}").format(
            forms=_(document.TASK_FORMS)))
    drafted = plan.build(doc, source, today)
    return drafted, plan.render(drafted, source)


def make(source: Path, out: Path, source_display: str, out_display: str, today: dt.date) -> Drafted:
    """Read ``source``, and make ``out`` a workspace (``scaffold``'s one layout, as ``kpi init``
    makes): ``out``/data/tasks.yaml the draft, ``out``/data/source/ the document, and
    ``out``/data/progress/.

    Everything is read and drafted before anything is written; ``out`` must be new or empty
    (``out_display`` names it as the user gave it: ``--out plan-2024`` for ``kpi draft``).
    """
    from ..scaffold import DATA_DIR, create
    from . import source as reader

    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError((_("{out} is not empty; name a new or empty folder") if out.is_dir()
                          else _("{out} is a file; name a new or empty folder")).format(
                              out=out_display))
    document = reader.read(source, source_display)
    name = source.stem + ".txt"
    try:
        drafted, yaml_text = draft_text(document.text, f"source/{name}", today)
    except KpiError as exc:
        raise KpiError(_("{doc}: {why}").format(doc=source_display, why=exc)) from None
    _self_check(yaml_text, source_display)
    notes = list(document.notes) + list(drafted.notes)
    if document.original is None and document.how != "utf-8":
        notes.append(_("the document is {how} text; the copy in source/ is UTF-8").format(
            how=document.how))
    sources = {name: drafted.doc.text.encode("utf-8")}
    if document.original is not None:  # kept under the suffix of its kind, whatever its name:
        sources[f"{source.stem}.{document.how}"] = document.original  # a .docx named plan.txt
    create(out, today, plan=yaml_text, sources=sources)
    return Drafted(out / DATA_DIR / PLAN_FILE, len(drafted.tasks), len(drafted.doc.sections) or 1,
                   drafted.target_count, len(drafted.departments()), tuple(notes))


def _self_check(yaml_text: str, display: str) -> None:
    """The draft must load as a plan (with its drafts), so that kpi targets and status work on
    it; a document that cannot make one (far more tasks or values than a plan may hold, say)
    is refused saying why, and nothing is written."""
    from pydantic import ValidationError

    from .. import schema, yamlio

    try:
        data, _shape = yamlio.load(yaml_text)
        schema.validate(data)
    except yamlio.YamlProblem as exc:
        raise KpiError(_("{doc}: the draft of this document cannot be a plan: {why} ({hint}); "
                         "nothing was written").format(doc=display, why=exc.message,
                                                       hint=exc.hint)) from None
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise KpiError(_("{doc}: the draft of this document cannot be a plan: {where}: {why}; "
                         "nothing was written").format(doc=display, where=where,
                                                       why=first["msg"])) from None
