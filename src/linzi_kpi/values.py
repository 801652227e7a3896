"""Parsing and printing the values people type: numbers, dates, states, file names."""

from __future__ import annotations

import math
import re
import unicodedata

from .dates import parse_date  # noqa: F401  (the one date parser, importable from here too)
from .model import State

_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
#: A figure as ``kpi record`` writes it: read without normalising (the ledger's fast path).
PLAIN_NUMBER = re.compile(r"[0-9]{1,300}(?:\.[0-9]{1,300})?")

NUMBER_FORM = "plain digits in the target's unit, e.g. 1200, 1,200 or 50.7 (no units, no 万 or 亿)"


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


def parse_number(text: str) -> float:
    """Read a figure exactly as a person means it, or raise ``ValueError`` saying what is accepted.

    Full-width digits (``１２３``) and thousands separators (``1,200``) are understood;
    anything else — ``12万``, ``NaN``, ``1e3``, ``inf`` — is refused.
    """
    if PLAIN_NUMBER.fullmatch(text):  # the common case, as kpi writes it: no normalising needed
        value = float(text)
        if math.isfinite(value):
            return value
    cleaned = unicodedata.normalize("NFKC", text).strip()
    shown = text if len(text) <= 40 else text[:40] + "…"
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f"value {shown!r} is not a number: write {NUMBER_FORM}")
    value = float(cleaned.replace(",", ""))
    if not math.isfinite(value):
        raise ValueError(f"value {shown!r} is too large: write {NUMBER_FORM}")
    return value


def parse_state(text: str) -> State:
    """A task's state, by its code (``in_progress``) or its Chinese label (进行中)."""
    from .render.labels import parse_state as parse

    return parse(text)


_FILE_NAME = re.compile(r"[^/\\\x00]+\.csv")


def check_ledger_name(name: str) -> str:
    """A ledger file name stays inside the progress folder: no separators, no ``..``, no NUL."""
    if not _FILE_NAME.fullmatch(name) or name.startswith("."):
        raise ValueError(f"ledger file name {name[:60]!r} must be a plain file name ending in .csv, "
                         "e.g. 2023-06.csv")
    return name
