"""Design values as data: the only place sizes, spacing and colours are chosen.

A theme is a built-in base (``homepage``, ``classic``, ``ats``) or a YAML file of values,
with any value overridable from the profile's ``theme:`` mapping.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from cvgen.dates import DateFormat
from cvgen.profile import EntryHeading, OwnerHighlight

MM = 72 / 25.4  # points per millimetre
PAGE_SIZES_PT = {"A4": (595.2756, 841.8898), "Letter": (612.0, 792.0)}
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _hex_colour(value: str) -> str:
    if not _HEX.match(value):
        raise ValueError(f"expected a colour like #5a0b8e, got {value!r}")
    return value.lower()


Colour = Annotated[str, AfterValidator(_hex_colour)]
Points = Annotated[float, Field(ge=0, le=400)]


class Theme(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = "homepage"
    page_size: Literal["A4", "Letter"] = "A4"
    font_family: Literal["Lato", "NotoSerif", "WenQuanYi"] = "Lato"
    base_size_pt: float = Field(default=9.6, ge=6, le=14)
    leading_ratio: float = Field(default=1.32, ge=1.0, le=2.0)
    name_size_pt: Points = 22.0
    heading_size_pt: Points = 12.5
    small_size_pt: Points = 8.0
    margin_top_pt: Points = 14 * MM
    margin_bottom_pt: Points = 16 * MM
    margin_side_pt: Points = 17 * MM
    accent: Colour = "#5a0b8e"  # the homepage's hsla(272, 91%, 29%)
    text_color: Colour = "#1d1d1f"
    muted_color: Colour = "#5b5b66"
    link_color: Colour = "#5a0b8e"
    rule_color: Colour = "#c9b8d8"
    rule_width_pt: Points = 0.8
    heading_case: Literal["as-written", "upper"] = "as-written"
    section_space_before_pt: Points = 9.0
    heading_space_after_pt: Points = 4.0
    entry_space_pt: Points = 5.0
    keep_together_max_pt: Points = 220.0  # entries shorter than this never split
    bullet_indent_pt: Points = 14.0
    date_column_pt: Points = 92.0
    date_format: DateFormat = "MM/YYYY"
    date_separator: str = " – "
    portrait: Literal["rounded", "circle", "square", "none"] = "rounded"
    portrait_width_pt: Points = 62.0
    portrait_height_pt: Points = 76.0
    portrait_corner_pt: Points = 9.0
    logos: bool = True
    logo_size_pt: Points = 24.0
    logo_gap_pt: Points = 7.0
    link_style: Literal["colour", "underline", "plain"] = "colour"
    contact_icons: bool = True
    contact_urls: bool = False  # parsers want https://… in the text, not "Homepage"
    link_urls_in_text: bool = False  # every other link's target spelled out after its label
    name_uppercase: bool = True
    footer: bool = True
    # Bounds for settings.fit: how far a fit may tighten this theme, and never further.
    fit_min_spacing: float = Field(default=0.4, ge=0, le=1)  # share of the spacing above
    fit_min_leading_ratio: float = Field(default=1.2, ge=1.0, le=2.0)
    fit_min_size_pt: float = Field(default=8.6, ge=6, le=14)  # body text
    # Words and patterns: defaults a profile's settings may change.
    entry_heading: EntryHeading | None = None  # None: the locale's "{role} at {organization}"
    owner_highlight: OwnerHighlight = "bold"
    contact_separator: str = Field(default="·", min_length=1)  # when no icons stand between
    standard_sections_first: bool = False
    # Where a publication's year prints: at the end of its venue line, or after its title.
    publication_year: Literal["venue", "title"] = "venue"
    image_dpi: int = Field(default=300, ge=72, le=600)
    letter_size_pt: float = Field(default=10.5, ge=6, le=14)  # cover letters read at arm's length
    # On A4, put the recipient in an envelope window as DIN 5008 form A or B places it.
    letter_window: Literal["none", "din-5008-a", "din-5008-b"] = "none"
    signature_width_pt: Points = 130.0
    signature_height_pt: Points = 46.0

    @property
    def leading_pt(self) -> float:
        return round(self.base_size_pt * self.leading_ratio, 2)


BUILTIN_THEMES: dict[str, dict[str, Any]] = {
    "homepage": {},
    "classic": {
        "font_family": "NotoSerif",
        "base_size_pt": 9.8,
        "fit_min_size_pt": 8.8,
        "accent": "#1a1a1a",
        "text_color": "#111111",
        "muted_color": "#444444",
        "link_color": "#111111",
        "rule_color": "#1a1a1a",
        "rule_width_pt": 0.5,
        "heading_case": "upper",
        "heading_size_pt": 10.5,
        "name_size_pt": 21.0,
        "portrait": "none",
        "logos": False,
        "link_style": "underline",
        "name_uppercase": False,
    },
    "ats": {
        "accent": "#000000",
        "text_color": "#000000",
        "muted_color": "#333333",
        "link_color": "#000000",
        "rule_color": "#000000",
        "rule_width_pt": 0.5,
        "date_format": "Mon YYYY",
        "portrait": "none",
        "logos": False,
        "link_style": "plain",
        "contact_icons": False,
        "contact_urls": True,
        "link_urls_in_text": True,
        "fit_min_size_pt": 9.0,  # parsers and people read small type less well
        "footer": False,
        "standard_sections_first": True,
        "name_size_pt": 18.0,
    },
}

THEME_SUMMARIES = {
    "homepage": "the homepage's look: purple accent, rounded portrait, institution logos",
    "classic": "academic restraint: serif, black rules, small-caps-like headings, no colour or images",
    "ats": "for applicant tracking systems: plain, no images, full URLs, Mon YYYY dates, experience first",
}
