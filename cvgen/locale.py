"""The words a CV prints that are not the owner's own, in the reader's language.

Two sources: CLDR through Babel for everything about dates (month names, their
abbreviations, the order of month and year and what stands between them), and our own
small table of CV words ("present", "Last updated", "page 1 / 2", "Advised by", ...) for
the languages in ``CV_WORDS``. A locale Babel knows but our table does not gets CLDR dates
and English words; ``missing_words`` names those words, so the build can say so once.

The English path uses no Babel at all: the default CV prints exactly what it always has,
and a build that names no locale never imports Babel (about 0.2 s).

Public API (small on purpose; letters use it too):

- ``parse_locale(text) -> str``: ``"de"``, ``"de-DE"``, ``"pt_BR"`` → Babel's spelling;
  ValueError naming the text when CLDR has no such locale.
- ``cv_words(locale) -> CvWords``: the table row for the locale's language (English
  where it has none).
- ``missing_words(locale) -> tuple[str, ...]``: the English words a locale falls back to.
- ``format_month(value, locale, *, width)``: a month and year, ``width`` one of
  ``numeric`` (09/2023), ``short`` (Sep 2023), ``long`` (September 2023).
- ``format_year(value, locale)``, ``format_day(value, locale)``: a year; a full date
  (``30 November 2023``; for a letter's date line).
- ``is_cjk(locale)``: Chinese, Japanese or Korean, which print in the CJK font.
"""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import date
from functools import cache
from typing import Literal

from cvgen.values import Value, frozen

ENGLISH = "en"
MonthWidth = Literal["numeric", "short", "long"]
_SKELETONS: dict[MonthWidth, str] = {"numeric": "yMM", "short": "yMMM", "long": "yMMMM"}
_FIELD = re.compile(r"\{\w+\}")
_CJK = frozenset({"zh", "ja", "ko"})
# The package's one month table (English): display here, reading in dates.read_date.
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@frozen
class CvWords(Value):
    """Words printed around the owner's data. ``{date}``, ``{page}`` and ``{total}`` are
    filled in; the rest print as written."""

    present: str  # an open end of a date range
    last_updated: str  # footer, right: "Last updated {date}"
    page: str  # footer, after the name: "page {page} / {total}"
    advised_by: str  # before advisors' names
    mentored_by: str  # before mentors' names
    and_: str  # between two names, spaces included: " and "
    role_at: str  # an entry's heading: "{role} at {organization}"
    equal_contribution: str  # the legend after "* "
    # A publication's venue line: "{value}" is the volume, number or pages as written.
    volume: str = "vol. {value}"
    number: str = "no. {value}"
    pages: str = "pp. {value}"  # a range or list: 45–67
    one_page: str = "p. {value}"


CV_WORDS: dict[str, CvWords] = {
    "en": CvWords(
        present="present",
        last_updated="Last updated {date}",
        page="page {page} / {total}",
        advised_by="Advised by",
        mentored_by="Mentored by",
        and_=" and ",
        role_at="{role} at {organization}",
        equal_contribution="Equal contribution",
    ),
    "de": CvWords(
        present="heute",
        last_updated="Stand: {date}",
        page="Seite {page} / {total}",
        advised_by="Betreut von",
        mentored_by="Mentoring durch",
        and_=" und ",
        role_at="{role} bei {organization}",
        equal_contribution="Gleicher Beitrag",
        volume="Bd. {value}",
        number="Nr. {value}",
        pages="S. {value}",
        one_page="S. {value}",
    ),
    "fr": CvWords(
        present="aujourd’hui",
        last_updated="Mis à jour : {date}",
        page="page {page} / {total}",
        advised_by="Sous la direction de",
        mentored_by="Encadré par",
        and_=" et ",
        role_at="{role} chez {organization}",
        equal_contribution="Contribution égale",
        volume="vol. {value}",
        number="n° {value}",
        pages="p. {value}",
        one_page="p. {value}",
    ),
    "es": CvWords(
        present="actualidad",
        last_updated="Actualizado: {date}",
        page="página {page} / {total}",
        advised_by="Dirigido por",
        mentored_by="Mentoría de",
        and_=" y ",
        role_at="{role} en {organization}",
        equal_contribution="Contribución equitativa",
        volume="vol. {value}",
        number="n.º {value}",
        pages="pp. {value}",
        one_page="p. {value}",
    ),
    "it": CvWords(
        present="oggi",
        last_updated="Aggiornato: {date}",
        page="pagina {page} / {total}",
        advised_by="Relatore:",
        mentored_by="Mentore:",
        and_=" e ",
        role_at="{role} presso {organization}",
        equal_contribution="Contributo paritario",
        volume="vol. {value}",
        number="n. {value}",
        pages="pp. {value}",
        one_page="p. {value}",
    ),
    "pt": CvWords(
        present="atual",
        last_updated="Atualizado: {date}",
        page="página {page} / {total}",
        advised_by="Orientação de",
        mentored_by="Mentoria de",
        and_=" e ",
        role_at="{role} na {organization}",
        equal_contribution="Contribuição igual",
        volume="v. {value}",
        number="n. {value}",
        pages="p. {value}",
        one_page="p. {value}",
    ),
    "nl": CvWords(
        present="heden",
        last_updated="Bijgewerkt: {date}",
        page="pagina {page} / {total}",
        advised_by="Begeleid door",
        mentored_by="Mentor:",
        and_=" en ",
        role_at="{role} bij {organization}",
        equal_contribution="Gelijke bijdrage",
        volume="jrg. {value}",
        number="nr. {value}",
        pages="p. {value}",
        one_page="p. {value}",
    ),
    "zh": CvWords(
        present="至今",
        last_updated="更新于 {date}",
        page="第 {page} / {total} 页",
        advised_by="导师：",
        mentored_by="指导：",
        and_="、",
        role_at="{organization} {role}",
        equal_contribution="同等贡献",
        volume="第{value}卷",
        number="第{value}期",
        pages="第{value}页",
        one_page="第{value}页",
    ),
    "ja": CvWords(
        present="現在",
        last_updated="更新日：{date}",
        page="{page} / {total} ページ",
        advised_by="指導教員：",
        mentored_by="メンター：",
        and_="、",
        role_at="{organization} {role}",
        equal_contribution="同等貢献",
        volume="第{value}巻",
        number="第{value}号",
        pages="{value}頁",
        one_page="{value}頁",
    ),
    "ko": CvWords(
        present="현재",
        last_updated="최종 수정: {date}",
        page="{page} / {total} 페이지",
        advised_by="지도교수:",
        mentored_by="멘토:",
        and_=" 및 ",
        role_at="{organization} {role}",
        equal_contribution="동등 기여",
        volume="제{value}권",
        number="제{value}호",
        pages="{value}쪽",
        one_page="{value}쪽",
    ),
}


def parse_locale(text: str) -> str:
    """Babel's spelling of a locale (``de-DE`` → ``de_DE``); ValueError if CLDR lacks it."""
    cleaned = text.strip()
    if cleaned in (ENGLISH, "en_US", "en-US"):
        return ENGLISH if cleaned == ENGLISH else "en_US"
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(cleaned.replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValueError(f"unknown locale {text!r} (examples: en, de, fr_CA, pt-BR, zh)") from None


def language(locale: str | None) -> str:
    return (locale or ENGLISH).replace("-", "_").split("_")[0].lower()


def cv_words(locale: str | None) -> CvWords:
    """Our words for the locale's language; English for a language we have none for."""
    return CV_WORDS.get(language(locale), CV_WORDS[ENGLISH])


def missing_words(locale: str | None) -> tuple[str, ...]:
    """The English words a locale prints because our table lacks its language."""
    if language(locale) in CV_WORDS:
        return ()
    english = CV_WORDS[ENGLISH]
    shown = (_words_only(getattr(english, f.name)) for f in fields(CvWords))
    return tuple(dict.fromkeys(shown))


def _words_only(text: str) -> str:
    """``page {page} / {total}`` → ``page``: what a reader would call the words."""
    return " ".join(w for w in _FIELD.sub("", text).split() if any(c.isalnum() for c in w))


def labelled(label: str, names: str) -> str:
    """``Advised by`` + names; no space after a full-width colon (``导师：``)."""
    return f"{label}{names}" if label.endswith(("：", "︓")) else f"{label} {names}"


def is_cjk(locale: str | None) -> bool:
    return language(locale) in _CJK


def _english(locale: str | None) -> bool:
    return locale is None or language(locale) == ENGLISH


def format_month(year: int, month: int, locale: str | None, *, width: MonthWidth) -> str:
    """A month of a year as CLDR writes it in ``locale`` (our own English without one)."""
    if _english(locale):
        if width == "numeric":
            return f"{month:02d}/{year}"
        name = MONTHS[month - 1]
        return f"{name[:3] if width == 'short' else name} {year}"
    return _skeleton(_SKELETONS[width], date(year, month, 1), str(locale))


def format_year(year: int, locale: str | None) -> str:
    """``2023``; in Chinese and Japanese ``2023年``."""
    if _english(locale):
        return str(year)
    return _skeleton("y", date(year, 1, 1), str(locale))


def format_day(value: date, locale: str | None) -> str:
    """A full date in words: ``30 November 2023``, ``30. November 2023``, ``2023年11月30日``."""
    if _english(locale):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    from babel.dates import format_date

    return str(format_date(value, format="long", locale=str(locale)))


@cache
def _skeleton(skeleton: str, value: date, locale: str) -> str:
    from babel.dates import format_skeleton

    return str(format_skeleton(skeleton, value, locale=locale))
