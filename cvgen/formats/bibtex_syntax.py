"""The .bib syntax: entries in braces or parentheses, ``@string`` macros, ``#`` joins and
the month macros, with the real line of every problem.

Our own small scanner rather than bibtexparser (which leaves ``#`` joins unresolved and
reports broken entries only through its logger). Every step is linear in the text, and
``@string`` expansion has a budget: a chain of macros that doubles at each step would
otherwise take minutes and gigabytes.
"""

from __future__ import annotations

import re
from dataclasses import field
from pathlib import Path

from cvgen.errors import CvgenError
from cvgen.locale import MONTHS
from cvgen.values import Value, frozen

# BibTeX's month macros: jan → January (the names from the package's one month table).
MONTH_MACROS = {name[:3].lower(): name for name in MONTHS}
# Characters produced by @string expansion in one file: generous for real files (a
# journal macro used in ten thousand entries is under 1 MiB), small enough to stop a bomb.
MAX_EXPANSION_CHARS = 8 * 1024 * 1024
_NAME = re.compile(r"[^\s\"#(),={}]+")
_ENTRY_START = re.compile(r"\n[ \t]*@[A-Za-z]+[ \t]*[{(]")
# An entry's start: "@", its type, "{" or "(". Linear to search: the runs of space and
# letters after one "@" never overlap those after the next.
_ENTRY_AT = re.compile(r"@\s*+([A-Za-z]++)\s*+[{(]")
_SPACE = re.compile(r"\s*")
_COMMENT_LINE = re.compile(r"[^\S\n]*%")
_BRACE = re.compile(r"[{}]")
_BRACE_OR_QUOTE = re.compile(r'[{}"]')


@frozen
class BibEntry(Value):
    """One ``@type{key, ...}`` with its values as written (LaTeX), macros resolved."""

    kind: str
    key: str
    line: int
    fields: dict[str, str] = field(default_factory=dict)  # lower-case name → raw value
    field_lines: dict[str, int] = field(default_factory=dict)
    inherited: frozenset[str] = frozenset()  # fields taken through crossref


@frozen
class BibFile(Value):
    """What a .bib text holds: its entries in file order, and the lines of what has no
    place in a CV (``@preamble``: LaTeX definitions)."""

    entries: list[BibEntry]
    preamble_lines: list[int]


class _Scanner:
    """Reads .bib text left to right; knows the line of every position for errors."""

    def __init__(self, text: str, path: Path) -> None:
        self.text = text
        self.path = path
        self.pos = 0
        self.macros = dict(MONTH_MACROS)
        self.expanded_chars = 0
        # Lines are counted on demand from the last position asked about: the scan moves
        # forward, so counting costs one pass in all (a list of every line start cost
        # 0.6 s for a file of 5 million empty lines).
        self._counted_to, self._counted_line = 0, 1
        self._comment_lines: dict[int, bool] = {}
        self._limit_from, self._limit = -1, -1

    def line_at(self, pos: int) -> int:
        if pos >= self._counted_to:
            self._counted_line += self.text.count("\n", self._counted_to, pos)
        else:
            self._counted_line -= self.text.count("\n", pos, self._counted_to)
        self._counted_to = pos
        return self._counted_line

    def in_comment_line(self, pos: int) -> bool:
        """Whether the line of ``pos`` starts with ``%``: how people switch an entry off."""
        line = self.line_at(pos)
        if line not in self._comment_lines:  # once per line: a line of many "@" stays linear
            start = self.text.rfind("\n", 0, pos) + 1
            self._comment_lines[line] = _COMMENT_LINE.match(self.text, start) is not None
        return self._comment_lines[line]

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
        self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]

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
        for match in _BRACE.finditer(self.text, start, self._value_limit(start)):
            depth += 1 if match.group() == "{" else -1
            if depth == 0:
                self.pos = match.end()
                return self.text[start + 1 : match.start()]
        raise self._unclosed(start, "{")

    def quoted(self) -> str:
        """The text up to the next ``"`` outside braces (the opening ``"`` is consumed)."""
        start = self.pos
        depth = 0
        for match in _BRACE_OR_QUOTE.finditer(self.text, start + 1, self._value_limit(start)):
            char = match.group()
            if char == '"' and depth == 0:
                self.pos = match.end()
                return self.text[start + 1 : match.start()]
            if char != '"':
                depth += 1 if char == "{" else -1
            if depth < 0:
                line = self.line_at(match.start())
                raise self.error(
                    f"unclosed quote: this '\"' has no closing '\"' before the '}}' on line {line}",
                    start,
                )
        raise self._unclosed(start, '"')

    def macro(self, name: str, at: int) -> str:
        """A @string's text, counted against the expansion budget."""
        value = self.macros.get(name.lower())
        if value is None:
            raise self.error(f"unknown @string name {name!r} (put text in braces)", at)
        self.expanded_chars += len(value)
        if self.expanded_chars > MAX_EXPANSION_CHARS:
            raise self.error(
                f"@string expansion passes {MAX_EXPANSION_CHARS // (1024 * 1024)} MiB of text here"
                " (macros built from macros that double?)",
                at,
            )
        return value

    def _value_limit(self, start: int) -> int:
        """Where a value must end at the latest: a line starting a new entry, or the end.

        Without this limit one missing brace would swallow the entries after it and the
        error would surface far from the mistake. The answer is kept for the values that
        follow, so an entry of many fields is not searched again and again.
        """
        if not self._limit_from <= start <= self._limit:
            next_entry = _ENTRY_START.search(self.text, start)
            self._limit_from = start
            self._limit = next_entry.start() if next_entry else len(self.text)
        return self._limit

    def _unclosed(self, start: int, opener: str) -> CvgenError:
        limit = self._value_limit(start)
        where = (
            f"before the next entry (line {self.line_at(limit + 1)})"
            if limit < len(self.text)
            else "by the end of the file"
        )
        kind = "unbalanced braces" if opener == "{" else "unclosed quote"
        return self.error(f"{kind}: this {opener!r} is not closed {where}", start)


def parse_bibtex(text: str, path: Path) -> BibFile:
    """Every entry of a .bib text, in file order; comments, preambles and strings consumed."""
    scanner = _Scanner(text, path)
    entries: list[BibEntry] = []
    preambles: list[int] = []
    lines_of_keys: dict[str, int] = {}
    while (start := _ENTRY_AT.search(text, scanner.pos)) is not None:
        at = start.start()
        if scanner.in_comment_line(at):
            # "% @article{old, ..." is how people switch an entry off: skip the line.
            end = text.find("\n", at)
            scanner.pos = len(text) if end < 0 else end
            continue
        # Any other "@" in free text (an e-mail address in a comment) starts nothing.
        kind = start.group(1).lower()
        scanner.pos = start.end() - 1  # at the opening brace or parenthesis
        if kind == "comment" or kind == "preamble":
            _skip_group(scanner)
            if kind == "preamble":
                preambles.append(scanner.line_at(at))
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
    return BibFile(entries, preambles)


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
    return scanner.macro(name, at)
