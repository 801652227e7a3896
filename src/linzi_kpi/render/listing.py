"""Rich tables for ``kpi targets`` and ``kpi log``."""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from ..i18n import NP_, Vocabulary
from . import grid
from .grid import GAP, Column
from .labels import COMPARATOR, COMPARATOR_SIGN, HEADERS, KIND, state_label
from .numbers import rate_target


def _texts(*cells: object) -> list[Text]:
    """Cells as Text, so that data (a note holding "[red]") is never read as Rich markup."""
    return [Text(str(cell)) for cell in cells]


def _table() -> Table:
    return Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False)




def targets_table(rows: list[dict[str, object]], lang: str = "zh") -> Table:
    """Each target: id, label over its quote, the figure with its comparator and kind, the
    deadline, and both department lists (牵头 over 责任)."""
    h = HEADERS[lang]
    w = WORDS[lang]
    table = _table()
    table.add_column(h["id"], no_wrap=True)
    table.add_column(f"{h['label']} / {h['quote']}", ratio=3, min_width=10, overflow="fold")
    table.add_column(h["target"], justify="right", no_wrap=True)
    table.add_column(h["deadline"], no_wrap=True)
    table.add_column(w["departments"], ratio=2, min_width=10, overflow="fold")
    for r in rows:
        comparator, kind = str(r["comparator"]), str(r["kind"])
        if kind == "rate":  # the rate against its target: ≥ 8%
            figure = Text(rate_target(float(r["target"]), str(r["unit"]),  # type: ignore[arg-type]
                                      comparator))
        else:
            figure = Text(f"{COMPARATOR_SIGN[comparator]}{r['target']} {r['unit']}".rstrip())
        figure.append(f"\n{COMPARATOR[lang][comparator]} · {KIND[lang][kind]}", style="dim")
        label = Text(str(r["label"]))
        label.append(f"\n{w['open']}{r['quote']}{w['close']}", style="dim")
        lead = "、".join(r["lead"]) or "—"  # type: ignore[arg-type]
        shared = "、".join(r["responsible"]) or "—"  # type: ignore[arg-type]
        departments = Text(f"{w['lead']}{w['colon']}{lead}\n{w['shared']}{w['colon']}{shared}")
        mark = "*" if r.get("review") else ""  # a draft: not yet checked by a person
        table.add_row(Text(f"{r['id']}{mark}"), label, figure, Text(str(r["deadline"])), departments)
    return table


#: Words of ``kpi targets``.
WORDS: Vocabulary[str] = Vocabulary({
    'departments': NP_('targets', 'lead / shared'),
    'open': NP_('opening quote', '"'),
    'close': NP_('closing quote', '"'),
    'colon': NP_('targets', ': '),
    'lead': NP_('targets', 'lead'),
    'shared': NP_('targets', 'shared'),
})


def log_table(rows: list[dict[str, object]], lang: str, console: Console) -> RenderableType:
    """One line a record at any width from 80 columns: date, id, value and the recording time
    (to the minute) whole; who, source and note share what is left and end in … when cut
    (``--format json`` has them whole)."""
    h = HEADERS[lang]
    keys = ("date", "id", "value", "by", "recorded_at", "source", "note")
    cells = []
    for r in rows:
        state = r["state"]
        value = (state_label(state if isinstance(state, str) else None, lang) if r["value"] is None
                 else f"{r['value']} {r['unit']}".rstrip())
        cells.append([str(r["date"]), str(r["target"]), value, str(r["by"]),
                      _minute(str(r["recorded_at"])), str(r["source"]), str(r["note"])])
    natural = [max([cell_len(h[key])] + [cell_len(c[i]) for c in cells]) for i, key in enumerate(keys)]
    flexible = {3: 1, 5: 2, 6: 2}  # by, source, note: their shares of what is left
    left = console.width - GAP * (len(keys) - 1) - sum(w for i, w in enumerate(natural) if i not in flexible)
    widths = dict(enumerate(natural))
    # give each flexible column what it needs, the widest ones last, within its share
    for i in sorted(flexible, key=lambda i: natural[i]):
        share = max(4, left * flexible[i] // sum(flexible[j] for j in flexible))
        widths[i] = max(4, min(natural[i], share))
        left -= widths[i]
        flexible = {j: r for j, r in flexible.items() if j != i}
    layout = [Column(h[key], widths[i], "right" if key == "value" else "left")
              for i, key in enumerate(keys)]
    return grid.table(console, None, layout, [_texts(*c) for c in cells])


def _minute(stamp: str) -> str:
    """``2023-07-03T09:12:40+08:00`` → ``2023-07-03 09:12`` (the time as recorded, to the minute)."""
    return stamp[:16].replace("T", " ")
