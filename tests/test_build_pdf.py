"""The owner's CV, built from data/profile.yaml and read back from the PDF."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from cvgen.build import build_cv
from tests.conftest import BUNDLED_PROFILE, FIXTURES, REFERENCE_DATE
from tests.pdfread import (
    bold_text,
    fonts,
    image_count,
    link_uris,
    normalize,
    outline_titles,
    page_texts,
)

A4_PT = (595.28, 841.89)
_FOOTER = re.compile(r"Hexu Zhao · page \d+ /\s*\d+|Last updated November 2023")


def reference_fragments() -> list[str]:
    """Each line of the hand-made CV, split where its layout put wide gaps."""
    fragments = []
    for line in (FIXTURES / "reference-cv.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        fragments += [
            normalize(part) for part in re.split(r"\s{2,}|⋄", line.strip()) if part.strip()
        ]
    return fragments


def body_text(pdf: Path) -> str:
    return normalize(" ".join(_FOOTER.sub(" ", text) for text in page_texts(pdf)))


def test_file_name_and_place(bundled_cv):
    assert bundled_cv.path.name == "CV-Hexu Zhao_20231130.pdf"
    assert bundled_cv.path.read_bytes().startswith(b"%PDF-")


def test_at_most_two_a4_pages(bundled_cv):
    reader = PdfReader(bundled_cv.path)
    assert 1 <= len(reader.pages) <= 2
    assert len(reader.pages) == bundled_cv.pages
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4_PT[0]) < 1 and abs(height - A4_PT[1]) < 1


def test_every_line_of_the_reference_cv_in_order(bundled_cv):
    text = body_text(bundled_cv.path)
    position = 0
    for fragment in reference_fragments():
        found = text.find(fragment, position)
        assert found >= 0, f"{fragment!r} missing after: {text[position : position + 160]!r}"
        position = found + len(fragment)


def test_no_phone_number_in_the_bundled_cv(bundled_cv):
    assert "000-0000" not in body_text(bundled_cv.path)


def test_every_reference_link_is_a_uri_annotation(bundled_cv):
    uris = link_uris(bundled_cv.path)
    expected = (FIXTURES / "reference-links.txt").read_text().split()
    for uri in expected:
        assert uri in uris, uri
    # the homepage's profiles are links too
    assert "https://github.com/TarzanZhao" in uris
    assert all(uri.startswith(("https://", "http://", "mailto:")) for uri in uris)


def test_portrait_and_logos_are_images(bundled_cv):
    assert image_count(bundled_cv.path) >= 3  # portrait + NYU + Tsinghua


def test_every_font_is_embedded_with_unicode_map(bundled_cv):
    found = fonts(bundled_cv.path)
    assert found, "no fonts found"
    assert all(found.values()), found
    assert not [name for name in found if "Helvetica" in name or "Times" in name]


def test_metadata(bundled_cv):
    info = PdfReader(bundled_cv.path).metadata
    assert info.title == "Hexu Zhao — Curriculum Vitae"
    assert info.author == "Hexu Zhao"
    assert info.subject and info.creator.startswith("cvgen")
    assert "Publications" in PdfReader(bundled_cv.path).metadata["/Keywords"]
    assert info.creation_date.date() == REFERENCE_DATE


def test_one_outline_entry_per_section(bundled_cv):
    assert outline_titles(bundled_cv.path) == [
        "Education",
        "Publications",
        "Research Experience",
        "Engineering Experience",
        "Other Selected Experience",
        "Academic Referees",
    ]


def test_footer_numbers_pages_and_dates_the_cv(bundled_cv):
    texts = page_texts(bundled_cv.path)
    for number, text in enumerate(texts, start=1):
        assert re.search(rf"page {number} /\s*{len(texts)}", text)
        assert "Last updated November 2023" in text


def test_owner_highlighted_in_bold(bundled_cv):
    """The owner's name is set in the bold face wherever it appears in an author list."""
    bold = bold_text(bundled_cv.path)
    assert "Hexu Zhao*(co-1st author)" in bold
    assert bold.count("Hexu Zhao") >= 3


def test_same_profile_and_date_give_identical_bytes(tmp_path):
    first = build_cv(BUNDLED_PROFILE, on=REFERENCE_DATE, output_dir=tmp_path / "a")
    second = build_cv(BUNDLED_PROFILE, on=REFERENCE_DATE, output_dir=tmp_path / "b")
    assert first.path.read_bytes() == second.path.read_bytes()
