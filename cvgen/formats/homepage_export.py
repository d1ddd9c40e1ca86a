"""A profile → the owner's MkDocs-Material homepage (``docs/index.md``).

Render writes the whole page; update rewrites only the regions between
``<!-- cvgen:begin NAME -->`` and ``<!-- cvgen:end -->`` so hand-written text survives.
The page's conventions (shared with the import) are in ``homepage_markup``.
"""

from __future__ import annotations

from pathlib import Path

from cvgen.dates import PartialDate
from cvgen.errors import CvgenError
from cvgen.formats.homepage_markup import (
    ICON_OF_LABEL,
    MARKER,
    PAGE_MONTHS,
    REGIONS,
    escape,
)
from cvgen.formats.mkdocs import GENERIC_LINK_ICON, icon_for_network
from cvgen.inline import plain_text
from cvgen.profile import (
    Advisor,
    AuthorFields,
    EducationEntry,
    EducationSection,
    Profile,
    Publication,
    PublicationsSection,
    name_key,
)

# How the page shows its images (CSS pixels); the site's copies are prepared at these sizes.
PORTRAIT_WIDTH_CSS_PX = 128
LOGO_BOX_CSS_PX = 64
CV_ICON = "material-file-account"  # a page with a person on it: Material's own "CV" icon
FRONT_MATTER = "---\nhide:\n  - navigation\n  - toc\n---\n"


def render_homepage(profile: Profile, *, cv_link: str | None) -> str:
    """The whole page: front matter, then every region between its markers."""
    regions = homepage_regions(profile, cv_link=cv_link)
    return FRONT_MATTER + "".join(f"\n{_marked(name, body)}" for name, body in regions.items())


def update_homepage(
    existing: str, profile: Profile, *, cv_link: str | None, file: Path | str | None = None
) -> str:
    """``existing`` with the text between each ``cvgen:begin NAME`` / ``cvgen:end`` pair
    regenerated; everything outside the markers is kept byte for byte.

    ``file`` only names the page in error messages.
    """
    regions = homepage_regions(profile, cv_link=cv_link)
    newline = "\r\n" if "\r\n" in existing else "\n"
    pieces: list[str] = []
    kept_from = 0
    open_region: tuple[str, int, int] | None = None  # name, line, where its text starts
    markers = list(MARKER.finditer(existing))
    if not markers:
        raise CvgenError(
            "no cvgen markers in the page: put '<!-- cvgen:begin NAME -->' and '<!-- cvgen:end -->'"
            f" lines around each part cvgen should write (NAME: {', '.join(REGIONS)})",
            file=file,
        )
    for marker in markers:
        line = existing.count("\n", 0, marker.start()) + 1
        body = marker["body"].split()
        if body[:1] == ["begin"] and len(body) == 2 and body[1] in REGIONS:
            if open_region:
                raise CvgenError(
                    f"'cvgen:begin {body[1]}' inside the open '{open_region[0]}' region"
                    f" (begun on line {open_region[1]})",
                    file=file,
                    line=line,
                )
            text_start = existing.find("\n", marker.end()) + 1 or len(existing)
            open_region = (body[1], line, text_start)
        elif body == ["end"]:
            if not open_region:
                raise CvgenError(
                    "'cvgen:end' without a 'cvgen:begin NAME' before it", file=file, line=line
                )
            pieces += [
                existing[kept_from : open_region[2]],
                _region_text(regions[open_region[0]]).replace("\n", newline),
            ]
            kept_from = marker.start()
            open_region = None
        else:
            raise CvgenError(
                f"unknown cvgen marker '{marker['body']}'; write 'cvgen:begin NAME'"
                f" (NAME: {', '.join(REGIONS)}) or 'cvgen:end'",
                file=file,
                line=line,
            )
    if open_region:
        raise CvgenError(
            f"'cvgen:begin {open_region[0]}' is never closed by '<!-- cvgen:end -->'",
            file=file,
            line=open_region[1],
        )
    return "".join(pieces) + existing[kept_from:]


def _marked(name: str, body: str) -> str:
    return f"<!-- cvgen:begin {name} -->\n{_region_text(body)}<!-- cvgen:end -->\n"


def _region_text(body: str) -> str:
    # Blank lines around the Markdown, so the comment lines never glue onto a paragraph.
    return f"\n{body}\n\n" if body else "\n"


def homepage_regions(profile: Profile, *, cv_link: str | None) -> dict[str, str]:
    """Each region's Markdown (without markers), in page order: header, bio, news, then
    education and publications in the order the profile first lists them."""
    regions = {
        "header": _header_markdown(profile, cv_link),
        "bio": f"## Bio\n\n{profile.person.bio}" if profile.person.bio else "",
        "news": _news_markdown(profile),
    }
    kinds = [s.kind for s in profile.sections if s.kind in ("education", "publications")]
    for kind in [*dict.fromkeys(kinds), "education", "publications"]:
        regions.setdefault(kind, _sections_markdown(profile, kind))
    return regions


def _header_markdown(profile: Profile, cv_link: str | None) -> str:
    person = profile.person
    heading = f"# {escape(person.name)}"
    if person.portrait:
        alt = _alt_text(person.name)
        heading += f" ![{alt}]({person.portrait}){{ align=right width={PORTRAIT_WIDTH_CSS_PX} }}"
    lines = [heading]
    if person.office:
        lines.append(
            f"*:fontawesome-solid-building: Office: [{person.office.label}]({person.office.url})*"
        )
    if person.email:
        lines.append(
            f"*:fontawesome-solid-inbox: Email:"
            f" [{_obfuscated(person.email)}](mailto:{person.email})*"
        )
    icons = [f"[:{CV_ICON}:]({cv_link})"] if cv_link else []
    if person.email:
        icons.append(f"[:fontawesome-solid-envelope:](mailto:{person.email})")
    for link in person.profiles:
        icon = icon_for_network(link.network)
        # An unknown network keeps its name as the link text, so import can read it back.
        icons.append(
            f"[:{icon}:]({link.url})"
            if icon
            else f"[:{GENERIC_LINK_ICON}: {escape(link.network)}]({link.url})"
        )
    if icons:
        lines.append(f'<span style="font-size:2em;">{" ".join(icons)}</span>')
    return "\n\n".join(lines)


def _obfuscated(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local} [at] {domain.replace('.', ' [dot] ')}"


def _news_markdown(profile: Profile) -> str:
    if not profile.news:
        return ""
    items = [
        f"* **{_date_on_page(item.date)}**: {item.text}" if item.date else f"* {item.text}"
        for item in profile.news
    ]
    return "## News\n\n" + "\n".join(items)


def _sections_markdown(profile: Profile, kind: str) -> str:
    parts = []
    for section in profile.sections:
        if isinstance(section, EducationSection) and kind == "education":
            parts.append(
                "\n\n".join([f"## {section.title}", *map(_education_markdown, section.entries)])
            )
        elif isinstance(section, PublicationsSection) and kind == "publications":
            owner = profile.person.owner_keys()
            entries = [_publication_markdown(pub, owner) for pub in section.entries]
            parts.append("\n\n".join([f"## {section.title}", *entries]))
    return "\n\n".join(parts)


def _education_markdown(entry: EducationEntry) -> str:
    heading = f"### [{entry.institution}]({entry.url})" if entry.url else f"### {entry.institution}"
    if entry.logo:
        alt = _alt_text(f"{entry.institution} logo")
        heading += f" ![{alt}]({entry.logo}){{ align=right width={LOGO_BOX_CSS_PX} }}"
    blocks = [heading]
    if entry.start or entry.end:
        dates = [_date_on_page(d) if d else "" for d in (entry.start, entry.end)]
        blocks.append(f"*{' -- '.join(dates).strip()}*")
    advised = _names_markdown(entry.advisors)
    if entry.degree:
        degree = _emphasised(entry.degree, "**")
        blocks.append(f"{degree}, advised by {advised}" if advised else degree)
    elif advised:
        blocks.append(f"Advised by {advised}")
    if entry.mentors:  # the import reads this line back as mentors
        blocks.append(f"Mentored by {_names_markdown(entry.mentors)}")
    # A line of names with its own label (the import keeps it as a detail line).
    blocks += [f"{escape(line.label)} {_names_markdown(line.names)}" for line in entry.people]
    if entry.details:
        blocks.append("\n".join(f"* {detail}" for detail in entry.details))
    return "\n\n".join(blocks)


def _names_markdown(people: list[Advisor]) -> str:
    """ "A", "A and B", "A, B and C"; each with its title and link."""
    names = [_advisor_markdown(person) for person in people]
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]


def _advisor_markdown(advisor: Advisor) -> str:
    name = f"[{escape(advisor.name)}]({advisor.url})" if advisor.url else escape(advisor.name)
    return f"{escape(advisor.title)} {name}" if advisor.title else name


def _date_on_page(value: PartialDate) -> str:
    if value.present:
        return "Present"
    if value.month is None:
        return str(value.year)
    month = PAGE_MONTHS[value.month - 1]
    return f"{month} {value.day}, {value.year}" if value.day else f"{month} {value.year}"


def _publication_markdown(pub: Publication, owner: frozenset[str]) -> str:
    title = f"[{pub.title}]({pub.url})" if pub.url else pub.title
    blocks = [_emphasised(title, "**")]
    if pub.authors:
        blocks.append(", ".join(_author_markdown(author, owner) for author in pub.authors))
    venue = " ".join(part for part in (pub.status, pub.venue) if part)
    links = "".join(
        f"&nbsp;&nbsp;[:{_icon_for_label(link.label)}: {link.label}]({link.url})"
        for link in pub.links
    )
    if venue or links:
        blocks.append(_emphasised(venue, "*") + links)
    if pub.note:
        blocks.append(pub.note)
    return "\n\n".join(blocks)


def _author_markdown(author: AuthorFields, owner: frozenset[str]) -> str:
    shown = ("\\*" if author.equal else "") + escape(author.name)
    return f"<u>{shown}</u>" if name_key(author.name) in owner else shown


def _emphasised(text: str, mark: str) -> str:
    """``text`` in bold or italics, unless it has emphasis of its own: emphasis nested in
    emphasis (``***Ph.D* in ML**``) is where Markdown parsers disagree."""
    return text if not text or "*" in text else f"{mark}{text}{mark}"


def _alt_text(text: str) -> str:
    """An image's alt text: what the text says, without brackets that would end it early."""
    return plain_text(text).replace("[", "").replace("]", "").strip()


def _icon_for_label(label: str) -> str:
    plain = plain_text(label).strip()
    return ICON_OF_LABEL.get(plain.casefold()) or icon_for_network(plain) or GENERIC_LINK_ICON
