"""The typed values' rules (``modelrules``) as pydantic-core validator schemas, made here.

pydantic makes the same schemas from the same classes, but importing it and walking the
classes costs ~600 M instructions, three quarters of reportlab's own import; this walk
costs a few. It knows only what the typed values use: str, int, float, bool, Any, None,
Literal, unions (tagged by ``Field(discriminator=...)`` or not), lists, dicts, the
dataclasses, and the ``modelrules`` stand-ins; anything else is refused when the schema is
made, not guessed at. ``tests/test_coreschema.py`` checks that every schema equals
pydantic's own for the same class, so validation and its messages stay pydantic's.
"""

from __future__ import annotations

import dataclasses
import datetime
import inspect
import sys
import types
from collections.abc import Callable
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from cvgen.modelrules import WholeCheck, deferred_parts

Schema = dict[str, Any]

# Field(...) keywords that are constraints, and the schema types that hold each.
_CONSTRAINTS = {
    "min_length": {"str", "list", "dict"},
    "max_length": {"str", "list", "dict"},
    "ge": {"int", "float"},
    "le": {"int", "float"},
    "gt": {"int", "float"},
    "lt": {"int", "float"},
}
# Field(...) keywords for documents (JSON schemas) only.
_DESCRIPTIVE = frozenset({"description", "title", "examples", "json_schema_extra"})
# Stand-ins that change serializing or JSON schemas, never validation.
_NOT_VALIDATING = frozenset({"PlainSerializer", "WithJsonSchema"})
_SIMPLE = {str: "str", int: "int", float: "float", bool: "bool", datetime.date: "date"}


def core_schema(kind: type[Any]) -> Schema:
    """The validator schema of a typed value's class."""
    return _Walk().schema(kind)


class _Walk:
    """One walk over a class and the types it holds. A dataclass met twice shares its
    schema; pydantic's config of a dataclass without its own is the enclosing one's."""

    def __init__(self) -> None:
        self._configs: list[dict[str, Any]] = [{}]
        self._made: dict[tuple[type[Any], str], Schema] = {}
        self._open: set[type[Any]] = set()

    def schema(self, tp: Any) -> Schema:
        origin = get_origin(tp)
        if origin is Annotated:
            base, *rules = get_args(tp)
            return self._annotated(base, rules)
        if tp in _SIMPLE:
            return {"type": _SIMPLE[tp]}
        if tp is Any:
            return {"type": "any"}
        if tp is None or tp is type(None):
            return {"type": "none"}
        if origin is Literal:
            return {"type": "literal", "expected": list(dict.fromkeys(get_args(tp)))}
        if origin is Union or origin is types.UnionType:
            return self._union(get_args(tp))
        if origin is list:
            (item,) = get_args(tp)
            return {"type": "list", "items_schema": self.schema(item)}
        if origin is dict:
            key, value = get_args(tp)
            return {
                "type": "dict",
                "keys_schema": self.schema(key),
                "values_schema": self.schema(value),
            }
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return self._dataclass(tp)
        raise TypeError(f"coreschema: no schema for {tp!r}")

    def _union(self, members: tuple[Any, ...]) -> Schema:
        present = [m for m in members if m is not type(None)]
        inner = (
            self.schema(present[0])
            if len(present) == 1
            else {"type": "union", "choices": [self.schema(m) for m in present]}
        )
        return {"type": "nullable", "schema": inner} if len(present) < len(members) else inner

    def _annotated(self, base: Any, rules: list[Any]) -> Schema:
        # The stand-ins hand pydantic its annotations from the last to the first, so
        # pydantic applies the last one first (innermost): so do we.
        schema = self.schema(base)
        for rule in reversed(rules):
            schema = _applied(rule, schema)
        return schema

    def _dataclass(self, cls: type[Any]) -> Schema:
        own = getattr(cls, "__pydantic_config__", None)
        config = dict(own) if own is not None else self._configs[-1]
        key = (cls, repr(sorted(config.items())))
        made = self._made.get(key)
        if made is not None:
            return made
        if cls in self._open:
            raise TypeError(f"coreschema: {cls.__name__} holds itself; not supported")
        self._open.add(cls)
        self._configs.append(config)
        try:
            made = self._made[key] = self._dataclass_schema(cls, config)
        finally:
            self._configs.pop()
            self._open.discard(cls)
        return made

    def _dataclass_schema(self, cls: type[Any], config: dict[str, Any]) -> Schema:
        every = dataclasses.fields(cls)
        hints = _field_types(cls, {f.name for f in every})
        schema: Schema = {
            "type": "dataclass",
            "cls": cls,
            "config": {**_core_config(config), "title": cls.__name__},
            "fields": [f.name for f in every],
            "frozen": False,
            "post_init": hasattr(cls, "__post_init__"),
            "slots": False,
            "schema": {
                "type": "dataclass-args",
                "dataclass_name": cls.__name__,
                "fields": [self._field(f, hints[f.name]) for f in every],
                "collect_init_only": False,
                "computed_fields": [],
            },
        }
        if issubclass(cls, WholeCheck):
            return _after(cls._checked, schema)
        return schema

    def _field(self, f: dataclasses.Field[Any], tp: Any) -> Schema:
        schema = self.schema(tp)
        if callable(f.default_factory):
            schema = {
                "type": "default",
                "schema": schema,
                "default_factory": f.default_factory,
                "default_factory_takes_data": False,
            }
        elif f.default is not dataclasses.MISSING:
            schema = {"type": "default", "schema": schema, "default": f.default}
        made: Schema = {"type": "dataclass-field", "name": f.name, "schema": schema, "init": f.init}
        if not f.kw_only:
            made["kw_only"] = False
        return made


_EVALUATED: dict[tuple[str, str], Any] = {}


def _field_types(cls: type[Any], names: set[str]) -> dict[str, Any]:
    """The fields' types: each annotation's text evaluated in the module that declares it,
    as ``typing.get_type_hints`` would, but each text once (it compiles every one again, and
    most repeat: "Text | None")."""
    found: dict[str, Any] = {}
    for base in reversed(cls.__mro__):
        module = sys.modules[base.__module__]
        for name, text in vars(base).get("__annotations__", {}).items():
            if name in names:
                found[name] = _evaluated(text, module) if isinstance(text, str) else text
    return found


def _evaluated(text: str, module: types.ModuleType) -> Any:
    key = (module.__name__, text)
    if key not in _EVALUATED:
        _EVALUATED[key] = eval(text, vars(module))  # our own modules' annotations
    return _EVALUATED[key]


def _core_config(config: dict[str, Any]) -> dict[str, Any]:
    unknown = set(config) - {"extra"}
    if unknown:
        raise TypeError(f"coreschema: config {sorted(unknown)} not supported")
    return {"extra_fields_behavior": config["extra"]} if "extra" in config else {}


def _applied(rule: Any, schema: Schema) -> Schema:
    name, args, kwargs = deferred_parts(rule)
    if name in _NOT_VALIDATING:
        return schema
    if name == "Field":
        return _field_rules(kwargs, schema)
    (function,) = args
    if name == "AfterValidator":
        return _after(function, schema)
    if name == "BeforeValidator":  # json_schema_input_type: JSON schemas only
        return {"type": "function-before", "function": _function(function), "schema": schema}
    if name == "PlainValidator":
        return {"type": "function-plain", "function": _function(function)}
    raise TypeError(f"coreschema: no rule {name}")


def _after(function: Callable[..., Any], schema: Schema) -> Schema:
    return {"type": "function-after", "function": _function(function), "schema": schema}


@cache
def _function(function: Callable[..., Any]) -> Schema:
    """A validator function, told whether it takes pydantic's info as second argument
    (as pydantic tells it: by how many positional parameters it has)."""
    parameters = [
        p
        for p in inspect.signature(function).parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty
    ]
    if len(parameters) == 1:
        return {"type": "no-info", "function": function}
    if len(parameters) == 2:
        return {"type": "with-info", "function": function}
    raise TypeError(f"coreschema: validator {function!r} takes {len(parameters)} arguments")


def _field_rules(rules: dict[str, Any], schema: Schema) -> Schema:
    if schema["type"] == "nullable":  # pydantic: constraints are on what may be None
        return {**schema, "schema": _field_rules(rules, schema["schema"])}
    made = dict(schema)
    for name, value in rules.items():
        if name in _DESCRIPTIVE:
            continue
        if name == "discriminator":
            made = _tagged(made, value)
        elif name in _CONSTRAINTS and made["type"] in _CONSTRAINTS[name]:
            made[name] = value
        else:
            raise TypeError(f"coreschema: Field({name}=...) on a {made['type']} not supported")
    return made


def _tagged(schema: Schema, tag: str) -> Schema:
    """A union told apart by one literal field of its dataclasses."""
    if schema["type"] != "union":
        raise TypeError("coreschema: a discriminator needs a union")
    choices: dict[Any, Schema] = {}
    for choice in schema["choices"]:
        for value in _tag_values(choice, tag):
            choices[value] = choice
    return {
        "type": "tagged-union",
        "choices": choices,
        "discriminator": tag,
        "from_attributes": True,
        "strict": False,
    }


def _tag_values(choice: Schema, tag: str) -> list[Any]:
    while choice["type"] != "dataclass":
        choice = choice["schema"]  # through a whole-value check
    for f in choice["schema"]["fields"]:
        if f["name"] == tag and f["schema"]["type"] == "literal":
            return list(f["schema"]["expected"])
    raise TypeError(f"coreschema: {choice['cls'].__name__}.{tag} is not a Literal")
