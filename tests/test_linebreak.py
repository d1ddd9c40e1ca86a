"""layout/linebreak.py breaks cvgen's many-fragment paragraphs into lines itself: what it
returns, and what it leaves in the paragraph, must be reportlab's breakLines', attribute by
attribute, for every paragraph cvgen builds and for any markup reportlab reads; what it is
not for it must leave to reportlab untouched."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import sameFrag
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaFrag

from cvgen.fonts import FAMILY, SERIF, register_family
from cvgen.layout import linebreak
from cvgen.layout.flowables import Para
from tests.conftest import (
    BUNDLED_PROFILE,
    FIXTURES,
    FUZZ_EXAMPLES,
    build_in_themes,
    register_text_fonts,
)


def described(value: Any) -> Any:
    """A break's result as plain data: every attribute in order with its type (10 and
    10.0 differ), fragment words with their list class, fragments by their attributes."""
    if isinstance(value, list):
        return (type(value).__name__, [described(v) for v in value])
    if isinstance(value, tuple):
        return tuple(described(v) for v in value)
    if hasattr(value, "__dict__") and not isinstance(value, type):
        fields = vars(value).items()
        return (type(value).__name__, [(k, described(v)) for k, v in fields if k != "style"])
    return (type(value).__name__, value)


def broken_both_ways(
    text: str, style: ParagraphStyle, bullet: str | None, widths: list[float]
) -> tuple[bool, Any, Any]:
    """(whether linebreak broke it, ours, reportlab's): each the result, the paragraph
    after and the widths after. When linebreak declines, "ours" is reportlab's break of
    the paragraph linebreak looked at (as Para.breakLines does), and the widths must be
    as given."""
    ours_para = Para(text, style, bulletText=bullet)
    theirs_para = Para(text, style, bulletText=bullet)
    ours_widths, theirs_widths = list(widths), list(widths)
    ours = linebreak.break_lines(ours_para, ours_widths)
    broke = ours is not None
    if not broke:
        assert ours_widths == widths
        ours = Paragraph.breakLines(ours_para, ours_widths)
    theirs = Paragraph.breakLines(theirs_para, theirs_widths)
    return (
        broke,
        (described(ours), described(ours_para), ours_widths),
        (described(theirs), described(theirs_para), theirs_widths),
    )


def assert_same_break(
    text: str, style: ParagraphStyle, bullet: str | None, widths: list[float]
) -> bool:
    """True if linebreak broke the paragraph (the same way as reportlab)."""
    broke, ours, theirs = broken_both_ways(text, style, bullet, widths)
    assert ours == theirs, text
    return broke


@pytest.fixture(scope="module")
def styles() -> list[ParagraphStyle]:
    register_text_fonts()
    return [
        ParagraphStyle("plain", fontName=FAMILY, fontSize=10, leading=12),
        ParagraphStyle("serif", fontName=f"{SERIF}-Bold", fontSize=9.5, leading=11),
        ParagraphStyle("no-shrink", fontName=FAMILY, fontSize=10, spaceShrinkage=0),
        ParagraphStyle("bullet", fontName=FAMILY, fontSize=10, leftIndent=4, bulletIndent=0),
    ]


def test_same_frag_answers_as_rl_accel() -> None:
    """Every combination of absent, None, equal and different values, and the two
    attributes that keep a fragment apart, against the C function in use."""
    values: list[Any] = [None, 10, 10.0, 11, "x", HexColor("#112233"), HexColor("#112233")]
    for key in ("fontSize", "link", "textColor", "nobr", "us_lines"):
        for a, b in itertools.product([linebreak._ABSENT, *values], repeat=2):
            g, f = ParaFrag(fontName="F", text="g"), ParaFrag(fontName="F", text="f")
            for frag, value in ((g, a), (f, b)):
                if value is not linebreak._ABSENT:
                    setattr(frag, key, value)
            assert linebreak.same_frag(g, f) == bool(sameFrag(g, f)), (key, a, b)
    for key in ("cbDefn", "lineBreak"):
        g, f = ParaFrag(fontName="F"), ParaFrag(fontName="F")
        assert linebreak.same_frag(g, f)
        setattr(f, key, None)
        assert linebreak.same_frag(g, f) == bool(sameFrag(g, f)) is False
        assert linebreak.same_frag(f, g) == bool(sameFrag(f, g)) is False


MARKUP = [
    "plain words only, but <b>one bold</b> and <i>one italic</i> run",
    'authors: A. Author, <b>Hexu Zhao</b>*, C. Author, <font name="Lato-Italic">D. Author</font>, E. Author',
    'a <a href="https://example.org/a" color="#5b1fa0">link run</a> then <u>under <b>bold</b></u> text',
    "first line<br/>second line, longer than the first<br/><br/>fourth after an empty one",
    "<br/>starts with a break and ends with one<br/>",
    '<font size="14">big</font> small <font size="6">tiny</font> <super>sup</super> <sub>sub</sub>',
    "mixed<b>bold</b>glued<i>italic</i>words and <b> spaced </b> ones",
    '<span backColor="yellow">highlighted</span> text <strike>struck</strike> text',
    "   leading spaces, <b>  </b> empty bold,   trailing   ",
    "中文 and 日本語 mixed with <b>Latin</b> text → arrows ≤ signs",
    "soft\u00adhyphen in <b>a\u00adword</b> here",
    "https://example.org/a/very/long/url/that/does/not/fit/on/one/line/at/all/anywhere <b>x</b>",
]


@pytest.mark.parametrize("text", MARKUP)
def test_markup_breaks_as_reportlab(text: str, styles: list[ParagraphStyle]) -> None:
    for style, width in itertools.product(styles, (40.0, 90.0, 155.5, 400.0)):
        for bullet in (None, "•"):
            assert_same_break(text, style, bullet, [width, width + 7])


def test_what_it_is_not_for_is_left_to_reportlab(styles: list[ParagraphStyle]) -> None:
    plain = styles[0]
    long_word = "see https://example.org/" + "x" * 80 + " <b>now</b>"
    assert not assert_same_break(long_word, plain, None, [100.0, 100.0])
    assert not assert_same_break("soft\u00adhyphen <b>x</b>", plain, None, [20.0, 20.0])
    assert not assert_same_break("one fragment only", plain, None, [50.0, 50.0])
    hyphenating = ParagraphStyle("h", plain, hyphenationLang="en_GB", embeddedHyphenation=1)
    assert not assert_same_break("a <b>b</b> c", hyphenating, None, [50.0, 50.0])
    assert assert_same_break("a <b>b</b> c", plain, None, [50.0, 50.0])


WORD = st.text(alphabet="abcdefghij中é-.,:", min_size=1, max_size=12)
TAG = st.sampled_from(
    [
        "b",
        "i",
        "u",
        "strike",
        "super",
        "sub",
        'font size="13"',
        'font color="red"',
        'a href="https://example.org"',
        'span backColor="#eeeeee"',
        'font name="Lato-Bold"',
    ]
)


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    """Words, spaces and breaks, some runs inside a tag (nested now and then)."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 14))):
        kind = draw(st.sampled_from(["word", "word", "space", "tag", "br"]))
        if kind == "word":
            parts.append(draw(WORD))
        elif kind == "space":
            parts.append(draw(st.sampled_from([" ", "  ", "\t", "\u00a0"])))
        elif kind == "br":
            parts.append("<br/>")
        else:
            tag, inner = draw(TAG), draw(st.lists(WORD, min_size=0, max_size=3))
            if draw(st.booleans()):
                inner.append(f"<b>{draw(WORD)}</b>")
            parts.append(f"<{tag}>{' '.join(inner)}</{tag.split()[0]}>")
    return "".join(parts)


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES * 20, deadline=None)
@given(paragraphs(), st.floats(12, 300), st.booleans(), st.sampled_from([0, 0.05, 0.2]))
def test_any_markup_breaks_as_reportlab(
    text: str, width: float, bullet: bool, shrink: float
) -> None:
    register_family(FAMILY)
    style = ParagraphStyle("p", fontName=FAMILY, fontSize=10, spaceShrinkage=shrink)
    assert_same_break(text, style, "•" if bullet else None, [width, width * 1.1])


LONG_PROFILE = """\
person:
  name: "Zoë O'Brien & 张伟"
  email: zoe@example.org
sections:
  - title: Publications
    kind: publications
    entries:
{publications}
  - title: Work
    kind: experience
    entries:
      - role: "Engineer, **platform** team"
        organization: "Acme & Sons"
        start: 2020-01
        bullets:
          - "**[bold link](https://example.org/x)** and *it & al* and a very long address https://example.org/{long}"
          - "   spaces   everywhere   and words enough to fill more than one line of the page for sure"
"""

PUBLICATION = """\
      - title: "Paper {i}: on the *breaking* of **lines** in long documents, part {i}"
        authors: [A. Author, "Zoë O'Brien", B. Author, {{name: C. Author, equal: true}}, D. Author]
        venue: "Proceedings of the Conference on Things {i}"
        date: {year}
        links:
          - {{label: pdf, url: "https://example.org/{i}.pdf"}}
          - {{label: code, url: "https://example.org/code/{i}"}}
"""


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any, Any, list[float]]]:
    """Every paragraph linebreak is asked to break while the test builds."""
    calls: list[tuple[str, Any, Any, list[float]]] = []
    break_lines = linebreak.break_lines

    def recording(para: Any, widths: list[float]) -> Any:
        calls.append((para.text, para.style, para.bulletText, list(widths)))
        return break_lines(para, widths)

    monkeypatch.setattr(linebreak, "break_lines", recording)
    return calls


def test_every_paragraph_of_real_cvs_breaks_as_reportlab(
    recorded: list[tuple[str, Any, Any, list[float]]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    publications = "".join(PUBLICATION.format(i=i, year=2000 + i % 20) for i in range(40))
    long = tmp_path / "long.yaml"
    long.write_text(LONG_PROFILE.format(publications=publications, long="y" * 90), encoding="utf-8")
    build_in_themes(
        (BUNDLED_PROFILE, FIXTURES / "all-kinds.yaml", long), (None, "classic", "ats"), tmp_path
    )
    monkeypatch.undo()
    ours = sum(assert_same_break(*call) for call in recorded)
    assert len(recorded) > 300 and ours > len(recorded) // 3
