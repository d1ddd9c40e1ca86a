"""BibTeX author lists → the profile's author strings ("Jane Doe", "Jane Doe*", "et al.").

BibTeX's three name forms ("First von Last", "von Last, First", "von Last, Jr, First"),
``and``-separated at brace depth 0, ``others`` for "et al.", and equal-contribution marks
either on the name (``Zhao*``, ``Zhao\\textsuperscript{*}``, ``Zhao$^*$``) or in an
``equal`` field naming the authors.
"""

from __future__ import annotations

import re
from pathlib import Path

from cvgen.errors import CvgenError
from cvgen.formats.bibtex_latex import latex_to_text
from cvgen.formats.bibtex_syntax import BibEntry
from cvgen.values import Value, frozen

# An equal-contribution mark at the end of a name part, as decoded from LaTeX:
# "Zhao*", "Zhao\textsuperscript{*}" → "Zhao*", "Zhao$^*$" → "Zhao^*".
_STAR_MARK = re.compile(r"\s*\^?\*+\s*$")


@frozen
class BibAuthors(Value):
    """The authors as the profile writes them, and what was written but names no one."""

    names: list[str]
    nameless: list[str]  # as written in the .bib, e.g. "{* *}"


@frozen
class _BibName(Value):
    """An author as BibTeX splits it: display form "First von Last Jr" and the family name."""

    display: str
    family: str
    inverted: str  # "von Last, First", how BibTeX files often write it
    starred: bool


def bib_authors(entry: BibEntry, path: Path) -> BibAuthors:
    raw = entry.fields.get("author", "")
    names: list[_BibName] = []
    nameless: list[str] = []
    for words in _name_word_groups(raw):
        name = _bib_name(words)
        # A name with no letter or digit once decoded ("{* *}", "{}") names no one; the
        # profile would refuse it.
        if any(char.isalnum() for char in name.display):
            names.append(name)
        else:
            nameless.append(" ".join(words))
    marks = _equal_marks(entry.fields.get("equal", ""))
    for mark, written in marks.items():
        if not any(mark in _forms(n) for n in names):
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
        equal = name.starred or not _forms(name).isdisjoint(marks)
        authors.append(name.display + ("*" if equal else ""))
    return BibAuthors(authors, nameless)


def _forms(name: _BibName) -> set[str]:
    return {name.family.casefold(), name.display.casefold(), name.inverted.casefold()}


def _name_word_groups(raw: str) -> list[list[str]]:
    """``A, B and C D`` → [["A,", "B"], ["C", "D"]]: words at brace depth 0, split at "and"."""
    groups: list[list[str]] = [[]]
    word: list[str] = []
    depth = 0
    for char in raw + " ":
        if char.isspace() and depth == 0:
            if "".join(word).lower() == "and":
                groups.append([])
            elif word:
                groups[-1].append("".join(word))
            word = []
            continue
        depth += (char == "{") - (char == "}")
        word.append(char)
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
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += (char == "{") - (char == "}")
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    return [*parts, "".join(current)]


def _equal_marks(raw: str) -> dict[str, str]:
    """``equal = {Zhuang, Zhao}`` (family or full names) or ``{Zhuang, Yonghao and Zhao, Hexu}``:
    each name casefolded → as written."""
    text = raw.strip()
    if not text:
        return {}
    if re.search(r"\sand\s", text, flags=re.IGNORECASE):
        pieces = [" ".join(words) for words in _name_word_groups(text)]
    else:
        pieces = re.split(r"[,;]", text)
    names = [latex_to_text(piece) for piece in pieces if piece.strip()]
    return {name.casefold(): name for name in names}
