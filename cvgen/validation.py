"""Plain data → typed values (the dataclasses of ``profile``, ``theme``, ``application``),
and back: the one module that validates, serializes or makes JSON schemas.

Validating needs only pydantic-core: its validators are built from schemas made by
``coreschema`` from the rules declared on the dataclasses (``modelrules``), and a built
validator is kept between processes (``buildcache``: its key changes with cvgen's code and
pydantic-core's version). Serializing and JSON schemas (exporters, ``cvgen schema``) use
pydantic itself, which costs ~600 M instructions to import and to walk the classes: three
quarters of reportlab's own import, which a build does not pay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from pydantic_core import SchemaValidator, ValidationError

if TYPE_CHECKING:
    from pydantic import TypeAdapter

__all__ = ["ValidationError", "dump", "json_schema", "validate"]

T = TypeVar("T")
_KIND = "validators"
_VALIDATORS: dict[type[Any], SchemaValidator] = {}  # once per process and type
_ADAPTERS: dict[type[Any], Any] = {}


def validate(kind: type[T], data: Any) -> T:
    """``data`` (a mapping from YAML or JSON) as a ``kind``; raises ``ValidationError``."""
    validator = _VALIDATORS.get(kind)
    if validator is None:
        validator = _VALIDATORS[kind] = _kept_validator(kind)
    made: T = validator.validate_python(data)
    return made


def dump(value: Any, *, json: bool = True, exclude_defaults: bool = False) -> Any:
    """A typed value as plain data that validating again accepts: JSON-ready, or with
    Python's values (``json=False``) where they are kept as they are."""
    return _adapter(type(value)).dump_python(
        value, mode="json" if json else "python", exclude_defaults=exclude_defaults
    )


def json_schema(kind: type[Any]) -> dict[str, Any]:
    return _adapter(kind).json_schema()


def _adapter(kind: type[T]) -> TypeAdapter[T]:
    made: TypeAdapter[T] | None = _ADAPTERS.get(kind)
    if made is None:
        from pydantic import TypeAdapter

        made = _ADAPTERS[kind] = TypeAdapter(kind)
    return made


def _kept_validator(kind: type[Any]) -> SchemaValidator:
    from cvgen.buildcache import cache_key, load_entry, store_entry
    from cvgen.coreschema import core_schema

    key = cache_key(_KIND, f"{kind.__module__}.{kind.__qualname__}")
    kept = load_entry(_KIND, key)
    if isinstance(kept, SchemaValidator):
        return kept
    made = SchemaValidator(core_schema(kind))
    store_entry(_KIND, key, made, inputs=())
    return made
