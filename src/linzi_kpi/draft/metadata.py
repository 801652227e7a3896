"""A plan document's metadata: its title, issuer, 文号, issue date and plan year, read from the
words before its first task (the notice that issues the plan). Pure.

Each part is kept with why it was guessed (``Found``), so that the draft can say so to its
reviewer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..dates import FIRST, LAST
from ..i18n import N_, _
from .headings import section_heading
from .written_dates import delivered_date, is_date_line, signing_date

_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*([0-9]{4})\s*[〕\]］)）]\s*[0-9]{1,4}\s*号")
_BOOK_TITLE = re.compile(r"《([^《》]{4,80})》")
_NOTICE = re.compile(r"关于(?:印发|下达|转发)(.{4,80}?)的通知")
_YEAR = re.compile(r"([0-9]{4})\s*年")
#: A title that names the year it reviews before the year it plans: 2024年…计划执行情况与2025年…
#: 计划草案, 2024年工作总结和2025年工作计划. The plan's year is the one after the review.
_REVIEW_THEN_PLAN = re.compile(r"(?:执行情况|完成情况|工作总结|总结|回顾)[与和及暨、]")
#: A title naming a span of years: 三年行动实施方案（2025—2027年）. Its first year is the plan's.
_YEAR_SPAN = re.compile(r"([0-9]{4})\s*年?\s*[—–\-－~～至到]{1,2}\s*[0-9]{4}\s*年")
_TITLE_END = re.compile(r"(任务|要点|计划|方案|清单|项目|安排|分解表|分工|实事)$")
_BODY_YEAR = re.compile(r"(?<![0-9])(20[0-9]{2})\s*年")
_ISSUER_END = re.compile(r"(人民政府|办事处|办公室|委员会|办公厅|管委会|管理委员会|领导小组)$")
#: An office that signs its notice above its date, or names itself before 关于 in the
#: notice's title: also a 局, 委, 办, 厅, 署 or 中心 (白石县科学技术局, 县发改委, 区政府办), a name
#: without punctuation or digits; a 街道办事处 too.
_OFFICE = re.compile(r"[\u4e00-\u9fff（）() \u3000]{1,60}?(?:人民政府|办事处|办公室|委员会|办公厅|管委会|管理委员会"
                     r"|领导小组|局|委|办|厅|署|中心)")
#: An office on a document's first line names its place first: 石泉县发展和改革局 (not 新发展格局).
_PLACE_FIRST = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:省|市|区|县|州|旗|盟|镇|乡)")
#: The office before 关于 in the notice's title: 白石县科学技术局关于印发…的通知.
_NOTICE_OFFICE = re.compile(r"(" + _OFFICE.pattern + r")关于(?:印发|下达|转发)")
#: A report's title line: 某某区人民政府工作报告, 政府工作报告, 关于某某县2024年国民经济和社会发展
#: 计划执行情况与2025年…计划草案的报告 (no punctuation, no 《》).
_REPORT_TITLE = re.compile(r"[^，,。：:；;、《》“”\s]{0,80}报告")
#: The office a report's title names: 某某区人民政府工作报告 → 某某区人民政府.
_REPORTER = re.compile(r"(.{2,30}?(?:人民政府|委员会|管委会|管理委员会))(?:工作)?报告")
#: The place a meeting line names: 在某某区第十八届人民代表大会… → 某某区.
_MEETING_PLACE = re.compile(r"(.{1,12}?(?:省|市|区|县|州|旗|盟))(?:第[一二三四五六七八九十]{1,3}届)?"
                            r"人民代表大会")

_FIRST_YEAR, _LAST_YEAR = FIRST.year, LAST.year

T = TypeVar("T")


@dataclass
class Found(Generic[T]):
    """A value taken from the document, or None, and how it was found."""

    value: T | None = None
    why: str = ""


@dataclass
class Metadata:
    title: Found[str] = field(default_factory=Found)
    issuer: Found[str] = field(default_factory=Found)
    document_number: Found[str] = field(default_factory=Found)
    issued: Found[dt.date] = field(default_factory=Found)
    year: Found[int] = field(default_factory=Found)
    notes: list[str] = field(default_factory=list)


def _year_sources(meta: Metadata) -> list[tuple[str | None, bool, str, str]]:
    """Where the plan year is looked for, in order: (the text, whether it is the title, why
    the year was taken from it, the note on a year there outside the years kpi takes)."""
    return [
        (meta.title.value, True, N_("the year in the title"),
         N_("the year {year} in the title is outside the years kpi takes ({first}–{last}): "
            "not used as the plan year")),
        (meta.document_number.value, False, N_("the year in the 文号"),
         N_("the year {year} in the 文号 is outside the years kpi takes ({first}–{last}): "
            "not used as the plan year")),
        (None if meta.issued.value is None else str(meta.issued.value), False,
         N_("the year in the issue date"),
         N_("the year {year} in the issue date is outside the years kpi takes "
            "({first}–{last}): not used as the plan year"))]


def _title_year(title: str, past_years: frozenset[int]) -> re.Match[str] | None:
    """The plan year a title names: the first year after the review it names (…执行情况与2025年
    …计划草案), the first of a span (2025—2027年), else the first that is not a year its body
    reviews."""
    review = _REVIEW_THEN_PLAN.search(title)
    after = _YEAR.search(title, review.end()) if review else None
    years = (y for y in _YEAR.finditer(title) if int(y.group(1)) not in past_years)
    return after or _YEAR_SPAN.search(title) or next(years, None)


def _reporter(meta: Metadata, meeting: str) -> None:
    """The office that makes a report: the one its title names (某某区人民政府工作报告), else, for
    a 政府工作报告, the 人民政府 of the place its meeting line names."""
    title = meta.title.value or ""
    named = _REPORTER.fullmatch(title)
    place = _MEETING_PLACE.match(meeting)
    if named:
        meta.issuer = Found(named.group(1), _("the office the report's title names"))
    elif title.endswith("政府工作报告") and place:
        meta.issuer = Found(place.group(1) + "人民政府", _(
            "the 人民政府 of the place the report's meeting line names: a guess"))


#: How many of the document's last lines may sign it (the office, the date, 此件公开发布).
_TAIL_LINES = 3


def _signed_at_end(meta: Metadata, lines: list[str]) -> None:
    """The date and office that sign a document at its end (周村区市场监督管理局 / 2024年1月20日
    under its last task), where its head names no date."""
    for i in range(len(lines) - 1, max(len(lines) - 1 - _TAIL_LINES, 0), -1):
        issued = signing_date(lines[i])
        if issued and is_date_line(lines[i]) and _OFFICE.fullmatch(lines[i - 1]):
            meta.issued = Found(issued, _("the date line that signs the document at its end"))
            if meta.issuer.value is None:
                meta.issuer = Found(lines[i - 1], _("the line above the date that signs the "
                                                    "document at its end"))
            return


def read(head: str, body: str, past_years: frozenset[int] = frozenset(),
         tail: str = "") -> Metadata:
    """The metadata of a document whose words before its first task are ``head``; ``body``:
    the words whose years count where the notice names none (the plan year the document names
    most often); ``past_years``: the years its reviews of past work look back on, never the
    plan year of a title that names another; ``tail``: the words after its last task, whose
    last lines may sign it (an office above a date) where its head does not."""
    meta = Metadata()
    head_lines = [line.strip() for line in head.split("\n") if line.strip()]

    found = _DOC_NUMBER.search(head)
    if found:
        meta.document_number = Found(found.group(0), _("the 文号 in the notice"))

    meeting = ""
    for line in head_lines:
        issued = signing_date(line)
        if issued:
            meta.issued = Found(issued, _("the date line that signs the notice"))
            break
        delivered = delivered_date(line)
        if delivered:
            meta.issued = Found(delivered[0], _("the date the report was delivered (——…在…会议上)"))
            meeting = delivered[1]
            break

    flat = "".join(head_lines)  # a title may run over two lines: …办公室关于 / 印发…的通知
    notice = _NOTICE.search(flat)
    book = _BOOK_TITLE.search(head)
    if notice:
        name = notice.group(1)
        if name.startswith("《") and name.endswith("》") and name.count("《") == 1:
            name = name[1:-1]
        meta.title = Found(name, _("the name of the document the notice issues"))
    elif report := next((line for line in head_lines if _REPORT_TITLE.fullmatch(line)), None):
        meta.title = Found(report, _("the report's title line"))
    elif book:
        meta.title = Found(book.group(1), _("the name of the document the notice issues"))
    else:
        # the last line before the first heading or task that names a plan
        for line in reversed(head_lines):
            if section_heading(line) is None and _TITLE_END.search(line):
                meta.title = Found(line, _("the line before the first section that names the "
                                           "plan"))
                break

    # (a note in 【】 before it, 【示例】… or a page's 【字体：大 中 小】, is none of the document's)
    first = next((line for line in head_lines if not line.startswith("【")), "")
    if first and len(first) <= 30 and (_ISSUER_END.search(first) or _OFFICE.fullmatch(first)
                                       and _PLACE_FIRST.match(first)):
        meta.issuer = Found(first, _("the document's first line"))
    else:
        for i, line in enumerate(head_lines):
            if meta.issued.value is not None and is_date_line(line) and i:
                if _OFFICE.fullmatch(head_lines[i - 1]):
                    meta.issuer = Found(head_lines[i - 1], _("the line above the date that "
                                                             "signs the notice"))
                break
    if meta.issued.value is None:
        _signed_at_end(meta, [line.strip() for line in tail.split("\n") if line.strip()])
    offices = (found for line in head_lines if (found := _NOTICE_OFFICE.match(line)))
    if meta.issuer.value is None and (office := next(offices, None)):
        meta.issuer = Found(office.group(1), _("the office the notice's title names before "
                                               "关于"))
    if meta.issuer.value is None and meta.title.value and _REPORT_TITLE.fullmatch(
            meta.title.value):
        _reporter(meta, meeting)

    for value, is_title, found_in, outside in _year_sources(meta):
        # (a title naming the year a review looks back on and the plan's: the plan's)
        year = _title_year(value, past_years) if isinstance(value, str) and is_title else None
        if year is None and isinstance(value, str) and not is_title:
            year = re.search(r"([0-9]{4})", value)
        if year and _FIRST_YEAR <= int(year.group(1)) <= _LAST_YEAR:
            meta.year = Found(int(year.group(1)), _(found_in))
            break
        if year:
            meta.notes.append(_(outside).format(year=year.group(1), first=_FIRST_YEAR,
                                                last=_LAST_YEAR))
    if meta.year.value is None:
        # the year the plan's words name most often: 2024年12月底, 到2024年 …
        years = Counter(int(y.group(1)) for y in _BODY_YEAR.finditer(body))
        if years:
            most, _times = years.most_common(1)[0]
            meta.year = Found(most, _("the year the document names most often"))
    return meta
