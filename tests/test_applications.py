"""Job applications: `cvgen apply` writes the tailored CV and its cover letter, read back here."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from cvgen.cli import app
from tests.conftest import FIXTURES, ROOT, copy_project
from tests.pdfread import full_text, link_uris, outline_titles, page_texts

FULL = FIXTURES / "applications" / "full.yaml"
LETTER = "Letter-Hexu Zhao_Globex & Partners_industry_20260305.pdf"
CV = "CV-Hexu Zhao_Globex & Partners_Staff Engineer, Training Systems_20260305.pdf"


def cvgen(*args: str, cwd: Path) -> tuple[int, str, str]:
    """Run the CLI in this process, in ``cwd``; (exit code, stdout, stderr)."""
    import os

    before = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args))
    finally:
        os.chdir(before)
    return result.exit_code, result.stdout, result.stderr


def make_signature(path: Path) -> None:
    """A wide transparent PNG with a dark scribble, as a scanned signature is."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.line(
        [(20, 150), (120, 40), (200, 160), (320, 50), (420, 140), (580, 60)],
        fill=(20, 20, 60, 255),
        width=8,
    )
    image.save(path)


def application_in(project: Path) -> Path:
    """The application with every field and its signature, beside ``project``'s profile."""
    folder = project / "applications"
    folder.mkdir()
    shutil.copy(FULL, folder / "full.yaml")
    make_signature(folder / "signature.png")
    return folder / "full.yaml"


@pytest.fixture
def applied(project: Path) -> Path:
    """The bundled profile and an application with every field, in a scratch folder."""
    return application_in(project)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`cvgen apply` of that application, once for the tests that only read what it wrote."""
    project = copy_project(tmp_path_factory.mktemp("applied"))
    applied = application_in(project)
    code, _out, err = cvgen("apply", str(applied), cwd=project)
    assert code == 0, err
    return applied.parent / "full"


def test_letter_reads_back_in_order(built: Path):
    (text,) = page_texts(built / LETTER)
    expected = [
        "HEXU ZHAO",  # sender: the letterhead
        "hz3496@nyu.edu",
        "5 March 2026",  # en-GB
        "Hexu Zhao · 60 Fifth Avenue · New York, NY 10011",  # sender's return line
        "Ms Hank Scorpio",
        "Director of Engineering",
        "Globex Corporation",
        "1 Cypress Creek Road",
        "Springfield, OR 97477",
        "Application: Staff Engineer <Training Systems>",
        "Dear Ms Scorpio,",
        "First paragraph says why R&D at Globex.",
        "Second paragraph has bold words and a link to my code.",
        "Third paragraph closes the case.",
        "Yours sincerely,",
        "Hexu Zhao",
        "Enclosures",
        "Curriculum vitae",
        "Transcript of records",
        "Two references",
    ]
    flat = " ".join(text.split())
    at = 0
    for piece in expected:
        found = flat.find(piece, at)
        assert found >= 0, f"{piece!r} missing or out of order after {flat[max(0, at - 60) : at]!r}"
        at = found + len(piece)
    assert "Curriculum Vitae" not in flat and "Aspiring" not in flat  # no CV title or tagline


def test_letter_has_signature_and_body_link(built: Path):
    reader = PdfReader(built / LETTER)
    assert len(reader.pages) == 1
    assert len(reader.pages[0].images) == 2  # the portrait and the signature
    assert "https://github.com/TarzanZhao" in link_uris(built / LETTER)
    assert reader.metadata is not None and reader.metadata.title == (
        "Hexu Zhao — Cover letter: Staff Engineer, Training Systems, Globex & Partners"
    )


def test_cv_is_the_named_variant(built: Path):
    assert outline_titles(built / CV) == [
        "Engineering Experience",
        "Research Experience",
        "Education",
        "Publications",
    ]
    assert "Résumé — Machine Learning Systems Engineer" in full_text(built / CV)


def test_default_names_and_folder(project: Path):
    source = (ROOT / "applications" / "2026-12-acme-ml-engineer.yaml").read_text()
    target = project / "applications" / "acme.yaml"
    target.parent.mkdir()
    target.write_text(source)
    code, out, err = cvgen("apply", "applications/acme.yaml", cwd=project)
    assert code == 0, err
    assert out.splitlines() == [
        "applications/acme/Letter-Hexu Zhao_Acme Robotics_20261201.pdf",
        "applications/acme/CV-Hexu Zhao_Acme Robotics_20261201.pdf",
    ]
    code, out, err = cvgen("apply", "applications/acme.yaml", "--output-dir", "dist", cwd=project)
    assert code == 0, err
    assert sorted(p.name for p in (project / "dist").iterdir()) == [
        "CV-Hexu Zhao_Acme Robotics_20261201.pdf",
        "Letter-Hexu Zhao_Acme Robotics_20261201.pdf",
    ]


def test_an_undated_application_takes_the_date_option(applied: Path):
    text = applied.read_text().replace("date: 2026-03-05\n", "")
    applied.write_text(text)
    code, out, err = cvgen("apply", str(applied), "--date", "2025-07-09", cwd=applied.parent)
    assert code == 0, err
    assert {p.name for p in (applied.parent / "full").iterdir()} == {
        LETTER.replace("20260305", "20250709"),
        CV.replace("20260305", "20250709"),
    }
    assert "9 July 2025" in page_texts(Path(out.splitlines()[0]))[0]


def test_combined_is_letter_then_cv_with_two_outline_entries(applied: Path, built: Path):
    code, out, err = cvgen(
        "apply", str(applied), "--combined", "--output-dir", "both", cwd=applied.parent
    )
    assert code == 0, err
    combined = applied.parent / "both" / "Both-Hexu Zhao_2026-03-05.pdf"
    assert out.strip() == str(combined.relative_to(applied.parent))
    reader = PdfReader(combined)
    letter_pages, cv_pages = page_texts(built / LETTER), page_texts(built / CV)
    assert [p.extract_text() for p in reader.pages] == letter_pages + cv_pages
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [item.title for item in top] == ["Cover letter", "Curriculum vitae"]
    assert [reader.get_destination_page_number(item) for item in top] == [0, len(letter_pages)]
    nested = [item.title for item in reader.outline[2]]  # the CV's own outline, under it
    assert nested == outline_titles(built / CV)


def test_combined_dates_follow_source_date_epoch(applied: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    code, out, err = cvgen("apply", str(applied), "--combined", cwd=applied.parent)
    assert code == 0, err
    metadata = PdfReader(out.strip()).metadata
    assert metadata is not None and metadata["/CreationDate"].startswith("D:20260101000000")


def test_two_builds_are_byte_identical(applied: Path):
    for folder in ("one", "two"):
        for extra in ([], ["--combined"]):
            code, _, err = cvgen(
                "apply", str(applied), "--output-dir", folder, *extra, cwd=applied.parent
            )
            assert code == 0, err
    one, two = applied.parent / "one", applied.parent / "two"
    names = sorted(p.name for p in one.iterdir())
    assert len(names) == 3
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_german_letter_is_dated_and_worded_in_german(applied: Path):
    applied.write_text(applied.read_text().replace("locale: en-GB", "locale: de"))
    code, _out, err = cvgen("apply", str(applied), cwd=applied.parent)
    assert code == 0, err
    (text,) = page_texts(applied.parent / "full" / LETTER)
    flat = " ".join(text.split())
    assert "5. März 2026" in flat
    assert "Anlagen Lebenslauf Transcript of records" in flat
    assert PdfReader(applied.parent / "full" / LETTER).root_object["/Lang"] == "de"
    assert "Stand: März 2026" in full_text(applied.parent / "full" / CV)  # the CV follows it
    assert err == ""  # German has CV and letter words: nothing stays English


@pytest.mark.parametrize(
    ("case", "old", "new", "expected"),
    [
        ("unknown field", "reference: GX-42", "refrence: GX-42", ": refrence: unknown field"),
        (
            "missing profile",
            "profile: ../data/profile.yaml",
            "profile: ../data/nope.yaml",
            ": profile: no profile file at ",
        ),
        (
            "unknown variant",
            "variant: industry",
            "variant: startup",
            ": variant: no variant named 'startup' in the profile (it has: academic, industry)",
        ),
        (
            "missing signature",
            "signature: signature.png",
            "signature: sig.png",
            ": letter.signature: image not found: ",
        ),
        ("bad date", "date: 2026-03-05", "date: March 5th", ": date: expected a date YYYY-MM-DD"),
        ("bad locale", "locale: en-GB", "locale: xx-QQ", ": locale: unknown locale 'xx-QQ'"),
        (
            "bad pattern",
            "combined: Both-",
            "combined: Both-{year}-",
            ": filenames.combined: unknown field {year} in file name pattern",
        ),
    ],
)
def test_bad_application_one_located_line_nothing_written(
    applied: Path, case: str, old: str, new: str, expected: str
):
    text = applied.read_text()
    assert old in text
    applied.write_text(text.replace(old, new, 1))
    code, out, err = cvgen("apply", str(applied), cwd=applied.parent)
    assert code == 1, (case, err)
    assert out == ""
    assert len(err.splitlines()) == 1, err
    line = next(n for n, text in enumerate(applied.read_text().splitlines(), 1) if new in text)
    assert err.startswith(f"{applied}:{line}{expected}"), err
    assert not (applied.parent / "full").exists()


def test_strict_refuses_a_letter_over_its_page_budget(applied: Path):
    long_body = "\n".join(f"    - Paragraph {n} " + "of many words " * 40 for n in range(8))
    text = applied.read_text().replace("    - Third paragraph closes the case.", long_body)
    applied.write_text(text)
    code, _out, err = cvgen("apply", str(applied), "--strict", cwd=applied.parent)
    assert code == 4, err
    assert "letter.max_pages: warning: the letter runs to 2 pages, 1 over its budget of 1" in err
    assert not (applied.parent / "full").exists()
    code, _out, err = cvgen("apply", str(applied), cwd=applied.parent)
    assert code == 0 and "over its budget" in err


def test_two_applications_writing_one_file_is_an_error(applied: Path):
    twin = applied.with_name("twin.yaml")
    twin.write_text(applied.read_text())
    code, _out, err = cvgen(
        "apply", str(applied), str(twin), "--output-dir", "dist", cwd=applied.parent
    )
    assert code == 1
    assert err.splitlines()[-1].startswith(f"{twin}: wrote dist/")
    assert f"which {applied} had written" in err


def test_fit_tightens_a_letter_onto_its_one_page(applied: Path):
    extra = "\n".join(f"    - Paragraph {n} " + "of many words " * 44 for n in range(3))
    text = applied.read_text().replace("    - Third paragraph closes the case.", extra)
    applied.write_text(text.replace("  max_pages: 1", "  max_pages: 1\n  fit: pages"))
    code, _out, err = cvgen("apply", str(applied), "--strict", cwd=applied.parent)
    assert code == 0, err
    assert err.strip() == "fit: the letter 2 pages → 1: spacing 70%, line spacing 1.26 (was 1.32)"
    (text,) = page_texts(applied.parent / "full" / LETTER)
    assert "Paragraph 2 of many words" in text and "Two references" in text  # nothing dropped


def test_fit_says_when_a_letter_cannot_fit(applied: Path):
    extra = "\n".join(f"    - Paragraph {n} " + "of many words " * 60 for n in range(8))
    text = applied.read_text().replace("    - Third paragraph closes the case.", extra)
    applied.write_text(text.replace("  max_pages: 1", "  max_pages: 1\n  fit: pages"))
    code, _out, err = cvgen("apply", str(applied), cwd=applied.parent)
    assert code == 0, err
    lines = err.splitlines()
    assert ": letter.fit: warning: fit: cannot lay the letter out in 1 page(s)" in lines[0]
    assert "letter.max_pages: warning: the letter runs to " in lines[1]


def test_many_applications_in_parallel_with_json(applied: Path):
    import json

    second = applied.with_name("second.yaml")
    second.write_text(applied.read_text().replace("Globex & Partners", "Initech"))
    code, out, err = cvgen(
        "apply", str(applied), str(second), "--jobs", "2", "--json", cwd=applied.parent
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["ok"] and len(report["files"]) == 4
    assert {Path(f["path"]).parent.name for f in report["files"]} == {"full", "second"}


@pytest.mark.parametrize("theme", ["homepage", "classic", "ats"])
def test_letter_header_matches_the_cv_header(applied: Path, theme: str):
    text = applied.read_text().replace("theme: homepage", f"theme: {theme}")
    applied.write_text(text.replace("[link to my code](https://github.com/TarzanZhao)", "link"))
    code, _, err = cvgen("apply", str(applied), cwd=applied.parent)
    assert code == 0, err
    letter_lines = [
        line.strip() for line in page_texts(applied.parent / "full" / LETTER)[0].splitlines()
    ]
    cv_lines = [line.strip() for line in page_texts(applied.parent / "full" / CV)[0].splitlines()]
    assert letter_lines[0] == cv_lines[0]  # the name
    contact = letter_lines[1 : letter_lines.index("5 March 2026")]
    assert len(contact) >= 2 and "hz3496@nyu.edu" in contact[0]
    start = cv_lines.index(contact[0])  # the CV has its title line between
    assert cv_lines[start : start + len(contact)] == contact
    letter_links = link_uris(applied.parent / "full" / LETTER)
    cv_links = link_uris(applied.parent / "full" / CV)
    assert len(letter_links) == 7  # e-mail, homepage, five profiles
    assert letter_links == cv_links[: len(letter_links)]
    portraits = len(PdfReader(applied.parent / "full" / LETTER).pages[0].images) - 1
    assert portraits == (1 if theme == "homepage" else 0)  # only where the theme shows one


def test_check_and_schema_take_applications(applied: Path):
    code, out, err = cvgen("check", str(applied), cwd=applied.parent)
    assert code == 0, err
    assert out.strip() == f"{applied}: valid, letter 1 page, CV 1 page, 0 warning(s)"
    assert not (applied.parent / "full").exists()
    code, out, _ = cvgen("schema", "--application", cwd=applied.parent)
    import json

    import jsonschema
    import yaml

    schema = json.loads(out)
    for path in (applied, ROOT / "applications" / "2026-12-acme-ml-engineer.yaml"):
        # as an editor reads it: a YAML 1.2 date is text
        data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
        jsonschema.validate(data, schema)


def test_new_application_is_ready_to_apply(project: Path):
    code, out, err = cvgen("new", "--application", "Acme: Labs", "ML Engineer", cwd=project)
    assert code == 0, err
    written = [project / line for line in out.splitlines()]
    assert written[0].parent == project / "applications"
    assert written[0].name.endswith("-acme-labs-ml-engineer.yaml")
    code, out, err = cvgen("apply", str(written[0]), cwd=project)
    assert code == 0, err
    (text,) = page_texts(Path(out.splitlines()[0]))
    assert "Application for the position of ML Engineer" in " ".join(text.split())
    code, _, err = cvgen("new", "--application", "Acme: Labs", "ML Engineer", cwd=project)
    assert code == 1 and "never replaces" in err


def test_watch_follows_the_application_its_profile_and_signature(applied: Path):
    from cvgen.apply import application_files

    files = application_files(applied)
    project = applied.parent.parent
    assert {
        applied.resolve(),
        (project / "data" / "profile.yaml").resolve(),
        (applied.parent / "signature.png").resolve(),
        (project / "assets" / "images" / "portrait.jpg").resolve(),
    } <= files


def test_the_bundled_application_schema_is_current():
    from cvgen.starter import application_schema_text

    assert (ROOT / "applications" / "application.schema.json").read_text() == (
        application_schema_text()
    )


def test_a_language_without_our_words_says_so_at_the_application(applied: Path):
    applied.write_text(applied.read_text().replace("locale: en-GB", "locale: sv"))
    code, _out, err = cvgen("apply", str(applied), cwd=applied.parent)
    assert code == 0, err
    lines = err.splitlines()
    assert len(lines) == 2, err
    assert all(line.startswith(f"{applied}:9: locale: warning: cvgen has no ") for line in lines)
    assert "letter words for 'sv'" in lines[0] and "CV words for 'sv'" in lines[1]
    (text,) = page_texts(applied.parent / "full" / LETTER)
    assert "5 mars 2026" in text  # the date follows CLDR all the same


MM = 72 / 25.4


def text_tops_mm(pdf: Path) -> dict[str, tuple[float, float]]:
    """Each run of text → (x, baseline from the top of the page), in millimetres."""
    page = PdfReader(pdf).pages[0]
    height = float(page.mediabox.height)
    found: dict[str, tuple[float, float]] = {}

    def visit(text, cm, tm, font_dict, font_size):  # type: ignore[no-untyped-def]
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip():
            found.setdefault(text.strip(), (x / MM, (height - y) / MM))

    page.extract_text(visitor_text=visit)
    return found


def window_profile(applied: Path, form: str) -> None:
    profile = applied.parent.parent / "data" / "profile.yaml"
    text = profile.read_text()
    assert "  base: homepage\n" in text
    profile.write_text(
        text.replace("  base: homepage\n", f"  base: homepage\n  letter_window: {form}\n")
    )


@pytest.mark.parametrize(("form", "window_top_mm"), [("din-5008-b", 45.0), ("din-5008-a", 27.0)])
def test_din_5008_puts_the_address_in_the_window(applied: Path, form: str, window_top_mm: float):
    window_profile(applied, form)
    if form == "din-5008-a":  # form A leaves 27 mm for the letterhead: a small one
        profile = applied.parent.parent / "data" / "profile.yaml"
        small = "  portrait: none\n  name_size_pt: 16\n  margin_top_pt: 22\n"
        profile.write_text(
            profile.read_text().replace(
                "  letter_window: din-5008-a\n", f"  letter_window: din-5008-a\n{small}"
            )
        )
    code, _out, err = cvgen("apply", str(applied), cwd=applied.parent)
    assert code == 0, err
    assert err == ""
    tops = text_tops_mm(applied.parent / "full" / LETTER)
    x, top = tops["Ms Hank Scorpio"]
    assert x == pytest.approx(20, abs=0.5)  # the address field starts 20 mm from the left
    assert window_top_mm + 17.7 < top < window_top_mm + 17.7 + 6  # first line of the address zone
    x, top = tops["Hexu Zhao · 60 Fifth Avenue · New York, NY 10011"]
    assert x == pytest.approx(20, abs=0.5) and window_top_mm < top < window_top_mm + 17.7
    x, top = tops["5 March 2026"]
    assert x == pytest.approx(125, abs=0.5) and top > window_top_mm + 5  # the information block
    _, subject_top = tops["Application: Staff Engineer <Training Systems>"]
    assert subject_top > window_top_mm + 45  # below the window
    assert tops["Dear Ms Scorpio,"][0] == pytest.approx(25, abs=0.5)  # DIN's 25 mm margin


def test_din_5008_falls_back_to_a_flowing_letter_when_the_address_does_not_fit(applied: Path):
    window_profile(applied, "din-5008-b")
    many = "\n".join(f"    - Line {n}" for n in range(8))
    applied.write_text(applied.read_text().replace("    - Springfield, OR 97477", many))
    code, _out, err = cvgen("apply", str(applied), cwd=applied.parent)
    assert code == 0, err
    assert err.strip() == (
        f"{applied}: warning: the address does not fit the din-5008-b window (85 x 45 mm);"
        " the letter flows"
    )
    x, _ = text_tops_mm(applied.parent / "full" / LETTER)["Ms Hank Scorpio"]
    assert x == pytest.approx(17, abs=0.5)  # the theme's own margin


def test_a_letter_over_one_page_numbers_its_pages_and_a_short_one_has_no_footer(
    applied: Path, built: Path
):
    assert not any("page 1 / 1" in text for text in page_texts(built / LETTER))
    long_paragraph = "    - " + "Why the work mattered, told at length. " * 40 + "\n"
    text = applied.read_text().replace("max_pages: 1", "max_pages: 2")
    applied.write_text(text.replace("    - Third", long_paragraph * 3 + "    - Third"))
    code, _out, err = cvgen("apply", str(applied), cwd=applied.parent)
    assert code == 0, err
    pages = page_texts(applied.parent / "full" / LETTER)
    assert [page.strip().splitlines()[-1] for page in pages] == [
        "Hexu Zhao · page 1 / 2",
        "Hexu Zhao · page 2 / 2",
    ]
