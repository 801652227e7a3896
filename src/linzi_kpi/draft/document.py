"""The structure of a work-plan document: its metadata, sections and numbered tasks. Pure.

A document of this genre is a notice (issuer, 文号, date, title) followed by the plan: section
headings ``一、…`` (or ``第一部分 …``) and one paragraph per task opening with its number
(``1.`` ``1．`` ``1、`` ``(1)``). Each part found is kept with why it was guessed, so that the
draft can say so to its reviewer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..i18n import N_, _
from ..numbering import opening, restarted
from .bounds import NOTES_KEPT, TASK_VALUES, check_numbers, check_paragraph, check_values
from .departments import (
    FIRST_LEADS,
    LABEL_START,
    Roles,
    looks_like_departments,
    looks_like_person,
)
from .goals import Blocks, Head, inline, take
from .headings import carries_goals, heading_of, section_heading
from .metadata import Found
from .metadata import read as read_metadata
from .past import Passage, mask, notice_year
from .past import notes as past_notes
from .table import GUESSED_COLUMNS, HEADER_WORDS, Column
from .table import cells as _cells
from .table import header as _header
from .targets import count_numbers, has_target
from .written_dates import is_when

#: What ``kpi draft`` looked for when it finds no task: said in its error message.
TASK_FORMS = N_("paragraphs opening with a task number (1. 1． 1、 (1) （1） （一） or a table "
                "row's number) or holding a number with a unit")

@dataclass
class Section:
    number: int
    title: str
    heading: str  # the line as written


@dataclass
class Paragraph:
    """A numbered task's paragraph: its number, section, verbatim text and where it starts."""

    number: int
    section: int
    text: str
    body_start: int  # where the words after the number start
    body_end: int | None = None  # where its own words end, when its layout says (a table row)
    roles: Roles | None = None  # the departments its table row's cells name
    deadline: str = ""  # its 完成时限 cell, as written
    group: tuple[int, int] = (0, 0)  # its section and the （一） heading it stands under (0: none)
    title: str | None = None  # its title where its words do not open with it (``goals``)
    notes: list[str] = field(default_factory=list)  # for its reviewer


@dataclass
class Document:
    text: str
    title: Found[str] = field(default_factory=Found)
    issuer: Found[str] = field(default_factory=Found)
    document_number: Found[str] = field(default_factory=Found)
    issued: Found[dt.date] = field(default_factory=Found)
    year: Found[int] = field(default_factory=Found)
    sections: list[Section] = field(default_factory=list)
    tasks: list[Paragraph] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # about the document as a whole
    form: str = ""  # the numbering the tasks were recognised by (numbering.FORMS), "" for none
    first_leads: bool = False  # the document says the first name of a list leads
    restart: bool = False  # numbering starts again in every section
    restart_sub: bool = False  # … and under every （一） heading within a section
    columns: list[Column] | None = None  # a table's columns after the task's words
    numbers: int = 0  # the numbers read in paragraphs found to be no task (``bounds``)
    past: list[Passage] = field(default_factory=list)  # looked back on, not drafted


def _lines(text: str) -> list[str]:
    return [line.removesuffix("\r") for line in text.split("\n")]


#: How deep each numbering sits: a line of a shallower form closes a task, a deeper one is part
#: of it.
_DEPTH = {"chinese": 1, "dotted": 2, "paren": 3, "row": 2}


@dataclass
class _Open:
    """A task being read: its lines so far and what its number says."""

    number: int
    form: str
    section: int
    new_section: bool  # a section heading came since the task before
    lines: list[str]
    blank: int = 0  # blank lines held back: department lines may follow them
    sub: int = 0  # the （一） heading it stands under within its section, 0 when none
    new_sub: bool = False  # a （一） heading came since the task before


def _classify(stripped: str) -> tuple[str, tuple[int, int, str] | None]:
    if not stripped:
        return "blank", None
    if section_heading(stripped) is not None:
        return "heading", None
    if carries_goals(stripped):  # 一、主要预期目标：全区…
        return "heading", None
    if LABEL_START.match(stripped):
        return "label", None
    found = opening(stripped)
    if found is not None and found[1] < len(stripped):
        return "opening", found
    return "text", None


def _choose(counts: Counter[str], table: bool) -> str:
    """Which form numbers the tasks: the deepest numbering in use (1. over （一）, a table's
    rows where a header row names its columns)."""
    if table and counts["row"]:
        return "row"
    for form in ("dotted", "paren", "chinese"):
        if counts[form] >= 2:
            return form
    if counts["row"] >= 3:
        return "row"
    best = max(("dotted", "paren", "chinese"), key=lambda f: counts[f])
    return best if counts[best] else ""


def _cell_like(text: str) -> bool:
    """A line that can only be a table's trailing cell: departments, a person, a deadline."""
    return looks_like_departments(text) or looks_like_person(text) or is_when(text)


def _row_done(lines: list[str], columns: list[Column]) -> bool:
    """Whether a row parted by tabs holds all its cells, the last a department, person or
    deadline cell (a line after it that is no such cell is no part of it)."""
    last = columns[-1]
    return last.role != "other" and "\t".join(lines).count("\t") >= last.index - 1


def _number_lines_open_rows(lines: list[str], kinds: list[tuple[str, tuple[int, int, str] | None]]
                            ) -> None:
    """In a table whose cells are lines of their own, a line holding only a number opens a row
    when words follow on the next line."""
    for i, line in enumerate(lines[:-1]):
        stripped = line.strip()
        if re.fullmatch("[0-9]{1,3}", stripped) and kinds[i + 1][0] == "text" and opening(
                stripped + "\n" + lines[i + 1].strip()) is not None:
            kinds[i] = ("opening", (int(stripped), len(stripped), "row"))


#: A document wrapped at a fixed width (text taken from a PDF: 28 characters a line in an
#: official document) has at least this many full lines, and this share of its lines full.
_WRAPPED_LINES, _WRAPPED_SHARE = 5, 0.4
#: … and at least this share of its full lines runs on into the next.
_WRAPPED_JOINED = 0.5
_ENDS = "。；;！？!?：:）)」”》"


def unwrap(text: str) -> tuple[str, int | None]:
    """A text whose lines were wrapped at a fixed width, with each paragraph on one line again,
    and the width; the text as it was and None when it was not wrapped. A line joins the next
    when it is full and does not end a sentence, and the next opens no task, heading or
    department line. Lines holding a tab (a table's rows) are left as they are."""
    lines = _lines(text)
    lengths = Counter(len(line.strip()) for line in lines
                      if len(line.strip()) >= 15 and "\t" not in line)
    if not lengths:
        return text, None
    width = lengths.most_common(1)[0][0]

    def full(line: str) -> bool:
        stripped = line.strip()
        return len(stripped) >= width - 1 and "\t" not in line and stripped[-1] not in _ENDS

    count = sum(1 for line in lines if full(line))
    if count < _WRAPPED_LINES or count < _WRAPPED_SHARE * sum(lengths.values()):
        return text, None
    out: list[str] = []
    joining = False
    joins = 0
    for line in lines:
        stripped = line.strip()
        if joining and stripped and section_heading(stripped) is None \
                and opening(stripped) is None and not LABEL_START.match(stripped):
            out[-1] += stripped
            joins += 1
        else:
            out.append(line)
        joining = full(out[-1])
    # full lines that run on into no next line are short lines of one length (责任单位：… /
    # 完成时限：2024年12月底前 under each item), not a page's width
    if joins < _WRAPPED_JOINED * count:
        return text, None
    return "\n".join(out), width


def read(text: str) -> Document:
    """The document's parts. Tasks are paragraphs opening with a number of the form the
    document numbers its tasks with; a paragraph runs on over the lines that follow it until a
    blank line, a heading or the next task, and takes in the department lines after it."""
    doc = Document(text)
    # the passages looking back on past work are spaces from here on (``past``)
    lines, doc.past, doc.numbers = mask(_lines(text), notice_year(_lines(text)))
    kinds = [_classify(line.strip()) for line in lines]
    counts: Counter[str] = Counter(k[1][2] for k in kinds if k[1] is not None)
    columns = None
    for i, line in enumerate(lines):
        if line.strip():
            columns = _header(line.strip())
            if columns is None and line.strip() in HEADER_WORDS:
                # a table whose cells are lines of their own: 序号 / 工作任务 / 牵头单位 / …
                cells = [c.strip() for c in lines[i:i + 12]]
                run = next((n for n, c in enumerate(cells) if not c or len(c) > 10
                            or re.search("[。:：0-9]", c)), len(cells))
                columns = _header("\t".join(cells[:run])) if run >= 3 else None
                if columns is not None:
                    _number_lines_open_rows(lines, kinds)
                    counts = Counter(k[1][2] for k in kinds if k[1] is not None)
            if columns is not None:
                break
    form = _choose(counts, columns is not None)
    doc.form = form
    # a table's rows, then numbered paragraphs under a later heading that go on with its numbers
    # (一、主要指标 as a table; 二、重点任务 8. 9. …): those paragraphs are tasks too
    after_table = "dotted" if form == "row" and counts["dotted"] >= 2 else None
    if form == "row" and columns is None:
        columns = GUESSED_COLUMNS
    doc.columns = columns
    doc.first_leads = FIRST_LEADS.search(text) is not None
    #: without 一、 headings, a shallower numbering (（一） over 1.) makes the sections
    sub_sections = not any(kind == "heading" for kind, _ in kinds)
    found: list[_Open] = []
    section = 0
    since_heading = False
    sub, since_sub = 0, False
    current: _Open | None = None
    # unnumbered paragraphs before a section's first task (-1: the preamble), for ``goals``
    blocks, leading, heads = Blocks(), True, list[Head]()
    for i, (line, (kind, op)) in enumerate(zip(lines, kinds, strict=True)):
        stripped = line.strip()
        if kind == "blank":
            if current is not None:
                current.blank += 1
            continue
        if current is not None and current.blank and kind != "label" and not (
                form == "row" and kind == "text" and _cell_like(stripped)):
            current = None  # (an empty cell of a table is a blank line: the row goes on)
        if current is not None and form == "row" and kind == "text" and columns and _row_done(
                current.lines, columns) and "\t" not in stripped and not _cell_like(stripped):
            current = None  # the table has ended: 附件：… or the page's foot after its last row
        if kind == "heading":
            current = None
            heading, carried = heading_of(stripped)
            section = heading[0]
            since_heading = leading = True
            sub = 0
            doc.sections.append(Section(heading[0], heading[1], stripped[:carried or None]))
            heads.append(Head(heading[0], heading[1], doc.sections[-1].heading))
            if carried:
                blocks.add(len(heads) - 1, i, False, lines)
        elif kind == "opening" and op is not None and (op[2] == form or op[2] == after_table and (
                since_heading or current is None or current.form == op[2]) and found and (
                op[0] > found[-1].number)):
            current = _Open(op[0], op[2], max(section, 1), since_heading, [stripped], sub=sub,
                            new_sub=since_sub)
            found.append(current)
            since_heading = since_sub = leading = False
        elif kind == "opening" and op is not None and _DEPTH.get(op[2], 9) < _DEPTH.get(form, 0) \
                and op[2] != "row":
            current = None  # a heading of a level between the section and the task: （一）…
            sub, since_sub = op[0], True
            on_line = inline(stripped[op[1]:])  # （一）主要预期目标。地区生产总值…
            title = on_line[0] if on_line else stripped[op[1]:].strip().rstrip("。")
            written = stripped[:op[1] + on_line[1] - 1] if on_line else stripped
            leading = bool(doc.sections) and since_heading  # (before the section's first task)
            if sub_sections and op[0] > section:
                section = op[0]
                since_heading = leading = True
                doc.sections.append(Section(op[0], title or stripped, stripped))
                heads.append(Head(op[0], title or stripped, written))
            elif leading:
                heads.append(Head(section, title or stripped, written, op[0]))
            if leading and on_line:
                blocks.add(len(heads) - 1, i, False, lines)
        elif current is not None:
            current.lines += [""] * current.blank + [line.rstrip()]
            current.blank = 0
        elif leading and kind in ("text", "label"):
            blocks.add(len(heads) - 1, i, kind == "label", lines)
    pairs = list(zip(found, found[1:], strict=False))
    doc.restart = any(t.new_section and t.number <= p.number for p, t in pairs)
    # 1. 2. again under every （一） within a section: section × 10000 + （一） × 100 + item
    doc.restart_sub = any(t.new_sub and not t.new_section and t.number <= p.number
                          for p, t in pairs)
    doc.restart = doc.restart or doc.restart_sub
    last = 0
    group = (0, 0)
    left_out = 0
    for task in found:
        joined = "\n".join(task.lines).rstrip()
        here = (task.section, task.sub if doc.restart_sub else 0)
        if doc.restart and here != group:
            last, group = 0, here
        if task.number <= last:
            left_out += 1
            if left_out > NOTES_KEPT:
                continue
            doc.notes.append((_("a paragraph opening with the number {number} after task {last} "
                                "was left out: task numbers must increase through the section")
                              if doc.restart else
                              _("a paragraph opening with the number {number} after task {last} "
                                "was left out: task numbers must increase through the document"))
                             .format(number=task.number, last=last))
            continue
        last = task.number
        check_paragraph(joined)
        op = opening(joined)
        if op is None:  # (a number alone on a line whose next line opens no row's words)
            continue
        number = (restarted(task.section, task.number, task.sub if doc.restart_sub else None)
                  if doc.restart else task.number)
        paragraph = Paragraph(number, task.section, joined, op[1], group=(task.section, task.sub))
        if columns and task.form == form and (form == "row" or columns is not GUESSED_COLUMNS):
            paragraph.body_end, paragraph.roles, paragraph.deadline = _cells(joined, op[1], columns)
        doc.tasks.append(paragraph)
        check_values(len(doc.tasks) * TASK_VALUES)
    if left_out > NOTES_KEPT:
        doc.notes.append(_("{count} more paragraphs opening with a number no greater than the "
                           "task's before them were left out").format(count=left_out - NOTES_KEPT))
    if not doc.tasks:
        doc.form = ""
        doc.sections = []  # its headings may be the tasks themselves: one section for all
        _unnumbered(doc, lines)
    if doc.tasks and not doc.sections:
        doc.notes.append(_("no section headings (一、…) were found: every task is in section 1"))
    first_task = doc.text.find(doc.tasks[0].text) if doc.tasks else -1
    if doc.past:  # (the notice is before the first review too)
        review = sum(len(line) + 1 for line in lines[:doc.past[0].first])
        first_task = review if first_task < 0 else min(first_task, review)
    last_task = doc.text.rfind(doc.tasks[-1].text) if doc.tasks else -1
    last_task += len(doc.tasks[-1].text) if last_task >= 0 else 0
    meta = read_metadata(doc.text[:first_task if first_task >= 0 else None], "\n".join(lines),
                         frozenset(p.year for p in doc.past if p.year),
                         doc.text[last_task:] if last_task >= 0 else "")
    doc.title, doc.issuer, doc.document_number = meta.title, meta.issuer, meta.document_number
    doc.issued, doc.year = meta.issued, meta.year
    doc.notes[:0] = past_notes(doc.past)
    doc.notes += meta.notes
    if doc.tasks and doc.form:
        _goals(doc, heads, blocks, lines)
    return doc


def _goals(doc: Document, heads: list[Head], blocks: Blocks, lines: list[str]
           ) -> None:
    """The goals paragraphs before the numbered tasks, each a task of its own (``goals``)."""
    taken, notes = take(doc.text, heads, [(t.number, t.section) for t in doc.tasks],
                              (doc.restart, doc.restart_sub), blocks, lines)
    for goal in reversed(taken):  # (each goes before the tasks counted without the others)
        doc.tasks.insert(goal.at, Paragraph(goal.number, goal.section, goal.text, goal.body,
                                            group=(goal.section, goal.sub), title=goal.title,
                                            notes=[goal.note]))
    doc.notes += notes


def _unnumbered(doc: Document, lines: list[str]) -> None:
    """No numbering recognised: every paragraph holding a number with a unit is a task to
    review, numbered 1, 2, 3 … in the order of the document. A line that does not end a
    sentence runs on into the next (text wrapped at a fixed width)."""
    table = doc.columns is not None and doc.columns is not GUESSED_COLUMNS
    for joined in _paragraphs(lines, table):
        check_paragraph(joined)
        if has_target(joined):
            task = Paragraph(len(doc.tasks) + 1, 1, joined, 0)
            if table and doc.columns:
                task.body_end, task.roles, task.deadline = _cells(joined, 0, doc.columns)
            doc.tasks.append(task)
            check_values(len(doc.tasks) * TASK_VALUES)
        else:
            doc.numbers += count_numbers(joined)
            check_numbers(doc.numbers)


def _paragraphs(lines: list[str], table: bool) -> Iterator[str]:
    """The paragraphs of an unnumbered document, one at a time."""
    paragraph: list[str] = []
    ended = True
    for line in lines:
        stripped = line.strip()
        if not stripped:
            ended = True
            continue
        if ended or section_heading(stripped) is not None:
            if paragraph:
                yield "\n".join(paragraph)
            paragraph = [stripped]
        else:
            paragraph.append(line.rstrip())
        # under a table's header row, each line is a row (its number may be Word's, not text)
        ended = table or stripped[-1] in "。；;！？!?：:" or section_heading(stripped) is not None
    if paragraph:
        yield "\n".join(paragraph)
