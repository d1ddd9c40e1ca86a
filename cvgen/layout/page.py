"""Page templates: the frame, the footer, and "page n / N" without a second pass."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from cvgen.fonts import font_runs, text_width
from cvgen.theme import PAGE_SIZES_PT, Theme

_TOTAL_FORM = "cvgen-total-pages"


@dataclass(frozen=True)
class Footer:
    left: str  # e.g. the owner's name; "page n / N" follows it
    right: str  # e.g. "Last updated November 2023"
    font: str
    size_pt: float
    color: str
    family: str  # for fallback runs: the theme's text family


class TotalPagesCanvas(Canvas):
    """Pages draw a form for the total; the form gets its number just before saving.

    Unlike the usual deferred-showPage recipe this keeps bookmarks and links on
    their own pages, and unlike a second build it costs nothing.
    """

    footer_font = "Helvetica"
    footer_size_pt = 7.0

    def save(self) -> None:
        self.beginForm(_TOTAL_FORM)
        self.setFont(self.footer_font, self.footer_size_pt)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        super().save()


def make_doc(
    target: Any, *, theme: Theme, page_size: str, footer: Footer | None, metadata: dict[str, str]
) -> BaseDocTemplate:
    width, height = PAGE_SIZES_PT[page_size]
    doc = BaseDocTemplate(
        target,
        pagesize=(width, height),
        leftMargin=theme.margin_side_pt,
        rightMargin=theme.margin_side_pt,
        topMargin=theme.margin_top_pt,
        bottomMargin=theme.margin_bottom_pt,
        initialFontName=theme.font_family,
        initialFontSize=theme.base_size_pt,
        initialLeading=theme.leading_pt,
        **metadata,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    # Drawn at the end of each page, so text readers meet the footer after the content.
    template = PageTemplate(id="page", frames=[frame])
    if footer:
        # Drawn when a page ends, so text readers meet the footer after the content.
        template.onPageEnd = _footer_drawer(footer, theme)
    doc.addPageTemplates([template])
    return doc


def canvas_maker(footer: Footer | None) -> type[Canvas]:
    if footer is None:
        return Canvas
    return type(
        "FooterCanvas",
        (TotalPagesCanvas,),
        {"footer_font": footer.font, "footer_size_pt": footer.size_pt},
    )


def _footer_drawer(footer: Footer, theme: Theme):  # type: ignore[no-untyped-def]
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        y = theme.margin_bottom_pt / 2
        canvas.saveState()
        canvas.setFillColor(HexColor(footer.color))
        end = _draw_runs(canvas, footer, doc.leftMargin, y, f"{footer.left} · page {doc.page} / ")
        canvas.translate(end, y)
        canvas.doForm(_TOTAL_FORM)
        canvas.restoreState()
        canvas.saveState()
        canvas.setFillColor(HexColor(footer.color))
        right_width = text_width(footer.right, footer.font, footer.size_pt)
        _draw_runs(canvas, footer, doc.leftMargin + doc.width - right_width, y, footer.right)
        canvas.restoreState()

    return draw


def _draw_runs(canvas: Canvas, footer: Footer, x: float, y: float, text: str) -> float:
    """Text in the footer font, runs it lacks (a CJK name) in their fallback; returns the end x."""
    for font, run in font_runs(text, footer.family):
        face = font or footer.font
        canvas.setFont(face, footer.size_pt)
        canvas.drawString(x, y, run)
        x += canvas.stringWidth(run, face, footer.size_pt)
    return x
