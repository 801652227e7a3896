"""How far a draft agrees with the reviewed plan of the same document. Pure.

A drafted target is the expected one when it points at the same place of the same task: its
number stands at the same character of the task's text, or, failing that, inside the expected
quote. Then each field is compared: number, unit, comparator, kind, deadline (the date that
applies, so an omitted deadline equals the period end). Departments are compared per task, as
written (lead and responsible lists, in order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Plan, Target, Task
from ..values import format_number

FIELDS = ("number", "unit", "comparator", "kind", "deadline")


@dataclass
class Comparison:
    expected: int = 0  # targets in the reviewed plan
    drafted: int = 0
    found: int = 0
    agree: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    tasks: int = 0
    lead: int = 0
    responsible: int = 0
    misses: list[str] = field(default_factory=list)  # expected targets not drafted
    extras: list[str] = field(default_factory=list)  # drafted targets not expected
    wrong: list[str] = field(default_factory=list)  # found, with a field that differs

    def share(self, name: str) -> float:
        """found / extras (of the drafted) / a field (of the found) / lead, responsible (of the tasks)."""
        if name == "found":
            return self.found / self.expected if self.expected else 1.0
        if name == "extras":
            return len(self.extras) / self.drafted if self.drafted else 0.0
        if name in ("lead", "responsible"):
            return getattr(self, name) / self.tasks if self.tasks else 1.0
        return self.agree[name] / self.found if self.found else 1.0

    def as_dict(self) -> dict[str, object]:
        return {"expected": self.expected, "drafted": self.drafted, "found": self.found,
                "shares": {name: round(self.share(name), 4)
                           for name in ("found", "extras", *FIELDS, "lead", "responsible")},
                "misses": self.misses, "extras": self.extras, "wrong": self.wrong}


def _anchor(task: Task, target: Target) -> tuple[int, int]:
    """(where the number stands in the task's text, where the quote starts); -1 when absent."""
    q = task.text.find(target.quote)
    if q == -1:
        return -1, -1
    number = re.search(rf"(?<![0-9.]){re.escape(format_number(target.target))}(?![0-9]|\.[0-9])",
                       target.quote)
    return (q + number.start() if number else q + len(target.quote), q)


def compare(expected: Plan, drafted: Plan) -> Comparison:
    out = Comparison()
    tasks = {t.number: t for t in drafted.tasks}
    for task in expected.tasks:
        mine = tasks.get(task.number)
        out.tasks += 1
        if mine is not None and mine.lead == task.lead:
            out.lead += 1
        elif mine is not None or task.lead:
            out.wrong.append(f"task {task.number}: lead {list(mine.lead) if mine else None} "
                             f"!= {list(task.lead)}")
        if mine is not None and mine.responsible == task.responsible:
            out.responsible += 1
        else:
            out.wrong.append(f"task {task.number}: responsible "
                             f"{list(mine.responsible) if mine else None} != {list(task.responsible)}")
        theirs = list(mine.targets) if mine else []
        out.expected += len(task.targets)
        out.drafted += len(theirs)
        anchors = {id(t): _anchor(mine, t) for t in theirs} if mine else {}
        left = list(theirs)
        for target in task.targets:
            at, quote_at = _anchor(task, target)
            match = next((t for t in left if anchors[id(t)][0] == at), None)
            if match is None and quote_at != -1:
                end = quote_at + len(target.quote)
                match = next((t for t in left if quote_at <= anchors[id(t)][0] < end), None)
            if match is None:
                out.misses.append(f"{target.id} {format_number(target.target)} {target.unit} "
                                  f"«{target.quote}»")
                continue
            left.remove(match)
            out.found += 1
            for name in FIELDS:
                mine_value, their_value = _value(drafted, match, name), _value(expected, target, name)
                if mine_value == their_value:
                    out.agree[name] += 1
                else:
                    out.wrong.append(f"{target.id} {name}: drafted {mine_value}, reviewed "
                                     f"{their_value} «{target.quote}»")
        out.extras += [f"{t.id} {format_number(t.target)} {t.unit} «{t.quote}»" for t in left]
    for task in drafted.tasks:
        if task.number not in {t.number for t in expected.tasks}:
            out.drafted += len(task.targets)
            out.extras += [f"{t.id} {format_number(t.target)} {t.unit} «{t.quote}»"
                           for t in task.targets]
    return out


def _value(plan: Plan, target: Target, name: str) -> object:
    if name == "number":
        return format_number(target.target)
    if name == "deadline":
        return plan.deadline(target).isoformat()
    value = getattr(target, name)
    return getattr(value, "value", value)
