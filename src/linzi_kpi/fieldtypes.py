"""What each field of a model is, read once from its annotation: the one walker of the
models' types. No I/O, no Pydantic.

Three things ask it: ``schema`` (the Pydantic annotation that validates the field),
``model.build`` (a value read back from plain data: the plan cache, Pydantic's dump) and
``load`` (which model a path of a plan file reaches, for the hint of an unknown key). A field is
a scalar, an enum or a model, possibly a tuple of them (``tuple[X, ...]``), possibly optional
(``X | None``). A new kind of scalar is added to ``SCALARS``, with how its value is read back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any


def _same(value: Any) -> Any:
    return value


def _date(value: Any) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


#: The scalars a model field may hold, each with how its value is read back from plain data
#: (JSON writes a date as text, and an integer-valued float as an integer).
SCALARS: dict[type, Callable[[Any], Any]] = {
    str: _same, bool: _same, int: _same, float: float, dt.date: _date,
}


@dataclass(frozen=True)
class FieldType:
    """A field's type: its ``base`` (a scalar, an enum or a model class), whether it is a tuple
    of them (``many``) and whether it may be None (``optional``)."""

    base: type
    many: bool = False
    optional: bool = False

    @functools.cached_property
    def model(self) -> type | None:
        """The model class the field holds (one, or a tuple of them), if it holds one."""
        return self.base if dataclasses.is_dataclass(self.base) else None

    @functools.cached_property
    def is_enum(self) -> bool:
        return issubclass(self.base, Enum)

    def read(self, value: Any) -> Any:
        """A scalar or enum value from plain data: a date from its text, an enum from its
        value, a float from an integer. (A model's value is built by ``model.build``.)"""
        return self.base(value) if self.is_enum else SCALARS[self.base](value)


def field_type(annotation: Any) -> FieldType:
    """The field type an annotation spells; ``TypeError`` for a kind no model may use."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1 and len(args) == 2:
            return dataclasses.replace(field_type(inner[0]), optional=True)
    elif origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = field_type(args[0])
            if not (item.many or item.optional):
                return FieldType(item.base, many=True)
    elif annotation in SCALARS or (isinstance(annotation, type) and (
            issubclass(annotation, Enum) or dataclasses.is_dataclass(annotation))):
        return FieldType(annotation)
    raise TypeError(f"no field type for {annotation!r}: fieldtypes.py says which are read")


@functools.cache
def fields_of(cls: type) -> dict[str, FieldType]:
    """The field types of a model class (a dataclass), by field name, read once."""
    hints = typing.get_type_hints(cls)
    return {f.name: field_type(hints[f.name]) for f in dataclasses.fields(cls)}
