"""Rich tables for ``kpi targets`` and ``kpi log``."""

from __future__ import annotations

from typing import cast

from rich import box
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from ..dates import minute
from ..i18n import NP_, Vocabulary
from . import grid
from .grid import GAP, Column
from .labels import COMPARATOR, COMPARATOR_SIGN, HEADERS, KIND, state_label
from .numbers import rate_target
from .wrapping import Wrapped


def _texts(*cells: object) -> list[Text]:
    """Cells as Text, so that data (a note holding "[red]") is never read as Rich markup."""
    return [Text(str(cell)) for cell in cells]


def _table() -> Table:
    return Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False)


def targets_table(rows: list[dict[str, object]], lang: str = "zh") -> Table:
    """Each target: id, label over its quote, the figure with its comparator and kind, the
    deadline, and both department lists (牵头 over 责任), then who reports its figure where
    that is not the first lead (报送)."""
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
        lead, shared = cast("list[str]", r["lead"]), cast("list[str]", r["responsible"])
        lists = [(f"{w['lead']}{w['colon']}", lead), (f"{w['shared']}{w['colon']}", shared)]
        reporter = r.get("reporter")
        if reporter and reporter != next(iter(lead), None):  # not the first lead: who reports
            lists.append((f"{w['reporter']}{w['colon']}", [str(reporter)]))
        departments, breaks = _names(lists)
        mark = "*" if r.get("review") else ""  # a draft: not yet checked by a person
        # labels and quotes break between words, never in a number; department lists only
        # between names
        table.add_row(Text(f"{r['id']}{mark}"), Wrapped(label), figure, Text(str(r["deadline"])),
                      Wrapped(departments, breaks))
    return table


def _names(lists: list[tuple[str, list[str]]]) -> tuple[Text, set[int]]:
    """``牵头：区发改局、区工信局`` over ``责任：…``, and the offsets a line may break at: after
    the heading and after each name's 、, never inside a name (各镇、街道 is one)."""
    text, breaks = "", set()
    for heading, names in lists:
        if text:
            text += "\n"
        text += heading
        breaks.add(len(text))
        for n, name in enumerate(names or ["—"]):
            text += name + ("、" if n < len(names) - 1 else "")
            breaks.add(len(text))
    return Text(text), breaks


#: Words of ``kpi targets``.
WORDS: Vocabulary[str] = Vocabulary({
    'departments': NP_('targets', 'lead / shared'),
    'open': NP_('opening quote', '"'),
    'close': NP_('closing quote', '"'),
    'colon': NP_('targets', ': '),
    'lead': NP_('targets', 'lead'),
    'shared': NP_('targets', 'shared'),
    'reporter': NP_('targets', 'reports'),
})


#: The narrowest note ``kpi log`` shows beside whole names (a wider one ends in …).
MIN_NOTE = 4


def log_table(rows: list[dict[str, object]], lang: str, console: Console) -> RenderableType:
    """One line a record at any width from 80 columns: date, id, value, who, the recording
    time (to the minute) and source whole, the note in what is left, ending in … when cut
    (``--format json`` has it whole). Only when names are too long for the terminal do who
    and the source share the room too. The recording's id from 100 columns (below, the note
    would have no room; --format json always has it)."""
    h = {**HEADERS[lang], **LOG_WORDS[lang]}
    wide = console.width >= WIDE
    keys = ("date", "id", "value", "by", "recorded_at", "recording", "source", "note")
    cells = []
    struck: list[bool] = []
    for r in rows:
        state = r["state"]
        value = (state_label(state if isinstance(state, str) else None, lang) if r["value"] is None
                 else f"{r['value']} {r['unit']}".rstrip())
        note = str(r["note"])
        gone = r.get("withdrawn")
        if isinstance(gone, dict):  # struck out, with who withdrew it, when and why
            said = LOG_WORDS[lang]["withdrawn"].format(
                by=gone["by"], at=minute(str(gone["recorded_at"])), why=gone["note"],
                id=gone["recording"])
            note = f"{said} {note}".rstrip()
            value = f"✗ {value}"  # struck out too, where the terminal shows it
        cells.append([str(r["date"]), str(r["target"]), value, str(r["by"]),
                      minute(str(r["recorded_at"])), str(r.get("recording") or "-"),
                      str(r["source"]), note])
        struck.append(isinstance(gone, dict))
    natural = [max([cell_len(h[key])] + [cell_len(c[i]) for c in cells]) for i, key in enumerate(keys)]
    if not wide:
        natural[5] = -GAP  # the recording column left out: neither its width nor its gap
    flexible = {7: 1}  # the note: what is left
    left = console.width - GAP * (len(keys) - 1) - sum(w for i, w in enumerate(natural) if i not in flexible)
    if left < min(natural[7], MIN_NOTE):  # names too long to keep whole: they share the room
        flexible = {3: 1, 6: 2, 7: 2}  # by, source, note: their shares of what is left
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
    texts = [_texts(*c) for c in cells]
    for line, gone in zip(texts, struck, strict=True):
        if gone:  # the figure struck out; the note says who withdrew it
            for text in line[:7]:
                text.stylize("strike")
    if not wide:
        layout = [c for i, c in enumerate(layout) if i != 5]
        texts = [[t for i, t in enumerate(line) if i != 5] for line in texts]
    return grid.table(console, None, layout, texts)


#: The width from which ``kpi log`` shows each record's recording id.
WIDE = 100


#: Words of ``kpi log`` beyond the shared headers: a withdrawn figure's note.
LOG_WORDS: Vocabulary[str] = Vocabulary({
    "recording": NP_("column", "recording"),
    "withdrawn": NP_("log", "[withdrawn by {by} {at} {id}: {why}]"),
})
