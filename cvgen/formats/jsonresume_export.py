"""Profile → JSON Resume (schema v1.2.1): a document valid against the schema, in the fixed
forms ``jsonresume_import`` reads back (see ``jsonresume``'s module doc)."""

from __future__ import annotations

import json
import re
from typing import Any, assert_never

from cvgen.dates import PartialDate
from cvgen.formats.jsonresume_import import reference_details
from cvgen.formats.jsonresume_shape import (
    AUTHORS,
    EXTENSION,
    FOLDED_LISTS,
    GPA,
    KEYWORDS,
    PUBLICATION_DETAILS,
    ROLES,
    without_empty,
)
from cvgen.inline import link_targets, plain_text
from cvgen.profile import (
    Advisor,
    EducationEntry,
    EducationSection,
    ExperienceEntry,
    ExperienceSection,
    Item,
    ItemsSection,
    Person,
    Profile,
    Publication,
    PublicationsSection,
    Referee,
    RefereesSection,
    Section,
    TextSection,
)

_ISO8601 = re.compile(
    r"^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$"
)
_AWARD_TITLE = re.compile(r"award|honou?r|prize|scholarship|fellowship|medal|grant", re.IGNORECASE)
_ITEM_KINDS = (
    ("certificates", re.compile(r"certifica|licen[cs]e", re.IGNORECASE)),
    ("skills", re.compile(r"skill", re.IGNORECASE)),
    ("languages", re.compile(r"language", re.IGNORECASE)),
    ("interests", re.compile(r"interest|hobb", re.IGNORECASE)),
    ("awards", _AWARD_TITLE),
)
_PARTS_IN_SCHEMA_ORDER = (
    "work", "volunteer", "education", "awards", "certificates", "publications",
    "skills", "languages", "interests", "references", "projects",
)  # fmt: skip


def export_jsonresume(profile: Profile) -> dict[str, Any]:
    """The profile as a JSON Resume document, keys in the schema's order, empty parts left out."""
    document: dict[str, Any] = {"basics": _basics(profile)}
    parts: dict[str, list[dict[str, Any]]] = {}
    for section in profile.sections:
        kind, entries = _exported_section(section)
        if kind:
            parts.setdefault(kind, []).extend(entries)
    document.update((kind, parts[kind]) for kind in _PARTS_IN_SCHEMA_ORDER if parts.get(kind))
    return document


def dump_jsonresume(profile: Profile) -> str:
    """``export_jsonresume`` as JSON text, for ``cvgen export jsonresume``."""
    return json.dumps(export_jsonresume(profile), indent=2, ensure_ascii=False) + "\n"


def _basics(profile: Profile) -> dict[str, Any]:
    person: Person = profile.person
    texts = [s.text for s in profile.sections if isinstance(s, TextSection)]
    summary = person.bio or (texts[0] if texts else None)
    basics = without_empty(
        {
            "name": person.name,
            "label": _plain(person.tagline),
            "email": person.email,
            "phone": person.phone,
            "url": person.homepage.url if person.homepage else None,
            "summary": _plain(summary),
            "location": _location_fields(person.location) if person.location else None,
        }
    )
    profiles = [
        without_empty({"network": p.network, "username": p.username, "url": p.url})
        for p in person.profiles
    ]
    if profiles:
        basics["profiles"] = profiles
    return basics


def _location_fields(line: str) -> dict[str, str]:
    """Fields from "address, city, region, country", read from the end (see module doc)."""
    parts = line.split(", ")  # the import joins with ", ": a lone "," stays inside a part
    if any(not part or part != part.strip() for part in parts):
        return {"address": line}  # no clean split: keep the line whole
    fields: dict[str, str] = {}
    if len(parts) > 1 and re.fullmatch(r"[A-Z]{2}", parts[-1]):
        fields["countryCode"] = parts.pop()
    elif len(parts) == 1 and re.fullmatch(r"[A-Z]{2}", parts[0]):
        return {"countryCode": parts[0]}
    if len(parts) > 1:
        fields["region"] = parts.pop()
    if parts:
        fields["city"] = parts.pop()
    if parts:
        fields["address"] = ", ".join(parts)
    order = ("address", "city", "region", "countryCode")
    return {key: fields[key] for key in order if key in fields}


def _exported_section(section: Section) -> tuple[str | None, list[dict[str, Any]]]:
    """Which part of the document a section feeds, and its entries there."""
    match section:
        case EducationSection():
            return "education", [_education(entry) for entry in section.entries]
        case PublicationsSection():
            return "publications", [_publication(entry) for entry in section.entries]
        case ExperienceSection():
            if re.search(r"project", section.title, re.IGNORECASE):
                return "projects", [_project(entry) for entry in section.entries]
            key = "volunteer" if re.search(r"volunt", section.title, re.IGNORECASE) else "work"
            return key, [_work(entry, key) for entry in section.entries]
        case ItemsSection():
            kind = next(
                (kind for kind, pattern in _ITEM_KINDS if pattern.search(section.title)), "projects"
            )
            return kind, [_item(item, kind, section.title) for item in section.entries]
        case RefereesSection():
            return "references", [_reference(referee) for referee in section.entries]
        case TextSection():
            return None, []  # JSON Resume has no free text besides basics.summary
        case _:
            assert_never(section)


def _education(entry: EducationEntry) -> dict[str, Any]:
    study_type, area = _degree_parts(_plain(entry.degree))
    details = [plain_text(detail) for detail in entry.details]
    score = _take_prefixed(details, GPA, at=0)
    return without_empty(
        {
            "institution": plain_text(entry.institution),
            "url": entry.url,
            "area": area,
            "studyType": study_type,
            **_date_range(entry.start, entry.end),
            "score": score,
            "courses": details,
            EXTENSION: _people_extension(entry, advisors=True),
        }
    )


def _take_prefixed(lines: list[str], prefix: str, *, at: int) -> str | None:
    """Pop ``lines[at]`` if it starts with ``prefix`` (where the import puts such a line)."""
    if not lines or not lines[at].startswith(prefix):
        return None
    return lines.pop(at).removeprefix(prefix)


def _split_list(text: str | None) -> list[str]:
    """Items of "a, b"; a list that would not join back to the same text stays whole."""
    if not text:
        return []
    items = text.split(", ")
    return items if all(item and item == item.strip() for item in items) else [text]


def _degree_parts(degree: str | None) -> tuple[str | None, str | None]:
    """(studyType, area): "MSc in Physics" → ("MSc", "Physics"); "MSc" → ("MSc", None).

    Only " in " splits, as the import joins with it; "Bachelor of Arts" stays whole.
    """
    if not degree:
        return None, None
    study_type, found, area = degree.partition(" in ")
    if found and study_type and area and study_type == study_type.strip() and area == area.strip():
        return study_type, area
    return degree, None


def _work(entry: ExperienceEntry, key: str) -> dict[str, Any]:
    return without_empty(
        {
            "organization" if key == "volunteer" else "name": _plain(entry.organization),
            "position": plain_text(entry.role),
            "location": entry.location,
            "url": entry.url,
            **_date_range(entry.start, entry.end),
            "summary": _advised_line(entry.advisors),
            "highlights": [plain_text(bullet) for bullet in entry.bullets],
            EXTENSION: _people_extension(entry, advisors=False),
        }
    )


def _project(entry: ExperienceEntry) -> dict[str, Any]:
    texts = [plain_text(bullet) for bullet in entry.bullets]
    # The import appends roles, then keywords, after the highlights.
    keywords = _take_prefixed(texts, KEYWORDS, at=-1)
    roles = _take_prefixed(texts, ROLES, at=-1)
    advised = _advised_line(entry.advisors)
    return without_empty(
        {
            "name": plain_text(entry.role),
            "description": texts[0] if texts else advised,
            "highlights": texts[1:] + ([advised] if texts and advised else []),
            "keywords": _split_list(keywords),
            **_date_range(entry.start, entry.end),
            "url": entry.url,
            "roles": _split_list(roles),
            "entity": _plain(entry.organization),
            EXTENSION: _people_extension(entry, advisors=False),
        }
    )


def _people_extension(entry: EducationEntry | ExperienceEntry, *, advisors: bool) -> dict[str, Any]:
    """The names the schema has no field for, kept whole for a later import: an education's
    advisors (work says them in its summary), mentors, and lines of names with a label."""
    return without_empty(
        {
            "advisors": [_person(a) for a in entry.advisors] if advisors else [],
            "mentors": [_person(m) for m in entry.mentors],
            "people": [
                {"label": line.label, "names": [_person(n) for n in line.names]}
                for line in entry.people
            ],
        }
    )


def _person(person: Advisor) -> dict[str, str]:
    return without_empty({"name": person.name, "title": person.title, "url": person.url})


def _advised_line(advisors: list[Advisor]) -> str | None:
    names = [f"{a.title} {a.name}" if a.title else a.name for a in advisors]
    if not names:
        return None
    return "Advised by " + (
        ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    )


def _publication(pub: Publication) -> dict[str, Any]:
    venue = " ".join(plain_text(part) for part in (pub.status, pub.venue) if part)
    authors = ", ".join(
        a.name + ("*" if a.equal else "") + (f" ({a.note})" if a.note else "") for a in pub.authors
    )
    summary = "\n".join(
        part for part in (AUTHORS + authors if authors else "", _plain(pub.note)) if part
    )
    # The "Authors:" line is for people and other tools; the extension keeps each name whole.
    extension = without_empty(
        {
            "authors": [
                without_empty({"name": a.name, "equal": a.equal or None, "note": a.note})
                for a in pub.authors
            ],
            **{name: _plain(getattr(pub, name)) for name in PUBLICATION_DETAILS},
        }
    )
    return without_empty(
        {
            "name": plain_text(pub.title),
            "publisher": venue,
            "releaseDate": _iso(pub.date),
            "url": pub.url or (pub.links[0].url if pub.links else None),
            "summary": summary,
            EXTENSION: extension,
        }
    )


def _item(item: Item, kind: str, section_title: str) -> dict[str, Any]:
    text = plain_text(item.text)
    date = _iso(item.start) or _iso(item.end)
    match kind:
        case "awards":
            return without_empty(
                {
                    "title": text,
                    "date": date,
                    "awarder": _plain(item.by),
                    "summary": _plain(item.details),
                }
            )
        case "certificates":
            links = link_targets(item.text)
            return without_empty(
                {
                    "name": text,
                    "date": date,
                    "url": links[0] if links else None,
                    "issuer": _plain(item.by),
                }
            )
        case "skills" | "languages" | "interests":
            return _named_list(text, kind)
    links = link_targets(item.text)
    return without_empty(
        {
            "name": text,
            "description": _plain(item.details),
            **_date_range(item.start, item.end),
            "url": links[0] if links else None,
            "entity": _plain(item.by),
            "type": section_title,
        }
    )


def _named_list(text: str, kind: str) -> dict[str, Any]:
    match = FOLDED_LISTS[kind].match(text)
    assert match  # each pattern matches any non-empty text
    parts = match.groupdict()
    if any(part is not None and (not part or part != part.strip()) for part in parts.values()):
        parts = {"name": text}  # the import could not have written it this way: keep it whole
    keywords = _split_list(parts.get("keywords"))
    if kind == "languages":
        return without_empty({"language": parts["name"], "fluency": parts.get("level")})
    if kind == "interests":
        return without_empty({"name": parts["name"], "keywords": keywords})
    return without_empty({"name": parts["name"], "level": parts.get("level"), "keywords": keywords})


def _reference(referee: Referee) -> dict[str, Any]:
    """A quote is the reference; without one, "affiliation, email, url" is (as import reads
    it). With a quote, those details ride in the extension."""
    name = f"{referee.title} {referee.name}" if referee.title else referee.name
    details = {"affiliation": _plain(referee.affiliation), "email": referee.email}
    details["url"] = referee.url
    if referee.quote:
        quote = plain_text(referee.quote)
        reference: dict[str, Any] = {"name": name, "reference": quote}
        if any(details.values()) or reference_details(quote)[1] != quote:
            # Import would not read this text back as a quote on its own: say so.
            reference[EXTENSION] = {"quote": True, **without_empty(details)}
        return reference
    return without_empty({"name": name, "reference": ", ".join(d for d in details.values() if d)})


def _date_range(start: PartialDate | None, end: PartialDate | None) -> dict[str, str]:
    """JSON Resume reads a missing endDate as "to the present": a single date repeats."""
    dates = {"startDate": _iso(start)}
    if end is None:
        dates["endDate"] = dates["startDate"]
    elif not end.present:
        dates["endDate"] = _iso(end)
    return {key: value for key, value in dates.items() if value}


def _iso(value: PartialDate | None) -> str | None:
    if value is None or value.present:
        return None
    text = str(value)
    return text if _ISO8601.match(text) else None  # the schema allows years 1000-2999 only


def _plain(text: str | None) -> str | None:
    return plain_text(text) if text else None
