"""User text → reportlab Paragraph markup. The only door user text enters layout by.

reportlab reads Paragraph text as XML-ish markup: an unescaped "R&D" prints "R&D;" and
an unbalanced tag raises. Every string is escaped here, attribute values quoted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from cvgen.fonts import font_runs, ignorable
from cvgen.inline import Span, parse_inline
from cvgen.links import normalize_url, pdf_uri


def escape(value: str) -> str:
    """Text safe inside Paragraph markup. (xml.sax.saxutils would also load urllib and ssl.)
    Three replaces, '&' first: a tenth of the time of one translate (per character)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(value: str) -> str:
    """A double-quoted attribute value."""
    return '"' + escape(value).replace('"', "&quot;") + '"'


# Invisible by design: zero-width spaces and joiners, BOMs, control characters.
_INVISIBLE = dict.fromkeys(
    [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
)
_INVISIBLE.update({ord("\t"): " ", ord("\n"): " "})
# Variation selectors are marks (printable to Python) but print as nothing; reportlab
# would write them into the text layer as NUL. One character class: linear.
_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def visible(value: str) -> str:
    """Drop characters that print as nothing; a tab or newline becomes a space.

    NFC first: pasted text with separate accent marks prints as single letters.
    """
    if value.isascii() and value.isprintable():  # NFC already, nothing to drop: most texts
        return value
    spaced = unicodedata.normalize("NFC", value).translate(_INVISIBLE)
    if spaced.isprintable() and not _SELECTORS.search(spaced):  # nothing to drop: usual case
        return spaced
    return "".join(ch for ch in spaced if ch.isspace() or not ignorable(ch))


def text(value: str, family: str) -> str:
    """Literal text, no markup at all; runs the family lacks go to a fallback font."""
    return "".join(
        escape(run) if font is None else f"<font name={quoteattr(font)}>{escape(run)}</font>"
        for font, run in font_runs(visible(value), family)
    )


LinkStyler = Callable[[str, str], str]  # (label markup, url) → link markup


def rich(value: str, *, link: LinkStyler, family: str) -> str:
    """Text with the profile's inline markup (bold, italic, underline, links); ``link``
    styles each link as the theme wants."""
    return "".join(_span(span, link, family) for span in parse_inline(value))


def link(label_markup: str, url: str, *, color: str | None) -> str:
    """A clickable run; ``url`` has been validated by the profile model."""
    colour = f" color={quoteattr(_css_rgb(color))}" if color else ""
    # PDF's /URI is 7-bit ASCII: an IDN host or a non-ASCII path would be garbled.
    return f"<a href={quoteattr(pdf_uri(normalize_url(url)))}{colour}>{label_markup}</a>"


def _css_rgb(hex_colour: str) -> str:
    """'#5b1fa0' as 'rgb(91,31,160)', the same colour: reportlab parses this form at once,
    while a '#rrggbb' string first fails through ast.literal_eval (6x slower, per link)."""
    digits = hex_colour.removeprefix("#")
    if len(digits) != 6:
        return hex_colour
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({red},{green},{blue})"


def bold(markup: str) -> str:
    return f"<b>{markup}</b>"


def italic(markup: str) -> str:
    return f"<i>{markup}</i>"


def _span(span: Span, style_link: LinkStyler, family: str) -> str:
    out = text(span.text, family)
    if span.underline:
        out = f"<u>{out}</u>"
    if span.italic:
        out = italic(out)
    if span.bold:
        out = bold(out)
    if span.url is not None:
        out = style_link(out, span.url)
    return out
