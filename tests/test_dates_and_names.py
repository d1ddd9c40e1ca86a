from __future__ import annotations

from datetime import date

import pytest

from cvgen.dates import PRESENT, PartialDate, format_range, parse_partial_date
from cvgen.naming import cv_filename


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019", PartialDate(2019)),
        ("2019-09", PartialDate(2019, 9)),
        ("2019-09-01", PartialDate(2019, 9, 1)),
        ("present", PRESENT),
        ("Present", PRESENT),
    ],
)
def test_parse_partial_dates(text: str, expected: PartialDate):
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize("text", ["soon", "2019-13", "2019-02-30", "19", "2019/09", ""])
def test_bad_dates_are_refused(text: str):
    with pytest.raises(ValueError, match=r"expected YYYY|is not a real date"):
        parse_partial_date(text)


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("MM/YYYY", "02/2022 – present"),
        ("Mon YYYY", "Feb 2022 – present"),
        ("Month YYYY", "February 2022 – present"),
        ("YYYY", "2022 – present"),
    ],
)
def test_format_range(fmt, expected):
    got = format_range(
        PartialDate(2022, 2), PRESENT, fmt=fmt, separator=" – ", present_label="present"
    )
    assert got == expected


def test_year_only_dates_show_the_year_whatever_the_format():
    got = format_range(
        PartialDate(2018), PartialDate(2022), fmt="MM/YYYY", separator=" - ", present_label="now"
    )
    assert got == "2018 - 2022"
    assert (
        format_range(PartialDate(2018, 8), None, fmt="MM/YYYY", separator="-", present_label="")
        == "08/2018"
    )


def test_cv_filename_default_pattern():
    assert cv_filename("CV-{name}_{date:%Y%m%d}.pdf", name="Hexu Zhao", on=date(2023, 11, 30)) == (
        "CV-Hexu Zhao_20231130.pdf"
    )


def test_cv_filename_adds_pdf_and_strips_path_separators():
    assert cv_filename("{name}/{date:%Y}", name="A/B", on=date(2023, 1, 1)) == "A_B_2023.pdf"


@pytest.mark.parametrize("pattern", ["{name.__class__}", "{who}", "{0}", "{date:%Y", ".{date:%Y}"])
def test_cv_filename_refuses_bad_patterns(pattern: str):
    with pytest.raises(
        ValueError, match=r"unknown field|bad file name pattern|unusable name|unmatched"
    ):
        cv_filename(pattern, name="X", on=date(2023, 1, 1))
