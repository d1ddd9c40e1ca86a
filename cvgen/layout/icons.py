"""Small pictograms for the contact line, drawn as filled vector paths.

The outlines come from the bundled icon fonts in ``fonts/icons/`` (Font Awesome Free 6,
Academicons). Nothing is drawn as text: an icon font's characters live in Unicode's
private-use area, and an applicant tracking system reading the text layer would meet them
as garbage next to the e-mail address. A path has no text at all.

A build reads the outlines of the icons below from ``fonts/icons/outlines.json``, written
from the fonts by ``scripts/make_icon_outlines.py`` (tests/test_icons.py checks that it
matches the fonts): parsing the fonts with fontTools would cost a cold build about a quarter
of reportlab's import time and 3 MiB, for a few hundred numbers.
"""

from __future__ import annotations

import io
import json
import threading
from functools import cache
from pathlib import Path
from typing import Any

from cvgen.fonts import fonts_dir
from cvgen.networks import network_named
from cvgen.values import Value, frozen

FA_SOLID = "fa-solid-900.ttf"
FA_BRANDS = "fa-brands-400.ttf"
ACADEMICONS = "academicons.ttf"

# icon name → (font file in fonts/icons/, glyph name in that font)
ICONS: dict[str, tuple[str, str]] = {
    "email": (FA_SOLID, "envelope"),
    "homepage": (FA_SOLID, "globe"),
    "phone": (FA_SOLID, "phone"),
    "location": (FA_SOLID, "location-dot"),
    "link": (FA_SOLID, "link"),
    "github": (FA_BRANDS, "github"),
    "gitlab": (FA_BRANDS, "gitlab"),
    "linkedin": (FA_BRANDS, "linkedin"),
    "google-scholar": (FA_BRANDS, "google-scholar"),
    "orcid": (FA_BRANDS, "orcid"),
    "researchgate": (FA_BRANDS, "researchgate"),
    "zhihu": (FA_BRANDS, "zhihu"),
    "x": (FA_BRANDS, "x-twitter"),
    "twitter": (FA_BRANDS, "twitter"),
    "mastodon": (FA_BRANDS, "mastodon"),
    "bluesky": (FA_BRANDS, "bluesky"),
    "stack-overflow": (FA_BRANDS, "stack-overflow"),
    "kaggle": (FA_BRANDS, "kaggle"),
    "youtube": (FA_BRANDS, "youtube"),
    "dblp": (ACADEMICONS, "dblp"),
    "arxiv": (ACADEMICONS, "arxiv"),
    "semantic-scholar": (ACADEMICONS, "semantic-scholar"),
}

OUTLINES_FILE = "outlines.json"

# fontTools reads a lazily loaded font's tables on first access: one reader at a time
_lock = threading.Lock()


def icons_dir() -> Path:
    return fonts_dir() / "icons"


def icon_names() -> list[str]:
    """Every icon we can draw, sorted."""
    return sorted(ICONS)


def icon_for_network(network: str) -> str | None:
    """The icon for a profile's network ("GitHub", "Google Scholar", "X (Twitter)"), or None;
    the networks and their icons are the table in ``cvgen/networks.py``."""
    found = network_named(network)
    return found.pdf_icon if found else None


@frozen
class IconBox(Value):
    """An icon's ink at a given size, in points: width, and bottom/top relative to the
    baseline (bottom is negative when the icon reaches below it)."""

    width: float
    bottom: float
    top: float


@frozen
class _Outline(Value):
    ops: tuple[tuple[str, tuple[float, ...]], ...]  # in font units
    units_per_em: int
    x_min: float
    y_min: float
    x_max: float
    y_max: float


def icon_box(name: str, size_pt: float) -> IconBox:
    """Where ``draw_icon(…, size_pt)`` puts ink, relative to its (x, y)."""
    outline = _outline(name)
    scale = size_pt / outline.units_per_em
    return IconBox(
        width=(outline.x_max - outline.x_min) * scale,
        bottom=outline.y_min * scale,
        top=outline.y_max * scale,
    )


def draw_icon(canvas: Any, name: str, x: float, y: float, size_pt: float, color: Any) -> None:
    """Fill the icon's outline on a reportlab canvas.

    ``size_pt`` is the icon font's em, as for text. ``(x, y)`` is the start of the baseline,
    so the icon sits as the font designed it; its ink starts exactly at ``x`` (side bearings
    dropped). TrueType outlines fill by the non-zero winding rule.
    """
    from reportlab.pdfgen.canvas import FILL_NON_ZERO  # type: ignore[attr-defined]  # not in the stubs

    outline = _outline(name)
    scale = size_pt / outline.units_per_em
    path = canvas.beginPath()
    for op, coords in outline.ops:  # in font units; the transformation below scales them
        if op == "M":
            path.moveTo(*coords)
        elif op == "L":
            path.lineTo(*coords)
        elif op == "C":
            path.curveTo(*coords)
        else:
            path.close()
    canvas.saveState()
    canvas.translate(x - outline.x_min * scale, y)
    canvas.scale(scale, scale)
    canvas.setFillColor(color)
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canvas.restoreState()


@cache
def _font(filename: str) -> Any:
    from fontTools.ttLib import TTFont

    # Read into memory: a cached font must not hold its file open for the process's life.
    return TTFont(io.BytesIO((icons_dir() / filename).read_bytes()), lazy=True)


def _outline(name: str) -> _Outline:
    with _lock:
        return _load_outline(name)


@cache
def _load_outline(name: str) -> _Outline:
    if name not in ICONS:
        raise KeyError(f"no icon named {name!r}; have {', '.join(icon_names())}") from None
    data = shipped_outlines()[name]
    ops = tuple((op, tuple(coords)) for op, coords in data["ops"])
    return _Outline(**{**data, "ops": ops})


@cache
def shipped_outlines() -> dict[str, dict[str, Any]]:
    """Every icon's outline as ``fonts/icons/outlines.json`` holds it (a bundled file)."""
    loaded: dict[str, dict[str, Any]] = json.loads((icons_dir() / OUTLINES_FILE).read_text())
    return loaded


def outlines_from_fonts() -> dict[str, dict[str, Any]]:
    """Every icon's outline read from the fonts themselves (what the shipped file holds)."""
    return {name: read_outline(*ICONS[name]).__dict__ for name in icon_names()}


def read_outline(filename: str, glyph_name: str) -> _Outline:
    """One glyph's outline and ink box, read from an icon font with fontTools."""
    font = _font(filename)
    glyphs = font.getGlyphSet()
    if glyph_name not in glyphs:
        raise KeyError(f"glyph {glyph_name!r} is missing from {filename}")
    pen = _recording_pen()(glyphs)
    glyphs[glyph_name].draw(pen)
    xs = [c for _, coords in pen.ops for c in coords[0::2]]
    ys = [c for _, coords in pen.ops for c in coords[1::2]]
    if not xs:
        raise KeyError(f"glyph {glyph_name!r} in {filename} has no outline")
    # the control points bound the curves, and in TrueType the on-curve extremes are
    # points too, so this is the glyph's bounding box (as the font's own glyf bbox)
    return _Outline(
        ops=tuple(pen.ops),
        units_per_em=font["head"].unitsPerEm,
        x_min=min(xs),
        y_min=min(ys),
        x_max=max(xs),
        y_max=max(ys),
    )


@cache
def _recording_pen() -> type:
    """The pen class, made on first use so that importing this module stays cheap."""
    from fontTools.pens.basePen import BasePen

    class RecordingPen(BasePen):  # type: ignore[misc]
        """Collects move/line/cubic/close operations in font units.

        BasePen splits TrueType's quadratic runs into single segments and hands each to
        ``_qCurveToOne``, whose default turns it into the equivalent cubic
        (``_curveToOne``): PDF paths know only cubic Béziers.
        """

        def __init__(self, glyph_set: Any) -> None:
            super().__init__(glyph_set)
            self.ops: list[tuple[str, tuple[float, ...]]] = []

        def _moveTo(self, pt: tuple[float, float]) -> None:
            self.ops.append(("M", (float(pt[0]), float(pt[1]))))

        def _lineTo(self, pt: tuple[float, float]) -> None:
            point = (float(pt[0]), float(pt[1]))
            if point != self._getCurrentPoint():  # the fonts hold some zero-length lines
                self.ops.append(("L", point))

        def _curveToOne(self, pt1: Any, pt2: Any, pt3: Any) -> None:
            self.ops.append(("C", tuple(float(c) for pt in (pt1, pt2, pt3) for c in pt)))

        def _closePath(self) -> None:
            self.ops.append(("Z", ()))

        def _endPath(self) -> None:  # an open contour still fills as if closed
            self.ops.append(("Z", ()))

    return RecordingPen
