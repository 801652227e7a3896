"""The Pydantic models that validate a plan file, derived from the dataclasses in ``model.py``.

Every model is frozen and strict with ``extra="forbid"``: a typo in a key, a string where a
number belongs or an unquoted id fails loudly. Strings must not be empty and numbers must be
finite; a field's metadata adds its own constraints (a pattern, a range) and its description.
Lists are accepted for tuples and strings for enums, as YAML writes them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from enum import Enum
from typing import Annotated, Any, Optional

from pydantic import BaseModel, ConfigDict, Field, Strict, create_model

from .model import Plan, build

_CONFIG = ConfigDict(frozen=True, extra="forbid", strict=True)


def _annotation(tp: Any, meta: dict[str, Any]) -> Any:
    constraints = {k: v for k, v in meta.items() if k != "doc"}
    description = meta.get("doc")
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = next(a for a in typing.get_args(tp) if a is not type(None))
        return Optional[_annotation(inner, meta)]
    if origin is tuple:
        item = _annotation(typing.get_args(tp)[0], {})
        return Annotated[tuple[item, ...], Strict(False), Field(description=description)]
    if dataclasses.is_dataclass(tp):
        return Annotated[model_for(tp), Field(description=description)]
    if isinstance(tp, type) and issubclass(tp, Enum):
        return Annotated[tp, Strict(False), Field(description=description)]
    if tp is str:
        constraints.setdefault("min_length", 1)
    if tp is float:
        constraints.setdefault("allow_inf_nan", False)
    if tp in (str, float, int, bool, dt.date):
        return Annotated[tp, Field(description=description, **constraints)]
    raise TypeError(f"no schema for {tp!r}")  # a model field of a kind this module doesn't know


@functools.cache
def model_for(cls: type) -> type[BaseModel]:
    """The Pydantic model of one dataclass, built once."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        annotation = _annotation(hints[f.name], dict(f.metadata))
        if f.default is not dataclasses.MISSING:
            fields[f.name] = (annotation, f.default)
        elif f.default_factory is not dataclasses.MISSING:
            factory = f.default_factory
            if dataclasses.is_dataclass(factory):  # a nested model's defaults, as its schema
                factory = model_for(factory)
            fields[f.name] = (annotation, Field(default_factory=factory))
        else:
            fields[f.name] = (annotation, ...)
    return create_model(cls.__name__, __config__=_CONFIG, __doc__=cls.__doc__, **fields)


def validate(data: Any) -> Plan:
    """A plan from parsed YAML; raises ``pydantic.ValidationError`` listing every fault."""
    checked = model_for(Plan).model_validate(data)
    return build(Plan, checked.model_dump())


def json_schema() -> dict[str, Any]:
    schema = model_for(Plan).model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "kpi plan file (tasks.yaml)"
    return schema
