"""A document's parts → the draft of a plan, and its text as ``tasks.yaml``. Pure.

The draft is written to be read beside the source: every task and target carries
``review: draft``, every target its verbatim quote, and every guess a short comment saying why.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

from ..i18n import N_, _, pgettext
from ..model import Grading
from ..numbering import RESTART_BASE, restarted
from ..render.standing import section_number
from ..values import format_number
from ..yamlio import MAX_NODES
from .bounds import TARGET_VALUES, TASK_VALUES, check_numbers, check_values, too_many_values
from .deadlines import said_period_end
from .departments import LABEL_START, Roles, first_leads, is_collective, locate, same_departments
from .document import Document, Paragraph
from .past import header as past_header
from .targets import Candidate, Note, Skipped, TooMany, deadline_note
from .targets import find as find_targets
from .written_dates import deadline_of

PLACEHOLDER = "未找到"


@dataclass
class DraftTask:
    number: int
    section: int
    title: str
    text: str
    roles: Roles
    # (the classes by their own names: in this body ``targets`` is the field above)
    targets: list[Candidate]
    skipped: list[Skipped]


@dataclass
class Draft:
    doc: Document
    source: str  # relative to the plan file
    year: int
    tasks: list[DraftTask]
    notes: list[str] = field(default_factory=list)

    @property
    def target_count(self) -> int:
        return sum(len(t.targets) for t in self.tasks)

    def departments(self) -> list[str]:
        """Every department name the tasks give, once each, in the order first named."""
        seen: dict[str, None] = {}
        for task in self.tasks:
            for name in task.roles.lead + task.roles.responsible:
                seen.setdefault(name, None)
        return list(seen)

    def units(self) -> list[str]:
        seen: dict[str, None] = {}
        for task in self.tasks:
            for cand in task.targets:
                seen.setdefault(cand.unit, None)
        return list(seen)


#: A line break that ends a title: after words, not after a clause's mark (a cell's words
#: wrapped over lines, 新增农村公路改造60公里，/ 建成…, keep the title as the text has it).
_TITLE_LINE_END = re.compile(r"(?<![，,、；;：:])[ \t\u3000]*\n")


def _title(text: str, start: int, end: int) -> str:
    """The words between the number and the first 。 (or the whole body when it has none), to
    the end of the line when it ends without a mark: an item heading's line (（二）2024年主要预期
    目标) is its title, never the paragraph under it. A title opens its task's text."""
    stop = text.find("。", start, end)
    words = _TITLE_LINE_END.split(text[start:stop if stop != -1 else end].strip(), maxsplit=1)[0]
    return words.strip() or text[start:end]


#: The plan year written where the document names none: a placeholder, never the clock's year.
PLACEHOLDER_YEAR = 2000


#: How the tasks are numbered, by ``Document.form``: the first line of the layout.
_FORMS = {"dotted": N_("tasks: paragraphs numbered 1. 1、, {count} tasks"),
          "paren": N_("tasks: paragraphs numbered (1) （1）, {count} tasks"),
          "chinese": N_("tasks: items numbered （一） (二), {count} tasks"),
          "row": N_("tasks: rows of a flattened table, {count} rows")}


def layout(doc: Document) -> list[str]:
    """What the draft recognised of the document's layout, in a few lines for its header."""
    count = len(doc.tasks)
    if not doc.form:
        out = [_("tasks: no numbering recognised: each paragraph holding a number with a unit is "
                 "a task to review, {count} paragraphs").format(count=count)]
    else:
        out = [_(_FORMS[doc.form]).format(count=count)]
    if doc.restart_sub:
        out.append(_("numbering: starts again under every （一） heading: a task's number is "
                     "(section × {base} + heading) × {base} + its item (一、（二）3. → "
                     "{example})").format(base=RESTART_BASE, example=restarted(1, 3, 2)))
    elif doc.restart:
        out.append(_("numbering: starts again in every section: a task's number is section × "
                     "{base} + its item (二、3. → {example})").format(
                         base=RESTART_BASE, example=restarted(2, 3)))
    by_cells = any(p.roles is not None and (p.roles.lead or p.roles.responsible or p.deadline)
                   for p in doc.tasks)
    if doc.columns is not None and by_cells:
        def columns(roles: tuple[str, ...]) -> str:
            named = [(_("column {n} ({name})").format(n=c.index, name=c.name) if c.name
                      else _("column {n}").format(n=c.index))
                     for c in doc.columns or () if c.role in roles]
            # TRANSLATORS: between the columns of a list: "column 3 and column 4"
            return pgettext("list", " and ").join(named) or pgettext("columns", "none")

        found = (_("departments: {departments}; deadlines: {deadlines}")
                 if any(c.name for c in doc.columns) else
                 _("departments: {departments}; deadlines: {deadlines} (no header row: guessed)"))
        out.append(found.format(departments=columns(("lead", "responsible")),
                                deadlines=columns(("deadline",))))
    elif doc.form:
        lines = sum(1 for p in doc.tasks if "\n牵头" in p.text or "\n责任" in p.text
                    or "\n配合" in p.text)
        out.append(_("departments: lines of their own after the task (牵头单位：…), {lines} tasks; "
                     "otherwise the bracket that ends the task").format(lines=lines) if lines
                   else _("departments: the bracket that ends each task"))
    out += past_header(doc.past)
    return out


def _group_departments(located: list[tuple[Paragraph, int, Roles]]) -> None:
    """（一）… 1.… 2.… 牵头单位：…: where department lines follow only the last task under a
    （一） heading, they name the departments of each of its tasks."""
    groups: dict[tuple[int, int], list[int]] = {}
    for i, (p, _end, _roles) in enumerate(located):
        if p.group[1]:
            groups.setdefault(p.group, []).append(i)
    for members in groups.values():
        last = located[members[-1]][2]
        if len(members) < 2 or not (last.lead or last.responsible) \
                or not LABEL_START.match(last.clause):
            continue
        if any(located[i][2].lead or located[i][2].responsible for i in members[:-1]):
            continue
        for i in members[:-1]:
            p, end, roles = located[i]
            roles.lead, roles.responsible = list(last.lead), list(last.responsible)
            roles.deadline = roles.deadline or last.deadline
            roles.notes = [_("the departments named after task {number}, the last under the "
                             "same heading, are taken for this task too").format(
                                 number=located[members[-1]][0].number)]


def build(doc: Document, source: str, today: dt.date) -> Draft:
    """The draft of ``doc``. ``today`` is not the plan's year: that comes from the document."""
    notes = list(doc.notes)
    year = doc.year.value
    if not isinstance(year, int):
        year = PLACEHOLDER_YEAR
        notes.append(_("no year found in the document: the period says {year}, a placeholder; "
                       "write the plan's year").format(year=year))
    if not doc.form:
        notes.append(_("no numbering recognised: each paragraph holding a number with a unit is "
                       "a task to review"))
    elif doc.restart_sub:
        notes.append(_("numbering starts again under every （一） heading: task numbers are "
                       "(section × {base} + heading) × {base} + item").format(base=RESTART_BASE))
    elif doc.restart:
        notes.append(_("numbering starts again in every section: task numbers are section × "
                       "{base} + item").format(base=RESTART_BASE))
    located = []
    for p in doc.tasks:
        cells = p.roles
        if cells is not None and p.body_end is not None and (
                cells.lead or cells.responsible or p.deadline):
            end, roles = p.body_end, cells
        else:
            end, roles = locate(p.text, p.body_start)
        if doc.first_leads:
            roles = first_leads(roles)
        roles.notes += p.notes
        located.append((p, end, roles))
    _group_departments(located)
    tasks = []
    # the plan's values counted from below as targets are found, and the numbers read: a
    # document past either is refused before more is built (``bounds``)
    values, numbers = len(located) * TASK_VALUES, doc.numbers
    for p, end, roles in located:
        try:
            found, skipped = find_targets(p.text, (p.body_start, end), year,
                                          limit=(MAX_NODES - values) // TARGET_VALUES)
        except TooMany:
            raise too_many_values() from None
        values += len(found) * TARGET_VALUES
        numbers += len(found) + len(skipped)
        check_values(values)
        check_numbers(numbers)
        task_when = p.deadline or roles.deadline
        for cand in found:
            when, note = _row_when(task_when, p.text, p.body_start, cand.position, year)
            deadline = deadline_of(when, year) if when else None
            if cand.deadline is None and when and said_period_end(cand.notes):
                # 年底前 / 全年 in its sentence wins over the task's earlier 完成时限
                cand.deadline = dt.date(year, 12, 31) if deadline else None
            elif cand.deadline is None and when:
                cand.deadline = deadline
                cand.notes.append(deadline_note(note if deadline else
                                                _("{when}: the period end").format(when=when)))
        tasks.append(DraftTask(p.number, p.section, p.title or _title(p.text, p.body_start, end),
                               p.text,
                               roles, found, skipped))
    missing = (
        (doc.title, N_("no title found in the document: tasks.yaml says {says}; write it in")),
        (doc.issuer, N_("no issuer found in the document: tasks.yaml says {says}; write it in")),
        (doc.document_number, N_("no document number found in the document: tasks.yaml says "
                                 "{says}; write it in")),
        (doc.issued, N_("no issue date found in the document: tasks.yaml says {says}; write it "
                        "in")))
    for part, note in missing:
        if part.value is None:
            says = f"{year}-01-01" if part is doc.issued else PLACEHOLDER
            notes.append(_(note).format(says=says))
    return Draft(doc, source, year, tasks, notes)


def _row_when(when: str, text: str, start: int, at: int, year: int) -> tuple[str, str]:
    """The 完成时限 of the target at ``at`` and the note that says where it is from: the task's;
    of a task whose rows (a merged 序号) each have one, a line each, the one on the line of the
    target's row in the task's words (a line a row); where the lines do not pair up, the latest."""
    if "\n" not in when:
        return when, _("{when}, the task's 完成时限").format(when=when)
    lines = when.split("\n")
    cell_end = text.find("\t", at)  # the end of the task's words, a line a row
    words = text[start:cell_end if cell_end != -1 else len(text)]
    if words.count("\n") + 1 == len(lines):
        row = lines[text.count("\n", start, at)]
        return row, _("{when}, the 完成时限 of its row").format(when=row)
    latest = max((deadline_of(w, year) or dt.date(year, 12, 31), w) for w in lines)[1]
    return latest, _("{written}: the task's rows have 完成时限 of their own, not one a row; the "
                     "latest is taken").format(written="、".join(lines))


# ------------------------------------------------------------------ the YAML text


def q(text: str) -> str:
    """A double-quoted YAML scalar (JSON's escapes are YAML's); line separators escaped."""
    return json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _list(items: list[str]) -> str:
    return "[" + ", ".join(q(i) for i in items) + "]"


def _comment(text: str) -> str:
    return " ".join(text.split())


def _lines(text: str) -> list[str]:
    """A comment of several lines (an empty one: ``#`` alone), each line as YAML writes it."""
    return [f"# {line}".rstrip() for line in text.split("\n")]


#: The header's line when the document names no year.
NO_YEAR_REVIEW = N_("REVIEW: the document names no year: the period below is a placeholder; "
                    "write the plan's year.")


def render(draft: Draft, source_display: str) -> str:
    doc, year = draft.doc, draft.year
    g = Grading()
    title = doc.title.value or PLACEHOLDER
    issued = doc.issued.value if isinstance(doc.issued.value, dt.date) else dt.date(year, 1, 1)
    def unless_found(part: object, comment: str) -> str:
        return f"  # {_(comment)}" if part is None else ""

    out = [
        *_lines(_("A DRAFT drafted by `kpi draft` from {source}: nothing here is checked yet.\n"
                  "Every part marked `review: draft` is a guess to check against source/ beside "
                  "this file:\ncorrect it, then delete its review line. `kpi validate` lists "
                  "what is left to review.\nComments (#) say why each guess was made; delete "
                  "them as you go.\n\nThe layout recognised in the document:").format(
                      source=source_display)),
        *(f"#   {line}" for line in layout(doc)),
        *([f"# {_comment(_(NO_YEAR_REVIEW))}"] if doc.year.value is None else []),
        "",
        "plan:",
        f"  title: {q(title)}" + unless_found(doc.title.value,
                                              N_("not found: write the document's title")),
        f"  issuer: {q(doc.issuer.value or PLACEHOLDER)}"
        + unless_found(doc.issuer.value, N_("not found: write the issuing office")),
        f"  document_number: {q(doc.document_number.value or PLACEHOLDER)}"
        + unless_found(doc.document_number.value, N_("not found: write the 文号")),
        f"  issued: {issued.isoformat()}"
        + unless_found(doc.issued.value, N_("not found: write the issue date")),
        f"  period_start: {year}-01-01  # "
        + (_("the plan year, from {why}").format(why=doc.year.why) if doc.year.why else
           _("the plan year, from nothing: the document names no year; write it")),
        f"  period_end: {year}-12-31",
        f"  source: {q(draft.source)}",
        "  review: draft",
        "",
        "# " + _("Grading against 序时进度, in points behind it: the defaults of kpi."),
        "grading:",
        f"  at_risk_gap: {g.at_risk_gap}",
        f"  off_track_gap: {g.off_track_gap}",
        f"  approx_tolerance: {g.approx_tolerance}",
        "",
        "# " + _("The units the targets below use, as written."),
        f"units: {_list(draft.units() or ['个'])}",
        "",
        *_lines(_("Every department name the tasks give, as written. Give one name per "
                  "department and list\nits other spellings under `aliases:`; collective names "
                  "stand for a group of units.")),
        "departments:",
    ]
    names = draft.departments()
    alias = same_departments(names)
    aliases: dict[str, list[str]] = {}
    for short, long in alias.items():
        aliases.setdefault(long, []).append(short)
    written: set[str] = set()
    for name in (alias.get(n, n) for n in names):  # a name and its aliases where first named
        if name in written:
            continue
        written.add(name)
        out.append(f"  - name: {q(name)}")
        if name in aliases:
            out.append(f"    aliases: {_list(aliases[name])}  # " + _(
                "REVIEW: written two ways in the document? the same department is proposed; "
                "split them if not"))
        if is_collective(name):
            out.append("    collective: true  # " + _("guessed from its words (各, 有关, 成员单位): "
                                                      "a group of units"))
        if "等" in name:
            out.append("    # " + _("等: the document names this one and others; an alias of "
                                     "the first?"))
    if not names:
        out[-1] = "departments: []"
    out += ["", "sections:"]
    sections = doc.sections or []
    if sections:
        for s in sections:
            line = f"  - {{number: {s.number}, title: {q(s.title)}"
            if s.heading != f"{section_number(s.number)}、{s.title}":
                line += f", heading: {q(s.heading)}"
            out.append(line + "}")
    else:
        out.append(f"  - {{number: 1, title: {q(doc.title.value or '全部任务')}}}  # "
                   + _("the document has no section headings"))
    out += ["", "tasks:"]
    for task in draft.tasks:
        out += _task(task)
    out.append("")  # (the last line's end, without a copy of the whole text to add it)
    return "\n".join(out)


def _short(number: str) -> str:
    """A number not taken, as written, or its first digits when it runs on (1111…: no figure)."""
    return number if len(number) <= 24 else number[:20] + "…"


def _task(task: DraftTask) -> list[str]:
    out = [f"  - number: {task.number}", f"    section: {task.section}",
           f"    title: {q(task.title)}", f"    text: {q(task.text)}"]
    roles = task.roles
    for note in roles.notes:
        out.append(f"    # {_comment(note)}")
    if roles.lead:
        out.append(f"    lead: {_list(roles.lead)}")
    if roles.responsible:
        out.append(f"    responsible: {_list(roles.responsible)}")
    out.append("    review: draft")
    if task.skipped:
        # TRANSLATORS: between the numbers of a list of numbers not taken as targets
        shown = pgettext("list", "; ").join(_("{number} ({why})").format(number=_short(s.text),
                                                                         why=s.why)
                                            for s in task.skipped)
        out.append("    # " + _comment(_("numbers not taken as targets: {numbers}").format(
            numbers=shown)))
    if task.targets:
        out.append("    targets:")
    for n, c in enumerate(task.targets, start=1):
        why = {"comparator": "", "kind": "", "deadline": ""}
        others = []
        for note in c.notes:
            if isinstance(note, Note) and note.topic in why and not why[note.topic]:
                why[note.topic] = note.why
            else:
                others.append(note)
        out += [f"      - id: \"{task.number}.{n}\""]
        out += [f"        # {_comment(note)}" for note in others]
        out += [f"        label: {q(c.label)}", f"        quote: {q(c.quote)}",
                f"        target: {format_number(c.number)}", f"        unit: {q(c.unit)}",
                f"        comparator: {c.comparator.value}  # {_comment(why['comparator'])}",
                f"        kind: {c.kind.value}  # {_comment(why['kind'])}"]
        if c.deadline is not None:
            out.append(f"        deadline: {c.deadline.isoformat()}  # {_comment(why['deadline'])}")
        if c.stretch is not None:
            out.append(f"        stretch: {format_number(c.stretch)}  # "
                       + _("the upper end of the range"))
        out.append("        review: draft")
    out.append("")
    return out
