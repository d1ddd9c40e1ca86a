"""Filling the pages: a nearly empty last page warns; fit takes a page off within the
theme's bounds, drops nothing, and says what it changed or that it cannot."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextContainer
from typer.testing import CliRunner

from cvgen.build import StrictFailure, build_cv
from cvgen.cli import app
from cvgen.fit import Step, fit_steps, tightened
from cvgen.theme import builtin_theme_names, named_theme
from tests.conftest import FIXTURES
from tests.pdfread import page_texts

SPILL = FIXTURES / "words" / "last-page-two-lines.yaml"
ON = date(2024, 1, 1)


def _words(pdf: Path) -> Counter[str]:
    """Every word of the text, the footer (each page's last two lines) aside."""
    return Counter(
        word for text in page_texts(pdf) for line in text.splitlines()[:-2] for word in line.split()
    )


def _body_size_pt(pdf: Path) -> float:
    """The size most characters are set in."""
    sizes: Counter[float] = Counter()
    for page in extract_pages(str(pdf)):
        for box in page:
            if isinstance(box, LTTextContainer):
                for line in box:
                    for char in getattr(line, "_objs", []):
                        if isinstance(char, LTChar):
                            sizes[round(char.size, 1)] += 1
    return sizes.most_common(1)[0][0]


def test_a_nearly_empty_last_page_warns_how_much_must_go(tmp_path: Path):
    result = build_cv(SPILL, on=ON, output=tmp_path / "cv.pdf")
    assert result.pages == 2
    (warning,) = result.warnings
    assert warning.startswith(f"{SPILL}: warning: the last page holds only 5% of its height")
    assert "about 35 pt would have to go for the CV to take 1 page" in warning
    assert result.notes == ()


@pytest.mark.parametrize("how", ["settings", "option"])
def test_fit_takes_a_page_off_and_keeps_every_word(how: str, tmp_path: Path):
    plain = build_cv(SPILL, on=ON, output=tmp_path / "plain.pdf")
    note = "fit: 2 pages → 1: spacing 85%, line spacing 1.29 (was 1.32)"
    if how == "settings":
        overrides = ["settings.fit=pages"]
        fitted = build_cv(SPILL, on=ON, output=tmp_path / "fit.pdf", overrides=overrides)
        assert (fitted.pages, fitted.warnings, fitted.notes) == (1, (), (note,))
    else:
        args = ["build", str(SPILL), "--date", "2024-01-01", "-o", str(tmp_path / "fit.pdf")]
        run = CliRunner().invoke(app, [*args, "--fit"])
        assert run.exit_code == 0, run.output
        assert note in run.output
        assert "warning" not in run.output
    fitted_pdf = tmp_path / "fit.pdf"
    assert (plain.pages, len(page_texts(fitted_pdf))) == (2, 1)
    assert _words(fitted_pdf) == _words(plain.path)
    assert "Available on request from the referees named in the letter." in page_texts(fitted_pdf)[
        0
    ].replace("\n", " ")
    theme = named_theme("homepage")
    assert theme.fit_min_size_pt <= _body_size_pt(fitted_pdf) <= theme.base_size_pt


def test_fit_goes_to_type_size_but_never_below_the_minimum(tmp_path: Path):
    """The bundled-style tightest case: the bundled CV itself needs the type smaller."""
    from tests.conftest import BUNDLED_PROFILE

    result = build_cv(
        BUNDLED_PROFILE, on=ON, output=tmp_path / "cv.pdf", overrides=["settings.fit=pages"]
    )
    assert result.pages == 1
    (note,) = result.notes
    assert note.startswith("fit: 2 pages → 1: spacing ")
    assert "text 8.6 pt (was 9.6 pt)" in note  # at its floor, not below
    assert _body_size_pt(result.path) >= 8.6


def _long_profile(tmp_path: Path) -> Path:
    entries = "".join(
        f"      - role: Role {n}\n        organization: Org {n}\n        bullets:\n"
        + "".join(
            f"          - Line {n}.{b} of plain work described at some length.\n" for b in range(6)
        )
        for n in range(14)
    )
    path = tmp_path / "long.yaml"
    path.write_text(
        "person: {name: Lee Park}\nsettings: {fit: pages}\n"
        f"sections:\n  - title: Work\n    kind: experience\n    entries:\n{entries}"
    )
    return path


def test_a_cv_that_cannot_fit_says_so_and_keeps_its_pages(tmp_path: Path):
    path = _long_profile(tmp_path)
    result = build_cv(path, on=ON, output=tmp_path / "cv.pdf")
    assert result.pages == 2
    (warning,) = result.warnings
    assert warning.startswith(f"{path}:2: settings.fit: warning: fit: cannot lay the CV out in 1")
    assert "text 8.6 pt); it keeps its 2 pages" in warning
    with pytest.raises(StrictFailure):
        build_cv(path, on=ON, output=tmp_path / "strict.pdf", strict=True)
    assert not (tmp_path / "strict.pdf").exists()


def test_fit_aims_at_max_pages_and_the_budget_still_warns(tmp_path: Path):
    path = _long_profile(tmp_path)
    text = path.read_text().replace("{fit: pages}", "{fit: pages, max_pages: 1}")
    path.write_text(text)
    result = build_cv(path, on=ON, output=tmp_path / "cv.pdf")
    assert result.pages == 2
    assert any("over its budget of 1" in w for w in result.warnings)
    assert any("cannot lay the CV out in 1" in w for w in result.warnings)


@pytest.mark.parametrize("name", builtin_theme_names())
def test_every_step_stays_within_the_theme_bounds(name: str):
    theme = named_theme(name)
    steps = fit_steps(theme)
    assert steps[0] == Step(0.85, theme.base_size_pt)
    for step in steps:
        tight = tightened(theme, step)
        assert tight.base_size_pt >= theme.fit_min_size_pt
        assert tight.leading_ratio >= theme.fit_min_leading_ratio - 1e-9
        assert tight.entry_space_pt >= round(theme.entry_space_pt * theme.fit_min_spacing, 2)
    assert tightened(theme, steps[-1]).base_size_pt == theme.fit_min_size_pt
