"""JSON Resume (schema v1.2.1) ↔ profile data.

``export_jsonresume`` reads a validated Profile and gives a document valid against the
schema; ``import_jsonresume`` takes any schema-valid document (every field is optional
there) and gives plain profile data, the shape of data/profile.yaml. Where the two models
differ we fold a field into text in a fixed form that the other direction reads back, so
import → export → import is stable:

- ``basics.location`` (address, city, region, postalCode, countryCode) ↔ one line
  "address, city, region postalCode, countryCode"; the postal code stays with the region.
- ``work``/``volunteer``/``projects`` ↔ experience sections "Experience", "Volunteering",
  "Projects" (export picks by section title). Summary and description become the first
  bullets; a summary "Advised by Prof. A and B" ↔ advisors. Project roles and keywords ↔
  bullets "Roles: …", "Keywords: …"; a project's description ↔ its first bullet.
- ``education``: studyType and area ↔ degree "studyType in area"; score ↔ a detail
  "GPA: …"; courses ↔ the other details. Advisors, logos and locations are not exported.
- ``publications``: publisher ↔ venue (status prefixed on export), summary ↔ note, and a
  first summary line "Authors: A, B*, C (note)" ↔ authors.
- ``awards``/``certificates``/``skills``/``languages``/``interests`` ↔ items sections of
  those names: "title, awarder — summary"; "[name, issuer](url)"; "name (level): k1, k2";
  "language (fluency)"; "name: k1, k2". Other items sections export as projects whose
  ``type`` is the section title. Text sections have no home; the first stands in for a
  missing bio as ``basics.summary``.
- ``references`` ↔ referees: "Prof. Name" ↔ title and name; reference text
  "affiliation, email, url" ↔ those fields (a plain reference is the affiliation).
- An entry with a start and no end: open (``present``) in JSON Resume, so a single-date
  entry exports with endDate = startDate.
- Not carried: basics.image (a remote picture; portraits are local files), project type,
  meta. Links our CVs cannot carry (not http(s)/mailto/tel) and malformed e-mail addresses
  are left out rather than failing the import.

Imported text is taken literally: the characters our inline markup reads as markers are
escaped with a backslash, and exported text is plain (``cvgen.inline.plain_text``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, assert_never

from cvgen.dates import PartialDate
from cvgen.errors import CvgenError
from cvgen.inline import escape_inline, link_targets, plain_text
from cvgen.links import check_email, normalize_url
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
from cvgen.textfile import read_text_file

_ISO8601 = re.compile(
    r"^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$"
)
MAX_RESUME_BYTES = 2 * 1024 * 1024
_LEADING_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_TITLE = re.compile(r"^(Prof\.|Professor|Dr\.|Mr\.|Mrs\.|Ms\.)\s+(\S.*)$")
_ADVISED = re.compile(r"^Advised by (.+)$")
_ADVISOR = re.compile(r"^(?:(Prof\.|Professor|Dr\.)\s+)?([^\s,.;:!?()][^,;:!?()]*)$")
_AUTHOR = re.compile(r"^(?P<name>.+?)(?P<equal>\*)?(?: \((?P<note>[^()]*)\))?$", re.DOTALL)
# "name (level): keywords", the form skills fold into; languages and interests use a part.
_FOLDED_LISTS = {
    "skills": re.compile(
        r"^(?P<name>.+?)(?: \((?P<level>[^()]*)\))?(?:: (?P<keywords>.*))?$", re.DOTALL
    ),
    "languages": re.compile(r"^(?P<name>.+?)(?: \((?P<level>[^()]*)\))?$", re.DOTALL),
    "interests": re.compile(r"^(?P<name>.+?)(?:: (?P<keywords>.*))?$", re.DOTALL),
}
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
GPA = "GPA: "
AUTHORS = "Authors: "
ROLES = "Roles: "
KEYWORDS = "Keywords: "


# --- export ----------------------------------------------------------------------------


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
    basics = _without_empty(
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
        _without_empty({"network": p.network, "username": p.username, "url": p.url})
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
    return _without_empty(
        {
            "institution": plain_text(entry.institution),
            "url": entry.url,
            "area": area,
            "studyType": study_type,
            **_date_range(entry.start, entry.end),
            "score": score,
            "courses": details,
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
    return _without_empty(
        {
            "organization" if key == "volunteer" else "name": _plain(entry.organization),
            "position": plain_text(entry.role),
            "location": entry.location,
            "url": entry.url,
            **_date_range(entry.start, entry.end),
            "summary": _advised_line(entry.advisors),
            "highlights": [plain_text(bullet) for bullet in entry.bullets],
        }
    )


def _project(entry: ExperienceEntry) -> dict[str, Any]:
    texts = [plain_text(bullet) for bullet in entry.bullets]
    # The import appends roles, then keywords, after the highlights.
    keywords = _take_prefixed(texts, KEYWORDS, at=-1)
    roles = _take_prefixed(texts, ROLES, at=-1)
    advised = _advised_line(entry.advisors)
    return _without_empty(
        {
            "name": plain_text(entry.role),
            "description": texts[0] if texts else advised,
            "highlights": texts[1:] + ([advised] if texts and advised else []),
            "keywords": _split_list(keywords),
            **_date_range(entry.start, entry.end),
            "url": entry.url,
            "roles": _split_list(roles),
            "entity": _plain(entry.organization),
        }
    )


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
    return _without_empty(
        {
            "name": plain_text(pub.title),
            "publisher": venue,
            "releaseDate": _iso(pub.date),
            "url": pub.url or (pub.links[0].url if pub.links else None),
            "summary": summary,
        }
    )


def _item(item: Item, kind: str, section_title: str) -> dict[str, Any]:
    text = plain_text(item.text)
    date = _iso(item.start) or _iso(item.end)
    match kind:
        case "awards":
            return _without_empty({"title": text, "date": date})
        case "certificates":
            links = link_targets(item.text)
            return _without_empty({"name": text, "date": date, "url": links[0] if links else None})
        case "skills" | "languages" | "interests":
            return _named_list(text, kind)
    links = link_targets(item.text)
    return _without_empty(
        {
            "name": text,
            **_date_range(item.start, item.end),
            "url": links[0] if links else None,
            "type": section_title,
        }
    )


def _named_list(text: str, kind: str) -> dict[str, Any]:
    match = _FOLDED_LISTS[kind].match(text)
    assert match  # each pattern matches any non-empty text
    parts = match.groupdict()
    if any(part is not None and (not part or part != part.strip()) for part in parts.values()):
        parts = {"name": text}  # the import could not have written it this way: keep it whole
    keywords = _split_list(parts.get("keywords"))
    if kind == "languages":
        return _without_empty({"language": parts["name"], "fluency": parts.get("level")})
    if kind == "interests":
        return _without_empty({"name": parts["name"], "keywords": keywords})
    return _without_empty(
        {"name": parts["name"], "level": parts.get("level"), "keywords": keywords}
    )


def _reference(referee: Referee) -> dict[str, Any]:
    name = f"{referee.title} {referee.name}" if referee.title else referee.name
    details = [_plain(referee.affiliation), referee.email, referee.url]
    return _without_empty({"name": name, "reference": ", ".join(d for d in details if d)})


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


def _without_empty(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value not in (None, "", [], {})}


# --- import ----------------------------------------------------------------------------


def load_jsonresume(path: Path) -> dict[str, Any]:
    """Profile data from a JSON Resume file, for ``cvgen import jsonresume``."""
    text = read_text_file(path, kind="JSON Resume file", max_bytes=MAX_RESUME_BYTES)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CvgenError(
            f"not valid JSON: {exc.msg} (column {exc.colno})", file=path, line=exc.lineno
        ) from None
    return import_jsonresume(document, source=path)


@dataclass(frozen=True)
class _Node:
    """One JSON object of the document and where it is, so a wrong type names its field."""

    data: dict[str, Any]
    at: str
    source: Path

    def where(self, key: str | int) -> str:
        return (
            f"{self.at}[{key}]"
            if isinstance(key, int)
            else (f"{self.at}.{key}" if self.at else key)
        )

    def error(self, key: str, message: str) -> CvgenError:
        return CvgenError(message, file=self.source, field=self.where(key))

    def text(self, key: str) -> str | None:
        """A string field; missing, null or blank all mean "not given"."""
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(key, f"expected text, got {_kind(value)}")
        return value.strip() or None

    def literal(self, key: str) -> str | None:
        value = self.text(key)
        return escape_inline(value) if value else None

    def texts(self, key: str) -> list[str]:
        values = self._list(key)
        for index, value in enumerate(values):
            if not isinstance(value, str):
                raise CvgenError(
                    f"expected text, got {_kind(value)}",
                    file=self.source,
                    field=f"{self.where(key)}[{index}]",
                )
        return [value.strip() for value in values if value.strip()]

    def node(self, key: str) -> _Node | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.error(key, f"expected an object, got {_kind(value)}")
        return _Node(value, self.where(key), self.source)

    def nodes(self, key: str) -> list[_Node]:
        found = []
        for index, value in enumerate(self._list(key)):
            place = f"{self.where(key)}[{index}]"
            if not isinstance(value, dict):
                raise CvgenError(
                    f"expected an object, got {_kind(value)}", file=self.source, field=place
                )
            found.append(_Node(value, place, self.source))
        return found

    def _list(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(key, f"expected a list, got {_kind(value)}")
        return value

    def url(self, key: str) -> str | None:
        """A link our CV can carry, normalized; any other value is left out (see module doc)."""
        value = self.text(key)
        try:
            return normalize_url(value) if value else None
        except ValueError:
            return None

    def email(self, key: str) -> str | None:
        value = self.text(key)
        try:
            return check_email(value) if value else None
        except ValueError:
            return None

    def date(self, key: str) -> str | None:
        """YYYY, YYYY-MM or YYYY-MM-DD, as precise as the value is real ("2014-02-30" → 2014-02)."""
        value = self.text(key)
        if value is None:
            return None
        if value.lower() == "present":
            return "present"
        match = _LEADING_DATE.match(value)
        if not match:
            raise self.error(key, f"expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        if year < 1:
            raise self.error(key, f"not a real date: {value!r}")
        if month is not None and not 1 <= month <= 12:
            month = day = None
        if day is not None:
            try:
                date(year, month or 1, day)
            except ValueError:
                day = None
        return str(PartialDate(year, month, day))


def import_jsonresume(document: Any, *, source: Path) -> dict[str, Any]:
    """Profile data (ready for ``Profile.model_validate`` and YAML) from a JSON Resume document.

    Raises CvgenError naming ``source`` and the field for a value of the wrong type, and
    for a missing ``basics.name``: a CV cannot go without the person's name.
    """
    if not isinstance(document, dict):
        raise CvgenError(f"a JSON Resume is an object, got {_kind(document)}", file=source)
    root = _Node(document, "", source)
    basics = root.node("basics") or _Node({}, "basics", source)
    sections = [
        _section(
            "Education", "education", [_imported_education(n) for n in root.nodes("education")]
        ),
        _section(
            "Experience", "experience", [_imported_work(n, "name") for n in root.nodes("work")]
        ),
        _section(
            "Publications",
            "publications",
            [_imported_publication(n) for n in root.nodes("publications")],
        ),
        _section("Projects", "experience", [_imported_project(n) for n in root.nodes("projects")]),
        _section(
            "Volunteering",
            "experience",
            [_imported_work(n, "organization") for n in root.nodes("volunteer")],
        ),
        _section("Awards", "items", [_imported_award(n) for n in root.nodes("awards")]),
        _section(
            "Certificates", "items", [_imported_certificate(n) for n in root.nodes("certificates")]
        ),
        _section(
            "Skills",
            "items",
            [_imported_named_list(n, "name", "level") for n in root.nodes("skills")],
        ),
        _section(
            "Languages",
            "items",
            [_imported_named_list(n, "language", "fluency") for n in root.nodes("languages")],
        ),
        _section(
            "Interests",
            "items",
            [_imported_named_list(n, "name", None) for n in root.nodes("interests")],
        ),
        _section(
            "References", "referees", [_imported_referee(n) for n in root.nodes("references")]
        ),
    ]
    return {"person": _imported_person(basics), "sections": [s for s in sections if s]}


def _section(title: str, kind: str, entries: list[dict[str, Any] | None]) -> dict[str, Any] | None:
    kept = [entry for entry in entries if entry]
    return {"title": title, "kind": kind, "entries": kept} if kept else None


def _imported_person(basics: _Node) -> dict[str, Any]:
    name = basics.text("name")
    if not name:
        raise basics.error(
            "name", "a CV needs the person's name; add basics.name to the JSON Resume"
        )
    url = basics.url("url")
    location = basics.node("location")
    return _without_empty(
        {
            "name": name,
            "tagline": basics.literal("label"),
            "email": basics.email("email"),
            "phone": basics.text("phone"),
            "homepage": {"label": escape_inline(_display_url(url)), "url": url} if url else None,
            "location": _location_line(location) if location else None,
            "bio": basics.literal("summary"),
            "profiles": [p for p in map(_imported_profile, basics.nodes("profiles")) if p],
        }
    )


def _display_url(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def _location_line(location: _Node) -> str | None:
    """One line, as the CV header shows it; the schema writes address lines with newlines."""
    address, city, region, postal_code, country = (
        location.text(key) for key in ("address", "city", "region", "postalCode", "countryCode")
    )
    region = " ".join(part for part in (region, postal_code) if part)
    parts = [
        ", ".join(line.strip() for line in part.splitlines() if line.strip())
        for part in (address, city, region, country)
        if part
    ]
    return ", ".join(part for part in parts if part) or None


def _imported_profile(node: _Node) -> dict[str, Any] | None:
    url, network, username = node.url("url"), node.text("network"), node.text("username")
    if not url:
        return None  # our profiles are links; one without a usable url cannot be shown
    network = network or _display_url(url).split("/")[0]
    return _without_empty({"network": network, "url": url, "username": username})


def _imported_dates(node: _Node) -> dict[str, str]:
    start, end = node.date("startDate"), node.date("endDate")
    if start and not end:
        end = "present"  # JSON Resume: no end date means ongoing
    return _without_empty({"start": start, "end": end})


def _imported_education(node: _Node) -> dict[str, Any] | None:
    study_type, area = node.literal("studyType"), node.literal("area")
    degree = f"{study_type} in {area}" if study_type and area else (study_type or area)
    score = node.literal("score")
    details = ([GPA + score] if score else []) + [escape_inline(c) for c in node.texts("courses")]
    details_and_dates = _without_empty(
        {
            "url": node.url("url"),
            **_imported_dates(node),
            "degree": degree,
            "details": details,
        }
    )
    return _entry("institution", node.literal("institution"), details_and_dates)


def _entry(title_key: str, title: str | None, rest: dict[str, Any]) -> dict[str, Any] | None:
    """An entry whose title field the model requires: "" when only the rest was given,
    nothing at all when the JSON Resume entry was empty."""
    if not title and not rest:
        return None
    return {title_key: title or "", **rest}


def _imported_work(node: _Node, organization_key: str) -> dict[str, Any] | None:
    position, organization = node.literal("position"), node.literal(organization_key)
    summary = node.text("summary")
    advisors = _advisors(summary)
    bullets = [node.literal("description"), None if advisors else node.literal("summary")]
    rest = _without_empty(
        {
            "organization": organization if position else None,
            "url": node.url("url"),
            "location": node.text("location"),
            **_imported_dates(node),
            "advisors": advisors,
            "bullets": [b for b in bullets if b]
            + [escape_inline(h) for h in node.texts("highlights")],
        }
    )
    return _entry("role", position or organization, rest)


def _advisors(summary: str | None) -> list[dict[str, str]]:
    """Advisors from a summary "Advised by Prof. A, Dr. B and C"; none from any other."""
    match = _ADVISED.match(summary or "")
    if not match:
        return []
    names = re.split(r", | and ", match.group(1).removesuffix("."))
    advisors = []
    for name in names:
        parts = _ADVISOR.match(name.strip())
        if not parts or len(name.split()) > 6:
            return []  # a sentence, not a list of names: keep it as text
        advisors.append(_without_empty({"title": parts.group(1), "name": parts.group(2).strip()}))
    return advisors


def _imported_project(node: _Node) -> dict[str, Any] | None:
    roles, keywords = node.texts("roles"), node.texts("keywords")
    bullets = [node.literal("description")] + [escape_inline(h) for h in node.texts("highlights")]
    bullets += [escape_inline(ROLES + ", ".join(roles)) if roles else None]
    bullets += [escape_inline(KEYWORDS + ", ".join(keywords)) if keywords else None]
    rest = _without_empty(
        {
            "organization": node.literal("entity"),
            "url": node.url("url"),
            **_imported_dates(node),
            "bullets": [b for b in bullets if b],
        }
    )
    return _entry("role", node.literal("name"), rest)


def _imported_publication(node: _Node) -> dict[str, Any] | None:
    lines = (node.text("summary") or "").split("\n", 1)
    authors = _authors(lines[0]) if lines[0].startswith(AUTHORS) else None
    note = (
        (lines[1] if len(lines) > 1 else "").strip()
        if authors is not None
        else "\n".join(lines).strip()
    )
    rest = _without_empty(
        {
            "url": node.url("url"),
            "authors": authors,
            "venue": node.literal("publisher"),
            "date": node.date("releaseDate"),
            "note": escape_inline(note) if note else None,
        }
    )
    return _entry("title", node.literal("name"), rest)


def _authors(line: str) -> list[Any]:
    authors: list[Any] = []
    for written in line.removeprefix(AUTHORS).split(", "):
        match = _AUTHOR.match(written.strip())
        if not match:
            continue
        name, equal, note = match["name"].strip(), bool(match["equal"]), match["note"]
        if not name.strip("* "):
            continue
        if note or name.endswith("*"):
            # The "Name*" shorthand cannot say "a name ending in *"; the long form can.
            authors.append(_without_empty({"name": name, "equal": equal, "note": note}))
        else:
            authors.append(name + ("*" if equal else ""))
    return authors


def _imported_award(node: _Node) -> dict[str, Any] | None:
    title = ", ".join(part for part in (node.text("title"), node.text("awarder")) if part)
    text = " — ".join(part for part in (title, node.text("summary")) if part)
    start = node.date("date")
    return _without_empty({"text": escape_inline(text), "start": start}) if text else None


def _imported_certificate(node: _Node) -> dict[str, Any] | None:
    text = ", ".join(part for part in (node.text("name"), node.text("issuer")) if part)
    url, start = node.url("url"), node.date("date")
    if not text:
        return None
    shown = escape_inline(text)
    if url and "[" not in text and "]" not in text:
        # Our link markup ends at ")": keep brackets out of the target.
        shown = f"[{shown}]({url.replace('(', '%28').replace(')', '%29')})"
    return _without_empty({"text": shown, "start": start})


def _imported_named_list(
    node: _Node, name_key: str, level_key: str | None
) -> dict[str, Any] | None:
    name, level = node.text(name_key), node.text(level_key) if level_key else None
    keywords = ", ".join(node.texts("keywords"))
    text = " ".join(part for part in (name, f"({level})" if level else None) if part)
    text = ": ".join(part for part in (text, keywords) if part)
    return {"text": escape_inline(text)} if text else None


def _imported_referee(node: _Node) -> dict[str, Any] | None:
    written, reference = node.text("name"), node.text("reference")
    if not written:
        return None  # a referee is a name first; a reference text alone is not one
    titled = _TITLE.match(written)
    parts = [part.strip() for part in (reference or "").split(", ")]
    email = url = None
    while parts and (email is None or url is None):
        last = parts[-1]
        if email is None and "@" in last and _is_email(last):
            email = parts.pop()
        elif url is None and re.match(r"^https?://\S+$", last):
            url = normalize_url(parts.pop())
        else:
            break
    affiliation = ", ".join(p for p in parts if p)
    return _without_empty(
        {
            "name": titled.group(2) if titled else written,
            "title": titled.group(1) if titled else None,
            "affiliation": escape_inline(affiliation) if affiliation else None,
            "email": email,
            "url": url,
        }
    )


def _is_email(text: str) -> bool:
    try:
        check_email(text)
    except ValueError:
        return False
    return True


def _kind(value: Any) -> str:
    """How a JSON value is called in messages."""
    match value:
        case None:
            return "null"
        case bool():
            return "true/false"
        case int() | float():
            return "a number"
        case str():
            return "text"
        case list():
            return "a list"
        case dict():
            return "an object"
    return type(value).__name__
