"""Built-in themes are data files read like a user's: a new file is a new theme, and a
mistake in any theme file names its file, line and key."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cvgen import theme as theme_room
from cvgen.build import build_cv
from cvgen.cli import app
from cvgen.errors import CvgenError
from cvgen.theme import Theme, builtin_theme, builtin_theme_names, read_theme_file
from cvgen.validation import validate

ON = date(2024, 1, 1)
runner = CliRunner()


def profile(folder: Path, theme_lines: str = "") -> Path:
    path = folder / "p.yaml"
    path.write_text(f"person: {{name: Jane Doe}}\ntheme:\n{theme_lines or '  {}'}\nsections: []\n")
    return path


@pytest.fixture
def themes_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built-in themes folder standing in for cvgen/themes."""
    folder = tmp_path / "themes"
    shutil.copytree(theme_room.THEMES_DIR, folder)
    monkeypatch.setattr(theme_room, "THEMES_DIR", folder)
    return folder


@pytest.mark.parametrize("name", builtin_theme_names())
def test_every_builtin_theme_file_is_valid_and_summarised(name: str):
    written = builtin_theme(name)
    assert written.summary
    theme = validate(Theme, {**written.values, "name": name})
    assert theme.name == name


def test_builtin_themes_are_the_files_in_the_package():
    files = sorted(path.stem for path in theme_room.THEMES_DIR.glob("*.yaml"))
    assert sorted(builtin_theme_names()) == files
    assert builtin_theme_names()[0] == theme_room.DEFAULT_THEME


def test_a_new_theme_file_is_a_new_theme(themes_dir: Path, tmp_path: Path):
    (themes_dir / "poster.yaml").write_text(
        "summary: big type for a poster session\nbase: classic\nname_size_pt: 30\n"
    )
    listed = runner.invoke(app, ["themes"])
    assert listed.exit_code == 0
    assert "poster     big type for a poster session" in listed.stdout.splitlines()
    built = runner.invoke(
        app,
        [
            "build",
            str(profile(tmp_path)),
            "--theme",
            "poster",
            "--output",
            str(tmp_path / "cv.pdf"),
        ],
    )
    assert built.exit_code == 0, built.output
    assert (tmp_path / "cv.pdf").read_bytes().startswith(b"%PDF-")


def test_a_bad_value_in_a_builtin_theme_names_its_line(themes_dir: Path, tmp_path: Path):
    (themes_dir / "loud.yaml").write_text("summary: loud\n\naccent: red\n")
    with pytest.raises(CvgenError) as info:
        build_cv(profile(tmp_path), on=ON, output_dir=tmp_path / "out", theme="loud")
    assert str(info.value) == (
        f"{themes_dir}/loud.yaml:3: accent: expected a colour like #5a0b8e, got 'red'"
    )


def test_a_theme_file_mistake_names_the_theme_files_line(tmp_path: Path):
    (tmp_path / "mine.yaml").write_text("base: ats\n# the size of the name\nname_size_pt: huge\n")
    with pytest.raises(CvgenError) as info:
        build_cv(profile(tmp_path, "  base: mine.yaml"), on=ON, output_dir=tmp_path / "out")
    assert str(info.value).startswith(f"{tmp_path}/mine.yaml:3: name_size_pt: ")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("base: glitter\n", "mine.yaml:1: base: no built-in theme 'glitter'"),
        ("accent: '#000000'\naccent: '#111111'\n", "mine.yaml:2: accent: duplicate key"),
        ("- accent\n", "mine.yaml:1: a theme file is a mapping of theme values"),
        ("base: mine.yaml\n", "mine.yaml:1: base: theme bases nest more than 8 deep"),
        ("summary: [a, b]\n", "mine.yaml:1: summary: expected a single word or line of text"),
    ],
)
def test_theme_file_structure_mistakes(tmp_path: Path, text: str, message: str):
    (tmp_path / "mine.yaml").write_text(text)
    with pytest.raises(CvgenError) as info:
        build_cv(profile(tmp_path, "  base: mine.yaml"), on=ON, output_dir=tmp_path / "out")
    assert str(info.value).startswith(f"{tmp_path}/{message}")


def test_theme_files_can_stack(tmp_path: Path):
    (tmp_path / "base.yaml").write_text("base: classic\naccent: '#224466'\n")
    (tmp_path / "mine.yaml").write_text("base: base.yaml\nname_size_pt: 25\n")
    written = read_theme_file(tmp_path / "mine.yaml")
    assert (written.base, written.values) == ("base.yaml", {"name_size_pt": "25"})
    result = build_cv(profile(tmp_path, "  base: mine.yaml"), on=ON, output_dir=tmp_path / "o")
    assert result.pages == 1


def test_an_unknown_theme_on_the_command_line_is_named_as_typed(tmp_path: Path):
    with pytest.raises(CvgenError) as info:
        build_cv(profile(tmp_path), on=ON, output_dir=tmp_path / "out", theme="glitter")
    assert str(info.value).startswith("--theme glitter: no built-in theme 'glitter'")


def test_an_unknown_variant_theme_names_the_variant(tmp_path: Path):
    path = tmp_path / "p.yaml"
    path.write_text("person: {name: A}\nsections: []\nvariants:\n  v:\n    theme: glitter\n")
    with pytest.raises(CvgenError) as info:
        build_cv(path, on=ON, output_dir=tmp_path / "out", variant="v")
    assert str(info.value).startswith(f"{path}:5: variants.v.theme: no built-in theme")
