"""Hostile file-name patterns (`settings.filename`, `variant_filename`, `--set`): refused in one
line at the pattern's own line with nothing written, or made into one plain file name inside
the output folder. Never a traceback, never a file anywhere else."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cvgen.cli import app

BUILD = ["build", "profile.yaml", "--date", "2024-01-01", "--output-dir", "out"]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    return tmp_path


def profile(folder: Path, pattern: str, *, field: str = "filename") -> None:
    """A profile whose file-name pattern is ``pattern`` (a YAML double-quoted string)."""
    text = f'person:\n  name: Jane Doe\nsettings:\n  {field}: "{pattern}"\n'
    text += "variants:\n  short: {max_pages: 1}\n"
    (folder / "profile.yaml").write_text(text, encoding="utf-8")


def every_file(folder: Path) -> dict[str, bytes]:
    """Every file under the folder and in its parent (where '..' would lead), by content."""
    found = {str(p): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    found.update({str(p): b"" for p in folder.parent.iterdir()})
    return found


def refused(folder: Path, args: list[str], *, status: int = 1) -> str:
    before = every_file(folder)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == status, (result.exit_code, result.stderr, result.exception)
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert every_file(folder) == before
    return result.stderr.strip()


REFUSED = {
    "parent folder": ("../evil_{date:%Y}.pdf", "unusable name '.._evil_2024.pdf'"),
    "parent, backslashes": ("..\\\\..\\\\x.pdf", "unusable name '.._.._x.pdf'"),
    "hidden file": (".{name}", "unusable name '.Jane Doe'"),
    "empty": ("", "unusable name ''"),
    "spaces only": ("   ", "unusable name ''"),
    "empty field only": ("{variant}", "unusable name ''"),
    "a dot": (".", "unusable name '.'"),
    "only the suffix": (".pdf", "unusable name '.pdf'"),
    "too long": ("{name}" * 30, "the file name would be 244 bytes long, over the 240"),
    "too long in CJK": ("简历" * 40 + "{date:%Y}", "would be 248 bytes long"),
    "too long by its date": ("{date:" + "%Y" * 200 + "}", "would be 804 bytes long"),
    "unknown field": ("{foo}.pdf", "unknown field {foo} in file name pattern; use {name}"),
    "positional field": ("{0}.pdf", "unknown field {0}"),
    "attribute": ("{name.__class__}.pdf", "unknown field {name.__class__}"),
    "index": ("{name[0]}.pdf", "unknown field {name[0]}"),
    "unclosed brace": ("CV-{name.pdf", "expected '}' before end of string"),
    "lone closing brace": ("CV-}{name}.pdf", "Single '}' encountered"),
    "format on a name": ("{name:>300}.pdf", "{name} takes no format"),
    # These two reached str.format's own lookup: KeyError / AttributeError, exit 3.
    "field inside the date format": ("{date:{foo}}", "{date:{foo}}: no field inside"),
    "attribute inside the date format": (
        "{date:{name.__init__.__globals__}}",
        "no field inside a field's format",
    ),
    "conversion": ("{name!r}.pdf", "{name!r}: a file name pattern takes no '!'"),
    "huge pattern": ("{date:%Y}" * 2000, "a field holds at most 8,000"),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_a_hostile_pattern_is_one_located_line(folder: Path, case: str):
    pattern, expected = REFUSED[case]
    profile(folder, pattern)
    line = refused(folder, BUILD)
    assert line.startswith("profile.yaml:4: settings.filename: ") and expected in line, line


def test_a_hostile_variant_pattern_is_one_located_line(folder: Path):
    profile(folder, "{date:{variant.__len__}}", field="variant_filename")
    line = refused(folder, [*BUILD, "--variant", "short"])
    assert line.startswith("profile.yaml:4: settings.variant_filename: ")


def test_a_hostile_pattern_given_with_set(folder: Path):
    profile(folder, "CV-{name}.pdf")
    line = refused(folder, [*BUILD, "--set", "settings.filename='{date:{x}}'"])
    assert "settings.filename" in line and "no field inside" in line


NUL_NEWLINE_BIDI = "a\\0b\\nc\\u202e{name}.pdf"
MADE_PLAIN = {
    "folder in the pattern": ("sub/{name}.pdf", "sub_Jane Doe.pdf"),
    "absolute path": ("/etc/cron.d/{name}", "_etc_cron.d_Jane Doe.pdf"),
    "NUL, newline, bidi override": (NUL_NEWLINE_BIDI, "abcJane Doe.pdf"),
    "shell characters": ("~$HOME*?|<>:{name}", "~$HOME______Jane Doe.pdf"),
}


@pytest.mark.parametrize("case", MADE_PLAIN, ids=list(MADE_PLAIN))
def test_separators_and_invisible_characters_make_one_plain_name(folder: Path, case: str):
    pattern, name = MADE_PLAIN[case]
    profile(folder, pattern)
    outside = set(os.listdir(folder.parent))
    result = CliRunner().invoke(app, BUILD)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"out/{name}"
    assert os.listdir(folder / "out") == [name]
    assert set(os.listdir(folder.parent)) == outside


def test_a_pattern_naming_the_profile_itself_is_refused(folder: Path):
    text = 'person:\n  name: Jane Doe\nsettings:\n  filename: "cv.pdf"\n'
    (folder / "cv.pdf").write_text(text, encoding="utf-8")  # a profile with a .pdf name
    line = refused(folder, ["build", "cv.pdf", "--date", "2024-01-01", "--output-dir", "."])
    assert (
        line == "cv.pdf: is one of the files this command reads; an output never replaces an input"
    )


def test_a_pattern_naming_the_bib_file_is_refused(folder: Path):
    (folder / "refs.pdf").write_text("@misc{k, title={T}}\n", encoding="utf-8")
    sections = "sections:\n  - {title: P, kind: publications, bibtex: {file: refs.pdf}}\n"
    text = 'person:\n  name: Jane Doe\nsettings:\n  filename: "refs"\n' + sections
    (folder / "profile.yaml").write_text(text, encoding="utf-8")
    line = refused(folder, ["build", "profile.yaml", "--date", "2024-01-01", "--output-dir", "."])
    assert line.startswith("refs.pdf: is one of the files this command reads")
