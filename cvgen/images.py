"""Pillow preparation of the portrait and logos: upright, cropped, small, honest colours.

Each image leaves here as compressed bytes at ~300 dpi for the size it is placed at:
JPEG for opaque pictures (reportlab passes JPEG through untouched), PNG only where the
transparency is real.
"""

from __future__ import annotations

import io
import math
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from cvgen.errors import CvgenError
from cvgen.textfile import MissingFile, read_user_file
from cvgen.values import Value, frozen

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

MAX_PIXELS = 40_000_000  # far above any camera photo, far below a decompression bomb
MAX_IMAGE_BYTES = 64 * 1024 * 1024  # a camera JPEG is 3-15 MB; a 40 MP PNG about 60 MB
# Decoded pixels and their working copies on the way to RGB stay under this, so preparing
# an image never needs more than ~300 MiB in all.
MAX_RASTER_BYTES = 200 * 1024 * 1024
# Bytes per pixel at the peak of our way to RGB, by Pillow mode (measured with
# bench/hostile.py; others: 5). Pillow keeps RGB in 4 bytes; reduce() premultiplies
# alpha into a full-size copy.
_BYTES_PER_PIXEL = {"1": 3, "L": 2, "P": 6, "I;16": 6, "I;16B": 10, "I;16L": 10, "I;16N": 10}
_BYTES_PER_PIXEL |= {"RGBA": 9, "LA": 9, "PA": 9, "RGBa": 9, "La": 9}
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avci")


class ImageProblem(Exception):
    """The file cannot be used as an image; the message says why in the user's terms."""


@frozen
class PreparedImage(Value):
    data: bytes
    format: str  # "JPEG" or "PNG"
    width_px: int
    height_px: int
    width_pt: float
    height_pt: float


def prepare_portrait(
    path: Path, *, width_pt: float, height_pt: float, dpi: int, web: bool = False
) -> PreparedImage:
    """Crop to the box (faces sit high in portraits) and downscale; ``web``: for a page."""
    from PIL import ImageOps

    want = _pixels_for(width_pt, height_pt, dpi, limit=(1 << 30, 1 << 30))
    image = _open_upright(path, want=want)
    size = _pixels_for(width_pt, height_pt, dpi, limit=image.size)
    cropped = ImageOps.fit(image, size, centering=(0.5, 0.35))
    return _encode(cropped, width_pt, height_pt, web=web)


def prepare_logo(path: Path, *, box_pt: float, dpi: int, web: bool = False) -> PreparedImage:
    """Fit inside a square box, keeping the aspect ratio; ``web``: for a page."""
    image = _open_upright(path, want=_pixels_for(box_pt, box_pt, dpi, limit=(1 << 30, 1 << 30)))
    scale = box_pt / max(image.size)
    width_pt, height_pt = image.width * scale, image.height * scale
    size = _pixels_for(width_pt, height_pt, dpi, limit=image.size)
    if size != image.size:
        from PIL import Image

        image = image.resize(size, Image.Resampling.LANCZOS)
    return _encode(image, width_pt, height_pt, web=web)


def _pixels_for(
    width_pt: float, height_pt: float, dpi: int, *, limit: tuple[int, int]
) -> tuple[int, int]:
    """Pixels for the placed size at ``dpi``, never more than the source has."""
    want_w, want_h = math.ceil(width_pt / 72 * dpi), math.ceil(height_pt / 72 * dpi)
    shrink = min(1.0, limit[0] / want_w, limit[1] / want_h)
    return max(1, round(want_w * shrink)), max(1, round(want_h * shrink))


def read_image_bytes(path: Path) -> bytes:
    """The file's bytes, capped: a sparse file or a device named like an image stops here."""
    try:
        return read_user_file(path, kind="image", max_bytes=MAX_IMAGE_BYTES)
    except MissingFile:
        raise ImageProblem(f"image not found: {path}") from None
    except CvgenError as exc:
        raise ImageProblem(str(exc)) from None


def _open_upright(path: Path, *, want: tuple[int, int]) -> PILImage:
    """Decoded, upright, RGB or RGBA, and no bigger than twice ``want`` needs."""
    from PIL import ImageOps

    # A damaged EXIF block only costs the rotation: Pillow's warning about it (with a
    # site-packages path) would reach the user's terminal on a build that went fine.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")
        image = _decode(path, read_image_bytes(path), want)
        # Pillow ignores EXIF rotation unless asked; phone photos arrive sideways. In place:
        # a copy of the decoded pixels would only raise the build's peak memory.
        ImageOps.exif_transpose(image, in_place=True)
    return _to_rgb_or_rgba(image)


def _decode(path: Path, data: bytes, want: tuple[int, int]) -> PILImage:
    from PIL import Image, UnidentifiedImageError

    head = data[:64]
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        raise ImageProblem(
            f"{path.name} is HEIC/HEIF, which cvgen cannot read: convert it to JPEG or PNG"
        )
    if head.lstrip().startswith((b"<svg", b"<?xml")):
        raise ImageProblem(f"{path.name} is SVG: export it as PNG")
    side = 2 * max(want)  # enough pixels for any crop and a clean downscale
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise _too_large(path)
            if image.format == "JPEG":
                # JPEG decodes at 1/2, 1/4 or 1/8 scale directly: a 40 MP photo never
                # exists in memory at full size.
                image.draft(image.mode, (side, side))
            _check_raster_budget(path, image, side)
            image.load()
    except ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own limits are above ours, so its alarm means ours was passed too.
        raise _too_large(path) from None
    except UnidentifiedImageError:
        raise ImageProblem(f"{path.name} is not an image Pillow can read") from None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ImageProblem(f"{path.name} is damaged or truncated ({exc})") from None
    return _reduced(image, side)


def _check_raster_budget(path: Path, image: PILImage, side: int) -> None:
    """Deep (16-bit, 32-bit, float) and multi-band images cost more per pixel on the
    way to RGB; keep the decoded pixels and their working copies under the budget."""
    cost = _BYTES_PER_PIXEL.get(image.mode, 5)
    if min(image.size) < 2 * side:
        cost *= 3  # too narrow to shrink first: rotation, conversion and crop copy it whole
    if image.width * image.height * cost > MAX_RASTER_BYTES:
        limit = MAX_RASTER_BYTES / cost / 1_000_000
        raise ImageProblem(
            f"{path.name} is {image.width}×{image.height} pixels in mode {image.mode}, over the "
            f"{limit:.0f} megapixel limit for such images: scale it down or save it as 8-bit"
        )


def _reduced(image: PILImage, side: int) -> PILImage:
    """Shrink by a whole factor (a cheap box filter) while the short side stays above
    ``side``, so the copies made later are small."""
    factor = min(image.size) // side
    if factor < 2:
        return image
    if image.mode == "1":
        image = image.convert("L")  # modes reduce() does not take
    elif image.mode.startswith("I;16"):
        image = _deep_to_grey(image)
    elif image.mode == "P":
        image = _to_rgb_or_rgba(image)
    return image.reduce(factor)


def _deep_to_grey(image: PILImage) -> PILImage:
    """16- and 32-bit grey to 8-bit: a plain convert("L") clips them to white."""
    if image.mode == "I;16":
        return image.point(lambda v: v / 256).convert("L")
    return image.convert("I").point(lambda v: v * (1 / 256)).convert("L")


def _too_large(path: Path) -> ImageProblem:
    return ImageProblem(
        f"{path.name} is over the {MAX_PIXELS // 1_000_000} megapixel limit: scale it down"
    )


def _to_rgb_or_rgba(image: PILImage) -> PILImage:
    if image.mode.startswith("I;16") or image.mode == "I":
        image = _deep_to_grey(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    wanted = "RGBA" if has_alpha else "RGB"
    if image.mode != wanted or "transparency" in image.info:
        image = image.convert(wanted)  # (converting to its own mode would only copy it)
    if has_alpha and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")  # an alpha channel that is opaque everywhere
    return image


def _encode(
    image: PILImage, width_pt: float, height_pt: float, *, web: bool = False
) -> PreparedImage:
    """JPEG, or PNG where there is transparency. A JPEG goes into the PDF as it is; a
    PNG's pixels are decoded and compressed again by reportlab, so for a PDF the fastest
    PNG makes the same bytes (a quarter of a cold build's image time); a page's PNG is
    the file served, made as small as Pillow can."""
    buffer = io.BytesIO()
    if image.mode == "RGBA":
        effort = {"optimize": True} if web else {"compress_level": 1}
        image.save(buffer, "PNG", **effort)
        kind = "PNG"
    else:
        image.save(buffer, "JPEG", quality=88, optimize=True)
        kind = "JPEG"
    return PreparedImage(buffer.getvalue(), kind, image.width, image.height, width_pt, height_pt)


def prepare_signature(path: Path, *, width_pt: float, height_pt: float, dpi: int) -> PreparedImage:
    """Fit inside the box, keeping the aspect ratio (a scanned signature is wide and short)."""
    image = _open_upright(
        path, want=_pixels_for(width_pt, height_pt, dpi, limit=(1 << 30, 1 << 30))
    )
    scale = min(width_pt / image.width, height_pt / image.height)
    placed_w, placed_h = image.width * scale, image.height * scale
    size = _pixels_for(placed_w, placed_h, dpi, limit=image.size)
    if size != image.size:
        from PIL import Image

        image = image.resize(size, Image.Resampling.LANCZOS)
    return _encode(image, placed_w, placed_h)
