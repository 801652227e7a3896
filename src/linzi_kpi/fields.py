"""What a person or a script supplies for one record, before any check: the fields of
``kpi record``, of a row of ``kpi record --from`` and of a row of a return, and the column
names a file may give them. No I/O, no rules: checking is ``service.build``'s.
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
    fault: str = ""  # a row that could not even be split into fields: what is wrong with it
    force: bool = False  # the person confirmed a figure that looks implausible


BULK_COLUMNS = ("target", "value", "date")
BULK_OPTIONAL = ("source", "note", "by", "unit")
ZH_COLUMNS = {"编号": "target", "指标编号": "target", "数值": "value", "完成值": "value",
              "日期": "date", "数据日期": "date", "来源": "source", "数据来源": "source",
              "备注": "note", "录入人": "by", "填报人": "by", "单位": "unit"}
