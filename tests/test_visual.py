"""By eye, automated: small golden renderings of page 1 for each built-in theme, compared
in colour with a tolerance; and the page-break rules checked on every theme's pages.

Refresh after a deliberate change with `python -m pytest tests/test_visual.py --update-golden`
and look at the new PNGs before committing them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from cvgen.build import build_cv
from cvgen.preview import render_pages
from cvgen.theme import builtin_theme_names
from tests.conftest import BUNDLED_PROFILE, REFERENCE_DATE
from tests.pdfread import outline_titles, page_texts

GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_DPI = 40
THEMES = builtin_theme_names()  # a new theme file needs its golden image too


@pytest.fixture(scope="module")
def theme_cvs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("themes")
    return {
        theme: build_cv(
            BUNDLED_PROFILE, on=REFERENCE_DATE, output=out / f"{theme}.pdf", theme=theme
        ).path
        for theme in THEMES
    }


# Compared in colour: each pixel's difference is its largest channel's, so a purple accent
# turned black (the same grey, nearly) is caught. It moves ~0.5% of page 1's pixels.
MAX_MEAN_DIFF = 1.0
MAX_FAR_SHARE = 0.002


def difference(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    """Mean absolute difference (0–255) and the share of pixels off by more than 64, in
    whichever channel differs most."""
    channels = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).split()
    diff = channels[0]
    for channel in channels[1:]:
        diff = ImageChops.lighter(diff, channel)
    far = sum(diff.histogram()[65:]) / (diff.width * diff.height)
    return ImageStat.Stat(diff).mean[0], far


def matches(page: Image.Image, golden: Image.Image) -> tuple[bool, str]:
    mean, far = difference(page, golden)
    close = mean < MAX_MEAN_DIFF and far < MAX_FAR_SHARE
    return close, f"mean diff {mean:.2f}, {far:.2%} of pixels far off"


@pytest.mark.parametrize("theme", THEMES)
def test_first_page_matches_its_golden_image(theme_cvs, theme: str, update_golden: bool):
    page = render_pages(theme_cvs[theme], dpi=GOLDEN_DPI)[0].convert("RGB")
    golden = GOLDEN / f"{theme}-page1.png"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        page.save(golden, optimize=True)
        pytest.skip(f"wrote {golden.name}: look at it, then commit it")
    assert golden.exists(), f"no {golden.name}: run with --update-golden, look at it, commit it"
    with Image.open(golden) as stored:
        assert stored.mode == "RGB", f"{golden.name} is not in colour: run --update-golden"
        expected = stored.convert("RGB")
    assert page.size == expected.size
    close, how = matches(page, expected)
    assert close, f"{theme}: {how}"


def test_a_changed_accent_colour_fails_the_golden_comparison(tmp_path: Path):
    """The purple accent turned black keeps nearly the same grey: only colour catches it."""
    black = build_cv(
        BUNDLED_PROFILE,
        on=REFERENCE_DATE,
        output=tmp_path / "black.pdf",
        theme="homepage",
        overrides=["theme.accent=#000000"],
    ).path
    page = render_pages(black, dpi=GOLDEN_DPI)[0].convert("RGB")
    with Image.open(GOLDEN / "homepage-page1.png") as stored:
        close, how = matches(page, stored.convert("RGB"))
    assert not close, f"a black accent passed as the golden image: {how}"


@pytest.mark.parametrize("theme", THEMES)
def test_no_page_ends_with_a_section_heading(theme_cvs, theme: str):
    pdf = theme_cvs[theme]
    headings = {title.upper() for title in outline_titles(pdf)}
    footer = re.compile(r"(· page \d+ /|^\d+$|^Last updated)")
    for number, text in enumerate(page_texts(pdf), start=1):
        lines = [
            line.strip()
            for line in text.splitlines()
            if line.strip() and not footer.search(line.strip())
        ]
        assert lines[-1].upper() not in headings, (
            f"{theme}: page {number} ends with heading {lines[-1]!r}"
        )


def test_themes_look_different(theme_cvs):
    pages = [render_pages(theme_cvs[t], dpi=GOLDEN_DPI, grey=True)[0] for t in THEMES]
    for index, page in enumerate(pages):
        for other in pages[index + 1 :]:
            if page.size == other.size:
                assert difference(page, other)[0] > 3


def test_ats_theme_spells_out_links_and_draws_no_images(theme_cvs):
    from tests.pdfread import full_text, image_count

    text = full_text(theme_cvs["ats"])
    assert "https://tarzanzhao.github.io/" in text and "https://github.com/TarzanZhao" in text
    assert image_count(theme_cvs["ats"]) == 0
    assert "page 1 /" not in text  # no footer a parser could take for content


def test_build_png_writes_a_page_image_beside_each_pdf(project: Path):
    from tests.test_cli_errors import run_cvgen

    result = run_cvgen("build", "--png", "--date", "2023-11-30", "--output-dir", "out", cwd=project)
    assert result.returncode == 0, result.stderr
    pages = sorted(p.name for p in (project / "out").glob("*.png"))
    assert pages == ["CV-Hexu Zhao_20231130-page1.png", "CV-Hexu Zhao_20231130-page2.png"]
    with Image.open(project / "out" / pages[0]) as image:
        assert image.size == (910, 1287)  # A4 at 110 dpi
