"""Numbers as people read them in a bulletin: one format everywhere on the page.

Thousands separators (``4,500``), and the decimals the unit usually has: none for a count of
things (家, 人, 个 …: a projection of 956.3 个 reads 956 个), else as many as the figures have,
without trailing zeros (``7,000 万元``, not ``7,000.0 万元``; ``116.1 公里``).
"""

from __future__ import annotations

#: Units that count whole things (DOMAIN.md: counts are whole numbers).
COUNT_UNITS = frozenset({"家", "人", "个", "项", "场次", "场", "处", "所", "台", "条", "部",
                         "座", "户", "名", "次", "辆", "套", "人次", "家次"})

MAX_PLACES = 4

#: A comparator as a sign before its figure (``≥1200 个`` in ``kpi targets``, ``≥ 56`` for the
#: rule a floor is held to): the one table of them, keyed by ``enums.Comparator``'s values.
COMPARATOR_SIGN = {"at_least": "≥", "at_most": "≤", "approx": "≈", "maintain_at_least": "≥"}


def places(value: float) -> int:
    """Decimals ``value`` is written with: 1200 → 0, 50.7 → 1 (at most MAX_PLACES)."""
    text = f"{value:.{MAX_PLACES}f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def figure(value: float, unit: str = "", decimals: int | None = None) -> str:
    """``1,863``, ``116.1``, ``7,000``: separators, the unit's decimals, no trailing zeros.

    ``decimals`` caps the places of a computed value (a projection); a count unit has none.
    """
    if unit in COUNT_UNITS:
        return f"{round(value):,d}"
    shown = places(value) if decimals is None else min(decimals, MAX_PLACES)
    text = f"{value:,.{shown}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def of_target(actual: float | None, target: float, unit: str) -> str:
    """``1,863 / 4,500 人``; ``— / 4,500 人`` with no figure yet."""
    shown = "—" if actual is None else figure(actual, unit)
    return f"{shown} / {figure(target, unit)} {unit}".rstrip()
