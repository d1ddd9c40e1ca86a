"""Which characters can print: a character no bundled font has would be drawn blank and
extracted as NUL, so it is taken out of the text and reported with its place instead."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, Protocol, TypeVar

from cvgen.errors import CvgenError
from cvgen.overrides import PathKey
from cvgen.profile import Profile
from cvgen.values import Value
from cvgen.variants import SelectedProfile

# Link targets and file paths are not drawn as text; changing them would break them.
_NOT_DRAWN = frozenset({"url", "portrait", "logo", "filename", "email"})
_ADDRESSES = frozenset({"url", "email"})  # printed letter for letter where they print at all


UpperCase = Callable[[PathKey], bool]  # whether the field at this path is drawn upper-cased


def printable_profile(
    selected: SelectedProfile, family: str, *, upper_case: UpperCase = lambda where: False
) -> tuple[Profile, list[str]]:
    """The selected profile without characters no bundled font draws (the text family and
    its fallbacks), and one warning per printed field that had some. Fields the theme
    draws upper-cased are checked as drawn: 'ʇ' is covered, its capital U+A7B1 is not."""
    return printable(selected.profile, selected, family, upper_case=upper_case)


M = TypeVar("M")


class Locates(Protocol):
    """Says where a field was written (a SourceMap, or a selection mapping back to one)."""

    def error(self, path: PathKey, message: str) -> CvgenError: ...


def printable(
    model: M,
    source: Locates,
    family: str,
    *,
    not_drawn: frozenset[str] = frozenset(),
    upper_case: UpperCase = lambda where: False,
) -> tuple[M, list[str]]:
    """Any of our models (a profile, an application) cleaned the same way; ``not_drawn``
    names more keys whose values are never drawn as text."""
    from cvgen.fonts import uncovered

    if _all_printable(model, family):
        return model, []  # the usual case, found without the model's serializer (see below)
    warnings: list[str] = []

    def clean(value: str, where: PathKey) -> str:
        upper = upper_case(where)
        missing = uncovered(value.upper() if upper else value, family)  # in order of appearance
        if not missing:
            return value
        shown = ", ".join(f"{ch!r} U+{ord(ch):04X}" for ch in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        message = f"warning: no bundled font has {shown}{more}; left out of the PDF"
        warnings.append(str(source.error(where, message)))
        if upper:  # leave out the letters whose capitals cannot print
            return "".join(ch for ch in value if not set(ch.upper()) & set(missing))
        return "".join(ch for ch in value if ch not in missing)

    from cvgen.validation import ValidationError, dump, validate

    data = dump(model, json=False, exclude_defaults=True)
    _refuse_unprintable_addresses(data, (), source, family)
    cleaned = _map_text(data, (), clean, _NOT_DRAWN | not_drawn)
    if not warnings:
        return model, warnings
    try:
        return validate(type(model), cleaned), warnings
    except ValidationError as exc:  # a required field held nothing printable
        where = tuple(exc.errors()[0]["loc"])
        raise source.error(where, "has no character a bundled font can print") from None


def _all_printable(model: Any, family: str) -> bool:
    """Whether every text in the model, as written and in capitals, can print: then there
    is nothing to clean or refuse. Read straight from the instances: dumping them would
    import pydantic and build a serializer, which a profile restored from the cache never
    needs otherwise. Checks more than the full pass (defaults, tags), never less. The
    texts' distinct characters are checked together: a 500-entry CV has 20,000 texts but
    a few hundred characters."""
    from cvgen.fonts import uncovered

    texts = "".join(_texts(model))
    return not uncovered("".join({*texts, *texts.upper()}), family)


# Numbers, booleans and missing values: drawn from digits and words we print. Most of a
# profile's values are these (a 500-publication CV: 15,000 of 37,000).
_NO_TEXT = frozenset({type(None), bool, int, float})


def _texts(model: Any) -> list[str]:
    """Every text in the model (tags included), in no particular order; a stack, not
    recursion: one call for the whole profile instead of one per value."""
    texts: list[str] = []
    stack = [model]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind in _NO_TEXT:
            continue
        if kind is str:
            texts.append(value)
        elif isinstance(value, str):
            texts.append(value)
            stack.extend(getattr(value, "tags", ()))  # TaggedText: its tags are texts as well
        elif isinstance(value, Value):
            stack.extend(_field_values(kind)(value))
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list | tuple):
            stack.extend(value)
        # else dates and the like: drawn from digits and words we print
    return texts


FieldValues = Callable[[Any], tuple[Any, ...]]
_FIELD_VALUES: dict[type[Value], FieldValues] = {}


def _field_values(kind: type[Value]) -> FieldValues:
    """Reads all of a class's fields at once (attrgetter gives a bare value for one name)."""
    made = _FIELD_VALUES.get(kind)
    if made is None:
        names = kind.field_names()
        if len(names) == 1:
            made = lambda value: (getattr(value, names[0]),)  # noqa: E731
        else:
            made = attrgetter(*names) if names else lambda value: ()
        _FIELD_VALUES[kind] = made
    return made


def _refuse_unprintable_addresses(data: Any, where: PathKey, source: Locates, family: str) -> None:
    """An e-mail address or a link is drawn as written (ats spells links out), and one letter
    less would be someone else's address: a character no font has is an error here, not a
    warning, in every theme, so changing the theme never turns a valid profile invalid."""
    from cvgen.fonts import uncovered

    if isinstance(data, dict):
        for key, value in data.items():
            if (
                key in _ADDRESSES
                and isinstance(value, str)
                and (missing := uncovered(value, family))
            ):
                shown = ", ".join(f"{ch!a} U+{ord(ch):04X}" for ch in missing[:5])
                message = f"no bundled font has {shown}, and an address cannot lose a letter"
                raise source.error((*where, key), message)
            _refuse_unprintable_addresses(value, (*where, key), source, family)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _refuse_unprintable_addresses(value, (*where, index), source, family)


def _map_text(data: Any, where: PathKey, clean: Any, not_drawn: frozenset[str]) -> Any:
    if isinstance(data, str):
        return clean(data, where)
    if isinstance(data, dict):
        return {
            key: value if key in not_drawn else _map_text(value, (*where, key), clean, not_drawn)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [
            _map_text(value, (*where, index), clean, not_drawn) for index, value in enumerate(data)
        ]
    return data
