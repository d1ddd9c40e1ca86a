"""Every section kind builds, in the profile's order, with the profile's settings."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from cvgen.build import build_cv
from tests.conftest import FIXTURES
from tests.pdfread import full_text, link_uris, normalize, outline_titles


def build_all_kinds(tmp_path: Path):
    profile = tmp_path / "all-kinds.yaml"
    shutil.copy(FIXTURES / "all-kinds.yaml", profile)
    return build_cv(profile, on=date(2024, 3, 5), output_dir=tmp_path / "out")


def test_all_kinds_in_profile_order(tmp_path: Path):
    result = build_all_kinds(tmp_path)
    assert result.path.name == "Jane Doe-Łódź-cv-2024.pdf"
    assert outline_titles(result.path) == [
        "About me",
        "Awards",
        "Work",
        "Papers",
        "Studies",
        "References",
    ]
    text = full_text(result.path)
    for expected in [
        "JANE DOE-ŁÓDŹ",
        "Builds things for R&D <3, in C++ and a*b notation.",
        "+1 (555) 010-2000",
        "I like bold claims, careful proofs and good links.",
        "Best Paper Award at SOSP",
        "Oct 2021",
        "Fellowship, R&D Foundation",
        "2019 – 2022",
        "Engineer at Acme & Sons",
        "2020 – present",
        "Oslo, NO",
        "J. Doe-Łódź, Ann Other",
        "Journal of Things",
        "Best paper nominee.",
        "University of Examples",
        "MSc",
        "2018 – 2020",
        "Thesis on widgets.",
        "Dr. Ann Other: ann@example.org",
        "Example University",
    ]:
        assert normalize(expected) in text, expected
    assert "page 1" not in text  # footer: false


def test_settings_page_size_and_links(tmp_path: Path):
    result = build_all_kinds(tmp_path)
    page = PdfReader(result.path).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
    uris = link_uris(result.path)
    assert "tel:+15550102000" in uris
    assert "https://jane.example.org" in uris  # a bare domain became a real link
    assert "https://example.org/thesis" in uris
    assert "https://acme.example" in uris


def test_every_kind_with_no_entries_builds(tmp_path: Path):
    kinds = ["education", "publications", "experience", "items", "referees"]
    sections = "".join(
        f"  - {{title: Empty {kind}, kind: {kind}, entries: []}}\n" for kind in kinds
    )
    (tmp_path / "p.yaml").write_text("person: {name: A}\nsections:\n" + sections)
    result = build_cv(tmp_path / "p.yaml", on=date(2024, 1, 1), output_dir=tmp_path / "out")
    assert outline_titles(result.path) == [f"Empty {kind}" for kind in kinds]
