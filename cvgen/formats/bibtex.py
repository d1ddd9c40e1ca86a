"""BibTeX → publication entries in the profile's shape, and notes on what was left out.

The syntax is read by ``bibtex_syntax`` (our scanner), names by ``bibtex_names``, LaTeX by
``bibtex_latex`` (pylatexenc). Here each entry becomes a publication: title, authors, the
venue (booktitle, journal, school, institution, or howpublished) with volume, number,
pages and publisher, a date from year and month, links from doi, eprint, pdf and url, and
the note. ``crossref`` fills what an entry leaves out from the entry it names. Every field
we do not print, and everything else we leave out, becomes a note with its line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from cvgen.dates import month_number
from cvgen.errors import CvgenError
from cvgen.formats.bibtex_latex import latex_to_text, raw_link, split_url_macro
from cvgen.formats.bibtex_names import bib_authors
from cvgen.formats.bibtex_syntax import BibEntry, parse_bibtex
from cvgen.formats.contract import Imported, Note
from cvgen.inline import escape_inline
from cvgen.links import normalize_url
from cvgen.textfile import read_text_file
from cvgen.values import Value, frozen

__all__ = ["bibtex_publications", "import_bibtex", "latex_to_text", "read_bibtex"]

MAX_BIB_BYTES = 16 * 1024 * 1024
# Venue fields in order of preference: proceedings, journal, then theses and reports.
_VENUE_FIELDS = ("booktitle", "journal", "journaltitle", "school", "institution")
# What a publication prints besides the venue, as the profile names it.
_DETAIL_FIELDS = ("volume", "number", "pages", "publisher")
_USED_FIELDS = frozenset(
    {
        *_VENUE_FIELDS,
        *_DETAIL_FIELDS,
        "title", "author", "equal", "howpublished", "year", "date", "month", "note",
        "url", "doi", "eprint", "archiveprefix", "eprinttype", "pdf", "crossref",
    }
)  # fmt: skip
# Entries that exist to be crossref'd (a conference's proceedings), not papers of one's own.
_CONTAINER_KINDS = frozenset({"proceedings", "mvproceedings", "collection", "mvcollection"})
_ARXIV_ID = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})(v\d+)?$")
_DOI_PREFIX = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?")


PREAMBLE = (
    "# Made by `cvgen import bibtex`: paste this section under `sections:` in your profile.\n"
)


@frozen
class BibtexImport(Value):
    publications: list[dict[str, Any]]
    notes: list[Note]
    lines: list[int]  # the line of each publication's entry


def read_bibtex(source: Path) -> Imported:
    """``cvgen import bibtex``: a publications section to paste into a profile, and notes."""
    result = import_bibtex(source)
    section = {"title": "Publications", "kind": "publications", "entries": result.publications}
    return Imported(
        {"sections": [section]},
        result.notes,
        base_dir=source.parent,
        fragment=True,
        preamble=PREAMBLE,
        lines={("sections", 0, "entries", i): line for i, line in enumerate(result.lines)},
        source=source,
    )


def _note(path: Path, line: int | None, message: str) -> Note:
    return Note(path, message, line)


def bibtex_publications(path: Path, *, keys: list[str] | None = None) -> list[dict[str, Any]]:
    """Publication entries for a build: ``import_bibtex`` without its notes (a build
    prints what the file holds; ``cvgen import bibtex`` lists what it leaves out)."""
    return import_bibtex(path, keys=keys).publications


def import_bibtex(path: Path, *, keys: list[str] | None = None) -> BibtexImport:
    """Publication entries (profile shape) from a .bib file, and notes.

    ``keys`` picks entries by citation key (BibTeX compares keys without case), in that
    order; an unknown key is an error naming it. Without keys every entry is taken, newest
    first. Raises CvgenError with the file and line.
    """
    text = read_text_file(path, kind="BibTeX file", max_bytes=MAX_BIB_BYTES)
    parsed = parse_bibtex(text, path)
    notes = [
        _note(path, line, "@preamble left out (LaTeX definitions print nothing in a CV)")
        for line in parsed.preamble_lines
    ]
    entries = _with_crossrefs(parsed.entries, path, notes)
    if keys is not None:
        entries = _chosen(entries, keys, path)
    else:
        entries = _without_containers(entries, path, notes)
    publications = [(entry, _publication(entry, path, notes)) for entry in entries]
    if keys is None:
        # Newest first; sorted() keeps file order among equals; undated entries go last.
        publications.sort(key=lambda pair: _sort_date(pair[0]), reverse=True)
    notes.sort(key=lambda note: note.line or 0)
    return BibtexImport(
        [publication for _, publication in publications],
        notes,
        [entry.line for entry, _ in publications],
    )


def _chosen(entries: list[BibEntry], keys: list[str], path: Path) -> list[BibEntry]:
    by_key = {entry.key.casefold(): entry for entry in entries}
    unknown = [key for key in keys if key.casefold() not in by_key]
    if unknown:
        names = ", ".join(repr(key) for key in unknown)
        raise CvgenError(f"no entry with key {names}", file=path)
    chosen = dict.fromkeys(key.casefold() for key in keys)  # a key named twice prints once
    return [by_key[key] for key in chosen]


def _sort_date(entry: BibEntry) -> tuple[int, int]:
    date = _date(entry)
    if date is None:
        return (0, 0)
    year, _, month = date.partition("-")
    return (int(year), int(month or 0))


# --- crossref --------------------------------------------------------------------------


def _with_crossrefs(entries: list[BibEntry], path: Path, notes: list[Note]) -> list[BibEntry]:
    """Each entry with ``crossref`` gets the fields it lacks from the entry it names (one
    level, as BibTeX does); a container's ``title`` is the citing entry's ``booktitle``."""
    by_key = {entry.key.casefold(): entry for entry in entries}
    resolved = []
    for entry in entries:
        target = entry.fields.get("crossref", "").strip()
        if not target:
            resolved.append(entry)
            continue
        parent = by_key.get(target.casefold())
        if parent is None or parent is entry:
            notes.append(
                _note(
                    path,
                    entry.field_lines["crossref"],
                    f"{entry.key}.crossref: no entry {target!r} in this file; nothing inherited",
                )
            )
            resolved.append(entry)
            continue
        resolved.append(_inherit(entry, parent))
    return resolved


def _inherit(entry: BibEntry, parent: BibEntry) -> BibEntry:
    fields, lines = dict(entry.fields), dict(entry.field_lines)
    inherited = {name: value for name, value in parent.fields.items() if name != "crossref"}
    parent_lines = dict(parent.field_lines)
    if "booktitle" not in fields and "booktitle" not in inherited and "title" in inherited:
        inherited["booktitle"] = inherited["title"]
        parent_lines["booktitle"] = parent_lines["title"]
    inherited.pop("title", None)  # the paper's own title, never the proceedings'
    taken = {name: value for name, value in inherited.items() if name not in fields}
    fields.update(taken)
    lines.update((name, parent_lines[name]) for name in taken)
    return BibEntry(entry.kind, entry.key, entry.line, fields, lines, frozenset(taken))


def _without_containers(entries: list[BibEntry], path: Path, notes: list[Note]) -> list[BibEntry]:
    """Proceedings and collections that entries crossref are not listed themselves."""
    cited = {e.fields["crossref"].strip().casefold() for e in entries if "crossref" in e.fields}
    kept = []
    for entry in entries:
        if entry.kind in _CONTAINER_KINDS and entry.key.casefold() in cited:
            notes.append(
                _note(
                    path,
                    entry.line,
                    f"@{entry.kind}{{{entry.key}}} is read through crossref only;"
                    " not listed as a publication (name it in keys: to list it)",
                )
            )
        else:
            kept.append(entry)
    return kept


# --- entry → publication ---------------------------------------------------------------


def _publication(entry: BibEntry, path: Path, notes: list[Note]) -> dict[str, Any]:
    """One entry as a publication of the profile (keys in the model's order)."""
    fields = entry.fields
    title = latex_to_text(fields.get("title", ""))
    if not title:
        raise CvgenError(f"entry {entry.key!r} has no title", file=path, line=entry.line)
    publication: dict[str, Any] = {"title": escape_inline(title)}
    links = _links(entry, path)
    venue, howpublished_url = _venue(entry, path, notes)
    url = (
        _url(entry, "url", path) or howpublished_url or next((link["url"] for link in links), None)
    )
    if url:
        publication["url"] = url
    authors = bib_authors(entry, path)
    for written in authors.nameless:
        notes.append(
            _note(
                path,
                entry.field_lines["author"],
                f"{entry.key}.author: {written!r} names no one; left out",
            )
        )
    if authors.names:
        publication["authors"] = authors.names
    if venue:
        publication["venue"] = escape_inline(venue)
    publication.update(_details(entry))
    date, problems = _read_date(entry)
    for name, problem in problems:
        notes.append(_note(path, entry.field_lines[name], f"{entry.key}.{name}: {problem}"))
    if date:
        publication["date"] = date
    if fields.get("note", "").strip():
        publication["note"] = escape_inline(latex_to_text(fields["note"]))
    if links:
        publication["links"] = links
    _note_left_out_fields(entry, path, notes)
    return publication


def _venue(entry: BibEntry, path: Path, notes: list[Note]) -> tuple[str | None, str | None]:
    """The venue's text, and a link written as ``howpublished = {\\url{...}}``."""
    fields = entry.fields
    venue_field = next((name for name in _VENUE_FIELDS if fields.get(name, "").strip()), None)
    venue = latex_to_text(fields[venue_field]) if venue_field else None
    text, url = split_url_macro(fields.get("howpublished", ""))
    shown = latex_to_text(text)
    if shown and venue:
        notes.append(
            _note(
                path,
                entry.field_lines["howpublished"],
                f"{entry.key}.howpublished: left out; the venue is its {venue_field}",
            )
        )
    elif shown:
        venue = shown
    return venue or None, _checked(url, entry, "howpublished", path) if url else None


def _details(entry: BibEntry) -> dict[str, str]:
    """Volume, number, pages and publisher as printed text ("45--67" → "45–67")."""
    details = {}
    for name in _DETAIL_FIELDS:
        text = latex_to_text(entry.fields.get(name, ""))
        if text:
            details[name] = escape_inline(text)
    return details


def _note_left_out_fields(entry: BibEntry, path: Path, notes: list[Note]) -> None:
    own = [n for n in entry.fields if n not in _USED_FIELDS and n not in entry.inherited]
    if own:
        notes.append(
            _note(
                path,
                entry.line,
                f"@{entry.kind}{{{entry.key}}}: left out {', '.join(own)} (a CV prints no such field)",
            )
        )


def _date(entry: BibEntry) -> str | None:
    return _read_date(entry)[0]


def _read_date(entry: BibEntry) -> tuple[str | None, list[tuple[str, str]]]:
    """YYYY or YYYY-MM from year and month (or biblatex's date), and (field, problem) pairs
    for what could not be read."""
    fields = entry.fields
    year_field = "year" if "year" in fields else "date"
    written = fields.get(year_field, "")
    if year_field == "year":
        found = _YEAR.search(latex_to_text(written))
        year = found.group(0) if found else None
        month = _month_number(fields["month"]) if "month" in fields else None
    else:
        iso = _ISO_DATE.match(written.strip())
        year = iso.group(1) if iso else None
        month = int(iso.group(2)) if iso and iso.group(2) else None
        month = month if month and 1 <= month <= 12 else None
    problems = []
    if year is None:
        if written.strip():
            problems.append((year_field, f"no year in {written.strip()!r}; no date"))
        return None, problems
    if "month" in fields and year_field == "year" and month is None:
        shown = latex_to_text(fields["month"])
        problems.append(("month", f"not a month: {shown!r}; the year alone is kept"))
    return (f"{year}-{month:02d}" if month else year), problems


def _month_number(value: str) -> int | None:
    """``jun``, ``June``, ``{Jun.}``, ``6``; anything else (``Summer``) gives no month."""
    return month_number(latex_to_text(value))


def _url(entry: BibEntry, name: str, path: Path) -> str | None:
    raw = raw_link(entry.fields.get(name, ""))
    return _checked(raw, entry, name, path) if raw else None


def _checked(url: str, entry: BibEntry, name: str, path: Path) -> str:
    try:
        return normalize_url(url)
    except ValueError as exc:
        raise CvgenError(
            str(exc), file=path, line=entry.field_lines[name], field=f"{entry.key}.{name}"
        ) from None


def _links(entry: BibEntry, path: Path) -> list[dict[str, str]]:
    fields = entry.fields
    links: list[dict[str, str]] = []
    doi = _DOI_PREFIX.sub("", raw_link(fields.get("doi", "")))
    if doi:
        links.append({"label": "DOI", "url": _doi_link(doi, entry, path)})
    arxiv = _arxiv_id(entry)
    if arxiv:
        links.append(
            {
                "label": "arXiv",
                "url": _checked(f"https://arxiv.org/abs/{arxiv}", entry, "eprint", path),
            }
        )
    pdf = _url(entry, "pdf", path)
    url = _url(entry, "url", path)
    if (
        not pdf
        and url
        and url.lower().endswith(".pdf")
        and all(link["url"] != url for link in links)
    ):
        pdf = url
    if pdf:
        links.append({"label": "PDF", "url": pdf})
    return links


def _doi_link(doi: str, entry: BibEntry, path: Path) -> str:
    try:
        return normalize_url(f"https://doi.org/{doi}")
    except ValueError:
        raise CvgenError(
            f"not usable in a link: {entry.fields['doi']!r}",
            file=path,
            line=entry.field_lines["doi"],
            field=f"{entry.key}.doi",
        ) from None


def _arxiv_id(entry: BibEntry) -> str | None:
    fields = entry.fields
    eprint = re.sub(r"^arxiv:\s*", "", raw_link(fields.get("eprint", "")), flags=re.IGNORECASE)
    if not eprint:
        return None
    archive = (fields.get("archiveprefix") or fields.get("eprinttype") or "").strip("{} ").lower()
    return eprint if archive == "arxiv" or _ARXIV_ID.match(eprint) else None
