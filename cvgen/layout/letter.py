"""A cover letter as reportlab flowables and page templates.

The letterhead is the CV's own header (``header.build_header``); below it the blocks of a
business letter in reading order: date, the sender's return line and the recipient,
subject, salutation, paragraphs, closing, signature, the sender's name, enclosures. On A4
a theme may ask for DIN 5008's positions (form A or B), so the address shows through a
window envelope; the letter flows from the top otherwise, or when the header or the
address would not fit the window's fixed boxes (said in a note).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Spacer,
    Table,
)

from cvgen.images import PreparedImage
from cvgen.layout.context import LayoutContext
from cvgen.layout.flowables import Para, PlacedImage
from cvgen.layout.page import PdfMetadata, document_settings
from cvgen.layout.styles import LetterStyles
from cvgen.theme import MM, PAGE_SIZES_PT, Theme
from cvgen.values import Value, frozen


@frozen
class LetterContent(Value):
    """The letter's final words. Plain text is printed as written; ``*_markup`` fields
    carry the profile's inline markup."""

    date: str
    return_line: str | None
    recipient: tuple[str, ...]
    subject_markup: str | None
    salutation_markup: str
    body_markup: tuple[str, ...]
    closing_markup: str
    signature: PreparedImage | None
    signer: str
    enclosures_label: str
    enclosures_markup: tuple[str, ...]


@frozen
class WindowForm(Value):
    """Where DIN 5008 puts the blocks, in millimetres from the page's top and left edges."""

    address_top_mm: float  # the address field: 85 x 45 mm, 20 mm from the left edge
    info_top_mm: float  # the information block (here: the date), 125 mm from the left
    body_top_mm: float  # the subject line: two blank lines below the address field
    fold_marks_mm: tuple[float, float]


WINDOW_FORMS = {
    "din-5008-a": WindowForm(27.0, 32.0, 80.46, (87.0, 192.0)),
    "din-5008-b": WindowForm(45.0, 50.0, 98.46, (105.0, 210.0)),
}
ADDRESS_LEFT_MM, ADDRESS_WIDTH_MM, ADDRESS_HEIGHT_MM = 20.0, 85.0, 45.0
RETURN_ZONE_MM = 17.7  # the top five lines of the address field: return address, notes
INFO_LEFT_MM, INFO_WIDTH_MM = 125.0, 75.0
BODY_LEFT_MM, BODY_RIGHT_MM = 25.0, 20.0
HOLE_MARK_MM = 148.5


@frozen
class LetterLayout(Value):
    """What ``render`` needs: the flowables and the document to lay them out in."""

    story: list[Flowable]
    window: WindowForm | None
    notes: tuple[str, ...]  # why the window form was not used, when the theme asked for it


def plan_letter(
    content: LetterContent, header: list[Flowable], ctx: LayoutContext, styles: LetterStyles
) -> LetterLayout:
    """The window form when the theme asks for it and everything fits its boxes; else a
    letter that flows from the top of the page."""
    theme = ctx.theme
    form = WINDOW_FORMS.get(theme.letter_window)
    if form is None:
        return LetterLayout(_flowing_story(content, header, ctx, styles), None, ())
    if theme.page_size != "A4":
        note = f"{theme.letter_window} places the address on A4 paper only; the letter flows"
        return LetterLayout(_flowing_story(content, header, ctx, styles), None, (note,))
    problem = _window_problem(content, header, ctx, styles, form)
    if problem:
        return LetterLayout(_flowing_story(content, header, ctx, styles), None, (problem,))
    return LetterLayout(_window_story(content, header, ctx, styles), form, ())


def make_letter_doc(
    target: Any, *, theme: Theme, window: WindowForm | None, metadata: PdfMetadata
) -> BaseDocTemplate:
    settings = document_settings(
        theme, page_size=theme.page_size, font_size_pt=theme.letter_size_pt, metadata=metadata
    )
    doc = BaseDocTemplate(target, **settings)
    _, height = PAGE_SIZES_PT[theme.page_size]
    if window is None:
        doc.addPageTemplates([PageTemplate(id="letter", frames=[_body_frame(doc)])])
        return doc
    later_body = _frame(
        "later",
        BODY_LEFT_MM * MM,
        doc.bottomMargin,
        _window_body_width(theme),
        height - doc.topMargin - doc.bottomMargin,
    )
    first = PageTemplate(id="first", frames=_window_frames(doc, theme, window))
    first.onPage = _fold_marks(window, height)
    later = PageTemplate(id="later", frames=[later_body])
    doc.addPageTemplates([first, later])
    return doc


# the flowing letter


def _flowing_story(
    content: LetterContent, header: list[Flowable], ctx: LayoutContext, styles: LetterStyles
) -> list[Flowable]:
    gap = styles.block_gap_pt
    story = [*header, Spacer(1, gap)]
    story += [Para(ctx.text(content.date), styles.date), Spacer(1, gap)]
    story += _address_lines(content, ctx, styles)
    story += [Spacer(1, gap), *_body(content, ctx, styles)]
    return story


def _address_lines(
    content: LetterContent, ctx: LayoutContext, styles: LetterStyles
) -> list[Flowable]:
    lines: list[Flowable] = []
    if content.return_line:
        lines.append(Para(ctx.text(content.return_line), styles.return_line))
    lines += [Para(ctx.text(line), styles.address) for line in content.recipient]
    return lines


def _body(content: LetterContent, ctx: LayoutContext, styles: LetterStyles) -> list[Flowable]:
    """Subject to enclosures: the part that is the same in either form."""
    gap, paragraph_gap = styles.block_gap_pt, styles.paragraph_gap_pt
    story: list[Flowable] = []
    if content.subject_markup:
        story += [Para(ctx.rich(content.subject_markup), styles.subject), Spacer(1, gap)]
    story += [Para(ctx.rich(content.salutation_markup), styles.body), Spacer(1, paragraph_gap)]
    for paragraph in content.body_markup:
        story += [Para(ctx.rich(paragraph), styles.body), Spacer(1, paragraph_gap)]
    story.append(KeepTogether(_sign_off(content, ctx, styles)))  # never a closing alone
    if content.enclosures_markup:
        items = [Para(ctx.rich(item), styles.enclosures) for item in content.enclosures_markup]
        label = Para(ctx.text(content.enclosures_label), styles.subject)
        story += [Spacer(1, gap), KeepTogether([label, *items])]
    return story


def _sign_off(content: LetterContent, ctx: LayoutContext, styles: LetterStyles) -> list[Flowable]:
    block: list[Flowable] = [Para(ctx.rich(content.closing_markup), styles.body)]
    if content.signature is not None:
        block += [Spacer(1, styles.paragraph_gap_pt / 2), _LeftImage(content.signature)]
    else:
        block.append(Spacer(1, styles.block_gap_pt))
    block.append(Para(ctx.text(content.signer), styles.body))
    return block


class _LeftImage(PlacedImage):
    """A placed image at the frame's left edge (platypus centres narrower flowables)."""

    hAlign = "LEFT"


# the window form


def _window_story(
    content: LetterContent, header: list[Flowable], ctx: LayoutContext, styles: LetterStyles
) -> list[Flowable]:
    """Frames in reading order: letterhead, date, address, body (see ``_window_frames``)."""
    return [
        *header,
        FrameBreak(),
        Para(ctx.text(content.date), styles.body),
        FrameBreak(),
        _address_block(content, ctx, styles),
        FrameBreak(),
        NextPageTemplate("later"),
        *_body(content, ctx, styles),
    ]


def _address_block(content: LetterContent, ctx: LayoutContext, styles: LetterStyles) -> Table:
    """The return line at the foot of the notes zone, the recipient in the address zone."""
    recipient = [Para(ctx.text(line), styles.address) for line in content.recipient]
    returned = (
        [Para(ctx.text(content.return_line), styles.return_line)] if content.return_line else []
    )
    return Table(
        [[returned], [recipient]],
        colWidths=[ADDRESS_WIDTH_MM * MM],
        rowHeights=[RETURN_ZONE_MM * MM, (ADDRESS_HEIGHT_MM - RETURN_ZONE_MM) * MM],
        style=ctx.table_style(("VALIGN", (0, 0), (0, 0), "BOTTOM")),
    )


def _window_problem(
    content: LetterContent,
    header: list[Flowable],
    ctx: LayoutContext,
    styles: LetterStyles,
    form: WindowForm,
) -> str | None:
    theme = ctx.theme
    room = form.address_top_mm * MM - theme.margin_top_pt
    if _stacked_height(header, ctx.width_pt) > room - 1:
        return (
            f"the letterhead is taller than the {form.address_top_mm:g} mm {theme.letter_window} "
            "leaves above the address window; the letter flows"
        )
    zones = (
        (
            [Para(ctx.text(content.return_line), styles.return_line)]
            if content.return_line
            else [],
            RETURN_ZONE_MM,
        ),
        (
            [Para(ctx.text(line), styles.address) for line in content.recipient],
            ADDRESS_HEIGHT_MM - RETURN_ZONE_MM,
        ),
    )
    for flowables, height_mm in zones:
        if _stacked_height(flowables, ADDRESS_WIDTH_MM * MM) > height_mm * MM:
            return (
                f"the address does not fit the {theme.letter_window} window "
                f"({ADDRESS_WIDTH_MM:g} x {ADDRESS_HEIGHT_MM:g} mm); the letter flows"
            )
    return None


def _stacked_height(flowables: Sequence[Flowable], width_pt: float) -> float:
    """The height a frame gives these flowables, stacked with their spacing."""
    total, previous_after = 0.0, 0.0
    for index, flowable in enumerate(flowables):
        _, height = flowable.wrap(width_pt, 10_000)
        before = flowable.getSpaceBefore() if index else 0.0
        total += height + max(before, previous_after) if index else height
        previous_after = flowable.getSpaceAfter()
    return total


def _window_frames(doc: BaseDocTemplate, theme: Theme, form: WindowForm) -> list[Frame]:
    """Letterhead, date, address, body: the order the story fills them in."""
    _, page_height = PAGE_SIZES_PT[theme.page_size]

    def top(mm: float) -> float:
        return page_height - mm * MM

    head_bottom = top(form.address_top_mm)
    address_bottom = top(form.address_top_mm + ADDRESS_HEIGHT_MM)
    return [
        _frame(
            "letterhead",
            doc.leftMargin,
            head_bottom,
            doc.width,
            top(0) - doc.topMargin - head_bottom,
        ),
        _frame(
            "info",
            INFO_LEFT_MM * MM,
            address_bottom,
            INFO_WIDTH_MM * MM - BODY_RIGHT_MM * MM + 10 * MM,
            top(form.info_top_mm) - address_bottom,
        ),
        _frame(
            "address",
            ADDRESS_LEFT_MM * MM,
            address_bottom,
            ADDRESS_WIDTH_MM * MM,
            ADDRESS_HEIGHT_MM * MM,
        ),
        _frame(
            "body",
            BODY_LEFT_MM * MM,
            doc.bottomMargin,
            _window_body_width(theme),
            top(form.body_top_mm) - doc.bottomMargin,
        ),
    ]


def _window_body_width(theme: Theme) -> float:
    page_width, _ = PAGE_SIZES_PT[theme.page_size]
    return page_width - (BODY_LEFT_MM + BODY_RIGHT_MM) * MM


def _body_frame(doc: BaseDocTemplate) -> Frame:
    return _frame("body", doc.leftMargin, doc.bottomMargin, doc.width, doc.height)


def _frame(name: str, x: float, y: float, width: float, height: float) -> Frame:
    return Frame(
        x, y, width, height, id=name, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0
    )


def _fold_marks(form: WindowForm, page_height: float):  # type: ignore[no-untyped-def]
    """Short rules at the left edge where the sheet folds, and the punch-hole mark."""

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setStrokeColor(HexColor("#9a9a9a"))
        canvas.setLineWidth(0.4)
        for mm, length in (
            (form.fold_marks_mm[0], 5),
            (HOLE_MARK_MM, 7),
            (form.fold_marks_mm[1], 5),
        ):
            y = page_height - mm * MM
            canvas.line(5 * MM, y, (5 + length) * MM, y)
        canvas.restoreState()

    return draw
