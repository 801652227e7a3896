"""The status report as a Rich table (one table per section, colour always beside a label), and
as a ``Document`` built from the same lines (``standing.lines_of``), whose Markdown
``document.markdown`` writes. The table keeps its own layout (``grid.py``: bars as wide as the
terminal allows)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.text import Text

from ..enums import Status
from ..grading import Report, TaskStanding
from ..model import Plan
from . import document as doc
from . import grid
from .grid import Column
from .labels import (
    HEADERS,
    LEAD_IN,
    NOTHING,
    STATUS,
    STYLE,
    counted,
    period_note,
    rate_rule,
    rule_footer,
)
from .standing import BAR_WIDTH, grouped, lines_of
from .wrapping import Wrapped

LABEL_WIDTH = 28  # cells; longer labels fold onto a second line below WIDE columns
WIDE = 120  # a terminal this wide gets wider bars and labels on one line


MAX_BAR = 40


def bar_width(columns: int, spare: int = 0) -> int:
    """Cells of a progress bar at a terminal width: 5 below 100 columns, 10 below 120; from 120,
    20 plus what ``spare`` columns the table leaves unused, up to MAX_BAR."""
    if columns < 100:
        return BAR_WIDTH // 2
    if columns < WIDE:
        return BAR_WIDTH
    return max(2 * BAR_WIDTH, min(MAX_BAR, 2 * BAR_WIDTH + spare))


def status_text(status: Status, lang: str) -> Text:
    return Text(STATUS[lang][status], style=STYLE[status])


def summary_line(counts: dict[str, int], noun: str, lang: str) -> Text:
    total = sum(counts.values())
    text = Text(LEAD_IN[lang].format(what=counted(total, noun)))
    parts = [(status, n) for status, n in ((Status(k), v) for k, v in counts.items()) if n]
    for i, (status, n) in enumerate(parts):
        if i:
            text.append(" · ")
        text.append(f"{STATUS[lang][status]} {n}", style=STYLE[status])
    return text


def status_table(plan: Plan, report: Report, tasks: Iterable[TaskStanding], lang: str,
                 console: Console) -> Group:
    """One table per section, all with the same column widths, then the counts.

    Labels get what the other columns leave of ``columns`` (up to LABEL_WIDTH below WIDE
    columns, else as wide as the widest), folding if longer; bars widen with the terminal.
    """
    h = HEADERS[lang]
    columns = console.width
    groups = grouped(plan, report, tasks)
    bar_width_ = bar_width(columns)
    every = [line for g in groups for ts, own in g.rows for line in lines_of(ts, own, lang)]
    cells = {"id": [x.id for x in every], "label": [x.label for x in every], "actual": [x.actual for x in every],
             "progress": [x.progress_cell(bar_width_) for x in every], "expected": [x.expected for x in every],
             "gap": [x.gap for x in every], "status": list(STATUS[lang].values())}
    width = {key: max(cell_len(t) for t in values + [h[key]]) for key, values in cells.items()}
    others = sum(w for key, w in width.items() if key != "label") + grid.GAP * (len(width) - 1)
    cap = width["label"] if columns >= WIDE else LABEL_WIDTH
    label_width = max(8, min(width["label"], cap, columns - others))
    if columns >= WIDE:  # a wide terminal: the bars take what the table leaves
        grown = bar_width(columns, columns - others - label_width)
        width["progress"] += grown - bar_width_
        bar_width_ = grown
    head = Text(f"{plan.plan.title}\n{h['as_of']} {report.as_of}", style="bold")
    ended = period_note(plan.plan.period_end, report.as_of, lang)
    if ended:
        head.append("\n" + ended, style="yellow")
    parts: list[RenderableType] = [head]
    if not groups:
        return Group(*parts, Text(NOTHING[lang]))
    layout = [Column(h["id"], width["id"]), Column(h["label"], label_width, fold=True,
                     balanced=True),
              Column(h["actual"], width["actual"], "right", fold=True),
              Column(h["progress"], width["progress"]),
              Column(h["expected"], width["expected"], "right"),
              Column(h["gap"], width["gap"], "right"), Column(h["status"], width["status"])]
    for g in groups:
        # Text, not str: data is never read as Rich markup (and skips parsing it)
        rows = [(Text(x.id), Text(x.label, style="italic" if x.is_task else ""), Text(x.actual),
                 Text(x.progress_cell(bar_width_)), Text(x.expected), Text(x.gap),
                 status_text(x.status, lang))
                for ts, own in g.rows for x in lines_of(ts, own, lang)]
        parts.append(grid.table(console, Text(g.title, style="bold"), layout, rows))
    parts += [summary_line(report.summary(), h["targets"], lang),
              summary_line(report.task_summary(), h["tasks"], lang),
              Wrapped(Text(rule_footer(lang, plan.grading.at_risk_gap, plan.grading.off_track_gap,
                                       rate_rule(plan)), style="dim"))]
    return Group(*parts)


def status_document(plan: Plan, report: Report, tasks: Iterable[TaskStanding], lang: str,
                    disputes: str = "") -> doc.Document:
    """The report built from the lines the table shows: the plan and the date, one table per
    section (progress without its bar), the counts, the rule; ``disputes``, the note of figures
    two sources disagree on (两个来源数值不同), last."""
    h = HEADERS[lang]
    blocks: list[doc.Block] = [doc.Text(plan.plan.title, kind="strong", then=(
        doc.Cell(f" — {h['as_of']} {report.as_of}"),))]
    ended = period_note(plan.plan.period_end, report.as_of, lang)
    if ended:
        blocks.append(doc.Text(ended))
    groups = grouped(plan, report, tasks)
    columns = (doc.Column(h["id"]), doc.Column(h["label"], wrap=True),
               *(doc.Column(h[key], num=True) for key in ("actual", "progress", "expected", "gap")),
               doc.Column(h["status"]))
    for g in groups:
        rows = tuple(doc.Row((doc.Cell(x.id), doc.Cell(x.label, style="task" if x.is_task else ""),
                              doc.Cell(x.actual), doc.Cell(x.progress_text), doc.Cell(x.expected),
                              doc.Cell(x.gap), doc.Cell(STATUS[lang][x.status], x.status)),
                             key=x.id)
                     for ts, own in g.rows for x in lines_of(ts, own, lang))
        blocks.append(doc.Table(f"section-{g.number}", columns, rows, title=g.title))
    if not groups:
        blocks.append(doc.Text(NOTHING[lang]))
    else:
        counts = [(Status(k), v) for k, v in report.summary().items() if v]
        total = counted(sum(v for _, v in counts), h["targets"])
        said: list[doc.Cell] = []
        for i, (status, n) in enumerate(counts):
            said += [doc.Cell(" · ")] if i else []
            said.append(doc.Cell(f"{STATUS[lang][status]} {n}", status))
        blocks += [doc.Text("", then=(*said, doc.Cell(f" ({total})"))) if said
                   else doc.Text(total),
                   doc.Text(rule_footer(lang, plan.grading.at_risk_gap, plan.grading.off_track_gap,
                                        rate_rule(plan)))]
    if disputes:
        blocks.append(doc.Text(disputes, kind="banner"))
    return doc.Document(lang=lang, title=plan.plan.title, heading="", meta="",
                        parts=(doc.Part("status", "", tuple(blocks)),))
