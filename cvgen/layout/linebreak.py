"""reportlab's line breaking of a many-fragment paragraph, for the paragraphs cvgen makes.

``Paragraph.breakLines`` is the costliest step of a long CV. For a paragraph of several
fragments it compares each word's fragment with the last one through rl_accel's C
``sameFrag`` (a few microseconds a call: it raises and clears an AttributeError for every
attribute a fragment lacks) and asks pdfmetrics again, word after word, for the width of a
space and the font's ascent and descent. ``break_lines`` is the same loop for what cvgen
writes — left to right, no hyphenation, no space shrinking, no inline images, no words
wider than the line — with those answers remembered for the paragraph, and a fragment that
is the very one the last word came from taken as the same without asking. It returns
reportlab's structures (``ParaLines`` of ``FragLine``s, the fragment words left in
``para.frags``), or None before touching anything when the paragraph needs reportlab's
general code. tests/test_linebreak.py compares the two, attribute by attribute.
"""

from __future__ import annotations

from string import whitespace
from typing import Any

from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont, stringWidth
from reportlab.platypus.paragraph import (  # type: ignore[attr-defined]
    _FK_BREAK,
    _FK_TEXT,
    FragLine,
    ParaLines,
    _handleBulletWidth,
    _HSFrag,
    _processed_frags,
    lstrip,
    split,
)

_SHY = "\xad"

# What rl_accel's sameFrag compares, and how: an attribute absent from both fragments is
# equal, absent from one only is not (even against None); tests/test_linebreak.py pins it.
_COMPARED = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")
_ABSENT = object()


def same_frag(g: Any, f: Any) -> bool:
    """rl_accel's ``sameFrag(g, f)`` without its exceptions: may f's text join g's?"""
    gd, fd = g.__dict__, f.__dict__
    if "cbDefn" in gd or "lineBreak" in gd or "cbDefn" in fd or "lineBreak" in fd:
        return False
    for key in _COMPARED:
        a, b = gd.get(key, _ABSENT), fd.get(key, _ABSENT)
        if a is not b and a != b:
            return False
    return True


def break_lines(para: Any, widths: list[float]) -> Any | None:
    """What ``para.breakLines(widths)`` returns (and leaves in para), or None when the
    paragraph is not one this loop is for: then nothing is changed but the fragments'
    ``_fkind``, which reportlab's own break sets to the same values."""
    style = para.style
    frags = para.frags
    if len(frags) < 2 or not _plain_style(para, style) or _processed_frags(frags):
        return None
    if any(_unusual(f) for f in frags):
        return None
    bulleted = list(widths)
    _handleBulletWidth(para.bulletText, style, bulleted)
    words = frag_words(frags)
    narrowest = min(bulleted)
    if any(w[0] > narrowest for w in words):
        return None  # a word to split over lines: reportlab's code
    widths[:] = bulleted  # reportlab adjusts the caller's list for the bullet too
    para._width_max = 0
    para.height = 0
    para._splitLongWordCount = para._hyphenations = 0
    breaker = _Breaker(widths, not style.justifyBreaks, style.spaceShrinkage)
    for word in words:
        breaker.add(word)
    lines = breaker.finish()
    para._width_max = breaker.width_max
    para.frags = breaker.frag_words
    return ParaLines(kind=1, lines=lines)


def _unusual(frag: Any) -> bool:
    """An inline image or callback, a background, or a soft hyphen (a place to
    hyphenate): reportlab's code."""
    state = frag.__dict__
    return "cbDefn" in state or "backColor" in state or _SHY in state.get("text", "")


def frag_words(frags: list[Any]) -> list[Any]:
    """reportlab's ``_getFragWords(frags)`` for fragments of text and line breaks without
    soft hyphens: each word ``[width, (fragment, text), …]``, an ``_HSFrag`` when a space
    follows it; the fragments' ``_fkind`` set as there. Each fragment's font is looked up
    once, not once a word."""
    words: list[Any] = []
    word: list[Any] = []  # the word being built: (fragment, text) pieces
    width: float = 0
    strip_start = True  # leading spaces are dropped, at the start and after a break
    for f in frags:
        text = f.text
        if text != "":
            f._fkind = _FK_TEXT
            if strip_start:
                text = lstrip(text)
                if not text:
                    continue
                strip_start = False
            parts = split(text)
            if text[0] in whitespace or not parts:
                if word:  # a space ends the word before
                    word.insert(0, width)
                    words.append(word)
                    word, width = [], 0
                    ends_spaced = False  # reportlab's hangingSpace: never set in this path
                else:
                    ends_spaced = bool(words) and isinstance(words[-1], _HSFrag)
                if not ends_spaced:
                    parts.insert(0, "")
                elif not parts:
                    continue
            measure = getFont(f.fontName).stringWidth
            size = f.fontSize
            for part in parts[:-1]:
                word.append((f, part))
                width += measure(part, size)
                word.insert(0, width)
                words.append(_HSFrag(word))
                word, width = [], 0
            word.append((f, parts[-1]))
            width += measure(parts[-1], size)
            if text[-1] in whitespace:
                word.insert(0, width)
                words.append(_HSFrag(word))
                word, width = [], 0
        elif "lineBreak" in f.__dict__:
            if word:
                word.insert(0, width)
                words.append(word)
                word, width = [], 0
            f._fkind = _FK_BREAK
            words.append([0, (f, "")])
            strip_start = True
    if word:
        word.insert(0, width)
        words.append(word)
    if not words and frags:
        frags[0]._fkind = _FK_TEXT
        words = [[0, (frags[0], "")]]
    return words


def _plain_style(para: Any, style: Any) -> bool:
    """No feature of breakLines that this loop leaves out is in use."""
    auto_leading = getattr(para, "autoLeading", getattr(style, "autoLeading", ""))
    return (
        not style.wordWrap
        and not style.shaping
        and not style.endDots
        and not getattr(style, "hyphenationLang", "")
        and not style.uriWasteReduce
        and not style.embeddedHyphenation
        and auto_leading in ("", "off")
    )


class _Breaker:
    """reportlab's loop over fragment words, one word at a time (see Paragraph.breakLines,
    the branch for more than one fragment); names as there, where they help comparing."""

    def __init__(self, widths: list[float], justify_line_breaks: bool, shrinkage: float) -> None:
        self.widths = widths
        self.shrinkage = shrinkage
        self.last_line = len(widths) - 1
        self.njlbv = justify_line_breaks
        self.lineno = 0
        self.max_width = widths[0]
        self.width_max: float = 0
        self.lines: list[Any] = []
        self.frag_words: list[Any] = []
        self.line_words: list[Any] = []  # reportlab's `words`: the line's fragments
        self.s_fw = 0
        self.n = 0
        self.space_width: float = 0
        self.current_width: float = 0
        self.max_size: float = 0
        self.max_ascent: float = 0
        self.min_descent: float = 0
        self.g: Any = None  # the line's last fragment, and the one it was cloned from
        self.g_source: Any = None
        self._spaces: dict[tuple[str, float], float] = {}
        self._extents: dict[tuple[str, float], tuple[float, float]] = {}

    def space(self, font_name: str, font_size: float) -> float:
        key = (font_name, font_size)
        if (width := self._spaces.get(key)) is None:
            width = self._spaces[key] = stringWidth(" ", font_name, font_size)
        return width

    def extent(self, font_name: str, font_size: float) -> tuple[float, float]:
        key = (font_name, font_size)
        if (found := self._extents.get(key)) is None:
            found = self._extents[key] = getAscentDescent(font_name, font_size)
        return found

    def add(self, w: Any) -> None:
        self.frag_words.append(w)
        if len(w) == 2 and w[1][0] is self.g_source and self.line_words and self._continue(w):
            return
        last = w[-1][0]
        font_name, font_size = last.fontName, last.fontSize
        if not self.line_words:
            self.n = 0
            self.space_width = self.current_width = 0
            self.max_size = font_size
            self.max_ascent, self.min_descent = self.extent(font_name, font_size)
        word_width = w[0]
        f = w[1][0]
        if word_width > 0:
            new_width = self.current_width + self.space_width + word_width
        else:
            new_width = self.current_width
        line_break = f._fkind == _FK_BREAK
        if (self._overflows(new_width) and self.n > 0) or line_break:
            self._end_line(w, f, font_name, font_size, line_break)
        else:
            self._extend_line(w, f, font_name, new_width)

    def _continue(self, w: Any) -> bool:
        """The common case, the general one made short: a one-piece word of the fragment
        the line's last fragment was cloned from, that fits. Its font and size are already
        in the line's extents, and its text joins the last fragment's."""
        width = w[0]
        new_width = (
            self.current_width + self.space_width + width if width > 0 else self.current_width
        )
        if self._overflows(new_width) and self.n > 0:
            return False
        f, text = w[1]
        if text:
            self.n += 1
        g = self.g
        if not self.space_width or g.text.endswith(" "):
            g.text += text
        else:
            g.text += " " + text
        self.space_width = self.space(f.fontName, f.fontSize) if isinstance(w, _HSFrag) else 0
        self.current_width = new_width
        return True

    def _overflows(self, width: float) -> bool:
        """Whether a line this wide is over the limit: the line's width, more by what its
        spaces may shrink (never less than the width, so only summed, in reportlab's
        order for the same float, when the width is passed)."""
        return width > self.max_width and width > self._limit()

    def _limit(self) -> float:
        limit = self.max_width
        if self.shrinkage:
            shrink = self.space_width
            for wi in self.line_words:
                if wi._fkind == _FK_TEXT and (count := wi.text.count(" ")):
                    shrink += count * self.space(wi.fontName, wi.fontSize)
            limit += shrink * self.shrinkage
        return limit

    def _extend_line(self, w: Any, f: Any, font_name: str, width: float) -> None:
        text = w[1][1]
        if text:
            self.n += 1
        self._grow(f)
        words = self.line_words
        if not words:
            self._start_fragment(f, text)
        elif not self._same(f):
            if self.space_width:
                for wi in reversed(words):
                    if wi._fkind == _FK_TEXT:
                        if not wi.text.endswith(" "):
                            wi.text += " "
                        break
            self._start_fragment(f, text)
        elif self.space_width:
            g = self.g
            g.text += (" " + text) if not g.text.endswith(" ") else text
        else:
            self.g.text += text
        # reportlab's quirk, kept: the last piece's font at the first piece's size
        self.space_width = self.space(font_name, f.fontSize) if isinstance(w, _HSFrag) else 0
        any_text = self._append_pieces(w)
        if not text and any_text:
            self.n += 1
        self.current_width = width

    def _same(self, f: Any) -> bool:
        """sameFrag(g, f); g is a clone of g_source with only its text changed, so a
        word from g_source itself is the same unless it is a line break."""
        if f is self.g_source and "lineBreak" not in f.__dict__:
            return True
        return same_frag(self.g, f)

    def _start_fragment(self, f: Any, text: str) -> None:
        g = f.clone()
        g.text = text
        self.line_words.append(g)
        self.g, self.g_source = g, f

    def _append_pieces(self, w: Any) -> bool:
        """The word's later pieces, each its own fragment; True if any has text."""
        any_text = False
        for piece, text in w[2:]:
            g = piece.clone()
            g.text = text
            if text:
                any_text = True
            self.line_words.append(g)
            self._grow(g)
            self.g, self.g_source = g, None  # g's text is set after the clone: not piece
        return any_text

    def _grow(self, f: Any) -> None:
        size = f.fontSize
        ascent, descent = self.extent(f.fontName, size)
        self.max_size = max(self.max_size, size)
        self.max_ascent = max(self.max_ascent, ascent)
        self.min_descent = min(self.min_descent, descent)

    def _end_line(self, w: Any, f: Any, font_name: str, font_size: float, line_break: bool) -> None:
        if line_break:
            self.line_words.append(f.clone())
            llb = self.njlbv
        else:
            llb = False
        self._close_line(llb)
        self.s_fw = len(self.frag_words) - 1
        self.lineno += 1
        self.max_width = self.widths[min(self.last_line, self.lineno)]
        if line_break:
            self.line_words = []
            return
        self.space_width = self.space(font_name, font_size) if isinstance(w, _HSFrag) else 0
        self.current_width = w[0]
        self.n = 1
        g = f.clone()
        self.max_size = g.fontSize
        self.max_ascent, self.min_descent = self.extent(g.fontName, self.max_size)
        self.line_words = [g]
        g.text = w[1][1]
        self.g, self.g_source = g, f
        self._append_pieces(w)

    def _close_line(self, llb: bool) -> None:
        if self.current_width > self.width_max:
            self.width_max = self.current_width
        self.lines.append(
            FragLine(
                extraSpace=self.max_width - self.current_width,
                wordCount=self.n,
                lineBreak=llb,
                words=self.line_words,
                fontSize=self.max_size,
                ascent=self.max_ascent,
                descent=self.min_descent,
                maxWidth=self.max_width,
                sFW=self.s_fw,
            )
        )

    def finish(self) -> list[Any]:
        if self.line_words:
            self._close_line(False)
        return self.lines
