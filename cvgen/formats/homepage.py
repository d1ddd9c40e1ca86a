"""The owner's MkDocs-Material homepage (``docs/index.md``) read into profile data.

The page follows the conventions of the owner's hand-written homepage: a ``# Name`` heading
with the portrait floated right, ``*:icon: Office: [...](...)*`` lines, a row of icon links
(CV, e-mail, profiles), then ``## Bio``, ``## News``, ``## Education`` (one ``###`` per
school) and ``## Publications`` (bold title, author line, italic venue line with links).

Import reads such a page into plain profile data and lists, one line each, whatever it could
not place. Writing the page is ``homepage_export``; the conventions both share are in
``homepage_markup``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from cvgen.dates import read_date
from cvgen.errors import CvgenError
from cvgen.formats.contract import Imported, Notes
from cvgen.formats.homepage_markup import LABEL_OF_ICON, MARKER, REGIONS, name_key, unescape
from cvgen.formats.mkdocs import (
    MAX_SOURCE_BYTES,
    icon_name,
    network_for_icon,
    read_mkdocs_social,
)
from cvgen.inline import plain_text
from cvgen.links import check_email
from cvgen.textfile import read_text_file

_PERSON_KEYS = (
    "name", "name_variants", "email", "phone", "homepage", "office", "location", "portrait", "bio",
    "profiles",
)  # fmt: skip
_CV_ICONS = {"cv", "ai-cv"}

# A Markdown link; its text may hold one level of [brackets] ("hz3496 [at] nyu [dot] edu")
# and its target spaces, as the owner's CV link does ("assets/CV-Hexu Zhao_20231130.pdf").
_MD_LINK = re.compile(
    r"""(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]
        \((?P<url>[^()\s]+(?:\ [^()\s"]+)*)(?:\s+"[^"]*")?\)""",
    re.VERBOSE,
)
# The links our inline markup reads (cvgen/inline.py); their targets must be valid URLs.
_INLINE_LINK = re.compile(r"\[(?P<text>[^\[\]]+)\]\((?P<url>[^()\s]+)\)")
_ICON_LINK_START = re.compile(r"\[\s*:[\w-]+:")  # [:fontawesome-brands-github:](...)
_ICON_LINK_TEXT = re.compile(r"^\s*:(?P<icon>[\w-]+):\s*(?P<label>.*?)\s*$")
_ICON_SHORTCODE = re.compile(r":(?:fontawesome|academicons|material|octicons|simple)-[\w-]+:")
_HTML_TAG = re.compile(r"</?(?!u>)[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")  # any tag but <u>, </u>
_HEADING_WITH_IMAGE = re.compile(
    r"""^(?P<text>.*?)\s*
        (?:!\[[^\]]*\]\((?P<src>[^()\s]+)(?:\s+"[^"]*")?\)   # ![alt](src "title")
           \s*(?:\{[^{}]*\})?)?                              # { align=right style=... }
        \s*$""",
    re.VERBOSE,
)
_KEY_LINE = re.compile(
    r"""^[*_]?\s*(?::[\w-]+:\s*)?            # *:fontawesome-solid-building:
        (?P<key>[A-Za-z][A-Za-z -]{0,30}?)\s*:\s+(?P<value>.+?)\s*[*_]?$   # Office: [...](...)*""",
    re.VERBOSE,
)
_BULLET = re.compile(r"^\s*[-*+]\s+(?P<text>.*)$")
_DATE_RANGE_SEPARATOR = re.compile(r"\s*(?:--|–|—)\s*|\s+(?:-|to)\s+")
_NEWS_DATE = re.compile(r"^\*\*(?P<date>[^*]+?)\*\*:?\s+(?P<text>.+)$")
_ADVISED_BY = re.compile(r"(?:,\s*|^)advised\s+by\s+", re.IGNORECASE)
_ADVISOR_TITLE = re.compile(r"^(?P<title>(?:Assoc\.\s+|Asst\.\s+)?Prof\.|Professor|Dr\.)\s+")
_LIST_SEPARATOR = re.compile(r",\s*and\s+|,\s*|\s+and\s+")
_STATUS = re.compile(
    r"""^(?P<status>In\ submission\ to|Submitted\ to|Under\ review\ (?:at|by)|To\ appear\ in
                   |Accepted\ (?:at|to|by))
        (?:\s+(?P<venue>.+))?$""",
    re.VERBOSE | re.IGNORECASE,
)
_OBFUSCATED_AT = re.compile(r"\s*[\[({]\s*at\s*[\])}]\s*", re.IGNORECASE)
_OBFUSCATED_DOT = re.compile(r"\s*[\[({]\s*dot\s*[\])}]\s*", re.IGNORECASE)

Lines = list[tuple[int, str]]  # (line number, text)
Section = tuple[str, int, str | None, Lines]  # title, line, the cvgen region it sits in, body
Where = int | tuple[Path, int]  # a line of the page, or a line of another file (mkdocs.yml)


# ---------------------------------------------------------------- import


@dataclass
class _Reading:
    """What an import has gathered so far, and what it had to leave out."""

    file: Path
    notes: Notes
    person: dict[str, Any] = field(default_factory=dict)
    news: list[dict[str, Any]] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    cv_link: str | None = None
    owner_names: list[str] = field(default_factory=list)

    def note(self, where: Where, message: str) -> None:
        if isinstance(where, int):
            self.notes.add(message, line=where)
        else:
            self.notes.add(message, file=where[0], line=where[1])

    def error(self, line: int | None, message: str) -> CvgenError:
        return self.notes.error(message, line=line)


@dataclass(frozen=True)
class _Block:
    """A paragraph (or list) of the page: lines up to the next blank line."""

    line: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines)


def read_homepage(md_path: Path, *, mkdocs_path: Path | None = None) -> Imported:
    """Read a homepage (and, optionally, its mkdocs.yml) into profile data.

    Raises CvgenError when the file is not such a page (no ``# Name`` heading, nothing a
    homepage carries); anything smaller that cannot be placed is a note.
    """
    reading = _Reading(md_path, Notes(md_path))
    lines, regions = _page_lines(
        read_text_file(md_path, kind="homepage Markdown file", max_bytes=MAX_SOURCE_BYTES), reading
    )
    heading_at = next((i for i, (_, text) in enumerate(lines) if re.match(r"#\s+\S", text)), None)
    if heading_at is None:
        first = next((number for number, text in lines if text.strip()), 1)
        raise reading.error(first, "no '# Name' heading: not a homepage page cvgen can read")
    _note_stray(lines[:heading_at], reading, "before the '# Name' heading")
    header, sections = _split_sections(lines[heading_at + 1 :], regions)
    _read_heading(lines[heading_at], reading)
    _read_header(header, reading)
    for section in sections:
        _read_section(section, reading)
    if mkdocs_path is not None:
        _merge_mkdocs_social(mkdocs_path, reading)
    _add_owner_variants(reading)
    if not (reading.sections or reading.news or set(reading.person) - {"name", "portrait"}):
        raise reading.error(
            lines[heading_at][0],
            "found a '# Name' heading but no Bio, News, Education, Publications or profile links",
        )
    return Imported(
        _profile_data(reading), reading.notes.all, base_dir=md_path.parent, source=md_path
    )


def _page_lines(text: str, reading: _Reading) -> tuple[Lines, dict[int, str]]:
    """Numbered lines without the YAML front matter (page settings, not profile data) and
    without our own region markers; and the region each line sat in, by line number."""
    lines = list(enumerate(text.splitlines(), start=1))
    if lines and lines[0][1].strip() == "---":
        close = next(
            (i for i, (_, t) in enumerate(lines[1:], 1) if t.strip() in ("---", "...")), None
        )
        if close is None:
            raise reading.error(1, "front matter opened with '---' is never closed")
        lines = lines[close + 1 :]
    kept: Lines = []
    regions: dict[int, str] = {}
    region = None
    for number, line in lines:
        marker = MARKER.fullmatch(line)
        if marker:
            body = marker["body"].split()
            region = body[1] if body[:1] == ["begin"] and len(body) == 2 else None
        elif region:
            regions[number] = region
        kept.append((number, "" if marker else line))
    return kept, regions


def _split_sections(lines: Lines, regions: dict[int, str]) -> tuple[Lines, list[Section]]:
    """The header (lines before the first ``##``) and each ``## Title`` with its lines."""
    header: Lines = []
    sections: list[Section] = []
    for number, text in lines:
        match = re.match(r"##\s+(?P<title>.+?)\s*#*\s*$", text)
        if match:
            sections.append((match["title"], number, regions.get(number), []))
        elif sections:
            sections[-1][3].append((number, text))
        else:
            header.append((number, text))
    return header, sections


def _blocks(lines: Lines) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[tuple[int, str]] = []
    for number, text in [*lines, (0, "")]:
        if text.strip():
            current.append((number, text))
        elif current:
            blocks.append(_Block(current[0][0], tuple(t for _, t in current)))
            current = []
    return blocks


def _note_stray(lines: Lines, reading: _Reading, where: str) -> None:
    for block in _blocks(lines):
        reading.note(block.line, f"text {where} not placed: {_shorten(block.text)}")


def _shorten(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


# -- header: name, portrait, office, e-mail, the row of icon links


def _read_heading(heading: tuple[int, str], reading: _Reading) -> None:
    line, text = heading
    match = _HEADING_WITH_IMAGE.match(text.lstrip("#").strip())
    assert match is not None  # every part of the pattern is optional
    name = unescape(_HTML_TAG.sub("", match["text"])).strip()
    if not name:
        raise reading.error(line, "the '# ' heading has no name in it")
    reading.person["name"] = name
    if match["src"]:
        portrait = _local_image(match["src"], line, "portrait", reading)
        if portrait:
            reading.person["portrait"] = portrait


def _local_image(src: str, line: int, what: str, reading: _Reading) -> str | None:
    return reading.notes.local_image(src, base_dir=reading.file.parent, what=what, line=line)


def _read_header(lines: Lines, reading: _Reading) -> None:
    for block in _blocks(lines):
        key_line = _KEY_LINE.match(block.text)
        if key_line:
            _read_key_line(key_line["key"], key_line["value"], block.line, reading)
        elif _ICON_LINK_START.search(block.text):
            _read_icon_row(block, reading)
        else:
            reading.note(block.line, f"header text not placed: {_shorten(block.text)}")


def _read_key_line(key: str, value: str, line: int, reading: _Reading) -> None:
    kind = key.casefold()
    link = _MD_LINK.fullmatch(value.strip())
    if "mail" in kind:
        mailto = re.search(r"mailto:([^)\s?]+)", value)
        _set_email(mailto[1] if mailto else _deobfuscate(value), line, reading)
    elif any(word in kind for word in ("office", "address")) and link:
        label = _clean_text(link["text"], line, "office", reading)
        url = _checked_url(link["url"], line, "office", reading)
        if url:
            reading.person["office"] = {"label": label, "url": url}
    elif any(word in kind for word in ("phone", "mobile", "tel")):
        reading.person["phone"] = unescape(link["text"] if link else value).strip()
    elif "location" in kind and not link:
        reading.person["location"] = unescape(value).strip()
    elif any(word in kind for word in ("homepage", "website")) and link:
        url = _checked_url(link["url"], line, "homepage", reading)
        if url:
            reading.person["homepage"] = {
                "label": _clean_text(link["text"], line, "homepage", reading),
                "url": url,
            }
    else:
        reading.note(line, f"header line '{key}' not placed: {_shorten(value)}")


def _read_icon_row(block: _Block, reading: _Reading) -> None:
    for link in _MD_LINK.finditer(block.text):
        icon_text = _ICON_LINK_TEXT.match(link["text"])
        icon = icon_text["icon"] if icon_text else ""
        label = unescape(icon_text["label"] if icon_text else link["text"]).strip()
        url = link["url"]
        if url.startswith("mailto:"):
            _set_email(url.removeprefix("mailto:").split("?")[0], block.line, reading)
        elif icon_name(icon) in _CV_ICONS or re.search(r"(^|/)CV[^/]*\.pdf$", url, re.IGNORECASE):
            if reading.cv_link and reading.cv_link != url:
                reading.note(block.line, f"a second CV link not placed: {url}")
            reading.cv_link = reading.cv_link or url
        elif icon_text and (network_for_icon(icon) or label):
            # An icon we do not know keeps its network's name as the link text (see render).
            _add_profile(network_for_icon(icon) or label, url, block.line, reading)
        else:
            reading.note(
                block.line, f"link {_shorten(link[0])} in the icon row names no network cvgen knows"
            )
    rest = _HTML_TAG.sub("", _MD_LINK.sub("", block.text)).replace("&nbsp;", "").strip()
    if rest:
        reading.note(block.line, f"text in the icon row not placed: {_shorten(rest)}")


def _add_profile(network: str, url: str, line: Where, reading: _Reading) -> None:
    profiles = reading.person.setdefault("profiles", [])
    known = next((p for p in profiles if p["network"].casefold() == network.casefold()), None)
    if known:
        if not _same_url(known["url"], url):
            reading.note(line, f"a second {network} link ({url}) not placed; kept {known['url']}")
        return
    checked = _checked_url(url, line, f"{network} link", reading)
    if checked:
        profiles.append({"network": network, "url": checked})


def _set_email(address: str | None, line: Where, reading: _Reading) -> None:
    try:
        email = check_email(address or "")
    except ValueError:
        reading.note(line, f"not an e-mail address, not placed: {address!r}")
        return
    known = reading.person.setdefault("email", email)
    if known.casefold() != email.casefold():
        reading.note(line, f"a second e-mail address ({email}) not placed; kept {known}")


def _deobfuscate(text: str) -> str:
    """``hz3496 [at] nyu [dot] edu`` → ``hz3496@nyu.edu``."""
    plain = plain_text(_MD_LINK.sub(lambda m: m["text"], text))
    return "".join(_OBFUSCATED_DOT.sub(".", _OBFUSCATED_AT.sub("@", plain)).split())


def _same_url(a: str, b: str) -> bool:
    """Equal up to case, a trailing slash and the order of query parameters."""

    def key(url: str) -> tuple[str, str, list[tuple[str, str]]]:
        parts = urlsplit(url.strip().lower())
        return (
            parts.netloc.removeprefix("www."),
            parts.path.rstrip("/"),
            sorted(parse_qsl(parts.query)),
        )

    return key(a) == key(b)


# -- sections


def _read_section(section: Section, reading: _Reading) -> None:
    title, line, region, lines = section
    # Inside our own markers the region names the kind, whatever the section's title.
    kind = region if region in REGIONS[1:] else _section_kind(plain_text(title))
    if kind == "bio":
        _read_bio(lines, reading)
    elif kind == "news":
        _read_news(lines, reading)
    elif kind == "education":
        reading.sections.append(
            {"title": title, "kind": "education", "entries": _read_education(lines, reading)}
        )
    elif kind == "publications":
        entries = _read_publications(lines, reading)
        reading.sections.append({"title": title, "kind": "publications", "entries": entries})
    else:
        reading.note(
            line, f"section '{title}' not imported (cvgen reads Bio, News, Education, Publications)"
        )


def _section_kind(title: str) -> str | None:
    words = title.casefold()
    for kind, keys in (
        ("bio", ("bio", "about")),
        ("news", ("news", "update")),
        ("education", ("education",)),
        ("publications", ("publication", "paper")),
    ):
        if any(key in words for key in keys):
            return kind
    return None


def _read_bio(lines: Lines, reading: _Reading) -> None:
    paragraphs = [_clean_text(block.text, block.line, "bio", reading) for block in _blocks(lines)]
    bio = "\n\n".join(p for p in paragraphs if p)
    if bio:
        earlier = reading.person.get("bio")
        reading.person["bio"] = f"{earlier}\n\n{bio}" if earlier else bio


def _read_news(lines: Lines, reading: _Reading) -> None:
    for block in _blocks(lines):
        items: list[tuple[int, list[str]]] = []
        for offset, text in enumerate(block.lines):
            bullet = _BULLET.match(text)
            if bullet:
                items.append((block.line + offset, [bullet["text"]]))
            elif items:  # a wrapped line of the bullet above
                items[-1][1].append(text.strip())
            else:
                reading.note(
                    block.line + offset, f"news text outside a bullet not placed: {_shorten(text)}"
                )
        for line, parts in items:
            reading.news.append(_news_item(" ".join(parts), line, reading))


def _news_item(text: str, line: int, reading: _Reading) -> dict[str, Any]:
    dated = _NEWS_DATE.match(text)
    when = _page_date(dated["date"]) if dated else None
    if dated and when:
        return {"date": when, "text": _clean_text(dated["text"], line, "news", reading)}
    return {"text": _clean_text(text, line, "news", reading)}


def _read_education(lines: Lines, reading: _Reading) -> list[dict[str, Any]]:
    entries: list[tuple[dict[str, Any], Lines]] = []
    stray: Lines = []
    for number, text in lines:
        if re.match(r"###\s+", text):
            entries.append((_education_heading(number, text, reading), []))
        elif entries:
            entries[-1][1].append((number, text))
        else:
            stray.append((number, text))
    _note_stray(stray, reading, "in Education before its first '###' entry")
    for entry, body in entries:
        _read_education_body(entry, body, reading)
    return [entry for entry, _ in entries]


def _education_heading(line: int, text: str, reading: _Reading) -> dict[str, Any]:
    match = _HEADING_WITH_IMAGE.match(text.lstrip("#").strip())
    assert match is not None
    heading = match["text"].strip()
    link = _MD_LINK.fullmatch(heading)
    institution = _clean_text(link["text"] if link else heading, line, "institution", reading)
    if not institution:
        raise reading.error(line, "an Education entry ('###' heading) without an institution")
    entry: dict[str, Any] = {"institution": institution}
    if link:
        entry["url"] = _checked_url(link["url"], line, "institution link", reading)
    if match["src"]:
        entry["logo"] = _local_image(match["src"], line, f"logo of {institution!r}", reading)
    return {key: value for key, value in entry.items() if value}


def _read_education_body(entry: dict[str, Any], body: Lines, reading: _Reading) -> None:
    for block in _blocks(body):
        dates = _date_range(block.text)
        bullets = [_BULLET.match(text) for text in block.lines]
        if dates and "start" not in entry and "end" not in entry:
            entry.update(
                {key: value for key, value in zip(("start", "end"), dates, strict=True) if value}
            )
        elif all(bullets):
            details = [
                _clean_text(b["text"], block.line, "education detail", reading)
                for b in bullets
                if b
            ]
            entry.setdefault("details", []).extend(details)
        elif "degree" not in entry and "advisors" not in entry:
            _read_degree_line(entry, block, reading)
        else:
            reading.note(
                block.line, f"text in {entry['institution']!r} not placed: {_shorten(block.text)}"
            )


def _read_degree_line(entry: dict[str, Any], block: _Block, reading: _Reading) -> None:
    """``***Ph.D. in CS**, advised by Prof. [A](url) and Prof. [B](url)*`` → degree, advisors."""
    text = block.text
    if re.match(r"^(\*\*\*|\*(?!\*)).*\*$", text):  # the line's own italics
        text = text[1:-1]
    degree, advised = ([*_ADVISED_BY.split(text, maxsplit=1), ""])[:2]
    degree = _bold_inner(degree.strip()) or degree.strip()
    if degree:
        entry["degree"] = _clean_text(degree, block.line, "degree", reading)
    advisors = [_advisor(part, block.line, reading) for part in _split_list(advised)]
    if advisors:
        entry["advisors"] = advisors


def _advisor(text: str, line: int, reading: _Reading) -> dict[str, Any]:
    """``Prof. [Jinyang Li](url)`` → title, name, url; an unlinked name needs a known title."""
    link = _MD_LINK.search(text)
    url = None
    if link:
        title, name = text[: link.start()].strip(), link["text"]
        url = _checked_url(link["url"], line, "advisor link", reading)
        if text[link.end() :].strip():
            reading.note(
                line, f"text after advisor {name!r} not placed: {_shorten(text[link.end() :])}"
            )
    else:
        titled = _ADVISOR_TITLE.match(text)
        title, name = (titled["title"], text[titled.end() :]) if titled else ("", text)
    advisor = {"title": unescape(title).strip(), "name": unescape(name).strip(), "url": url}
    return {key: value for key, value in advisor.items() if value}


def _read_publications(lines: Lines, reading: _Reading) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    parts: list[list[_Block]] = []
    for block in _blocks(lines):
        if _bold_inner(block.text):
            parts.append([block])
        elif parts:
            parts[-1].append(block)
        else:
            reading.note(
                block.line,
                f"text in Publications before the first title not placed: {_shorten(block.text)}",
            )
    for title, *rest in parts:
        entries.append(_publication(title, rest, reading))
    return entries


def _publication(title_block: _Block, rest: list[_Block], reading: _Reading) -> dict[str, Any]:
    pub: dict[str, Any] = {}
    title = (_bold_inner(title_block.text) or "").strip()
    link = _MD_LINK.fullmatch(title)
    if link:
        title = link["text"]
        pub["url"] = _checked_url(link["url"], title_block.line, "title link", reading)
    pub["title"] = _clean_text(title, title_block.line, "title", reading)
    venue_at = next((i for i, block in enumerate(rest) if _is_venue_line(block.text)), None)
    before = rest if venue_at is None else rest[:venue_at]
    after = [] if venue_at is None else rest[venue_at + 1 :]
    if before:
        pub["authors"] = _authors(before[0], reading)
    if venue_at is not None:
        pub.update(_venue_line(rest[venue_at], reading))
    notes = before[1:] + after
    if notes:
        pub["note"] = " ".join(
            _clean_text(b.text, b.line, "publication note", reading) for b in notes
        )
    order = ("title", "url", "authors", "status", "venue", "note", "links")
    return {key: pub[key] for key in order if pub.get(key)}


def _bold_inner(text: str) -> str | None:
    """``**text**`` → ``text`` (which may itself start or end in ``*italics*``); else None."""
    inner = text[2:-2]
    if text.startswith("**") and text.endswith("**") and inner.strip("*") and "**" not in inner:
        return inner
    return None


def _is_venue_line(text: str) -> bool:
    return bool(re.match(r"^(\*(?!\*)|\[\s*:[\w-]+:|&nbsp;)", text))


def _authors(block: _Block, reading: _Reading) -> list[str]:
    authors = []
    for part in _split_list(block.text):
        owner = False
        name = part.strip()
        equal = False
        for _ in range(2):  # the marks may sit inside or outside <u>...</u>
            equal, name = _without_equal_mark(name, equal)
            underlined = re.fullmatch(r"<u>(.*)</u>|\*\*(.*)\*\*", name)
            if underlined:
                owner, name = True, (underlined[1] or underlined[2] or "").strip()
        link = _MD_LINK.fullmatch(name)
        if link:
            reading.note(block.line, f"link of author {link['text']!r} not placed: {link['url']}")
            name = link["text"]
        name = unescape(_HTML_TAG.sub("", name)).strip()
        if not name:
            reading.note(block.line, f"an empty author in {_shorten(block.text, 40)}")
            continue
        if owner:
            reading.owner_names.append(name)
        authors.append(name + ("*" if equal else ""))
    return authors


def _without_equal_mark(name: str, equal: bool) -> tuple[bool, str]:
    for mark in ("\\*", "<sup>*</sup>", "<sup>\\*</sup>"):
        if name.startswith(mark):
            return True, name.removeprefix(mark).strip()
        if name.endswith(mark):
            return True, name.removesuffix(mark).strip()
    if name.endswith("*") and not name.endswith("**"):
        return True, name[:-1].strip()
    return equal, name


def _venue_line(block: _Block, reading: _Reading) -> dict[str, Any]:
    """``*MLSys2023*&nbsp;&nbsp;[:academicons-arxiv: arXiv](url)`` → venue, status, links."""
    text = block.text.replace("&nbsp;", " ")
    found: dict[str, Any] = {}
    italic = re.match(r"^\*(?P<venue>[^*]+?)\*(?=\s|\[|$)", text)
    if italic:
        text = text[italic.end() :]
        venue = _clean_text(italic["venue"], block.line, "venue", reading)
        status = _STATUS.match(venue)
        found.update(
            {"status": status["status"], "venue": status["venue"]} if status else {"venue": venue}
        )
    links = []
    for link in _MD_LINK.finditer(text):
        url = _checked_url(link["url"], block.line, "publication link", reading)
        if url:
            links.append({"label": _link_label(link["text"], block.line, reading), "url": url})
    if links:
        found["links"] = links
    rest = _MD_LINK.sub("", text).strip()
    if rest:
        reading.note(block.line, f"text in a venue line not placed: {_shorten(rest)}")
    return found


def _link_label(text: str, line: int, reading: _Reading) -> str:
    icon = _ICON_LINK_TEXT.match(text)
    if not icon:
        return _clean_text(text, line, "link label", reading) or "Link"
    if icon["label"]:
        return _clean_text(icon["label"], line, "link label", reading)
    name = icon_name(icon["icon"])
    return LABEL_OF_ICON.get(name) or network_for_icon(name) or name.replace("-", " ").title()


def _split_list(text: str) -> list[str]:
    """``A, B and C`` → parts, never splitting inside ``[link](url)`` or ``<u>...</u>``."""
    kept: list[str] = []

    def hide(match: re.Match[str]) -> str:
        kept.append(match[0])
        return f"\x00{len(kept) - 1}\x00"

    def restore(part: str) -> str:
        # Until nothing changes: a <u> span may itself hold a hidden link.
        while (restored := re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m[1])], part)) != part:
            part = restored
        return part

    masked = re.sub(r"<u>.*?</u>", hide, _MD_LINK.sub(hide, text))
    return [restore(part.strip()) for part in _LIST_SEPARATOR.split(masked) if part.strip()]


# -- text, links and dates as the page writes them


def _clean_text(text: str, line: int, what: str, reading: _Reading) -> str:
    """Page Markdown → our inline markup: icons and HTML tags (but <u>) go, with a note;
    entities become characters; a link target that is not a URL becomes plain text."""
    for pattern, kind in ((_ICON_SHORTCODE, "icon"), (_HTML_TAG, "HTML tag")):
        found = pattern.findall(text)
        if found:
            reading.note(line, f"{what}: {kind} {' '.join(dict.fromkeys(found))} dropped")
            text = pattern.sub("", text)
    text = html.unescape(text).replace("\xa0", " ")

    def checked(link: re.Match[str]) -> str:
        url = _checked_url(link["url"], line, f"link in {what}", reading)
        return link[0] if url else link["text"]

    return _INLINE_LINK.sub(checked, text).strip()


def _checked_url(url: str, line: Where, what: str, reading: _Reading) -> str | None:
    file, at = (None, line) if isinstance(line, int) else line
    return reading.notes.link(
        url, what=what, line=at, file=file, instead="kept as text, not a link"
    )


def _page_date(text: str) -> str | None:
    """``Sept. 2023``, ``Sept. 1, 2023``, ``2023``, ``2023-09`` or ``Present`` → profile date."""
    value = read_date(text.strip().strip("*_"))
    return str(value) if value else None


def _date_range(text: str) -> tuple[str | None, str | None] | None:
    """``*Sept. 2023 -- Present*`` → (start, end); None if the text is not a date line."""
    inner = text.strip()
    if not re.fullmatch(r"\*[^*]+\*|_[^_]+_|[^*_]+", inner):
        return None
    parts = _DATE_RANGE_SEPARATOR.split(inner.strip("*_").strip(), maxsplit=1)
    dates = [_page_date(part) if part.strip() else None for part in parts]
    if any(
        part.strip() and date is None for part, date in zip(parts, dates, strict=True)
    ) or not any(dates):
        return None
    return (dates[0], dates[1] if len(dates) > 1 else None)


# -- finishing the import


def _merge_mkdocs_social(path: Path, reading: _Reading) -> None:
    """Fill in from mkdocs.yml's ``extra.social``; the page wins where both name a network."""
    for entry in read_mkdocs_social(path):
        where = (path, entry["line"])
        if entry["email"]:
            _set_email(entry["email"], where, reading)
        elif entry["network"]:
            _add_profile(entry["network"], entry["link"], where, reading)
        else:
            reading.note(
                where, f"icon {entry['icon']!r} ({entry['link']}) names no network cvgen knows"
            )


def _add_owner_variants(reading: _Reading) -> None:
    """Underlined authors the name does not match become name variants, so the CV still
    highlights them."""
    known = {name_key(reading.person["name"])}
    variants: list[str] = []
    for name in reading.owner_names:
        if name_key(name) not in known:
            known.add(name_key(name))
            variants.append(name)
    if variants:
        reading.person["name_variants"] = variants


def _profile_data(reading: _Reading) -> dict[str, Any]:
    person = {key: reading.person[key] for key in _PERSON_KEYS if reading.person.get(key)}
    data: dict[str, Any] = {"person": person}
    if reading.news:
        data["news"] = reading.news
    if reading.sections:
        data["sections"] = reading.sections
    return data
