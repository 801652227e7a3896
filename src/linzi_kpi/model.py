"""The plan and the ledger as immutable values. No I/O happens here, and no Pydantic.

The models are frozen dataclasses so that the commands run often (``kpi record``) can use a plan
without importing Pydantic; ``schema.py`` derives the Pydantic models that validate a plan file
from these classes and their field metadata, so the two cannot disagree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple, TypeVar

from .enums import Comparator, Kind, Review, State, Status
from .fieldtypes import FieldType, fields_of

T = TypeVar("T")

__all__ = ["Comparator", "Kind", "Review", "State", "Status", "Plan", "Record", "Target", "Task"]


def _c(doc: str, **constraints: object) -> dict[str, object]:
    """Field metadata: a description for the JSON Schema (a message id: ``i18n_tools`` extracts
    it, ``schema.json_schema`` says it in the language of the run), and constraints the schema
    enforces."""
    return {"doc": doc, **constraints}


@dataclass(frozen=True, slots=True)
class Target:
    """One numeric commitment, with the verbatim words it comes from."""

    id: str = field(metadata=_c('"<task>.<n>", e.g. "23.1"; quoted in YAML',
                                pattern=r"^[1-9][0-9]*\.[1-9][0-9]*$"))
    label: str = field(metadata=_c("a short label of what is counted"))
    quote: str = field(metadata=_c("the shortest verbatim span of the document with the number"))
    target: float = field(metadata=_c("the number as the document writes it"))
    unit: str = field(metadata=_c("the unit exactly as written: 万千瓦 stays 万千瓦"))
    comparator: Comparator = field(metadata=_c("at_least | at_most | approx | maintain_at_least"))
    kind: Kind = field(metadata=_c("increment (new during the period) | level (a stock or ratio) "
                                   "| rate (a growth or change rate so far this year: 增长8%以上)"))
    deadline: dt.date | None = field(default=None, metadata=_c("when the text names one; "
                                                               "else the period end"))
    baseline: float | None = field(default=None, metadata=_c(
        "a level's figure at the period start (上年末数), where the plan knows it"))
    baseline_source: str | None = field(default=None, metadata=_c(
        "where the baseline comes from, e.g. 2022年统计公报; required with a baseline"))
    stretch: float | None = field(default=None, metadata=_c("the upper end of a range (2—4家): "
                                                            "the floor is the target"))
    review: Review | None = field(default=None, metadata=_c("draft: not yet checked by a person "
                                                            "(kpi draft writes it)"))
    reporter: str | None = field(default=None, metadata=_c(
        "the department that reports this figure, where it is not the task's reporter"))

    @property
    def task_number(self) -> int:
        return int(self.id.split(".", 1)[0])


@dataclass(frozen=True, slots=True)
class Task:
    """One numbered task of the document: its text, departments and targets."""

    number: int = field(metadata=_c("the task's number in the document", ge=1))
    section: int = field(metadata=_c("the number of its section", ge=1))
    title: str = field(metadata=_c("the words between the number and the first 。"))
    text: str = field(metadata=_c("the task's whole paragraph, verbatim"))
    lead: tuple[str, ...] = field(default=(), metadata=_c("牵头部门, as written"))
    responsible: tuple[str, ...] = field(default=(), metadata=_c("责任部门, as written"))
    targets: tuple[Target, ...] = field(default=(), metadata=_c("its numeric targets"))
    review: Review | None = field(default=None, metadata=_c("draft: not yet checked by a person "
                                                            "(kpi draft writes it)"))
    reporter: str | None = field(default=None, metadata=_c(
        "the department that reports the task's figures and state; default: the first lead "
        "department, else the first responsible one that is not a collective name"))


@dataclass(frozen=True, slots=True)
class Section:
    """One of the document's sections."""

    number: int = field(metadata=_c("the section's number: 一 … 十二 as 1 … 12", ge=1))
    title: str = field(metadata=_c("the section heading's words, without its number"))
    heading: str | None = field(default=None, metadata=_c("the heading as the document writes "
                                                          "it, when not 一、 and the title"))


@dataclass(frozen=True, slots=True)
class Department:
    """A department of the registry, with the other spellings the document uses."""

    name: str = field(metadata=_c("the canonical name"))
    aliases: tuple[str, ...] = field(default=(), metadata=_c("other spellings in the document"))
    collective: bool = field(default=False, metadata=_c("a name for a group of units"))


@dataclass(frozen=True, slots=True)
class Grading:
    """Thresholds between on_track, at_risk and off_track: in points behind 序时进度, and for a
    growth rate in percentage points short of its target."""

    at_risk_gap: float = field(default=0.10, metadata=_c("at risk from this far behind", ge=0, le=1))
    off_track_gap: float = field(default=0.30, metadata=_c("off track beyond this", ge=0, le=1))
    approx_tolerance: float = field(default=0.05, metadata=_c("左右: met within this share "
                                                              "below the number", ge=0, le=1))
    rate_at_risk_points: float = field(default=1.0, metadata=_c(
        "a rate (kind: rate) is at risk from this many percentage points short of its target "
        "(1.0: 6.9 % against 8 %)", ge=0, le=100))
    rate_off_track_points: float = field(default=3.0, metadata=_c(
        "a rate is off track more than this many percentage points short of its target",
        ge=0, le=100))


@dataclass(frozen=True, slots=True)
class PlanInfo:
    """What the document is: issuer, number, date, period and where its text lies."""

    title: str = field(metadata=_c("the document's title"))
    issuer: str = field(metadata=_c("the issuing office"))
    document_number: str = field(metadata=_c("文号"))
    issued: dt.date = field(metadata=_c("the issue date"))
    period_start: dt.date = field(metadata=_c("first day of the plan period"))
    period_end: dt.date = field(metadata=_c("last day of the plan period"))
    source: str = field(metadata=_c("the source document, relative to the plan file"))
    review: Review | None = field(default=None, metadata=_c("draft: not yet checked by a person "
                                                            "(kpi draft writes it)"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """The whole plan file: metadata, grading thresholds, units, departments, sections, tasks."""

    plan: PlanInfo
    grading: Grading = field(default_factory=Grading)
    units: tuple[str, ...] = field(metadata=_c("every unit a target may use"))
    count_units: tuple[str, ...] = field(default=(), metadata=_c(
        "the units that count whole things (家, 个, 人 …): a figure in them is a whole number"))
    departments: tuple[Department, ...] = field(metadata=_c("the department registry"))
    sections: tuple[Section, ...]
    tasks: tuple[Task, ...]

    def deadline(self, target: Target) -> dt.date:
        return target.deadline or self.plan.period_end

    def targets(self) -> list[tuple[Task, Target]]:
        return [(task, target) for task in self.tasks for target in task.targets]

    def reporter(self, task: Task, target: Target | None = None) -> str | None:
        """Who reports ``target``'s figure (or, without one, ``task``'s state), by its canonical
        name: the target's ``reporter:``, else the task's, else the task's first lead
        department, else its first responsible one; a collective name (各镇、街道) is never a
        default reporter. None where the task names nobody else. The one rule of who owes a
        figure: templates, returns and the lists of missing figures all ask it."""
        index = self.department_index()
        named = (target.reporter if target is not None else None) or task.reporter
        if named:
            return index.get(named, named)
        collective = {d.name for d in self.departments if d.collective}
        for name in (*task.lead, *task.responsible):
            canonical = index.get(name, name)
            if canonical not in collective:
                return canonical
        return None

    def department_index(self) -> dict[str, str]:
        """Every name and alias → its canonical name."""
        index: dict[str, str] = {}
        for dept in self.departments:
            index[dept.name] = dept.name
            for alias in dept.aliases:
                index[alias] = dept.name
        return index


def build(cls: type[T], data: Mapping[str, Any]) -> T:
    """A model from plain data that has been validated already (by ``schema.validate``, or read
    back from the plan cache): nested mappings become models, lists tuples, strings dates and
    enums (``fieldtypes`` says which field is what). Nothing is checked here."""
    model: type = cls  # (as a plain class: the cache of fields_of is keyed by it)
    types = fields_of(model)
    return cls(**{name: _value(types[name], value) for name, value in data.items()})


def _value(kind: FieldType, value: Any) -> Any:
    if value is None:
        return None
    if kind.many:
        return tuple(_one(kind, v) for v in value)
    return _one(kind, value)


def _one(kind: FieldType, value: Any) -> Any:
    return build(kind.model, value) if kind.model is not None else kind.read(value)


def to_data(plan: Plan) -> dict[str, Any]:
    """Plain JSON-ready data of a plan: the inverse of ``build(Plan, …)``."""
    data: dict[str, Any] = _plain(dataclasses.asdict(plan))
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class Record(NamedTuple):
    """One line of the progress ledger: a figure for a target, or a state for a task.

    ``target`` is a target id (``23.1``) with a numeric ``value``, or a task number (``19``)
    with a ``state``. A named tuple: a ledger holds hundreds of thousands of them.
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
    #: The id of the recording that wrote it (one per ``kpi record``, mark, import …); empty in
    #: ledgers written before ids.
    recording: str = ""
    #: A withdrawal: the recording id of the figure it withdraws (``-``: a figure without one);
    #: such a record carries no value or state and counts nowhere itself.
    withdraws: str = ""
    #: The recording ids of the figures (same target and date) this one corrects, space-separated.
    corrects: str = ""

    def sort_key(self) -> tuple[dt.date, dt.datetime]:
        return (self.date, self.recorded_at)
