"""``kpi log``: the ledger's records, oldest first."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import KpiError, with_hint
from .common import (
    DataDir,
    Lang,
    LangOpt,
    ListFormat,
    command,
    complete_target,
    console,
    out,
    today,
    warn_left_out,
    workspace,
)


@command
def log(
    target: Annotated[str | None, typer.Argument(
        help="Only this target id or task number.", show_default=False,
        autocompletion=complete_target)] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output form.")] = ListFormat.table,
    lang: LangOpt = Lang.zh,
    data_dir: DataDir = None,
) -> None:
    """Show the ledger's records, oldest first, with who recorded them, when, from what source
    and in which recording; a withdrawn figure struck out, with who withdrew it, when and why.

    Example:  kpi log 23.1 --format json
    """
    from .. import service
    from ..ledger import RecordChecker, RecordError
    from ..render.rows import record_row, to_json, withdrawal_row

    ws = workspace(data_dir)
    plan = service.open_plan(ws)
    day = today()
    if target is not None:
        try:
            target = RecordChecker(plan, day).check_key(target)
        except RecordError as exc:
            raise KpiError(with_hint(exc.message, exc.hint)) from None
    found = service.read_ledger(ws, plan, day, keep=True)
    warn_left_out(found)  # the lines with problems are not listed: one note says how many
    withdrawn = {id(r): w for r, w in found.withdrawn}
    records = sorted((r for r in [*found.records, *(r for r, _ in found.withdrawn)]
                      if target is None or r.target == target),
                     key=lambda r: (r.date, r.recorded_at))
    rows = [{**record_row(r), "recording": r.recording or None,
             "withdrawn": withdrawal_row(withdrawn.get(id(r)))}
            for r in records]
    if format is ListFormat.json:
        out(to_json(rows) + "\n")
        return
    from ..render.listing import log_table

    screen = console()
    screen.print(log_table(rows, lang.value, screen))
