"""The contact line: icon, small gap, text; item after item, wrapped and centred.

The texts are real text in reading order; the icons are vector paths (see icons.py), so they
add nothing to the text layer. Each item with a URL is one link over its icon and text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from cvgen.fonts import font_face
from cvgen.layout.icons import draw_icon, icon_box
from cvgen.links import pdf_uri
from cvgen.values import Value, frozen

TextRuns = Callable[[str], Sequence[tuple[str | None, str]]]


@frozen
class ContactItem(Value):
    text: str
    url: str | None = None
    icon: str | None = None  # a name from icons.icon_names()


@frozen
class _Placed(Value):
    item: ContactItem
    x: float  # where the icon (or, without one, the text) starts
    text_x: float
    end: float  # right end of the text


class ContactLine(Flowable):
    """Items laid out left to right, wrapped onto more lines when they don't fit.

    Never split across pages. Sizes are in points; colours are reportlab colours.
    ``separator`` (e.g. "·") is drawn as text between items on the same line, with
    ``gap_pt`` either side; without it, items stand ``gap_pt`` apart. Icons are scaled to
    ``icon_size_pt`` (the icon font's em) and centred on the text's capital letters.

    ``text_runs`` splits a text into (font name or None for ``font_name``, text) runs that
    concatenate back to it, for characters ``font_name`` lacks (e.g. fonts.font_runs);
    without it every text is drawn in ``font_name``. ``underline_links`` underlines the
    text (not the icon) of items with a URL.
    """

    def __init__(
        self,
        items: Sequence[ContactItem],
        *,
        font_name: str,
        font_size_pt: float,
        color: Any,
        link_color: Any,
        icon_color: Any,
        icon_size_pt: float,
        gap_pt: float,
        separator: str | None = None,
        align: Literal["center", "left"] = "center",
        icon_gap_pt: float | None = None,
        leading_pt: float | None = None,
        text_runs: TextRuns | None = None,
        underline_links: bool = False,
    ) -> None:
        super().__init__()
        if align not in ("center", "left"):
            raise ValueError(f"align must be 'center' or 'left', got {align!r}")
        self.items = tuple(items)
        self.font_name = font_name
        self.font_size_pt = font_size_pt
        self.color = color
        self.link_color = link_color
        self.icon_color = icon_color
        self.icon_size_pt = icon_size_pt
        self.gap_pt = gap_pt
        self.separator = separator or None
        self.align = align
        self.icon_gap_pt = 0.35 * icon_size_pt if icon_gap_pt is None else icon_gap_pt
        self.leading_pt = leading_pt if leading_pt is not None else 1.3 * font_size_pt
        self.text_runs = text_runs
        self.underline_links = underline_links
        face = font_face(font_name)
        self._ascent: float = face.ascent / 1000 * font_size_pt
        self._descent: float = face.descent / 1000 * font_size_pt  # negative
        cap_height = getattr(face, "capHeight", 700) / 1000 * font_size_pt
        self._icon_middle = cap_height / 2  # above the baseline
        self._lines: list[list[_Placed]] = []
        self.width = 0.0
        self.height = 0.0

    # layout

    def _runs(self, text: str) -> list[tuple[str, str]]:
        if self.text_runs is None:
            return [(self.font_name, text)] if text else []
        return [(font or self.font_name, run) for font, run in self.text_runs(text) if run]

    def _text_width(self, text: str) -> float:
        return sum(
            pdfmetrics.stringWidth(run, font, self.font_size_pt) for font, run in self._runs(text)
        )

    def _item_width(self, item: ContactItem) -> float:
        width = self._text_width(item.text)
        if item.icon:
            width += icon_box(item.icon, self.icon_size_pt).width
            if item.text:
                width += self.icon_gap_pt
        return width

    def _spacing(self) -> float:
        if self.separator is None:
            return self.gap_pt
        return 2 * self.gap_pt + self._text_width(self.separator)

    def _break_lines(self, avail_width: float) -> list[list[tuple[ContactItem, float]]]:
        spacing = self._spacing()
        lines: list[list[tuple[ContactItem, float]]] = []
        used = 0.0
        for item in self.items:
            width = self._item_width(item)
            if lines and used + spacing + width <= avail_width + 1e-6:
                lines[-1].append((item, width))
                used += spacing + width
            else:  # the first item, or it doesn't fit: a new line (an over-wide item stands alone)
                lines.append([(item, width)])
                used = width
        return lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        spacing = self._spacing()
        self._lines = []
        for line in self._break_lines(avail_width):
            total = sum(width for _, width in line) + spacing * (len(line) - 1)
            x = (avail_width - total) / 2 if self.align == "center" else 0.0
            placed = []
            for item, width in line:
                text_x = x
                if item.icon:
                    text_x += icon_box(item.icon, self.icon_size_pt).width
                    if item.text:
                        text_x += self.icon_gap_pt
                placed.append(_Placed(item, x, text_x, x + width))
                x += width + spacing
            self._lines.append(placed)
        self.width = avail_width
        self.height = self.leading_pt * len(self._lines)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []  # a contact block moves whole

    # drawing

    def _baseline(self, index: int) -> float:
        """The line's text sits in the middle of its leading."""
        top = self.height - index * self.leading_pt
        text_height = self._ascent - self._descent
        return top - (self.leading_pt - text_height) / 2 - self._ascent

    def draw(self) -> None:
        """Per line: the icons, then one text object with every text of the line (paths
        may not stand inside a text object), then the links. One text object per line
        keeps the text layer in reading order, the line's items on one line of text."""
        canvas = self.canv
        for index, line in enumerate(self._lines):
            baseline = self._baseline(index)
            for placed in line:
                name = placed.item.icon
                if name:
                    box = icon_box(name, self.icon_size_pt)
                    icon_y = baseline + self._icon_middle - (box.bottom + box.top) / 2
                    draw_icon(canvas, name, placed.x, icon_y, self.icon_size_pt, self.icon_color)
            text = canvas.beginText()
            for position, placed in enumerate(line):
                if position and self.separator is not None:
                    text.setTextOrigin(line[position - 1].end + self.gap_pt, baseline)
                    text.setFillColor(self.color)
                    self._text_out(text, self.separator)
                if placed.item.text:
                    text.setTextOrigin(placed.text_x, baseline)
                    text.setFillColor(self.link_color if placed.item.url else self.color)
                    self._text_out(text, placed.item.text)
            canvas.drawText(text)
            for placed in line:
                if placed.item.url and placed.item.text and self.underline_links:
                    self._underline(placed, baseline)
                if placed.item.url:
                    rect = (placed.x, baseline + self._descent, placed.end, baseline + self._ascent)
                    canvas.linkURL(pdf_uri(placed.item.url), rect, relative=1, thickness=0)

    def _text_out(self, text: Any, value: str) -> None:
        for font, run in self._runs(value):
            text.setFont(font, self.font_size_pt)
            text.textOut(run)

    def _underline(self, placed: _Placed, baseline: float) -> None:
        canvas = self.canv
        thickness = self.font_size_pt / 16
        y = baseline - self.font_size_pt / 9
        canvas.saveState()
        canvas.setStrokeColor(self.link_color)
        canvas.setLineWidth(thickness)
        canvas.line(placed.text_x, y, placed.end, y)
        canvas.restoreState()
