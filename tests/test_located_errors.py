"""Text is checked as drawn, and mistakes outside the profile's own lines still get one clear
line: upper-cased names, SOURCE_DATE_EPOCH, blank names, a damaged EXIF block."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest
from PIL import Image

from tests.clirun import cvgen
from tests.pdfread import full_text
from tests.test_output_safety import snapshot

ON = "2024-01-15"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder: Path, name: str, rest: str = "sections: []\n") -> None:
    (folder / "p.yaml").write_text(f"person:\n  name: {name}\n{rest}", encoding="utf-8")


def test_a_name_is_checked_in_capitals_when_the_theme_draws_it_so(folder: Path):
    write(folder, "Aʇa Lovelace")  # 'ʇ' is in Lato, its capital U+A7B1 is not
    code, out, err = cvgen("build", "p.yaml", "--date", ON, "--output", "cv.pdf")
    assert code == 0 and out.strip() == "cv.pdf"
    assert err.strip() == (
        "p.yaml:2: person.name: warning: no bundled font has 'Ʇ' U+A7B1; left out of the PDF"
    )
    assert "\0" not in full_text(folder / "cv.pdf")  # the suite's checks run on it too
    code, _, _ = cvgen("build", "p.yaml", "--date", ON, "--output", "strict.pdf", "--strict")
    assert code == 4 and not (folder / "strict.pdf").exists()


@pytest.mark.parametrize("value", ["garbage", "-5", "1.5", "99999999999999999", "١٧٠٠٠٠٠٠٠٠"])
def test_a_bad_source_date_epoch_is_one_clear_line(
    folder: Path, monkeypatch: pytest.MonkeyPatch, value: str
):
    write(folder, "Ada Lovelace")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    before = snapshot(folder)
    code, out, err = cvgen("build", "p.yaml", "--date", ON)
    assert (code, out) == (1, "")
    assert err.strip() == (
        "SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01 (e.g. 1700000000)"
        f" up to the year 9999, got {value!r}"
    )
    assert snapshot(folder) == before


@pytest.mark.parametrize("name", ["'   '", '"\\u200b\\u200d"', '"\\u0301\\u0308"'])
def test_a_blank_name_is_refused_at_its_line(folder: Path, name: str):
    write(folder, name)
    before = snapshot(folder)
    code, out, err = cvgen("build", "p.yaml", "--date", ON)
    assert (code, out) == (1, "")
    assert err.strip().startswith(
        "p.yaml:2: person.name: a name needs at least one visible character"
    )
    assert snapshot(folder) == before


def test_a_damaged_exif_block_builds_without_pillow_noise(folder: Path):
    exif = b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x05\x01\x12\x00\x03"  # cut short
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), (200, 100, 50)).save(buffer, "JPEG", exif=exif)
    (folder / "me.jpg").write_bytes(buffer.getvalue())
    write(folder, "Ada Lovelace\n  portrait: me.jpg")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code, _, err = cvgen("build", "p.yaml", "--date", ON, "--output", "cv.pdf")
    assert code == 0 and err == ""
    assert [str(w.message) for w in caught if "EXIF" in str(w.message)] == []


def test_an_email_no_font_can_print_is_refused_not_garbled(folder: Path):
    write(folder, "Ada Lovelace\n  email: ada\ud7a4@example.org")  # found by the fuzz pass
    before = snapshot(folder)
    code, out, err = cvgen("build", "p.yaml", "--date", ON)
    assert (code, out) == (1, "")
    assert err.strip() == (
        "p.yaml:3: person.email: no bundled font has '\\ud7a4' U+D7A4,"
        " and an address cannot lose a letter"
    )
    assert snapshot(folder) == before


@pytest.mark.parametrize("theme", ["homepage", "ats"])
def test_a_link_no_font_can_print_is_refused_in_every_theme(folder: Path, theme: str):
    """ats spells links out; refusing in every theme keeps a profile valid whatever the look."""
    homepage = "  homepage:\n    label: Site\n    url: https://example.org/\U0001f600\n"
    write(folder, "Ada Lovelace\n" + homepage.rstrip("\n"))
    before = snapshot(folder)
    code, out, err = cvgen("build", "p.yaml", "--date", ON, "--theme", theme)
    assert (code, out) == (1, "")
    assert err.strip().startswith("p.yaml:5: person.homepage.url: no bundled font has")
    assert err.strip().endswith("and an address cannot lose a letter")
    assert snapshot(folder) == before


def test_a_theme_value_that_cannot_be_laid_out_names_its_file_and_line(folder: Path):
    (folder / "wide.yaml").write_text("base: homepage\nmargin_side_pt: 400\n")
    write(folder, "Ada Lovelace", "theme:\n  base: wide.yaml\nsections: []\n")
    before = snapshot(folder)
    code, out, err = cvgen("build", "p.yaml", "--date", ON)
    assert (code, out) == (1, "")
    assert (
        err.strip()
        == "wide.yaml:2: margin_side_pt: input should be less than or equal to 108, got '400'"
    )
    write(folder, "Ada Lovelace", "theme:\n  name_size_pt: 400\nsections: []\n")
    code, _, err = cvgen("build", "p.yaml", "--date", ON)
    assert code == 1
    assert err.strip().startswith(
        "p.yaml:4: theme.name_size_pt: input should be less than or equal to 48"
    )
    assert snapshot(folder) == before | {"p.yaml": (folder / "p.yaml").read_bytes()}


def test_an_end_before_the_start_is_refused_at_its_line(folder: Path):
    entry = "  - title: Work\n    kind: experience\n    entries:\n      - role: Engineer\n"
    write(folder, "Ada Lovelace", f"sections:\n{entry}        start: 2023\n        end: 2001\n")
    before = snapshot(folder)
    code, out, err = cvgen("build", "p.yaml", "--date", ON)
    assert (code, out) == (1, "")
    assert err.strip() == (
        "p.yaml:9: sections[0].entries[0].end: ends (2001) before it starts (2023); check the years"
    )
    assert snapshot(folder) == before


@pytest.mark.parametrize(
    ("start", "end", "before"),
    [
        ("2023", "2001", True),
        ("2023-05", "2023", False),  # the year alone says nothing of the month
        ("2023-05", "2023-04", True),
        ("2023-05-10", "2023-05", False),
        ("2023", "present", False),
        ("2023-05", "2023-05", False),
    ],
)
def test_ends_before_start_at_the_precision_both_give(start: str, end: str, before: bool):
    from cvgen.dates import ends_before_start, parse_partial_date

    assert ends_before_start(parse_partial_date(start), parse_partial_date(end)) is before
