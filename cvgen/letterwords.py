"""The words a cover letter prints by itself, in the letter's language: its date (CLDR,
through ``cvgen.locale``), the default subject, "Enclosures" and the enclosed CV's name.

The one place the letter meets the locale.
"""

from __future__ import annotations

from datetime import date

from cvgen.locale import ENGLISH, format_day, language, parse_locale
from cvgen.values import Value, frozen


@frozen
class LetterWords(Value):
    subject: str  # the default subject, with {role}
    reference: str  # before the job's reference number in that subject
    enclosures: str  # the heading of the list of enclosures
    cv: str  # the CV, always the first enclosure
    letter: str  # the letter's PDF title and outline entry
    application: str  # the title of the letter and CV in one PDF


# Our own table, for the languages cvgen.locale has CV words for.
LETTER_WORDS: dict[str, LetterWords] = {
    "en": LetterWords(
        "Application for the position of {role}",
        "reference",
        "Enclosures",
        "Curriculum vitae",
        "Cover letter",
        "Application",
    ),
    "de": LetterWords(
        "Bewerbung als {role}", "Kennziffer", "Anlagen", "Lebenslauf", "Anschreiben", "Bewerbung"
    ),
    "fr": LetterWords(
        "Candidature au poste de {role}",
        "référence",
        "Pièces jointes",
        "Curriculum vitae",
        "Lettre de motivation",
        "Candidature",
    ),
    "es": LetterWords(
        "Solicitud para el puesto de {role}",
        "referencia",
        "Anexos",
        "Currículum vítae",
        "Carta de presentación",
        "Solicitud",
    ),
    "it": LetterWords(
        "Candidatura per la posizione di {role}",
        "riferimento",
        "Allegati",
        "Curriculum vitae",
        "Lettera di presentazione",
        "Candidatura",
    ),
    "pt": LetterWords(
        "Candidatura à vaga de {role}",
        "referência",
        "Anexos",
        "Currículo",
        "Carta de apresentação",
        "Candidatura",
    ),
    "nl": LetterWords(
        "Sollicitatie naar de functie van {role}",
        "referentie",
        "Bijlagen",
        "Curriculum vitae",
        "Motivatiebrief",
        "Sollicitatie",
    ),
    "zh": LetterWords("应聘{role}职位", "编号", "附件", "简历", "求职信", "求职申请"),
    "ja": LetterWords(
        "{role}職への応募", "参照番号", "添付書類", "履歴書", "カバーレター", "応募書類"
    ),
    "ko": LetterWords("{role} 지원", "참조 번호", "첨부", "이력서", "자기소개서", "지원서"),
}


@frozen
class LetterLocale(Value):
    tag: str | None  # Babel's spelling, e.g. "de" or "en_GB"; None: English
    words: LetterWords

    @property
    def lang(self) -> str:
        """For the PDF's /Lang: ``en-GB``."""
        return (self.tag or ENGLISH).replace("_", "-")

    def date(self, on: date) -> str:
        return format_day(on, self.tag)


def letter_locale(tag: str | None) -> tuple[LetterLocale, str | None]:
    """The words for ``tag`` (None: English), and a note naming the words that stay English
    when our table lacks its language. ValueError for a locale CLDR does not know."""
    parsed = parse_locale(tag) if tag else None
    words = LETTER_WORDS.get(language(parsed))
    if words is not None:
        return LetterLocale(parsed, words), None
    english = LETTER_WORDS[ENGLISH]
    note = (
        f"cvgen has no letter words for {tag!r}; the date follows it, but the default subject,"
        f" {english.enclosures!r} and {english.cv!r} stay English"
    )
    return LetterLocale(parsed, english), note
