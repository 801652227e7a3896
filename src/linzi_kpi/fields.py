"""What a person or a script supplies for one record, before any check: the fields of
``kpi record`` and of a row of a return (``kpi import``, ``kpi record --from``). No I/O, no
rules: checking is ``service.build``'s; the header names a return may give them are
``files.returns.ALIASES``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The control characters a record's free text (who, source, note) may not hold, as typed
#: (``service``) and as read back from the ledger (``ledger.lines``): a NUL, and the others that
#: would reach a terminal as commands through ``kpi log``. Tab and line ends are text.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


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
