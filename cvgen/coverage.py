"""Which characters can print: a character no bundled font has would be drawn blank and
extracted as NUL, so it is taken out of the text and reported with its place instead."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from cvgen.loader import LoadedProfile
from cvgen.overrides import PathKey
from cvgen.profile import Profile

# Link targets and file paths are not drawn as text; changing them would break them.
_NOT_DRAWN = {"url", "portrait", "logo", "filename", "email"}


def printable_profile(loaded: LoadedProfile, family: str) -> tuple[Profile, list[str]]:
    """The profile without characters no bundled font draws (the text family and its
    fallbacks), and one warning per field that had some."""
    from cvgen.fonts import uncovered

    warnings: list[str] = []

    def clean(value: str, where: PathKey) -> str:
        missing = uncovered(value, family)  # in order of appearance
        if not missing:
            return value
        shown = ", ".join(f"{ch!r} U+{ord(ch):04X}" for ch in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        message = f"warning: no bundled font has {shown}{more}; left out of the PDF"
        warnings.append(str(loaded.source.error(where, message)))
        return "".join(ch for ch in value if ch not in missing)

    data = loaded.profile.model_dump(exclude_defaults=True)
    cleaned = _map_text(data, (), clean)
    if not warnings:
        return loaded.profile, warnings
    try:
        return Profile.model_validate(cleaned), warnings
    except ValidationError as exc:  # a required field held nothing printable
        where = tuple(exc.errors()[0]["loc"])
        raise loaded.source.error(where, "has no character a bundled font can print") from None


def _map_text(data: Any, where: PathKey, clean: Any) -> Any:
    if isinstance(data, str):
        return clean(data, where)
    if isinstance(data, dict):
        return {
            key: value if key in _NOT_DRAWN else _map_text(value, (*where, key), clean)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [_map_text(value, (*where, index), clean) for index, value in enumerate(data)]
    return data
