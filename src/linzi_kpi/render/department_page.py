"""One department's page (``kpi report --dept NAME``) built once as a ``Document``: the targets
and tasks it leads and shares, their standing, its notes, and what it still owes for the month.
The bulletin's writers (HTML, Markdown, Word) write it."""

from __future__ import annotations

from ..compute.bulletin import Bulletin
from ..compute.scorecard import RoleReport, department_detail
from ..enums import Status
from ..grading import Standing, TaskStanding
from .bulletin_model import SHOWN, actual_of_target, all_in, done_and_pace
from .bulletin_words import WORDS, run_on
from .document import Cell, Column, Document, Part, Row, Table, Text
from .labels import STATUS, long_date, long_month, period_note, state_label
from .standing import percent, points


def _counts(counts: dict[Status, int], lang: str) -> str:
    w = WORDS[lang]
    return w["list_sep"].join(w["n_tasks"].format(status=STATUS[lang][s], n=counts[s])
                              for s in SHOWN if counts.get(s)) or w["none"]


def _note(b: Bulletin, key: str) -> str:
    r = b.notes.get(key)
    return f"{r.note}（{r.date}）" if r is not None else ""


def _lines(b: Bulletin, part: RoleReport, lang: str) -> list[Row]:
    names = STATUS[lang]
    own: dict[int, list[Standing]] = {}
    for s in part.targets:
        own.setdefault(s.task.number, []).append(s)
    rows: list[Row] = []
    for t in part.tasks:
        for s in own.get(t.task.number, []):
            rows.append(Row((Cell(s.target.id), Cell(s.target.label), Cell(actual_of_target(s)),
                             *(Cell(x) for x in done_and_pace(s, lang)),
                             Cell(points(s.gap)), Cell(names[s.status], status=s.status),
                             Cell(_note(b, s.target.id))), key=s.target.id))
        if not t.task.targets:
            rows.append(_task_row(b, t, lang))
    return rows


def _task_row(b: Bulletin, t: TaskStanding, lang: str) -> Row:
    w = WORDS[lang]
    state = (f"{state_label(t.state, lang)}{w['open']}{t.state_date}{w['close']}"
             if t.state else "—")
    key = str(t.task.number)
    return Row((Cell(key), Cell(t.task.title), Cell(state), Cell("—"), Cell("—"), Cell("—"),
                Cell(STATUS[lang][t.status], status=t.status), Cell(_note(b, key))), key=key)


def _reports(b: Bulletin, name: str) -> bool:
    """Whether ``name`` reports any line of the plan itself (``Plan.reporter``)."""
    plan = b.plan
    return any(plan.reporter(task, target) == name
               for task in plan.tasks for target in (task.targets or [None]))


def build(b: Bulletin, name: str, lang: str = "zh") -> Document:
    """The page of department ``name`` (canonical) in ``lang``."""
    w = WORDS[lang]
    plan = b.plan.plan
    detail = department_detail(b.plan, b.report, name)
    month = long_month(b.as_of, lang)
    owed = next((o for o in b.owed if o.department == detail.name), None)
    lead_rows, shared_rows = _lines(b, detail.lead, lang), _lines(b, detail.shared, lang)
    sentences = [w["dept_line"].format(name=detail.name, lead=len(lead_rows),
                                       shared=len(shared_rows))]
    if lead_rows:
        sentences.append(w["dept_counts"].format(counts=_counts(detail.lead.counts(), lang)))
    if shared_rows:
        sentences.append(w["dept_shared_counts"].format(
            counts=_counts(detail.shared.counts(), lang)))
    if owed:
        sentences.append(w["dept_owes"].format(month=month, n=len(owed.lines)))
    elif _reports(b, detail.name):
        sentences.append(all_in(b, lang, everything="dept_owes_none"))
    else:  # nothing is its to report: not "everything it owes is reported"
        sentences.append(w["dept_reports_none"])
    parts = [Part("overview", w["overview"], (Text(run_on(sentences, lang)),))]
    if owed:
        owed_columns = (Column(w["id"], width=0.9), Column(w["label"], width=3),
                        Column(w["last"], width=1.2))
        rows = tuple(Row((Cell(s.line.id), Cell(s.line.label),
                          Cell(str(s.last.date) if s.last else "—")), key=s.line.id)
                     for s in owed.lines)
        parts.append(Part("unreported", w["dept_owed"].format(month=month),
                          (Table("unreported", owed_columns, rows),)))
    # as the bulletin's: the percentages whole on one line in Word
    columns = (Column(w["id"], width=0.8), Column(w["label"], width=2.2),
               Column(w["actual"], num=True, width=1.8), Column(w["done"], num=True, width=1.3),
               Column(w["pace"], num=True, width=1.3), Column(w["gap"], num=True, width=1.3),
               Column(w["status"], width=1.0), Column(w["note"], width=1.6))
    for key, heading, rows_ in (("lead", w["lead_part"], lead_rows),
                                ("shared", w["shared_part"], shared_rows)):
        n = len(rows_)
        blocks = (Table(f"dept-{key}", columns, tuple(rows_)),) if rows_ else (Text(w["none"]),)
        parts.append(Part(key, heading.format(n=n), blocks))
    ended = period_note(plan.period_end, b.as_of, lang, prose=True)
    as_of = long_date(b.as_of, lang)
    meta = (f"{plan.title} · {w['as_of']} {as_of} · {w['expected']} {percent(b.expected)}"
            + (f" · {ended}" if ended else ""))
    title = w["dept_title"].format(name=detail.name, as_of=as_of)
    return Document(lang=lang, title=title, heading=title, meta=meta, parts=tuple(parts),
                    footer=w["brief_footer"].format(as_of=as_of),
                    names={"html_lang": w["html_lang"], "plan": detail.name,
                           "bulletin": w["dept_page"]})
