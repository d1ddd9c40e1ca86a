"""BibTeX → publication entries in the profile's shape (title, authors, venue, date, links).

The .bib syntax is read by our own small scanner: entries in braces or parentheses,
``@string`` macros, ``#`` joins and the month macros, with the real line of every problem
(bibtexparser 2 leaves ``#`` joins unresolved and reports broken entries only through its
logger). LaTeX inside values becomes Unicode through pylatexenc, which knows far more
accents, letters and symbols than any table we would keep.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from cvgen.errors import CvgenError
from cvgen.formats.yaml_out import dump_profile_yaml
from cvgen.inline import escape_inline
from cvgen.links import normalize_url
from cvgen.textfile import read_text_file

MAX_BIB_BYTES = 16 * 1024 * 1024
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_NAME = re.compile(r"[^\s\"#(),={}]+")
_ENTRY_START = re.compile(r"\n[ \t]*@[A-Za-z]+[ \t]*[{(]")
# Venue fields in order of preference: proceedings, journal, then theses and reports.
_VENUE_FIELDS = ("booktitle", "journal", "school", "institution")
_ARXIV_ID = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})(v\d+)?$")
_DOI_PREFIX = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
# An equal-contribution mark at the end of a name part, as decoded from LaTeX:
# "Zhao*", "Zhao\textsuperscript{*}" → "Zhao*", "Zhao$^*$" → "Zhao^*".
_STAR_MARK = re.compile(r"\s*\^?\*+\s*$")


@dataclass(frozen=True)
class BibEntry:
    """One ``@type{key, ...}`` with its values as written (LaTeX), macros resolved."""

    kind: str
    key: str
    line: int
    fields: dict[str, str] = field(default_factory=dict)  # lower-case name → raw value
    field_lines: dict[str, int] = field(default_factory=dict)


def read_bibtex(path: Path, *, keys: list[str] | None = None) -> list[dict[str, Any]]:
    """Publication entries (profile shape) from a .bib file, newest first.

    ``keys`` picks entries by citation key (BibTeX compares keys without case); an
    unknown key is an error naming it. Raises CvgenError with the file and line.
    """
    entries = parse_bibtex(read_text_file(path, kind="BibTeX file", max_bytes=MAX_BIB_BYTES), path)
    if keys is not None:
        entries = _chosen(entries, keys, path)
    publications = [(entry, bib_publication(entry, path)) for entry in entries]
    # Newest first; sorted() keeps file order among equals; undated entries go last.
    publications.sort(key=lambda pair: _sort_date(pair[0]), reverse=True)
    return [publication for _, publication in publications]


def bibtex_to_yaml(entries: list[dict[str, Any]]) -> str:
    """A publications section as profile YAML, to paste under ``sections:``."""
    section = {"title": "Publications", "kind": "publications", "entries": entries}
    note = (
        "# Made by `cvgen import bibtex`: paste this section under `sections:` in your profile.\n"
    )
    return note + dump_profile_yaml({"sections": [section]})


def _chosen(entries: list[BibEntry], keys: list[str], path: Path) -> list[BibEntry]:
    wanted = {key.casefold() for key in keys}
    found = {entry.key.casefold() for entry in entries}
    unknown = [key for key in keys if key.casefold() not in found]
    if unknown:
        names = ", ".join(repr(key) for key in unknown)
        raise CvgenError(f"no entry with key {names}", file=path)
    return [entry for entry in entries if entry.key.casefold() in wanted]


def _sort_date(entry: BibEntry) -> tuple[int, int]:
    date = _date(entry)
    if date is None:
        return (0, 0)
    year, _, month = date.partition("-")
    return (int(year), int(month or 0))


# --- the .bib syntax -------------------------------------------------------------------


class _Scanner:
    """Reads .bib text left to right; knows the line of every position for errors."""

    def __init__(self, text: str, path: Path) -> None:
        self.text = text
        self.path = path
        self.pos = 0
        self.macros = dict(zip(MONTHS, _MONTH_NAMES, strict=True))
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def line_at(self, pos: int) -> int:
        return bisect.bisect_right(self._line_starts, pos)

    def error(
        self, message: str, pos: int | None = None, *, field: str | None = None
    ) -> CvgenError:
        return CvgenError(
            message,
            file=self.path,
            line=self.line_at(self.pos if pos is None else pos),
            field=field,
        )

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, chars: str, what: str) -> str:
        self.skip_space()
        char = self.peek()
        if not char or char not in chars:
            found = repr(char) if char else "the end of the file"
            raise self.error(f"expected {what}, found {found}")
        self.pos += 1
        return char

    def name(self) -> str:
        match = _NAME.match(self.text, self.pos)
        if not match:
            return ""
        self.pos = match.end()
        return match.group(0)

    def braced(self) -> str:
        """The text up to the ``}`` matching the ``{`` at pos (which is consumed)."""
        start = self.pos
        depth = 0
        for index in range(start, self._value_limit(start)):
            char = self.text[index]
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    self.pos = index + 1
                    return self.text[start + 1 : index]
        raise self._unclosed(start, "{")

    def quoted(self) -> str:
        """The text up to the next ``"`` outside braces (the opening ``"`` is consumed)."""
        start = self.pos
        depth = 0
        for index in range(start + 1, self._value_limit(start)):
            char = self.text[index]
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth < 0:
                    line = self.line_at(index)
                    raise self.error(
                        f"unclosed quote: this '\"' has no closing '\"' before the '}}' on line {line}",
                        start,
                    )
            elif char == '"' and depth == 0:
                self.pos = index + 1
                return self.text[start + 1 : index]
        raise self._unclosed(start, '"')

    def _value_limit(self, start: int) -> int:
        """Where a value must end at the latest: a line starting a new entry, or the end.

        Without this limit one missing brace would swallow the entries after it and the
        error would surface far from the mistake.
        """
        next_entry = _ENTRY_START.search(self.text, start)
        return next_entry.start() if next_entry else len(self.text)

    def _unclosed(self, start: int, opener: str) -> CvgenError:
        limit = self._value_limit(start)
        where = (
            f"before the next entry (line {self.line_at(limit + 1)})"
            if limit < len(self.text)
            else "by the end of the file"
        )
        kind = "unbalanced braces" if opener == "{" else "unclosed quote"
        return self.error(f"{kind}: this {opener!r} is not closed {where}", start)


def parse_bibtex(text: str, path: Path) -> list[BibEntry]:
    """Every entry of a .bib text, in file order; comments, preambles and strings consumed."""
    scanner = _Scanner(text, path)
    entries: list[BibEntry] = []
    lines_of_keys: dict[str, int] = {}
    while (at := text.find("@", scanner.pos)) >= 0:
        scanner.pos = at + 1
        if _in_comment_line(text, at):
            continue  # "% @article{old, ..." is how people switch an entry off
        scanner.skip_space()
        kind = scanner.name().lower()
        scanner.skip_space()
        if not kind or scanner.peek() not in "{(":
            continue  # an "@" in free text (an e-mail address in a comment) starts nothing
        if kind == "comment" or kind == "preamble":
            _skip_group(scanner)
        elif kind == "string":
            _read_string(scanner)
        else:
            entry = _read_entry(scanner, kind, at)
            folded = entry.key.casefold()
            if folded in lines_of_keys:
                raise scanner.error(
                    f"duplicate key {entry.key!r} (first on line {lines_of_keys[folded]})", at
                )
            lines_of_keys[folded] = entry.line
            entries.append(entry)
    return entries


def _in_comment_line(text: str, at: int) -> bool:
    line_start = text.rfind("\n", 0, at) + 1
    return text[line_start:at].lstrip().startswith("%")


def _closer(scanner: _Scanner) -> str:
    return "}" if scanner.expect("{(", "'{' or '('") == "{" else ")"


def _skip_group(scanner: _Scanner) -> None:
    if scanner.peek() == "{":
        scanner.braced()
    else:
        end = scanner.text.find(")", scanner.pos)
        if end < 0:
            raise scanner.error("'(' is never closed")
        scanner.pos = end + 1


def _read_string(scanner: _Scanner) -> None:
    closer = _closer(scanner)
    scanner.skip_space()
    name = scanner.name().lower()
    if not name:
        raise scanner.error("expected a macro name after @string")
    scanner.expect("=", "'='")
    scanner.macros[name] = _value(scanner)
    scanner.expect(closer, repr(closer))


def _read_entry(scanner: _Scanner, kind: str, at: int) -> BibEntry:
    closer = _closer(scanner)
    scanner.skip_space()
    key = scanner.name()
    if not key:
        raise scanner.error(f"@{kind} entry has no citation key", at)
    entry = BibEntry(kind=kind, key=key, line=scanner.line_at(at))
    separator = scanner.expect(",}" if closer == "}" else ",)", f"',' after the key {key!r}")
    while separator == ",":
        scanner.skip_space()
        if scanner.peek() == closer:
            scanner.pos += 1
            break
        name_at = scanner.pos
        name = scanner.name().lower()
        if not name:
            raise scanner.error(f"expected a field name or {closer!r} in entry {key!r}")
        if name in entry.fields:
            first = entry.field_lines[name]
            raise scanner.error(
                f"duplicate field (first on line {first})", name_at, field=f"{key}.{name}"
            )
        scanner.expect("=", f"'=' after field {name!r}")
        entry.fields[name] = _value(scanner)
        entry.field_lines[name] = scanner.line_at(name_at)
        separator = _separator(scanner, entry, name, closer)
    return entry


def _separator(scanner: _Scanner, entry: BibEntry, name: str, closer: str) -> str:
    """The ``,`` or closer after a value, or an error that points at the likely mistake."""
    value_end_line = scanner.line_at(scanner.pos - 1)
    try:
        return scanner.expect("," + closer, f"',' or {closer!r} after the value of {name!r}")
    except CvgenError as problem:
        if not scanner.peek():
            raise CvgenError(
                f"entry {entry.key!r} is never closed: {closer!r} missing",
                file=scanner.path,
                line=entry.line,
            ) from None
        if value_end_line > entry.field_lines[name]:
            # A value that swallowed the fields after it: one of its braces is missing or extra.
            raise CvgenError(
                f"unbalanced braces: the value runs on to line {value_end_line}",
                file=scanner.path,
                line=entry.field_lines[name],
                field=f"{entry.key}.{name}",
            ) from None
        # The comma is missing at the end of the value, not where the next field starts.
        problem.line = value_end_line
        raise


def _value(scanner: _Scanner) -> str:
    """A field value: parts in braces, quotes, digits or macro names, joined by ``#``."""
    parts = [_value_part(scanner)]
    while True:
        end = scanner.pos
        scanner.skip_space()
        if scanner.peek() != "#":
            scanner.pos = end  # stay at the value's end, so errors can say where it ended
            return "".join(parts)
        scanner.pos += 1
        parts.append(_value_part(scanner))


def _value_part(scanner: _Scanner) -> str:
    scanner.skip_space()
    char = scanner.peek()
    if char == "{":
        return scanner.braced()
    if char == '"':
        return scanner.quoted()
    at = scanner.pos
    name = scanner.name()
    if not name:
        raise scanner.error("expected a value in braces, quotes, a number or a @string name")
    if name.isdigit():
        return name
    if name.lower() not in scanner.macros:
        raise scanner.error(f"unknown @string name {name!r} (put text in braces)", at)
    return scanner.macros[name.lower()]


# --- entry → publication ---------------------------------------------------------------


def bib_publication(entry: BibEntry, path: Path) -> dict[str, Any]:
    """One entry as a publication of the profile (keys in the model's order)."""
    fields = entry.fields
    title = latex_to_text(fields.get("title", ""))
    if not title:
        raise CvgenError(f"entry {entry.key!r} has no title", file=path, line=entry.line)
    links = _links(entry, path)
    publication: dict[str, Any] = {"title": escape_inline(title)}
    url = _url(entry, "url", path) or next((link["url"] for link in links), None)
    if url:
        publication["url"] = url
    authors = _authors(entry, path)
    if authors:
        publication["authors"] = authors
    venue = next((fields[name] for name in _VENUE_FIELDS if fields.get(name, "").strip()), None)
    if venue:
        publication["venue"] = escape_inline(latex_to_text(venue))
    date = _date(entry)
    if date:
        publication["date"] = date
    if fields.get("note", "").strip():
        publication["note"] = escape_inline(latex_to_text(fields["note"]))
    if links:
        publication["links"] = links
    return publication


def latex_to_text(value: str) -> str:
    """LaTeX → the Unicode text a reader sees: accents, ``\\ss``, ``--``, braces gone."""
    try:
        text = _latex_converter().latex_to_text(value)
    except Exception:  # pylatexenc 2.x crashes on a few malformed macros (\href{x})
        text = re.sub(r"\\[A-Za-z]+\s*|[{}]", "", re.sub(r"\}\s*\{", " ", value))
    # "~" is a tie (no-break space) and "\-" a hyphenation hint: neither belongs in a CV.
    return " ".join(text.replace("\xa0", " ").replace("\xad", "").split())


@cache
def _latex_converter() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text  # imported late: only import needs it

    return LatexNodes2Text()


def _date(entry: BibEntry) -> str | None:
    year = re.search(r"\b\d{4}\b", entry.fields.get("year", ""))
    if not year:
        return None
    month = _month_number(entry.fields.get("month", ""))
    return f"{year.group(0)}-{month:02d}" if month else year.group(0)


def _month_number(value: str) -> int | None:
    """``jun``, ``June``, ``{Jun.}``, ``6``; anything else (``Summer``) gives no month."""
    word = latex_to_text(value).strip().rstrip(".").lower()
    if word.isdigit():
        return int(word) if 1 <= int(word) <= 12 else None
    return MONTHS.index(word[:3]) + 1 if word[:3] in MONTHS else None


def _url(entry: BibEntry, name: str, path: Path) -> str | None:
    raw = _raw_link(entry.fields.get(name, ""))
    if not raw:
        return None
    try:
        return normalize_url(raw)
    except ValueError as exc:
        raise CvgenError(
            str(exc), file=path, line=entry.field_lines[name], field=f"{entry.key}.{name}"
        ) from None


def _raw_link(value: str) -> str:
    """A URL-like value as typed: braces gone, LaTeX escapes (``\\_``, ``\\%``) undone."""
    return re.sub(r"\\([_%&#$~])", r"\1", value.replace("{", "").replace("}", "")).strip()


def _links(entry: BibEntry, path: Path) -> list[dict[str, str]]:
    fields = entry.fields
    links: list[dict[str, str]] = []
    doi = _DOI_PREFIX.sub("", _raw_link(fields.get("doi", "")))
    if doi:
        links.append(
            {"label": "DOI", "url": _checked(f"https://doi.org/{doi}", entry, "doi", path)}
        )
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


def _checked(url: str, entry: BibEntry, name: str, path: Path) -> str:
    try:
        return normalize_url(url)
    except ValueError:
        raise CvgenError(
            f"not usable in a link: {entry.fields[name]!r}",
            file=path,
            line=entry.field_lines[name],
            field=f"{entry.key}.{name}",
        ) from None


def _arxiv_id(entry: BibEntry) -> str | None:
    fields = entry.fields
    eprint = re.sub(r"^arxiv:\s*", "", _raw_link(fields.get("eprint", "")), flags=re.IGNORECASE)
    if not eprint:
        return None
    archive = (fields.get("archiveprefix") or fields.get("eprinttype") or "").strip("{} ").lower()
    return eprint if archive == "arxiv" or _ARXIV_ID.match(eprint) else None


# --- names -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _BibName:
    """An author as BibTeX splits it: display form "First von Last Jr" and the family name."""

    display: str
    family: str
    inverted: str  # "von Last, First", how BibTeX files often write it
    starred: bool


def _authors(entry: BibEntry, path: Path) -> list[str]:
    raw = entry.fields.get("author", "")
    # A name that is nothing once decoded ("and and", "{}") is a slip, not an author.
    names = [name for name in map(_bib_name, _name_word_groups(raw)) if name.display]
    marks = _equal_marks(entry.fields.get("equal", ""))
    for mark, written in marks.items():
        if not any(
            mark in (n.family.casefold(), n.display.casefold(), n.inverted.casefold())
            for n in names
        ):
            raise CvgenError(
                f"{written!r} is not among the authors",
                file=path,
                line=entry.field_lines["equal"],
                field=f"{entry.key}.equal",
            )
    authors = []
    for name in names:
        if name.display.casefold() == "others":
            authors.append("et al.")
            continue
        forms = {name.family.casefold(), name.display.casefold(), name.inverted.casefold()}
        equal = name.starred or not forms.isdisjoint(marks)
        authors.append(name.display + ("*" if equal else ""))
    return authors


def _name_word_groups(raw: str) -> list[list[str]]:
    """``A, B and C D`` → [["A,", "B"], ["C", "D"]]: words at brace depth 0, split at "and"."""
    groups: list[list[str]] = [[]]
    word, depth = "", 0
    for char in raw + " ":
        if char.isspace() and depth == 0:
            if word.lower() == "and":
                groups.append([])
            elif word:
                groups[-1].append(word)
            word = ""
            continue
        depth += (char == "{") - (char == "}")
        word += char
    return [group for group in groups if group]


def _bib_name(words: list[str]) -> _BibName:
    """BibTeX's three forms: "First von Last", "von Last, First", "von Last, Jr, First"."""
    parts = [part.strip() for part in _split_top_level_commas(" ".join(words))]
    texts = [latex_to_text(part) for part in parts]
    starred = any(_STAR_MARK.search(text) for text in texts)
    texts = [_STAR_MARK.sub("", text) for text in texts]
    if len(texts) == 1:
        display = texts[0]
        family = display.rsplit(" ", 1)[-1]
        first = display[: -len(family)].strip()
    else:
        family, first = texts[0], texts[-1]
        junior = texts[1] if len(texts) >= 3 else ""
        display = " ".join(part for part in (first, family, junior) if part)
    inverted = f"{family}, {first}" if first else family
    return _BibName(display=display, family=family, inverted=inverted, starred=starred)


def _split_top_level_commas(text: str) -> list[str]:
    parts, current, depth = [], "", 0
    for char in text:
        depth += (char == "{") - (char == "}")
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def _equal_marks(raw: str) -> dict[str, str]:
    """``equal = {Zhuang, Zhao}`` (family or full names) or ``{Zhuang, Yonghao and Zhao, Hexu}``:
    each name casefolded → as written."""
    text = raw.strip()
    if not text:
        return {}
    if re.search(r"\s+and\s+", text, flags=re.IGNORECASE):
        pieces = [" ".join(words) for words in _name_word_groups(text)]
    else:
        pieces = re.split(r"[,;]", text)
    names = [latex_to_text(piece) for piece in pieces if piece.strip()]
    return {name.casefold(): name for name in names}
