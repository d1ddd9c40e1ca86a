"""Authors of a JSON Resume publication, which the schema has no field for.

People write them into ``summary``: "Authors: A, B*, C", or just "Jane Roe*, Hexu Zhao and
Bob Lee", often with a legend "(* equal contribution)". A line is read as the author list
when it says so ("Authors:", "By", "With") or when it is a list of names that includes the
owner; our export also writes the list exactly in its extension field. The owner's other
spellings found there ("H. Zhao") become name variants, so they print in bold too.
"""

from __future__ import annotations

import re
from typing import Any

from cvgen.formats.jsonresume_shape import AUTHORS
from cvgen.values import Value, frozen

_PREFIX = re.compile(r"^(?:authors?|by|with)\s?:?\s", re.IGNORECASE)
_AUTHOR = re.compile(r"^(?P<name>.+?)(?P<equal>\*)?(?: \((?P<note>[^()]*)\))?$")
_SEPARATORS = re.compile(r",? and |, |; | & ")
_LEGEND = re.compile(
    r"^\(?\*+ ?(?:denotes |indicates )?equal(?:ly)? contribut\w*\.?\)?$", re.IGNORECASE
)
_TRAILING_LEGEND = re.compile(r" ?\(\*+ ?(?:denotes |indicates )?equal(?:ly)? contribut\w*\.?\)$")
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "da", "di", "du", "la", "le"})
_PARTICLES |= {"dos", "das", "bin", "ibn", "al", "ten", "ter", "zu"}
MAX_AUTHORS_LINE = 4000  # characters: longer lines are prose, not a list of names


@frozen
class FoundAuthors(Value):
    authors: list[Any]  # in the profile's shape: "Name", "Name*" or {name, equal, note}
    rest: str  # the summary without the author line and legend
    line: int | None  # which summary line held them (1-based), None from the extension
    legend: str | None  # a legend line or suffix left out: the CV prints its own
    owner_variants: list[str]  # the owner's name as written there, where it differs


def authors_from_summary(summary: str, owner: str) -> FoundAuthors:
    """The author list in a publication summary, if one of its lines is one."""
    lines = summary.split("\n")
    legend = None
    for index, line in enumerate(lines):
        flat = " ".join(line.split())
        if len(flat) > MAX_AUTHORS_LINE:
            continue
        without_legend = _TRAILING_LEGEND.sub("", flat)
        parsed = _author_list(without_legend, owner)
        if parsed is None:
            continue
        if without_legend != flat:
            legend = flat[len(without_legend) :].strip()
        rest = [text for i, text in enumerate(lines) if i != index]
        kept = []
        for text in rest:
            if _LEGEND.match(" ".join(text.split())):
                legend = text.strip()
            else:
                kept.append(text)
        authors = [profile_author(name, equal, note) for name, equal, note in parsed]
        variants = [name for name, _, _ in parsed if _other_spelling(name, owner)]
        return FoundAuthors(authors, "\n".join(kept).strip(), index + 1, legend, variants)
    return FoundAuthors([], summary.strip(), None, None, [])


def authors_from_extension(written: list[dict[str, Any]], summary: str, owner: str) -> FoundAuthors:
    """Authors as our export wrote them; the summary's "Authors:" line is their echo."""
    lines = summary.split("\n")
    if lines and lines[0].startswith(AUTHORS):
        lines = lines[1:]
    parsed = [(str(a["name"]), bool(a.get("equal")), a.get("note")) for a in written]
    authors = [profile_author(name, equal, note) for name, equal, note in parsed]
    variants = [name for name, _, _ in parsed if _other_spelling(name, owner)]
    return FoundAuthors(authors, "\n".join(lines).strip(), None, None, variants)


def profile_author(name: str, equal: bool, note: str | None) -> Any:
    """The short form "Name*" where it reads back the same, else the long form."""
    if note or name.endswith("*"):
        # The "Name*" shorthand cannot say "a name ending in *"; the long form can.
        return {
            "name": name,
            **({"equal": True} if equal else {}),
            **({"note": note} if note else {}),
        }
    return name + ("*" if equal else "")


def _author_list(line: str, owner: str) -> list[tuple[str, bool, str | None]] | None:
    """[(name, equal, note)] when the line is a list of authors, else None."""
    prefixed = line.startswith(AUTHORS) or _PREFIX.match(line) is not None
    body = line[len(AUTHORS) :] if line.startswith(AUTHORS) else _PREFIX.sub("", line, count=1)
    body = body.strip().removesuffix(".")
    if not body:
        return None
    found = []
    for written in _SEPARATORS.split(body):
        match = _AUTHOR.match(written.strip())
        if not match or not match["name"].strip("* "):
            if prefixed:
                continue  # "Authors:" says what the line is; skip a slip like ", ,"
            return None
        name = match["name"].strip()
        if not prefixed and not _looks_like_a_name(name):
            return None
        found.append((name, bool(match["equal"]), match["note"]))
    if not found:
        return None
    if prefixed:
        return found
    has_owner = any(_same_person(name, owner) for name, _, _ in found)
    return found if len(found) >= 2 and has_owner else None


def _looks_like_a_name(name: str) -> bool:
    """Two to six words, capitalised or initials or particles ("van"), no digits."""
    if name.casefold() in {"et al.", "et al", "others"}:
        return True
    words = name.split()
    if not 2 <= len(words) <= 6 or any(char.isdigit() for char in name):
        return False
    return all(word[0].isupper() or word.casefold() in _PARTICLES for word in words)


def _same_person(name: str, owner: str) -> bool:
    """ "Hexu Zhao", "hexu zhao", "H. Zhao" and "Zhao, Hexu" are the owner "Hexu Zhao"."""
    written, wanted = _words(name), _words(owner)
    if not written or not wanted:
        return False
    if "," in name:  # "Family, Given"
        family, _, given = name.partition(",")
        written = _words(given) + _words(family)
    if written == wanted:
        return True
    if written[-1] != wanted[-1] or len(written) != len(wanted):
        return False
    return all(a[0] == b[0] for a, b in zip(written[:-1], wanted[:-1], strict=True))


def _other_spelling(name: str, owner: str) -> bool:
    return _same_person(name, owner) and _words(name) != _words(owner)


def _words(name: str) -> list[str]:
    return [word.strip(".").casefold() for word in name.split() if word.strip(".,")]
