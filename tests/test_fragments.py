"""cvgen's paragraph markup is read by layout/fragments.py, not by reportlab's ParaParser:
its fragments must be ParaParser's, attribute by attribute (name, order, type and value),
for every paragraph cvgen builds, and any other markup must still go to ParaParser."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from cvgen.fonts import FAMILY, SERIF, register_family
from cvgen.layout import fragments, markup
from cvgen.layout.flowables import Para
from tests.conftest import (
    BUNDLED_PROFILE,
    FIXTURES,
    FUZZ_EXAMPLES,
    build_in_themes,
    register_text_fonts,
)


def described(frags: list[Any]) -> list[list[tuple[str, str, Any]]]:
    """Each fragment's attributes in order, with their types: 10 and 10.0 differ here."""
    return [[(k, type(v).__name__, v) for k, v in frag.__dict__.items()] for frag in frags]


def reportlabs(text: str, style: ParagraphStyle) -> tuple[Any, list[Any]]:
    """What Paragraph._setup gets from reportlab's own parser."""
    parser = ParaParser()
    parser.caseSensitive = 1  # as Paragraph sets it
    parsed_style, frags, bullet_frags = parser.parse(text, style)
    assert bullet_frags is None
    textTransformFrags(frags, parsed_style)
    return parsed_style, frags


def assert_same_fragments(text: str, style: ParagraphStyle) -> None:
    cleaned = cleanBlockQuotedText(text)
    ours = fragments.parse(cleaned, style, 1)
    assert ours is not None, f"not read as cvgen's markup: {text!r}"
    theirs = reportlabs(cleaned, style)
    assert ours[0] is theirs[0]
    assert described(ours[1]) == described(theirs[1]), text


@pytest.fixture(scope="module")
def styles() -> list[ParagraphStyle]:
    """Both text families, plain and bold, and one drawn in capitals (the ats name)."""
    register_text_fonts()
    return [
        ParagraphStyle("plain", fontName=FAMILY, fontSize=10, leading=12),
        ParagraphStyle("bold", fontName=f"{SERIF}-Bold", fontSize=9.5, leading=11),
        ParagraphStyle("upper", fontName=FAMILY, fontSize=18, textTransform="uppercase"),
    ]


def coloured_link(label: str, url: str) -> str:
    return markup.link(label, url, color="#5b1fa0")


def plain_link(label: str, url: str) -> str:
    return markup.link(label, url, color=None)


HOSTILE = [
    "R&D <3 & a<b>c, AT&T; &amp; &lt; &#169; &copy; &nbsp; &",
    "**bold *italic* bold** and <u>under **bold** line</u> and \\*not\\* markup",
    "[a link](https://example.org/?q=a&b=\"c\"&d='e'<f>) then [x **y**](example.org/a b)",
    "张伟 李娜 mixed with Latin → ≤ ≥ ∑ and עברית and 日本語テキスト",
    "**张伟** *中文* [链接](https://例子.测试/路径?查询=值)",
    "  leading, trailing and   inner   spaces\tand\ttabs\nand newlines  ",
    "",
    "** **",
    "<para>not a para</para> <br/> <font name='x'> </b> <unknown attr=1/>",
    "“quotes” ‘single’ «guillemets» — dashes – and ellipses…",
    "ʇurned and ß and ﬁ ligature and e\u0301 decomposed",
    "<u></u>**[](x)**",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_gives_reportlabs_fragments(text: str, styles: list[ParagraphStyle]) -> None:
    for style in styles:
        for family in (FAMILY, SERIF):
            for link in (coloured_link, plain_link):
                assert_same_fragments(markup.rich(text, link=link, family=family), style)
            assert_same_fragments(markup.text(text, family), style)
        pieces = [markup.rich(text, link=coloured_link, family=FAMILY), markup.text(text, FAMILY)]
        assert_same_fragments("<br/>".join(pieces), style)
        assert_same_fragments(markup.bold(markup.italic(markup.text(text, FAMILY))), style)


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES * 10)
@given(
    st.text(
        alphabet=st.sampled_from("ab &;<>*_[]()\\/\"'#u= \t\n中→ß\u0301\u00a0\u2003")
        | st.characters(codec="utf-8"),
        max_size=60,
    )
)
def test_any_text_through_markup_gives_reportlabs_fragments(text: str) -> None:
    for family in (FAMILY, SERIF):
        register_family(family)
    style = ParagraphStyle("plain", fontName=FAMILY, fontSize=10, leading=12)
    assert_same_fragments(markup.rich(text, link=coloured_link, family=FAMILY), style)
    assert_same_fragments(markup.text(text, FAMILY), style)


NOT_OURS = [
    "<para>x</para>",
    "<b>unclosed",
    "closed</b> too soon",  # our tokens, refused by reportlab
    "a &copy; b",
    "a &#169; b",
    "<font color='red'>x</font>",
    '<font name="Lato" size="3">x</font>',
    "<span>x</span>",
    "<B>x</B>",
    "<br>",
    "a & b",
    "a < b",
    "<strike>x</strike>",
    "<bullet>-</bullet>x",
]


@pytest.mark.parametrize("text", NOT_OURS)
def test_other_markup_is_left_to_reportlab(text: str, styles: list[ParagraphStyle]) -> None:
    """Markup cvgen does not write, or that reportlab refuses, is ParaParser's: Para ends up
    as a Paragraph would, and raises what it would."""
    style = styles[0]
    try:
        expected = Paragraph(text, style)
    except ValueError as exc:
        with pytest.raises(ValueError, match=f"^{re.escape(str(exc))}$"):
            Para(text, style)
        return
    ours = Para(text, style)
    assert ours.text == expected.text
    assert described(ours.frags) == described(expected.frags)


def test_a_para_is_set_up_as_a_paragraph(styles: list[ParagraphStyle]) -> None:
    text = markup.rich(
        " R&D\n**[lab](https://example.org)** 中文 ", link=coloured_link, family=FAMILY
    )
    for style in styles:
        ours, theirs = Para(text, style, bulletText="•"), Paragraph(text, style, bulletText="•")
        assert ours.frags and described(ours.frags) == described(theirs.frags)
        rest = {k: v for k, v in vars(ours).items() if k != "frags"}
        assert rest == {k: v for k, v in vars(theirs).items() if k != "frags"}


HOSTILE_PROFILE = """\
person:
  name: "Zoë O'Brien & 张伟"
  tagline: "R&D <3 **bold *nested* bold** [link & more](https://example.org/?a=1&b=2)"
  email: zoe@example.org
sections:
  - title: "Text & <things>"
    kind: text
    text: "&amp; is not an entity here; <u>under</u>, → arrows, עברית, 日本語"
  - title: Work
    kind: experience
    entries:
      - role: "Engineer <b>"
        organization: "Acme & Sons"
        start: 2020-01
        bullets:
          - "**[bold link](https://example.org/x?y=\\"z\\")** and *it & al*"
          - "   spaces   everywhere   "
"""


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any, bool]]:
    """Every paragraph Para reads while the test builds: (text, style, read by us)."""
    calls: list[tuple[str, Any, bool]] = []
    parse = fragments.parse

    def recording(text: str, style: Any, case_sensitive: int) -> Any:
        parsed = parse(text, style, case_sensitive)
        calls.append((text, style, parsed is not None))
        return parsed

    monkeypatch.setattr(fragments, "parse", recording)
    return calls


def test_every_paragraph_of_real_cvs_gives_reportlabs_fragments(
    recorded: list[tuple[str, Any, bool]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "hostile.yaml").write_text(HOSTILE_PROFILE, encoding="utf-8")
    profiles = (BUNDLED_PROFILE, FIXTURES / "all-kinds.yaml", tmp_path / "hostile.yaml")
    build_in_themes(profiles, (None, "classic", "ats", "homepage"), tmp_path)
    monkeypatch.undo()  # stop recording: the checks below read paragraphs too
    texts = {text for text, _, _ in recorded}
    assert len(texts) > 150 and any("&amp;" in t for t in texts) and any("<a " in t for t in texts)
    assert any("<font name=" in t for t in texts) and any("<br/>" in t for t in texts)
    for text, style, ours in recorded:
        assert ours, f"cvgen's own markup went to ParaParser: {text!r}"
        assert_same_fragments(text, style)
