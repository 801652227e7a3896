"""Plain dictionaries for JSON, CSV and Markdown. Field names here are a promise to scripts."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from ..grading import Report, Standing
from ..model import Plan, Record, Target, Task
from ..query import canonical

if TYPE_CHECKING:
    from ..ledger.reading import Disagreement

TARGET_FIELDS = ("id", "task", "section", "label", "quote", "target", "unit", "comparator",
                 "kind", "deadline", "baseline", "lead", "responsible", "reporter", "review")
#: ``baseline`` in a standing is the baseline it was graded from (the plan's, or a figure
#: recorded on or before the period start), with its source and date; ``rule`` says how it was
#: graded (pace, from_baseline, shortfall, floor, ceiling, rate) and ``gap`` how far behind, as
#: graded (points ÷ 100: a rate's percentage points short of its target ÷ 100).
#: ``actual_source``, ``actual_by`` and ``actual_note`` are the source, who recorded it and the
#: note of the record behind ``actual`` (the figure that counts; null without one, "" where the
#: record has none).
FIGURE_FIELDS = ("actual_source", "actual_by", "actual_note")
STANDING_FIELDS = TARGET_FIELDS + ("baseline_source", "baseline_date", "actual", "actual_date",
                                   "progress", "expected", "gap", "rule", "status"
                                   ) + FIGURE_FIELDS


def number(value: float | None) -> int | float | None:
    """Integral numbers as ints in JSON (1200, not 1200.0)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def fraction(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def target_row(plan: Plan, task: Task, target: Target) -> dict[str, object]:
    return {
        "id": target.id,
        "task": task.number,
        "section": task.section,
        "label": target.label,
        "quote": target.quote,
        "target": number(target.target),
        "unit": target.unit,
        "comparator": target.comparator.value,
        "kind": target.kind.value,
        "deadline": plan.deadline(target).isoformat(),
        "baseline": number(target.baseline),
        "lead": canonical(plan, task.lead),
        "responsible": canonical(plan, task.responsible),
        # who reports its figure (Plan.reporter: the plan's reporter:, else the first lead)
        "reporter": plan.reporter(task, target),
        # "draft" until a person has checked the target (kpi draft writes it), else null
        "review": target.review.value if target.review else None,
    }


def standing_row(plan: Plan, s: Standing) -> dict[str, object]:
    row = target_row(plan, s.task, s.target)
    base = s.baseline
    row.update(baseline=number(base.value) if base else None,
               baseline_source=base.source if base else None,
               baseline_date=base.date.isoformat() if base and base.date else None,
               actual=number(s.actual),
               actual_date=s.actual_date.isoformat() if s.actual_date else None,
               progress=fraction(s.progress), expected=fraction(s.expected),
               gap=fraction(s.gap), rule=s.rule.value, status=s.status.value)
    row.update(figure_fields(s.record))
    return row


def figure_fields(record: Record | None) -> dict[str, object]:
    """Where the figure that counts came from: its source, who recorded it, its note."""
    return {"actual_source": record.source if record else None,
            "actual_by": record.by if record else None,
            "actual_note": record.note if record else None}


def report_object(plan: Plan, report: Report,
                  disputes: Mapping[str, Disagreement] | None = None) -> dict[str, object]:
    """``kpi status --format json``; with ``disputes``, each target says whether two sources
    disagree on its figure (``disagreement``: null, or both figures and where they are)."""
    from .disputes import dispute_row

    targets = [standing_row(plan, s) for s in report.targets]
    if disputes is not None:
        for row in targets:
            row["disagreement"] = dispute_row(disputes.get(str(row["id"])))
    return {
        "as_of": report.as_of.isoformat(),
        "summary": report.summary(),
        "targets": targets,
        "tasks": [{"task": t.task.number, "title": t.task.title, "section": t.task.section,
                   "status": t.status.value, "state": t.state.value if t.state else None}
                  for t in report.tasks],
    }


def record_row(r: Record) -> dict[str, object]:
    return {"target": r.target, "value": number(r.value),
            "state": r.state.value if r.state else None, "unit": r.unit,
            "date": r.date.isoformat(), "recorded_at": r.recorded_at.isoformat(),
            "by": r.by, "source": r.source, "note": r.note}


def withdrawal_row(w: Record | None) -> dict[str, object] | None:
    """Who withdrew a figure, when, why, and the withdrawal's recording id (None: not withdrawn)."""
    if w is None:
        return None
    return {"recording": w.recording, "by": w.by, "recorded_at": w.recorded_at.isoformat(),
            "note": w.note}


def to_json(data: object) -> str:
    """JSON as the standard has it: a number that is not finite (a projection that overflowed)
    is written ``null``, never ``Infinity`` or ``NaN``, which no strict parser reads."""
    try:
        return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    except ValueError:
        return json.dumps(_finite(data), ensure_ascii=False, indent=2, allow_nan=False)


def _finite(data: object) -> object:
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [_finite(value) for value in data]
    return data


def to_csv(rows: Iterable[dict[str, object]], fields: Sequence[str]) -> str:
    """CSV with a UTF-8 byte-order mark, so that Excel and WPS show Chinese; lists joined by 、."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_cell(row.get(f)) for f in fields])
    return "\ufeff" + buffer.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    text = str(value)
    # A cell that starts like a formula is stored as text, so a spreadsheet never runs it.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text):
        return "'" + text
    return text


#: A number as a spreadsheet reads one: Python's float() also takes inf, nan and 1_000, which a
#: spreadsheet would try to run as a formula after a leading - or +.
_SPREADSHEET_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _is_number(text: str) -> bool:
    return _SPREADSHEET_NUMBER.fullmatch(text) is not None
