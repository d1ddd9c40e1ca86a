"""Rules for the typed values (profile, theme, application), declared without pydantic.

The typed values are plain frozen dataclasses, so a profile restored from the cache and the
layout that reads it never import pydantic. Their rules are written with these stand-ins,
named and called like pydantic's own annotations (``Field(min_length=1)``,
``AfterValidator(fn)``, ...). ``coreschema`` reads them to make the validators' schemas;
pydantic makes the real annotations only when it serializes or writes a JSON schema, through
its public ``__get_pydantic_core_schema__`` hook. Defaults belong on the dataclass field,
not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, TypeVar, dataclass_transform

from cvgen.values import Value, named

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema


class Record(Value):
    """A typed value (the profile's, a theme's, an application's parts): a frozen value
    class whose unknown keys pydantic refuses (a typo must not be lost in silence).
    Declared ``@record class X(Record)``, fields by keyword."""

    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}


R = TypeVar("R", bound=Record)


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
def record(cls: type[R]) -> type[R]:
    """A typed value's class: a frozen dataclass on ``Record`` (see ``values``) whose
    fields are given by keyword only, so a field with a default may come first."""
    return dataclass(init=False, kw_only=True, repr=False, eq=False)(named(cls))


def empty(kind: type[list[Any]] | type[dict[str, Any]]) -> Any:
    """A field that is an empty list (or mapping) unless given, shown so in the JSON schema
    (pydantic leaves a factory's default out)."""
    return field(default_factory=kind, metadata={"json_schema_extra": {"default": kind()}})


def made_by_default(kind: type[Any]) -> Any:
    """A field that is ``kind()`` unless given, its values shown in the JSON schema."""
    return field(default_factory=kind, metadata={"json_schema_extra": partial(_default, kind)})


def _default(kind: type[Any], schema: dict[str, Any]) -> None:
    from cvgen.validation import dump  # pydantic: only when a schema is made

    schema["default"] = dump(kind())


class _Deferred:
    """One of pydantic's annotation objects, made when pydantic asks for the schema."""

    __slots__ = ("_args", "_kwargs", "_name")

    def __init__(self, name: str, *args: Any, **kwargs: Any) -> None:
        self._name = name
        self._args = args
        self._kwargs = kwargs

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        import pydantic

        made = getattr(pydantic, self._name)(*self._args, **self._kwargs)
        return handler(Annotated[source, made])

    def __repr__(self) -> str:
        return f"{self._name}(*{self._args!r}, **{self._kwargs!r})"


def deferred_parts(rule: Any) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
    """A stand-in's pydantic name and arguments (``coreschema`` reads them)."""
    if not isinstance(rule, _Deferred):
        raise TypeError(f"not a modelrules stand-in: {rule!r}")
    return rule._name, rule._args, rule._kwargs


def Field(**kwargs: Any) -> Any:
    """pydantic's ``Field`` for constraints and descriptions (no ``default``: see above)."""
    if "default" in kwargs or "default_factory" in kwargs:
        raise TypeError("a default belongs on the dataclass field")
    return _Deferred("Field", **kwargs)


def AfterValidator(function: Any) -> Any:
    return _Deferred("AfterValidator", function)


def BeforeValidator(function: Any, **kwargs: Any) -> Any:
    return _Deferred("BeforeValidator", function, **kwargs)


def PlainValidator(function: Any) -> Any:
    return _Deferred("PlainValidator", function)


def PlainSerializer(function: Any, **kwargs: Any) -> Any:
    return _Deferred("PlainSerializer", function, **kwargs)


def WithJsonSchema(schema: dict[str, Any]) -> Any:
    return _Deferred("WithJsonSchema", schema)


class PlacedError(ValueError):
    """A whole-value check's problem with where it stands inside the value checked (a
    path of keys and indexes), so the message can point at that line."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.path = path


class WholeCheck(Record):
    """A dataclass that pydantic checks as a whole once its fields are valid
    (``check_whole`` raises ``ValueError``, or ``PlacedError``). Only validation runs it:
    copies made with ``dataclasses.replace`` during selection are not checked again."""

    def check_whole(self) -> None:
        raise NotImplementedError

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(cls._checked, handler(source))

    @classmethod
    def _checked(cls, value: WholeCheck) -> WholeCheck:
        value.check_whole()
        return value
