"""The whole CV as a list of flowables."""

from __future__ import annotations

from reportlab.platypus import Flowable

from cvgen.images import PreparedImage
from cvgen.layout.context import LayoutContext
from cvgen.layout.flowables import ImageReaders
from cvgen.layout.header import build_header
from cvgen.layout.sections import build_section, has_equal_authors
from cvgen.layout.styles import make_styles
from cvgen.locale import cv_words
from cvgen.profile import Profile
from cvgen.theme import PAGE_SIZES_PT, Theme


def layout_context(
    profile: Profile, theme: Theme, font: str, images: dict[str, PreparedImage]
) -> LayoutContext:
    page_width, _ = PAGE_SIZES_PT[theme.page_size]
    person = profile.person
    locale = profile.settings.locale
    words = cv_words(locale)
    names = person.owner_keys()
    return LayoutContext(
        theme=theme,
        styles=make_styles(theme, font),
        settings=profile.settings,
        width_pt=page_width - 2 * theme.margin_side_pt,
        images=images,
        readers=ImageReaders(),
        owner_names=names,
        locale=locale,
        words=words,
        present_label=profile.settings.present_label or words.present,
    )


STANDARD_KINDS = ("experience", "education")  # what applicant tracking systems look for first


def build_story(profile: Profile, ctx: LayoutContext) -> list[Flowable]:
    story = build_header(profile.person, ctx)
    sections = list(profile.sections)
    if ctx.theme.standard_sections_first:
        sections.sort(key=lambda s: STANDARD_KINDS.index(s.kind) if s.kind in STANDARD_KINDS else 2)
    # One legend for "*" per CV: after the last section with starred authors.
    starred = [i for i, section in enumerate(sections) if has_equal_authors(section)]
    for index, section in enumerate(sections):
        legend = bool(starred) and index == starred[-1]
        story.extend(build_section(section, index, ctx, legend=legend))
    return story
