"""SubsetFont.splitString must answer as reportlab's TTFont.splitString and leave the
document's subset state as it would, text after text: known characters, new ones, the
no-break space, characters the font lacks, and codes past the first subset."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import TTFont

from cvgen import fontfaces
from cvgen.fonts import fonts_dir
from cvgen.fontsubset import SubsetFont
from tests.conftest import FUZZ_EXAMPLES


class Doc:
    """A stand-in for the document a font keeps its subset state for (weakly)."""


def state_of(font: Any, doc: Doc) -> tuple[Any, ...]:
    state = font.state[doc]
    return (dict(state.assignments), [list(s) for s in state.subsets], state.nextCode)


def assert_same_splits(file: str, texts: list[str]) -> None:
    path = fonts_dir() / file
    ours, theirs = fontfaces.true_type_font("F", path), TTFont("F", str(path))
    assert isinstance(ours, SubsetFont)
    ours_doc, theirs_doc = Doc(), Doc()
    for text in texts:
        assert ours.splitString(text, ours_doc) == theirs.splitString(text, theirs_doc), text
        assert state_of(ours, ours_doc) == state_of(theirs, theirs_doc)


LATIN = "abc XYZ 0123 .,;:!?-–—‘’“”…éüßøÆ\xa0\t"
ODD = "\u0000\u00ad\U0001f600\u4e2d\u6587"  # control, soft hyphen, emoji; CJK Lato lacks


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES * 5, deadline=None)
@given(st.lists(st.text(alphabet=LATIN + ODD, max_size=30), max_size=25))
def test_latin_texts_split_as_reportlab(texts: list[str]) -> None:
    assert_same_splits("Lato-Regular.ttf", texts)


def test_many_characters_reach_later_subsets() -> None:
    """Over 256 characters in use: codes in subset 1 and 2, mixed with known ones."""
    han = [chr(0x4E00 + i) for i in range(600)]
    texts = ["".join(han[i : i + 40]) + " ascii\xa0text" for i in range(0, 600, 40)]
    texts += ["ascii text again", "".join(han[::7]), "\xa0", "", han[599] + "a" + han[0]]
    assert_same_splits("wqy-microhei.ttc", texts * 2)


def test_known_text_takes_the_short_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a text with a character not yet coded goes through reportlab's loop."""
    font, doc = fontfaces.true_type_font("F", fonts_dir() / "Lato-Regular.ttf"), Doc()
    calls: list[str] = []
    loop = TTFont.splitString

    def counted(self: Any, text: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(text)
        return loop(self, text, *args, **kwargs)

    monkeypatch.setattr(TTFont, "splitString", counted)
    for text in ("new text", "text\xa0new", "tent", "new ç", "ç ten"):
        font.splitString(text, doc)
    assert calls == ["new text", "new ç"]
