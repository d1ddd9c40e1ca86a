"""Hostile inputs, each class through the command line in-process: the exit status, exactly
one line on stderr, no traceback, nothing written or changed. How long each takes and how
much memory it needs is measured by bench/hostile.py, not here."""

from __future__ import annotations

import os
import shutil
import signal
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from cvgen.cli import app
from cvgen.inline import parse_inline, plain_text
from cvgen.yamlread import MAX_TEXT_CHARS

PERSON = "person:\n  name: Jane Doe\n"
BUILD = ["build", "profile.yaml", "--date", "2024-01-01"]
OLD = b"an earlier CV that must survive\n"


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A FIFO that blocked would stop the suite: fail the test after 60 s instead."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError("hung on a hostile input")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "CV-Jane Doe_20240101.pdf").write_bytes(OLD)
    yield tmp_path
    shutil.rmtree(tmp_path)  # before the suite's own look at every *.pdf: no 8 GiB reads


def snapshot(folder: Path) -> dict[str, object]:
    """Every file under ``folder``: small regular files by content, others by kind and size."""
    found: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        small = stat.S_ISREG(info.st_mode) and info.st_size < 1 << 20
        found[str(path.relative_to(folder))] = (
            path.read_bytes() if small else (info.st_mode, info.st_size, info.st_mtime_ns)
        )
    return found


def one_line_error(folder: Path, args: list[str], *, status: int = 1) -> str:
    """Run cvgen; assert it failed with ``status``, one stderr line and no change on disk."""
    before = snapshot(folder)
    result = CliRunner().invoke(app, args)
    lines = result.stderr.splitlines()
    assert result.exit_code == status, (result.exit_code, result.stderr, result.exception)
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert snapshot(folder) == before
    return lines[0]


def special(kind: str, path: Path) -> None:
    """Make ``path`` a special file of this kind."""
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "sparse":
        with path.open("wb") as stream:
            stream.truncate(8 << 30)  # 8 GiB that report as such and take no disk
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to(kind)  # /dev/zero, /dev/urandom


SPECIALS = ["/dev/zero", "/dev/urandom", "fifo", "sparse", "folder"]
REFUSAL = {
    "/dev/zero": "is not a regular file (a device, pipe or socket)",
    "/dev/urandom": "is not a regular file (a device, pipe or socket)",
    "fifo": "is not a regular file (a device, pipe or socket)",
    "sparse": "larger than",
    "folder": "is a folder",
}


# --- Special files wherever cvgen reads a user's file ---------------------------------


@pytest.mark.parametrize("kind", SPECIALS)
def test_special_file_as_profile(folder: Path, kind: str):
    special(kind, folder / "profile.yaml")
    line = one_line_error(folder, BUILD)
    assert line.startswith("profile.yaml: ") and REFUSAL[kind] in line


@pytest.mark.parametrize("kind", SPECIALS)
def test_special_file_as_portrait(folder: Path, kind: str):
    (folder / "profile.yaml").write_text(PERSON + "  portrait: me.jpg\n", encoding="utf-8")
    special(kind, folder / "me.jpg")
    line = one_line_error(folder, BUILD)
    assert line.startswith("profile.yaml:3: person.portrait: me.jpg: ") and REFUSAL[kind] in line


@pytest.mark.parametrize("kind", SPECIALS)
def test_special_file_as_bibtex(folder: Path, kind: str):
    body = "sections:\n  - kind: publications\n    title: P\n    bibtex: {file: refs.bib}\n"
    (folder / "profile.yaml").write_text(PERSON + body, encoding="utf-8")
    special(kind, folder / "refs.bib")
    assert REFUSAL[kind] in one_line_error(folder, BUILD)
    assert REFUSAL[kind] in one_line_error(folder, ["import", "bibtex", "refs.bib"])


@pytest.mark.parametrize("kind", SPECIALS)
def test_special_file_as_pdf_to_check(folder: Path, kind: str):
    special(kind, folder / "cv.pdf")
    line = one_line_error(folder, ["check", "--pdf", "cv.pdf"])
    assert line.startswith("cv.pdf: ") and REFUSAL[kind] in line


@pytest.mark.parametrize("kind", SPECIALS)
def test_special_file_as_json_resume_and_page(folder: Path, kind: str):
    special(kind, folder / "resume.json")
    assert REFUSAL[kind] in one_line_error(folder, ["import", "jsonresume", "resume.json"])
    special(kind, folder / "index.md")
    assert REFUSAL[kind] in one_line_error(folder, ["import", "homepage", "index.md"])


def test_a_sparse_image_is_refused_before_it_is_read(folder: Path):
    (folder / "profile.yaml").write_text(PERSON + "  portrait: me.jpg\n", encoding="utf-8")
    special("sparse", folder / "me.jpg")
    line = one_line_error(folder, BUILD)
    assert line == "profile.yaml:3: person.portrait: me.jpg: larger than 65536 KiB; not an image"


def test_image_path_with_a_nul_character(folder: Path):
    (folder / "profile.yaml").write_text(PERSON + '  portrait: "a\\0b.jpg"\n', encoding="utf-8")
    line = one_line_error(folder, BUILD)
    assert (
        line == "profile.yaml:3: person.portrait: image path 'a\\x00b.jpg' contains a NUL character"
    )


# --- Deep and wide images: a lower pixel cap where each pixel costs more ---------------


def test_a_transparent_image_has_a_lower_cap(folder: Path):
    (folder / "profile.yaml").write_text(PERSON + "  portrait: me.png\n", encoding="utf-8")
    Image.new("RGBA", (6000, 5000), (0, 0, 0, 0)).save(folder / "me.png")
    line = one_line_error(folder, BUILD)
    assert "me.png is 6000×5000 pixels in mode RGBA, over the 23 megapixel limit" in line
    assert "megapixel limit for such images" in line


def test_a_narrow_strip_cannot_be_shrunk_first_and_has_a_lower_cap(folder: Path):
    (folder / "profile.yaml").write_text(PERSON + "  portrait: me.png\n", encoding="utf-8")
    Image.new("RGB", (400, 40000), "teal").save(folder / "me.png")
    assert "over the" in one_line_error(folder, BUILD)


def test_a_big_photo_is_decoded_small(tmp_path: Path):
    from cvgen.images import prepare_portrait

    Image.new("RGB", (6000, 4000), "teal").save(tmp_path / "big.jpg")
    prepared = prepare_portrait(tmp_path / "big.jpg", width_pt=62, height_pt=76, dpi=300)
    assert (prepared.width_px, prepared.height_px) == (259, 317)


# --- Long text: a located error past the field limit, linear parsing below it ---------


@pytest.mark.parametrize(
    "field",
    [
        pytest.param("  tagline: " + "x" * 400_000 + "\n", id="one-400KB-word"),
        pytest.param("  tagline: '" + "**a " * 16_000 + "'\n", id="bold-markers-64KB"),
        pytest.param(
            "  tagline: |\n" + "    many words on a line of a big block\n" * 2_000,
            id="block-scalar",
        ),
    ],
)
def test_text_over_the_field_limit_is_one_located_line(folder: Path, field: str):
    (folder / "profile.yaml").write_text(PERSON + field, encoding="utf-8")
    line = one_line_error(folder, BUILD)
    assert line.startswith("profile.yaml:3: person.tagline: text of ")
    assert f"a field holds at most {MAX_TEXT_CHARS:,}" in line


def test_a_set_value_over_the_field_limit(folder: Path):
    (folder / "profile.yaml").write_text(PERSON, encoding="utf-8")
    line = one_line_error(folder, [*BUILD, "--set", "person.tagline=" + "x" * 60_000])
    assert line.startswith("--set person.tagline: text of 60,000 characters")


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        pytest.param("**a " * 12_000, "**a " * 12_000, id="bold-openers"),
        pytest.param("<u>" * 16_000, "<u>" * 16_000, id="underline-openers"),
        pytest.param("[a](" * 12_000, "[a](" * 12_000, id="link-openers"),
        pytest.param(" *a" * 16_000, " *a" * 16_000, id="italic-openers"),
        pytest.param("**b** " * 8_000, "b " * 8_000, id="many-bolds"),
        pytest.param("<u>x</u>" * 6_000, "x" * 6_000, id="many-underlines"),
    ],
)
def test_pathological_markup_parses_as_written(text: str, plain: str):
    # Quadratic before (25 s for the first); bench/hostile.py times the builds.
    assert plain_text(text) == plain


def test_markup_near_the_field_limit_builds(folder: Path):
    tagline = "**a " * (MAX_TEXT_CHARS // 4 - 10)
    (folder / "profile.yaml").write_text(PERSON + f"  tagline: '{tagline}'\n", encoding="utf-8")
    result = CliRunner().invoke(app, [*BUILD, "--output-dir", "out"])
    assert result.exit_code == 0, result.stderr
    assert [span.bold for span in parse_inline(tagline)] == [False]
