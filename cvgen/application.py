"""A job application as data: which profile and CV variant, the company, the role, the
recipient and the cover letter. Read like the profile (``loader.load_model``): every value
is text until typed here, and every problem points at its line.

Knows nothing of PDF; ``apply.py`` turns a loaded application into a CV and a letter.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from cvgen.errors import CvgenError
from cvgen.loader import load_model
from cvgen.modelrules import (
    BeforeValidator,
    Field,
    PlainSerializer,
    Record,
    WithJsonSchema,
    empty,
    made_by_default,
    record,
)
from cvgen.profile import ImagePath, Locale, Text
from cvgen.sourcemap import SourceMap
from cvgen.values import Value, frozen


def _full_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}") from None


LetterDate = Annotated[
    date,
    BeforeValidator(_full_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "format": "date"}),
]
Line = Annotated[str, Field(min_length=1)]


@record
class Recipient(Record):
    """Who the letter goes to; every line is optional and printed as written."""

    name: Line | None = None
    title: Annotated[Line | None, Field(description="e.g. Head of Machine Learning")] = None
    organization: Annotated[Line | None, Field(description="default: the company")] = None
    address: Annotated[list[Line], Field(description="street, town, country: a line each")] = empty(
        list
    )


@record
class Letter(Record):
    subject: Annotated[
        Text | None,
        Field(description="default: the role, and the job reference if there is one"),
    ] = None
    salutation: Annotated[Text, Field(min_length=1, description="e.g. Dear Ms Smith,")]
    body: Annotated[
        list[Text], Field(min_length=1, description="paragraphs, with the profile's markup")
    ]
    closing: Annotated[Text, Field(min_length=1, description="e.g. Kind regards,")]
    signature: Annotated[
        ImagePath | None,
        Field(description="an image of your signature, relative to this file"),
    ] = None
    enclosures: Annotated[
        list[Text], Field(description="besides the CV, which is listed first on its own")
    ] = empty(list)
    max_pages: Annotated[int, Field(ge=1, description="warn when the letter runs longer")] = 1
    fit: Annotated[
        Literal["none", "pages"],
        Field(
            description="pages: a letter over max_pages is tightened (spacing, then type, "
            "within the theme's bounds) until it fits; never drops a word"
        ),
    ] = "none"


@record
class FileNames(Record):
    """Output file names; fields {name}, {company}, {role}, {variant} and {date:%Y%m%d}."""

    cv: str = "CV-{name}_{company}_{date:%Y%m%d}.pdf"
    letter: str = "Letter-{name}_{company}_{date:%Y%m%d}.pdf"
    combined: str = "Application-{name}_{company}_{date:%Y%m%d}.pdf"


@record
class Application(Record):
    profile: Annotated[str, Field(min_length=1, description="relative to this file")] = (
        "../data/profile.yaml"
    )
    company: Line
    role: Line
    reference: Annotated[Line | None, Field(description="the job's reference number")] = None
    date: Annotated[
        LetterDate | None,
        Field(description="the letter's date, YYYY-MM-DD (default: the build date)"),
    ] = None
    variant: Annotated[str | None, Field(description="the profile's CV variant to send")] = None
    theme: Annotated[
        str | None,
        Field(description="a built-in theme or a theme file (default: the profile's)"),
    ] = None
    locale: Annotated[
        Locale | None,
        Field(
            description="the letter's and the CV's language, e.g. en, en-GB, de (default: the CV's)"
        ),
    ] = None
    sender_address: Annotated[
        list[Line],
        Field(
            description="your postal address, a line each, printed small above the "
            "recipient (default: the profile's location)"
        ),
    ] = empty(list)
    recipient: Recipient = made_by_default(Recipient)
    letter: Letter
    filenames: FileNames = made_by_default(FileNames)


@frozen
class LoadedApplication(Value):
    application: Application
    source: SourceMap

    @property
    def base_dir(self) -> Path:
        return self.source.file.parent

    @property
    def profile_path(self) -> Path:
        return self.base_dir / self.application.profile

    def error(self, *path: str | int, message: str) -> CvgenError:
        return self.source.error(path, message)


def load_application(path: Path) -> LoadedApplication:
    """Read and type the application file; its profile is checked for existence only."""
    application, source = load_model(path, Application, kind="application")
    loaded = LoadedApplication(application, source)
    if not loaded.profile_path.is_file():
        raise loaded.error("profile", message=f"no profile file at {loaded.profile_path}")
    if application.theme and application.theme.endswith((".yaml", ".yml")):
        theme_file = loaded.base_dir / application.theme
        if not theme_file.is_file():
            raise loaded.error("theme", message=f"no theme file at {theme_file}")
    return loaded


def is_application_file(path: Path) -> bool:
    """An application names a company and has a letter; a profile has a person.

    A cheap look at the top-level keys, so `cvgen check` and `watch` take either file."""
    if not path.is_file():  # a FIFO or a device would block or never end
        return False
    try:
        with path.open("rb") as stream:
            head = stream.read(256 * 1024).decode("utf-8", errors="replace")
    except OSError:
        return False
    keys = {line.split(":", 1)[0] for line in head.splitlines() if line[:1].isalpha()}
    return "person" not in keys and bool({"company", "letter"} & keys)
