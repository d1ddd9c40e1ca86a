"""One profile, many CVs: a variant picks sections, entries and bullets by title and tag.

Selection comes right after loading, so only what will print is prepared and checked; the
selected profile keeps the way back to where each kept part was written, so an error or a
warning about it still names the right line of the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field, replace
from pathlib import Path
from typing import Any, cast

from cvgen.errors import CvgenError
from cvgen.overrides import PathKey
from cvgen.profile import Profile, Section, Variant
from cvgen.sourcemap import LoadedProfile, SourceMap
from cvgen.values import Value, frozen

Origins = dict[PathKey, PathKey]  # a kept part's place in the selection → its place as written


@frozen
class SelectedProfile(Value):
    """The part of the profile one CV prints, and where in the file each part came from."""

    profile: Profile
    variant: str | None
    source: SourceMap
    origins: Mapping[PathKey, PathKey] = field(default_factory=dict)

    @property
    def base_dir(self) -> Path:
        return self.source.file.parent

    def source_path(self, path: PathKey) -> PathKey:
        """``path`` in the selection → the same field's path in the profile as written."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.origins:
                return self.origins[path[:end]] + path[end:]
        return path

    def error(self, path: PathKey, message: str) -> CvgenError:
        return self.source.error(self.source_path(path), message)


def select(loaded: LoadedProfile, name: str | None) -> SelectedProfile:
    """What the variant ``name`` prints (everything when None), with its origins."""
    profile, origins = _selected(loaded.profile, name)
    return SelectedProfile(profile, name, loaded.source, origins)


def select_variant(profile: Profile, name: str | None) -> Profile:
    """The profile as the variant ``name`` prints it (the default CV when None).

    Untagged entries and bullets always print. A tagged one prints only when the variant
    includes one of its tags (if it names any) and excludes none of them. The default
    CV prints everything.
    """
    return _selected(profile, name)[0]


def _selected(profile: Profile, name: str | None) -> tuple[Profile, Origins]:
    if name is None:  # everything prints, but no variant's own fields
        return replace(profile, variants={}), {}
    variant = profile.variants[name]
    where = {section.title: index for index, section in enumerate(profile.sections)}
    chosen = (
        [where[title] for title in variant.sections]
        if variant.sections is not None
        else range(len(profile.sections))
    )
    origins: Origins = {}
    sections = []
    for index, written in enumerate(chosen):
        origins[("sections", index)] = ("sections", written)
        sections.append(_filtered(profile.sections[written], variant, (index, written), origins))
    own: dict[str, Any] = {
        "title": variant.title,
        "max_pages": variant.max_pages,
        "locale": variant.locale,
    }
    for key, value in own.items():
        if value:  # the variant's own value replaces the profile's setting
            origins[("settings", key)] = ("variants", name, key)
    settings = replace(
        profile.settings,
        **{key: value or getattr(profile.settings, key) for key, value in own.items()},
    )
    # One CV has no variants of its own (their section titles may not all be kept).
    selected = replace(profile, sections=sections, settings=settings, variants={})
    return selected, origins


def _filtered(section: Section, variant: Variant, at: tuple[int, int], origins: Origins) -> Section:
    entries = getattr(section, "entries", None)
    if entries is None:
        return section
    wanted = [(e, entry) for e, entry in enumerate(entries) if _wanted(entry.tags, variant)]
    limit = _limit(section.title, variant)
    kept = []
    for index, (written, entry) in enumerate(wanted[:limit] if limit is not None else wanted):
        here, there = ("sections", at[0], "entries", index), ("sections", at[1], "entries", written)
        origins[here] = there
        kept.append(_without_unwanted_lines(entry, variant, here, there, origins))
    filtered: Section = replace(cast(Any, section), entries=kept)  # entries of its own kind
    return filtered


def _wanted(tags: Any, variant: Variant) -> bool:
    tags = set(tags)
    if tags & set(variant.exclude_tags):
        return False
    return not (tags and variant.include_tags) or bool(tags & set(variant.include_tags))


def _without_unwanted_lines(
    entry: Any, variant: Variant, here: PathKey, there: PathKey, origins: Origins
) -> Any:
    updates = {}
    for name in ("bullets", "details"):
        if not hasattr(entry, name):
            continue
        lines: list[Any] = []
        for written, line in enumerate(getattr(entry, name)):
            if _wanted(getattr(line, "tags", ()), variant):
                origins[(*here, name, len(lines))] = (*there, name, written)
                lines.append(line)
        updates[name] = lines
    return replace(entry, **updates) if updates else entry


def _limit(title: str, variant: Variant) -> int | None:
    if isinstance(variant.max_entries, dict):
        return variant.max_entries.get(title)
    return variant.max_entries
