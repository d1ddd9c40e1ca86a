"""Image preparation: upright, cropped, small, colours kept, bad files named."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from cvgen.images import ImageProblem, prepare_logo, prepare_portrait


def save(image: Image.Image, path: Path, **kwargs) -> Path:  # type: ignore[no-untyped-def]
    image.save(path, **kwargs)
    return path


def decoded(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_portrait_is_cropped_downscaled_jpeg(tmp_path: Path):
    big = save(Image.new("RGB", (3000, 2000), "teal"), tmp_path / "big.jpg", quality=95)
    prepared = prepare_portrait(big, width_pt=60, height_pt=75, dpi=300)
    assert prepared.format == "JPEG"
    assert (prepared.width_px, prepared.height_px) == (250, 313)  # 300 dpi at 60×75 pt
    assert len(prepared.data) < 20_000


def test_exif_rotated_phone_photo_comes_out_upright(tmp_path: Path):
    # A landscape-stored sensor image whose EXIF says "rotate 90°": really a portrait.
    sensor = Image.new("RGB", (400, 300), "white")
    sensor.paste((255, 0, 0), (0, 0, 400, 30))  # red band along the stored top edge
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    path = save(sensor, tmp_path / "phone.jpg", exif=exif.tobytes())
    prepared = prepare_logo(path, box_pt=72, dpi=300)
    image = decoded(prepared.data)
    assert image.height > image.width  # upright: portrait orientation
    right_edge = image.getpixel((image.width - 3, image.height // 2))
    assert right_edge[0] > 200 and right_edge[1] < 80  # the band is now on the right


def test_sixteen_bit_grey_keeps_its_tones(tmp_path: Path):
    grey = Image.new("I;16", (64, 64), 20000)  # about 30% of full scale
    path = save(grey, tmp_path / "grey16.png")
    image = decoded(prepare_logo(path, box_pt=10, dpi=300).data)
    value = image.convert("L").getpixel((10, 10))
    assert 60 < value < 100  # not clipped to white


def test_real_transparency_stays_png_and_opaque_alpha_does_not(tmp_path: Path):
    clear = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    clear.paste((200, 0, 0, 255), (10, 10, 40, 40))
    opaque = Image.new("RGBA", (50, 50), (10, 20, 30, 255))
    assert prepare_logo(save(clear, tmp_path / "a.png"), box_pt=24, dpi=300).format == "PNG"
    assert prepare_logo(save(opaque, tmp_path / "b.png"), box_pt=24, dpi=300).format == "JPEG"


def test_logo_keeps_its_aspect_ratio(tmp_path: Path):
    wide = save(Image.new("RGB", (400, 100), "navy"), tmp_path / "wide.png")
    prepared = prepare_logo(wide, box_pt=24, dpi=300)
    assert (prepared.width_pt, prepared.height_pt) == (24, 6)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (None, "missing.png", "image not found"),
        (b"just some text", "fake.jpg", "fake.jpg is not an image Pillow can read"),
        (
            b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00",
            "photo.heic",
            "photo.heic is HEIC/HEIF, which cvgen cannot read: convert it to JPEG or PNG",
        ),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'/>",
            "logo.svg",
            "logo.svg is SVG: export it as PNG",
        ),
    ],
)
def test_unusable_files_are_named(tmp_path: Path, content, name, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ImageProblem, match=message.replace("(", r"\(").replace(")", r"\)")):
        prepare_logo(path, box_pt=24, dpi=300)


def test_truncated_jpeg_is_named(tmp_path: Path):
    whole = save(Image.effect_noise((300, 300), 50).convert("RGB"), tmp_path / "whole.jpg")
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole.read_bytes()[:2000])
    with pytest.raises(ImageProblem, match=r"cut\.jpg is damaged or truncated"):
        prepare_logo(cut, box_pt=24, dpi=300)


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path):
    bomb = save(Image.new("1", (12_000, 12_000)), tmp_path / "bomb.png")  # 144 MP, tiny file
    assert bomb.stat().st_size < 100_000
    with pytest.raises(ImageProblem, match="over the 40 megapixel limit"):
        prepare_logo(bomb, box_pt=24, dpi=300)


def test_prepared_images_are_cached_by_content(tmp_path: Path, monkeypatch):
    from cvgen import cache

    monkeypatch.setenv("CVGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_MEMORY", {})
    source = save(Image.new("RGB", (300, 300), "teal"), tmp_path / "logo.png")
    calls = []

    def prepare():  # type: ignore[no-untyped-def]
        calls.append(1)
        return prepare_logo(source, box_pt=24, dpi=300)

    first = cache.cached_image(source, "logo|24|300", prepare)
    monkeypatch.setattr(cache, "_MEMORY", {})  # a new process: only the disk cache remains
    assert cache.cached_image(source, "logo|24|300", prepare) == first
    assert len(calls) == 1
    cache.cached_image(source, "logo|30|300", prepare)  # another size: another entry
    save(Image.new("RGB", (300, 300), "red"), source)  # the file changed
    changed = cache.cached_image(source, "logo|24|300", prepare)
    assert len(calls) == 3 and changed.data != first.data


def test_a_logo_for_the_pdf_is_packed_fast_and_makes_the_same_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """reportlab decodes a PNG's pixels and compresses them again, so the quickly packed
    PNG of a transparent logo gives the PDF the optimized one would; a page gets the
    optimized file."""
    from datetime import date

    from cvgen import images
    from cvgen.build import build_cv

    monkeypatch.setenv("CVGEN_NO_CACHE", "1")
    logo = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    logo.paste((20, 90, 160, 255), (40, 40, 260, 160))
    save(logo, tmp_path / "logo.png")
    fast = prepare_logo(tmp_path / "logo.png", box_pt=24, dpi=300)
    small = prepare_logo(tmp_path / "logo.png", box_pt=24, dpi=300, web=True)
    assert fast.format == small.format == "PNG" and len(small.data) < len(fast.data)
    assert decoded(fast.data).tobytes() == decoded(small.data).tobytes()

    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "person: {name: Ada Lovelace}\nsections:\n  - title: Education\n    kind: education\n"
        "    entries: [{institution: Analytical College, logo: logo.png, degree: BSc}]\n"
    )
    made = build_cv(profile, on=date(2024, 1, 1), output=tmp_path / "fast.pdf").path.read_bytes()
    encode = images._encode
    monkeypatch.setattr(images, "_encode", lambda *a, **k: encode(*a, **{**k, "web": True}))
    again = build_cv(profile, on=date(2024, 1, 1), output=tmp_path / "small.pdf")
    assert b"/Subtype /Image" in made and again.path.read_bytes() == made
