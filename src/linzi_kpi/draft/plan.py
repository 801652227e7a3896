"""A document's parts → the draft of a plan, and its text as ``tasks.yaml``. Pure.

The draft is written to be read beside the source: every task and target carries
``review: draft``, every target its verbatim quote, and every guess a short comment saying why.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from ..model import Grading
from ..numbering import RESTART_BASE, restarted
from ..render.standing import section_number
from ..values import format_number
from .departments import LABEL_START, Roles, first_leads, is_collective, locate, same_departments
from .document import Document, Paragraph
from .targets import Candidate, Skipped
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


def _title(text: str, start: int, end: int) -> str:
    """The words between the number and the first 。 (or the whole body when it has none)."""
    stop = text.find("。", start, end)
    return text[start:stop if stop != -1 else end].strip() or text[start:end]


#: The plan year written where the document names none: a placeholder, never the clock's year.
PLACEHOLDER_YEAR = 2000


def layout(doc: Document) -> list[str]:
    """What the draft recognised of the document's layout, in a few lines for its header."""
    forms = {"dotted": "paragraphs numbered 1. 1、", "paren": "paragraphs numbered (1) （1）",
             "chinese": "items numbered （一） (二)", "row": "rows of a flattened table"}
    count = len(doc.tasks)
    if not doc.form:
        out = ["tasks: no numbering recognised: each paragraph holding a number with a unit is "
               f"a task to review, {count} paragraphs"]
    else:
        out = [f"tasks: {forms[doc.form]}, {count} {'rows' if doc.form == 'row' else 'tasks'}"]
    if doc.restart_sub:
        out.append("numbering: starts again under every （一） heading: a task's number is "
                   f"(section × {RESTART_BASE} + heading) × {RESTART_BASE} + its item "
                   f"(一、（二）3. → {restarted(1, 3, 2)})")
    elif doc.restart:
        out.append("numbering: starts again in every section: a task's number is section × "
                   f"{RESTART_BASE} + its item (二、3. → {restarted(2, 3)})")
    by_cells = any(p.roles is not None and (p.roles.lead or p.roles.responsible or p.deadline)
                   for p in doc.tasks)
    if doc.columns is not None and by_cells:
        named = [(c.index, c) for c in doc.columns]
        depts = [f"column {n}{' (' + c.name + ')' if c.name else ''}" for n, c in named
                 if c.role in ("lead", "responsible")]
        when = [f"column {n}{' (' + c.name + ')' if c.name else ''}" for n, c in named
                if c.role == "deadline"]
        guessed = "" if any(c.name for c in doc.columns) else " (no header row: guessed)"
        out.append(f"departments: {' and '.join(depts) or 'none'}; deadlines: "
                   f"{' and '.join(when) or 'none'}{guessed}")
    elif doc.form:
        lines = sum(1 for p in doc.tasks if "\n牵头" in p.text or "\n责任" in p.text
                    or "\n配合" in p.text)
        out.append("departments: " + (f"lines of their own after the task (牵头单位：…), {lines} "
                                      "tasks; otherwise the bracket that ends the task" if lines
                                      else "the bracket that ends each task"))
    return out


def _group_departments(located: list[tuple[Paragraph, int, Roles]]) -> None:
    """（一）… 1.… 2.… 牵头单位：…: where department lines follow only the last task under a
    （一） heading, they name the departments of each of its tasks."""
    groups: dict[tuple[int, int], list[int]] = {}
    for i, (p, _, _) in enumerate(located):
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
            roles.notes = [f"the departments named after task {located[members[-1]][0].number}, "
                           "the last under the same heading, are taken for this task too"]


def build(doc: Document, source: str, today: dt.date) -> Draft:
    """The draft of ``doc``. ``today`` is not the plan's year: that comes from the document."""
    notes = list(doc.notes)
    year = doc.year.value
    if not isinstance(year, int):
        year = PLACEHOLDER_YEAR
        notes.append(f"no year found in the document: the period says {year}, a placeholder; "
                     "write the plan's year")
    if not doc.form:
        notes.append("no numbering recognised: each paragraph holding a number with a unit is "
                     "a task to review")
    elif doc.restart_sub:
        notes.append(f"numbering starts again under every （一） heading: task numbers are "
                     f"(section × {RESTART_BASE} + heading) × {RESTART_BASE} + item")
    elif doc.restart:
        notes.append(f"numbering starts again in every section: task numbers are section × "
                     f"{RESTART_BASE} + item")
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
        located.append((p, end, roles))
    _group_departments(located)
    tasks = []
    for p, end, roles in located:
        found, skipped = find_targets(p.text, (p.body_start, end), year)
        when = p.deadline or roles.deadline
        deadline = deadline_of(when, year) if when else None
        for cand in found:
            if cand.deadline is None and when:
                cand.deadline = deadline
                cand.notes.append(f"deadline: {when}, the task's 完成时限"
                                  if deadline else f"deadline: {when}: the period end")
        tasks.append(DraftTask(p.number, p.section, _title(p.text, p.body_start, end), p.text,
                               roles, found, skipped))
    for name, part in (("title", doc.title), ("issuer", doc.issuer),
                       ("document number", doc.document_number), ("issue date", doc.issued)):
        if part.value is None:
            says = f"{year}-01-01" if name == "issue date" else PLACEHOLDER
            notes.append(f"no {name} found in the document: tasks.yaml says {says}; write it in")
    return Draft(doc, source, year, tasks, notes)


# ------------------------------------------------------------------ the YAML text


def q(text: str) -> str:
    """A double-quoted YAML scalar (JSON's escapes are YAML's); line separators escaped."""
    return json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _list(items: list[str]) -> str:
    return "[" + ", ".join(q(i) for i in items) + "]"


def _comment(text: str) -> str:
    return " ".join(text.split())


def render(draft: Draft, source_display: str) -> str:
    doc, year = draft.doc, draft.year
    g = Grading()
    title = doc.title.value or PLACEHOLDER
    issued = doc.issued.value if isinstance(doc.issued.value, dt.date) else dt.date(year, 1, 1)
    out = [
        f"# A DRAFT drafted by `kpi draft` from {source_display}: nothing here is checked yet.",
        "# Every part marked `review: draft` is a guess to check against source/ beside this file:",
        "# correct it, then delete its review line. `kpi validate` lists what is left to review.",
        "# Comments (#) say why each guess was made; delete them as you go.",
        "#",
        "# The layout recognised in the document:",
        *(f"#   {line}" for line in layout(doc)),
        *(["# REVIEW: the document names no year: the period below is a placeholder; write the "
           "plan's year."] if doc.year.value is None else []),
        "",
        "plan:",
        f"  title: {q(title)}" + ("  # not found: write the document's title" if doc.title.value is None else ""),
        f"  issuer: {q(doc.issuer.value or PLACEHOLDER)}"
        + ("  # not found: write the issuing office" if doc.issuer.value is None else ""),
        f"  document_number: {q(doc.document_number.value or PLACEHOLDER)}"
        + ("  # not found: write the 文号" if doc.document_number.value is None else ""),
        f"  issued: {issued.isoformat()}"
        + ("  # not found: write the issue date" if doc.issued.value is None else ""),
        f"  period_start: {year}-01-01  # the plan year, from "
        + (doc.year.why or "nothing: the document names no year; write it"),
        f"  period_end: {year}-12-31",
        f"  source: {q(draft.source)}",
        "  review: draft",
        "",
        "# Grading against 序时进度, in points behind it: the defaults of kpi.",
        "grading:",
        f"  at_risk_gap: {g.at_risk_gap}",
        f"  off_track_gap: {g.off_track_gap}",
        f"  approx_tolerance: {g.approx_tolerance}",
        "",
        "# The units the targets below use, as written.",
        f"units: {_list(draft.units() or ['个'])}",
        "",
        "# Every department name the tasks give, as written. Give one name per department and list",
        "# its other spellings under `aliases:`; collective names stand for a group of units.",
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
            out.append(f"    aliases: {_list(aliases[name])}  # REVIEW: written two ways in the "
                       "document? the same department is proposed; split them if not")
        if is_collective(name):
            out.append("    collective: true  # guessed from its words (各, 有关, 成员单位): "
                       "a group of units")
        if "等" in name:
            out.append("    # 等: the document names this one and others; an alias of the first?")
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
        out.append(f"  - {{number: 1, title: {q(doc.title.value or '全部任务')}}}  "
                   "# the document has no section headings")
    out += ["", "tasks:"]
    for task in draft.tasks:
        out += _task(task)
    return "\n".join(out) + "\n"


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
        shown = "; ".join(f"{s.text} ({s.why})" for s in task.skipped)
        out.append(f"    # numbers not taken as targets: {_comment(shown)}")
    if task.targets:
        out.append("    targets:")
    for n, c in enumerate(task.targets, start=1):
        why = {"comparator": "", "kind": "", "deadline": ""}
        others = []
        for note in c.notes:
            head = note.split(" ", 1)[0].rstrip(":")
            if head in why and not why[head]:
                why[head] = note.split(" ", 1)[1]
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
            out.append(f"        stretch: {format_number(c.stretch)}  # the upper end of the range")
        out.append("        review: draft")
    out.append("")
    return out
