"""The validators are built from ``coreschema``'s schemas, not pydantic's: here every typed
value's schema is checked equal to the one pydantic makes from the same class, so
validation and its messages are pydantic's own. Only what never validates is left out of
the comparison: serializers, JSON-schema hints, metadata, and how pydantic shares a
dataclass met twice (a definition and references to it; ours shares the same dict)."""

from __future__ import annotations

from dataclasses import is_dataclass
from typing import Annotated, Any

import pytest
from pydantic import TypeAdapter

import cvgen.application
import cvgen.profile
import cvgen.theme
from cvgen.coreschema import core_schema
from cvgen.dates import PartialDate
from cvgen.modelrules import AfterValidator, Field, Record, record
from cvgen.validation import ValidationError, validate

_NOT_VALIDATING = frozenset({"ref", "metadata", "serialization", "json_schema_input_schema"})


def _every_record() -> list[type[Any]]:
    assert cvgen.profile and cvgen.theme and cvgen.application  # their classes, defined
    found: list[type[Any]] = []
    todo = [k for k in Record.__subclasses__() if k.__module__.startswith("cvgen.")]
    while todo:
        kind = todo.pop()
        found.append(kind)
        todo.extend(kind.__subclasses__())
    made = {kind for kind in found if is_dataclass(kind)}  # not WholeCheck, a base
    return sorted(made, key=lambda k: f"{k.__module__}.{k.__qualname__}")


def _validating(schema: Any, definitions: dict[str, Any] | None = None) -> Any:
    """A schema with pydantic's shared definitions put in place and with what does not
    validate left out."""
    definitions = definitions or {}
    if isinstance(schema, list):
        return [_validating(item, definitions) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if schema.get("type") == "definitions":
        more = {**definitions, **{d["ref"]: d for d in schema["definitions"]}}
        return _validating(schema["schema"], more)
    if schema.get("type") == "definition-ref":
        return _validating(definitions[schema["schema_ref"]], definitions)
    node = isinstance(schema.get("type"), str)
    return {
        key: _validating(value, definitions)
        for key, value in schema.items()
        if not (node and key in _NOT_VALIDATING)
    }


KINDS = [*_every_record(), PartialDate]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__qualname__)
def test_each_schema_is_the_one_pydantic_makes(kind: type[Any]) -> None:
    assert _validating(core_schema(kind)) == _validating(TypeAdapter(kind).core_schema)


def test_every_kind_the_program_validates_is_compared() -> None:
    names = {k.__qualname__ for k in KINDS}
    assert {"Profile", "Theme", "Application", "Publication", "Letter"} <= names
    assert len(KINDS) > 25  # 29 when written


def _shout(value: str) -> str:
    return value.upper()


@record
class Sample(Record):
    """Rules in the order written, a constraint on what may be None, a default."""

    name: Annotated[str, AfterValidator(_shout), Field(min_length=2)]
    share: Annotated[float | None, Field(ge=0, le=1, description="a part")] = None
    tags: Annotated[list[str], Field(min_length=1)]


@record
class Odd(Record):
    when: complex


def test_the_rules_of_a_class_of_the_tests_follow_pydantic_too() -> None:
    assert _validating(core_schema(Sample)) == _validating(TypeAdapter(Sample).core_schema)
    assert validate(Sample, {"name": "ab", "tags": ["x"]}).name == "AB"
    with pytest.raises(ValidationError) as caught:
        validate(Sample, {"name": "a", "share": 2, "tags": []})
    kinds = sorted(error["type"] for error in caught.value.errors())
    assert kinds == ["less_than_equal", "string_too_short", "too_short"]


def test_what_it_does_not_know_is_refused_when_made() -> None:
    with pytest.raises(TypeError, match="no schema for"):
        core_schema(Odd)
