"""Design values as data: the only place sizes, spacing and colours are chosen."""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4  # points per millimetre
PAGE_SIZES_PT = {"A4": (595.2756, 841.8898), "Letter": (612.0, 792.0)}


@dataclass(frozen=True)
class Theme:
    font_family: str = "Lato"
    base_size_pt: float = 9.6
    leading_ratio: float = 1.32
    name_size_pt: float = 22.0
    heading_size_pt: float = 12.5
    small_size_pt: float = 8.0
    margin_top_pt: float = 14 * MM
    margin_bottom_pt: float = 16 * MM
    margin_side_pt: float = 17 * MM
    accent: str = "#5a0b8e"  # the homepage's hsla(272, 91%, 29%)
    text_color: str = "#1d1d1f"
    muted_color: str = "#5b5b66"
    link_color: str = "#5a0b8e"
    rule_color: str = "#c9b8d8"
    rule_width_pt: float = 0.8
    section_space_before_pt: float = 9.0
    heading_space_after_pt: float = 4.0
    entry_space_pt: float = 5.0
    keep_together_max_pt: float = 220.0  # entries shorter than this never split
    bullet_indent_pt: float = 14.0
    date_column_pt: float = 92.0
    logo_size_pt: float = 24.0
    logo_gap_pt: float = 7.0
    portrait_width_pt: float = 62.0
    portrait_height_pt: float = 76.0
    portrait_corner_pt: float = 9.0
    image_dpi: int = 300
    name_uppercase: bool = True

    @property
    def leading_pt(self) -> float:
        return round(self.base_size_pt * self.leading_ratio, 2)


DEFAULT_THEME = Theme()
