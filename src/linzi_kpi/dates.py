"""The one date parser: for the command line (``--date``, ``--as-of``, ``FROM``/``TO``), CSV text,
text cells of a workbook, the ledger and ``KPI_TODAY``.

Takes the forms people type in China, year first, so nothing is ambiguous: ``2023-06-30``,
``2023-6-30``, ``2023/6/30``, ``2023.6.30`` and ``2023年6月30日`` (full-width digits too, and
nothing else that Unicode calls a digit: a superscript ``¹`` or a circled ``⑳`` is refused, never
read as a digit of the date). A
day-first or month-first form (``30/6/2023``, ``6/30/2023``) is refused, never guessed. Years
outside 1900–2100 are refused: no plan is dated there, and date arithmetic near year 1 or 9999
overflows.
"""

from __future__ import annotations

import datetime as dt
import re

from .i18n import N_, _

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: Year, month, day: one separator throughout (- / .), or 年 月 日.
_FORMS = re.compile(r"([0-9]{4})(?:([-/.])([0-9]{1,2})\2([0-9]{1,2})|年([0-9]{1,2})月([0-9]{1,2})日)")

#: Full-width digits and separators as their ASCII selves; nothing else is translated (NFKC
#: would turn ``¹`` into ``1`` and ``⑳`` into ``20``).
_FULL_WIDTH = {0xFF10 + i: ord("0") + i for i in range(10)} | {
    0xFF0D: ord("-"), 0xFF0F: ord("/"), 0xFF0E: ord(".")}


def half_width(text: str) -> str:
    """``text`` with its full-width digits and separators as ASCII (a date, a target id typed
    through a Chinese input method: ``２３．１`` → ``23.1``); nothing else changes."""
    return text.translate(_FULL_WIDTH)


FIRST = dt.date(1900, 1, 1)
LAST = dt.date(2100, 12, 31)

DATE_FORM = N_("write it as 2023-06-30 (or 2023/6/30, 2023.6.30, 2023年6月30日)")


def parse_date(text: str) -> dt.date:
    """A date in one of the accepted forms, or ``ValueError`` saying which forms are."""
    cleaned = text.strip()
    if _ISO.fullmatch(cleaned):  # the common case, as kpi writes it
        try:
            date = dt.date.fromisoformat(cleaned)
        except ValueError:
            raise ValueError(_("date {cleaned!r} does not exist").format(cleaned=cleaned)) from None
        return _in_range(date, cleaned)
    normal = half_width(cleaned)
    found = _FORMS.fullmatch(normal)
    shown = text if len(text) <= 40 else text[:40] + "…"
    if found is None:
        raise ValueError(_("date {shown!r} is not in a form kpi reads: {DATE_FORM}")
                          .format(shown=shown, DATE_FORM=_(DATE_FORM)))
    year, _sep, month, day, zh_month, zh_day = found.groups()
    try:
        date = dt.date(int(year), int(month or zh_month), int(day or zh_day))
    except ValueError:
        raise ValueError(_("date {cleaned!r} does not exist").format(cleaned=cleaned)) from None
    return _in_range(date, cleaned)


#: Year and month, as a date is written without its day: 2023-06, 2023-6, 2023/6, 2023.6, 2023年6月.
_MONTH = re.compile(r"([0-9]{4})(?:[-/.]([0-9]{1,2})|年([0-9]{1,2})月)")


def parse_month(text: str) -> dt.date:
    """A month (``--month 2023-06``; or as ``parse_date`` takes a date, without its day:
    ``2023-6``, ``2023/6``, ``2023.6``, ``2023年6月``, full-width digits too), as the first day of
    it; or ``ValueError`` saying what is wrong (the message follows the text: ``'2023-13' is …``)."""
    found = _MONTH.fullmatch(half_width(text.strip()))
    if found is None:
        raise ValueError(_("{text!r} is not in the form YYYY-MM, e.g. 2023-06").format(text=text))
    year, month, zh_month = found.groups()
    try:
        first = dt.date(int(year), int(month or zh_month), 1)
    except ValueError:
        raise ValueError(_("{text!r} is not a month").format(text=text)) from None
    if not FIRST <= first <= LAST:
        raise ValueError(_("{text!r} is outside the years kpi takes ({year}–{year2})")
                         .format(text=text, year=FIRST.year, year2=LAST.year))
    return first


def _in_range(date: dt.date, text: str) -> dt.date:
    if FIRST <= date <= LAST:
        return date
    raise ValueError(_("date {text!r} is outside the years kpi takes ({year}–{year2})")
                      .format(text=text, year=FIRST.year, year2=LAST.year))


def minute(at: dt.datetime | str) -> str:
    """When a figure was recorded, as people read it: ``2023-07-03T09:12:40+08:00`` →
    ``2023-07-03 09:12`` (the time as recorded, to the minute)."""
    stamp = at.isoformat() if isinstance(at, dt.datetime) else at
    return stamp[:16].replace("T", " ")
