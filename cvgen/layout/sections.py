"""One builder per section kind: profile entries → flowables."""

from __future__ import annotations

from typing import assert_never

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from cvgen.dates import DateFormat
from cvgen.layout import markup
from cvgen.layout.context import LayoutContext
from cvgen.layout.flowables import PlacedImage, SectionHeading
from cvgen.profile import (
    Advisor,
    AuthorFields,
    EducationEntry,
    EducationSection,
    ExperienceEntry,
    ExperienceSection,
    ItemsSection,
    Publication,
    PublicationsSection,
    RefereesSection,
    Section,
    TextSection,
)

def build_section(section: Section, index: int, ctx: LayoutContext) -> list[Flowable]:
    heading = section_heading(section.title, f"section-{index}", ctx)
    match section:
        case EducationSection():
            body = _entries(section.entries, lambda e: _education(e, section.date_format, ctx), ctx)
        case PublicationsSection():
            body = _publications(section, ctx)
        case ExperienceSection():
            body = _entries(section.entries, lambda e: _experience(e, section.date_format, ctx), ctx)
        case TextSection():
            body = [Paragraph(ctx.rich(section.text), ctx.styles.body)]
        case ItemsSection():
            body = _items(section, ctx)
        case RefereesSection():
            body = _referees(section, ctx)
        case _:
            assert_never(section)
    return [heading, *body]


def section_heading(title: str, key: str, ctx: LayoutContext) -> SectionHeading:
    theme = ctx.theme
    return SectionHeading(
        Paragraph(markup.text(title), ctx.styles.heading),
        key=key,
        outline_title=title,
        rule_color=HexColor(theme.rule_color),
        rule_width_pt=theme.rule_width_pt,
        gap_pt=2.0,
        space_before_pt=theme.section_space_before_pt,
        space_after_pt=theme.heading_space_after_pt,
    )


def _entries(entries, build_one, ctx: LayoutContext) -> list[Flowable]:  # type: ignore[no-untyped-def]
    flowables: list[Flowable] = []
    for position, entry in enumerate(entries):
        if position:
            flowables.append(Spacer(1, ctx.theme.entry_space_pt))
        flowables.extend(build_one(entry))
    return flowables


def _header_rows(rows: list[tuple[str, str]], logo: str | None, ctx: LayoutContext) -> Flowable:
    """Entry heading: text on the left, places and dates right-aligned; a logo beside."""
    styles = ctx.styles
    date_width = ctx.theme.date_column_pt
    image = ctx.images.get(logo) if logo else None
    text_width = ctx.width_pt
    if image is not None:
        text_width -= ctx.theme.logo_size_pt + ctx.theme.logo_gap_pt
    data = [
        [Paragraph(left, styles.entry_title if i == 0 else styles.subtitle),
         Paragraph(right, styles.entry_title_right if i == 0 else styles.right)]
        for i, (left, right) in enumerate(rows)
    ]
    table = Table(data, colWidths=[text_width - date_width, date_width], style=ctx.table_style())
    if image is None:
        return table
    return Table(
        [[PlacedImage(image), table]],
        colWidths=[ctx.theme.logo_size_pt + ctx.theme.logo_gap_pt, text_width],
        style=ctx.table_style(("VALIGN", (0, 0), (0, 0), "MIDDLE")),
    )


def _advised(advisors: list[Advisor], ctx: LayoutContext) -> str:
    names = []
    for advisor in advisors:
        prefix = f"{markup.text(advisor.title)} " if advisor.title else ""
        names.append(prefix + ctx.link(markup.text(advisor.name), advisor.url))
    return " and ".join(names)


def _education(entry: EducationEntry, fmt: DateFormat | None, ctx: LayoutContext) -> list[Flowable]:
    title = ctx.link(ctx.rich(entry.institution), entry.url, quiet=True)
    detail = ctx.rich(entry.degree) if entry.degree else ""
    if entry.advisors:
        detail += (", advised by " if detail else "Advised by ") + _advised(entry.advisors, ctx)
    rows = [(title, markup.text(entry.location or ""))]
    if detail or entry.start or entry.end:
        rows.append((detail, markup.text(ctx.dates(entry.start, entry.end, fmt))))
    header = _header_rows(rows, entry.logo, ctx)
    return [KeepTogether([header, *_bullets(entry.details, ctx)])]


def _experience(entry: ExperienceEntry, fmt: DateFormat | None, ctx: LayoutContext) -> list[Flowable]:
    title = ctx.rich(entry.role)
    if entry.organization:
        title += " at " + ctx.link(ctx.rich(entry.organization), entry.url)
    rows = [(title, markup.text(ctx.dates(entry.start, entry.end, fmt)))]
    if entry.advisors or entry.location:
        advised = "Advised by " + _advised(entry.advisors, ctx) if entry.advisors else ""
        rows.append((advised, markup.text(entry.location or "")))
    header = _header_rows(rows, entry.logo, ctx)
    bullets = _bullets(entry.bullets, ctx)
    if len(bullets) <= 3:
        return [KeepTogether([header, *bullets])]  # a short entry is never split
    header.keepWithNext = True
    return [header, *bullets]


def _bullets(texts: list[str], ctx: LayoutContext) -> list[Flowable]:
    return [Paragraph(ctx.rich(t), ctx.styles.bullet, bulletText="•") for t in texts]


def _publications(section: PublicationsSection, ctx: LayoutContext) -> list[Flowable]:
    flowables = _entries(section.entries, lambda p: [_publication(p, ctx)], ctx)
    if any(author.equal for pub in section.entries for author in pub.authors):
        flowables.append(Spacer(1, ctx.theme.entry_space_pt * 0.6))
        flowables.append(Paragraph(markup.text(ctx.settings.equal_contribution_note), ctx.styles.note))
    return flowables


def _publication(pub: Publication, ctx: LayoutContext) -> Flowable:
    styles = ctx.styles
    parts: list[Flowable] = [Paragraph(ctx.link(ctx.rich(pub.title), pub.url), styles.entry_title)]
    if pub.authors:
        authors = ", ".join(_author(author, ctx) for author in pub.authors)
        parts.append(Paragraph(authors, styles.body))
    venue_line = _venue_line(pub, ctx)
    if venue_line:
        parts.append(Paragraph(venue_line, styles.body))
    if pub.note:
        parts.append(Paragraph(ctx.rich(pub.note), styles.note))
    return KeepTogether(parts)


def _author(author: AuthorFields, ctx: LayoutContext) -> str:
    shown = markup.text(author.name) + ("*" if author.equal else "")
    if author.note:
        shown += ("(" if author.equal else " (") + markup.text(author.note) + ")"
    return markup.bold(shown) if ctx.is_owner(author.name) else shown


def _venue_line(pub: Publication, ctx: LayoutContext) -> str:
    pieces = []
    if pub.status:
        pieces.append(ctx.rich(pub.status))
    if pub.venue:
        pieces.append(markup.italic(ctx.rich(pub.venue)))
    line = " ".join(pieces)
    links = [ctx.link(ctx.rich(link.label), link.url) for link in pub.links]
    if links:
        line += ("\u2003" if line else "") + "\u2002·\u2002".join(links)
    return line


def _items(section: ItemsSection, ctx: LayoutContext) -> list[Flowable]:
    rows = [
        [Paragraph(ctx.rich(item.text), ctx.styles.bullet, bulletText="•"),
         Paragraph(markup.text(ctx.dates(item.start, item.end, section.date_format)), ctx.styles.right)]
        for item in section.entries
    ]
    date_width = ctx.theme.date_column_pt
    style = ctx.table_style(("BOTTOMPADDING", (0, 0), (-1, -1), 1.5))
    return [Table(rows, colWidths=[ctx.width_pt - date_width, date_width], style=style)]


def _referees(section: RefereesSection, ctx: LayoutContext) -> list[Flowable]:
    cells = []
    for referee in section.entries:
        name = f"{referee.title} {referee.name}" if referee.title else referee.name
        line = markup.bold(ctx.link(markup.text(name), referee.url) + (":" if referee.email else ""))
        if referee.email:
            line += " " + ctx.link(markup.text(referee.email), f"mailto:{referee.email}")
        if referee.affiliation:
            line += "<br/>" + ctx.rich(referee.affiliation)
        cells.append(Paragraph(line, ctx.styles.body))
    columns = 2
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    rows[-1] += [[]] * (columns - len(rows[-1]))
    style = ctx.table_style(("BOTTOMPADDING", (0, 0), (-1, -1), 3))
    return [Table(rows, colWidths=[ctx.width_pt / columns] * columns, style=style, hAlign="LEFT")]
