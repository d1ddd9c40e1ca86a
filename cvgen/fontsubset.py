"""reportlab's TrueType font with a shorter way to its subset codes.

To draw text in an embedded TrueType font reportlab gives each character a code in a
subset of at most 256 glyphs (``TTFont.splitString``), looking each character up in a
Python loop: a long CV's text goes through it character by character, again and again.
Once the characters of a text all have codes in the first subset — after the first page,
nearly every text — ``SubsetFont.splitString`` turns the text into those codes with one
``str.translate``; any text with a character not yet seen, or coded in a later subset,
goes through reportlab's loop, which also hands out the new codes.
tests/test_fontsubset.py feeds both the same texts and compares answers and state.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from reportlab.pdfbase.ttfonts import TTFont

_NBSP = "\xa0"  # reportlab draws a no-break space with the space's code


class _FirstSubset:
    """The characters coded in subset 0 of one document's state, and their codes. (A
    plain class: a dataclass compiles its methods when this module is imported.)"""

    __slots__ = ("chars", "codes", "size")

    def __init__(self, size: int, chars: frozenset[str], codes: dict[int, str]) -> None:
        self.size = size  # len(state.assignments) when made: a new code makes it stale
        self.chars = chars
        self.codes = codes  # for str.translate: code point → the code as a latin-1 char


_TABLES: WeakKeyDictionary[Any, _FirstSubset] = WeakKeyDictionary()


class SubsetFont(TTFont):
    """A TTFont (made by cvgen.fontfaces) whose splitString is quicker for known text."""

    def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        state = self.state.get(doc)
        if state is not None and type(text) is str:
            table = _first_subset(state)
            if table.chars.issuperset(text):
                return [(0, text.translate(table.codes).encode("latin-1"))] if text else []
        result: list[tuple[int, bytes]] = super().splitString(text, doc, encoding)
        return result


def _first_subset(state: Any) -> _FirstSubset:
    assignments: dict[int, int] = state.assignments
    table = _TABLES.get(state)
    if table is None or table.size != len(assignments):
        codes = {code: chr(n) for code, n in assignments.items() if n < 256}
        if 32 in codes:
            codes[ord(_NBSP)] = codes[32]
        table = _FirstSubset(len(assignments), frozenset(map(chr, codes)), codes)
        _TABLES[state] = table
    return table
