"""The bundled TrueType fonts, registered once per process for reportlab, and the fallback
chain that finds, for every run of text, a font that can draw it.

A text family (Lato, sans; NotoSerif, serif) draws what it can. What it can't goes to the
first fallback that has it: DejaVu Sans (symbols, arrows, maths, Hebrew and Arabic letters)
and then WenQuanYi Micro Hei (Chinese, Japanese, Korean). reportlab draws a character its
font lacks as a blank that extracts as NUL, so text is split into runs and each fallback
run is wrapped in its own ``<font name=...>`` by the markup layer.

Each font's file is parsed once per process and only when first needed: a Latin-only CV
never opens the 5 MB CJK collection (50–120 ms to parse). Characters above U+FFFF (emoji,
rare CJK) count as covered by nobody, on purpose: reportlab writes them into the PDF's
ToUnicode map as five hex digits instead of a UTF-16 pair, so they extract as garbage.
Private-use characters (U+E000–U+F8FF) and U+FFFD too: a font's glyph there is its own
invention or the mark of a broken conversion, and the text a parser reads back means nothing.
reportlab does no bidi, and we leave its shaping off: reportlab 5 can shape runs through
uharfbuzz, but it writes the shaped glyphs (ligatures among them) into the text layer with
no ActualText, so a copied or parsed "fi" ligature is not "fi" and the text layer would no
longer equal what a person sees. So Hebrew and Arabic letters print left to right, and
Arabic in isolated forms.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFontFace

from cvgen.errors import CvgenError

FAMILY = "Lato"  # the default text family (sans)
SERIF = "NotoSerif"  # the classic theme's text family
CJK = "WenQuanYi"  # Chinese, Japanese and Korean CVs print in it throughout (no bold face)
FAMILIES = (FAMILY, SERIF)  # four faces each, one file per face
_ALL_FAMILIES = (*FAMILIES, CJK)
_WIDE_QUOTES = frozenset(range(0x2018, 0x2020))
_STYLES = {"": "Regular", "-Bold": "Bold", "-Italic": "Italic", "-BoldItalic": "BoldItalic"}
_BOLD_ITALIC: dict[str, tuple[Literal[0, 1], Literal[0, 1]]] = {
    "": (0, 0),
    "-Bold": (1, 0),
    "-Italic": (0, 1),
    "-BoldItalic": (1, 1),
}

# Tried in this order after the text family: font name → (file in fonts/, face in a collection).
_FALLBACK_FILES = {
    "DejaVuSans": ("DejaVuSans.ttf", 0),
    "WenQuanYi": ("wqy-microhei.ttc", 0),
}
FALLBACKS = tuple(_FALLBACK_FILES)

_BMP_END = 0xFFFF
# What a private-use character shows is one font's own invention (an icon, a logo); its
# text, U+E000…U+F8FF, means nothing to a reader or a parser. Nobody covers it. Nor the
# replacement character U+FFFD: in a CV it is the trace of a broken conversion, and in the
# text layer it is what a parser reports for text it could not decode.
_PRIVATE_USE_START, _PRIVATE_USE_END = 0xE000, 0xF8FF
_REPLACEMENT = 0xFFFD
# Registration mutates reportlab's global registry; two threads loading the same font would
# each register their own TTFont object and one document could end up with both.
_lock = threading.RLock()


class _Nobody:
    """What ``_choose`` answers for a character no bundled font has."""

    def __repr__(self) -> str:
        return "NOBODY"


NOBODY = _Nobody()


def fonts_dir() -> Path:
    """Inside the package in a wheel; beside it in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "fonts", here.parent / "fonts"):
        if (candidate / f"{FAMILY}-Regular.ttf").is_file():
            return candidate
    raise CvgenError(
        f"bundled fonts not found (looked in {here / 'fonts'} and {here.parent / 'fonts'})"
    )


def register_fonts() -> str:
    """The default family, registered; its name is also the regular face's font name."""
    return register_family(FAMILY)


def register_family(name: str) -> str:
    """Register a text family's regular, bold, italic and bold italic faces and tie them
    together, so that ``<b>`` and ``<i>`` pick our faces (without the family mapping
    reportlab falls back to Helvetica). Idempotent; returns ``name``.

    Face names are ``name``, ``name-Bold``, ``name-Italic`` and ``name-BoldItalic``.
    """
    if name not in _ALL_FAMILIES:
        known = ", ".join(_ALL_FAMILIES)
        raise CvgenError(f"unknown font family {name!r}; the bundled ones are {known}")
    with _lock:
        if name == CJK:  # one face for all four styles, as a fallback
            _fallback_coverage(CJK)
            return name
        return _register_family(name)


def face_name(family: str, *, bold: bool = False, italic: bool = False) -> str:
    """The registered face of ``family`` in that style; a one-face family has only one."""
    if family == CJK:
        return family
    suffix = {(0, 0): "", (1, 0): "-Bold", (0, 1): "-Italic", (1, 1): "-BoldItalic"}
    return family + suffix[int(bold), int(italic)]


@cache
def _register_family(name: str) -> str:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    from cvgen.fontfaces import true_type_font

    folder = fonts_dir()
    for suffix, style in _STYLES.items():
        pdfmetrics.registerFont(true_type_font(name + suffix, folder / f"{name}-{style}.ttf"))
    for suffix, (bold, italic) in _BOLD_ITALIC.items():
        addMapping(name, bold, italic, name + suffix)
    return name


def register_fallbacks() -> list[str]:
    """Register every fallback font now (``font_runs`` otherwise does it on first need).

    Each is one face serving all four styles, so ``<b>`` around a fallback run keeps the
    fallback font instead of dropping to Helvetica.
    """
    for name in FALLBACKS:
        _fallback_coverage(name)
    return list(FALLBACKS)


def covered_codepoints(family: str = FAMILY) -> frozenset[int]:
    """Characters every face of ``family`` can draw (fallbacks not included)."""
    return _family_coverage(family)


@cache
def _family_coverage(family: str) -> frozenset[int]:

    register_family(family)
    if family == CJK:
        # Its curly quotes are full-width: "It’s" would print as "It ’ s". DejaVu's are not.
        return _fallback_coverage(CJK) - _WIDE_QUOTES
    faces = [font_face(family + suffix) for suffix in _STYLES]
    return frozenset.intersection(*(_drawable(face) for face in faces))


def _fallback_coverage(name: str) -> frozenset[int]:
    with _lock:
        return _load_fallback(name)


@cache
def _load_fallback(name: str) -> frozenset[int]:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    from cvgen.fontfaces import true_type_font

    filename, index = _FALLBACK_FILES[name]
    font = true_type_font(name, fonts_dir() / filename, subfont=index)
    pdfmetrics.registerFont(font)
    for bold, italic in _BOLD_ITALIC.values():
        addMapping(name, bold, italic, name)
    return _drawable(font.face)


def font_face(name: str) -> TTFontFace:
    """The face (metrics, character map) of a registered font; every font we register is
    TrueType."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = pdfmetrics.getFont(name)
    if not isinstance(font, TTFont):
        raise TypeError(f"{name} is not a TrueType font")
    return font.face


def _drawable(face: TTFontFace) -> frozenset[int]:
    return frozenset(
        code
        for code in face.charToGlyph
        if code <= _BMP_END
        and not _PRIVATE_USE_START <= code <= _PRIVATE_USE_END
        and code != _REPLACEMENT
    )


@cache
def _choose(ch: str, family: str) -> str | _Nobody | None:
    """None if the family has ``ch``, else the first fallback that has it, else NOBODY.

    Fallbacks are opened in order and only as far as needed.
    """
    code = ord(ch)
    if code in _family_coverage(family):
        return None
    if code > _BMP_END:
        return NOBODY
    for name in FALLBACKS:
        if code in _fallback_coverage(name):
            return name
    return NOBODY


def _covers(font: str | None, family: str, ch: str) -> bool:
    coverage = _family_coverage(family) if font is None else _fallback_coverage(font)
    return ord(ch) in coverage


def _neutral(ch: str) -> bool:
    """Spaces, combining marks and format characters belong to no script of their own: they
    stay in the run they are in when its font has them."""
    return ch.isspace() or unicodedata.category(ch)[0] == "M" or unicodedata.category(ch) == "Cf"


def ignorable(ch: str) -> bool:
    """Whitespace and characters meant to print as nothing: never reported as missing."""
    code = ord(ch)
    return (
        ch.isspace()
        or unicodedata.category(ch) in ("Cc", "Cf")
        or 0xFE00 <= code <= 0xFE0F  # variation selectors (emoji vs text presentation)
        or 0xE0100 <= code <= 0xE01EF
    )


def font_runs(text: str, family: str) -> list[tuple[str | None, str]]:
    """Split ``text`` into runs of (font, text) that concatenate back to ``text``.

    The font is None where ``family`` itself covers the run, otherwise the name of the
    fallback font that does (registered by the time it is returned). A space or combining
    mark stays in the current run when that run's font has it, so "中文 日本語" is one run.
    Characters no font has stay in family runs; ``uncovered`` names them.
    """
    # _family_coverage registers the family when first asked (a build asks thousands of times)
    if _family_coverage(family).issuperset(map(ord, text)):
        return [(None, text)] if text else []  # the usual case, without a per-character walk
    runs: list[tuple[str | None, str]] = []
    current: str | None = None
    chars: list[str] = []
    for ch in text:
        if chars and _neutral(ch) and _covers(current, family, ch):
            chars.append(ch)
            continue
        chosen = _choose(ch, family)
        font = chosen if isinstance(chosen, str) else None  # nobody's characters: the family's
        if chars and font != current:
            runs.append((current, "".join(chars)))
            chars = []
        current = font
        chars.append(ch)
    if chars:
        runs.append((current, "".join(chars)))
    return runs


def uncovered(text: str, family: str) -> list[str]:
    """Characters of ``text`` that neither ``family`` nor any fallback can draw, each once,
    in order of appearance. Whitespace and invisible characters never count."""
    if _family_coverage(family).issuperset(map(ord, text)):  # registers the family first
        return []
    return list(
        dict.fromkeys(ch for ch in text if not ignorable(ch) and _choose(ch, family) is NOBODY)
    )


def text_width(text: str, font_name: str, size: float) -> float:
    """Width in points of ``text`` drawn from face ``font_name`` (e.g. "Lato-Bold") at
    ``size``, each fallback run measured in its own font."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    family = next(
        (f for f in _ALL_FAMILIES if font_name in (face_name(f) + s for s in _STYLES)), None
    )
    if family is None:
        return float(stringWidth(text, font_name, size))
    return float(
        sum(stringWidth(run, font or font_name, size) for font, run in font_runs(text, family))
    )
