"""The profile: who the person is and which sections their CV has, as typed values.

Frozen dataclasses (``@record``) with their rules declared beside each field
(``modelrules``); validated once at the edge (``loader.py`` through ``validation.py``),
and everything after trusts them. Knows nothing of files, YAML or PDF, and imports no
pydantic: a profile restored from the cache is laid out without it.
"""

from __future__ import annotations

import unicodedata
from string import Formatter
from typing import Annotated, Any, Literal, Self

from cvgen.dates import DateFormat, PartialDate, ends_before_start, parse_partial_date
from cvgen.inline import link_targets
from cvgen.links import check_email, normalize_url
from cvgen.locale import parse_locale
from cvgen.modelrules import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlacedError,
    PlainSerializer,
    PlainValidator,
    Record,
    WholeCheck,
    WithJsonSchema,
    empty,
    made_by_default,
    record,
)


def _check_inline_links(text: str) -> str:
    for url in link_targets(text):
        normalize_url(url)
    return text


def _parse_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    return parse_partial_date(str(value))


ORGANIZATION_FIRST = "organization-first"
_HEADING_FIELDS = frozenset({"role", "organization"})


def check_entry_heading(value: str) -> str:
    """``organization-first``, or a pattern of ``{role}`` and ``{organization}``."""
    if value == ORGANIZATION_FIRST:
        return value
    try:
        names = {name for _, name, _, _ in Formatter().parse(value) if name is not None}
    except ValueError:
        raise ValueError(
            f"unbalanced braces in {value!r}; write {{{{ and }}}} for braces"
        ) from None
    unknown = names - _HEADING_FIELDS
    if unknown or "role" not in names:
        raise ValueError(
            f"expected {ORGANIZATION_FIRST!r} or a pattern with {{role}} and {{organization}}"
            f" such as '{{role}}, {{organization}}', got {value!r}"
        )
    return value


EntryHeading = Annotated[
    str,
    AfterValidator(check_entry_heading),
    Field(
        description="'{role} at {organization}', '{role}, {organization}', or "
        "'organization-first' (organisation in bold, role in italics below)"
    ),
]
OwnerHighlight = Literal["bold", "underline", "both"]
Url = Annotated[str, AfterValidator(normalize_url)]
Email = Annotated[str, AfterValidator(check_email)]
# Text may carry inline markup (see inline.py); its links obey the same rules as Url.
Text = Annotated[str, AfterValidator(_check_inline_links)]
Date = Annotated[
    PartialDate,
    BeforeValidator(_parse_date),
    PlainSerializer(str, return_type=str),
    # YAML editors read a bare 2019 as a number: the schema allows it, as the loader does.
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^(\d{4}(-\d{1,2}(-\d{1,2})?)?|present)$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ]
        }
    ),
]


class TaggedText(str):
    """Text that may carry variant tags; everywhere else it is just the string."""

    tags: tuple[str, ...]

    def __new__(cls, text: str, tags: tuple[str, ...] = ()) -> Self:
        made = super().__new__(cls, text)
        made.tags = tags
        return made


def _tagged_text(value: Any) -> TaggedText:
    """``"text"`` or ``{text: ..., tags: [...]}``."""
    if isinstance(value, TaggedText):
        return value
    if isinstance(value, str):
        return TaggedText(_check_inline_links(value))
    if (
        isinstance(value, dict)
        and isinstance(value.get("text"), str)
        and set(value) <= {"text", "tags"}
    ):
        tags = value.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise ValueError("tags must be a list of words")
        return TaggedText(_check_inline_links(value["text"]), tuple(tags))
    raise ValueError("expected text, or a mapping with 'text' and 'tags'")


def _tagged_text_out(value: TaggedText) -> str | dict[str, Any]:
    tags = getattr(value, "tags", ())
    return {"text": str(value), "tags": list(tags)} if tags else str(value)


TaggedLine = Annotated[
    str,
    PlainValidator(_tagged_text),
    PlainSerializer(_tagged_text_out),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string"},
                        "tags": {"type": "array", "items": {"type": "string"}},
                    },
                    "required": ["text"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]
Locale = Annotated[
    str,
    AfterValidator(parse_locale),
    Field(description="CLDR locale of the CV's words and dates: en, de, fr, es, zh, pt_BR, ..."),
]
Tags = Annotated[list[str], Field(description="variants include or exclude by these")]
ImagePath = Annotated[str, Field(min_length=1, description="relative to the profile file")]


class Dated(WholeCheck):
    """An entry with a start and an end (its own fields, in its own order): the end may not
    come before the start."""

    start: PartialDate | None
    end: PartialDate | None

    def check_whole(self) -> None:
        if ends_before_start(self.start, self.end):
            raise PlacedError(
                ("end",), f"ends ({self.end}) before it starts ({self.start}); check the years"
            )


@record
class Link(Record):
    label: Text
    url: Url


@record
class SocialProfile(Record):
    network: Annotated[str, Field(description="GitHub, LinkedIn, Google Scholar, DBLP, ORCID, ...")]
    url: Url
    username: str | None = None


@record
class NewsItem(Record):
    date: Date | None = None
    text: Text


def name_key(name: str) -> str:
    """How names are matched (the owner in author lists): spacing and case do not count."""
    return " ".join(name.split()).casefold()


def check_visible_name(value: str) -> str:
    """A name must show: spaces, zero-width characters or lone combining marks print as
    nothing, and a CV (and its file name) without a name is no CV."""
    if all(unicodedata.category(ch)[0] in "ZCM" for ch in value):  # spaces, controls, marks
        raise ValueError(f"a name needs at least one visible character, got {value!a}")
    return value


@record
class Person(Record):
    name: Annotated[str, AfterValidator(check_visible_name), Field(min_length=1)]
    name_variants: Annotated[
        list[str], Field(description="other spellings of the name, highlighted in author lists")
    ] = empty(list)
    tagline: Text | None = None
    email: Email | None = None
    phone: str | None = None
    homepage: Link | None = None
    office: Link | None = None
    location: str | None = None
    portrait: ImagePath | None = None
    bio: Text | None = None
    profiles: list[SocialProfile] = empty(list)

    def owner_keys(self) -> frozenset[str]:
        """The name and its variants as ``name_key`` gives them."""
        return frozenset(name_key(name) for name in (self.name, *self.name_variants))


@record
class Advisor(Record):
    name: Annotated[str, Field(min_length=1)]
    title: Annotated[str | None, Field(description="shown before the name, e.g. Prof.")] = None
    url: Url | None = None


def _person_from_text(value: Any) -> Any:
    """``"Prof. Ada Lovelace"`` is shorthand for ``{name: Prof. Ada Lovelace}``."""
    return {"name": value} if isinstance(value, str) else value


PersonRef = Annotated[
    Advisor, BeforeValidator(_person_from_text, json_schema_input_type=str | Advisor)
]


@record
class PeopleLine(Record):
    """A line of names with its own label: ``{label: "Mentor:", names: [...]}``."""

    label: Annotated[
        str, Field(min_length=1, description="printed before the names, e.g. 'Advisors:'")
    ]
    names: Annotated[list[PersonRef], Field(min_length=1)]


Mentors = Annotated[list[PersonRef], Field(description="a line 'Mentored by …'")]
PeopleLines = Annotated[
    list[PeopleLine], Field(description="more lines of names, each with its own label")
]


@record
class EducationEntry(Dated):
    tags: Tags = empty(list)
    institution: Text
    url: Url | None = None
    logo: ImagePath | None = None
    location: str | None = None
    start: Date | None = None
    end: Date | None = None
    degree: Text | None = None
    advisors: list[Advisor] = empty(list)
    mentors: Mentors = empty(list)
    people: PeopleLines = empty(list)
    details: list[TaggedLine] = empty(list)


def _author_from_text(value: Any) -> Any:
    """``"Jane Doe*"`` is shorthand for an equal-contribution author."""
    if isinstance(value, str):
        name = value.strip()
        equal = name.endswith("*")
        return {"name": name.rstrip("*").strip(), "equal": equal}
    return value


@record
class AuthorFields(Record):
    name: Annotated[str, Field(min_length=1)]
    equal: Annotated[bool, Field(description="equal contribution (marked *)")] = False
    note: Annotated[str | None, Field(description="e.g. co-1st author")] = None


Author = Annotated[
    AuthorFields, BeforeValidator(_author_from_text, json_schema_input_type=str | AuthorFields)
]


@record
class Publication(Record):
    tags: Tags = empty(list)
    title: Text
    url: Url | None = None
    authors: list[Author] = empty(list)
    venue: Text | None = None
    status: Annotated[Text | None, Field(description="e.g. In submission to")] = None
    volume: Text | None = None
    number: Annotated[Text | None, Field(description="the issue or report number")] = None
    pages: Annotated[Text | None, Field(description="e.g. 45–67")] = None
    publisher: Text | None = None
    date: Date | None = None
    note: Text | None = None
    links: list[Link] = empty(list)
    equal_contribution_note: Annotated[
        bool | None,
        Field(description="say '(* Equal contribution)' after this entry (default: settings')"),
    ] = None


@record
class ExperienceEntry(Dated):
    tags: Tags = empty(list)
    role: Text
    organization: Text | None = None
    url: Annotated[Url | None, Field(description="the organization's link")] = None
    logo: ImagePath | None = None
    location: str | None = None
    start: Date | None = None
    end: Date | None = None
    advisors: list[Advisor] = empty(list)
    mentors: Mentors = empty(list)
    people: PeopleLines = empty(list)
    bullets: list[TaggedLine] = empty(list)


@record
class Item(Dated):
    tags: Tags = empty(list)
    text: Text
    details: Annotated[Text | None, Field(description="a second, plain line under the text")] = None
    start: Date | None = None
    end: Date | None = None
    by: Annotated[
        Text | None,
        Field(description="who gave it (an award's awarder, a certificate's issuer)"),
    ] = None


@record
class Referee(Record):
    tags: Tags = empty(list)
    name: Annotated[str, Field(min_length=1)]
    title: str | None = None
    affiliation: Text | None = None
    email: Email | None = None
    url: Url | None = None
    quote: Annotated[Text | None, Field(description="what they wrote about you")] = None


@record
class SectionBase(Record):
    title: Annotated[str, Field(min_length=1)]
    date_format: Annotated[
        DateFormat | None, Field(description="overrides the date format for this section")
    ] = None
    page_break_before: Annotated[bool, Field(description="start this section on a new page")] = (
        False
    )
    present_label: Annotated[
        str | None,
        Field(description="the open end of a date range here (default: settings')"),
    ] = None


@record
class EducationSection(SectionBase):
    kind: Literal["education"]
    entries: list[EducationEntry]


@record
class BibtexSource(Record):
    file: Annotated[str, Field(min_length=1, description="a .bib file, relative to the profile")]
    keys: Annotated[
        list[str] | None,
        Field(description="these entries only, in this order (default: all, newest first)"),
    ] = None


@record
class PublicationsSection(SectionBase):
    kind: Literal["publications"]
    entries: list[Publication] = empty(list)
    bibtex: Annotated[
        BibtexSource | None, Field(description="more entries from a .bib file, after these")
    ] = None


@record
class ExperienceSection(SectionBase):
    kind: Literal["experience"]
    entries: list[ExperienceEntry]
    entry_heading: EntryHeading | None = None


@record
class TextSection(SectionBase):
    kind: Literal["text"]
    text: Text


@record
class ItemsSection(SectionBase):
    kind: Literal["items"]
    entries: list[Item]


@record
class RefereesSection(SectionBase):
    kind: Literal["referees"]
    entries: list[Referee]


Section = Annotated[
    EducationSection
    | PublicationsSection
    | ExperienceSection
    | TextSection
    | ItemsSection
    | RefereesSection,
    Field(discriminator="kind"),
]


@record
class Settings(Record):
    page_size: Annotated[
        Literal["A4", "Letter"] | None, Field(description="default: the theme's")
    ] = None
    date_format: Annotated[DateFormat | None, Field(description="default: the theme's")] = None
    date_separator: Annotated[str | None, Field(description="default: the theme's")] = None
    locale: Annotated[Locale | None, Field(description="default: English")] = None
    present_label: Annotated[str | None, Field(description="default: the locale's word")] = None
    filename: Annotated[
        str,
        Field(description="output file name; fields {name} and {date} (strftime after the colon)"),
    ] = "CV-{name}_{date:%Y%m%d}.pdf"
    variant_filename: Annotated[
        str, Field(description="file name of a variant's CV; also takes {variant}")
    ] = "CV-{name}_{variant}_{date:%Y%m%d}.pdf"
    equal_contribution_note: Annotated[
        str | None,
        Field(description="the legend under starred authors (default: the locale's)"),
    ] = None
    equal_contribution: Annotated[
        Literal["legend", "entries", "both"],
        Field(
            description="explain '*' once after the last publications (legend), after each "
            "entry with starred authors (entries), or both"
        ),
    ] = "legend"
    entry_heading: EntryHeading | None = None
    owner_highlight: Annotated[
        OwnerHighlight | None,
        Field(description="the owner's name in author lists (default: the theme's)"),
    ] = None
    contact_lines: Annotated[
        list[list[str]] | None,
        Field(
            description="the header's contact items by line: email, phone, homepage, "
            "location or a profile's network, e.g. [[phone, location], [email, homepage, "
            "LinkedIn]]; only these print"
        ),
    ] = None
    contact_separator: Annotated[
        str | None, Field(description="between contact items, e.g. ⋄ (default: the theme's)")
    ] = None
    footer: Annotated[bool | None, Field(description="page numbers and 'Last updated'")] = None
    title: Annotated[Text | None, Field(description="a line under the name")] = None
    max_pages: Annotated[int | None, Field(ge=1, description="warn when the CV runs longer")] = None
    fit: Annotated[
        Literal["none", "pages"],
        Field(
            description="pages: tighten spacing, then type size, within the theme's bounds "
            "until the CV takes one page fewer (or fits max_pages); never drops content"
        ),
    ] = "none"


@record
class Variant(Record):
    """A tailored CV from the same data: which sections, which entries, how long."""

    sections: Annotated[
        list[str] | None,
        Field(description="section titles to print, in this order (default: all)"),
    ] = None
    include_tags: Annotated[
        list[str],
        Field(description="tagged entries and bullets print only with one of these tags"),
    ] = empty(list)
    exclude_tags: Annotated[
        list[str], Field(description="entries and bullets with these tags never print")
    ] = empty(list)
    max_entries: Annotated[
        int | dict[str, int] | None,
        Field(description="most entries per section: one number, or per section title"),
    ] = None
    title: Annotated[Text | None, Field(description="a line under the name")] = None
    max_pages: Annotated[int | None, Field(ge=1)] = None
    suffix: Annotated[
        str | None, Field(description="{variant} in the file name (default: the name)")
    ] = None
    theme: Annotated[
        str | None, Field(description="a built-in theme or a theme file for this variant")
    ] = None
    locale: Annotated[Locale | None, Field(description="this variant's language")] = None


@record
class Profile(WholeCheck):
    person: Person
    news: list[NewsItem] = empty(list)
    settings: Settings = made_by_default(Settings)
    sections: list[Section] = empty(list)
    variants: dict[str, Variant] = empty(dict)
    theme: Annotated[
        dict[str, Any],
        Field(
            description="base: a built-in theme (homepage, classic, ats) or a theme YAML "
            "file; any other key changes one theme value"
        ),
    ] = empty(dict)

    def check_whole(self) -> None:
        self._contact_lines_name_real_items()
        self._variants_name_real_sections()

    def _contact_lines_name_real_items(self) -> None:
        known = contact_keys(self.person)
        for i, line in enumerate(self.settings.contact_lines or []):
            for j, key in enumerate(line):
                if key.casefold() not in known:
                    have = ", ".join(known.values()) or "none"
                    raise PlacedError(
                        ("settings", "contact_lines", i, j),
                        f"no contact item {key!r}; this person has {have}",
                    )

    def _variants_name_real_sections(self) -> None:
        titles = {section.title for section in self.sections}
        for name, variant in self.variants.items():
            for index, title in enumerate(variant.sections or []):
                if title not in titles:
                    have = ", ".join(map(repr, sorted(titles))) or "none"
                    raise PlacedError(
                        ("variants", name, "sections", index),
                        f"no section titled {title!r}; the profile has {have}",
                    )


def contact_keys(person: Person) -> dict[str, str]:
    """The header's contact items this person has: casefolded key → key as shown."""
    keys = [k for k in ("email", "phone", "homepage", "location") if getattr(person, k)]
    keys += [p.network for p in person.profiles]
    return {key.casefold(): key for key in keys}
