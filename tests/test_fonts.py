"""The bundled fonts and the fallback chain: every script a CV meets prints, embedded,
and extracts exactly as typed."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.fonts import tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph, SimpleDocTemplate

from cvgen import fonts
from cvgen.errors import CvgenError
from tests.pdfread import fonts as pdf_fonts
from tests.pdfread import page_texts, pdf_problems

EUROPEAN = "Dvořák Łódź Đorđević Şahin ẞ"
GREEK = "Ελληνικά"
CYRILLIC = "Русский"
PUNCTUATION = "“quotes” – dashes — …"
CJK = "中文 日本語 한국어"
SYMBOLS = "★ ✓ ⇒ ∀"  # in DejaVu Sans, not in Lato


def markup(text: str, family: str) -> str:
    """Escaped text with each fallback run in its own <font>, as the markup layer does it."""
    return "".join(
        escape(run) if font is None else f"<font name={quoteattr(font)}>{escape(run)}</font>"
        for font, run in fonts.font_runs(text, family)
    )


def build(path: Path, family: str, paragraphs: list[tuple[str, str]]) -> Path:
    """(markup, face) pairs, one Paragraph each, in a PDF with nothing but our fonts."""
    base = ParagraphStyle("body", fontName=family, fontSize=10, leading=14)
    story = [
        Paragraph(text, ParagraphStyle(face, base, fontName=face)) for text, face in paragraphs
    ]
    SimpleDocTemplate(str(path), initialFontName=family, invariant=1).build(story)
    return path


def font_file_sizes(pdf: Path) -> dict[str, int]:
    """Base font name → bytes of its embedded font program."""
    sizes: dict[str, int] = {}
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            program = font["/FontDescriptor"].get_object()["/FontFile2"].get_object()
            sizes[str(font["/BaseFont"])] = len(program.get_data())
    return sizes


@pytest.fixture(scope="module")
def scripts_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    family = fonts.register_family("Lato")
    lines = [EUROPEAN, GREEK, CYRILLIC, PUNCTUATION, CJK, SYMBOLS]
    paragraphs = [(markup(line, family), family) for line in lines]
    paragraphs += [
        # a fallback run inside <b>/<i>, and in a bold style, keeps the fallback font
        (f"<b>{markup('粗体 Bold ★', family)}</b>", family),
        (f"<i>{markup('斜体 Italic ✓', family)}</i>", family),
        (markup("标题 Heading", family), f"{family}-Bold"),
        (markup("R&D <3 中文 & ★", family), family),
    ]
    return build(tmp_path_factory.mktemp("fonts") / "scripts.pdf", family, paragraphs)


def test_every_script_extracts_exactly(scripts_pdf: Path):
    (text,) = page_texts(scripts_pdf)
    assert text.splitlines() == [
        EUROPEAN,
        GREEK,
        CYRILLIC,
        PUNCTUATION,
        CJK,
        SYMBOLS,
        "粗体 Bold ★",
        "斜体 Italic ✓",
        "标题 Heading",
        "R&D <3 中文 & ★",
    ]
    assert pdf_problems(scripts_pdf) == []  # no NUL, (cid:, U+FFFD or private use; qpdf clean


def test_every_font_is_ours_embedded_and_the_cjk_font_subset(scripts_pdf: Path):
    found = pdf_fonts(scripts_pdf)
    assert found and all(found.values()), found  # embedded, with a ToUnicode map
    names = {name.split("+")[-1] for name in found}
    assert names == {
        "Lato-Regular",
        "Lato-Bold",
        "Lato-Italic",
        "DejaVuSans",
        "WenQuanYiMicroHei-0",
    }
    sizes = font_file_sizes(scripts_pdf)
    (cjk,) = [size for name, size in sizes.items() if "WenQuanYi" in name]
    assert cjk < 60_000  # a subset: the collection is 5 MB
    assert scripts_pdf.stat().st_size < 200_000


def test_uncovered_names_what_no_font_has():
    assert fonts.uncovered("ok 😀", "Lato") == ["😀"]
    # in order, once each; non-BMP is uncovered even where DejaVu has it (it would extract
    # as garbage); what depends on the family is decided per family
    assert fonts.uncovered("😀a😀 ₿ 𝐀 中", "Lato") == ["😀", "₿", "𝐀"]
    assert fonts.uncovered("₿", "NotoSerif") == []
    # whitespace and invisible characters never count, covered or not
    assert fonts.uncovered("a\u2066b\x0b\ufe0f\u200d\u3000\u00a0c\u0085", "Lato") == []
    assert fonts.uncovered(EUROPEAN + GREEK + CYRILLIC + PUNCTUATION + CJK + SYMBOLS, "Lato") == []
    assert fonts.uncovered("", "Lato") == []


def test_font_runs_split_by_script():
    assert fonts.font_runs("", "Lato") == []
    latin = f"{EUROPEAN} {GREEK} {CYRILLIC} {PUNCTUATION}"
    assert fonts.font_runs(latin, "Lato") == [(None, latin)]
    assert fonts.font_runs("Zhao 赵 ★ ok", "Lato") == [
        (None, "Zhao "),
        ("WenQuanYi", "赵 "),
        ("DejaVuSans", "★ "),
        (None, "ok"),
    ]
    # spaces (also the ideographic one) stay inside a CJK run
    assert fonts.font_runs(CJK, "Lato") == [("WenQuanYi", CJK)]
    assert fonts.font_runs("中\u3000文 x", "Lato") == [("WenQuanYi", "中\u3000文 "), (None, "x")]
    # a combining mark stays with its letter
    assert fonts.font_runs("Dvor\u030cák", "Lato") == [(None, "Dvor\u030cák")]
    # what nobody has stays with the family (and uncovered() reports it)
    assert fonts.font_runs("a😀b", "Lato") == [(None, "a😀b")]
    # per family: Lato has ≤, Noto Serif does not
    assert fonts.font_runs("≤ 5", "Lato") == [(None, "≤ 5")]
    assert fonts.font_runs("≤ 5", "NotoSerif") == [("DejaVuSans", "≤ "), (None, "5")]


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("aé ẞΩЖ“—★⇒中한\u3000\u0301😀\u200d"), max_size=30))
def test_font_runs_give_the_text_back_in_maximal_runs(text: str):
    runs = fonts.font_runs(text, "Lato")
    assert "".join(run for _, run in runs) == text
    assert all(run for _, run in runs)
    assert all(a[0] != b[0] for a, b in pairwise(runs))
    for font, _run in runs:
        if font is not None:
            assert pdfmetrics.getFont(font)  # registered by the time it is returned


def test_serif_family_registers_and_draws_every_face(tmp_path: Path):
    family = fonts.register_family("NotoSerif")
    assert family == "NotoSerif"
    first = pdfmetrics.getFont("NotoSerif-Bold")
    assert fonts.register_family("NotoSerif") == "NotoSerif"
    assert pdfmetrics.getFont("NotoSerif-Bold") is first  # idempotent: registered once
    assert [tt2ps("NotoSerif", b, i) for b, i in ((0, 0), (1, 0), (0, 1), (1, 1))] == [
        "NotoSerif",
        "NotoSerif-Bold",
        "NotoSerif-Italic",
        "NotoSerif-BoldItalic",
    ]
    covered = fonts.covered_codepoints("NotoSerif")
    assert all(ord(ch) in covered for ch in EUROPEAN + GREEK + CYRILLIC + PUNCTUATION)

    sample = f"ẞ Ş Đ ř {GREEK} {CYRILLIC}"
    paragraphs = [
        (f"{tag}{markup(sample, family)}{end}", family)
        for tag, end in (("", ""), ("<b>", "</b>"), ("<i>", "</i>"), ("<b><i>", "</i></b>"))
    ]
    pdf = build(tmp_path / "serif.pdf", family, paragraphs)
    (text,) = page_texts(pdf)
    assert text.splitlines() == [sample] * 4
    assert pdf_problems(pdf) == []
    assert {name.split("+")[-1] for name in pdf_fonts(pdf)} == {
        "NotoSerif-Regular",
        "NotoSerif-Bold",
        "NotoSerif-Italic",
        "NotoSerif-BoldItalic",
    }


def test_default_family_is_lato_and_unknown_families_are_refused():
    assert fonts.register_fonts() == "Lato"
    assert fonts.covered_codepoints() is fonts.covered_codepoints("Lato")  # computed once
    with pytest.raises(CvgenError, match="unknown font family 'Garamond'"):
        fonts.register_family("Garamond")


def test_fallbacks_serve_every_style():
    assert fonts.register_fallbacks() == ["DejaVuSans", "WenQuanYi"]
    cjk = pdfmetrics.getFont("WenQuanYi")
    assert fonts.register_fallbacks() == ["DejaVuSans", "WenQuanYi"]
    assert pdfmetrics.getFont("WenQuanYi") is cjk  # registered once
    for name in ("DejaVuSans", "WenQuanYi"):
        assert {tt2ps(name, b, i) for b in (0, 1) for i in (0, 1)} == {name}


def test_text_width_measures_each_run_in_its_font():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fonts.register_fonts()
    expected = stringWidth("ab ", "Lato-Bold", 10) + stringWidth("中文", "WenQuanYi", 10)
    assert fonts.text_width("ab 中文", "Lato-Bold", 10) == pytest.approx(expected)
    assert fonts.text_width("ab", "Helvetica", 10) == pytest.approx(
        stringWidth("ab", "Helvetica", 10)
    )


def test_the_cjk_font_loads_only_when_text_needs_it():
    script = (
        "from reportlab.pdfbase import pdfmetrics\n"
        "from cvgen.fonts import font_runs, uncovered\n"
        "font_runs('Dvořák Ελληνικά Русский “—”', 'Lato')\n"
        "uncovered('Dvořák ★ 😀', 'Lato')\n"
        "before = set(pdfmetrics.getRegisteredFontNames())\n"
        "font_runs('中文', 'Lato')\n"
        "print(sorted(before), 'WenQuanYi' in pdfmetrics.getRegisteredFontNames())\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    before, after = out.stdout.rsplit(" ", 1)
    assert "WenQuanYi" not in before and after.strip() == "True"


def test_bundled_fonts_are_truetype_with_their_licences_beside_them():
    folder = fonts.fonts_dir()
    licences = {
        "Lato": "OFL-Lato.txt",
        "NotoSerif": "OFL-NotoSerif.txt",
        "DejaVuSans": "LICENSE-DejaVu.txt",
        "WenQuanYi": "LICENSE-WenQuanYi.txt",
    }
    files = [
        f"{family}-{style}.ttf"
        for family in fonts.FAMILIES
        for style in ("Regular", "Bold", "Italic", "BoldItalic")
    ]
    files += ["DejaVuSans.ttf", "wqy-microhei.ttc"]
    for name in files:
        head = (folder / name).read_bytes()[:4]
        assert head in (b"\x00\x01\x00\x00", b"ttcf"), name  # TrueType outlines, not CFF ("OTTO")
    for licence in licences.values():
        assert (folder / licence).read_text(encoding="utf-8").strip()
    assert "Apache License" in (folder / "LICENSE-WenQuanYi.txt").read_text(encoding="utf-8")


def test_private_use_characters_are_covered_by_nobody() -> None:
    # Found by the profile fuzz: DejaVu Sans has a glyph at U+F000, which printed and then
    # read back from the text layer as U+F000, a character that means nothing.
    from cvgen.fonts import FAMILY, uncovered

    assert uncovered("a\uf000b\ue000", FAMILY) == ["\uf000", "\ue000"]
    assert uncovered("caf\ufffd", FAMILY) == ["\ufffd"]  # a broken conversion's trace
