"""JSON Resume → profile data (see ``jsonresume``'s module doc for the forms), with notes.

Imported text is taken literally: the characters our inline markup reads as markers are
escaped. What the profile has no place for is left out with a note naming its field and
line: a link a CV cannot carry, an e-mail that is not one, ``basics.image``, fields the
schema does not define.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from cvgen.dates import ends_before_start, parse_partial_date
from cvgen.errors import CvgenError
from cvgen.formats.jsonresume_authors import (
    FoundAuthors,
    authors_from_extension,
    authors_from_summary,
)
from cvgen.formats.jsonresume_read import Node, Source, kind_of
from cvgen.formats.jsonresume_shape import (
    EXTENSION,
    GPA,
    KEYWORDS,
    PUBLICATION_DETAILS,
    ROLES,
    TITLED_NAME,
    without_empty,
)
from cvgen.inline import escape_inline
from cvgen.links import check_email, normalize_url

_ADVISED = re.compile(r"^Advised by (.+)$")
_ADVISOR = re.compile(r"^(?:(Prof\.|Professor|Dr\.)\s+)?([^\s,.;:!?()][^,;:!?()]*)$")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?$")
SUMMARY_TITLE = "Summary"
# Fields each part of the schema (v1.2.1) defines; anything else is noted as left out.
_SCHEMA_FIELDS: dict[str, frozenset[str]] = {
    part: frozenset(fields.split())
    for part, fields in {
        "": "$schema basics work volunteer education awards certificates publications skills"
        " languages interests references projects meta",
        "basics": "name label image email phone url summary location profiles",
        "location": "address postalCode city countryCode region",
        "profiles": "network username url",
        "work": "name location description position url startDate endDate summary highlights"
        f" {EXTENSION}",
        "volunteer": f"organization position url startDate endDate summary highlights {EXTENSION}",
        "education": f"institution url area studyType startDate endDate score courses {EXTENSION}",
        "awards": "title date awarder summary",
        "certificates": "name date url issuer",
        "publications": f"name publisher releaseDate url summary {EXTENSION}",
        "skills": "name level keywords",
        "languages": "language fluency",
        "interests": "name keywords",
        "references": f"name reference {EXTENSION}",
        "projects": "name description highlights keywords startDate endDate url roles entity type"
        f" {EXTENSION}",
    }.items()
}
# What is in the schema but has no place in a profile, and why.
_NOT_CARRIED = {
    "basics.image": "a CV's portrait is a local file: save the picture and set person.portrait",
    "meta": "data about the document, not about the person",
    "projects.type": "experience entries have no kind",
}


def import_jsonresume(document: Any, *, source: Path) -> dict[str, Any]:
    """Profile data (ready for validation and YAML) from a JSON Resume document.

    Raises CvgenError naming ``source`` and the field for a value of the wrong type, and
    for a missing ``basics.name``: a CV cannot go without the person's name.
    """
    return import_jsonresume_with_notes(document, source=Source(source))[0]


def import_jsonresume_with_notes(document: Any, *, source: Source) -> tuple[dict[str, Any], Source]:
    if not isinstance(document, dict):
        raise CvgenError(f"a JSON Resume is an object, got {kind_of(document)}", file=source.path)
    root = Node(document, "", source)
    _note_unread(root, "")
    basics = root.node("basics") or Node({}, "basics", source)
    person = _imported_person(basics)
    owner = person["name"]
    publications = [(_imported_publication(n, owner), n) for n in _parts(root, "publications")]
    variants = [v for found, _ in publications if found for v in found[1].owner_variants]
    if variants:
        person["name_variants"] = list(dict.fromkeys(variants))
    summary = basics.literal("summary")
    sections: list[dict[str, Any]] = []
    if summary:
        sections.append({"title": SUMMARY_TITLE, "kind": "text", "text": summary})
    pubs = [(found[0] if found else None, node) for found, node in publications]
    for title, kind, pairs in [
        ("Education", "education", [(_education(n), n) for n in _parts(root, "education")]),
        ("Experience", "experience", [(_work(n, "name"), n) for n in _parts(root, "work")]),
        ("Publications", "publications", pubs),
        ("Projects", "experience", [(_project(n), n) for n in _parts(root, "projects")]),
        (
            "Volunteering",
            "experience",
            [(_work(n, "organization"), n) for n in _parts(root, "volunteer")],
        ),
        ("Awards", "items", [(_award(n), n) for n in _parts(root, "awards")]),
        ("Certificates", "items", [(_certificate(n), n) for n in _parts(root, "certificates")]),
        ("Skills", "items", [(_named_list(n, "name", "level"), n) for n in _parts(root, "skills")]),
        (
            "Languages",
            "items",
            [(_named_list(n, "language", "fluency"), n) for n in _parts(root, "languages")],
        ),
        (
            "Interests",
            "items",
            [(_named_list(n, "name", None), n) for n in _parts(root, "interests")],
        ),
        ("References", "referees", [(_referee(n), n) for n in _parts(root, "references")]),
    ]:
        _add_section(sections, title, kind, pairs, source)
    return {"person": person, "sections": sections}, source


def _add_section(
    sections: list[dict[str, Any]],
    title: str,
    kind: str,
    pairs: list[tuple[dict[str, Any] | None, Node]],
    source: Source,
) -> None:
    """The section, if any entry survived, and each entry's source line for later notes."""
    kept = [(entry, node) for entry, node in pairs if entry]
    if not kept:
        return
    index = len(sections)
    sections.append({"title": title, "kind": kind, "entries": [entry for entry, _ in kept]})
    for position, (_, node) in enumerate(kept):
        line = source.line(node.at)
        if line is not None:
            source.data_lines["sections", index, "entries", position] = line


def _parts(root: Node, key: str) -> list[Node]:
    nodes = root.nodes(key)
    for node in nodes:
        _note_unread(node, key)
    return nodes


def _note_unread(node: Node, part: str) -> None:
    """A note for each field the profile has no place for (never a silent drop)."""
    known = _SCHEMA_FIELDS[part]
    for key, value in node.data.items():
        if value in (None, "", [], {}):
            continue
        reason = _NOT_CARRIED.get(f"{part}.{key}" if part else key)
        if reason:
            node.note(key, f"left out: {reason}")
        elif key not in known:
            node.note(key, "left out: not a JSON Resume field")


def _entry(title_key: str, title: str | None, rest: dict[str, Any]) -> dict[str, Any] | None:
    """An entry whose title field the model requires: "" when only the rest was given,
    nothing at all when the JSON Resume entry was empty."""
    if not title and not rest:
        return None
    return {title_key: title or "", **rest}


# --- basics ----------------------------------------------------------------------------


def _imported_person(basics: Node) -> dict[str, Any]:
    _note_unread(basics, "basics")
    name = basics.text("name")
    if not name:
        raise basics.error(
            "name", "a CV needs the person's name; add basics.name to the JSON Resume"
        )
    url = basics.url("url")
    location = basics.node("location")
    if location:
        _note_unread(location, "location")
    return without_empty(
        {
            "name": name,
            "tagline": basics.literal("label"),
            "email": basics.email("email"),
            "phone": basics.text("phone"),
            "homepage": {"label": escape_inline(_display_url(url)), "url": url} if url else None,
            "location": _location_line(location) if location else None,
            "bio": basics.literal("summary"),
            "profiles": [p for p in map(_profile, basics.nodes("profiles")) if p],
        }
    )


def _display_url(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def _location_line(location: Node) -> str | None:
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


def _profile(node: Node) -> dict[str, Any] | None:
    _note_unread(node, "profiles")
    url = node.url("url", what="profile")
    network, username = node.text("network"), node.text("username")
    if not url:
        if (network or username) and not node.text("url"):
            node.note("url", "profile left out: a CV shows profiles as links, and it has none")
        return None
    network = network or _display_url(url).split("/")[0]
    return without_empty({"network": network, "url": url, "username": username})


# --- entries ---------------------------------------------------------------------------


def _dates(node: Node, start_key: str = "startDate") -> dict[str, str]:
    start, end = node.date(start_key), node.date("endDate")
    if start and end and ends_before_start(parse_partial_date(start), parse_partial_date(end)):
        node.note("endDate", f"{end} is before the start {start}; the end date is left out")
        return {"start": start}
    if start and not end:
        end = "present"  # JSON Resume: no end date means ongoing
    if end == start:
        end = None  # one date, as our export writes a single date (endDate = startDate)
    return without_empty({"start": start, "end": end})


def _education(node: Node) -> dict[str, Any] | None:
    study_type, area = node.literal("studyType"), node.literal("area")
    degree = f"{study_type} in {area}" if study_type and area else (study_type or area)
    score = node.literal("score")
    details = ([GPA + score] if score else []) + [escape_inline(c) for c in node.texts("courses")]
    rest = without_empty({"url": node.url("url"), **_dates(node), "degree": degree})
    rest |= _people(node, advisors=True) | without_empty({"details": details})
    return _entry("institution", node.literal("institution"), rest)


def _work(node: Node, organization_key: str) -> dict[str, Any] | None:
    position, organization = node.literal("position"), node.literal(organization_key)
    summary = node.text("summary")
    advisors = _advisors(summary)
    bullets = [node.literal("description"), None if advisors else node.literal("summary")]
    rest = without_empty(
        {
            "organization": organization if position else None,
            "url": node.url("url"),
            "location": node.text("location"),
            **_dates(node),
            "advisors": advisors,
            **_people(node, advisors=False),
            "bullets": [b for b in bullets if b]
            + [escape_inline(h) for h in node.texts("highlights")],
        }
    )
    return _entry("role", position or organization, rest)


def _people(node: Node, *, advisors: bool) -> dict[str, Any]:
    """What our export keeps in an entry's extension: an education's advisors, mentors,
    and lines of names with a label. A person without a name, a line without a label or
    names, and any other key are left out with a note."""
    extension = node.node(EXTENSION)
    if extension is None:
        return {}
    known = {"mentors", "people", *(["advisors"] if advisors else [])}
    for key in sorted(extension.data.keys() - known):
        extension.note(key, "left out: not a field cvgen writes here")
    lines = [line for item in extension.nodes("people") if (line := _people_line(item))]
    found = {
        "advisors": _persons(extension, "advisors") if advisors else [],
        "mentors": _persons(extension, "mentors"),
        "people": lines,
    }
    return without_empty(found)


def _people_line(node: Node) -> dict[str, Any] | None:
    label, names = node.text("label"), _persons(node, "names")
    if not label or not names:
        node.note("", "left out: a line of names needs a label and at least one name")
        return None
    return {"label": label, "names": names}


def _persons(node: Node, key: str) -> list[dict[str, str]]:
    found = []
    for person in node.nodes(key):
        name = person.text("name")
        if name is None:
            person.note("", "left out: a person with no name")
            continue
        found.append(
            without_empty({"name": name, "title": person.text("title"), "url": person.url("url")})
        )
    return found


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
        advisors.append(without_empty({"title": parts.group(1), "name": parts.group(2).strip()}))
    return advisors


def _project(node: Node) -> dict[str, Any] | None:
    roles, keywords = node.texts("roles"), node.texts("keywords")
    bullets = [node.literal("description")] + [escape_inline(h) for h in node.texts("highlights")]
    bullets += [escape_inline(ROLES + ", ".join(roles)) if roles else None]
    bullets += [escape_inline(KEYWORDS + ", ".join(keywords)) if keywords else None]
    rest = without_empty(
        {
            "organization": node.literal("entity"),
            "url": node.url("url"),
            **_dates(node),
            **_people(node, advisors=False),
            "bullets": [b for b in bullets if b],
        }
    )
    return _entry("role", node.literal("name"), rest)


def _imported_publication(node: Node, owner: str) -> tuple[dict[str, Any], FoundAuthors] | None:
    summary = node.text("summary") or ""
    extension = node.node(EXTENSION)
    written = extension.data.get("authors") if extension else None
    if isinstance(written, list) and all(_is_author(a) for a in written):
        found = authors_from_extension(written, summary, owner)
    else:
        found = authors_from_summary(summary, owner)
        if found.line is not None and not summary.startswith("Authors: "):
            node.note("summary", f"line {found.line} read as the author list")
    if found.legend:
        node.note("summary", f"{found.legend!r} left out: the CV prints its own legend for *")
    details = {name: extension.literal(name) for name in PUBLICATION_DETAILS} if extension else {}
    rest = without_empty(
        {
            "url": node.url("url"),
            "authors": found.authors,
            "venue": node.literal("publisher"),
            **details,
            "date": node.date("releaseDate"),
            "note": escape_inline(found.rest) if found.rest else None,
        }
    )
    entry = _entry("title", node.literal("name"), rest)
    return (entry, found) if entry else None


def _is_author(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("name"), str)
        and bool(value["name"].strip("* "))
        and isinstance(value.get("equal", False), bool)
        and isinstance(value.get("note", ""), str)
    )


def _award(node: Node) -> dict[str, Any] | None:
    title, awarder = node.literal("title"), node.literal("awarder")
    item = without_empty(
        {
            "text": title or awarder,
            "by": awarder if title else None,
            "details": node.literal("summary"),
            "start": node.date("date"),
        }
    )
    return _item(item, node)


def _item(item: dict[str, Any], node: Node) -> dict[str, Any] | None:
    """An item needs its text; one with only a date or a summary keeps it as the text."""
    if "text" in item:
        return item
    if "details" in item:
        return {"text": item.pop("details"), **item}
    if item:
        node.note("", "left out: an entry with a date and nothing else")
    return None


def _certificate(node: Node) -> dict[str, Any] | None:
    name, issuer = node.literal("name"), node.literal("issuer")
    url = node.url("url")
    text = name or issuer
    if text and url and "[" not in text and "]" not in text:
        # Our link markup ends at ")": keep brackets out of the target.
        text = f"[{text}]({url.replace('(', '%28').replace(')', '%29')})"
    elif url and text:
        node.note("url", "link left out: a title with [ or ] cannot carry one")
    item = without_empty({"text": text, "by": issuer if name else None, "start": node.date("date")})
    return _item(item, node)


def _named_list(node: Node, name_key: str, level_key: str | None) -> dict[str, Any] | None:
    name, level = node.text(name_key), node.text(level_key) if level_key else None
    keywords = ", ".join(node.texts("keywords"))
    text = " ".join(part for part in (name, f"({level})" if level else None) if part)
    text = ": ".join(part for part in (text, keywords) if part)
    return {"text": escape_inline(text)} if text else None


def _referee(node: Node) -> dict[str, Any] | None:
    written, reference = node.text("name"), node.text("reference")
    if not written:
        if reference:
            node.note("reference", "left out: a reference with no name")
        return None
    titled = TITLED_NAME.match(written)
    extension = node.node(EXTENSION)
    if extension is not None and extension.data.get("quote") is True:
        details = {
            "affiliation": extension.literal("affiliation"),
            "email": extension.email("email"),
            "url": extension.url("url"),
        }
        quote = reference
    else:
        details, quote = reference_details(reference or "")
    return without_empty(
        {
            "name": titled.group(2) if titled else written,
            "title": titled.group(1) if titled else None,
            **details,
            "quote": escape_inline(quote) if quote else None,
        }
    )


def reference_details(reference: str) -> tuple[dict[str, str | None], str | None]:
    """Affiliation, e-mail and url from "affiliation, email, url" (as our export writes
    them), or the whole text as a quote when it reads as one."""
    parts = [part.strip() for part in reference.split(", ")]
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
    if email is None and url is None and _reads_as_a_quote(reference):
        return {}, reference.strip()
    return {
        "affiliation": escape_inline(affiliation) if affiliation else None,
        "email": email,
        "url": url,
    }, None


def _reads_as_a_quote(text: str) -> bool:
    """Sentences, not an affiliation: "Jane is the best student I have taught." is a quote,
    "Professor of Physics, Example University" is not."""
    words = len(text.split())
    return words > 20 or (words >= 6 and _SENTENCE_END.search(text) is not None)


def _is_email(text: str) -> bool:
    try:
        check_email(text)
    except ValueError:
        return False
    return True
