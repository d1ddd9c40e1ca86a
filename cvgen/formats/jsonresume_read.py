"""Reading a JSON Resume file: bounded, and knowing the line of every field.

Python's ``json`` recurses once per nesting level (a document 100,000 levels deep raises
RecursionError) and refuses integers over 4,300 digits with a ValueError; neither is a
JSONDecodeError with a line. One linear pass over the tokens first bounds both and records
the line of every key and list item, so errors and notes can name their line. Then
``_Node`` reads the decoded values: text, links, e-mails and dates, with the policy for
what a CV cannot carry (left out, with a note).
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from pathlib import Path
from typing import Any

from cvgen.dates import PartialDate
from cvgen.errors import CvgenError
from cvgen.formats.contract import Notes
from cvgen.inline import escape_inline
from cvgen.overrides import PathKey
from cvgen.textfile import read_text_file
from cvgen.values import Value, frozen

MAX_RESUME_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64  # a JSON Resume is five levels deep
MAX_NUMBER_CHARS = 64
# A string; an unclosed one runs to the end, so every search stays linear.
_STRING = r'"(?:[^"\\]|\\.)*(?:"|\Z)'
_STRINGS = re.compile(_STRING, re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_LONG_SCALAR = re.compile(r'[^\s{}\[\],:"]{' + str(MAX_NUMBER_CHARS + 1) + ",}")
# Strings, brackets and scalars: commas and colons are not needed to know where we are.
_TOKEN = re.compile(_STRING + r'|[{}\[\]]|[^\s{}\[\],:"]+', re.DOTALL)
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_LEADING_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_json_document(path: Path) -> tuple[Any, FieldLines]:
    """The decoded document and where its fields are ("work[0].url" → line 12)."""
    text = read_text_file(path, kind="JSON Resume file", max_bytes=MAX_RESUME_BYTES)
    check_bounds(text, path)
    try:
        return json.loads(text), FieldLines(text)
    except json.JSONDecodeError as exc:
        raise CvgenError(
            f"not valid JSON: {exc.msg} (column {exc.colno})", file=path, line=exc.lineno
        ) from None


def check_bounds(text: str, path: Path) -> None:
    """Nesting and number length, checked before ``json`` recurses or converts.

    Strings are blanked first (keeping their line breaks), then the brackets' running depth
    and the longest bare scalar are found by regular expressions and ``accumulate``: no
    Python step per character, so a 2 MiB file of brackets is checked in milliseconds.
    """
    bare = _STRINGS.sub(lambda m: '""' + "\n" * m.group().count("\n"), text)
    brackets = _NOT_BRACKETS.sub("", bare)
    if max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0) > MAX_DEPTH:
        raise CvgenError(
            f"nested more than {MAX_DEPTH} levels deep; not a JSON Resume",
            file=path,
            line=_line_of_depth(text, MAX_DEPTH + 1),
        )
    scalar = _LONG_SCALAR.search(bare)
    if scalar:
        raise CvgenError(
            f"a number {len(scalar.group())} characters long; not a value a CV holds",
            file=path,
            line=bare.count("\n", 0, scalar.start()) + 1,
        )


def _line_of_depth(text: str, depth: int) -> int:
    level = 0
    for token in _TOKEN.finditer(text):
        level += _DEPTH_STEP.get(token.group()[0], 0)
        if level >= depth:
            return text.count("\n", 0, token.start()) + 1
    return 1


@dataclass
class _Frame:
    path: str
    is_object: bool
    key: str = ""
    index: int = 0
    expect_key: bool = True

    def child(self) -> str:
        if not self.is_object:
            return f"{self.path}[{self.index}]"
        return f"{self.path}.{self.key}" if self.path else self.key

    def value_seen(self) -> None:
        if self.is_object:
            self.expect_key = True
        else:
            self.index += 1


def _field_positions(text: str) -> Iterator[tuple[str, int]]:
    """(field path, offset) of every object key and list item, in document order.

    Malformed JSON is not judged here (``json.loads`` has said what is wrong, with its
    line); the walk only has to finish, in linear time.
    """
    stack: list[_Frame] = []
    for token in _TOKEN.finditer(text):
        char = token.group()[0]
        frame = stack[-1] if stack else None
        if frame and frame.is_object and frame.expect_key and char == '"':
            frame.key, frame.expect_key = _key(token.group()), False
            yield frame.child(), token.start()
        elif char in "}]":
            if stack:
                stack.pop()
        else:
            here = frame.child() if frame else ""
            if frame and not frame.is_object:
                yield here, token.start()
            if frame:
                frame.value_seen()
            if char in "{[":
                stack.append(_Frame(here, is_object=char == "{"))


class FieldLines:
    """The line of a field, found by walking the text only as far as the question needs
    (a note about ``basics.image`` does not walk a long ``work`` list after it)."""

    def __init__(self, text: str = "") -> None:
        self._text = text
        self._walk = _field_positions(text)
        self._found: dict[str, int] = {}
        self._newlines: list[int] | None = None

    def line(self, path: str) -> int | None:
        while path not in self._found:
            found = next(self._walk, None)
            if found is None:
                return None
            self._found.setdefault(*found)
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self._text)]
        return bisect.bisect_right(self._newlines, self._found[path]) + 1


def _key(token: str) -> str:
    try:
        key = json.loads(token)
    except ValueError:
        return token.strip('"')
    return key if isinstance(key, str) else token.strip('"')


@frozen
class Source(Value):
    """Where the document came from: its path, field lines, and the notes being gathered."""

    path: Path
    lines: FieldLines = field(default_factory=FieldLines)
    notes: Notes = field(init=False)
    data_lines: dict[PathKey, int] = field(default_factory=dict)  # profile data path → line

    def __post_init__(self) -> None:
        object.__setattr__(self, "notes", Notes(self.path))

    def line(self, where: str) -> int | None:
        """The line of a field, or of the nearest enclosing one the scan saw."""
        while where:
            line = self.lines.line(where)
            if line is not None:
                return line
            where = where[: max(where.rfind("."), where.rfind("["), 0)]
        return None

    def note(self, where: str, message: str) -> None:
        self.notes.add(message, line=self.line(where), field=where or None)

    def error(self, where: str, message: str) -> CvgenError:
        return CvgenError(message, file=self.path, line=self.line(where), field=where or None)


@frozen
class Node(Value):
    """One JSON object of the document and where it is, so a wrong type names its field."""

    data: dict[str, Any]
    at: str
    source: Source

    def where(self, key: str | int) -> str:
        if key == "":
            return self.at
        if isinstance(key, int):
            return f"{self.at}[{key}]"
        return f"{self.at}.{key}" if self.at else key

    def error(self, key: str, message: str) -> CvgenError:
        return self.source.error(self.where(key), message)

    def note(self, key: str, message: str) -> None:
        self.source.note(self.where(key), message)

    def text(self, key: str) -> str | None:
        """A string field; missing, null or blank all mean "not given"."""
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(key, f"expected text, got {kind_of(value)}")
        return _checked_text(value, self.where(key), self.source).strip() or None

    def literal(self, key: str) -> str | None:
        value = self.text(key)
        return escape_inline(value) if value else None

    def texts(self, key: str) -> list[str]:
        values = self._list(key)
        found = []
        for index, value in enumerate(values):
            place = f"{self.where(key)}[{index}]"
            if not isinstance(value, str):
                raise self.source.error(place, f"expected text, got {kind_of(value)}")
            if value.strip():
                found.append(_checked_text(value, place, self.source).strip())
        return found

    def node(self, key: str) -> Node | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.error(key, f"expected an object, got {kind_of(value)}")
        return Node(value, self.where(key), self.source)

    def nodes(self, key: str) -> list[Node]:
        found = []
        for index, value in enumerate(self._list(key)):
            place = f"{self.where(key)}[{index}]"
            if not isinstance(value, dict):
                raise self.source.error(place, f"expected an object, got {kind_of(value)}")
            found.append(Node(value, place, self.source))
        return found

    def _list(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(key, f"expected a list, got {kind_of(value)}")
        return value

    def url(self, key: str, *, what: str = "link") -> str | None:
        """A link our CV can carry, normalized; any other value is left out with a note."""
        value = self.text(key)
        if not value:
            return None
        where = self.where(key)
        return self.source.notes.link(value, what=what, line=self.source.line(where), field=where)

    def email(self, key: str) -> str | None:
        value = self.text(key)
        if not value:
            return None
        where = self.where(key)
        return self.source.notes.email(value, line=self.source.line(where), field=where)

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
        kept = PartialDate(year, *_real_month_and_day(year, month, day))
        if (kept.month, kept.day) != (month, day):
            self.note(key, f"{value!r} is not a real date; kept as {kept}")
        return str(kept)


def _real_month_and_day(
    year: int, month: int | None, day: int | None
) -> tuple[int | None, int | None]:
    """As much of the date as is real: "2014-02-30" keeps the month, "2014-13" the year."""
    if month is None or not 1 <= month <= 12:
        return None, None
    if day is not None:
        try:
            date(year, month, day)
        except ValueError:
            return month, None
    return month, day


def _checked_text(value: str, where: str, source: Source) -> str:
    """JSON's ``\\ud800`` escapes can spell half a character, which no file can hold."""
    bad = _SURROGATE.search(value)
    if bad:
        raise source.error(
            where,
            f"contains half of a UTF-16 pair (\\u{ord(bad.group()):04x}), not a character;"
            " fix the escape in the JSON",
        )
    return value


def kind_of(value: Any) -> str:
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
