"""Dates as a plan document writes them: a 完成时限 cell (``is_when``, ``deadline_of``), the
line that signs the notice (``signing_date``: 2023年3月1日, 二〇二三年三月一日, 发文日期：2023-03-01)
and the line under a report's title that says when and where it was delivered
(``delivered_date``: ——2024年1月10日在某某区第十八届人民代表大会第四次会议上).
"""

from __future__ import annotations

import datetime as dt
import re

from ..dates import FIRST, LAST
from ..numbering import chinese_number

_WHEN = re.compile(r"(?:([0-9]{4})\s*年)?\s*(?:([0-9]{1,2})\s*月)?(?:份)?\s*(?:([0-9]{1,2})\s*日)?"
                   r"\s*(?:底|末|前|以前|中旬|上旬|下旬|内|止)*")
_ONGOING = re.compile(r"长期|持续|全年|年底|年末|年内|常态|季度|每月|每年|按序时|按期|逐步")


_QUARTER = re.compile(r"(?:([0-9]{4})\s*年)?\s*第?([一二三四1-4])季度")


def is_when(cell: str) -> bool:
    """A 完成时限 cell: 2024年12月底, 6月底前, 年底前, 第三季度, 持续推进, 长期坚持 … or a list of
    them (2024年6月底前、2024年12月底前)."""
    cell = cell.strip()
    if not cell or "。" in cell or len(cell) > 40:
        return False
    parts = [p for p in re.split(r"[、，,;；和及]", cell) if p.strip()]
    return bool(parts) and all(_one_when(p.strip()) for p in parts)


def _one_when(cell: str) -> bool:
    found = _WHEN.fullmatch(cell)
    return bool(found and (found.group(1) or found.group(2))) or bool(_ONGOING.search(cell))


def deadline_of(written: str, year: int) -> dt.date | None:
    """A 完成时限 as written → its date: 2024年12月底 → 2024-12-31, 9月底 → the plan year's
    30 September, 第三季度 → 30 September, a list → its last date; None for 年底前, 持续推进 and
    the like (the period end)."""
    parts = [p for p in re.split(r"[、，,;；和及]", written) if p.strip()]
    written = parts[-1] if parts else written  # a list of dates: the last completes the task
    quarter = _QUARTER.search(written)
    if quarter:  # 第三季度 → its last day
        q = "一二三四".find(quarter.group(2)) + 1 or int(quarter.group(2))
        y = int(quarter.group(1)) if quarter.group(1) else year
        return dt.date(y + (3 * q) // 12, (3 * q) % 12 + 1, 1) - dt.timedelta(days=1)
    found = _WHEN.match(written.strip())
    if not found or not (found.group(1) or found.group(2)):
        return None
    y = int(found.group(1)) if found.group(1) else year
    if found.group(2) and 1 <= int(found.group(2)) <= 12:
        month = int(found.group(2))
        if found.group(3):
            try:
                return dt.date(y, month, int(found.group(3)))
            except ValueError:
                return None
        return dt.date(y + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(y, 12, 31) if found.group(1) else None


_DATE = re.compile(r"^\s*(?:(?:发文|成文|印发)日期\s*[:：]\s*)?([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*"
                   r"([0-9]{1,2})\s*日\s*$")
_CN_DATE = re.compile(r"^\s*([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月"
                      r"([一二三四五六七八九十]{1,3})日\s*$")
#: 发文日期：2025-02-27 (a portal's header line)
_ISO_DATE = re.compile(r"^\s*(?:发文|成文|印发)日期\s*[:：]\s*([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})\s*$")


def is_date_line(line: str) -> bool:
    """A line that is a date written out (2023年3月1日, 二〇二三年三月一日), as signs a notice."""
    return bool(_DATE.match(line) or _CN_DATE.match(line))


def signing_date(line: str) -> dt.date | None:
    """The date a line that signs the notice gives (also a portal's 发文日期：2023-03-01); None
    for any other line, and for a date that is none (2月30日)."""
    date = _DATE.match(line) or _CN_DATE.match(line) or _ISO_DATE.match(line)
    return _to_date(*date.groups()) if date else None


#: ——2024年1月10日在某某区第十八届人民代表大会第四次会议上 (its meeting: group 4)
_DELIVERED = re.compile(r"^\s*[—－\-]{0,2}\s*([0-9]{4}|[〇零一二三四五六七八九]{4})\s*年\s*"
                        r"([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
                        r"([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*在(.{2,60}?(?:会议|大会))上"
                        r"(?:的(?:报告|讲话))?\s*$")


def delivered_date(line: str) -> tuple[dt.date, str] | None:
    """The date a report was delivered, and the meeting, from the line under its title
    (——2024年1月10日在某某区第十八届人民代表大会第四次会议上); None for any other line."""
    found = _DELIVERED.match(line)
    if found is None:
        return None
    date = _to_date(found.group(1), found.group(2), found.group(3))
    return None if date is None else (date, found.group(4))


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
