"""What tests of kpi draft share: a fixed clock, the heading of a 2025 notice, a draft of a body
under it, and the targets drafted as tuples to compare."""

from __future__ import annotations

import datetime as dt

from linzi_kpi.draft import draft_text
from linzi_kpi.draft.plan import Draft

CLOCK = dt.date(2031, 7, 1)
NOTICE = "示例区人民政府办公室\n示例区人民政府办公室关于印发示例区2025年重点工作任务的通知\n示政办发〔2025〕1号\n\n"


def draft(body: str, head: str = NOTICE) -> tuple[Draft, str]:
    return draft_text(head + body, "source/x.txt", CLOCK)


def targets(d: Draft) -> list[tuple[int, str, float, str, str, str]]:
    return [(t.number, c.quote, c.number, c.unit, c.comparator.value, c.kind.value)
            for t in d.tasks for c in t.targets]
