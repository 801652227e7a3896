"""Rich tables for ``kpi targets`` and ``kpi log``."""

from __future__ import annotations

from rich import box
from rich.table import Table

from .labels import HEADERS


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
        table.add_row(str(r["id"]), str(r["label"]), f"{r['target']} {r['unit']}",
                      str(r["comparator"]), str(r["kind"]), str(r["deadline"]), lead)
    return table


def log_table(rows: list[dict[str, object]], lang: str = "zh") -> Table:
    h = HEADERS[lang]
    table = _table()
    for key in ("date", "id", "value", "by", "recorded_at", "source", "note"):
        table.add_column(h[key], overflow="fold")
    for r in rows:
        value = r["state"] if r["value"] is None else f"{r['value']} {r['unit']}"
        table.add_row(str(r["date"]), str(r["target"]), str(value), str(r["by"]),
                      str(r["recorded_at"]), str(r["source"]), str(r["note"]))
    return table
