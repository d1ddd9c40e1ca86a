"""The CV in its reader's language: CLDR dates, our table of CV words, the CJK font."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cvgen.build import build_cv
from cvgen.errors import CvgenError
from cvgen.locale import CV_WORDS, cv_words, format_day, format_month, missing_words, parse_locale
from tests.conftest import BUNDLED_PROFILE
from tests.pdfread import fonts, full_text, page_texts

SPRING = date(2024, 3, 30)  # a month whose name differs in every language tested

# locale → (words that must read back, words that must not)
EXPECTED = {
    "de": (["Feb. 2022", "heute", "Seite 1 / 2", "Stand: März 2024", "betreut von"], ["present"]),
    "fr": (["févr. 2022", "aujourd’hui", "page 1 / 2", "mars 2024"], ["present", "Last updated"]),
    "zh": (["2022年2月", "至今", "第 1 / 2 页", "更新于 2024年3月"], ["present", "Last updated"]),
    "ja": (["2022年2月", "現在", "1 / 2 ページ", "2024年3月"], ["present", "Last updated"]),
}


@pytest.mark.parametrize("locale", sorted(EXPECTED))
def test_bundled_profile_reads_back_in_its_language(locale: str, tmp_path: Path):
    result = build_cv(
        BUNDLED_PROFILE,
        on=SPRING,
        output=tmp_path / f"{locale}.pdf",
        overrides=[f"settings.locale={locale}", "settings.date_format=Mon YYYY"],
    )
    text = full_text(result.path)
    present, absent = EXPECTED[locale]
    for words in present:
        assert words in text, words
    for words in absent:
        assert words not in text, words
    assert result.warnings == ()


def test_footer_page_words_stay_on_one_line_per_page(tmp_path: Path):
    result = build_cv(
        BUNDLED_PROFILE, on=SPRING, output=tmp_path / "de.pdf", overrides=["settings.locale=de"]
    )
    last_lines = [text.splitlines()[-2:] for text in page_texts(result.path)]
    assert last_lines == [
        ["Hexu Zhao · Seite 1 / 2", "Stand: März 2024"],
        ["Hexu Zhao · Seite 2 / 2", "Stand: März 2024"],
    ]


@pytest.mark.parametrize("locale", ["zh", "ja", "ko"])
def test_cjk_cv_prints_in_the_cjk_font_throughout(locale: str, tmp_path: Path):
    result = build_cv(
        BUNDLED_PROFILE,
        on=SPRING,
        output=tmp_path / "cjk.pdf",
        overrides=[f"settings.locale={locale}"],
    )
    used = fonts(result.path)
    assert any("WenQuanYi" in name for name in used)
    assert not any("Lato" in name for name in used), used


def test_a_language_without_our_words_warns_once_naming_them(tmp_path: Path):
    result = build_cv(
        BUNDLED_PROFILE, on=SPRING, output=tmp_path / "sv.pdf", overrides=["settings.locale=sv"]
    )
    about_words = [w for w in result.warnings if "no CV words" in w]
    assert len(about_words) == 1
    for word in ("'present'", "'Last updated'", "'Advised by'", "'Equal contribution'"):
        assert word in about_words[0]
    text = full_text(result.path)
    assert "mars 2024" in text  # CLDR's Swedish month in the footer
    assert "Last updated mars 2024" in text  # our words fell back to English, as warned


def test_a_variant_has_its_own_language(tmp_path: Path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "person: {name: Jane Doe}\n"
        "variants:\n  deutsch: {locale: de}\n"
        "sections:\n"
        "  - title: Work\n    kind: experience\n    entries:\n"
        "      - {role: Engineer, organization: Acme, start: 2021-05, end: present}\n"
    )
    english = build_cv(path, on=SPRING, output=tmp_path / "en.pdf")
    german = build_cv(path, on=SPRING, output=tmp_path / "de.pdf", variant="deutsch")
    assert "Engineer at Acme" in full_text(english.path)
    assert "05/2021 - present" in full_text(english.path)
    assert "Engineer bei Acme" in full_text(german.path)
    assert "05/2021 – heute" in full_text(german.path)


def test_a_section_has_its_own_present_word(tmp_path: Path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "person: {name: Jane Doe}\nsettings: {present_label: Present}\n"
        "sections:\n"
        "  - title: Work\n    kind: experience\n    present_label: Now\n    entries:\n"
        "      - {role: Engineer, start: 2021-05, end: present}\n"
        "  - title: Study\n    kind: education\n    entries:\n"
        "      - {institution: Uni, start: 2020, end: present}\n"
    )
    text = full_text(build_cv(path, on=SPRING, output=tmp_path / "cv.pdf").path)
    assert "05/2021 – Now" in text
    assert "2020 – Present" in text


def test_unknown_locale_is_one_line_naming_the_field(tmp_path: Path):
    with pytest.raises(CvgenError) as caught:
        build_cv(
            BUNDLED_PROFILE, on=SPRING, output=tmp_path / "x.pdf", overrides=["settings.locale=xx"]
        )
    assert "settings.locale" in str(caught.value)
    assert "unknown locale 'xx'" in str(caught.value)
    assert not (tmp_path / "x.pdf").exists()


def test_locale_api():
    assert parse_locale("pt-BR") == "pt_BR"
    assert cv_words("de_AT") is CV_WORDS["de"]
    assert cv_words(None) is CV_WORDS["en"]
    assert missing_words("fr") == ()
    assert "present" in missing_words("sv")
    assert format_month(2023, 9, None, width="short") == "Sep 2023"
    assert format_month(2023, 9, "de", width="long") == "September 2023"
    assert format_day(date(2023, 11, 30), None) == "30 November 2023"
    assert format_day(date(2023, 11, 30), "de") == "30. November 2023"
    assert set(CV_WORDS) >= {"en", "de", "fr", "es", "it", "pt", "nl", "zh", "ja", "ko"}


def test_cjk_text_keeps_latin_quotes_narrow(tmp_path: Path):
    """WenQuanYi's curly quotes are full-width; they come from DejaVu instead."""
    result = build_cv(
        BUNDLED_PROFILE, on=SPRING, output=tmp_path / "zh.pdf", overrides=["settings.locale=zh"]
    )
    assert "It’s accepted by ACL2022" in full_text(result.path)
    assert any("DejaVu" in name for name in fonts(result.path))


def test_pdf_language_follows_the_locale(tmp_path: Path):
    from pypdf import PdfReader

    result = build_cv(
        BUNDLED_PROFILE, on=SPRING, output=tmp_path / "cv.pdf", overrides=["settings.locale=pt_BR"]
    )
    assert PdfReader(result.path).trailer["/Root"]["/Lang"] == "pt-BR"


def test_all_variants_say_the_missing_words_once(tmp_path: Path):
    from typer.testing import CliRunner

    from cvgen.cli import app

    args = ["build", str(BUNDLED_PROFILE), "--all", "--date", "2024-03-30"]
    args += ["--set", "settings.locale=sv", "--output-dir", str(tmp_path)]
    run = CliRunner().invoke(app, args)
    assert run.exit_code == 0, run.output
    assert run.output.count("no CV words for 'sv'") == 1
    assert len(list(tmp_path.glob("*.pdf"))) == 3
