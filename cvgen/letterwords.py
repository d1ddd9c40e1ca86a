"""The words a cover letter prints by itself, in the letter's language: its date (CLDR
through Babel), the default subject, "Enclosures" and the name of the enclosed CV.

The one place the letter meets the locale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

# Our own small table; CLDR has dates and month names but not these words.
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "subject": "Application for the position of {role}",
        "reference": "reference",
        "enclosures": "Enclosures",
        "cv": "Curriculum vitae",
        "letter": "Cover letter",
        "application": "Application",
    },
    "de": {
        "subject": "Bewerbung als {role}",
        "reference": "Kennziffer",
        "enclosures": "Anlagen",
        "cv": "Lebenslauf",
        "letter": "Anschreiben",
        "application": "Bewerbung",
    },
}
DEFAULT_LOCALE = "en"


@dataclass(frozen=True)
class LetterWords:
    lang: str  # for the PDF's /Lang, e.g. "de" or "en-GB"
    date: Callable[[date], str]
    subject: str  # with {role}
    reference: str
    enclosures: str
    cv: str
    letter: str
    application: str  # the title of the letter and CV in one PDF


class UnknownLocale(ValueError):
    """Babel knows no such locale."""


def letter_words(tag: str | None) -> tuple[LetterWords, str | None]:
    """The words for ``tag`` (e.g. "de", "en-GB"; None: English), and a note when the
    language has no words of ours yet (its date is still written in it)."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import format_date

    wanted = tag or DEFAULT_LOCALE
    try:
        locale = Locale.parse(wanted.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise UnknownLocale(f"no locale {wanted!r} is known (e.g. en, en-GB, de)") from None
    words = _WORDS.get(locale.language)
    note = None
    if words is None:
        have = ", ".join(_WORDS)
        note = (
            f"no cover-letter words in {locale.english_name} yet (there are: {have}); "
            "the default subject and 'Enclosures' are in English"
        )
        words = _WORDS[DEFAULT_LOCALE]

    def dated(on: date) -> str:
        return str(format_date(on, format="long", locale=locale))

    return LetterWords(lang=wanted.replace("_", "-"), date=dated, **words), note
