"""The top of the first page: name, tagline, contact and profile links, portrait."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Table

from cvgen.fonts import font_runs
from cvgen.inline import plain_text
from cvgen.layout.contact import ContactItem, ContactLine
from cvgen.layout.context import LayoutContext
from cvgen.layout.flowables import Para, PlacedImage
from cvgen.layout.icons import icon_for_network
from cvgen.layout.markup import visible
from cvgen.profile import Person


def build_header(person: Person, ctx: LayoutContext, *, letterhead: bool = False) -> list[Flowable]:
    """The CV's header; a ``letterhead`` (a cover letter's) leaves out the title line and
    the tagline, which speak of the CV."""
    styles = ctx.styles
    name = person.name.upper() if ctx.theme.name_uppercase else person.name
    lines: list[Flowable] = [Para(ctx.text(name), styles.name)]
    if ctx.settings.title and not letterhead:
        lines.append(Para(ctx.rich(ctx.settings.title), styles.title))
    for items in _contact_groups(person, ctx):
        if items:
            lines.append(_contact_line(items, ctx))
    if person.tagline and not letterhead:
        lines.append(Para(ctx.rich(person.tagline), styles.tagline))
    portrait = ctx.images.get(person.portrait) if person.portrait else None
    if portrait is None:
        return lines
    return [
        _with_portrait(
            lines, PlacedImage(portrait, corner_pt=_corner_pt(ctx), readers=ctx.readers), ctx
        )
    ]


def _corner_pt(ctx: LayoutContext) -> float:
    theme = ctx.theme
    if theme.portrait == "circle":
        return theme.portrait_width_pt / 2
    return theme.portrait_corner_pt if theme.portrait == "rounded" else 0.0


def _contact_groups(person: Person, ctx: LayoutContext) -> list[list[ContactItem]]:
    """The settings' ``contact_lines`` (keys checked when loaded), or by default e-mail,
    homepage, phone and location over the profiles."""
    urls = ctx.theme.contact_urls
    profiles = {
        p.network.casefold(): ContactItem(
            p.url if urls else p.network, p.url, icon_for_network(p.network)
        )
        for p in person.profiles
    }
    contacts = _contact_items(person, urls=urls)
    chosen = ctx.settings.contact_lines
    if chosen is None:
        return [list(contacts.values()), list(profiles.values())]
    found = {**profiles, **contacts}
    return [[found[key.casefold()] for key in line] for line in chosen]


def _contact_items(person: Person, *, urls: bool) -> dict[str, ContactItem]:
    """E-mail, homepage, phone, location; ``urls`` shows link targets instead of labels."""
    items = {}
    if person.phone:
        digits = "".join(ch for ch in person.phone if ch.isdigit() or ch == "+")
        items["phone"] = ContactItem(person.phone, f"tel:{digits}", "phone")
    if person.email:
        items["email"] = ContactItem(person.email, f"mailto:{person.email}", "email")
    if person.homepage:
        label = person.homepage.url if urls else plain_text(person.homepage.label)
        items["homepage"] = ContactItem(label, person.homepage.url, "homepage")
    if person.location:
        items["location"] = ContactItem(person.location, None, "location")
    return items


def _contact_line(items: list[ContactItem], ctx: LayoutContext) -> ContactLine:
    """Icons are drawn as outlines, so the text layer holds only the words."""
    theme, style = ctx.theme, ctx.styles.contact
    icons = theme.contact_icons
    return ContactLine(
        [ContactItem(visible(item.text), item.url, item.icon if icons else None) for item in items],
        font_name=style.fontName,
        font_size_pt=style.fontSize,
        color=style.textColor,
        link_color=HexColor(theme.link_color) if theme.link_style == "colour" else style.textColor,
        icon_color=HexColor(theme.accent),
        icon_size_pt=round(style.fontSize * 0.9, 2),
        gap_pt=style.fontSize * 1.1,
        separator=ctx.settings.contact_separator or (None if icons else theme.contact_separator),
        leading_pt=style.leading,
        text_runs=lambda text: font_runs(text, theme.font_family),
        underline_links=theme.link_style == "underline",
    )


def _with_portrait(lines: list[Flowable], portrait: PlacedImage, ctx: LayoutContext) -> Table:
    """Three columns, the outer two as wide as the portrait, so the name stays centred."""
    side = portrait.width + ctx.theme.logo_gap_pt
    table = Table(
        [[[], lines, portrait]],
        colWidths=[side, ctx.width_pt - 2 * side, side],
        style=ctx.table_style(
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (2, 0), (2, 0), "RIGHT")
        ),
    )
    return table
