"""A plan's goals paragraph: the unnumbered paragraph of targets that opens many published plans
of the genre before their numbered tasks. Pure.

::

    一、主要预期目标
    全区地区生产总值增长6%左右，一般公共预算收入增长5%……（责任单位：区发改局、区财政局）
    二、重点任务
    1. 新增高新技术企业30家以上。（牵头单位：区科技局）

Where numbered tasks were found, a paragraph holding a target (as ``targets.has_target``
finds one) that stands under a section heading before the section's first task, or in the
preamble before the first heading and naming 目标 (主要目标是：…), is a task of its own. Its
text runs from its heading's words (its title) to the paragraph's end, with the department
lines after it; in the preamble, from the paragraph's first word. Its number is its section ×
the base: ``RESTART_BASE`` (100) where numbering starts again in every section (item 0 of the
section: 一、→ 100, beside 101, 102 …), ``RESTART_BASE``² under every （一） heading; where the
tasks are numbered through the document, the first power of ten from ``RESTART_BASE`` above
every task's number (一、→ 100 beside tasks 1 … 67; → 1000 beside tasks up to 999).

A heading may carry its paragraph on its own line, after its title and a ：or 。 (``inline``):
``一、主要预期目标：全区地区生产总值增长6%左右……`` is the heading 一、主要预期目标 and its goals
paragraph, when the words after the title hold a target. Under a section heading, before the
section's first task, a （一） heading (on a line of its own, or with its paragraph after it)
opens a paragraph read for goals as well: its number is that of the section's goals
(section × the base), or, where numbering starts again under every （一） heading, item 0 of the
（一） heading (一、（一） → 10100).

Only the words within a paragraph's bound (``bounds.PARAGRAPH_CAP``) of a heading's first
paragraph are read for goals, and no more numbers than a draft may read: a crafted document
drafts as fast as it did before goals were looked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..i18n import _
from ..numbering import RESTART_BASE, restarted
from .bounds import NOTES_KEPT, NUMBERS_CAP, PARAGRAPH_CAP
from .targets import count_numbers, has_target

#: A line ending so ends a paragraph: the next line, unless it names departments, opens another.
_SENTENCE_END = "。！？!?"
#: In the preamble, only a paragraph naming its figures as goals is taken.
_PREAMBLE_WORD = "目标"
#: The words before a preamble paragraph's ：, when this short, are its title (主要目标是：).
_LEAD_IN_MAX = 30


@dataclass
class Block:
    """An unnumbered paragraph read under a heading (``heading`` its index in ``sections``,
    -1 in the preamble): the indices of its first and last lines."""

    heading: int
    first: int
    last: int


@dataclass
class Blocks:
    """The unnumbered paragraphs read before each section's first task."""

    found: list[Block] = field(default_factory=list)

    def add(self, heading: int, i: int, label: bool, lines: list[str]) -> None:
        """Line ``i`` of ``lines`` (``label``: a department line), read under
        ``heading``: it goes on the paragraph before it, or opens one."""
        last = self.found[-1] if self.found else None
        if last is not None and last.heading == heading and (label or (
                last.last == i - 1 and lines[last.last].strip()[-1] not in _SENTENCE_END)):
            last.last = i
        else:
            self.found.append(Block(heading, i, i))


#: A heading's title written before its paragraph on the same line is this short at most.
_INLINE_TITLE_MAX = 20
_INLINE_STOPS = "：:。"


def inline(words: str) -> tuple[str, int] | None:
    """A heading's words (after its number) that carry its paragraph: its title and where the
    paragraph starts (主要预期目标：全区… → 主要预期目标, 7); None when the words before the
    first ：or 。 are no short title or the words after it hold no target."""
    stop = next((i for i, c in enumerate(words) if c in _INLINE_STOPS), -1)
    title = words[:stop].strip()
    if not 0 < stop <= _INLINE_TITLE_MAX or not title or any(
            c.isdigit() or c in "，,；;、" for c in title):
        return None
    rest = words[stop + 1:]
    if not rest.strip() or len(rest) > PARAGRAPH_CAP or not has_target(rest):
        return None
    return title, stop + 1


@dataclass
class Head:
    """A heading goals may stand under: its section's number, its title, its words as written
    (up to its title's end where its paragraph follows on its line), and the （一） heading it
    is within its section (0: the section's own heading)."""

    number: int
    title: str
    heading: str
    sub: int = 0


def _offsets(text: str) -> list[int]:
    out, at = [], 0
    for line in text.split("\n"):
        out.append(at)
        at += len(line) + 1
    return out


def _base(tasks: list[tuple[int, int]], restart: bool, restart_sub: bool) -> int:
    if restart:
        return RESTART_BASE ** 2 if restart_sub else RESTART_BASE
    base = RESTART_BASE
    while any(number >= base for number, _section in tasks):
        base *= 10
    return base


def _lead_in(text: str) -> tuple[str, int]:
    """A preamble paragraph's title and where its figures start: the words before its ：
    (主要目标是：… → 主要目标), else the words before its first 。 (all of them, body 0)."""
    colon = min((i for i in (text.find("："), text.find(":")) if i > 0), default=-1)
    if 0 < colon <= _LEAD_IN_MAX:
        title = text[:colon].strip()
        return title.removesuffix("是").removesuffix("为") or title, colon + 1
    stop = text.find("。")
    return (text[:stop] if stop > 0 else text).strip(), 0


@dataclass
class Goal:
    """A goals paragraph taken as a task: its number, section, text (from its title), where its
    figures start, its title and its note; ``at``: the index among the tasks it goes before."""

    number: int
    section: int
    text: str
    body: int
    title: str
    note: str
    at: int
    sub: int = 0


def take(text: str, sections: Sequence[Head], tasks: list[tuple[int, int]],
         restart: tuple[bool, bool], blocks: Blocks, lines: list[str]
         ) -> tuple[list[Goal], list[str]]:
    """The goals paragraphs of a document whose numbered tasks are ``tasks`` (number, section),
    in the order of the document, and the notes about them. ``restart``: whether numbering
    starts again in every section, and under every （一） heading."""
    offsets = _offsets(text)
    held: dict[int, list[Block]] = {}
    opens: dict[int, int] = {}  # where each heading's first paragraph starts
    numbers = 0  # read so far
    for block in blocks.found:
        # a goals paragraph follows its heading closely: only the words within a paragraph's
        # bound of it are read, and only as many numbers as a draft may read (``bounds``)
        start = opens.setdefault(block.heading, offsets[block.first])
        if offsets[block.last] + len(lines[block.last]) - start > PARAGRAPH_CAP:
            continue
        words = "\n".join(lines[block.first:block.last + 1])
        if block.heading < 0 and _PREAMBLE_WORD not in words:
            continue
        numbers += count_numbers(words)
        if numbers > NUMBERS_CAP:
            break
        if has_target(words):
            held.setdefault(block.heading, []).append(block)
    base, used = _base(tasks, *restart), {number for number, _section in tasks}
    out: list[Goal] = []
    notes: list[str] = []
    for heading, found in held.items():
        first, last = found[0].first, found[-1].last
        if heading < 0:  # (各部门： / 主要目标是：… : from the line that names the goals)
            first = next((i for i in range(first, last + 1) if _PREAMBLE_WORD in lines[i]), first)
        start = offsets[first] + len(lines[first]) - len(lines[first].lstrip())
        end = offsets[last] + len(lines[last].rstrip())
        section = sections[heading] if heading >= 0 else None
        if section is not None:
            at = text.rfind(section.heading, 0, start + len(section.heading))
            title_at = at + section.heading.find(section.title)
            if start < at + len(section.heading):  # its paragraph on the heading's line
                start = at + len(section.heading)
                while start < end and text[start] in _INLINE_STOPS + " \t\u3000":
                    start += 1
            words, title, body = text[title_at:end], section.title, start - title_at
            number = section.number
        else:
            words = text[start:end]
            title, body = _lead_in(words)
            number = sections[0].number if sections else 1
        sub = section.sub if section is not None else 0
        task = (restarted(number, 0, sub if restart[1] else None) if restart[0]
                else number * base)
        if task in used:
            if len(notes) < NOTES_KEPT:
                notes.append(_("an unnumbered paragraph holding targets before the tasks of "
                               "section {section} was left out: its number {number} is "
                               "taken").format(section=number, number=task))
            continue
        used.add(task)
        where = (_("under the heading {heading}").format(heading=section.heading)
                 if section is not None else _("before the first heading"))
        note = _("REVIEW: an unnumbered paragraph holding targets ({where}), taken as a task of "
                 "its own: task {number}; check its title, departments and targets").format(
                     where=where, number=task)
        at_index = next((i for i, (_n, s) in enumerate(tasks) if s >= number), len(tasks))
        out.append(Goal(task, number, words, body, title, note, at_index, sub))
    if out:
        taken = ", ".join(str(g.number) for g in out)
        notes.append((_("unnumbered paragraphs holding targets before the numbered tasks "
                        "(a plan's main goals: 主要预期目标 …) are tasks of their own, "
                        "numbered (section × {step} + the （一） heading they stand under, 0 for "
                        "none) × {step} + 0 beside the items under it: {numbers}")
                      if restart[1] and any(g.sub for g in out) else
                      _("unnumbered paragraphs holding targets before the numbered tasks "
                        "(a plan's main goals: 主要预期目标 …) are tasks of their own, "
                        "numbered section × {base} + 0 beside the section's items: "
                        "{numbers}") if restart[0] else
                      _("unnumbered paragraphs holding targets before the numbered tasks "
                        "(a plan's main goals: 主要预期目标 …) are tasks of their own, "
                        "numbered section × {base}, above every numbered task: {numbers}"))
                     .format(base=base, step=RESTART_BASE, numbers=taken))
    return out, notes
