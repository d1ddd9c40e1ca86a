"""The small inline markup users may write in any text field, parsed into spans.

``**bold**``, ``*italic*``, ``<u>underline</u>`` (as the homepage writes it) and
``[text](url)``; a backslash makes the next marker literal. Anything that does not
form a complete construct is ordinary text: "R&D", "<3", "a*b", "C++", an unbalanced
``**`` or ``[`` print exactly as typed. Knows nothing of PDF: layout renders spans.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cvgen.values import Value, frozen

# One construct at a time, tried in this order where a marker stands. Bold and underline
# look for their closing marker through a _Closers index instead of a lazy ``.*?``: from
# every opener without a closer the regular expression scanned to the end of the text,
# which made "**a " repeated 16,000 times take 25 s.
_ESCAPED = re.compile(r"\\(?P<escaped>[*\[\]\\<_])")
_LINK = re.compile(r"\[(?P<link_text>[^\[\]]+)\]\((?P<url>[^()\s]+)\)")
_ITALIC = re.compile(r"(?<![\w*])\*(?P<italic>[^\s*](?:[^*]*?[^\s*\\])??)\*(?![\w*])")
_MARKER = re.compile(r"[\\\[*<]")


@frozen
class Span(Value):
    """A run of text with the styles that apply to it and the link it belongs to."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    url: str | None = None


def parse_inline(text: str) -> list[Span]:
    if _MARKER.search(text) is None:  # no construct can start: one plain span (most texts)
        return [Span(text)] if text else []
    return list(_parse(text, Span("")))


def _parse(text: str, outer: Span) -> list[Span]:
    """Left to right, each construct found in time linear in the text it spans; a
    construct's inside is parsed again, but constructs of one kind never nest (each
    stops at its first closer), so no text is read more than five times."""
    spans: list[Span] = []
    closers = _Closers(text)
    pos = scan = 0
    while (marker := _MARKER.search(text, scan)) is not None:
        at = marker.start()
        found = _construct_at(text, at, outer, closers)
        if found is None:
            scan = at + 1
            continue
        end, inner = found
        if at > pos:
            spans.append(_with_text(outer, text[pos:at]))
        spans.extend(inner)
        pos = scan = end
    if pos < len(text):
        spans.append(_with_text(outer, text[pos:]))
    return _merge(spans)


def _construct_at(
    text: str, at: int, outer: Span, closers: _Closers
) -> tuple[int, list[Span]] | None:
    """(where it ends, its spans) for the construct starting at ``at``, if one does."""
    if (match := _ESCAPED.match(text, at)) is not None:
        return match.end(), [_with_text(outer, match["escaped"])]
    if (match := _LINK.match(text, at)) is not None:
        if outer.url is not None:  # no links inside links: keep it literal
            return match.end(), [_with_text(outer, match.group(0))]
        return match.end(), _parse(match["link_text"], _restyle(outer, url=match["url"]))
    if text.startswith("**", at) and (end := closers.bold_end(at)) is not None:
        return end + 2, _parse(text[at + 2 : end], _restyle(outer, bold=True))
    if (match := _ITALIC.match(text, at)) is not None:
        return match.end(), _parse(match["italic"], _restyle(outer, italic=True))
    if text.startswith("<u>", at) and (end := closers.underline_end(at)) is not None:
        return end + 4, _parse(text[at + 3 : end], _restyle(outer, underline=True))
    return None


class _Closers:
    """The next closing marker at or after a position, found once for every later opener:
    openers are met left to right, so each search resumes where the last one ended."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._bold = (-1, -1)  # (searched from, found at or -1)
        self._underline = (-1, -1)

    def bold_end(self, at: int) -> int | None:
        """Where ``**`` closes bold opened at ``at``: text starts with a character that is
        neither space nor ``*`` and ends with one that is neither space nor ``\\``."""
        text = self.text
        first = text[at + 2 : at + 3]
        if not first or first.isspace() or first == "*":
            return None
        if text.startswith("**", at + 3):
            return at + 3
        return self._next(at + 4, "bold", self._valid_bold_close)

    def underline_end(self, at: int) -> int | None:
        return self._next(at + 4, "underline", lambda j: True)

    def _valid_bold_close(self, j: int) -> bool:
        before = self.text[j - 1]
        return not before.isspace() and before != "\\"

    def _next(self, start: int, kind: str, valid: Callable[[int], bool]) -> int | None:
        marker = "**" if kind == "bold" else "</u>"
        searched, found = self._bold if kind == "bold" else self._underline
        if searched <= start and (found >= start or (found == -1 and searched >= 0)):
            result = found
        else:
            result = self.text.find(marker, start)
            while result != -1 and not valid(result):
                result = self.text.find(marker, result + 1)
        if kind == "bold":
            self._bold = (start, result)
        else:
            self._underline = (start, result)
        return None if result == -1 else result


def _with_text(style: Span, text: str) -> Span:
    return Span(text, style.bold, style.italic, style.underline, style.url)


def _restyle(style: Span, **changes: object) -> Span:
    values = {**style.__dict__, **changes}
    return Span(**values)


def _merge(spans: list[Span]) -> list[Span]:
    """Join neighbours of equal style, so links and styles come out as single runs."""
    merged: list[Span] = []
    for span in spans:
        if merged and _restyle(merged[-1], text="") == _restyle(span, text=""):
            merged[-1] = _with_text(span, merged[-1].text + span.text)
        elif span.text:
            merged.append(span)
    return merged


_MARKERS = re.compile(r"([\\*\[]|<(?=u>))")


def escape_inline(text: str) -> str:
    """Text to be taken as written: the markers ``parse_inline`` would read get a backslash,
    so ``plain_text(escape_inline(t)) == t`` (importers keep names and titles literal)."""
    return _MARKERS.sub(r"\\\1", text)


def plain_text(text: str) -> str:
    """The text a reader sees, without markers."""
    return "".join(span.text for span in parse_inline(text))


def link_targets(text: str) -> list[str]:
    if "](" not in text:  # every link is ``[text](url)``: most texts have none to parse
        return []
    return [span.url for span in parse_inline(text) if span.url is not None]
