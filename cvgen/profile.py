"""The profile: who the person is and which sections their CV has, as typed values.

Validated once at the edge (``loader.py``); everything after trusts it. Knows nothing
of files, YAML or PDF.
"""

from __future__ import annotations

import unicodedata
from string import Formatter
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from cvgen.dates import DateFormat, PartialDate, ends_before_start, parse_partial_date
from cvgen.inline import link_targets
from cvgen.links import check_email, normalize_url
from cvgen.locale import parse_locale


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


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Dated(Model):
    """An entry with a start and an end (its own fields, in its own order): the end may not
    come before the start."""

    @field_validator("end", check_fields=False)
    @classmethod
    def _not_before_start(cls, end: PartialDate | None, info: ValidationInfo) -> PartialDate | None:
        start = info.data.get("start")
        if ends_before_start(start, end):
            raise ValueError(f"ends ({end}) before it starts ({start}); check the years")
        return end


class Link(Model):
    label: Text
    url: Url


class SocialProfile(Model):
    network: str = Field(description="GitHub, LinkedIn, Google Scholar, DBLP, ORCID, ...")
    url: Url
    username: str | None = None


class NewsItem(Model):
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


class Person(Model):
    name: Annotated[str, AfterValidator(check_visible_name)] = Field(min_length=1)
    name_variants: list[str] = Field(
        default=[], description="other spellings of the name, highlighted in author lists"
    )
    tagline: Text | None = None
    email: Email | None = None
    phone: str | None = None
    homepage: Link | None = None
    office: Link | None = None
    location: str | None = None
    portrait: ImagePath | None = None
    bio: Text | None = None
    profiles: list[SocialProfile] = []

    def owner_keys(self) -> frozenset[str]:
        """The name and its variants as ``name_key`` gives them."""
        return frozenset(name_key(name) for name in (self.name, *self.name_variants))


class Advisor(Model):
    name: str = Field(min_length=1)
    title: str | None = Field(default=None, description="shown before the name, e.g. Prof.")
    url: Url | None = None


def _person_from_text(value: Any) -> Any:
    """``"Prof. Ada Lovelace"`` is shorthand for ``{name: Prof. Ada Lovelace}``."""
    return {"name": value} if isinstance(value, str) else value


PersonRef = Annotated[
    Advisor, BeforeValidator(_person_from_text, json_schema_input_type=str | Advisor)
]


class PeopleLine(Model):
    """A line of names with its own label: ``{label: "Mentor:", names: [...]}``."""

    label: str = Field(min_length=1, description="printed before the names, e.g. 'Advisors:'")
    names: list[PersonRef] = Field(min_length=1)


class EducationEntry(Dated):
    tags: Tags = []
    institution: Text
    url: Url | None = None
    logo: ImagePath | None = None
    location: str | None = None
    start: Date | None = None
    end: Date | None = None
    degree: Text | None = None
    advisors: list[Advisor] = []
    mentors: list[PersonRef] = Field(default=[], description="a line 'Mentored by …'")
    people: list[PeopleLine] = Field(
        default=[], description="more lines of names, each with its own label"
    )
    details: list[TaggedLine] = []


def _author_from_text(value: Any) -> Any:
    """``"Jane Doe*"`` is shorthand for an equal-contribution author."""
    if isinstance(value, str):
        name = value.strip()
        equal = name.endswith("*")
        return {"name": name.rstrip("*").strip(), "equal": equal}
    return value


class AuthorFields(Model):
    name: str = Field(min_length=1)
    equal: bool = Field(default=False, description="equal contribution (marked *)")
    note: str | None = Field(default=None, description="e.g. co-1st author")


Author = Annotated[
    AuthorFields, BeforeValidator(_author_from_text, json_schema_input_type=str | AuthorFields)
]


class Publication(Model):
    tags: Tags = []
    title: Text
    url: Url | None = None
    authors: list[Author] = []
    venue: Text | None = None
    status: Text | None = Field(default=None, description="e.g. In submission to")
    volume: Text | None = None
    number: Text | None = Field(default=None, description="the issue or report number")
    pages: Text | None = Field(default=None, description="e.g. 45–67")
    publisher: Text | None = None
    date: Date | None = None
    note: Text | None = None
    links: list[Link] = []
    equal_contribution_note: bool | None = Field(
        default=None,
        description="say '(* Equal contribution)' after this entry (default: settings')",
    )


class ExperienceEntry(Dated):
    tags: Tags = []
    role: Text
    organization: Text | None = None
    url: Url | None = Field(default=None, description="the organization's link")
    logo: ImagePath | None = None
    location: str | None = None
    start: Date | None = None
    end: Date | None = None
    advisors: list[Advisor] = []
    mentors: list[PersonRef] = Field(default=[], description="a line 'Mentored by …'")
    people: list[PeopleLine] = Field(
        default=[], description="more lines of names, each with its own label"
    )
    bullets: list[TaggedLine] = []


class Item(Dated):
    tags: Tags = []
    text: Text
    details: Text | None = Field(default=None, description="a second, plain line under the text")
    start: Date | None = None
    end: Date | None = None
    by: Text | None = Field(
        default=None, description="who gave it (an award's awarder, a certificate's issuer)"
    )


class Referee(Model):
    tags: Tags = []
    name: str = Field(min_length=1)
    title: str | None = None
    affiliation: Text | None = None
    email: Email | None = None
    url: Url | None = None
    quote: Text | None = Field(default=None, description="what they wrote about you")


class SectionBase(Model):
    title: str = Field(min_length=1)
    date_format: DateFormat | None = Field(
        default=None, description="overrides the date format for this section"
    )
    page_break_before: bool = Field(default=False, description="start this section on a new page")
    present_label: str | None = Field(
        default=None, description="the open end of a date range here (default: settings')"
    )


class EducationSection(SectionBase):
    kind: Literal["education"]
    entries: list[EducationEntry]


class BibtexSource(Model):
    file: str = Field(min_length=1, description="a .bib file, relative to the profile")
    keys: list[str] | None = Field(
        default=None, description="these entries only, in this order (default: all, newest first)"
    )


class PublicationsSection(SectionBase):
    kind: Literal["publications"]
    entries: list[Publication] = []
    bibtex: BibtexSource | None = Field(
        default=None, description="more entries from a .bib file, after these"
    )


class ExperienceSection(SectionBase):
    kind: Literal["experience"]
    entries: list[ExperienceEntry]
    entry_heading: EntryHeading | None = None


class TextSection(SectionBase):
    kind: Literal["text"]
    text: Text


class ItemsSection(SectionBase):
    kind: Literal["items"]
    entries: list[Item]


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


class Settings(Model):
    page_size: Literal["A4", "Letter"] | None = Field(
        default=None, description="default: the theme's"
    )
    date_format: DateFormat | None = Field(default=None, description="default: the theme's")
    date_separator: str | None = Field(default=None, description="default: the theme's")
    locale: Locale | None = Field(default=None, description="default: English")
    present_label: str | None = Field(default=None, description="default: the locale's word")
    filename: str = Field(
        default="CV-{name}_{date:%Y%m%d}.pdf",
        description="output file name; fields {name} and {date} (strftime after the colon)",
    )
    variant_filename: str = Field(
        default="CV-{name}_{variant}_{date:%Y%m%d}.pdf",
        description="file name of a variant's CV; also takes {variant}",
    )
    equal_contribution_note: str | None = Field(
        default=None, description="the legend under starred authors (default: the locale's)"
    )
    equal_contribution: Literal["legend", "entries", "both"] = Field(
        default="legend",
        description="explain '*' once after the last publications (legend), after each "
        "entry with starred authors (entries), or both",
    )
    entry_heading: EntryHeading | None = Field(default=None)
    owner_highlight: OwnerHighlight | None = Field(
        default=None, description="the owner's name in author lists (default: the theme's)"
    )
    contact_lines: list[list[str]] | None = Field(
        default=None,
        description="the header's contact items by line: email, phone, homepage, location or "
        "a profile's network, e.g. [[phone, location], [email, homepage, LinkedIn]]; "
        "only these print",
    )
    contact_separator: str | None = Field(
        default=None, description="between contact items, e.g. ⋄ (default: the theme's)"
    )
    footer: bool | None = Field(default=None, description="page numbers and 'Last updated'")
    title: Text | None = Field(default=None, description="a line under the name")
    max_pages: int | None = Field(default=None, ge=1, description="warn when the CV runs longer")
    fit: Literal["none", "pages"] = Field(
        default="none",
        description="pages: tighten spacing, then type size, within the theme's bounds until "
        "the CV takes one page fewer (or fits max_pages); never drops content",
    )


class Variant(Model):
    """A tailored CV from the same data: which sections, which entries, how long."""

    sections: list[str] | None = Field(
        default=None, description="section titles to print, in this order (default: all)"
    )
    include_tags: list[str] = Field(
        default=[], description="tagged entries and bullets print only with one of these tags"
    )
    exclude_tags: list[str] = Field(
        default=[], description="entries and bullets with these tags never print"
    )
    max_entries: int | dict[str, int] | None = Field(
        default=None, description="most entries per section: one number, or per section title"
    )
    title: Text | None = Field(default=None, description="a line under the name")
    max_pages: int | None = Field(default=None, ge=1)
    suffix: str | None = Field(
        default=None, description="{variant} in the file name (default: the name)"
    )
    theme: str | None = Field(
        default=None, description="a built-in theme or a theme file for this variant"
    )
    locale: Locale | None = Field(default=None, description="this variant's language")


def _settings_default(schema: dict[str, Any]) -> None:
    """The schema shows the settings' defaults, as it would for a plain default value."""
    schema["default"] = Settings().model_dump(mode="json")


class Profile(Model):
    person: Person
    news: list[NewsItem] = []
    # A factory, not Settings(): an instance here would build Settings' validator when this
    # module is imported, which a profile restored from the cache never needs (~40 ms).
    settings: Settings = Field(default_factory=Settings, json_schema_extra=_settings_default)
    sections: list[Section] = []
    variants: dict[str, Variant] = {}
    theme: dict[str, Any] = Field(
        default={},
        description="base: a built-in theme (homepage, classic, ats) or a theme YAML file; "
        "any other key changes one theme value",
    )

    @model_validator(mode="after")
    def _contact_lines_name_real_items(self) -> Profile:
        known = contact_keys(self.person)
        for i, line in enumerate(self.settings.contact_lines or []):
            for j, key in enumerate(line):
                if key.casefold() not in known:
                    raise ContactItemError(i, j, key, list(known.values()))
        return self

    @model_validator(mode="after")
    def _variants_name_real_sections(self) -> Profile:
        titles = {section.title for section in self.sections}
        for name, variant in self.variants.items():
            for index, title in enumerate(variant.sections or []):
                if title not in titles:
                    raise VariantSectionError(name, index, title, sorted(titles))
        return self


def contact_keys(person: Person) -> dict[str, str]:
    """The header's contact items this person has: casefolded key → key as shown."""
    keys = [k for k in ("email", "phone", "homepage", "location") if getattr(person, k)]
    keys += [p.network for p in person.profiles]
    return {key.casefold(): key for key in keys}


class ContactItemError(ValueError):
    """Carries where the unknown item stands, so the loader can point at its line."""

    def __init__(self, line: int, index: int, key: str, known: list[str]) -> None:
        have = ", ".join(known) or "none"
        super().__init__(f"no contact item {key!r}; this person has {have}")
        self.path = ("settings", "contact_lines", line, index)


class VariantSectionError(ValueError):
    """Carries where the unknown title stands, so the loader can point at its line."""

    def __init__(self, variant: str, index: int, title: str, known: list[str]) -> None:
        have = ", ".join(map(repr, known)) or "none"
        super().__init__(f"no section titled {title!r}; the profile has {have}")
        self.path = ("variants", variant, "sections", index)
