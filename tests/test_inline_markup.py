from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from cvgen.inline import Span, link_targets, parse_inline, plain_text
from cvgen.layout import markup


def plain_link(label: str, url: str) -> str:
    return markup.link(label, url, color=None)


@pytest.mark.parametrize(
    "text",
    [
        "R&D",
        "<3",
        "a*b",
        "C++",
        "a < b > c",
        "<script>x</script>",
        "unbalanced ** bold",
        "open [bracket",
        "a * b * c",
        "100% & more",
        "x]y(z)",
        "**",
        "*",
        "[]()",
    ],
)
def test_plain_text_stays_exactly_as_typed(text: str):
    assert parse_inline(text) == [Span(text)]


def test_styles_and_links():
    assert parse_inline(
        "**bold** *it* <u>under</u> [Alpa](https://github.com/alpa-projects/alpa)."
    ) == [
        Span("bold", bold=True),
        Span(" "),
        Span("it", italic=True),
        Span(" "),
        Span("under", underline=True),
        Span(" "),
        Span("Alpa", url="https://github.com/alpa-projects/alpa"),
        Span("."),
    ]


def test_nesting_and_escapes():
    assert parse_inline("**a *b* c**") == [
        Span("a ", bold=True),
        Span("b", bold=True, italic=True),
        Span(" c", bold=True),
    ]
    assert plain_text(r"<u>\*Hexu Zhao</u>, \*Yonghao") == "*Hexu Zhao, *Yonghao"


def test_markup_escapes_everything_for_reportlab():
    rendered = markup.rich(
        'R&D <b>not bold</b> [x](https://a.b/?q=1&r="2")', link=plain_link, family="Lato"
    )
    assert "&amp;" in rendered and "&lt;b&gt;" in rendered
    Paragraph(rendered)  # reportlab accepts it


@given(st.text(max_size=80))
def test_any_text_renders_and_keeps_its_letters(text: str):
    rendered = markup.rich(text, link=plain_link, family="Lato")
    paragraph = Paragraph(rendered)  # never raises on user text
    assert paragraph is not None
    # markers aside, every letter of the input survives
    assert set(plain_text(text)) <= set(text)


@given(st.text(alphabet="[]()*\\<u>/:.x ", max_size=40))
def test_the_links_found_without_parsing_are_the_parsed_ones(text: str) -> None:
    parsed = [span.url for span in parse_inline(text) if span.url is not None]
    assert link_targets(text) == parsed
    assert link_targets(f"[{text}](https://a.b)") == [
        s.url for s in parse_inline(f"[{text}](https://a.b)") if s.url is not None
    ]


def test_variation_selectors_print_as_nothing_and_never_reach_the_text_layer() -> None:
    # Found by the profile fuzz: U+E0100 is a mark, printable to Python, and reportlab
    # wrote it into the text layer as NUL.
    from cvgen.layout.markup import visible

    assert visible("T\U000e0100x") == "Tx"
    assert visible("a\ufe0fb\ufe00") == "ab"
    assert visible("plain text") == "plain text"


@given(st.text(alphabet=st.sampled_from("ab <>*[]()\\_u/") | st.characters(), max_size=40))
def test_text_without_markers_skips_the_parser_and_gets_its_spans(text: str) -> None:
    from cvgen.inline import _parse

    assert parse_inline(text) == list(_parse(text, Span("")))
    plain = text.translate(dict.fromkeys(map(ord, "\\[*<")))  # no marker left
    assert parse_inline(plain) == list(_parse(plain, Span(""))) == ([Span(plain)] if plain else [])


def _visible_the_long_way(value: str) -> str:
    import unicodedata

    from cvgen.fonts import ignorable

    spaced = unicodedata.normalize("NFC", value).translate(markup._INVISIBLE)
    return "".join(ch for ch in spaced if ch.isspace() or not ignorable(ch))


@given(st.text(alphabet=st.sampled_from("aZ &<>;\t\n\x7f\x00~") | st.characters(), max_size=40))
def test_escape_and_visible_take_shortcuts_to_the_same_text(text: str) -> None:
    table = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
    assert markup.escape(text) == text.translate(table)
    assert markup.visible(text) == _visible_the_long_way(text)
    printable = "".join(ch for ch in text if ch.isascii() and ch.isprintable())
    assert markup.visible(printable) == _visible_the_long_way(printable) == printable
