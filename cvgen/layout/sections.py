"""One builder per section kind: profile entries → flowables."""

from __future__ import annotations

from dataclasses import replace
from string import Formatter
from typing import Any, assert_never

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from cvgen.dates import DateFormat
from cvgen.fonts import text_width
from cvgen.inline import plain_text
from cvgen.layout import markup
from cvgen.layout.context import LayoutContext
from cvgen.layout.flowables import KeepShortTogether, Para, PlacedImage, SectionHeading
from cvgen.locale import labelled
from cvgen.profile import (
    ORGANIZATION_FIRST,
    Advisor,
    AuthorFields,
    EducationEntry,
    EducationSection,
    ExperienceEntry,
    ExperienceSection,
    Item,
    ItemsSection,
    PeopleLine,
    Publication,
    PublicationsSection,
    RefereesSection,
    Section,
    TextSection,
)

ENTRY_HEAD = 2  # an entry's header and its first line of content stay together
ENTRY_HEAD_LINES = 3  # of a long first paragraph, this many lines go with the header

Block = list[Flowable]  # one entry: its heading lines first


def build_section(
    section: Section, index: int, ctx: LayoutContext, *, legend: bool = False
) -> list[Flowable]:
    """The heading travels with the first lines of the first entry, never alone.
    ``legend``: this section carries the CV's one explanation of "*" (see story.py)."""
    if section.present_label is not None:
        ctx = replace(ctx, present_label=section.present_label)
    heading = section_heading(section.title, f"section-{index}", ctx)
    blocks = _blocks(section, legend, ctx)
    flowables: list[Flowable] = [PageBreak()] if section.page_break_before else []
    for position, block in enumerate(blocks):
        if position:
            flowables.append(Spacer(1, ctx.theme.entry_space_pt))
        lead = [heading] if position == 0 else []
        flowables.append(
            KeepShortTogether(
                [*lead, *block],
                head_count=len(lead) + ENTRY_HEAD,
                max_height_pt=ctx.theme.keep_together_max_pt,
                first_lines_pt=ENTRY_HEAD_LINES * ctx.theme.leading_pt,
            )
        )
    return flowables if blocks else [*flowables, heading]


def _blocks(section: Section, legend: bool, ctx: LayoutContext) -> list[Block]:
    match section:
        case EducationSection():
            return [_education(e, section.date_format, ctx) for e in section.entries]
        case PublicationsSection():
            return _publications(section, legend, ctx)
        case ExperienceSection():
            heading = section.entry_heading or ctx.entry_heading
            return [_experience(e, section.date_format, heading, ctx) for e in section.entries]
        case TextSection():
            return [[Para(ctx.rich(section.text), ctx.styles.body)]]
        case ItemsSection():
            return [_item(item, section.date_format, ctx) for item in section.entries]
        case RefereesSection():
            return [_referees(section, ctx)] if section.entries else []
        case _:
            assert_never(section)


def section_heading(title: str, key: str, ctx: LayoutContext) -> SectionHeading:
    theme = ctx.theme
    return SectionHeading(
        Para(
            ctx.text(title.upper() if theme.heading_case == "upper" else title), ctx.styles.heading
        ),
        key=key,
        outline_title=title,
        rule_color=HexColor(theme.rule_color),
        rule_width_pt=theme.rule_width_pt,
        gap_pt=2.0,
        space_before_pt=theme.section_space_before_pt,
        space_after_pt=theme.heading_space_after_pt,
    )


def _header_rows(rows: list[tuple[str, str]], logo: str | None, ctx: LayoutContext) -> Flowable:
    """Entry heading: markup on the left, plain places and dates right-aligned; a logo beside."""
    styles = ctx.styles
    date_width = _right_column_pt([right for _, right in rows], ctx)
    image = ctx.images.get(logo) if logo else None
    text_width = ctx.width_pt
    if image is not None:
        text_width -= ctx.theme.logo_size_pt + ctx.theme.logo_gap_pt
    data = [
        [
            Para(left, styles.entry_title if i == 0 else styles.subtitle),
            Para(ctx.text(right), styles.entry_title_right if i == 0 else styles.right),
        ]
        for i, (left, right) in enumerate(rows)
    ]
    table = Table(
        data, colWidths=[text_width - date_width, date_width], style=ctx.table_style(), splitInRow=1
    )
    if image is None:
        return table
    return Table(
        [[PlacedImage(image, readers=ctx.readers), table]],
        colWidths=[ctx.theme.logo_size_pt + ctx.theme.logo_gap_pt, text_width],
        style=ctx.table_style(("VALIGN", (0, 0), (0, 0), "MIDDLE")),
    )


def _right_column_pt(texts: list[str], ctx: LayoutContext) -> float:
    """Wide enough that "Feb 2021 – Nov 2021" never wraps; at least the theme's width."""
    style = ctx.styles.right
    widest = max(text_width(text, style.fontName, style.fontSize) for text in texts)
    return min(max(ctx.theme.date_column_pt, widest + 2), ctx.width_pt * 0.45)


def _advised(advisors: list[Advisor], ctx: LayoutContext) -> str:
    names = []
    for advisor in advisors:
        prefix = f"{ctx.text(advisor.title)} " if advisor.title else ""
        names.append(prefix + ctx.link(ctx.text(advisor.name), advisor.url))
    return ctx.words.and_.join(names)


def _education(entry: EducationEntry, fmt: DateFormat | None, ctx: LayoutContext) -> Block:
    title = ctx.link(ctx.rich(entry.institution), entry.url, quiet=True)
    detail = ctx.rich(entry.degree) if entry.degree else ""
    if entry.advisors:
        label = ctx.words.advised_by
        lead = f", {label[:1].lower()}{label[1:]}" if detail else label
        detail += labelled(ctx.text(lead), _advised(entry.advisors, ctx))
    rows = [(title, entry.location or "")]
    if detail or entry.start or entry.end:
        rows.append((detail, ctx.dates(entry.start, entry.end, fmt)))
    rows += [(line, "") for line in _people_lines([], entry.mentors, entry.people, ctx)]
    return [_header_rows(rows, entry.logo, ctx), *_bullets(entry.details, ctx)]


def _experience(
    entry: ExperienceEntry, fmt: DateFormat | None, heading: str, ctx: LayoutContext
) -> Block:
    """The heading as ``heading`` says; then people lines, the first beside the location."""
    role = ctx.rich(entry.role)
    organization = ctx.link(ctx.rich(entry.organization), entry.url) if entry.organization else ""
    dates = ctx.dates(entry.start, entry.end, fmt)
    people = _people_lines(entry.advisors, entry.mentors, entry.people, ctx)
    if organization and heading == ORGANIZATION_FIRST:
        rows = [(organization, dates), (markup.italic(role), entry.location or "")]
        rows += [(line, "") for line in people]
    else:
        if organization:
            role = fill_pattern(heading, {"role": role, "organization": organization}, ctx)
        rows = [(role, dates)]
        if people or entry.location:
            rows.append((people[0] if people else "", entry.location or ""))
            rows += [(line, "") for line in people[1:]]
    return [_header_rows(rows, entry.logo, ctx), *_bullets(entry.bullets, ctx)]


def _people_lines(
    advisors: list[Advisor], mentors: list[Advisor], people: list[PeopleLine], ctx: LayoutContext
) -> list[str]:
    """ "Advised by …", "Mentored by …", then each free line with its own label."""
    labelled_names = [
        (ctx.words.advised_by, advisors),
        (ctx.words.mentored_by, mentors),
        *((line.label, line.names) for line in people),
    ]
    return [
        labelled(ctx.text(label), _advised(names, ctx)) for label, names in labelled_names if names
    ]


def fill_pattern(pattern: str, fields: dict[str, str], ctx: LayoutContext) -> str:
    """``pattern``'s literal text escaped, its ``{field}``s replaced by ready markup.
    Patterns are checked when loaded: only known fields, balanced braces."""
    pieces = []
    for literal, name, _, _ in Formatter().parse(pattern):
        pieces.append(ctx.text(literal) if literal else "")
        if name is not None:
            pieces.append(fields[name])
    return "".join(pieces)


def _bullets(texts: list[str], ctx: LayoutContext) -> list[Flowable]:
    return [Para(ctx.rich(t), ctx.styles.bullet, bulletText="•") for t in texts]


def has_equal_authors(section: Section) -> bool:
    return isinstance(section, PublicationsSection) and any(
        author.equal for pub in section.entries for author in pub.authors
    )


def _publications(section: PublicationsSection, legend: bool, ctx: LayoutContext) -> list[Block]:
    """``legend``: this section ends with the CV's one explanation of "*"."""
    blocks = [_publication(pub, ctx) for pub in section.entries]
    if blocks and legend and ctx.settings.equal_contribution != "entries":
        legend_para = Para(ctx.text(_equal_note(ctx)), ctx.styles.note)
        blocks[-1] = [*blocks[-1], Spacer(1, ctx.theme.entry_space_pt * 0.6), legend_para]
    return blocks


def _equal_note(ctx: LayoutContext) -> str:
    return ctx.settings.equal_contribution_note or f"* {ctx.words.equal_contribution}"


def _publication(pub: Publication, ctx: LayoutContext) -> Block:
    """Title, authors and venue as the lines of one paragraph (a long list of papers
    lays out a third as many paragraphs); a note in its own smaller type."""
    title = markup.bold(ctx.link(ctx.rich(pub.title), pub.url))
    year = _year_to_print(pub)
    if year and ctx.theme.publication_year == "title":
        title += f" ({year})"
    lines = [title]
    if pub.authors:
        lines.append(", ".join(_author(author, ctx) for author in pub.authors))
    venue_line = _venue_line(pub, ctx, year if ctx.theme.publication_year == "venue" else None)
    if _says_equal_here(pub, ctx):
        venue_line += (" " if venue_line else "") + ctx.text(f"({_equal_note(ctx)})")
    if venue_line:
        lines.append(venue_line)
    parts: list[Flowable] = [Para("<br/>".join(lines), ctx.styles.body)]
    if pub.note:
        parts.append(Para(ctx.rich(pub.note), ctx.styles.note))
    return parts


def _year_to_print(pub: Publication) -> str | None:
    """The year, unless the venue already says it ("MLSys2023" needs no ", 2023")."""
    if pub.date is None or pub.date.present:
        return None
    year = f"{pub.date.year:04d}"
    written = " ".join(plain_text(part) for part in (pub.status, pub.venue) if part)
    return None if year in written else year


def _says_equal_here(pub: Publication, ctx: LayoutContext) -> bool:
    if not any(author.equal for author in pub.authors):
        return False
    if pub.equal_contribution_note is not None:
        return pub.equal_contribution_note
    return ctx.settings.equal_contribution != "legend"


def _author(author: AuthorFields, ctx: LayoutContext) -> str:
    shown = ctx.text(author.name) + ("*" if author.equal else "")
    if author.note:
        shown += ("(" if author.equal else " (") + ctx.text(author.note) + ")"
    if not ctx.is_owner(author.name):
        return shown
    highlight = ctx.owner_highlight
    if highlight in ("underline", "both"):
        shown = f"<u>{shown}</u>"
    return markup.bold(shown) if highlight in ("bold", "both") else shown


def _venue_line(pub: Publication, ctx: LayoutContext, year: str | None) -> str:
    """Compact, as bibliographies write it: "*Venue*, vol. 12, no. 3, pp. 45–67,
    Publisher, 2021", then the links."""
    venue = " ".join(
        piece
        for piece in (
            ctx.rich(pub.status) if pub.status else "",
            markup.italic(ctx.rich(pub.venue)) if pub.venue else "",
        )
        if piece
    )
    words = ctx.words
    pages_word = words.pages if pub.pages and _page_range(plain_text(pub.pages)) else words.one_page
    pieces = [
        venue,
        _filled(words.volume, ctx.rich(pub.volume), ctx) if pub.volume else "",
        _filled(words.number, ctx.rich(pub.number), ctx) if pub.number else "",
        _filled(pages_word, ctx.rich(pub.pages), ctx) if pub.pages else "",
        ctx.rich(pub.publisher) if pub.publisher else "",
        ctx.text(year) if year else "",
    ]
    line = ", ".join(piece for piece in pieces if piece)
    links = [ctx.link(ctx.rich(link.label), link.url) for link in pub.links]
    if links:
        line += ("\u2003" if line else "") + "\u2002·\u2002".join(links)
    return line


def _page_range(pages: str) -> bool:
    """A range or a list of pages ("pp."), not one page ("p.")."""
    return any(mark in pages for mark in "-–—,")


def _filled(word: str, value_markup: str, ctx: LayoutContext) -> str:
    """``vol. {value}`` with the value's markup in place; the word is literal text."""
    before, _, after = word.partition("{value}")
    return ctx.text(before) + value_markup + ctx.text(after)


def _item(item: Item, fmt: DateFormat | None, ctx: LayoutContext) -> Block:
    """One row per item, so the keep policy sees items one by one; rows may split."""
    date_width = ctx.theme.date_column_pt
    text = ctx.rich(item.text)
    if item.by:
        text += ", " + ctx.rich(item.by)
    if item.details:
        text += "<br/>" + ctx.rich(item.details)
    row = [
        Para(text, ctx.styles.bullet, bulletText="•"),
        Para(ctx.text(ctx.dates(item.start, item.end, fmt)), ctx.styles.right),
    ]
    widths = [ctx.width_pt - date_width, date_width]
    return [Table([row], colWidths=widths, style=ctx.table_style(), splitInRow=1)]


def _referees(section: RefereesSection, ctx: LayoutContext) -> Block:
    cells = []
    for referee in section.entries:
        name = f"{referee.title} {referee.name}" if referee.title else referee.name
        line = markup.bold(ctx.link(ctx.text(name), referee.url) + (":" if referee.email else ""))
        if referee.email:
            line += " " + ctx.link(ctx.text(referee.email), f"mailto:{referee.email}")
        if referee.affiliation:
            line += "<br/>" + ctx.rich(referee.affiliation)
        if referee.quote:
            line += "<br/>" + markup.italic("“" + ctx.rich(referee.quote) + "”")
        cells.append(Para(line, ctx.styles.body))
    columns = 2
    rows: list[list[Any]] = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    rows[-1] += [[]] * (columns - len(rows[-1]))
    # A gap between the columns, so a long quote never runs into the next referee's name.
    gap = ("RIGHTPADDING", (0, 0), (-2, -1), 2 * ctx.theme.entry_space_pt)
    style = ctx.table_style(("BOTTOMPADDING", (0, 0), (-1, -1), 3), gap)
    return [Table(rows, colWidths=[ctx.width_pt / columns] * columns, style=style, hAlign="LEFT")]
