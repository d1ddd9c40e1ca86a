"""Lay out one prepared CV into PDF bytes (fonts, story, footer, metadata), and fit it to
fewer pages when the profile asks."""

from __future__ import annotations

import io
from datetime import date
from typing import TYPE_CHECKING

from cvgen import __version__
from cvgen.dates import month_year
from cvgen.errors import CvgenError
from cvgen.fit import Rendered, cannot_fit, fit_pages, sparse_last_page
from cvgen.images import PreparedImage
from cvgen.layout.markup import visible
from cvgen.pdf import render_pdf
from cvgen.profile import Profile
from cvgen.theme import Theme
from cvgen.values import Value, frozen

if TYPE_CHECKING:
    from cvgen.layout.context import LayoutContext
    from cvgen.layout.page import Footer, PdfMetadata


@frozen
class FittedCv(Value):
    """The CV's bytes and pages, what a fit changed, and warnings (without their place):
    a nearly empty last page, a fit out of reach."""

    data: bytes
    pages: int
    notes: list[str]
    sparse: list[str]
    unfit: list[str]


def render_fitted(
    profile: Profile, *, images: dict[str, PreparedImage], theme: Theme, on: date
) -> FittedCv:
    """Lay out once; with ``fit: pages``, tighten within the theme's bounds to one page
    fewer (or down to max_pages)."""
    rendered = render_cv(profile, images=images, theme=theme, on=on)
    budget = profile.settings.max_pages
    if profile.settings.fit != "pages" or rendered.pages < 2:
        sparse = sparse_last_page(rendered)
        return FittedCv(rendered.data, rendered.pages, [], [sparse] if sparse else [], [])
    target = rendered.pages - 1
    if budget is not None and budget < target:
        target = budget
    fitted = fit_pages(
        lambda tighter: render_cv(profile, images=images, theme=tighter, on=on),
        theme,
        rendered,
        target,
    )
    if fitted is None:
        unfit = cannot_fit(theme, rendered.pages, target)
        return FittedCv(rendered.data, rendered.pages, [], [], [unfit])
    return FittedCv(fitted.rendered.data, fitted.rendered.pages, [fitted.note], [], [])


def owner_footer(
    profile: Profile, theme: Theme, ctx: LayoutContext, font: str, *, right: str, min_pages: int = 1
) -> Footer | None:
    """The footer of a document of the owner's (the CV, a letter): "name · page 1 / 2" and
    ``right``; None where the theme has no footer."""
    from cvgen.layout.page import Footer

    if not theme.footer:
        return None
    return Footer(
        left=visible(profile.person.name),
        right=right,
        page=ctx.words.page,
        font=font,
        size_pt=ctx.styles.footer_size_pt,
        color=theme.muted_color,
        family=theme.font_family,
        min_pages=min_pages,
    )


def render_cv(
    profile: Profile, *, images: dict[str, PreparedImage], theme: Theme, on: date
) -> Rendered:
    """The PDF's bytes, its page count and how full its last page is."""
    from cvgen.fonts import register_family
    from cvgen.layout.page import canvas_maker, make_doc
    from cvgen.layout.story import build_story, layout_context

    font = register_family(theme.font_family)
    ctx = layout_context(profile, theme, font, images)
    updated = ctx.words.last_updated.format(date=month_year(on, ctx.locale))
    footer = owner_footer(profile, theme, ctx, font, right=updated)
    metadata = _metadata(profile)
    measured: list[float] = []

    def lay_out(buffer: io.BytesIO) -> int:
        doc = make_doc(buffer, theme=theme, page_size=theme.page_size, metadata=metadata)
        doc.build(
            build_story(profile, ctx), canvasmaker=canvas_maker(footer, theme, theme.page_size)
        )
        measured[:] = [doc.last_page_used_pt, doc.height]
        return int(doc.page)

    try:
        data, pages = render_pdf(lay_out, build_date=on)
        return Rendered(data, pages, *measured)
    except CvgenError:
        raise
    except Exception as exc:  # reportlab's LayoutError and friends carry no location
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if "too large" in detail:  # the theme's bounds make this rare; say what to look at
            detail = "a block does not fit on a page; make the theme's sizes or margins smaller"
        raise CvgenError(f"layout failed: {detail}") from exc


def _metadata(profile: Profile) -> PdfMetadata:
    from cvgen.layout.page import PdfMetadata

    name = visible(profile.person.name)
    titles = [visible(section.title) for section in profile.sections]
    return PdfMetadata(
        title=f"{name} — Curriculum Vitae",
        author=name,
        subject=f"Curriculum vitae of {name}",
        keywords=("CV", "curriculum vitae", name, *titles),
        creator=f"cvgen {__version__}",
        lang=(profile.settings.locale or "en").replace("_", "-"),  # BCP 47 for readers
    )
