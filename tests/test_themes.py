"""Themes: built-in bases, theme files, per-value overrides, and their errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cvgen.build import build_cv
from cvgen.cli import app
from cvgen.errors import CvgenError
from cvgen.loader import load_profile
from cvgen.sourcemap import LoadedProfile
from cvgen.theme import Theme, resolve_theme
from tests.pdfread import full_text

runner = CliRunner()


def theme_of(loaded: LoadedProfile, base: str | None = None) -> Theme:
    return resolve_theme(loaded.profile.theme, source=loaded.source, base=base)


def profile(tmp_path: Path, theme_lines: str) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text("person: {name: Jane Doe}\ntheme:\n" + theme_lines + "sections: []\n")
    return path


def test_builtin_base_with_a_value_changed(tmp_path: Path):
    loaded = load_profile(profile(tmp_path, "  base: classic\n  accent: '#003366'\n"))
    theme = theme_of(loaded)
    assert (theme.name, theme.font_family, theme.accent, theme.logos) == (
        "classic",
        "NotoSerif",
        "#003366",
        False,
    )


def test_theme_file_on_a_builtin_base(tmp_path: Path):
    (tmp_path / "mine.yaml").write_text("base: ats\nname_size_pt: 30\ndate_format: Month YYYY\n")
    path = profile(tmp_path, "  base: mine.yaml\n  accent: '#112233'\n")
    theme = theme_of(load_profile(path))
    assert (theme.name, theme.footer, theme.name_size_pt, theme.accent) == (
        "mine",
        False,
        30,
        "#112233",
    )
    assert build_cv(path, on=date(2024, 1, 1), output_dir=tmp_path / "out").pages == 1


def test_command_line_theme_wins_over_the_profile(tmp_path: Path):
    path = profile(tmp_path, "  base: classic\n")
    assert theme_of(load_profile(path), base="ats").name == "ats"


@pytest.mark.parametrize(
    ("theme_lines", "message"),
    [
        (
            "  accent: purple\n",
            "p.yaml:3: theme.accent: expected a colour like #5a0b8e, got 'purple'",
        ),
        ("  bogus: 1\n", "p.yaml:3: theme.bogus: unknown field"),
        (
            "  base: glitter\n",
            "p.yaml:3: theme.base: no built-in theme 'glitter' (there are: homepage, ats, classic; or a .yaml file)",
        ),
        ("  base: gone.yaml\n", "gone.yaml: no such theme file"),
    ],
)
def test_theme_mistakes_are_one_located_line(tmp_path: Path, theme_lines: str, message: str):
    path = profile(tmp_path, theme_lines)
    with pytest.raises(CvgenError) as info:
        build_cv(path, on=date(2024, 1, 1), output_dir=tmp_path / "out")
    assert str(info.value) == f"{tmp_path}/{message}"
    assert not (tmp_path / "out").exists()


def test_a_bad_value_in_a_theme_file_names_that_file(tmp_path: Path):
    (tmp_path / "mine.yaml").write_text("base_size_pt: 40\n")
    with pytest.raises(CvgenError) as info:
        build_cv(profile(tmp_path, "  base: mine.yaml\n"), on=date(2024, 1, 1), output_dir=tmp_path)
    assert (
        str(info.value)
        == f"{tmp_path}/mine.yaml:1: base_size_pt: input should be less than or equal to 14, got '40'"
    )


def test_themes_command_lists_the_builtins():
    result = runner.invoke(app, ["themes"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == [
        "homepage",
        "ats",
        "classic",
    ]


def test_a_variant_can_choose_its_theme(tmp_path: Path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "person: {name: Jane Doe, homepage: {label: Home, url: 'https://jane.example'}}\n"
        "sections: []\nvariants:\n  plain: {theme: ats}\n"
    )
    result = build_cv(path, on=date(2024, 1, 1), output_dir=tmp_path / "out", variant="plain")
    assert "https://jane.example" in full_text(result.path)  # ats spells out links
