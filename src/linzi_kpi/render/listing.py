"""Rich tables for ``kpi targets`` and ``kpi log``."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from .labels import HEADERS


def _texts(*cells: object) -> list[Text]:
    """Cells as Text, so that data (a note holding "[red]") is never read as Rich markup."""
    return [Text(str(cell)) for cell in cells]


def _table() -> Table:
    return Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False)


def targets_table(rows: list[dict[str, object]], lang: str = "zh") -> Table:
    h = HEADERS[lang]
    table = _table()
    for key, opts in (("id", {"no_wrap": True}), ("label", {"ratio": 1, "min_width": 8, "overflow": "fold"}),
                      ("target", {"justify": "right", "no_wrap": True}),
                      ("comparator", {"no_wrap": True}), ("kind", {"no_wrap": True}),
                      ("deadline", {"no_wrap": True}), ("lead", {"ratio": 1, "min_width": 8})):
        table.add_column(h[key], **opts)
    for r in rows:
        # a task without a lead answers through its responsible departments: say so
        lead = "、".join(r["lead"]) or "(" + "、".join(r["responsible"]) + ")"  # type: ignore[arg-type]
        mark = "*" if r.get("review") else ""  # a draft: not yet checked by a person
        table.add_row(*_texts(f"{r['id']}{mark}", r["label"], f"{r['target']} {r['unit']}",
                              r["comparator"], r["kind"], r["deadline"], lead))
    return table


def log_table(rows: list[dict[str, object]], lang: str = "zh") -> Table:
    h = HEADERS[lang]
    table = _table()
    for key in ("date", "id", "value", "by", "recorded_at", "source", "note"):
        table.add_column(h[key], overflow="fold")
    for r in rows:
        value = r["state"] if r["value"] is None else f"{r['value']} {r['unit']}"
        table.add_row(*_texts(r["date"], r["target"], value, r["by"], r["recorded_at"],
                              r["source"], r["note"]))
    return table
