"""The bundled TrueType family, registered once per process for reportlab."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from cvgen.errors import CvgenError

FAMILY = "Lato"
_STYLES = {"": "Regular", "-Bold": "Bold", "-Italic": "Italic", "-BoldItalic": "BoldItalic"}


def fonts_dir() -> Path:
    """Inside the package in a wheel; beside it in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "fonts", here.parent / "fonts"):
        if (candidate / f"{FAMILY}-Regular.ttf").is_file():
            return candidate
    raise CvgenError(f"bundled fonts not found (looked in {here / 'fonts'} and {here.parent / 'fonts'})")


@cache
def register_fonts() -> str:
    """Register regular/bold/italic/bold-italic and tie them into one family.

    Without ``registerFontFamily`` reportlab's <b> and <i> fall back to Helvetica.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = fonts_dir()
    for suffix, style in _STYLES.items():
        pdfmetrics.registerFont(TTFont(FAMILY + suffix, str(folder / f"{FAMILY}-{style}.ttf")))
    for bold, italic, suffix in ((0, 0, ""), (1, 0, "-Bold"), (0, 1, "-Italic"), (1, 1, "-BoldItalic")):
        addMapping(FAMILY, bold, italic, FAMILY + suffix)
    return FAMILY


@cache
def covered_codepoints() -> frozenset[int]:
    """Characters every face of the family can draw (reportlab draws others blank)."""
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    faces = [pdfmetrics.getFont(FAMILY + suffix).face for suffix in _STYLES]
    return frozenset.intersection(*(frozenset(face.charToGlyph) for face in faces))
