"""Hostile inputs, each class through the command line in-process: the exit status, exactly
one line on stderr, no traceback, nothing written or changed. How long each takes and how
much memory it needs is measured by bench/hostile.py, not here."""

from __future__ import annotations

import os
import shutil
import signal
import stat
from collections.abc import Iterator
from datetime import date
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
    # compress_level 1: the same pixels, written in a third of the time (the file is small)
    Image.new("RGBA", (6000, 5000), (0, 0, 0, 0)).save(folder / "me.png", compress_level=1)
    line = one_line_error(folder, BUILD)
    assert "me.png is 6000×5000 pixels in mode RGBA, over the 23 megapixel limit" in line
    assert "megapixel limit for such images" in line


def test_a_narrow_strip_cannot_be_shrunk_first_and_has_a_lower_cap(folder: Path):
    (folder / "profile.yaml").write_text(PERSON + "  portrait: me.png\n", encoding="utf-8")
    Image.new("RGB", (400, 40000), "teal").save(folder / "me.png", compress_level=1)
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


# --- File names the file system cannot hold ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "size"),
    [("A" * 300, 316), ("张" * 130, 406)],
    ids=["300-characters", "130-cjk-characters"],
)
def test_a_name_too_long_for_a_file_name(folder: Path, name: str, size: int):
    (folder / "profile.yaml").write_text(f"person:\n  name: {name}\n", encoding="utf-8")
    line = one_line_error(folder, BUILD)
    assert line.startswith("profile.yaml:1: settings.filename: the file name would be ")
    assert f" {size} bytes long, over the 240 a file name can have here" in line


def test_a_pattern_too_long_for_a_file_name(folder: Path):
    pattern = "CV-{name}-" + "x" * 250 + "_{date:%Y%m%d}.pdf"
    body = PERSON + f"settings:\n  filename: '{pattern}'\n"
    (folder / "profile.yaml").write_text(body, encoding="utf-8")
    assert one_line_error(folder, BUILD).startswith("profile.yaml:4: settings.filename: ")


def test_an_output_name_too_long(folder: Path):
    (folder / "profile.yaml").write_text(PERSON, encoding="utf-8")
    line = one_line_error(folder, [*BUILD, "-o", "x" * 300 + ".pdf"])
    assert line.endswith(": cannot write: File name too long")


def test_a_name_with_glob_characters_finds_its_cv(folder: Path):
    (folder / "profile.yaml").write_text("person:\n  name: Jane **[Doe]?\n", encoding="utf-8")
    built = CliRunner().invoke(app, [*BUILD, "--output-dir", "out"])
    assert built.exit_code == 0, built.stderr
    page = CliRunner().invoke(app, ["homepage", "profile.yaml", "--cv-dir", "out"])
    assert page.exit_code == 0, page.stderr
    assert "out/CV-Jane __[Doe]__20240101.pdf" in page.stdout.replace("%20", " ")


# --- Command-line values ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "soon"], "cvgen: --date: expected YYYY-MM-DD, got 'soon'"),
        (["--jobs", "many"], "cvgen: --jobs: expected a whole number of processes, got 'many'"),
        (["--jobs", "0"], "cvgen: --jobs: expected 1 or more, got 0"),
        (["--all", "--variant", "x"], "cvgen: --variant and --all exclude each other"),
    ],
)
def test_bad_values_are_one_line_exit_2(folder: Path, args: list[str], message: str):
    (folder / "profile.yaml").write_text(PERSON, encoding="utf-8")
    assert one_line_error(folder, ["build", "profile.yaml", *args], status=2) == message


def test_jobs_are_capped_at_the_cpu_count(folder: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    for name in ("a", "b", "c"):
        (folder / f"{name}.yaml").write_text(PERSON, encoding="utf-8")
    args = ["build", "a.yaml", "b.yaml", "c.yaml", "--jobs", "1000", "--output-dir", "out"]
    result = CliRunner().invoke(app, [*args, "--date", "2024-01-01"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == "note: --jobs 1000 lowered to 2, the number of CPUs"


# --- Pages: not UTF-8, a folder -------------------------------------------------------------


@pytest.mark.parametrize("page_kind", ["latin-1", "folder"])
def test_update_page_and_homepage_on_a_bad_page(folder: Path, page_kind: str):
    (folder / "profile.yaml").write_text(PERSON, encoding="utf-8")
    page = folder / "index.md"
    if page_kind == "folder":
        page.mkdir()
        expected = "index.md: is a folder, not a page"
    else:
        page.write_bytes("Café [CV](assets/CV-Jane Doe_20230101.pdf)\n".encode("latin-1"))
        expected = "index.md:1: not UTF-8 text (byte 0xe9); save it as UTF-8"
    assert one_line_error(folder, ["homepage", "profile.yaml", "-o", "index.md"]) == expected
    args = [*BUILD, "--output-dir", "out", "--update-page", "index.md"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1 and result.stderr.splitlines() == [expected]
    if page_kind == "latin-1":
        assert page.read_bytes().startswith(b"Caf\xe9")


def test_new_where_assets_images_is_a_file(folder: Path):
    (folder / "assets" / "images").write_text("not a folder")
    line = one_line_error(folder, ["new", "Jane Doe", "."])
    assert line.endswith("assets/images: output folder is a file")


# --- watch outlives every error ------------------------------------------------------------


def test_watch_survives_every_error(folder: Path, monkeypatch: pytest.MonkeyPatch):
    import watchfiles

    import cvgen.watch as watching
    from cvgen.watch import watch

    profile = folder / "profile.yaml"
    good = PERSON + "sections: []\n"
    profile.write_text(good, encoding="utf-8")
    real_build = watching.build_cv

    def crash(*args: object, **kwargs: object) -> object:
        raise ZeroDivisionError("a bug")

    edits = [
        lambda: (
            profile.write_text(PERSON + "  portrait: me.jpg\n"),
            special("fifo", folder / "me.jpg"),
        ),
        lambda: profile.write_text("person:\n  name: " + "A" * 300 + "\n"),
        lambda: profile.write_text(PERSON + "  tagline: " + "x" * 60_000 + "\n"),
        lambda: profile.write_text(PERSON + "  tagline: [unclosed\n"),
        lambda: monkeypatch.setattr(watching, "build_cv", crash),
        lambda: (monkeypatch.setattr(watching, "build_cv", real_build), profile.write_text(good)),
    ]

    def one_save_each(*folders: Path, **options: object) -> Iterator[set[tuple[int, str]]]:
        if not edits:
            raise KeyboardInterrupt
        edits.pop(0)()
        yield {(2, str(profile))}

    monkeypatch.setattr(watchfiles, "watch", one_save_each)
    said: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        watch(
            profile, on=date(2024, 1, 1), output_dir=folder / "out", variant=None, say=said.append
        )

    assert [line.split(" ", 2)[1] for line in said] == ["built"] + ["failed,"] * 5 + ["built"]
    assert all("\n" not in line for line in said)
    failures = [line.split("failed, previous PDF kept: ", 1)[1] for line in said[1:-1]]
    assert "me.jpg: is not a regular file" in failures[0]
    assert "settings.filename: the file name would be" in failures[1]
    assert "person.tagline: text of 60,000 characters" in failures[2]
    assert "profile.yaml:4: YAML syntax error" in failures[3]
    assert failures[4] == "internal error: ZeroDivisionError: a bug"
    assert [p.name for p in (folder / "out").iterdir()] == ["CV-Jane Doe_20240101.pdf"]
