"""The CLI side of "same data everywhere": schema, new, homepage in and out, the CV link."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import yaml

from tests.conftest import FIXTURES, ROOT
from tests.test_cli_errors import run_cvgen


def test_bundled_profile_validates_against_cvgen_schema(tmp_path: Path):
    result = run_cvgen("schema", cwd=tmp_path)
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    jsonschema.validate(yaml.safe_load((ROOT / "data" / "profile.yaml").read_text()), schema)
    # the copy beside the profile (for editors) is the current schema
    assert json.loads((ROOT / "data" / "profile.schema.json").read_text()) == schema
    assert (
        (ROOT / "data" / "profile.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=profile.schema.json\n")
    )


def test_schema_rejects_what_the_loader_rejects():
    from cvgen.starter import profile_schema

    bad = {"person": {"name": "A", "emial": "a@b.org"}}
    validator = jsonschema.Draft202012Validator(profile_schema())
    assert list(validator.iter_errors(bad))


def test_new_makes_a_folder_that_builds(tmp_path: Path):
    made = run_cvgen("new", "Jane Doe", "jane", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "jane" / "data" / "profile.yaml").is_file()
    built = run_cvgen("build", "--date", "2024-01-01", cwd=tmp_path / "jane")
    assert built.returncode == 0, built.stderr
    assert built.stdout.strip() == "assets/CV-Jane Doe_20240101.pdf"
    again = run_cvgen("new", "Jane Doe", "jane", cwd=tmp_path)
    assert again.returncode == 1
    assert (
        again.stderr.strip()
        == "jane/data/profile.yaml: exists already; cvgen new never replaces a profile"
    )


def test_import_homepage_then_build(tmp_path: Path):
    for name in ("index.md", "mkdocs.yml"):
        shutil.copy(FIXTURES / "homepage" / name, tmp_path / name)
    result = run_cvgen(
        "import",
        "homepage",
        "index.md",
        "--mkdocs",
        "mkdocs.yml",
        "-o",
        "profile.yaml",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "index.md:7: portrait left out: a remote image" in result.stderr
    # The page's local logo is not beside it: left out with a note, so the profile builds as is.
    assert "left out: images/nyu.png is not a file next to the source" in result.stderr
    assert "images/nyu.png" not in (tmp_path / "profile.yaml").read_text()
    built = run_cvgen(
        "build", "profile.yaml", "--date", "2024-01-01", "--output-dir", "out", cwd=tmp_path
    )
    assert built.returncode == 0, built.stderr
    again = run_cvgen("import", "homepage", "index.md", "-o", "profile.yaml", cwd=tmp_path)
    assert again.returncode == 1 and again.stderr.strip().endswith(
        "profile.yaml: exists; add --force to replace it"
    )


def test_homepage_links_the_newest_cv_and_keeps_hand_written_text(project: Path):
    run_cvgen("build", "--date", "2023-11-30", "--output-dir", "docs/assets", cwd=project)
    page = project / "docs" / "index.md"
    page.write_text(
        "Hand-written intro.\n\n<!-- cvgen:begin header -->\nold\n<!-- cvgen:end -->\n\nHand-written end.\n"
    )
    result = run_cvgen("homepage", "-o", "docs/index.md", "--cv-dir", "docs/assets", cwd=project)
    assert result.returncode == 0, result.stderr
    text = page.read_text()
    assert text.startswith("Hand-written intro.\n") and text.endswith("Hand-written end.\n")
    assert "(assets/CV-Hexu Zhao_20231130.pdf)" in text and "old\n" not in text


def test_build_keeps_a_latest_copy_and_relinks_the_page(project: Path):
    page = project / "docs" / "index.md"
    page.parent.mkdir()
    page.write_text("Intro [:academicons-cv:](assets/CV-Hexu Zhao_20231130.pdf) end\n")
    result = run_cvgen(
        "build",
        "--date",
        "2024-02-01",
        "--output-dir",
        "docs/assets",
        "--copy-latest",
        "docs/assets/CV-latest.pdf",
        "--update-page",
        "docs/index.md",
        cwd=project,
    )
    assert result.returncode == 0, result.stderr
    assert page.read_text() == "Intro [:academicons-cv:](assets/CV-Hexu Zhao_20240201.pdf) end\n"
    latest = project / "docs" / "assets" / "CV-latest.pdf"
    assert (
        latest.read_bytes()
        == (project / "docs" / "assets" / "CV-Hexu Zhao_20240201.pdf").read_bytes()
    )


def test_update_page_without_a_cv_link_is_one_line(project: Path):
    (project / "page.md").write_text("no link here\n")
    result = run_cvgen("build", "--output-dir", "out", "--update-page", "page.md", cwd=project)
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == "page.md: no link to a CV named like 'CV-Hexu Zhao_*.pdf' in the page"
    )


def test_publications_from_a_bib_file_build_with_the_owner_highlighted(tmp_path: Path):
    shutil.copy(FIXTURES / "bibtex" / "refs.bib", tmp_path / "refs.bib")
    (tmp_path / "p.yaml").write_text(
        "person: {name: Hexu Zhao}\n"
        "sections:\n  - title: Publications\n    kind: publications\n    bibtex: {file: refs.bib}\n"
    )
    result = run_cvgen(
        "build", "p.yaml", "--date", "2024-01-01", "--output-dir", "out", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    from tests.pdfread import bold_text

    assert "Hexu Zhao*" in bold_text(tmp_path / "out" / "CV-Hexu Zhao_20240101.pdf")


def test_a_bib_key_that_is_not_there_is_one_line(tmp_path: Path):
    shutil.copy(FIXTURES / "bibtex" / "refs.bib", tmp_path / "refs.bib")
    (tmp_path / "p.yaml").write_text(
        "person: {name: A}\nsections:\n  - title: P\n    kind: publications\n"
        "    bibtex: {file: refs.bib, keys: [nope2099]}\n"
    )
    result = run_cvgen("build", "p.yaml", "--output-dir", "out", cwd=tmp_path)
    assert (result.returncode, result.stderr.strip()) == (
        1,
        "refs.bib: no entry with key 'nope2099'",
    )
    assert not (tmp_path / "out").exists()


def test_json_resume_export_and_import_through_the_command_line(tmp_path: Path):
    exported = run_cvgen(
        "export", "jsonresume", str(ROOT / "data" / "profile.yaml"), "-o", "r.json", cwd=tmp_path
    )
    assert exported.returncode == 0, exported.stderr
    schema = json.loads((FIXTURES / "jsonresume" / "jsonresume-schema.json").read_text())
    jsonschema.validate(json.loads((tmp_path / "r.json").read_text()), schema)
    imported = run_cvgen("import", "jsonresume", "r.json", "-o", "p.yaml", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    built = run_cvgen(
        "build", "p.yaml", "--date", "2024-01-01", "--output-dir", "out", cwd=tmp_path
    )
    assert built.returncode == 0, built.stderr


def test_a_json_resume_with_wrong_types_is_one_line(tmp_path: Path):
    (tmp_path / "r.json").write_text('{"basics": {"name": "A"}, "work": "x"}')
    result = run_cvgen("import", "jsonresume", "r.json", "-o", "p.yaml", cwd=tmp_path)
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("r.json:1: work: expected a list")  # with its line
    assert not (tmp_path / "p.yaml").exists()
