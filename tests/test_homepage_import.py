"""Homepage import on markdown-it-py, with pages of our own writing: comments are never
content, <details> news is news, an Experience section is experience, a missing logo is a
note and the profile still builds; a French page with other heading habits; hostile input."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cvgen.build import build_cv
from cvgen.cli import app
from cvgen.formats.homepage import read_homepage
from cvgen.formats.markdown_page import read_page
from cvgen.loader import load_profile
from tests.conftest import FIXTURES, ROOT
from tests.pdfread import full_text, link_uris, normalize

PAGES = FIXTURES / "homepages"
COMMENTED = ("TODO", "distributed systems", "job market", "statement.pdf", "other-project",
             "Project Page", "other.example.org")  # fmt: skip


@pytest.fixture
def priya(tmp_path: Path) -> Path:
    """Priya's site: the page, its mkdocs.yml, a portrait and one logo; acme.png is missing."""
    site = tmp_path / "site"
    shutil.copytree(PAGES / "priya", site)
    (site / "img").mkdir()
    shutil.copy(ROOT / "assets" / "images" / "portrait.jpg", site / "img" / "priya.jpg")
    shutil.copy(ROOT / "assets" / "images" / "logos" / "nyu.png", site / "img" / "example-uni.png")
    return site


def run_import(site: Path, *extra: str) -> tuple[int, list[str]]:
    args = ["import", "homepage", str(site / "index.md"), "-o", str(site / "profile.yaml")]
    result = CliRunner().invoke(app, [*args, *extra])
    return result.exit_code, result.stderr.splitlines()


def test_priya_imports_with_one_note_per_thing_left_out(priya: Path):
    code, notes = run_import(priya, "--mkdocs", str(priya / "mkdocs.yml"))
    assert code == 0
    page, config = priya / "index.md", priya / "mkdocs.yml"
    assert notes == [
        f"{page}:34: logo left out: img/acme.png is not a file next to the source",
        f"{config}:11: X link imported from extra.social: https://x.com/john_smith_dev",
        f"{config}:11: X link names 'john_smith_dev', not 'Priya Raman': check it is yours",
        f"{config}:13: ORCID link imported from extra.social: https://orcid.org/0000-0002-1825-0097",
    ]


def test_priya_comments_never_reach_the_profile(priya: Path):
    run_import(priya)
    text = (priya / "profile.yaml").read_text(encoding="utf-8")
    for hidden in COMMENTED:
        assert hidden not in text, hidden
    profile = load_profile(priya / "profile.yaml").profile
    assert profile.person.bio == (
        "I build compilers for sparse tensor programs at [Example University]"
        "(https://cs.example.edu). Before that I spent two summers in industry."
    )
    papers = next(s for s in profile.sections if s.kind == "publications")
    first = papers.entries[0]  # type: ignore[union-attr]
    # The commented-out Code / Project Page links after it belong to no paper.
    assert [(link.label, str(link.url)) for link in first.links] == [
        ("arXiv", "https://arxiv.org/abs/2502.00001")
    ]


def test_priya_news_in_details_and_experience_are_recovered(priya: Path):
    run_import(priya)
    profile = load_profile(priya / "profile.yaml").profile
    assert [(str(n.date), n.text) for n in profile.news] == [
        (
            "2025-03",
            "Our paper on sparse fusion was accepted at [PLDI 2025](https://pldi25.example.org).",
        ),
        ("2024-11", "Gave a talk at the [Sparse Workshop](https://sparse.example.org/2024)."),
        ("2024-07", "Started an internship at Acme Compilers."),
    ]
    assert [s.kind for s in profile.sections] == ["experience", "publications", "education"]
    intern, engineer = profile.sections[0].entries  # type: ignore[union-attr]
    assert (intern.role, intern.organization, str(intern.url)) == (
        "Research Intern", "Acme Compilers", "https://acme.example.com"
    )  # fmt: skip
    assert (str(intern.start), str(intern.end), intern.location) == (
        "2024-06", "2024-09", "Zurich, Switzerland"
    )  # fmt: skip
    assert intern.logo is None  # missing on disk: left out, noted
    assert [(a.title, a.name) for a in intern.advisors] == [("Dr.", "Jonas Keller")]
    assert [b if isinstance(b, str) else b.text for b in intern.bullets] == [
        "Prototyped a sparse layout pass in MLIR.",
        "Cut compile time of the tensor benchmark suite by 30%.",
    ]
    assert (engineer.role, engineer.organization, str(engineer.start), str(engineer.end)) == (
        "Software Engineer", "Northwind Data", "2019", "2021"
    )  # fmt: skip
    school = profile.sections[2].entries[0]  # type: ignore[union-attr]
    assert (school.institution, school.logo, school.degree) == (
        "Example University", "img/example-uni.png", "Ph.D. in Computer Science"
    )  # fmt: skip
    assert profile.person.portrait == "img/priya.jpg"


def test_priya_profile_builds_and_prints_what_was_recovered(priya: Path, tmp_path: Path):
    run_import(priya, "--mkdocs", str(priya / "mkdocs.yml"))
    built = build_cv(priya / "profile.yaml", on=date(2025, 4, 1), output_dir=tmp_path / "out")
    text = full_text(built.path)
    for expected in ("Research Intern", "Acme Compilers", "Jonas Keller", "Fusing Sparse Kernels",
                     "Prototyped a sparse layout pass in MLIR.", "Example University"):  # fmt: skip
        assert normalize(expected) in text, expected
    for hidden in COMMENTED:
        assert normalize(hidden) not in text, hidden
    assert "https://other.example.org" not in link_uris(built.path)


def test_priya_strict_writes_nothing(priya: Path):
    code, notes = run_import(priya, "--strict")
    assert code == 1
    assert notes[-1].endswith("--strict: 1 note above; nothing written")
    assert not (priya / "profile.yaml").exists()


def test_a_french_page_with_other_habits():
    """Setext name, '#' sections, list entries, a table, a ??? box, a code block."""
    page = PAGES / "camille" / "index.md"
    result = read_homepage(page)
    data = result.data
    assert data["person"]["email"] == "camille.besson@exemple.fr"
    assert data["person"]["tagline"].startswith("Doctorante en écologie marine")
    assert [(s["title"], s["kind"]) for s in data["sections"]] == [
        ("Expérience", "experience"),
        ("Formation", "education"),
        ("Prix", "items"),
    ]
    engineer, intern = data["sections"][0]["entries"]
    assert engineer == {
        "role": "Ingénieure de recherche",
        "organization": "Station marine d'Endoume",
        "url": "https://endoume.exemple.fr",
        "start": "2020",
        "end": "2022",
        "bullets": ["Suivi des herbiers par photogrammétrie.", "Encadrement de deux stagiaires."],
    }
    assert intern == {"role": "Stagiaire", "organization": "Ifremer", "start": "2019"}
    phd = data["sections"][1]["entries"][0]
    assert phd == {
        "institution": "Université d'Aix-Marseille",
        "start": "2022",
        "end": "present",
        "degree": "Doctorat en écologie",
    }
    assert data["sections"][2]["entries"][0] == {
        "text": "Prix de thèse de la Société française d'écologie",
        "start": "2023",
    }
    assert data["news"] == [
        {"date": "2024-06", "text": "Soutenance prévue en décembre."},
        {"date": "2024-02", "text": "Campagne de terrain à Port-Cros."},
    ]
    assert [(note.line, note.message) for note in result.notes] == [
        (25, "table in Prix: each row kept as an item, cells joined by ' — '"),
        (34, "section 'Loisirs' not imported: cvgen could not tell what it holds"),
    ]
    assert all(note.file == page for note in result.notes)


# ---------------------------------------------------------------- comments, boxes, links


def write(tmp_path: Path, text: str) -> Path:
    page = tmp_path / "index.md"
    page.write_text(text, encoding="utf-8")
    return page


def test_comments_mid_line_and_unclosed_are_not_content(tmp_path: Path):
    page = write(
        tmp_path,
        "# Ana\n\n## Bio\n\nShown <!-- hidden --> too.\n\n## News\n\n- Kept\n<!-- - gone\n",
    )
    result = read_homepage(page)
    assert result.data["person"]["bio"] == "Shown too."
    assert result.data["news"] == [{"text": "Kept"}]
    assert [(n.line, n.message) for n in result.notes] == [
        (10, "an HTML comment ('<!--') is never closed: the rest is hidden")
    ]


def test_a_box_without_a_kind_belongs_to_its_section(tmp_path: Path):
    page = write(
        tmp_path,
        "# Ana\n\n## News\n\n- **2024-05**: New.\n\n"
        "<details><summary>Older</summary>\n\n- **2019**: Old.\n\n</details>\n",
    )
    assert read_homepage(page).data["news"] == [
        {"date": "2024-05", "text": "New."},
        {"date": "2019", "text": "Old."},
    ]


def test_link_targets_with_spaces_are_links_as_mkdocs_reads_them(tmp_path: Path):
    page = write(
        tmp_path,
        '# Ana\n\n## Bio\n\nMy [CV](files/my cv.pdf) and [site](https://ana.example.org/a b "t").\n',
    )
    result = read_homepage(page)
    assert result.data["person"]["bio"] == "My CV and site."
    assert [n.message for n in result.notes] == [
        "link in bio kept as text, not a link: not a link: 'files/my cv.pdf'",
        "link in bio kept as text, not a link: not a link: 'https://ana.example.org/a b'",
    ]


def test_hostile_runs_of_spaces_and_brackets_are_read_in_one_pass(tmp_path: Path):
    """No wall clock here (see bench/homepage_hostile.py): these inputs made the old
    regex reader backtrack for 30-60 s; the reader is now linear by construction."""
    spaces = " " * 3000
    page = write(
        tmp_path,
        f"#{spaces}Ana{spaces}\n\n##{spaces}Bio{spaces}#\n\n{spaces}x{spaces}\n\n"
        f"*{spaces}Email:{spaces}a{spaces}[at]{spaces}b.org\n\n"
        f"## News\n\n- **{spaces}2024{spaces}**:{spaces}y\n\n"
        + "[" * 3000
        + "(" * 3000
        + "<!--"
        + " " * 3000
        + "\n",
    )
    result = read_homepage(page)
    assert result.data["person"]["name"] == "Ana"
    assert read_page("\n".join(["[a](" + " " * 3000] * 50)).blocks  # unclosed targets


def test_news_and_items_dated_the_ways_pages_date_them(tmp_path: Path):
    page = write(
        tmp_path,
        "# Ana\n\n## News\n\n- [May 2024] Paper accepted.\n- 2024.05 — Talk at X.\n"
        "- *2023-12*: Joined Y.\n- Dec 2023 - Moved to Z.\n- **[2023-01]** Started.\n"
        "- Something undated.\n\n## Honors\n\n- Best Paper Award (2021)\n- 2020: Fellowship of Q\n"
        "- **2019** Dean's list\n- Travel grant, 2018–2019\n",
    )
    data = read_homepage(page).data
    assert data["news"] == [
        {"date": "2024-05", "text": "Paper accepted."},
        {"date": "2024-05", "text": "Talk at X."},
        {"date": "2023-12", "text": "Joined Y."},
        {"date": "2023-12", "text": "Moved to Z."},
        {"date": "2023-01", "text": "Started."},
        {"text": "Something undated."},
    ]
    assert data["sections"] == [
        {
            "title": "Honors",
            "kind": "items",
            "entries": [
                {"text": "Best Paper Award", "start": "2021"},
                {"text": "Fellowship of Q", "start": "2020"},
                {"text": "Dean's list", "start": "2019"},
                {"text": "Travel grant", "start": "2018", "end": "2019"},
            ],
        }
    ]
