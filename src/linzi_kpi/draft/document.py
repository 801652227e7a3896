"""The structure of a work-plan document: its metadata, sections and numbered tasks. Pure.

A document of this genre is a notice (issuer, 文号, date, title) followed by the plan: section
headings ``一、…`` (or ``第一部分 …``) and one paragraph per task opening with its number
(``1.`` ``1．`` ``1、`` ``(1)``). Each part found is kept with why it was guessed, so that the
draft can say so to its reviewer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..dates import FIRST, LAST
from ..i18n import _
from ..numbering import CHINESE_NUMBER, chinese_number, task_opening

#: What ``kpi draft`` looked for when it finds no task: said in its error message.
TASK_FORMS = "paragraphs opening with a task number: 1. 1． 1、 (1) or （1）"

_SECTION = re.compile(rf"(?:第({CHINESE_NUMBER})(?:部分|章|篇)[ \t\u3000、，,：:]*"
                      rf"|({CHINESE_NUMBER})[、．.][ \t\u3000]*)(\S.*)")
#: A heading is short and is no sentence.
_HEADING_MAX = 40
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*([0-9]{4})\s*[〕\]］)）]\s*[0-9]{1,4}\s*号")
_DATE = re.compile(r"^\s*([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日\s*$")
_CN_DATE = re.compile(r"^\s*([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月"
                      r"([一二三四五六七八九十]{1,3})日\s*$")
_BOOK_TITLE = re.compile(r"《([^《》]{4,80})》")
_NOTICE = re.compile(r"关于印发(.{4,80}?)的通知")
_YEAR = re.compile(r"([0-9]{4})\s*年")
_ISSUER_END = re.compile(r"(人民政府|办公室|委员会|办公厅|管委会|管理委员会|领导小组)$")


_FIRST_YEAR, _LAST_YEAR = FIRST.year, LAST.year

T = TypeVar("T")


@dataclass
class Found(Generic[T]):
    """A value taken from the document, or None, and how it was found."""

    value: T | None = None
    why: str = ""


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


def _lines(text: str) -> list[str]:
    return [line.removesuffix("\r") for line in text.split("\n")]


def section_heading(line: str) -> tuple[int, str] | None:
    """``一、加快推进…`` → (1, ``加快推进…``); None for a line that is no section heading."""
    stripped = line.strip()
    if len(stripped) > _HEADING_MAX or "。" in stripped.rstrip("。"):
        return None
    found = _SECTION.fullmatch(stripped)
    if found is None:
        return None
    number = chinese_number(found.group(1) or found.group(2))
    title = found.group(3).strip().rstrip("。")
    return (number, title) if number and title else None


def read(text: str) -> Document:
    """The document's parts. Tasks are paragraphs opening with a number; a paragraph runs on
    over the lines that follow it until a blank line, a heading or the next task."""
    doc = Document(text)
    lines = _lines(text)
    section = 0
    current: list[str] | None = None
    last_number = 0

    def close() -> None:
        nonlocal current
        if current is not None:
            joined = "\n".join(current).rstrip()
            opening = task_opening(joined)
            assert opening is not None
            doc.tasks.append(Paragraph(opening[0], max(section, 1), joined, opening[1]))
        current = None

    for line in lines:
        stripped = line.strip()
        heading = section_heading(line) if stripped else None
        opening = task_opening(stripped) if stripped and heading is None else None
        if not stripped:
            close()
        elif heading is not None:
            close()
            number, title = heading
            section = number
            doc.sections.append(Section(number, title, stripped))
        elif opening is not None and opening[1] < len(stripped) and opening[0] > last_number:
            close()
            current = [stripped]
            last_number = opening[0]
        elif opening is not None and opening[1] < len(stripped):
            close()  # numbering starts again: kept out, and said
            doc.notes.append(f"a paragraph opening with the number {opening[0]} after task "
                             f"{last_number} was left out: task numbers must increase through "
                             "the document")
        elif current is not None:
            current.append(line.rstrip())
    close()
    if doc.tasks and not doc.sections:
        doc.notes.append("no section headings (一、…) were found: every task is in section 1")
    _metadata(doc, lines)
    return doc


def _metadata(doc: Document, lines: list[str]) -> None:
    first_task = doc.text.find(doc.tasks[0].text) if doc.tasks else len(doc.text)
    head = doc.text[:first_task]
    head_lines = [line.strip() for line in _lines(head) if line.strip()]

    found = _DOC_NUMBER.search(head)
    if found:
        doc.document_number = Found(found.group(0), "the 文号 in the notice")

    for line in head_lines:
        date = _DATE.match(line) or _CN_DATE.match(line)
        if date:
            issued = _to_date(*date.groups())
            if issued:
                doc.issued = Found(issued, "the date line that signs the notice")
                break

    title = _BOOK_TITLE.search(head) or _NOTICE.search(head)
    if title:
        doc.title = Found(title.group(1), "the name of the document the notice issues")
    else:
        # the last line before the first heading or task that names a plan
        for line in reversed(head_lines):
            if section_heading(line) is None and re.search(r"(任务|要点|计划|方案|清单)$", line):
                doc.title = Found(line, "the line before the first section that names the plan")
                break

    if head_lines and len(head_lines[0]) <= 30 and _ISSUER_END.search(head_lines[0]):
        doc.issuer = Found(head_lines[0], "the document's first line")
    else:
        for i, line in enumerate(head_lines):
            if doc.issued.value is not None and (_DATE.match(line) or _CN_DATE.match(line)) and i:
                if _ISSUER_END.search(head_lines[i - 1]):
                    doc.issuer = Found(head_lines[i - 1], "the line above the date that signs "
                                       "the notice")
                break

    sources = [(doc.title.value, "the title"), (doc.document_number.value, "the 文号"),
               (doc.issued.value and str(doc.issued.value), "the issue date")]
    for value, where in sources:
        year = _YEAR.search(value) if isinstance(value, str) and where == "the title" else None
        if year is None and isinstance(value, str) and where != "the title":
            year = re.search(r"([0-9]{4})", value)
        if year and _FIRST_YEAR <= int(year.group(1)) <= _LAST_YEAR:
            doc.year = Found(int(year.group(1)), f"the year in {where}")
            break
        if year:
            doc.notes.append(_("the year {year} in {where} is outside the years kpi takes "
                               "({first}–{last}): not used as the plan year").format(
                year=year.group(1), where=where, first=_FIRST_YEAR, last=_LAST_YEAR))


def _to_date(year: str, month: str, day: str) -> dt.date | None:
    """A date line's date, if it is one inside the years kpi takes."""
    try:
        if year.isdigit():
            date = dt.date(int(year), int(month), int(day))
        else:
            digits = "".join(str("〇一二三四五六七八九".index(c.replace("零", "〇"))) for c in year)
            m, d = chinese_number(month), chinese_number(day)
            if not (m and d):
                return None
            date = dt.date(int(digits), m, d)
    except ValueError:
        return None
    return date if FIRST <= date <= LAST else None
