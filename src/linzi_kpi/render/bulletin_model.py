"""The bulletin (通报) built once as a ``Document``: every sentence, table and cell the HTML,
Markdown and Word editions write. Plan text stays as written; the words are
``bulletin_words.py``'s, statuses and states ``labels.py``'s."""

from __future__ import annotations

from ..compute.bulletin import Bulletin, behind_pace, disagreements
from ..compute.changes import before_period
from ..compute.history import History
from ..compute.owed import Owed
from ..compute.scorecard import Scorecard
from ..enums import Rule, Status
from ..grading import SEVERITY, Standing, TaskStanding
from ..query import canonical
from .bulletin_words import WORDS, run_on
from .cycle import behind_cell, projection_sentence
from .disputes import disputes_note
from .document import Cell, Chart, Column, Document, Heading, Part, Row, Table, Text
from .labels import (
    RULE,
    STATUS,
    left_out_note,
    long_date,
    long_month,
    period_note,
    rate_rule,
    state_label,
)
from .numbers import figure, of_target
from .standing import expected_cell, held_to, percent, points, rate_of, rate_short, section_heading

#: The order a reader expects in a bulletin: done and fine first, then the trouble, then silence.
SHOWN = (Status.met, Status.on_track, Status.at_risk, Status.off_track, Status.missed,
         Status.no_data)
#: The status groups: the trouble first (滞后, 预警), then the rest that have a figure.
GROUPS = (Status.off_track, Status.at_risk, Status.missed, Status.on_track, Status.met)


def actual_of_target(s: Standing) -> str:
    """``1,863 / 4,500 人``: the bulletin's one number format (render/numbers.py); a rate
    against its target: ``7.5% / ≥ 8%``."""
    if s.rule is Rule.rate:
        return rate_of(s)
    return of_target(s.actual, s.target.target, s.target.unit)


def rate_cell(s: Standing, lang: str) -> str:
    """In place of a rate's progress bar: how many percentage points it is short, or that it
    holds (—without a figure)."""
    if s.gap is None:
        return "—"
    short = rate_short(s)
    w = WORDS[lang]
    if short is None:
        return str(w["rate_holds"])
    return str(w["rate_short"]).format(points=f"{short:g}")


def done_and_pace(s: Standing, lang: str) -> tuple[str, str]:
    """The done and expected cells of a target: a rate has neither (it is held to its
    target directly: 增速 in place of 序时进度), nor has a floor or a ceiling (the line it holds
    to in place of 序时进度: ``≥ 56``, so that a 滞后 floor says why); a level without a
    baseline says 缺基数 in place of 序时进度, as every status table does
    (``standing.expected_cell``)."""
    if s.rule is Rule.rate:
        return "—", RULE[lang]["rate"]
    if s.rule in (Rule.floor, Rule.ceiling):
        return "—", held_to(s.target)
    return percent(s.progress), expected_cell(s, lang)


def rate_note(b: Bulletin, lang: str) -> str | None:
    """How rates are graded, with the plan's thresholds, where the plan has a rate."""
    rule = rate_rule(b.plan)
    if rule is None:
        return None
    return str(WORDS[lang]["rate_note"]).format(risk=f"{rule[0]:g}", off=f"{rule[1]:g}")


def share(n: int, total: int) -> str:
    return f"{n / total * 100:.1f}%" if total else "—"


def banners(b: Bulletin, lang: str) -> tuple[str, ...]:
    """The warnings every edition puts above the bulletin: the ledger lines a report made with
    --allow-problems left out, and the figures two sources disagree on (``render.disputes``)."""
    out = []
    if b.left_out:
        out.append(left_out_note(b.left_out, lang))
    if b.disputes:
        out.append(disputes_note(b.disputes, lang))
    return tuple(out)


def build(b: Bulletin, lang: str = "zh") -> Document:
    """The whole bulletin in ``lang`` (``zh`` or ``en``)."""
    w = WORDS[lang]
    plan = b.plan.plan
    ended = period_note(plan.period_end, b.as_of, lang, prose=True)
    as_of = long_date(b.as_of, lang)
    meta = (f"{plan.document_number} · {w['as_of']} {as_of} · {w['expected']} "
            f"{percent(b.expected)}" + (f" · {ended}" if ended else ""))
    parts = [_overview(b, lang), _sections(b, lang), _by_status(b, lang)]
    parts += _changes(b, lang)
    parts.append(_unreported(b, lang))
    parts += _behind(b, lang)
    parts += [_departments(b, lang), _targets(b, lang)]
    parts += _tasks(b, lang)
    return Document(
        lang=lang, title=w["title"].format(plan=plan.title, as_of=as_of),
        heading=f"{plan.title} {w['bulletin']}", meta=meta, parts=tuple(parts),
        banners=banners(b, lang),
        footer=w["footer"].format(as_of=as_of),
        brief_footer=w["brief_footer"].format(as_of=as_of),
        names={"html_lang": w["html_lang"], "plan": plan.title, "bulletin": w["bulletin"],
               "document_number": plan.document_number, "as_of": w["as_of"],
               "expected": w["expected"], "ended": ended or "", "date": str(b.as_of),
               "expected_value": percent(b.expected)})


def _month(b: Bulletin, lang: str) -> str:
    return long_month(b.as_of, lang)


def all_in(b: Bulletin, lang: str, *, everything: str = "overview_all_in") -> str:
    """What is said where nothing is owed for the month: ``everything`` (all is reported); but
    before the plan period starts, that nothing is owed yet."""
    w = WORDS[lang]
    if before_period(b.plan, b.as_of):
        return w["before_period"].format(month=_month(b, lang),
                                         start=long_date(b.plan.plan.period_start, lang))
    return w[everything].format(month=_month(b, lang))


def _counts_phrase(counts: dict[Status, int], lang: str, key: str) -> str:
    w = WORDS[lang]
    return w["list_sep"].join(w[key].format(status=STATUS[lang][s], n=counts[s])
                              for s in SHOWN if counts[s])


def _overview(b: Bulletin, lang: str) -> Part:
    w, names = WORDS[lang], STATUS[lang]
    total = sum(b.counts.values())
    tasks = sum(b.task_counts.values())
    sentences = [w["overview_targets"].format(as_of=long_date(b.as_of, lang), targets=total,
                                              counts=_counts_phrase(b.counts, lang, "n_targets"))]
    if tasks:
        sentences.append(w["overview_tasks"].format(
            tasks=tasks, counts=_counts_phrase(b.task_counts, lang, "n_tasks")))
    owed = sum(len(o.lines) for o in b.owed)
    month = _month(b, lang)
    # departments are the named ones: lines the plan names nobody for are said apart
    depts = sum(1 for o in b.owed if o.department)
    sentences.append(w["overview_owed"].format(month=month, n=owed, depts=depts) if owed
                     else all_in(b, lang))
    nobody = sum(len(o.lines) for o in b.owed if not o.department)
    if nobody:
        sentences.append(w["overview_nobody"].format(n=nobody))
    rows = [Row((Cell(names[s], status=s), Cell(str(b.counts[s])), Cell(share(b.counts[s], total))),
                key=s.value) for s in SHOWN]
    rows.append(Row((Cell(w["total"]), Cell(str(total)), Cell("")), kind="total"))
    table = Table("summary", (Column(w["status"]), Column(w["count"], num=True),
                              Column(w["share"], num=True)), tuple(rows))
    return Part("overview", w["overview"], (Text(run_on(sentences, lang)), table, Chart("overall"),
                                            Chart("legend")))


def _sections(b: Bulletin, lang: str) -> Part:
    w, names = WORDS[lang], STATUS[lang]
    rows = tuple(Row((Cell(section_heading(b.plan, s.number)),
                      *(Cell(str(s.counts[x])) for x in SHOWN), Cell(str(s.total))),
                     key=str(s.number)) for s in b.sections if s.total)
    columns = (Column(w["section"], width=3), *(Column(names[x], num=True) for x in SHOWN),
               Column(w["total"], num=True))
    blocks: list[Text | Table | Chart] = [Table("sections", columns, rows), Chart("legend")]
    empty = [section_heading(b.plan, s.number) for s in b.sections if not s.total]
    if empty:
        blocks.append(Text(w["sections_without"].format(names=w["list_sep"].join(empty)), "note"))
    return Part("by-section", w["by_section"], tuple(blocks))


def _note(b: Bulletin, key: str) -> str:
    r = b.notes.get(key)
    return f"{r.note}（{r.date}）" if r is not None else ""


def _lead(b: Bulletin, h: History) -> str:
    """The lead departments (牵头); with none, the department that owes the figure."""
    return ("、".join(canonical(b.plan, h.task.lead)) or b.plan.reporter(h.task, h.target)
            or "—")


def _by_status(b: Bulletin, lang: str) -> Part:
    """The targets with a figure grouped by status, the trouble first, each with its figure,
    progress, 序时进度, gap, lead department and the department's latest note (a rate: against
    its target, no progress, its rule in place of 序时进度, the points short; the rule of rates
    with the plan's thresholds said once, below)."""
    w, names = WORDS[lang], STATUS[lang]
    # the percentages whole on one line in Word (100.0%, 49.6%, −50.4)
    columns = (Column(w["id"], width=0.8), Column(w["label"], width=2.2),
               Column(w["actual"], num=True, width=1.8), Column(w["done"], num=True, width=1.3),
               Column(w["pace"], num=True, width=1.3), Column(w["gap"], num=True, width=1.3),
               Column(w["lead_dept"], width=1.6), Column(w["note"], width=1.8))
    blocks: list[Heading | Table | Text] = []
    for status in GROUPS:
        found = [h for h in b.targets if h.standing.status is status]
        if not found:
            continue
        blocks.append(Heading(w["group"].format(status=names[status], n=len(found))))
        rows = tuple(Row((Cell(h.target.id), Cell(h.target.label),
                          Cell(actual_of_target(h.standing)),
                          *(Cell(x) for x in done_and_pace(h.standing, lang)),
                          Cell(points(h.standing.gap)), Cell(_lead(b, h)),
                          Cell(_note(b, h.target.id))), key=h.target.id) for h in found)
        blocks.append(Table(f"status-{status.value}", columns, rows))
    silent = b.counts.get(Status.no_data, 0)
    if not blocks:  # not one target has a figure: say so, not "another 91 have none"
        blocks.append(Text(w["all_figures"].format(as_of=long_date(b.as_of, lang))))
    elif silent:
        blocks.append(Text(w["no_data_line"].format(n=silent), "note"))
    note = rate_note(b, lang)  # how a rate is graded, with the plan's thresholds
    if note:
        blocks.append(Text(note, "note"))
    return Part("by-status", w["by_status"], tuple(blocks))


def _value(v: float | None, unit: str) -> str:
    return "—" if v is None else f"{figure(v, unit)} {unit}".strip()


def _changes(b: Bulletin, lang: str) -> list[Part]:
    c = b.changes
    if c is None:
        return []
    w, names = WORDS[lang], STATUS[lang]
    month = long_month(c.month, lang)
    line = w["changes_line"].format(moves=len(c.moves), new=len(c.new), month=month,
                                    stale=len(c.stale))
    blocks: list[Text | Table] = [Text(line)]
    if c.moves:
        columns = (Column(w["id"], width=0.6), Column(w["label"], width=2.4),
                   Column(w["before"]), Column(w["after"]), Column(w["value"], num=True, width=2))
        blocks.append(Table("moves", columns, tuple(
            Row((Cell(m.line.id), Cell(m.line.label), Cell(names[m.before], status=m.before),
                 Cell(f"{'↓' if m.worse else '↑'} {names[m.after]}", status=m.after),
                 Cell(f"{_value(m.before_value, m.line.unit)} → "
                      f"{_value(m.after_value, m.line.unit)}")), key=m.line.id)
            for m in c.moves)))
    heading = w["changes"].format(start=long_date(c.start, lang), end=long_date(c.end, lang))
    return [Part("changes", heading, tuple(blocks))]


def owed_items(o: Owed, lang: str) -> str:
    """``8.1 入库新经济企业；12 发展壮大绿色低碳环保产业``: the lines by id and name."""
    return WORDS[lang]["items_sep"].join(f"{s.line.id} {s.line.label}" for s in o.lines)


def _unreported(b: Bulletin, lang: str) -> Part:
    w = WORDS[lang]
    month = _month(b, lang)
    heading = w["unreported"].format(month=month)
    if not b.owed:
        return Part("unreported", heading, (Text(all_in(b, lang)),))
    columns = (Column(w["department"], width=1.6), Column(w["n_items"], num=True, width=0.7),
               Column(w["owed_items"], width=6))
    rows = tuple(Row((Cell(o.department or w["nobody"]), Cell(str(len(o.lines))),
                      Cell(owed_items(o, lang)))) for o in b.owed)
    return Part("unreported", heading, (Text(w["unreported_note"], "note"),
                                        Table("unreported", columns, rows)))


def rules(b: Bulletin) -> dict[str, str]:
    g = b.plan.grading
    return {"at_risk": f"{g.at_risk_gap * 100:g}", "off_track": f"{g.off_track_gap * 100:g}"}


def why(h: History, lang: str, b: Bulletin) -> str:
    """One sentence: why a target graded on course is projected to fall short, by the rule it
    is graded by: 序时进度, its shortfall (缺基数), or the floor or ceiling it holds to now."""
    s, w = h.standing, WORDS[lang]
    status = STATUS[lang][s.status]
    if s.rule in (Rule.floor, Rule.ceiling):
        return w["flag_holds"].format(status=status, actual=_value(s.actual, s.target.unit),
                                      rule=held_to(s.target))
    gap = f"{(s.gap or 0) * 100:.1f}"
    if s.rule is Rule.shortfall:
        return w["flag_shortfall"].format(status=status, gap=gap, **rules(b))
    return w["flag_short"].format(status=status, progress=percent(s.progress),
                                  expected=percent(s.expected), gap=gap, **rules(b))


def _behind(b: Bulletin, lang: str) -> list[Part]:
    """Targets projected to fall short, with the rule of each story; where the status says
    otherwise, the row says why in one sentence."""
    late = behind_pace(b)
    short, making = disagreements(b)
    if not late and not making:
        return []
    w, names = WORDS[lang], STATUS[lang]
    explained = {h.target.id for h in short}
    text = w["rules"].format(**rules(b)).replace("<b>", "**").replace("</b>", "**")
    blocks: list[Text | Table] = [Text(text, "note", marked=True)]
    if late:
        columns = (Column(w["id"], width=0.6), Column(w["label"], width=2),
                   Column(w["status"], width=0.8), Column(w["projection"], width=5))
        rows = []
        for h in late:
            sentence = projection_sentence(h, lang, b.plan.grading.approx_tolerance)
            if h.target.id in explained:
                sentence += why(h, lang, b)
            rows.append(Row((Cell(h.target.id), Cell(h.target.label),
                             Cell(names[h.standing.status], status=h.standing.status),
                             Cell(sentence)), key=h.target.id))
        blocks.append(Table("behind-pace", columns, tuple(rows)))
    if making:
        blocks.append(Text(w["flag_making"].format(ids=" ".join(h.target.id for h in making))))
    return [Part("behind-pace", w["behind"].format(n=len(late)), tuple(blocks))]


def _pair(c: Scorecard, s: Status) -> str:
    return f"{c.lead[s]}/{c.shared[s]}" if c.lead[s] or c.shared[s] else "·"


def _departments(b: Bulletin, lang: str) -> Part:
    w, names = WORDS[lang], STATUS[lang]
    columns = (Column(w["department"], width=2), Column(w["lead"], num=True, width=0.6),
               Column(w["shared"], num=True, width=0.6),
               Column(w["behind_share"], num=True, width=0.9),
               *(Column(names[s], num=True, width=0.8) for s in SEVERITY),
               Column(w["spread"], html_only=True, name="spread"))
    rows = tuple(Row((Cell(c.name), Cell(str(c.lead_total)), Cell(str(c.shared_total)),
                      Cell(behind_cell(c)), *(Cell(_pair(c, s)) for s in SEVERITY),
                      Cell("", visual="spread")), key=c.name)
                 for c in b.departments if not c.collective)
    blocks: list[Text | Table] = [Text(w["departments_note"], "note"),
                                  Table("departments", columns, rows),
                                  Text(w["ranking_rule"], "note")]
    # a collective name (各镇、街道) owes no figure of its own: ranked, it would top the table
    collective = [c.name for c in b.departments if c.collective]
    if collective:
        blocks.append(Text(w["not_ranked"].format(names=w["items_sep"].join(collective)), "note"))
    return Part("departments", w["departments"], tuple(blocks))


def _targets(b: Bulletin, lang: str) -> Part:
    w, names = WORDS[lang], STATUS[lang]
    columns = (Column(w["id"], name="id"), Column(w["label"], name="label"),
               Column(w["actual"], num=True, name="actual"),
               Column(w["progress"], html_only=True, name="bar"),
               Column(w["done"], num=True, name="pct"), Column(w["pace"], num=True, name="pct"),
               Column(w["status"], name="st"), Column(w["trend"], name="trend"))
    blocks: list[Text | Heading | Table] = [Text(w["targets_note"], "note")]
    current: int | None = None
    rows: list[Row] = []

    def close() -> None:
        if rows:
            blocks.append(Table("targets", columns, tuple(rows)))
            rows.clear()

    for h in b.targets:
        if h.task.section != current:
            close()
            current = h.task.section
            blocks.append(Heading(section_heading(b.plan, current)))
        s = h.standing
        done, pace = done_and_pace(s, lang)
        rows.append(Row((Cell(h.target.id), Cell(h.target.label), Cell(actual_of_target(s)),
                         Cell("", visual="progress"), Cell(done), Cell(pace),
                         Cell(names[s.status], status=s.status),
                         Cell(h.sparkline or "—", visual="trend")),
                        key=h.target.id, kind="target"))
    close()
    return Part("targets", w["targets"], tuple(blocks), brief=False)


def _state(t: TaskStanding, lang: str) -> str:
    w = WORDS[lang]
    return f"{state_label(t.state, lang)}{w['open']}{t.state_date}{w['close']}" if t.state else "—"


def _tasks(b: Bulletin, lang: str) -> list[Part]:
    if not b.tasks:
        return []
    w, names = WORDS[lang], STATUS[lang]
    columns = (Column(w["task"], width=0.7), Column(w["name"], width=3),
               Column(w["status"], width=0.8), Column(w["reported"], width=1.4),
               Column(w["note"], width=2))
    rows = tuple(Row((Cell(str(t.task.number)), Cell(t.task.title),
                      Cell(names[t.status], status=t.status), Cell(_state(t, lang)),
                      Cell(_note(b, str(t.task.number))))) for t in b.tasks)
    return [Part("tasks", w["tasks"], (Table("tasks", columns, rows),))]
