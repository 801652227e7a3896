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
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, Strict, create_model

from .dates import FIRST, LAST
from .fieldtypes import FieldType, fields_of
from .i18n import N_, _
from .model import Plan, build

_CONFIG = ConfigDict(frozen=True, extra="forbid", strict=True)


#: Constraints every field of a scalar type has, unless its metadata says otherwise.
#: A date is within 1900–2100, as every date ``kpi`` reads (``dates.FIRST``…``dates.LAST``):
#: no plan is dated outside them, and date arithmetic near year 1 or 9999 overflows.
_DEFAULTS: dict[type, dict[str, Any]] = {str: {"min_length": 1}, float: {"allow_inf_nan": False},
                                         dt.date: {"ge": FIRST, "le": LAST}}


def _annotation(kind: FieldType, meta: dict[str, Any]) -> Any:
    """The Pydantic annotation of a field: its type (``fieldtypes``), its description and
    its constraints (from the field's metadata)."""
    description = meta.get("doc")
    annotation: Any
    if kind.many:  # a list in YAML; the constraints are the items' own
        item = _annotation(FieldType(kind.base), {})
        # (a type built at run time, which a static checker cannot follow)
        annotation = Annotated[tuple[item, ...], Strict(False),  # type: ignore[valid-type]
                               Field(description=description)]
    elif kind.model is not None:
        annotation = Annotated[model_for(kind.model), Field(description=description)]
    elif kind.is_enum:
        annotation = Annotated[kind.base, Strict(False), Field(description=description)]
    else:
        constraints = {**_DEFAULTS.get(kind.base, {}),
                       **{k: v for k, v in meta.items() if k != "doc"}}
        annotation = Annotated[kind.base, Field(description=description, **constraints)]
    return annotation | None if kind.optional else annotation


@functools.cache
def model_for(cls: type) -> type[BaseModel]:
    """The Pydantic model of one dataclass, built once."""
    kinds = fields_of(cls)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        annotation = _annotation(kinds[f.name], dict(f.metadata))
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


#: What each object of the plan file is, for an editor's hover help: the schema's words for the
#: classes (their docstrings are the code's). The fields' descriptions are their metadata's
#: (``model._c``), message ids as these are.
OBJECTS = {
    "Plan": N_("The whole plan file: metadata, grading thresholds, units, departments, sections, "
               "tasks."),
    "PlanInfo": N_("What the document is: issuer, number, date, period and where its text lies."),
    "Grading": N_("Thresholds between on_track, at_risk and off_track: in points behind 序时进度, "
                  "and for a growth rate in percentage points short of its target."),
    "Department": N_("A department of the registry, with the other spellings the document uses."),
    "Section": N_("One of the document's sections."),
    "Task": N_("One numbered task of the document: its text, departments and targets."),
    "Target": N_("One numeric commitment, with the verbatim words it comes from."),
    "Comparator": N_("How an actual figure is compared with the target number."),
    "Review": N_("A part of the plan that no person has checked yet: kpi draft writes "
                 "review: draft."),
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the plan file, its descriptions (an editor's hover help to the people
    who edit tasks.yaml) in the language of the run; its keys, types and titles (the keys'
    names) the same in every language."""
    schema = model_for(Plan).model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = _("kpi plan file (tasks.yaml)")
    _described(schema)
    schema["description"] = _(OBJECTS["Plan"])
    for name, definition in schema.get("$defs", {}).items():
        if name in OBJECTS:
            definition["description"] = _(OBJECTS[name])
        else:  # a class the table does not know: no English docstring in a Chinese schema
            definition.pop("description", None)
    return schema


def _described(node: Any) -> None:
    """Every field's description in ``node`` in the language of the run."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                node[key] = _(value)
            else:
                _described(value)
    elif isinstance(node, list):
        for item in node:
            _described(item)
