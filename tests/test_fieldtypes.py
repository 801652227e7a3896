"""One walker of the models' field types (fieldtypes.py), asked by the schema (Pydantic
annotations), by ``model.build`` (values read back from plain data) and by ``load`` (which
model a path of a plan file reaches). A kind of field it does not know is refused by all three
alike, and a new scalar is taught to all three in one place."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

import pydantic
import pytest

from linzi_kpi import fieldtypes, schema
from linzi_kpi.fieldtypes import FieldType, field_type, fields_of
from linzi_kpi.load import _model_at
from linzi_kpi.model import (
    Comparator,
    Grading,
    Kind,
    Plan,
    PlanInfo,
    Section,
    Target,
    Task,
    build,
    to_data,
)


class Colour(Enum):
    red = "red"


@dataclass(frozen=True)
class Inner:
    name: str


@pytest.mark.parametrize(("annotation", "expected"), [
    (str, FieldType(str)), (float, FieldType(float)), (int, FieldType(int)),
    (bool, FieldType(bool)), (dt.date, FieldType(dt.date)), (Colour, FieldType(Colour)),
    (Inner, FieldType(Inner)), (tuple[str, ...], FieldType(str, many=True)),
    (dt.date | None, FieldType(dt.date, optional=True)),
    (tuple[Inner, ...] | None, FieldType(Inner, many=True, optional=True)),
])
def test_the_kinds_of_field_a_model_may_have(annotation, expected) -> None:
    assert field_type(annotation) == expected


@pytest.mark.parametrize("annotation", [list[str], dict[str, int], tuple[int, str],
                                        int | str, tuple[str | None, ...], dt.datetime, object])
def test_any_other_kind_is_refused_saying_where_kinds_are_taught(annotation) -> None:
    with pytest.raises(TypeError, match="fieldtypes.py says which are read"):
        field_type(annotation)


def test_the_plan_s_fields_as_the_walker_reads_them() -> None:
    assert fields_of(Task)["targets"] == FieldType(Target, many=True)
    assert fields_of(Target)["comparator"] == FieldType(Comparator)
    assert fields_of(Target)["deadline"] == FieldType(dt.date, optional=True)
    assert fields_of(Plan)["grading"] == FieldType(Grading)
    # the model a path reaches (for the hint of an unknown key), by the same walker
    assert [_model_at(loc) for loc in [(), ("plan",), ("grading",), ("tasks", 0),
                                       ("tasks", 0, "targets", 3), ("sections", 1),
                                       ("tasks", 0, "title"), ("nowhere",)]] == [
        Plan, PlanInfo, Grading, Task, Target, Section, None, None]


def test_a_new_scalar_is_taught_in_one_place(monkeypatch: pytest.MonkeyPatch) -> None:
    @dataclass(frozen=True)
    class Stamped:
        at: dt.datetime
        notes: tuple[str, ...] = field(default=())

    with pytest.raises(TypeError):
        schema.model_for(Stamped)
    monkeypatch.setitem(fieldtypes.SCALARS, dt.datetime, dt.datetime.fromisoformat)
    fields_of.cache_clear()
    schema.model_for.cache_clear()
    try:
        checked = schema.model_for(Stamped).model_validate({"at": dt.datetime(2023, 6, 30, 9)})
        assert checked.at == dt.datetime(2023, 6, 30, 9)
        with pytest.raises(pydantic.ValidationError):
            schema.model_for(Stamped).model_validate({"at": "yesterday", "notes": []})
        assert build(Stamped, {"at": "2023-06-30T09:00:00", "notes": ["a"]}) == Stamped(
            dt.datetime(2023, 6, 30, 9), ("a",))
    finally:
        fields_of.cache_clear()
        schema.model_for.cache_clear()


def test_a_plan_reads_back_equal_from_its_plain_data() -> None:
    """What the plan cache stores (``to_data``) is built back into the same plan: dates from
    text, enums from values, tuples from lists, floats from integers."""
    target = Target("1.1", "指标", "示例1200个", 1200.0, "个", Comparator.at_least,
                    Kind.increment, dt.date(2023, 6, 30), stretch=1500.0)
    plan = Plan(plan=PlanInfo("示例", "示例", "1号", dt.date(2023, 1, 1), dt.date(2023, 1, 1),
                              dt.date(2023, 12, 31), "s.txt"),
                units=("个",), departments=(), sections=(Section(1, "一"),),
                tasks=(Task(1, 1, "任务", "任务。", lead=("甲",), targets=(target,)),))
    data = to_data(plan)
    assert data["tasks"][0]["targets"][0]["deadline"] == "2023-06-30"
    data["tasks"][0]["targets"][0]["target"] = 1200  # as JSON writes a whole float
    rebuilt = build(Plan, data)
    assert rebuilt == plan
    assert type(rebuilt.tasks[0].targets[0].target) is float
    assert dataclasses.asdict(rebuilt) == dataclasses.asdict(plan)
