"""Page templates: the frame, the footer, and "page n / N" without a second pass."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.doctemplate import ActionFlowable

from cvgen.fonts import font_runs, text_width
from cvgen.theme import PAGE_SIZES_PT, Theme
from cvgen.values import Value, frozen


@frozen
class PdfMetadata(Value):
    """What a PDF reader shows as the document's properties (unset fields say "unspecified")."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    creator: str
    lang: str = "en"


@frozen
class Footer(Value):
    left: str  # e.g. the owner's name; the page words follow it
    right: str  # e.g. "Last updated November 2023"
    page: str  # "page {page} / {total}", in the CV's language
    font: str
    size_pt: float
    color: str
    family: str  # for fallback runs: the theme's text family
    min_pages: int = 1  # drawn on no page of a shorter document (a one-page letter)


class FooterCanvas(Canvas):
    """Draws every page's footer when the document is saved, once the total is known.

    Each page is finished as usual (so bookmarks and links stay on their own pages);
    on saving, the footer's drawing operators are appended to each finished page's
    content stream. "page 1 / 2" is then one run of text, where a form XObject for
    the total made text readers see "page 1 /" and "2" apart.
    """

    _code: list[str]  # reportlab's operators of the page being drawn
    _doc: Any  # reportlab's PDFDocument: the finished pages are appended to it
    footer: Footer | None = None
    footer_y_pt = 0.0
    footer_left_pt = 0.0
    footer_right_pt = 0.0

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        pages = self._doc.Pages.pages
        if self.footer is not None and len(pages) >= self.footer.min_pages:
            for number, page in enumerate(pages, start=1):
                self._code = []
                self._draw_footer(self.footer, number, len(pages))
                page.stream += "\n".join(self._code) + "\n"
            self._code = []
        super().save()

    def _draw_footer(self, footer: Footer, number: int, total: int) -> None:
        y = self.footer_y_pt
        left = f"{footer.left} · {footer.page.format(page=number, total=total)}"
        self.saveState()
        self.setFillColor(HexColor(footer.color))
        _draw_runs(self, footer, self.footer_left_pt, y, left)
        right_width = text_width(footer.right, footer.font, footer.size_pt)
        _draw_runs(self, footer, self.footer_right_pt - right_width, y, footer.right)
        self.restoreState()


class MeasuredDoc(BaseDocTemplate):
    """Remembers how far down its page the last flowable reached, for the fill check.
    (The one frame has no padding: its top is the top margin.)"""

    last_page_used_pt = 0.0

    def afterFlowable(self, flowable: Any) -> None:
        frame: Any = self.frame
        if frame is None or isinstance(flowable, ActionFlowable):
            return  # a page or frame break: nothing placed
        reached_y = float(frame._y)  # reportlab's cursor; it has no public name
        self.last_page_used_pt = self.bottomMargin + self.height - reached_y


def document_settings(
    theme: Theme, *, page_size: str, font_size_pt: float, metadata: PdfMetadata
) -> dict[str, Any]:
    """What every document we make (CV or letter) tells reportlab: page, margins, the
    initial font (so nothing falls back to Helvetica) and the metadata."""
    return {
        "pagesize": PAGE_SIZES_PT[page_size],
        "leftMargin": theme.margin_side_pt,
        "rightMargin": theme.margin_side_pt,
        "topMargin": theme.margin_top_pt,
        "bottomMargin": theme.margin_bottom_pt,
        "initialFontName": theme.font_family,
        "initialFontSize": font_size_pt,
        "title": metadata.title,
        "author": metadata.author,
        "subject": metadata.subject,
        "keywords": list(metadata.keywords),
        "creator": metadata.creator,
        "lang": metadata.lang,
    }


def make_doc(target: Any, *, theme: Theme, page_size: str, metadata: PdfMetadata) -> MeasuredDoc:
    settings = document_settings(
        theme, page_size=page_size, font_size_pt=theme.base_size_pt, metadata=metadata
    )
    doc = MeasuredDoc(target, initialLeading=theme.leading_pt, **settings)
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
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    return doc


def canvas_maker(footer: Footer | None, theme: Theme, page_size: str) -> type[Canvas]:
    if footer is None:
        return Canvas
    width, _ = PAGE_SIZES_PT[page_size]
    made: type[Canvas] = type(
        "CvFooterCanvas",
        (FooterCanvas,),
        {
            "footer": footer,
            "footer_y_pt": theme.margin_bottom_pt / 2,
            "footer_left_pt": theme.margin_side_pt,
            "footer_right_pt": width - theme.margin_side_pt,
        },
    )
    return made


def _draw_runs(canvas: Canvas, footer: Footer, x: float, y: float, text: str) -> float:
    """Text in the footer font, runs it lacks (a CJK name) in their fallback; returns the end x."""
    for font, run in font_runs(text, footer.family):
        face = font or footer.font
        canvas.setFont(face, footer.size_pt)
        canvas.drawString(x, y, run)
        x += canvas.stringWidth(run, face, footer.size_pt)
    return x
