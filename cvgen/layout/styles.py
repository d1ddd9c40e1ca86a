"""Named paragraph styles made from a Theme: section code asks for a style by name."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from cvgen.fonts import face_name
from cvgen.theme import Theme
from cvgen.values import Value, frozen


@frozen
class Styles(Value):
    body: ParagraphStyle
    right: ParagraphStyle
    entry_title: ParagraphStyle
    entry_title_right: ParagraphStyle
    subtitle: ParagraphStyle
    bullet: ParagraphStyle
    name: ParagraphStyle
    title: ParagraphStyle
    tagline: ParagraphStyle
    contact: ParagraphStyle
    heading: ParagraphStyle
    note: ParagraphStyle
    footer_font: str
    footer_size_pt: float


def make_styles(theme: Theme, font: str) -> Styles:
    size, leading = theme.base_size_pt, theme.leading_pt
    body = ParagraphStyle(
        "body",
        fontName=font,
        fontSize=size,
        leading=leading,
        textColor=HexColor(theme.text_color),
        bulletFontName=font,
        allowWidows=0,  # no last line of a paragraph alone at the top of a page
        allowOrphans=0,
        splitLongWords=1,
        hyphenationLang="",
    )
    entry_title = ParagraphStyle("entry_title", body, fontName=face_name(font, bold=True))
    return Styles(
        body=body,
        right=ParagraphStyle("right", body, alignment=TA_RIGHT),
        entry_title=entry_title,
        entry_title_right=ParagraphStyle("entry_title_right", body, alignment=TA_RIGHT),
        subtitle=ParagraphStyle(
            "subtitle",
            body,
            fontName=face_name(font, italic=True),
            textColor=HexColor(theme.muted_color),
        ),
        bullet=ParagraphStyle(
            "bullet",
            body,
            leftIndent=theme.bullet_indent_pt,
            bulletIndent=theme.bullet_indent_pt * 0.15,
            bulletFontName=font,
            bulletFontSize=size,
            spaceBefore=0.6,
        ),
        name=ParagraphStyle(
            "name",
            body,
            fontName=face_name(font, bold=True),
            fontSize=theme.name_size_pt,
            leading=theme.name_size_pt * 1.2,
            alignment=TA_CENTER,
            textColor=HexColor(theme.accent),
            spaceAfter=2,
        ),
        title=ParagraphStyle(
            "title",
            body,
            fontName=face_name(font, bold=True),
            alignment=TA_CENTER,
            textColor=HexColor(theme.muted_color),
            spaceAfter=2,
        ),
        tagline=ParagraphStyle(
            "tagline",
            body,
            fontName=face_name(font, italic=True),
            alignment=TA_CENTER,
            spaceBefore=3,
        ),
        contact=ParagraphStyle(
            "contact", body, alignment=TA_CENTER, textColor=HexColor(theme.muted_color)
        ),
        heading=ParagraphStyle(
            "heading",
            body,
            fontName=face_name(font, bold=True),
            fontSize=theme.heading_size_pt,
            leading=theme.heading_size_pt * 1.25,
            textColor=HexColor(theme.accent),
            alignment=TA_LEFT,
        ),
        note=ParagraphStyle(
            "note",
            body,
            fontSize=theme.small_size_pt,
            leading=theme.small_size_pt * 1.3,
            textColor=HexColor(theme.muted_color),
        ),
        footer_font=font,
        footer_size_pt=theme.small_size_pt - 0.5,
    )


@frozen
class LetterStyles(Value):
    body: ParagraphStyle  # salutation, paragraphs, closing, signer
    date: ParagraphStyle
    subject: ParagraphStyle
    address: ParagraphStyle  # the recipient, a line each
    return_line: ParagraphStyle  # the sender's address, small, above the recipient
    enclosures: ParagraphStyle
    paragraph_gap_pt: float
    block_gap_pt: float  # between the letter's blocks: header, date, address, subject...


def make_letter_styles(theme: Theme, font: str) -> LetterStyles:
    """A letter is read, not scanned: a larger size than the CV, a blank line between
    paragraphs; the rest (fonts, colours) as the CV's styles."""
    size = theme.letter_size_pt
    leading = round(size * theme.leading_ratio, 2)
    body = ParagraphStyle(
        "letter_body",
        fontName=font,
        fontSize=size,
        leading=leading,
        textColor=HexColor(theme.text_color),
        allowWidows=0,
        allowOrphans=0,
        splitLongWords=1,
        hyphenationLang="",
    )
    small = theme.small_size_pt
    return LetterStyles(
        body=body,
        date=ParagraphStyle("letter_date", body, alignment=TA_RIGHT),
        subject=ParagraphStyle("letter_subject", body, fontName=f"{font}-Bold"),
        # Set solid: DIN 5008's window holds six address lines in 27.3 mm.
        address=ParagraphStyle("letter_address", body, leading=round(size * 1.2, 2)),
        return_line=ParagraphStyle(
            "letter_return",
            body,
            fontSize=small,
            leading=round(small * 1.3, 2),
            textColor=HexColor(theme.muted_color),
        ),
        enclosures=body,
        # The CV's spacing, scaled for a letter: fit tightens both alike.
        paragraph_gap_pt=round(theme.entry_space_pt * 2, 2),
        block_gap_pt=round(theme.section_space_before_pt * 2.3, 2),
    )
