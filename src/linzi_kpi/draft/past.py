"""Passages that look back on past work, whose figures are results, not targets. Pure.

A 政府工作报告, and many a 工作要点, reviews the year before it plans the next::

    某某区人民政府工作报告
    ——2024年1月10日在某某区第十八届人民代表大会第四次会议上
    一、2023年工作回顾
    过去的一年，全区地区生产总值增长6.2%……新增高新技术企业35家……
    （一）坚持项目为王……实施省市重点项目42个……
    二、2024年工作安排
    主要预期目标是：地区生产总值增长6%左右……

Three forms are read as looking back:

* a section whose heading says it reviews or sums up (工作回顾, 回顾, 工作总结, 完成情况, 主要成效,
  过去的一年, 五年来 …, with a year or without): the section, to the next section heading;
* an item heading of its own line that does so and opens by looking back (（一）2023年工作回顾
  under 一、2023年工作回顾和2024年工作安排): the item, to the next （二） or section heading;
* outside such a section, a paragraph that opens by looking back (过去的一年，…, 一年来…, 去年，…,
  or 2023年，… where the notice names a later year as its own), up to the sentence where it turns
  to the plan (今年…, 2024年…, 主要预期目标…), else the whole paragraph.

A heading that merely names a year (二、2024年重点任务) is no review, and a figure compared with
last year's (比上年增长8%) stays a target. ``mask`` writes a space for each character looked
back on, so that every other word keeps its place in the text, and says what it left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import _, ngettext
from ..numbering import PAREN_CHINESE, opening
from .bounds import NOTES_KEPT, check_numbers, check_paragraph
from .headings import SECTION, carries_goals, section_heading
from .metadata import read as read_metadata
from .words import unit_at

#: A heading's title that says it reviews: it ends so (2023年工作回顾, 2023年主要目标完成情况) …
_REVIEW_END = re.compile(r"(?:回顾|总结|完成情况|(?:工作|开展|进展|落实|执行)情况|主要成效|工作成效"
                         r"|取得的成效|取得的成绩|主要成绩)"
                         r"[。：:]?$")
#: … or opens so (过去一年的工作, 五年来的工作, 上年工作) and names no plan besides.
_REVIEW_START = re.compile(r"(?:回顾)?(?:过去(?:的)?(?:[一两三四五十]|几)?年|(?:[一两三四五十]|近[一两三五]|几|多)"
                           r"年来|(?:去年|上年|上一年)(?:度)?(?:的)?工作)")
_PLAN_WORDS = re.compile(r"今年|明年|安排|计划|打算|目标|要点|任务|思路|重点")
#: A paragraph that opens by looking back (group ``year``: 2023年，… / 2023年以来，…).
_LOOKING_BACK = re.compile(r"(?:回顾)?(?:过去(?:的)?(?:[一两三四五十]|几)?年|(?:[一两三四五十]|近[一两三五]|几|多)"
                           r"年来|(?:去年|上年|上一年)(?:以来)?[，,]"
                           r"|(?P<year>(?:19|20)[0-9]{2})\s*年(?:以来)?[，,])")
#: A sentence that turns to the plan, after the end of the one before it (group ``year``:
#: 2024年…, where it is a year after the one looked back on).
_FORWARD = re.compile(r"[。！？!?；;](?:今年|新的一年|明年|全年|主要(?:预期)?目标|预期目标|总体要求"
                      r"|(?P<year>(?:19|20)[0-9]{2})\s*年(?!以来))")
#: A number written in digits, and the space a unit may follow it after.
_DIGITS = re.compile(r"(?<![0-9０-９.．A-Za-z第])[0-9０-９]+(?:[.．][0-9０-９]+)?\s?")
_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")
#: A heading's title is the words before its first ：or 。, when its paragraph follows on its line.
_TITLE_STOPS = re.compile(r"[：:。]")
_TITLE_MAX = 40
#: How many of a paragraph's first words name it.
_OPENS = 12


@dataclass
class Passage:
    """Words looked back on: the lines ``first`` … ``last`` (from 0), the section heading they
    stand under as written ("" for a paragraph), a paragraph's first words, and how many
    figures they hold that would have been drafted as targets."""

    first: int
    last: int
    heading: str
    opens: str
    figures: int
    year: int | None = None  # the year it looks back on, where it names one

    turn: str = ""  # where a paragraph turns to the plan: the words from there, "" for none

    def where(self) -> str:
        """The passage as the draft names it: its heading and lines, or its first words and
        line."""
        if self.heading:
            return _("{heading} (lines {first}–{last})").format(
                heading=self.heading, first=self.first + 1, last=self.last + 1)
        return _("the paragraph opening «{opens}…» (line {line})").format(
            opens=self.opens, line=self.first + 1)

    def note(self) -> str:
        """What ``kpi draft`` says of it."""
        if self.heading:
            said = ngettext("{where} reviews past work and was not drafted: its {count} figure "
                            "is a result, not a target; check that it holds none of the plan's "
                            "targets",
                            "{where} reviews past work and was not drafted: its {count} figures "
                            "are results, not targets; check that it holds none of the plan's "
                            "targets", self.figures)
        elif self.turn:
            said = ngettext("{where} looks back on past work: its {count} figure before «{turn}…»"
                            " was not drafted (a result, not a target)",
                            "{where} looks back on past work: its {count} figures before "
                            "«{turn}…» were not drafted (results, not targets)", self.figures)
        else:
            said = ngettext("{where} looks back on past work: its {count} figure was not drafted "
                            "(a result, not a target)",
                            "{where} looks back on past work: its {count} figures were not "
                            "drafted (results, not targets)", self.figures)
        return said.format(where=self.where(), count=self.figures, turn=self.turn)

    def header(self) -> str:
        """The line the draft's header gives it."""
        return ngettext("not drafted, looking back on past work: {where}, {count} figure",
                        "not drafted, looking back on past work: {where}, {count} figures",
                        self.figures).format(where=self.where(), count=self.figures)


def review_heading(line: str) -> str | None:
    """A section heading that says its section reviews past work, as written up to its title's
    end (一、2023年工作回顾, also when its paragraph follows on its line); None for any other
    line."""
    stripped = line.strip()
    found = SECTION.fullmatch(stripped)
    if found is None:
        return None
    title = _TITLE_STOPS.split(found.group(3), maxsplit=1)[0].strip()
    if not title or len(title) > _TITLE_MAX:
        return None
    if _REVIEW_END.search(title) or (_REVIEW_START.match(title)
                                     and not _PLAN_WORDS.search(title)):
        return stripped[:found.start(3)] + title
    return None


def review_item(line: str, year: int | None) -> str | None:
    """An item heading on a line of its own that reviews past work under a section that plans
    too (一、2023年工作回顾和2024年工作安排 / （一）2023年工作回顾), as written; None for any other
    line. Its title opens by looking back (a year before the plan's, 过去一年, 五年来 …): an
    item that ends so but opens otherwise (（五）做好年度工作总结) is a task."""
    stripped = line.strip()
    found = PAREN_CHINESE.match(stripped)
    if found is None:
        return None
    title = stripped[found.end():].strip().rstrip("。：:")
    if not title or len(title) > _TITLE_MAX or _TITLE_STOPS.search(title):
        return None
    named = _YEAR.match(title)
    starts = _REVIEW_START.match(title) is not None
    if not (starts or (named and (year is None or int(named.group(1)) < year))):
        return None
    if _REVIEW_END.search(title) or (starts and not _PLAN_WORDS.search(title)):
        return stripped
    return None


def _item_end(lines: list[str], i: int) -> int:
    """The line after the review item headed at line ``i``: the next （二） or section heading."""
    for end in range(i + 1, len(lines)):
        stripped = lines[end].strip()
        if PAREN_CHINESE.match(stripped) or _starts_section(stripped):
            return end
    return len(lines)


def _starts_section(stripped: str) -> bool:
    return section_heading(stripped) is not None or carries_goals(stripped) \
        or review_heading(stripped) is not None


def _part(text: str) -> bool:
    """A 第一部分 heading (not 一、)."""
    found = SECTION.fullmatch(text.strip())
    return bool(found and found.group(1))


def looking_back(line: str, year: int | None) -> int | None:
    """Where a paragraph that opens by looking back turns to the plan (the start of its first
    sentence that does), its length when it never does; None for a paragraph that does not
    open by looking back. ``year``: the plan year the notice names, if it does (a paragraph
    opening with an earlier year looks back)."""
    stripped = line.lstrip()
    opened = _LOOKING_BACK.match(stripped)
    if opened is None:
        return None
    back = int(opened.group("year")) if opened.group("year") else None
    if back is not None and (year is None or back >= year):
        return None
    indent = len(line) - len(stripped)
    for turn in _FORWARD.finditer(stripped):
        ahead = int(turn.group("year")) if turn.group("year") else None
        if ahead is None or (year is not None and ahead >= year) or (
                back is not None and ahead > back):
            return indent + turn.start() + 1
    return len(line)


def _figures(words: str) -> tuple[int, int]:
    """How many figures words hold (numbers written with a unit: 6.2%, 35家, 45.6亿元; not 第3项),
    and how many numbers."""
    check_paragraph(words)
    figures = numbers = 0
    for number in _DIGITS.finditer(words):
        numbers += 1
        figures += unit_at(words, number.end()) is not None
    return figures, numbers


def _section_end(lines: list[str], i: int, last_part: int) -> int:
    """The line after the review section headed at line ``i``: the next section heading (the
    next 第…部分 where a 第…部分 heads it and another follows: its 一、 are its own)."""
    parts = _part(lines[i]) and last_part > i
    for end in range(i + 1, len(lines)):
        stripped = lines[end].strip()
        if _part(stripped) if parts else _starts_section(stripped):
            return end
    return len(lines)


def mask(lines: list[str], year: int | None) -> tuple[list[str], list[Passage], int]:
    """``lines`` with every passage looking back written as spaces, the passages, and the
    numbers read in them (``bounds``). ``year``: the plan year the notice names, if any."""
    out = list(lines)
    found: list[Passage] = []
    numbers = 0
    last_part = max((i for i, line in enumerate(lines) if _part(line)), default=-1)
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        title = review_heading(stripped)
        item = None if title is not None else review_item(stripped, year)
        if title is not None or item is not None:
            end = _section_end(lines, i, last_part) if item is None else _item_end(lines, i)
            title = title or item or ""
            figures = 0
            for j in range(i, end):
                if out[j].strip():
                    counted, read = _figures(out[j])
                    figures, numbers = figures + counted, numbers + read
                    check_numbers(numbers)
                    out[j] = " " * len(out[j])
            named = _YEAR.search(title)
            last = max(j for j in range(i, end) if lines[j].strip())
            found.append(Passage(i, last, title, "", figures,
                                 int(named.group(1)) if named else None))
            i = end
            continue
        turn = looking_back(lines[i], year) if stripped else None
        if turn:
            counted, read = _figures(lines[i][:turn])
            numbers += read
            check_numbers(numbers)
            out[i] = " " * turn + lines[i][turn:]
            opened = _LOOKING_BACK.match(stripped)
            back = opened.group("year") if opened else None
            found.append(Passage(i, i, "", stripped[:_OPENS], counted,
                                 int(back) if back else None,
                                 lines[i][turn:].strip()[:_OPENS]))
        i += 1
    return out, found, numbers


def notice_year(lines: list[str]) -> int | None:
    """The plan year the notice names (its title, 文号 or date: ``metadata``), read from the
    lines before the first heading, task or paragraph looking back; never a year a review
    heading looks back on."""
    reviewed = frozenset(int(y.group(1)) for line in lines if (h := review_heading(line))
                         for y in _YEAR.finditer(h))
    end = next((i for i, line in enumerate(lines) if _starts_section(line.strip())
                or _LOOKING_BACK.match(line.strip()) or opening(line.strip())), len(lines))
    return read_metadata("\n".join(lines[:end]), "", reviewed).year.value


def _said(passages: list[Passage]) -> tuple[list[Passage], str | None]:
    """The passages the draft names (a review section, a paragraph holding figures), at most
    ``NOTES_KEPT``, and the line that counts the rest (None when there is none)."""
    named = [p for p in passages if p.heading or p.figures]
    rest = named[NOTES_KEPT:]
    if not rest:
        return named, None
    figures = sum(p.figures for p in rest)
    return named[:NOTES_KEPT], ngettext(
        "{count} more passages looking back on past work were not drafted ({figures} figure)",
        "{count} more passages looking back on past work were not drafted ({figures} figures)",
        figures).format(count=len(rest), figures=figures)


def notes(passages: list[Passage]) -> list[str]:
    """What ``kpi draft`` says of the passages looking back."""
    named, rest = _said(passages)
    return [p.note() for p in named] + ([rest] if rest else [])


def header(passages: list[Passage]) -> list[str]:
    """The lines the draft's header gives the passages looking back."""
    named, rest = _said(passages)
    return [p.header() for p in named] + ([rest] if rest else [])
