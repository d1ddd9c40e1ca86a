"""The zoo: whatever the input, a correct PDF or one clear line, and the old CV kept."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from cvgen.build import build_cv
from cvgen.errors import CvgenError
from tests.pdfread import full_text, page_texts

ON = date(2024, 1, 1)
OLD = b"stand-in bytes of an earlier CV\n"


def profile_with(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text("person:\n  name: Jane Doe\n" + body, encoding="utf-8")
    return path


def only_file(folder: Path) -> Path:
    [pdf] = list(folder.iterdir())
    return pdf


# --- YAML -----------------------------------------------------------------------------


def test_a_huge_file_is_refused_by_size(tmp_path: Path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"person:\n  name: x\n" + b"# padding\n" * 2_100_000)  # 21 MB
    with pytest.raises(CvgenError, match=r"big.yaml: larger than 2048 KiB; not a profile"):
        build_cv(path, on=ON, output_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_very_deep_nesting_stops_cleanly(tmp_path: Path):
    path = tmp_path / "deep.yaml"
    path.write_text("person: " + "[" * 20_000 + "]" * 20_000 + "\n")
    with pytest.raises(CvgenError) as info:
        build_cv(path, on=ON, output_dir=tmp_path / "out")
    assert "\n" not in str(info.value) and str(info.value).startswith(str(path))


# --- Images ---------------------------------------------------------------------------


def _image_profile(tmp_path: Path, filename: str) -> Path:
    return profile_with(tmp_path, f"  portrait: {filename}\n")


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(
            lambda p: Image.new("CMYK", (200, 240), (0, 120, 200, 10)).save(p / "a.jpg"),
            id="cmyk-jpeg",
        ),
        pytest.param(
            lambda p: Image.new("P", (100, 100), 1).save(p / "a.png", transparency=1),
            id="palette-transparency",
        ),
        pytest.param(
            lambda p: Image.new("RGB", (120, 120), "red").save(
                p / "a.gif", save_all=True, append_images=[Image.new("RGB", (120, 120), "blue")]
            ),
            id="animated-gif",
        ),
        pytest.param(lambda p: Image.new("RGB", (120, 150), "green").save(p / "a.webp"), id="webp"),
    ],
)
def test_unusual_image_formats_build(tmp_path: Path, make):  # type: ignore[no-untyped-def]
    make(tmp_path)
    [image] = [p for p in tmp_path.iterdir() if p.stem == "a"]
    result = build_cv(_image_profile(tmp_path, image.name), on=ON, output_dir=tmp_path / "out")
    assert result.pages == 1


# --- Text -----------------------------------------------------------------------------

ZOO = [
    "R&D",
    "<script>alert(1)</script>",
    "a < b > c",
    "unbalanced ** bold",
    "open [bracket",
    "C++ & a*b",
]


def test_text_zoo_prints_exactly(tmp_path: Path):
    bullets = "".join(f"      - {text!r}\n".replace("'", '"') for text in ZOO)
    body = f"sections:\n  - title: Zoo\n    kind: experience\n    entries:\n    - role: Tester\n      bullets:\n{bullets}"
    result = build_cv(profile_with(tmp_path, body), on=ON, output_dir=tmp_path / "out")
    text = full_text(result.path)
    for sample in ZOO:
        assert sample in text


def test_long_words_and_urls_wrap_inside_the_page(tmp_path: Path):
    import pypdfium2

    url = "https://example.org/" + "a-very-long-path-segment/" * 30
    body = (
        "sections:\n  - title: Long\n    kind: text\n"
        f'    text: "{"Pneumonoultramicroscopicsilicovolcanoconiosis" * 6} [{url}]({url})"\n'
    )
    result = build_cv(profile_with(tmp_path, body), on=ON, output_dir=tmp_path / "out")
    page = pypdfium2.PdfDocument(result.path)[0]
    image = page.render(scale=1).to_pil().convert("L")
    margin_pt = 17 * 72 / 25.4
    right_strip = image.crop((int(image.width - margin_pt + 4), 0, image.width, image.height))
    assert right_strip.getextrema()[0] > 250, "something is drawn in the right margin"


def test_emoji_rtl_zero_width_and_control_characters(tmp_path: Path):
    body = 'sections:\n  - title: T\n    kind: text\n    text: "ok 😀 שלום مرحبا zero\\u200bwidth bell\\a tab\\there"\n'
    result = build_cv(profile_with(tmp_path, body), on=ON, output_dir=tmp_path / "out")
    text = full_text(result.path)
    assert "zerowidth" in text and "bell" in text and "tab here" in text
    [warning] = result.warnings
    assert warning.startswith(
        f"{tmp_path / 'profile.yaml'}:6: sections[0].text: warning: no bundled font has"
    )
    assert "U+1F600" in warning


def test_a_thousand_word_bullet_splits_across_pages(tmp_path: Path):
    words = " ".join(f"word{i}" for i in range(1000))
    body = f'sections:\n  - title: Long\n    kind: experience\n    entries:\n    - role: R\n      bullets: ["{words}"]\n'
    result = build_cv(profile_with(tmp_path, body), on=ON, output_dir=tmp_path / "out")
    assert result.pages > 1
    assert "word999" in page_texts(result.path)[-1]
    assert "Long" in page_texts(result.path)[0]  # the heading starts on page 1, with its entry


# --- Output ---------------------------------------------------------------------------


@pytest.fixture
def earlier_cv(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    (out / "CV-Jane Doe_20240101.pdf").write_bytes(OLD)
    return out


def _assert_untouched(out: Path) -> None:
    assert [p.name for p in out.iterdir()] == ["CV-Jane Doe_20240101.pdf"]
    assert (out / "CV-Jane Doe_20240101.pdf").read_bytes() == OLD


@pytest.mark.parametrize(
    ("target", "error", "message"),
    [
        (
            "tempfile.mkstemp",
            PermissionError(errno.EACCES, "Permission denied"),
            "cannot write: Permission denied",
        ),
        (
            "os.fsync",
            OSError(errno.ENOSPC, "No space left on device"),
            "cannot write: No space left on device",
        ),
        (
            "os.replace",
            OSError(errno.EROFS, "Read-only file system"),
            "cannot write: Read-only file system",
        ),
    ],
)
def test_write_failures_keep_the_earlier_cv(
    tmp_path, earlier_cv, monkeypatch, target, error, message
):
    import importlib

    module, name = target.split(".")

    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise error

    monkeypatch.setattr(importlib.import_module(module), name, fail)  # cvgen.output's own
    with pytest.raises(CvgenError) as info:  # force: the stand-in is not a CV cvgen made
        build_cv(profile_with(tmp_path, ""), on=ON, output_dir=earlier_cv, force=True)
    assert str(info.value) == f"{earlier_cv / 'CV-Jane Doe_20240101.pdf'}: {message}"
    _assert_untouched(earlier_cv)


def test_output_path_that_is_a_folder(tmp_path: Path):
    (tmp_path / "taken.pdf").mkdir()
    with pytest.raises(CvgenError, match=r"taken\.pdf: output path is a folder"):
        build_cv(profile_with(tmp_path, ""), on=ON, output=tmp_path / "taken.pdf")


def test_output_folder_that_is_a_file(tmp_path: Path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(CvgenError, match="file: output folder is a file"):
        build_cv(profile_with(tmp_path, ""), on=ON, output_dir=tmp_path / "file")


def test_killed_mid_build_leaves_the_earlier_cv_and_no_temp_file(tmp_path: Path, earlier_cv: Path):
    # 160,000 words (fields hold at most 8,000 characters: 800 bullets of 200): a build of
    # over a second here, half of it laying out, so killed mid-build (300 bullets were
    # done in under 0.6 s once line breaking got quicker).
    bullets = "".join(
        f'      - "{" ".join(f"word{i}" for i in range(j * 200, j * 200 + 200))}"\n'
        for j in range(800)
    )
    profile = profile_with(
        tmp_path,
        "sections:\n  - title: L\n    kind: experience\n    entries:\n    - role: R\n"
        f"      bullets:\n{bullets}",
    )
    command = [
        sys.executable,
        "-m",
        "cvgen",
        "build",
        str(profile),
        "--date",
        "2024-01-01",
        "--output-dir",
        str(earlier_cv),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    _assert_untouched(earlier_cv)


def test_a_name_with_nothing_printable_is_one_line(tmp_path: Path):
    """Found by the fuzzer: a required field left empty once undrawable characters go."""
    path = tmp_path / "profile.yaml"
    path.write_text("person:\n  name: \U0001f600\n", encoding="utf-8")
    with pytest.raises(CvgenError) as info:
        build_cv(path, on=ON, output_dir=tmp_path / "out")
    assert str(info.value) == f"{path}:2: person.name: has no character a bundled font can print"


def test_control_characters_stay_out_of_file_name_footer_and_text(tmp_path: Path):
    """Found by the fuzzer: an escape character in the name reached the footer as NUL."""
    path = tmp_path / "profile.yaml"
    path.write_text('person:\n  name: "Jane\\eDoe"\n', encoding="utf-8")
    result = build_cv(path, on=ON, output_dir=tmp_path / "out")
    assert result.path.name == "CV-JaneDoe_20240101.pdf"
    assert "JaneDoe · page 1" in full_text(result.path)


def test_text_prints_composed(tmp_path: Path):
    """Found by the fuzzer: U+037E (Greek question mark) is printed as its NFC form ';'."""
    body = 'sections:\n  - title: T\n    kind: text\n    text: "Dvor\\u030C\\u00E1k \\u037E"\n'
    result = build_cv(profile_with(tmp_path, body), on=ON, output_dir=tmp_path / "out")
    assert "Dvořák ;" in full_text(result.path)
