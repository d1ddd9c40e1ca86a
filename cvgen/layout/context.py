"""What every section builder needs to know, in one value."""

from __future__ import annotations

from reportlab.platypus import TableStyle

from cvgen.dates import DateFormat, PartialDate, format_range
from cvgen.images import PreparedImage
from cvgen.layout import markup
from cvgen.layout.flowables import ImageReaders
from cvgen.layout.styles import Styles
from cvgen.links import normalize_url
from cvgen.locale import CvWords
from cvgen.profile import Settings, name_key
from cvgen.theme import Theme
from cvgen.values import Value, frozen


@frozen
class LayoutContext(Value):
    theme: Theme
    styles: Styles
    settings: Settings
    width_pt: float
    images: dict[str, PreparedImage]  # keyed by the path as written in the profile
    readers: ImageReaders  # the images' readers, shared by every place they are drawn
    owner_names: frozenset[str]  # casefolded
    locale: str | None  # None: English, as cvgen always wrote it
    words: CvWords  # the locale's words
    present_label: str  # this section's, else the profile's, else the locale's

    def rich(self, value: str) -> str:
        return markup.rich(value, link=self.link, family=self.theme.font_family)

    def text(self, value: str) -> str:
        """Literal text (names, addresses), with fallback fonts where needed."""
        return markup.text(value, self.theme.font_family)

    def link(self, label_markup: str, url: str | None, *, quiet: bool = False) -> str:
        """A link styled as the theme says; ``quiet`` ones keep the text's own look."""
        if url is None:
            return label_markup
        style = "plain" if quiet else self.theme.link_style
        if style == "underline":
            label_markup = f"<u>{label_markup}</u>"
        colour = self.theme.link_color if style == "colour" else None
        linked = markup.link(label_markup, url, color=colour)
        if not self.theme.link_urls_in_text:
            return linked
        target = normalize_url(url)
        shown = target.removeprefix("mailto:").removeprefix("tel:")
        if markup.escape(shown) in label_markup:
            return linked  # the label already says where it goes (an e-mail address)
        # A parser reads the text, not the link annotation: the target goes into the text.
        spelled = markup.link(self.text(target), target, color=colour)
        return f"{linked} ({spelled})"

    def dates(
        self, start: PartialDate | None, end: PartialDate | None, fmt: DateFormat | None
    ) -> str:
        return format_range(
            start,
            end,
            fmt=fmt or self.theme.date_format,
            separator=self.theme.date_separator,
            present_label=self.present_label,
            locale=self.locale,
        )

    @property
    def entry_heading(self) -> str:
        """The profile's, else the theme's, else the locale's "{role} at {organization}"."""
        return self.settings.entry_heading or self.theme.entry_heading or self.words.role_at

    @property
    def owner_highlight(self) -> str:
        return self.settings.owner_highlight or self.theme.owner_highlight

    def is_owner(self, name: str) -> bool:
        return name_key(name) in self.owner_names

    def table_style(self, *commands: tuple) -> TableStyle:  # type: ignore[type-arg]
        """No padding, top-aligned, and our font: reportlab sets each cell's font even
        for flowable cells, and its default would put Helvetica into the PDF."""
        return TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), self.styles.body.fontName),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *commands,
            ]
        )
