"""The story as flowables, before any PDF: page-break policy and escaping, checked where
they are decided (layout/), at the cost of building a list, not a document."""

from __future__ import annotations

import io
from typing import Any

import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, FrameBreak, Paragraph

from cvgen.fonts import register_family
from cvgen.layout.flowables import KeepShortTogether, SectionHeading
from cvgen.layout.story import build_story, layout_context
from cvgen.profile import Profile
from cvgen.theme import named_theme
from cvgen.validation import validate


def story_of(data: dict[str, Any]) -> list[Flowable]:
    profile = validate(Profile, {"person": {"name": "Jane Doe"}, **data})
    theme = named_theme("homepage")
    ctx = layout_context(profile, theme, register_family(theme.font_family), {})
    return build_story(profile, ctx)


def entries(story: list[Flowable]) -> list[KeepShortTogether]:
    return [f for f in story if isinstance(f, KeepShortTogether)]


def paragraph_texts(flowable: Any) -> list[str]:
    """The plain text of every Paragraph inside, through our flowables and table cells."""
    if isinstance(flowable, Paragraph):
        return [flowable.getPlainText()]
    if isinstance(flowable, (list, tuple)):
        return [text for item in flowable for text in paragraph_texts(item)]
    inside = [getattr(flowable, name, None) for name in ("_content", "paragraph", "_cellvalues")]
    return [text for part in inside if part is not None for text in paragraph_texts(part)]


EXPERIENCE = {
    "title": "Experience",
    "kind": "experience",
    "entries": [
        {"role": "Engineer", "organization": "R&D Lab", "bullets": ["Built <3 things", "More"]},
        {"role": "Intern", "organization": "Acme", "bullets": ["Tested"]},
    ],
}


def test_a_section_heading_travels_inside_its_first_entry() -> None:
    [first, second] = entries(story_of({"sections": [EXPERIENCE]}))
    assert isinstance(first._content[0], SectionHeading)
    assert first._content[0].keepWithNext
    assert first.head_count == 1 + 2  # the heading, the entry's header and its first line
    assert not any(isinstance(child, SectionHeading) for child in second._content)


def test_a_section_without_entries_still_has_its_heading_kept_with_what_follows() -> None:
    story = story_of({"sections": [{"title": "Awards", "kind": "items", "entries": []}]})
    [heading] = [f for f in story if isinstance(f, SectionHeading)]
    assert heading.keepWithNext


def test_short_entries_are_kept_together_up_to_the_themes_limit() -> None:
    theme = named_theme("homepage")
    for entry in entries(story_of({"sections": [EXPERIENCE]})):
        assert entry.max_height_pt == theme.keep_together_max_pt
        entry.canv = Canvas(io.BytesIO())
        _, height = entry.wrap(500, 1000)
        assert 0 < height <= entry.max_height_pt
        assert isinstance(entry.split(500, height / 2)[0], type(FrameBreak))  # moves whole


@pytest.mark.parametrize("text", ["R&D", "<3", "a * b", "**unbalanced", "x < y > z & w"])
def test_user_text_prints_exactly_as_typed(text: str) -> None:
    story = story_of({"sections": [{"title": "About", "kind": "text", "text": text}]})
    printed = [t for f in story for t in paragraph_texts(f)]
    assert text in printed


def test_markup_characters_in_entries_are_text() -> None:
    story = story_of({"sections": [EXPERIENCE]})
    printed = " ".join(t for f in entries(story) for t in paragraph_texts(f))
    assert "R&D Lab" in printed and "Built <3 things" in printed
