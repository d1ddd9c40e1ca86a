"""The one import contract: notes with file and line, the shared checks, the validation of
what an import writes, and the one CLI path (notes on stderr, --strict)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cvgen.cli import app
from cvgen.dates import month_number, read_date
from cvgen.errors import CvgenError
from cvgen.formats.contract import Imported, Note, Notes, finish_import
from cvgen.loader import load_profile

SOURCE = Path("in/page.md")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2019", "2019"),
        ("2019-09", "2019-09"),
        ("2019-9-1", "2019-09-01"),
        ("09/2019", "2019-09"),
        ("2019.09", "2019-09"),
        ("09.2019", "2019-09"),
        ("Sep 2019", "2019-09"),
        ("Sept. 2019", "2019-09"),
        ("september 1, 2019", "2019-09-01"),
        ("1 Sep 2019", "2019-09-01"),
        ("Present", "present"),
        ("now", "present"),
    ],
)
def test_read_date_reads_dates_as_people_type_them(text: str, value: str):
    assert str(read_date(text)) == value


@pytest.mark.parametrize(
    "text", ["", "Summer 2019", "2019-13", "Feb 30, 2020", "Smarch 2023", "12 2019", "2019 -- 2020"]
)
def test_read_date_refuses_what_is_not_one_date(text: str):
    assert read_date(text) is None


def test_month_number_reads_names_abbreviations_and_numbers():
    assert [month_number(w) for w in ("Jan", "jan.", "SEPT", "September", "6", "13", "Ju")] == [
        1,
        1,
        9,
        9,
        6,
        None,
        None,
    ]


def test_a_note_says_file_line_and_message_in_one_line():
    assert (
        str(Note(SOURCE, "logo left out:\n no file", 12)) == "in/page.md:12: logo left out: no file"
    )
    assert str(Note(SOURCE, "url left out", field="work[2].url")) == (
        "in/page.md: work[2].url: url left out"
    )


def test_the_shared_checks_note_what_they_refuse(tmp_path: Path):
    (tmp_path / "logo.png").write_bytes(b"png")
    notes = Notes(tmp_path / "page.md")
    assert notes.link("example.org", what="link", line=1) == "https://example.org"
    assert notes.link("javascript:alert(1)", what="title link", line=2) is None
    assert notes.email("a@b.org", line=3) == "a@b.org"
    assert notes.email("a at b", line=4) is None
    assert notes.date("Sept. 2019", what="start", line=5) == "2019-09"
    assert notes.date("soon", what="end", line=6) is None
    assert notes.local_image("logo.png", base_dir=tmp_path, what="logo", line=7) == "logo.png"
    assert notes.local_image("gone.png", base_dir=tmp_path, what="logo", line=8) is None
    assert notes.local_image("https://x.org/a.png", base_dir=tmp_path, what="logo", line=9) is None
    assert [(n.line, n.message.split(":")[0]) for n in notes.all] == [
        (2, "title link left out"),
        (4, "e-mail address left out"),
        (6, "end 'soon' left out"),
        (8, "logo left out"),
        (9, "logo left out"),
    ]
    assert all(n.file == tmp_path / "page.md" for n in notes.all)


def _profile(*entries: dict[str, object]) -> dict[str, object]:
    return {
        "person": {"name": "Ana Lima"},
        "sections": [{"title": "Work", "kind": "experience", "entries": list(entries)}],
    }


def test_finish_leaves_out_an_entry_the_loader_refuses_with_its_message(tmp_path: Path):
    good = {"role": "Engineer", "organization": "Acme", "start": "2020"}
    bad = {"role": "Intern", "organization": "Beta", "start": "2019-13"}
    imported = Imported(
        _profile(good, bad),
        [],
        base_dir=tmp_path,
        source=tmp_path / "page.md",
        lines={("sections", 0, "entries", 1): 17},
    )
    finished = finish_import(imported, output=tmp_path / "profile.yaml")
    [note] = finished.notes
    assert note.line == 17 and note.file == tmp_path / "page.md"
    assert note.message == (
        "sections[0].entries[1] left out: the profile would not load"
        " (sections[0].entries[1].start: '2019-13' is not a real date)"
    )
    (tmp_path / "profile.yaml").write_text(finished.text, encoding="utf-8")
    loaded = load_profile(tmp_path / "profile.yaml").profile
    assert [e.role for e in loaded.sections[0].entries] == ["Engineer"]  # type: ignore[union-attr]


def test_finish_refuses_a_profile_that_cannot_load_at_all(tmp_path: Path):
    imported = Imported({"person": {"email": "a@b.org"}}, [], base_dir=tmp_path, source=SOURCE)
    with pytest.raises(CvgenError, match="the import made a profile cvgen cannot load"):
        finish_import(imported, output=None)


def test_finish_checks_a_fragment_as_the_sections_of_a_profile(tmp_path: Path):
    section = {"title": "Papers", "kind": "publications", "entries": [{"title": "A"}]}
    imported = Imported(
        {"sections": [section]}, [], base_dir=tmp_path, fragment=True, preamble="# paste me\n"
    )
    finished = finish_import(imported, output=None)
    assert finished.text.startswith("# paste me\nsections:\n") and "person" not in finished.text


def test_finish_moves_image_paths_to_the_output_folder(tmp_path: Path):
    (tmp_path / "docs" / "img").mkdir(parents=True)
    data = {"person": {"name": "Ana Lima", "portrait": "img/me.jpg"}}
    imported = Imported(data, [], base_dir=tmp_path / "docs")
    text = finish_import(imported, output=tmp_path / "data" / "profile.yaml").text
    assert "portrait: ../docs/img/me.jpg" in text


PAGE = """# Ana Lima

*:fontawesome-solid-inbox: Email: [ana [at] lima [dot] dev](mailto:ana@lima.dev)*

## Hobbies

```
knit 1, purl 1
```
"""


def test_cli_prints_each_note_as_file_line_note_and_writes(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("index.md").write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(app, ["import", "homepage", "index.md", "-o", "profile.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "index.md:5: section 'Hobbies' not imported: cvgen could not tell what it holds"
    ]
    assert load_profile(Path("profile.yaml")).profile.person.email == "ana@lima.dev"


def test_cli_strict_turns_notes_into_exit_1_with_nothing_written(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("index.md").write_text(PAGE, encoding="utf-8")
    args = ["import", "homepage", "index.md", "-o", "profile.yaml", "--strict"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("index.md:5: section 'Hobbies' not imported")
    assert lines[-1] == "index.md: --strict: 1 note above; nothing written"
    assert not Path("profile.yaml").exists()


def test_cli_strict_passes_an_import_without_notes(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("refs.bib").write_text("@article{a, title={A}, author={Lima, Ana}, year={2020}}\n")
    result = CliRunner().invoke(app, ["import", "bibtex", "refs.bib", "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Made by `cvgen import bibtex`")
