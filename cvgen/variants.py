"""One profile, many CVs: a variant picks sections, entries and bullets by title and tag."""

from __future__ import annotations

from typing import Any

from cvgen.profile import Profile, Section, Variant


def select_variant(profile: Profile, name: str | None) -> Profile:
    """The profile as the variant ``name`` prints it (the default CV when None).

    Untagged entries and bullets always print. A tagged one prints only when the variant
    includes one of its tags (if it names any) and excludes none of them. The default
    CV prints everything.
    """
    if name is None:
        return profile
    variant = profile.variants[name]
    by_title = {section.title: section for section in profile.sections}
    chosen = (
        [by_title[t] for t in variant.sections]
        if variant.sections is not None
        else profile.sections
    )
    sections = [_filtered(section, variant) for section in chosen]
    settings = profile.settings.model_copy(
        update={
            "title": variant.title or profile.settings.title,
            "max_pages": variant.max_pages or profile.settings.max_pages,
            "locale": variant.locale or profile.settings.locale,
        }
    )
    return profile.model_copy(update={"sections": sections, "settings": settings})


def _filtered(section: Section, variant: Variant) -> Section:
    entries = getattr(section, "entries", None)
    if entries is None:
        return section
    kept = [_without_unwanted_lines(e, variant) for e in entries if _wanted(e.tags, variant)]
    limit = _limit(section.title, variant)
    return section.model_copy(update={"entries": kept[:limit] if limit is not None else kept})


def _wanted(tags: Any, variant: Variant) -> bool:
    tags = set(tags)
    if tags & set(variant.exclude_tags):
        return False
    return not (tags and variant.include_tags) or bool(tags & set(variant.include_tags))


def _without_unwanted_lines(entry: Any, variant: Variant) -> Any:
    updates = {
        field: [
            line for line in getattr(entry, field) if _wanted(getattr(line, "tags", ()), variant)
        ]
        for field in ("bullets", "details")
        if hasattr(entry, field)
    }
    return entry.model_copy(update=updates) if updates else entry


def _limit(title: str, variant: Variant) -> int | None:
    if isinstance(variant.max_entries, dict):
        return variant.max_entries.get(title)
    return variant.max_entries
