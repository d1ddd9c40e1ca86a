"""Dates as a CV writes them: a year, a month or a day, or "present"; and their display."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from cvgen.locale import MonthWidth, format_month, format_year

DateFormat = Literal["MM/YYYY", "Mon YYYY", "Month YYYY", "YYYY"]

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
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
