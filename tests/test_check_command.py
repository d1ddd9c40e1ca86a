"""`cvgen check`: the profile or a built PDF, reported without writing anything."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from tests.test_cli_errors import run_cvgen


def test_check_profile_reports_pages_and_writes_nothing(project: Path):
    result = run_cvgen("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "data/profile.yaml: valid, 2 pages (academic: 2, industry: 1), 0 warning(s)"
    )
    assert not list((project / "assets").glob("*.pdf"))


def test_check_profile_shows_warnings(project: Path):
    profile = project / "data" / "profile.yaml"
    profile.write_text(profile.read_text().replace("tagline: Aspiring", "tagline: 😀 Aspiring"))
    result = run_cvgen("check", "data/profile.yaml", cwd=project)
    assert result.returncode == 0
    assert "person.tagline: warning: no bundled font has '😀' U+1F600" in result.stderr
    assert "1 warning(s)" in result.stdout


def test_check_pdf_of_our_cv_is_clean(project: Path):
    run_cvgen("build", "--date", "2023-11-30", cwd=project)
    result = run_cvgen("check", "--pdf", "assets/CV-Hexu Zhao_20231130.pdf", cwd=project)
    assert result.returncode == 0, result.stdout
    assert "3 fonts, all embedded with Unicode maps" in result.stdout
    assert "| HEXU ZHAO" in result.stdout
    assert result.stdout.rstrip().endswith("result: no problems found")


def test_check_pdf_finds_base14_fonts_and_bad_links(tmp_path: Path):
    pdf = tmp_path / "plain.pdf"
    canvas = Canvas(str(pdf))
    canvas.drawString(72, 720, "Jane Doe")
    canvas.linkURL("javascript:alert(1)", (72, 700, 200, 720))
    canvas.save()
    result = run_cvgen("check", "--pdf", str(pdf), cwd=tmp_path)
    assert result.returncode == 1
    assert "PROBLEM  font /Helvetica is not embedded" in result.stdout
    assert (
        "PROBLEM  page 1: link 'javascript:alert(1)' is not http(s), mailto or tel" in result.stdout
    )
    assert "PROBLEM  no title in the document info" in result.stdout


def test_check_pdf_of_something_else_is_one_line(tmp_path: Path):
    (tmp_path / "notes.pdf").write_text("not a pdf")
    result = run_cvgen("check", "--pdf", "notes.pdf", cwd=tmp_path)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("notes.pdf: not a readable PDF")


def test_check_lists_every_problem_one_line_each(tmp_path: Path):
    (tmp_path / "p.yaml").write_text(
        "person:\n  nam: A\n  emial: x\nsections:\n  - {title: T, kind: poem}\n"
    )
    result = run_cvgen("check", "p.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "p.yaml:1: person.name: required field is missing (and 3 more problems)",
        "p.yaml:2: person.nam: unknown field",
        "p.yaml:3: person.emial: unknown field",
        "p.yaml:5: sections[0]: unknown section kind 'poem'; expected 'education', 'publications', "
        "'experience', 'text', 'items', 'referees'",
    ]
