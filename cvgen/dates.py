"""Dates as a CV writes them: a year, a month or a day, or "present"; and their display."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

DateFormat = Literal["MM/YYYY", "Mon YYYY", "Month YYYY", "YYYY"]

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_MONTHS = [
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


def format_date(value: PartialDate, fmt: DateFormat, present_label: str) -> str:
    """Show a date in ``fmt``; a date known only to the year shows just the year."""
    if value.present:
        return present_label
    if value.month is None or fmt == "YYYY":
        return str(value.year)
    if fmt == "MM/YYYY":
        return f"{value.month:02d}/{value.year}"
    name = _MONTHS[value.month - 1]
    return f"{name[:3] if fmt == 'Mon YYYY' else name} {value.year}"


def format_range(
    start: PartialDate | None,
    end: PartialDate | None,
    *,
    fmt: DateFormat,
    separator: str,
    present_label: str,
) -> str:
    """``start – end``, or the single date that is given, or ''."""
    shown = [format_date(d, fmt, present_label) for d in (start, end) if d is not None]
    if len(shown) == 2 and shown[0] == shown[1]:
        return shown[0]
    return separator.join(shown)


def month_year(value: date) -> str:
    """``November 2023``, for "Last updated" lines."""
    return f"{_MONTHS[value.month - 1]} {value.year}"
