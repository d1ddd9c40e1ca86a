"""The small inline markup users may write in any text field, parsed into spans.

``**bold**``, ``*italic*``, ``<u>underline</u>`` (as the homepage writes it) and
``[text](url)``; a backslash makes the next marker literal. Anything that does not
form a complete construct is ordinary text: "R&D", "<3", "a*b", "C++", an unbalanced
``**`` or ``[`` print exactly as typed. Knows nothing of PDF: layout renders spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"\\(?P<escaped>[*\[\]\\<_])"
    r"|\[(?P<link_text>[^\[\]]+)\]\((?P<url>[^()\s]+)\)"
    r"|\*\*(?P<bold>[^\s*](?:.*?[^\s\\])??)\*\*"
    r"|(?<![\w*])\*(?P<italic>[^\s*](?:[^*]*?[^\s*\\])??)\*(?![\w*])"
    r"|<u>(?P<underline>.+?)</u>",
    re.DOTALL,
)


@dataclass(frozen=True)
class Span:
    """A run of text with the styles that apply to it and the link it belongs to."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    url: str | None = None


def parse_inline(text: str) -> list[Span]:
    return list(_parse(text, Span("")))


def _parse(text: str, outer: Span) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            spans.append(_with_text(outer, text[pos : match.start()]))
        spans.extend(_expand(match, outer))
        pos = match.end()
    if pos < len(text):
        spans.append(_with_text(outer, text[pos:]))
    return _merge(spans)


def _expand(match: re.Match[str], outer: Span) -> list[Span]:
    groups = match.groupdict()
    if groups["escaped"] is not None:
        return [_with_text(outer, groups["escaped"])]
    if groups["link_text"] is not None:
        if outer.url is not None:  # no links inside links: keep it literal
            return [_with_text(outer, match.group(0))]
        return _parse(groups["link_text"], _restyle(outer, url=groups["url"]))
    if groups["bold"] is not None:
        return _parse(groups["bold"], _restyle(outer, bold=True))
    if groups["italic"] is not None:
        return _parse(groups["italic"], _restyle(outer, italic=True))
    return _parse(groups["underline"], _restyle(outer, underline=True))


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
    return [span.url for span in parse_inline(text) if span.url is not None]
