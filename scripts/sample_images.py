"""Draw neutral sample images: a placeholder portrait and four logos.

The real owner's photo and institution logos cannot be committed, so these files are plain
stand-ins drawn with Pillow and lettered with the bundled Lato Bold. Users drop their own
``portrait.jpg`` and ``logos/*.png`` in to replace them.

Output is deterministic (no timestamps, no EXIF), so re-running does not produce spurious
diffs. Not part of the package: ``scripts/make_sample_images.py`` runs it once to make the
repository's samples (``assets/images/``, the portrait lettered "HZ") and the starter images
``cvgen new`` copies (``cvgen/templates/starter/``, a portrait without letters).
"""

from __future__ import annotations

import colorsys
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import Image, ImageDraw, ImageFont

from cvgen.fonts import fonts_dir

# Shapes are drawn at this multiple of the final size and downscaled with
# LANCZOS; ImageDraw has no antialiasing of its own.
SUPERSAMPLE = 4

PORTRAIT_SIZE = (600, 750)
LOGO_SIZE = 256

RGB = tuple[int, int, int]
Font = ImageFont.FreeTypeFont
Shape = Literal["rounded", "circle", "hexagon"]


@dataclass(frozen=True)
class LogoSpec:
    filename: str
    text: str
    color: RGB
    shape: Shape


LOGOS: tuple[LogoSpec, ...] = (
    LogoSpec("nyu.png", "NYU", (0x57, 0x06, 0x8C), "rounded"),
    LogoSpec("tsinghua.png", "THU", (0x66, 0x08, 0x74), "circle"),
    LogoSpec("mbzuai.png", "MBZ", (0x0E, 0x4D, 0x55), "rounded"),
    LogoSpec("polyhedra.png", "PH", (0x14, 0x2C, 0x5F), "hexagon"),
)


def hsl(hue: float, sat: float, light: float) -> RGB:
    """CSS-style hsl() (degrees, percent, percent) to an 8-bit RGB tuple."""
    r, g, b = colorsys.hls_to_rgb(hue / 360, light / 100, sat / 100)
    return (round(r * 255), round(g * 255), round(b * 255))


def bundled_font() -> Path:
    """Lato Bold from the repository's fonts/: the samples look the same on every machine."""
    return fonts_dir() / "Lato-Bold.ttf"


def fit_font(text: str, font_path: Path, max_w: int, max_h: int) -> Font:
    """Largest font size whose inked text box fits within max_w x max_h."""
    lo, hi = 1, max_h * 2
    while lo < hi:
        mid = (lo + hi + 1) // 2
        left, top, right, bottom = ImageFont.truetype(str(font_path), mid).getbbox(text)
        if right - left <= max_w and bottom - top <= max_h:
            lo = mid
        else:
            hi = mid - 1
    return ImageFont.truetype(str(font_path), lo)


def draw_centered_text(
    draw: ImageDraw.ImageDraw, center: tuple[float, float], text: str, font: Font, fill: int
) -> None:
    # Centre the actual ink box rather than using anchor="mm": for all-caps
    # text the metric middle sits visibly too high.
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x = center[0] - (left + right) / 2
    y = center[1] - (top + bottom) / 2
    draw.text((x, y), text, font=font, fill=fill)


def downscale(mask: Image.Image, size: tuple[int, int]) -> Image.Image:
    return mask.resize(size, Image.Resampling.LANCZOS)


def vertical_gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    """RGB image fading linearly from `top` to `bottom`."""
    w, h = size
    column = Image.new("RGB", (1, h))
    column.putdata(
        [
            tuple(round(t + (b - t) * y / (h - 1)) for t, b in zip(top, bottom, strict=True))
            for y in range(h)
        ]
    )
    return column.resize((w, h), Image.Resampling.NEAREST)


def silhouette_mask(size: tuple[int, int]) -> Image.Image:
    """Supersampled head-and-shoulders mask, downscaled to `size`."""
    w, h = size
    s = SUPERSAMPLE
    mask = Image.new("L", (w * s, h * s), 0)
    draw = ImageDraw.Draw(mask)
    cx = w / 2
    # Head: a slightly tall ellipse in the upper-middle of the frame.
    head_rx, head_ry, head_cy = 0.19 * w, 0.155 * h, 0.40 * h
    draw.ellipse(
        [(cx - head_rx) * s, (head_cy - head_ry) * s, (cx + head_rx) * s, (head_cy + head_ry) * s],
        fill=255,
    )
    # Shoulders: a wide rounded block running off the bottom edge, with a
    # visible gap under the chin so the two shapes read as head and body.
    top = head_cy + head_ry + 0.035 * h
    draw.rounded_rectangle(
        [0.12 * w * s, top * s, 0.88 * w * s, (h + 0.3 * h) * s],
        radius=0.30 * w * s,
        fill=255,
    )
    return downscale(mask, size)


def clean_initials(initials: str) -> str:
    # Keep the lettering short so it stays a small, quiet label.
    return "".join(ch for ch in initials.strip().upper() if not ch.isspace())[:3]


def make_portrait(initials: str, font_path: Path) -> bytes:
    size = PORTRAIT_SIZE
    w, h = size
    image = vertical_gradient(size, hsl(272, 22, 80), hsl(272, 20, 62))
    # Lighter tint of the same hue keeps the placeholder calm and neutral.
    figure = Image.new("RGB", size, hsl(272, 30, 92))
    image.paste(figure, (0, 0), silhouette_mask(size))

    label = clean_initials(initials)
    if label:
        s = SUPERSAMPLE
        text_mask = Image.new("L", (w * s, h * s), 0)
        font = fit_font(label, font_path, int(0.16 * w * s), int(0.045 * h * s))
        draw_centered_text(ImageDraw.Draw(text_mask), (w / 2 * s, 0.90 * h * s), label, font, 255)
        image.paste(Image.new("RGB", size, hsl(272, 18, 62)), (0, 0), downscale(text_mask, size))

    # Plain save: Pillow writes no EXIF or timestamp unless asked to.
    return _encoded(image, "JPEG", quality=88, optimize=True)


def _encoded(image: Image.Image, kind: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def hexagon(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    """Flat-topped regular hexagon with circumradius r."""
    angles = [math.radians(a) for a in range(0, 360, 60)]
    return [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in angles]


def badge_mask(shape: Shape, side: int) -> Image.Image:
    """Full-resolution (supersampled) mask of the badge outline."""
    mask = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(mask)
    pad = side * 0.04  # small margin so edges are not clipped by the canvas
    box = [pad, pad, side - pad, side - pad]
    if shape == "rounded":
        draw.rounded_rectangle(box, radius=side * 0.20, fill=255)
    elif shape == "circle":
        draw.ellipse(box, fill=255)
    else:
        draw.polygon(hexagon(side / 2, side / 2, side / 2 - pad), fill=255)
    return mask


# Fraction of the canvas the text may occupy; circles and hexagons have less
# usable width than a rounded square.
TEXT_WIDTH_FRACTION: dict[str, float] = {"rounded": 0.66, "circle": 0.58, "hexagon": 0.56}


def make_logo(spec: LogoSpec, font_path: Path) -> bytes:
    side = LOGO_SIZE * SUPERSAMPLE
    shape = badge_mask(spec.shape, side)
    text_mask = Image.new("L", (side, side), 0)
    max_w = int(side * TEXT_WIDTH_FRACTION[spec.shape])
    # Same height cap for every badge keeps short labels ("PH") from looming.
    font = fit_font(spec.text, font_path, max_w, int(side * 0.27))
    draw_centered_text(ImageDraw.Draw(text_mask), (side / 2, side / 2), spec.text, font, 255)

    final = (LOGO_SIZE, LOGO_SIZE)
    # Colour and alpha are composed from separate masks so transparent
    # pixels carry the badge colour (no dark fringe when scaled later).
    rgb = Image.composite(
        Image.new("RGB", final, (255, 255, 255)),
        Image.new("RGB", final, spec.color),
        downscale(text_mask, final),
    )
    rgba = rgb.convert("RGBA")
    rgba.putalpha(downscale(shape, final))

    return _encoded(rgba, "PNG", optimize=True)


def sample_images(initials: str, font_path: Path | None = None) -> dict[str, bytes]:
    """``portrait.jpg`` (lettered with ``initials``, none if empty) and ``logos/*.png``, by
    their path relative to the images folder."""
    font = font_path or bundled_font()
    images = {"portrait.jpg": make_portrait(initials, font)}
    images.update({f"logos/{spec.filename}": make_logo(spec, font) for spec in LOGOS})
    return images
