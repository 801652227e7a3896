"""Parsing and printing the values people type: numbers, dates, states, file names."""

from __future__ import annotations

import math
import re
import unicodedata

from .dates import parse_date as parse_date  # the one date parser, importable from here too
from .i18n import N_, _
from .model import State

_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
#: A figure as ``kpi record`` writes it: read without normalising (the ledger's fast path).
PLAIN_NUMBER = re.compile(r"[0-9]{1,300}(?:\.[0-9]{1,300})?")

#: A figure's magnitude must stay below this: past it a float no longer holds every whole
#: number near it (2**53 is about 9.0e15), so a figure could not be kept as written.
FIGURE_CAP = 1e15
#: The most significant digits a figure may have: a decimal of 15 significant digits comes back
#: from a float as written (DBL_DIG); a 16th or more would be rounded away without a word.
SIGNIFICANT_DIGITS = 15

NUMBER_FORM = N_("plain digits in the target's unit, e.g. 1200, 1,200 or 50.7 (the target's own "
               "unit may follow, as in 95%; no 万 or 亿)")


def format_number(value: float) -> str:
    """A number as the document writes it: ``1200``, ``50.7``, ``116.1``.

    Always plain digits (never ``1e-07`` or ``1e+16``), so that what is written to the ledger
    is read back by ``parse_number`` as the same number.
    """
    number = float(value)
    if number == 0:
        return "0"
    text = repr(number)  # the shortest digits that round-trip
    if "e" not in text and math.isfinite(number):
        return text.removesuffix(".0")
    from decimal import Decimal  # only for what repr writes with an exponent

    text = format(Decimal(text), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_number(text: str, unit: str = "") -> float:
    """Read a figure exactly as a person means it, or raise ``ValueError`` saying what is accepted.

    Digits are ASCII or full-width (``１２３``); thousands separators (``1,200``) are understood,
    and so is the target's own ``unit`` written after the number (``95%`` for a % target,
    ``1200个`` for 个). Every other digit form — superscripts (``1200¹``), subscripts, circled
    numbers (``⑫``), other scripts — is refused naming the character, and so are ``12万``,
    ``NaN``, ``1e3`` and ``inf``.
    """
    value = plain_figure(text)
    if value is not None:  # the common case, as kpi writes it: no normalising needed
        return value
    shown = text if len(text) <= 40 else text[:40] + "…"
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if cleaned.startswith("\u2212"):  # the minus sign kpi prints (−1.2%), read as a minus
        cleaned = "-" + cleaned[1:]
    written = unicodedata.normalize("NFKC", unit) if unit else ""
    with_unit = bool(written) and cleaned.endswith(written)
    # the unit's own characters are not digits: 万 in 56万亩 for a 万亩 target
    own = set(unit) | set(written) if with_unit else set()
    odd = next((c for c in text if c not in own and _foreign_digit(c)), None)
    if odd is not None:
        name = unicodedata.name(odd, f"U+{ord(odd):04X}")
        raise ValueError(_("value {shown!r} holds {odd!r} ({name}), which is not a digit kpi "
                           "reads: write {NUMBER_FORM}").format(shown=shown, odd=odd, name=name,
                                                                NUMBER_FORM=_(NUMBER_FORM)))
    if with_unit:
        cleaned = cleaned[:-len(written)].rstrip()
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(_("value {shown!r} is not a number: write {NUMBER_FORM}")
                          .format(shown=shown, NUMBER_FORM=_(NUMBER_FORM)))
    digits = cleaned.replace(",", "")
    value = float(digits)
    if not abs(value) < FIGURE_CAP:
        raise ValueError(_("value {shown!r} is too large: kpi keeps figures below "
                           "1,000,000,000,000,000 (10^15); check the figure and its unit")
                         .format(shown=shown))
    if _significant(digits) > SIGNIFICANT_DIGITS:
        raise ValueError(_("value {shown!r} has more digits than kpi keeps ({n} significant "
                           "digits): round it to at most {n}").format(shown=shown,
                                                                      n=SIGNIFICANT_DIGITS))
    return value


def plain_figure(text: str) -> float | None:
    """A figure in the form ``kpi record`` writes (plain digits) that kpi keeps as written:
    below ``FIGURE_CAP``, at most ``SIGNIFICANT_DIGITS`` significant digits; None for any
    other text (``parse_number`` then says what is wrong, if anything). The ledger's fast path
    asks it too, so both read a figure by the one rule."""
    if not PLAIN_NUMBER.fullmatch(text):
        return None
    # 16 characters or fewer hold at most 15 digits with a point, or 16 without (then >= 1e15)
    if len(text) > 16 and _significant(text) > SIGNIFICANT_DIGITS:
        return None
    value = float(text)
    return value if value < FIGURE_CAP else None


def _significant(digits: str) -> int:
    """The significant digits of plain decimal digits (a sign and a point allowed): from the
    first digit that is not 0 to the last (1200 has two, 0.0500 one)."""
    return len(digits.lstrip("+-").replace(".", "").strip("0"))


def _foreign_digit(char: str) -> bool:
    """A character that stands for a number but is neither an ASCII nor a full-width digit."""
    if char.isascii() or "\uff10" <= char <= "\uff19":
        return False
    # Nd: digits of other scripts (٣); No: superscripts, subscripts, circled (¹ ₁ ⑫); Nl: Ⅻ.
    # Not 万 or 五 (letters that name numbers): those are "not a number" like any other word.
    return unicodedata.category(char) in ("Nd", "No", "Nl")


def implausible(value: float, target: float, unit: str, whole: bool,
                rate: bool = False) -> tuple[str, str] | None:
    """Why a figure is probably not what its author meant, and the fix; None when plausible.

    A share above 100 % (unless the target itself is), a figure under 1.5 for a % target of 10
    or more (a fraction: 0.95 for 95 %), and a count that is not whole. A ``rate`` (a growth
    rate so far: it may be negative or above 100 %, and is never a count) is doubted only as
    a fraction: a figure under 1 whose hundredfold lies within a third to three times the
    target (0.075 against 8 %: did you mean 7.5?).
    """
    if rate:
        scaled = value * 100
        if (unit == "%" and 0 < abs(value) < 1 and target != 0 and (scaled > 0) == (target > 0)
                and abs(target) / 3 <= abs(scaled) <= abs(target) * 3):
            return (_("value {value} looks like a fraction: did you mean {percent}?").format(
                        value=format_number(value), percent=format_number(round(scaled, 10))),
                    _("write a rate as the percent figure, e.g. 7.5 for 7.5 %"))
        return None
    if unit == "%" and value > 100 and target <= 100:
        return (_("value {value} is more than 100 %").format(value=format_number(value)),
                _("a share cannot exceed 100 %: check the figure (a cell formatted as 0\"%\" or "
                  "a figure multiplied by 100?)"))
    if unit == "%" and 0 < value < 1.5 and target >= 10:
        return (_("value {value} looks like a fraction: did you mean {percent}?").format(
                    value=format_number(value), percent=format_number(round(value * 100, 10))),
                _("write a percentage as the percent figure, e.g. 95 for 95 %"))
    if whole and not float(value).is_integer():
        return (_("value {value} is not a whole number").format(value=format_number(value)),
                _("{unit} counts whole things").format(unit=unit))
    return None


def parse_state(text: str) -> State:
    """A task's state, by its code (``in_progress``) or its Chinese label (进行中)."""
    from .words import parse_state as parse

    return parse(text)


_FILE_NAME = re.compile(r"[^/\\\x00]+\.csv")
#: What a file name on Windows cannot hold or be (a clone of the ledger there would fail to
#: check the file out): these characters, a device's name, a trailing space or dot.
_NOT_ON_WINDOWS = re.compile(r'[<>:"|?*]|[ .]\.csv$|^(?i:con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)')


def check_ledger_name(name: str) -> str:
    """A ledger file name stays inside the progress folder (no separators, no ``..``, no NUL),
    is one line of visible text (``freetext``: no line break, control or invisible character,
    which would forge or hide a line where kpi names the file) and can be checked out on
    Windows too."""
    from .freetext import SUSPECT

    if (not _FILE_NAME.fullmatch(name) or name.startswith(".") or SUSPECT.search(name)
            or _NOT_ON_WINDOWS.search(name)):
        raise ValueError(_("ledger file name {name!r} must be a plain file name ending in .csv, "
                           "e.g. 2023-06.csv").format(name=name[:60]))
    return name
