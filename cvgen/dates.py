"""Dates as a CV writes them: a year, a month or a day, or "present"; their display; and the
one reader of dates as people type them in other formats (``read_date``, ``month_number``)."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from cvgen.locale import MONTHS, MonthWidth, format_month, format_year
from cvgen.values import Value, frozen

DateFormat = Literal["MM/YYYY", "Mon YYYY", "Month YYYY", "YYYY"]

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@frozen
class PartialDate(Value):
    """A date known to a year, a month or a day; ``present`` marks an open end."""

    year: int
    month: int | None = None
    day: int | None = None
    present: bool = False

    def __str__(self) -> str:
        if self.present:
            return "present"
        parts = [f"{self.year:04d}"]
        parts += [f"{v:02d}" for v in (self.month, self.day) if v is not None]
        return "-".join(parts)


PRESENT = PartialDate(year=9999, present=True)


def ends_before_start(start: PartialDate | None, end: PartialDate | None) -> bool:
    """Whether ``end`` is before ``start`` at the precision both give (2023 does not end
    before 2023-05: the year alone says nothing about the month)."""
    if start is None or end is None or start.present or end.present:
        return False
    for began, ended in ((start.year, end.year), (start.month, end.month), (start.day, end.day)):
        if began is None or ended is None:
            return False
        if began != ended:
            return ended < began
    return False


def parse_partial_date(text: str) -> PartialDate:
    """Parse ``2019``, ``2019-09``, ``2019-09-01`` or ``present``; ValueError otherwise."""
    cleaned = text.strip()
    if cleaned.lower() == "present":
        return PRESENT
    match = _PARTIAL.match(cleaned)
    if not match:
        raise ValueError(f"expected YYYY, YYYY-MM, YYYY-MM-DD or 'present', got {text!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None
    return PartialDate(year, month, day)


_WIDTHS: dict[DateFormat, MonthWidth] = {
    "MM/YYYY": "numeric",
    "Mon YYYY": "short",
    "Month YYYY": "long",
}


def format_date(
    value: PartialDate, fmt: DateFormat, present_label: str, locale: str | None = None
) -> str:
    """Show a date in ``fmt`` as ``locale`` writes it (CLDR; English without one);
    a date known only to the year shows just the year."""
    if value.present:
        return present_label
    if value.month is None or fmt == "YYYY":
        return format_year(value.year, locale)
    return format_month(value.year, value.month, locale, width=_WIDTHS[fmt])


def format_range(
    start: PartialDate | None,
    end: PartialDate | None,
    *,
    fmt: DateFormat,
    separator: str,
    present_label: str,
    locale: str | None = None,
) -> str:
    """``start – end``, or the single date that is given, or ''."""
    shown = [format_date(d, fmt, present_label, locale) for d in (start, end) if d is not None]
    if len(shown) == 2 and shown[0] == shown[1]:
        return shown[0]
    return separator.join(shown)


def month_year(value: date, locale: str | None = None) -> str:
    """``November 2023`` (``November 2023``, ``2023年11月``), for "Last updated" lines."""
    return format_month(value.year, value.month, locale, width="long")


_PRESENT_WORDS = ("present", "now", "today", "current", "ongoing")
_DATE_TOKEN = re.compile(r"[A-Za-z]+\.?|\d+|[-/.]")  # simple classes: linear on any text
_DATE_PUNCTUATION = frozenset(" \t,")


def month_number(word: str) -> int | None:
    """``Jan``, ``jan.``, ``January``, ``Sept.``, ``6`` → 1..12; anything else → None."""
    cleaned = word.strip().rstrip(".").casefold()
    if cleaned.isdigit():
        return int(cleaned) if 1 <= int(cleaned) <= 12 else None
    if len(cleaned) < 3:
        return None
    return next(
        (i for i, name in enumerate(MONTHS, 1) if name.casefold().startswith(cleaned)), None
    )


def read_date(text: str) -> PartialDate | None:
    """A date as people type it, or None when ``text`` is not one date.

    Reads ``2019``, ``2019-09``, ``2019-09-01``, ``2019.09``, ``09/2019``, ``Sep 2019``, ``Sept. 2019``,
    ``September 1, 2019``, ``1 Sep 2019`` and ``present`` (also now, today, current,
    ongoing). A day or month that does not exist makes it no date.
    """
    cleaned = text.strip()
    if cleaned.casefold() in _PRESENT_WORDS:
        return PRESENT
    tokens = _DATE_TOKEN.findall(cleaned)
    if "".join(tokens) != "".join(ch for ch in cleaned if ch not in _DATE_PUNCTUATION):
        return None  # something besides words, numbers, '-' and '/'
    parts = _date_parts(tokens)
    if parts is None:
        return None
    year, month, day = parts
    try:
        return parse_partial_date(
            "-".join([f"{year:04d}"] + [f"{v:02d}" for v in (month, day) if v is not None])
        )
    except ValueError:
        return None


def _date_parts(tokens: list[str]) -> tuple[int, int | None, int | None] | None:
    if not tokens:
        return None
    numbers_only = all(t.isdigit() or t in "-/." for t in tokens)
    digits = [t for t in tokens if t.isdigit()]
    if numbers_only:
        separators = tokens[1::2]
        year_first = len(tokens[0]) == 4 and len(tokens) in (3, 5)
        if year_first and separators in (["-"], ["-", "-"], ["."], [".", "."]):
            return _numbers(digits[0], *digits[1:3])  # 2019-09(-01), 2019.09(.01)
        if len(tokens) == 1 and len(tokens[0]) == 4:
            return _numbers(tokens[0])
        if len(tokens) == 3 and tokens[1] in "/." and len(tokens[2]) == 4:
            return _numbers(tokens[2], tokens[0])  # 09/2019, 09.2019
        return None
    words = [t for t in tokens if not t.isdigit()]
    if len(words) != 1 or len(digits) not in (1, 2) or len(digits[-1]) != 4 or "-" in tokens:
        return None
    month = month_number(words[0])
    if month is None or (len(digits) == 2 and len(digits[0]) > 2):
        return None
    return _numbers(digits[-1], str(month), digits[0] if len(digits) == 2 else None)


def _numbers(
    year: str, month: str | None = None, day: str | None = None
) -> tuple[int, int | None, int | None] | None:
    if len(year) != 4 or any(v is not None and len(v) > 2 for v in (month, day)):
        return None
    return int(year), int(month) if month else None, int(day) if day else None
