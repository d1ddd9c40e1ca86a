"""A homepage (``docs/index.md`` of an MkDocs site, or any Markdown page about a person)
read into profile data, through markdown-it-py (``markdown_page``).

The page: a ``# Name`` heading (the portrait may float beside it), header lines such as
``*:icon: Office: [...](...)*`` and a row of icon links (CV, e-mail, profiles), then one
section per heading of the next level. A section's kind comes from its title (in several
languages) or, failing that, from what its entries look like: schools, positions (role,
organisation, dates, bullets, an advisor line), papers, dated news, a list of items, or
prose. ``<details>`` and MkDocs ``???`` boxes count as what they hold: a box whose summary
names a kind ("News") is that section. HTML comments are never content.

Whatever cannot be placed is a note with its line; local images that are not there are left
out with a note, so the imported profile always builds. ``mkdocs.yml``'s ``extra.social``
links are imported with a note each, and one more when the link seems to name someone else.
Writing a page is ``homepage_export``; the conventions both share are in ``homepage_markup``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cvgen.formats.contract import Imported, Notes
from cvgen.formats.homepage_entries import (
    Entry,
    entries_of,
    has_dates,
    looks_like_school,
    publication_lines,
    publication_starts,
    read_education,
    read_experience,
    read_publication,
)
from cvgen.formats.homepage_header import merge_mkdocs_social, read_header, read_name
from cvgen.formats.homepage_markup import REGIONS
from cvgen.formats.homepage_reading import Reading, dates_in, not_placed, with_dates
from cvgen.formats.markdown_page import (
    Block,
    BulletList,
    Details,
    Heading,
    Paragraph,
    Run,
    Table,
    plain,
    read_page,
)
from cvgen.formats.mkdocs import MAX_SOURCE_BYTES
from cvgen.profile import name_key
from cvgen.textfile import read_text_file

_PERSON_KEYS = (
    "name", "name_variants", "tagline", "email", "phone", "homepage", "office", "location",
    "portrait", "bio", "profiles",
)  # fmt: skip
_CV_ICONS = {"cv", "ai-cv"}
# Title words per kind; a word of the title starting with one of these names the kind.
_TITLE_WORDS = (
    ("bio", ("bio", "about", "über", "propos", "sobre", "简介", "关于")),
    ("news", ("news", "update", "neuigkeit", "aktuell", "actualit", "nouvelles", "noticias",
              "novedades", "新闻", "动态")),
    ("publications", ("publication", "paper", "veröffentlichung", "publikation", "preprint",
                      "论文", "发表")),
    ("education", ("education", "ausbildung", "studium", "formation", "educación", "formación",
                   "教育")),
    ("experience", ("experience", "employment", "work", "position", "career", "internship",
                    "berufserfahrung", "erfahrung", "expérience", "experiencia", "工作", "经历")),
    ("awards", ("award", "honor", "honour", "prize", "auszeichnung", "preise", "distinction",
                "prix", "premios", "获奖", "荣誉")),
)  # fmt: skip


@dataclass
class _Section:
    title: list[Run]
    line: int
    region: str | None
    blocks: list[Block]


def read_homepage(md_path: Path, *, mkdocs_path: Path | None = None) -> Imported:
    """Read a homepage (and, optionally, its mkdocs.yml) into profile data.

    Raises CvgenError when the file is not such a page (no ``# Name`` heading, nothing a
    homepage carries); anything smaller that cannot be placed is a note.
    """
    reading = Reading(md_path, Notes(md_path))
    text = read_text_file(md_path, kind="homepage Markdown file", max_bytes=MAX_SOURCE_BYTES)
    page = read_page(text)
    if page.unclosed_front_matter:
        raise reading.notes.error("front matter opened with '---' is never closed", line=1)
    for line, problem in page.problems + page.marker_problems:
        reading.note(line, problem)
    name_at = next(
        (i for i, b in enumerate(page.blocks) if isinstance(b, Heading) and b.level == 1), None
    )
    if name_at is None:
        first = page.blocks[0].line if page.blocks else 1
        raise reading.notes.error("no '# Name' heading: not a homepage cvgen can read", line=first)
    for block in page.blocks[:name_at]:
        not_placed(block, "before the '# Name' heading", reading)
    heading = page.blocks[name_at]
    assert isinstance(heading, Heading)
    read_name(heading, reading)
    header, sections = _sections(page.blocks[name_at + 1 :], page.regions)
    boxes = [b for b in header if isinstance(b, Details) and _title_kind(b.summary)]
    read_header([b for b in header if b not in boxes], reading)
    for box in boxes:
        _read_section(_Section([Run("text", box.summary)], box.line, None, box.blocks), reading)
    for section in sections:
        _read_section(section, reading)
    if mkdocs_path is not None:
        merge_mkdocs_social(mkdocs_path, reading)
    _add_owner_variants(reading)
    if not (
        reading.sections or reading.news or set(reading.person) - {"name", "portrait", "tagline"}
    ):
        raise reading.notes.error(
            "found a '# Name' heading but nothing else a homepage carries (sections, links)",
            line=heading.line,
        )
    return Imported(
        _profile_data(reading),
        reading.notes.all,
        base_dir=md_path.parent,
        source=md_path,
        lines=reading.lines,
    )


def _sections(blocks: list[Block], regions: dict[int, str]) -> tuple[list[Block], list[_Section]]:
    """The header (blocks before the first section heading) and the sections: headings of
    the highest level the page uses after its name (``##`` mostly, ``#`` on some pages)."""
    levels = [b.level for b in blocks if isinstance(b, Heading)]
    level = min(levels, default=2)
    header: list[Block] = []
    sections: list[_Section] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level == level:
            sections.append(_Section(block.runs, block.line, regions.get(block.line), []))
        elif sections:
            sections[-1].blocks.append(block)
        else:
            header.append(block)
    return header, sections


# ---------------------------------------------------------------- the name and the header


# ---------------------------------------------------------------- sections


def _title_kind(title: str) -> str | None:
    folded = title.casefold()
    words = ["".join(c for c in word if c.isalnum()) for word in folded.split()]
    for kind, keys in _TITLE_WORDS:
        for key in keys:
            if any(word.startswith(key) for word in words) or (not key.isascii() and key in folded):
                return kind
    return None


def _read_section(section: _Section, reading: Reading) -> None:
    title = plain(section.title)
    blocks = _unboxed(section.blocks, _title_kind(title), reading)
    # Inside our own markers the region names the kind, whatever the section's title.
    kind = section.region if section.region in REGIONS[1:] else _title_kind(title)
    kind = kind or _shape_kind(blocks)
    if kind == "bio":
        _read_bio(blocks, reading)
    elif kind == "news":
        _read_news(blocks, reading)
    elif kind in ("education", "experience"):
        _read_entries(title, kind, blocks, reading)
    elif kind == "publications":
        _read_publications(title, blocks, reading)
    elif kind in ("awards", "items"):
        _read_items(title, blocks, reading)
    elif kind == "text":
        _read_text(title, blocks, reading)
    else:
        reading.note(
            section.line, f"section '{title}' not imported: cvgen could not tell what it holds"
        )


def _unboxed(blocks: list[Block], kind: str | None, reading: Reading) -> list[Block]:
    """A box whose summary names another kind is a section of its own; any other box's
    content belongs to the section it sits in."""
    kept: list[Block] = []
    for block in blocks:
        inner = _title_kind(block.summary) if isinstance(block, Details) else None
        if isinstance(block, Details) and inner and inner != kind:
            _read_section(
                _Section([Run("text", block.summary)], block.line, None, block.blocks), reading
            )
        elif isinstance(block, Details):
            kept += _unboxed(block.blocks, kind, reading)
        else:
            kept.append(block)
    return kept


def _shape_kind(blocks: list[Block]) -> str | None:
    """The kind a section's content looks like, for titles cvgen does not know."""
    sub = min((b.level for b in blocks if isinstance(b, Heading)), default=None)
    entries, _ = entries_of(blocks, sub)
    if sub is not None and entries:
        if all(looks_like_school(e) for e in entries):
            return "education"
        return "experience" if any(has_dates(e) for e in entries) else None
    if any(publication_starts(b) for b in blocks) and any(
        plain(b.runs).count(",") >= 2 for b in blocks if isinstance(b, Paragraph)
    ):
        return "publications"
    if entries and all(has_dates(e) and e.blocks for e in entries):
        return "experience"
    if entries or any(isinstance(b, Table) for b in blocks):
        return "items"
    if blocks and all(isinstance(b, Paragraph) for b in blocks):
        return "text"
    return None


def _read_bio(blocks: list[Block], reading: Reading) -> None:
    paragraphs = []
    for block in blocks:
        if isinstance(block, Paragraph):
            paragraphs.append(reading.markup(block.runs, block.line, "bio"))
        else:
            not_placed(block, "in Bio (it holds paragraphs)", reading)
    bio = "\n\n".join(p for p in paragraphs if p)
    if bio:
        earlier = reading.person.get("bio")
        reading.person["bio"] = f"{earlier}\n\n{bio}" if earlier else bio


def _read_news(blocks: list[Block], reading: Reading) -> None:
    for block in blocks:
        if isinstance(block, Paragraph):
            items = [(block.line, block.runs)]
        elif isinstance(block, BulletList):
            items = [(item.line, _item_runs(item.blocks)) for item in block.items]
        else:
            not_placed(block, "in News", reading)
            continue
        for line, runs in items:
            item_dates, rest = _leading_dates(runs)
            news: dict[str, Any] = {}
            if item_dates and item_dates[0] and not item_dates[1]:
                news["date"] = item_dates[0]
                runs = rest
            news["text"] = reading.markup(runs, line, "news")
            if news["text"]:
                reading.lines[("news", len(reading.news))] = line
                reading.news.append(news)


def _item_runs(blocks: list[Block]) -> list[Run]:
    """A list item's paragraphs as one run of text (lines joined)."""
    runs = [r for b in blocks if isinstance(b, Paragraph) for r in (*b.runs, Run("break", "\n"))]
    return runs[:-1]


def _leading_dates(runs: list[Run]) -> tuple[tuple[str | None, str | None] | None, list[Run]]:
    """A date before the text (``**May 2024**: ...``, ``[2024-05] ...``, ``2024.05 — ...``)
    or after it in brackets; and the runs without it."""
    texts = [i for i, run in enumerate(runs) if run.text.strip()]
    if not texts or runs[texts[0]].kind != "text":
        return None, runs
    first = texts[0]
    head = runs[first].text
    found, rest = dates_in(head)
    if found is None:
        return None, runs
    after = rest.lstrip(" ]:–—-").lstrip()
    remaining = runs[first + 1 :]
    if not after and remaining and remaining[0].kind == "text":
        remaining = [_with_text(remaining[0], remaining[0].text.lstrip(" ]:–—-")), *remaining[1:]]
    return found, ([_with_text(runs[first], after)] if after else []) + remaining


def _with_text(run: Run, text: str) -> Run:
    return Run(run.kind, text, run.url, run.bold, run.italic, run.underline, run.inner)


def _read_entries(title: str, kind: str, blocks: list[Block], reading: Reading) -> None:
    sub = min((b.level for b in blocks if isinstance(b, Heading)), default=None)
    entries, before = entries_of(blocks, sub)
    for block in before:
        not_placed(block, f"in {title} before its first entry", reading)
    read = read_education if kind == "education" else read_experience
    _add_section(title, kind, [(e.line, read(e, reading)) for e in entries], reading)


def _add_section(
    title: str, kind: str, entries: list[tuple[int, dict[str, Any]]], reading: Reading
) -> None:
    index = len(reading.sections)
    kept = [(line, entry) for line, entry in entries if entry]
    for position, (line, _) in enumerate(kept):
        reading.lines[("sections", index, "entries", position)] = line
    reading.sections.append({"title": title, "kind": kind, "entries": [e for _, e in kept]})


def _read_publications(title: str, blocks: list[Block], reading: Reading) -> None:
    groups: list[list[Block]] = []
    for block in blocks:
        if isinstance(block, BulletList):
            groups += [
                item.blocks
                for item in block.items
                if item.blocks and publication_starts(item.blocks[0])
            ]
        elif publication_starts(block):
            groups.append([block])
        elif groups and isinstance(block, Paragraph):
            groups[-1].append(block)
        else:
            not_placed(block, f"in {title} outside an entry", reading)
    papers = []
    for group in groups:
        lines = publication_lines(group)
        if lines:
            papers.append((lines[0][0], read_publication(lines, reading)))
    _add_section(title, "publications", papers, reading)


def _read_items(title: str, blocks: list[Block], reading: Reading) -> None:
    items: list[tuple[int, dict[str, Any]]] = []
    for block in blocks:
        if isinstance(block, BulletList):
            for entry in block.items:
                items.append((entry.line, _item(_item_runs(entry.blocks), entry.line, reading)))
        elif isinstance(block, Table) and block.rows:
            reading.note(
                block.line, f"table in {title}: each row kept as an item, cells joined by ' — '"
            )
            for row in block.rows[1:]:
                runs = [r for cell in row for r in (*cell, Run("text", " — "))][:-1]
                items.append((block.line, _item(runs, block.line, reading)))
        else:
            not_placed(block, f"in {title} (a list of items)", reading)
    _add_section(
        title, "items", [(line, item) for line, item in items if item.get("text")], reading
    )


def _item(runs: list[Run], line: int, reading: Reading) -> dict[str, Any]:
    found, rest = _leading_dates(runs)
    item: dict[str, Any] = {"text": reading.markup(rest if found else runs, line, "item")}
    if found:
        with_dates(item, found)
    return item


def _read_text(title: str, blocks: list[Block], reading: Reading) -> None:
    paragraphs = []
    for block in blocks:
        if isinstance(block, Paragraph):
            paragraphs.append(reading.markup(block.runs, block.line, title))
        else:
            not_placed(block, f"in {title} (a text section holds paragraphs)", reading)
    if paragraphs:
        reading.sections.append({"title": title, "kind": "text", "text": "\n\n".join(paragraphs)})


# ---------------------------------------------------------------- mkdocs.yml and the end


def _add_owner_variants(reading: Reading) -> None:
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


def _profile_data(reading: Reading) -> dict[str, Any]:
    person = {key: reading.person[key] for key in _PERSON_KEYS if reading.person.get(key)}
    data: dict[str, Any] = {"person": person}
    if reading.news:
        data["news"] = reading.news
    if reading.sections:
        data["sections"] = reading.sections
    return data


__all__ = ["Entry", "read_homepage"]
