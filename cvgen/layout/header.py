"""The top of the first page: name, tagline, contact and profile links, portrait."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Table

from cvgen.layout import markup
from cvgen.layout.context import LayoutContext
from cvgen.layout.flowables import PlacedImage
from cvgen.profile import Person

SEPARATOR = "\u2002·\u2002"  # en spaces keep the dots clear of the words


def build_header(person: Person, ctx: LayoutContext) -> list[Flowable]:
    styles = ctx.styles
    name = person.name.upper() if ctx.theme.name_uppercase else person.name
    lines: list[Flowable] = [Paragraph(markup.text(name), styles.name)]
    if ctx.settings.title:
        lines.append(Paragraph(ctx.rich(ctx.settings.title), styles.title))
    contact = _contact_items(person, ctx)
    if contact:
        lines.append(Paragraph(SEPARATOR.join(contact), styles.contact))
    profiles = [ctx.link(markup.text(p.network), p.url) for p in person.profiles]
    if profiles:
        lines.append(Paragraph(SEPARATOR.join(profiles), styles.contact))
    if person.tagline:
        lines.append(Paragraph(ctx.rich(person.tagline), styles.tagline))
    portrait = ctx.images.get(person.portrait) if person.portrait else None
    if portrait is None:
        return lines
    return [_with_portrait(lines, PlacedImage(portrait, corner_pt=_corner_pt(ctx)), ctx)]


def _corner_pt(ctx: LayoutContext) -> float:
    theme = ctx.theme
    if theme.portrait == "circle":
        return theme.portrait_width_pt / 2
    return theme.portrait_corner_pt if theme.portrait == "rounded" else 0.0


def _contact_items(person: Person, ctx: LayoutContext) -> list[str]:
    items = []
    if person.phone:
        digits = "".join(ch for ch in person.phone if ch.isdigit() or ch == "+")
        items.append(ctx.link(markup.text(person.phone), f"tel:{digits}"))
    if person.email:
        items.append(ctx.link(markup.text(person.email), f"mailto:{person.email}"))
    if person.homepage:
        items.append(ctx.link(ctx.rich(person.homepage.label), person.homepage.url))
    return items


def _with_portrait(lines: list[Flowable], portrait: PlacedImage, ctx: LayoutContext) -> Table:
    """Three columns, the outer two as wide as the portrait, so the name stays centred."""
    side = portrait.width + ctx.theme.logo_gap_pt
    table = Table(
        [[[], lines, portrait]],
        colWidths=[side, ctx.width_pt - 2 * side, side],
        style=ctx.table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (2, 0), (2, 0), "RIGHT")),
    )
    return table
