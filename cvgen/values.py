"""Frozen value classes, made cheaply.

``@dataclass(frozen=True)`` compiles six methods for every class when its module is
imported (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``,
``__delattr__``); a build imports about sixty such classes, and compiling their methods
cost it ~0.1 s, a tenth of reportlab's own import. Here only ``__init__`` is made per
class; the rest is written once, in ``Value``. To mypy a ``@frozen`` class is a frozen
dataclass (``dataclass_transform``), and at run time ``Value`` keeps it so.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, dataclass_transform

V = TypeVar("V", bound="Value")


class Value:
    """Equality and hashing by field values, a dataclass-like repr, and no assignment once
    made (each field is set once: by ``__init__``, by pickle or by a validator)."""

    if TYPE_CHECKING:  # what ``dataclasses.fields`` asks of its argument
        __dataclass_fields__: ClassVar[dict[str, Any]]

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
    return dataclass(repr=False, eq=False)(cls)
