"""Pillow preparation of the portrait and logos: upright, cropped, small, honest colours.

Each image leaves here as compressed bytes at ~300 dpi for the size it is placed at:
JPEG for opaque pictures (reportlab passes JPEG through untouched), PNG only where the
transparency is real.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

MAX_PIXELS = 40_000_000  # far above any camera photo, far below a decompression bomb
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avci")


class ImageProblem(Exception):
    """The file cannot be used as an image; the message says why in the user's terms."""


@dataclass(frozen=True)
class PreparedImage:
    data: bytes
    format: str  # "JPEG" or "PNG"
    width_px: int
    height_px: int
    width_pt: float
    height_pt: float


def prepare_portrait(path: Path, *, width_pt: float, height_pt: float, dpi: int) -> PreparedImage:
    """Crop to the box (faces sit high in portraits) and downscale."""
    from PIL import ImageOps

    image = _open_upright(path)
    size = _pixels_for(width_pt, height_pt, dpi, limit=image.size)
    cropped = ImageOps.fit(image, size, centering=(0.5, 0.35))
    return _encode(cropped, width_pt, height_pt)


def prepare_logo(path: Path, *, box_pt: float, dpi: int) -> PreparedImage:
    """Fit inside a square box, keeping the aspect ratio."""
    image = _open_upright(path)
    scale = box_pt / max(image.size)
    width_pt, height_pt = image.width * scale, image.height * scale
    size = _pixels_for(width_pt, height_pt, dpi, limit=image.size)
    if size != image.size:
        from PIL import Image

        image = image.resize(size, Image.Resampling.LANCZOS)
    return _encode(image, width_pt, height_pt)


def _pixels_for(
    width_pt: float, height_pt: float, dpi: int, *, limit: tuple[int, int]
) -> tuple[int, int]:
    """Pixels for the placed size at ``dpi``, never more than the source has."""
    want_w, want_h = math.ceil(width_pt / 72 * dpi), math.ceil(height_pt / 72 * dpi)
    shrink = min(1.0, limit[0] / want_w, limit[1] / want_h)
    return max(1, round(want_w * shrink)), max(1, round(want_h * shrink))


def _open_upright(path: Path) -> Image.Image:
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not path.exists():
        raise ImageProblem(f"image not found: {path}")
    if not path.is_file():
        raise ImageProblem(f"not an image file: {path}")
    try:
        with path.open("rb") as stream:
            head = stream.read(64)
    except OSError as exc:
        raise ImageProblem(f"cannot read image {path}: {exc.strerror}") from None
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        raise ImageProblem(
            f"{path.name} is HEIC/HEIF, which cvgen cannot read: convert it to JPEG or PNG"
        )
    if head.lstrip().startswith((b"<svg", b"<?xml")):
        raise ImageProblem(f"{path.name} is SVG: export it as PNG")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Closed on every way out: an animated GIF or a failed decode keeps the file open.
            with Image.open(path) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise _too_large(path)
                image.load()
                # Pillow ignores EXIF rotation unless asked; phone photos arrive sideways.
                upright = ImageOps.exif_transpose(image) or image
                return _to_rgb_or_rgba(upright)
    except ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own limits are above ours, so its alarm means ours was passed too.
        raise _too_large(path) from None
    except UnidentifiedImageError:
        raise ImageProblem(f"{path.name} is not an image Pillow can read") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageProblem(f"{path.name} is damaged or truncated ({exc})") from None


def _too_large(path: Path) -> ImageProblem:
    return ImageProblem(
        f"{path.name} is over the {MAX_PIXELS // 1_000_000} megapixel limit: scale it down"
    )


def _to_rgb_or_rgba(image: Image.Image) -> Image.Image:
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16-bit grey clips to white in a plain convert("L"); scale it down first.
        image = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    if has_alpha and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")  # an alpha channel that is opaque everywhere
    return image


def _encode(image: Image.Image, width_pt: float, height_pt: float) -> PreparedImage:
    buffer = io.BytesIO()
    if image.mode == "RGBA":
        image.save(buffer, "PNG", optimize=True)
        kind = "PNG"
    else:
        image.save(buffer, "JPEG", quality=88, optimize=True)
        kind = "JPEG"
    return PreparedImage(buffer.getvalue(), kind, image.width, image.height, width_pt, height_pt)


def prepare_signature(path: Path, *, width_pt: float, height_pt: float, dpi: int) -> PreparedImage:
    """Fit inside the box, keeping the aspect ratio (a scanned signature is wide and short)."""
    image = _open_upright(path)
    scale = min(width_pt / image.width, height_pt / image.height)
    placed_w, placed_h = image.width * scale, image.height * scale
    size = _pixels_for(placed_w, placed_h, dpi, limit=image.size)
    if size != image.size:
        from PIL import Image

        image = image.resize(size, Image.Resampling.LANCZOS)
    return _encode(image, placed_w, placed_h)
