"""Frozen value classes, made cheaply.

``@dataclass(frozen=True)`` writes six methods for every class as source text and compiles
them when its module is imported (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__``, ``__delattr__``); a build imports about sixty such classes, and
compiling their methods cost it ~135 M instructions, a sixth of reportlab's own import. Here nothing is compiled per class: ``Value`` holds each method once, reading the
class's dataclass fields. To mypy a ``@frozen`` class is a frozen dataclass with the
usual typed ``__init__`` (``dataclass_transform``); at run time ``Value`` keeps it frozen
and ``Value.__init__`` takes the arguments the same way (by position in field order, or
by keyword; defaults and factories; ``__post_init__``).
"""

from __future__ import annotations

from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, dataclass_transform

V = TypeVar("V", bound="Value")


_REQUIRED, _VALUE, _FACTORY = range(3)  # how a field gets its value when not given
_UNSET = object()


class _Fields:
    """A class's fields as ``__init__`` and the comparisons need them, worked out once."""

    def __init__(self, cls: type[Value]) -> None:
        every = fields(cls)
        self.names = tuple(f.name for f in every)
        taken = [f for f in every if f.init]
        self.positional = tuple(f.name for f in taken if not f.kw_only)
        self.taken = frozenset(f.name for f in taken)
        self.plan = tuple((f.name, *_default(f)) for f in taken)
        self.later = tuple((f.name, *_default(f)) for f in every if not f.init)
        self.post_init = hasattr(cls, "__post_init__")
        # What __init__ starts an instance's state from: every field it sets, in order,
        # holding its default, or _UNSET where the value is required or made by a factory.
        set_by_init = (*self.plan, *((n, h, d) for n, h, d in self.later if h != _REQUIRED))
        self.start = {name: d if how == _VALUE else _UNSET for name, how, d in set_by_init}
        self.unset = tuple(name for name, how, _ in set_by_init if how != _VALUE)
        self.factories = {name: d for name, how, d in set_by_init if how == _FACTORY}


def _default(f: Field[Any]) -> tuple[int, Any]:
    if callable(f.default_factory):
        return _FACTORY, f.default_factory
    return (_REQUIRED, None) if f.default is MISSING else (_VALUE, f.default)


_FIELDS: dict[type[Any], _Fields] = {}


def _fields_of(cls: type[Value]) -> _Fields:
    made = _FIELDS.get(cls)
    if made is None:
        made = _FIELDS[cls] = _Fields(cls)
    return made


class Value:
    """Equality and hashing by field values, a dataclass-like repr, and no assignment once
    made (fields are set once: by ``__init__``, by pickle or by a validator)."""

    if TYPE_CHECKING:  # what ``dataclasses.fields`` asks of its argument
        __dataclass_fields__: ClassVar[dict[str, Any]]

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """The class's fields in order (``dataclasses.fields``, worked out once)."""
        return _fields_of(cls).names

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        spec = _fields_of(type(self))
        given = kwargs
        if args:
            if len(args) > len(spec.positional):
                raise TypeError(f"{self._name()} takes {len(spec.positional)} positional arguments")
            given = dict(zip(spec.positional, args, strict=False))
            if not given.keys().isdisjoint(kwargs):
                raise TypeError(f"{self._name()} got a field twice")
            given.update(kwargs)
        if not spec.taken.issuperset(given):
            raise TypeError(f"{self._name()} takes no {sorted(set(given) - spec.taken)}")
        state = dict(spec.start)
        state.update(given)  # keeps the fields' order: every key is already there
        for name in spec.unset:
            if state[name] is _UNSET:
                factory = spec.factories.get(name)
                if factory is None:
                    raise TypeError(f"{self._name()} missing required argument {name!r}")
                state[name] = factory()
        vars(self).update(state)  # as object.__setattr__ field by field: no descriptors
        if spec.post_init:
            self.__post_init__()  # type: ignore[attr-defined]

    def _name(self) -> str:
        return f"{type(self).__name__}()"

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _fields_of(type(self)).names)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Value) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        names = _fields_of(type(self)).names
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    if not TYPE_CHECKING:  # hidden from mypy, which would then allow any attribute

        def __setattr__(self, name: str, value: Any) -> None:
            # __init__, pickle and validators set fields without coming here.
            raise FrozenInstanceError(f"cannot assign to {name!r}")

        def __delattr__(self, name: str) -> None:
            raise FrozenInstanceError(f"cannot delete {name!r}")


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
