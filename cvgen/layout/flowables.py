"""Custom flowables. They receive final strings, sizes in points and colours; they
decide nothing about the profile."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, FrameBreak, Paragraph

# Private reportlab names; tests/test_reportlab_internals.py fails loudly if they move.
from reportlab.platypus.flowables import _listWrapOn  # type: ignore[attr-defined]

from cvgen.images import PreparedImage
from cvgen.layout import fragments, linebreak


class Para(Paragraph):
    """A Paragraph that does not break its lines again for the width it last broke them for.

    KeepTogether, tables and our keep policy wrap the same paragraph several times; breaking
    lines is the costliest step of a build (a 500-entry CV wrapped each one 3.2 times).
    """

    _wrapped_for: float | None = None

    def _setup(
        self, text: str, style: Any, bulletText: Any, frags: Any, cleaner: Callable[[str], str]
    ) -> None:
        """cvgen's own markup is read by ``fragments`` (the same fragments, in less time);
        anything else, and split halves (given their fragments), as reportlab does."""
        if frags is None:
            cleaned = cleaner(text)
            parsed = fragments.parse(cleaned, style, self.caseSensitive)
            if parsed is not None:  # Paragraph._setup, given fragments, keeps text as is
                text, (style, frags) = cleaned, parsed
        super()._setup(text, style, bulletText, frags, cleaner)  # type: ignore[misc]

    def breakLines(self, width: Any) -> Any:
        """cvgen's many-fragment paragraphs are broken by ``linebreak`` (the same lines,
        in less time); anything else by reportlab."""
        if isinstance(width, list):
            lines = linebreak.break_lines(self, width)
            if lines is not None:
                return lines
        return super().breakLines(width)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # split() drops blPara when it gives up; then the lines must be broken again
        if availWidth == self._wrapped_for and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_for = availWidth
        return size


class SectionHeading(Flowable):
    """A heading with a rule under it that is also a bookmark and an outline entry."""

    def __init__(
        self,
        paragraph: Paragraph,
        *,
        key: str,
        outline_title: str,
        rule_color: Color,
        rule_width_pt: float,
        gap_pt: float,
        space_before_pt: float,
        space_after_pt: float,
    ) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.key = key
        self.outline_title = outline_title
        self.rule_color = rule_color
        self.rule_width_pt = rule_width_pt
        self.gap_pt = gap_pt
        self.spaceBefore = space_before_pt
        self.spaceAfter = space_after_pt
        self.keepWithNext = True  # a heading never ends a page

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, text_height = self.paragraph.wrap(avail_width, avail_height)
        self.width = avail_width
        self.height = text_height + self.gap_pt + self.rule_width_pt
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        rule_top = self.rule_width_pt + self.gap_pt
        self.paragraph.drawOn(canvas, 0, rule_top)
        canvas.saveState()
        canvas.setStrokeColor(self.rule_color)
        canvas.setLineWidth(self.rule_width_pt)
        canvas.line(0, self.rule_width_pt / 2, self.width, self.rule_width_pt / 2)
        canvas.restoreState()
        canvas.bookmarkHorizontal(self.key, 0, self.height)
        canvas.addOutlineEntry(self.outline_title, self.key, level=0)


class ImageReaders:
    """One reportlab ImageReader per prepared image of a document. drawImage names an image
    by the md5 of its decoded pixels, and a new reader decodes them again: a logo beside
    32 entries was decoded 32 times. A reader decodes once and keeps the pixels."""

    def __init__(self) -> None:
        self._made: dict[int, tuple[PreparedImage, ImageReader]] = {}  # the image keeps its id

    def reader(self, image: PreparedImage) -> ImageReader:
        found = self._made.get(id(image))
        if found is None:
            found = self._made[id(image)] = (image, ImageReader(io.BytesIO(image.data)))
        return found[1]


class PlacedImage(Flowable):
    """A prepared image at its placed size, optionally with rounded corners.

    The corners are a clip path, so a JPEG photo stays a JPEG (no alpha mask needed).
    ``readers``: where the document's image readers are shared (else one of its own).
    """

    def __init__(
        self, image: PreparedImage, *, corner_pt: float = 0.0, readers: ImageReaders | None = None
    ) -> None:
        super().__init__()
        self.image = image
        self.corner_pt = corner_pt
        self.readers = readers or ImageReaders()
        self.width = image.width_pt
        self.height = image.height_pt

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        reader = self.readers.reader(self.image)
        canvas.saveState()
        if self.corner_pt > 0:
            path = canvas.beginPath()
            path.roundRect(0, 0, self.width, self.height, self.corner_pt)
            canvas.clipPath(path, stroke=0, fill=0)
        mask = "auto" if self.image.format == "PNG" else None
        canvas.drawImage(reader, 0, 0, self.width, self.height, mask=mask)
        canvas.restoreState()


class KeepShortTogether(Flowable):
    """An entry, placed as one flowable when it fits.

    A short entry that does not fit moves to the next page whole; a long one may split,
    but its first ``head_count`` flowables (section heading, entry header, first line)
    stay together. A long first paragraph in the head is cut after ``first_lines_pt``, so
    only its opening lines need to travel with the header. (reportlab's KeepTogether
    forces a split for every entry and copies the frame each time it measures: this
    draws its children itself.)
    """

    def __init__(
        self,
        flowables: list[Flowable],
        *,
        head_count: int,
        max_height_pt: float,
        first_lines_pt: float,
    ) -> None:
        super().__init__()
        self._content = flowables
        self.head_count = head_count
        self.max_height_pt = max_height_pt
        self.first_lines_pt = first_lines_pt
        self._placed: list[tuple[Flowable, float, float, float]] = []  # child, y, width, gap

    def getSpaceBefore(self) -> float:
        return float(self._content[0].getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self._content[-1].getSpaceAfter())

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Children stacked with the frame's spacing rule (the larger of after and before)."""
        sizes = []
        height = 0.0
        previous: Flowable | None = None
        for child in self._content:
            width, child_height = child.wrapOn(self.canv, availWidth, 0x7FFFFFFF)
            gap = 0.0 if previous is None else max(previous.getSpaceAfter(), child.getSpaceBefore())
            sizes.append((child, width, child_height, gap))
            height += gap + child_height
            previous = child
        top = height
        self._placed = []
        for child, width, child_height, gap in sizes:
            top -= gap + child_height
            self._placed.append((child, top, width, availWidth - width))
        self.width, self.height = availWidth, height
        return availWidth, height

    def draw(self) -> None:
        for child, y, _, spare in self._placed:
            child.drawOn(self.canv, 0, y, _sW=spare)  # type: ignore[call-arg]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        frame = getattr(self, "_frame", None)
        at_top = bool(frame and getattr(frame, "_atTop", False))
        if self.height <= self.max_height_pt:
            # short: the next page, whole; unless even a fresh page is too small for it
            return list(self._content) if at_top else [FrameBreak(), self]
        head, rest = self._head_and_rest(availWidth, availHeight)
        if not rest:
            return list(self._content) if at_top else [FrameBreak(), self]
        _, head_height = _listWrapOn(head, availWidth, self.canv)
        if head_height + 1 < availHeight or at_top:
            return [*head, *rest]  # at the top, a head taller than a page must split anyway
        return [FrameBreak(), *head, *rest]

    def _head_and_rest(
        self, avail_width: float, avail_height: float
    ) -> tuple[list[Flowable], list[Flowable]]:
        head = list(self._content[: self.head_count])
        rest = list(self._content[self.head_count :])
        last = head[-1]
        if isinstance(last, Paragraph):
            _, last_height = last.wrap(avail_width, avail_height)
            if last_height > self.first_lines_pt:
                pieces = last.split(avail_width, self.first_lines_pt)
                if len(pieces) == 2:
                    head[-1], rest = pieces[0], [pieces[1], *rest]
        return head, rest
