"""Frozen value classes, made cheaply.

``@dataclass(frozen=True)`` writes six methods for every class as source text and compiles
them when its module is imported (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__``, ``__delattr__``); a build imports about sixty such classes, and
compiling their methods cost it ~0.15 s on a slow machine, a sixth of reportlab's own
import. Here nothing is compiled per class: ``Value`` holds each method once, reading the
class's dataclass fields. To mypy a ``@frozen`` class is a frozen dataclass with the
usual typed ``__init__`` (``dataclass_transform``); at run time ``Value`` keeps it frozen
and ``Value.__init__`` takes the arguments the same way (by position in field order, or
by keyword; defaults and factories; ``__post_init__``).
"""

from __future__ import annotations

from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, dataclass_transform

V = TypeVar("V", bound="Value")


class _Arguments:
    """How a class's ``__init__`` takes its fields, worked out once per class."""

    def __init__(self, cls: type[Value]) -> None:
        taken = [f for f in fields(cls) if f.init]
        self.positional = tuple(f.name for f in taken if not f.kw_only)
        self.names = frozenset(f.name for f in taken)
        self.taken = taken
        self.later = [f for f in fields(cls) if not f.init and _has_default(f)]
        self.post_init = hasattr(cls, "__post_init__")


_ARGUMENTS: dict[type[Any], _Arguments] = {}


def _has_default(f: Field[Any]) -> bool:
    return f.default is not MISSING or f.default_factory is not MISSING


def _default(f: Field[Any]) -> Any:
    factory = f.default_factory
    return factory() if callable(factory) else f.default


class Value:
    """Equality and hashing by field values, a dataclass-like repr, and no assignment once
    made (each field is set once: by ``__init__``, by pickle or by a validator)."""

    if TYPE_CHECKING:  # what ``dataclasses.fields`` asks of its argument
        __dataclass_fields__: ClassVar[dict[str, Any]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        spec = _ARGUMENTS.get(cls) or _ARGUMENTS.setdefault(cls, _Arguments(cls))
        if len(args) > len(spec.positional):
            raise TypeError(f"{cls.__name__}() takes {len(spec.positional)} positional arguments")
        given = dict(zip(spec.positional, args, strict=False))
        for name in kwargs:
            if name not in spec.names or name in given:
                raise TypeError(f"{cls.__name__}() got an unexpected or repeated {name!r}")
        given.update(kwargs)
        for f in spec.taken:
            if f.name in given:
                value = given[f.name]
            elif _has_default(f):
                value = _default(f)
            else:
                raise TypeError(f"{cls.__name__}() missing required argument {f.name!r}")
            object.__setattr__(self, f.name, value)
        for f in spec.later:
            object.__setattr__(self, f.name, _default(f))
        if spec.post_init:
            self.__post_init__()  # type: ignore[attr-defined]

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Value) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        if name in self.__dict__:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: type[V]) -> type[V]:
    """A frozen dataclass on ``Value``: fields by position or keyword."""
    return dataclass(init=False, repr=False, eq=False)(named(cls))


def named(cls: type[V]) -> type[V]:
    """The class, with ``Name()`` as docstring if it has none: ``dataclass`` would write
    ``Name(signature)`` with ``inspect.signature`` (~0.25 M instructions a class, at every
    import). Like that one, it is not taken as a description in JSON schemas."""
    cls.__doc__ = cls.__doc__ or f"{cls.__name__}()"
    return cls
