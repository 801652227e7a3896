"""What a person or a script supplies for one record, before any check: the fields of
``kpi record`` and of a row of a return (``kpi import``, ``kpi record --from``). No I/O, no
rules: checking is ``service.build``'s (what its text may hold, ``freetext``'s); the header
names a return may give them are ``files.returns.ALIASES``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fields:
    """What a person or a script supplied for one record, before checking."""

    target: str
    value: str
    date: str
    source: str = ""
    note: str = ""
    by: str = ""
    unit: str = ""
    fault: str = ""  # a row that could not even be read as fields: what is wrong with it
    fault_hint: str = ""  # how to fix it (else: quote a field that contains a comma)
    fault_column: str = ""  # the field it is in, where it is in one
    force: bool = False  # the person confirmed a figure that looks implausible
    corrects: bool = False  # the figure corrects what is on record for its target and date
    dept: str = ""  # the department whose return this is (a template's sheet names it), if known
