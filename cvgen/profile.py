"""The profile: who the person is and which sections their CV has, as typed values.

Validated once at the edge (``loader.py``); everything after trusts it. Knows nothing
of files, YAML or PDF.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)

from cvgen.dates import DateFormat, PartialDate, parse_partial_date
from cvgen.inline import link_targets
from cvgen.links import check_email, normalize_url


def _check_inline_links(text: str) -> str:
    for url in link_targets(text):
        normalize_url(url)
    return text


def _parse_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    return parse_partial_date(str(value))


Url = Annotated[str, AfterValidator(normalize_url)]
Email = Annotated[str, AfterValidator(check_email)]
# Text may carry inline markup (see inline.py); its links obey the same rules as Url.
Text = Annotated[str, AfterValidator(_check_inline_links)]
Date = Annotated[
    PartialDate,
    BeforeValidator(_parse_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {"type": "string", "pattern": r"^(\d{4}(-\d{1,2}(-\d{1,2})?)?|present)$"}
    ),
]
ImagePath = Annotated[str, Field(min_length=1, description="relative to the profile file")]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


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


class Person(Model):
    name: str = Field(min_length=1)
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


class Advisor(Model):
    name: str = Field(min_length=1)
    title: str | None = Field(default=None, description="shown before the name, e.g. Prof.")
    url: Url | None = None


class EducationEntry(Model):
    institution: Text
    url: Url | None = None
    logo: ImagePath | None = None
    location: str | None = None
    start: Date | None = None
    end: Date | None = None
    degree: Text | None = None
    advisors: list[Advisor] = []
    details: list[Text] = []


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


Author = Annotated[AuthorFields, BeforeValidator(_author_from_text)]


class Publication(Model):
    title: Text
    url: Url | None = None
    authors: list[Author] = []
    venue: Text | None = None
    status: Text | None = Field(default=None, description="e.g. In submission to")
    date: Date | None = None
    note: Text | None = None
    links: list[Link] = []


class ExperienceEntry(Model):
    role: Text
    organization: Text | None = None
    url: Url | None = Field(default=None, description="the organization's link")
    logo: ImagePath | None = None
    location: str | None = None
    start: Date | None = None
    end: Date | None = None
    advisors: list[Advisor] = []
    bullets: list[Text] = []


class Item(Model):
    text: Text
    start: Date | None = None
    end: Date | None = None


class Referee(Model):
    name: str = Field(min_length=1)
    title: str | None = None
    affiliation: Text | None = None
    email: Email | None = None
    url: Url | None = None


class SectionBase(Model):
    title: str = Field(min_length=1)
    date_format: DateFormat | None = Field(
        default=None, description="overrides settings.date_format for this section"
    )


class EducationSection(SectionBase):
    kind: Literal["education"]
    entries: list[EducationEntry]


class PublicationsSection(SectionBase):
    kind: Literal["publications"]
    entries: list[Publication]


class ExperienceSection(SectionBase):
    kind: Literal["experience"]
    entries: list[ExperienceEntry]


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
    Union[
        EducationSection,
        PublicationsSection,
        ExperienceSection,
        TextSection,
        ItemsSection,
        RefereesSection,
    ],
    Field(discriminator="kind"),
]


class Settings(Model):
    page_size: Literal["A4", "Letter"] = "A4"
    date_format: DateFormat = "MM/YYYY"
    date_separator: str = " – "
    present_label: str = "present"
    filename: str = Field(
        default="CV-{name}_{date:%Y%m%d}.pdf",
        description="output file name; fields {name} and {date} (strftime after the colon)",
    )
    equal_contribution_note: str = "* Equal contribution"
    footer: bool = Field(default=True, description="page numbers and 'Last updated'")


class Profile(Model):
    person: Person
    news: list[NewsItem] = []
    settings: Settings = Settings()
    sections: list[Section] = []
