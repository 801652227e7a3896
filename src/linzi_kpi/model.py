"""The plan and the ledger as immutable values. No I/O happens here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, Strict, model_validator

from .enums import Comparator, Kind, State, Status

__all__ = ["Comparator", "Kind", "State", "Status", "Plan", "Record", "Target", "Task"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


NonEmpty = Annotated[str, Field(min_length=1)]
Fraction = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
Number = Annotated[float, Field(allow_inf_nan=False)]
# Lists in YAML become tuples here: strict mode would refuse a list for a tuple.
Names = Annotated[tuple[NonEmpty, ...], Strict(False)]


class Target(_Model):
    """One numeric commitment, with the verbatim words it comes from."""

    id: Annotated[str, Field(pattern=r"^[1-9][0-9]*\.[1-9][0-9]*$")]
    label: NonEmpty
    quote: NonEmpty
    target: Number
    unit: NonEmpty
    comparator: Annotated[Comparator, Strict(False)]
    kind: Annotated[Kind, Strict(False)]
    deadline: dt.date | None = None
    baseline: Number | None = None

    @property
    def task_number(self) -> int:
        return int(self.id.split(".", 1)[0])


class Task(_Model):
    number: Annotated[int, Field(ge=1)]
    section: Annotated[int, Field(ge=1)]
    title: NonEmpty
    text: NonEmpty
    lead: Names = ()
    responsible: Names = ()
    targets: Annotated[tuple[Target, ...], Strict(False)] = ()


class Section(_Model):
    number: Annotated[int, Field(ge=1)]
    title: NonEmpty


class Department(_Model):
    name: NonEmpty
    aliases: Names = ()
    collective: bool = False


class Grading(_Model):
    """Thresholds between on_track, at_risk and off_track, in points behind 序时进度."""

    at_risk_gap: Fraction = 0.10
    off_track_gap: Fraction = 0.30
    approx_tolerance: Fraction = 0.05

    @model_validator(mode="after")
    def _ordered(self) -> Grading:
        if self.off_track_gap < self.at_risk_gap:
            raise ValueError("off_track_gap must not be smaller than at_risk_gap")
        return self


class PlanInfo(_Model):
    title: NonEmpty
    issuer: NonEmpty
    document_number: NonEmpty
    issued: dt.date
    period_start: dt.date
    period_end: dt.date
    source: NonEmpty  # path of the source document, relative to the plan file

    @model_validator(mode="after")
    def _period(self) -> PlanInfo:
        if self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        return self


class Plan(_Model):
    plan: PlanInfo
    grading: Grading = Grading()
    units: Names
    departments: Annotated[tuple[Department, ...], Strict(False)]
    sections: Annotated[tuple[Section, ...], Strict(False)]
    tasks: Annotated[tuple[Task, ...], Strict(False)]

    def deadline(self, target: Target) -> dt.date:
        return target.deadline or self.plan.period_end

    def targets(self) -> list[tuple[Task, Target]]:
        return [(task, target) for task in self.tasks for target in task.targets]

    def department_index(self) -> dict[str, str]:
        """Every name and alias → its canonical name."""
        index: dict[str, str] = {}
        for dept in self.departments:
            index[dept.name] = dept.name
            for alias in dept.aliases:
                index[alias] = dept.name
        return index


@dataclass(frozen=True, slots=True)
class Record:
    """One line of the progress ledger: a figure for a target, or a state for a task.

    ``target`` is a target id (``23.1``) with a numeric ``value``, or a task number (``19``)
    with a ``state``.
    """

    target: str
    value: float | None
    state: State | None
    date: dt.date
    recorded_at: dt.datetime
    by: str = ""
    source: str = ""
    note: str = ""
    unit: str = ""

    @property
    def is_state(self) -> bool:
        return self.state is not None

    def sort_key(self) -> tuple[dt.date, dt.datetime]:
        return (self.date, self.recorded_at)
