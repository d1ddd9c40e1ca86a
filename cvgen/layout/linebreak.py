"""reportlab's line breaking of a many-fragment paragraph, for the paragraphs cvgen makes.

``Paragraph.breakLines`` is the costliest step of a long CV. For a paragraph of several
fragments it compares each word's fragment with the last one through rl_accel's C
``sameFrag`` (a few microseconds a call: it raises and clears an AttributeError for every
attribute a fragment lacks) and asks pdfmetrics again, word after word, for the width of a
space and the font's ascent and descent. ``break_lines`` is the same work for what cvgen
writes — left to right, spaces that may shrink, line breaks; no hyphenation, soft hyphens,
inline images or words wider than the line — with those answers remembered for the
paragraph, and a word of the very fragment the line's last one was cloned from taken as
the same without asking. It returns reportlab's structures (``ParaLines`` of
``FragLine``s, the fragment words left in ``para.frags``), or None when the paragraph needs
reportlab's general code. tests/test_linebreak.py compares the two, attribute by attribute.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from operator import itemgetter
from string import whitespace
from typing import Any

from reportlab.lib.abag import ABag
from reportlab.lib.rl_accel import instanceStringWidthTTF
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus.paragraph import (  # type: ignore[attr-defined]
    _FK_BREAK,
    _FK_TEXT,
    FragLine,
    ParaLines,
    _handleBulletWidth,
    _HSFrag,
    _processed_frags,
    _wsc,
    split,
)

_SHY = "\xad"
_ABAG_CLONE, _ABAG_INIT = ABag.clone, ABag.__init__

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
    for frag in frags:  # an image or callback, a background, a soft hyphen: reportlab's
        state = frag.__dict__
        if "cbDefn" in state or "backColor" in state or _SHY in state.get("text", ""):
            return None
    bulleted = list(widths)
    _handleBulletWidth(para.bulletText, style, bulleted)
    words = frag_words(frags)
    narrowest = min(bulleted)
    if max(map(itemgetter(0), words)) > narrowest:
        return None  # a word to split over lines: reportlab's code
    widths[:] = bulleted  # reportlab adjusts the caller's list for the bullet too
    para._width_max = 0
    para.height = 0
    para._splitLongWordCount = para._hyphenations = 0
    lines, para._width_max = _lines_of(words, widths, not style.justifyBreaks, style.spaceShrinkage)
    para.frags = words  # reportlab's FW: every word, in order
    return ParaLines(kind=1, lines=lines)


def frag_words(frags: list[Any]) -> list[Any]:
    """reportlab's ``_getFragWords(frags)`` for fragments of text and line breaks without
    soft hyphens: each word ``[width, (fragment, text), …]``, an ``_HSFrag`` when a space
    follows it; the fragments' ``_fkind`` set as there. Each font's measure is looked up
    once a paragraph, not once a word."""
    words: list[Any] = []
    word: list[Any] = []  # the word being built: (fragment, text) pieces
    width: float = 0
    strip_start = True  # leading spaces are dropped, at the start and after a break
    measures: dict[str, Callable[[str, float], float]] = {}
    for f in frags:
        text = f.text
        if text != "":
            f._fkind = _FK_TEXT
            if strip_start:
                text = text.lstrip(_wsc)  # reportlab's lstrip
                if not text:
                    continue
                strip_start = False
            # reportlab's split: str.split, but a no-break space does not split there
            parts = split(text) if "\xa0" in text else text.split()
            if text[0] in whitespace or not parts:
                if word:  # a space ends the word before
                    word.insert(0, width)
                    words.append(word)
                    word, width = [], 0
                    ends_spaced = False  # reportlab's hangingSpace: never set in this path
                else:
                    ends_spaced = bool(words) and type(words[-1]) is _HSFrag
                if not ends_spaced:
                    parts.insert(0, "")
                elif not parts:
                    continue
            measure = measures.get(f.fontName) or measures.setdefault(
                f.fontName, _measure(f.fontName)
            )
            size = f.fontSize
            for part in parts[:-1]:  # each a word followed by a space
                if word:  # the end of a word begun in an earlier fragment
                    word.append((f, part))
                    word.insert(0, width + measure(part, size))
                    words.append(_HSFrag(word))
                    word, width = [], 0
                else:
                    words.append(_HSFrag((measure(part, size), (f, part))))
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


def _measure(font_name: str) -> Callable[[str, float], float]:
    """``stringWidth(text, font_name, size)`` as ``measure(text, size)``: for a TrueType
    font its C function itself (what TTFont.stringWidth calls), without two Python calls."""
    font: Any = getFont(font_name)
    if isinstance(font, TTFont) and type(font).stringWidth is TTFont.stringWidth:
        return partial(instanceStringWidthTTF, font)
    measured: Callable[[str, float], float] = font.stringWidth
    return measured


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


def _lines_of(
    words: list[Any], widths: list[float], unjustified_breaks: bool, shrinkage: float
) -> tuple[list[Any], float]:
    """reportlab's loop over fragment words (Paragraph.breakLines, the branch for more than
    one fragment) for what break_lines lets through: the lines, and the widest line's
    width. One loop over local variables, as reportlab's: it runs once a word. Names
    follow reportlab's where that helps comparing: ``line`` is its ``words`` (the line's
    fragments, ``g`` the last of them), ``n`` its count of words on the line."""
    metrics = _Metrics()
    lines: list[Any] = []
    line: list[Any] = []
    lineno, last_width = 0, len(widths) - 1
    max_width = widths[0]
    width_max: float = 0
    n, space_width, current_width = 0, 0.0, 0.0
    max_size = max_ascent = min_descent = 0.0
    g: Any = None
    g_source: Any = None  # the fragment g was cloned from (sameFrag(g, g_source) holds)
    g_space = 0.0  # the width of a space in g_source's font and size
    s_fw = 0
    for index, w in enumerate(words):
        first, text = w[1]
        if len(w) == 2 and first is g_source and line:
            # The common case, the "one more word" branch below made short (~8% of this
            # loop): a one-piece word of g's own fragment, whose extents are the line's.
            width = w[0]
            new_width = current_width + space_width + width if width > 0 else current_width
            limit = (
                max_width
                if new_width <= max_width
                else _limit(max_width, space_width, line, shrinkage, metrics)
            )
            if new_width <= limit or n == 0:
                if text:
                    n += 1
                if not space_width or g.text.endswith(" "):
                    g.text += text
                else:
                    g.text += " " + text
                space_width = g_space if type(w) is _HSFrag else 0  # frag_words' words: lists
                current_width = new_width
                continue
        last = w[-1][0]
        if not line:
            n, space_width, current_width = 0, 0, 0
            max_size = last.fontSize
            max_ascent, min_descent = metrics.extent(last.fontName, last.fontSize)
        word_width = w[0]
        new_width = current_width + space_width + word_width if word_width > 0 else current_width
        line_break = first._fkind == _FK_BREAK
        over = new_width > max_width and new_width > _limit(
            max_width, space_width, line, shrinkage, metrics
        )
        ended = (over and n > 0) or line_break
        if ended:
            if line_break:
                line.append(_clone(first))
            if current_width > width_max:
                width_max = current_width
            extents = (max_size, max_ascent, min_descent)
            lines.append(
                _frag_line(
                    line,
                    n,
                    line_break and unjustified_breaks,
                    max_width,
                    current_width,
                    extents,
                    s_fw,
                )
            )
            s_fw = index
            lineno += 1
            max_width = widths[min(last_width, lineno)]
            if line_break:
                line = []
                continue
            space_width = (
                metrics.space(last.fontName, last.fontSize) if isinstance(w, _HSFrag) else 0
            )
            current_width = word_width
            n = 1
            g = _clone(first)
            max_size = g.fontSize
            max_ascent, min_descent = metrics.extent(g.fontName, max_size)
            line = [g]
            g.text = text
            g_source, g_space = first, metrics.space(first.fontName, first.fontSize)
        else:  # one more word on the line
            if text:
                n += 1
            if first is not g_source or not line:  # (g_source's are the line's already)
                max_size, max_ascent, min_descent = metrics.grown(
                    first, max_size, max_ascent, min_descent
                )
            if not line or not (first is g_source or same_frag(g, first)):
                if line and space_width:
                    _end_with_space(line)
                g = _clone(first)
                g.text = text
                line.append(g)
                g_source, g_space = first, metrics.space(first.fontName, first.fontSize)
            elif not space_width or g.text.endswith(" "):
                g.text += text
            else:
                g.text += " " + text
            # reportlab's quirk, kept: the last piece's font at the first piece's size
            space_width = (
                metrics.space(last.fontName, first.fontSize) if isinstance(w, _HSFrag) else 0
            )
            current_width = new_width
        if len(w) > 2:  # the word's later pieces, each its own fragment
            any_text = False
            for piece, piece_text in w[2:]:
                g = _clone(piece)
                g.text = piece_text
                any_text = any_text or bool(piece_text)
                line.append(g)
                max_size, max_ascent, min_descent = metrics.grown(
                    g, max_size, max_ascent, min_descent
                )
            # g is the last piece's clone: the next word of that fragment joins it
            g_source, g_space = piece, metrics.space(piece.fontName, piece.fontSize)
            if not text and any_text and not ended:
                n += 1
    if line:
        if current_width > width_max:
            width_max = current_width
        extents = (max_size, max_ascent, min_descent)
        lines.append(_frag_line(line, n, False, max_width, current_width, extents, s_fw))
    return lines, width_max


def _frag_line(
    words: list[Any],
    count: int,
    line_break: bool,
    max_width: float,
    width: float,
    extents: tuple[float, float, float],
    s_fw: int,
) -> Any:
    """reportlab's FragLine for a finished line: its fragments, word count, whether a
    ``<br/>`` ended it (unjustified), the room left, its largest size, ascent and smallest
    descent, and the index of its first fragment word."""
    size, ascent, descent = extents
    return _filled(
        FragLine,
        {
            "extraSpace": max_width - width,
            "wordCount": count,
            "lineBreak": line_break,
            "words": words,
            "fontSize": size,
            "ascent": ascent,
            "descent": descent,
            "maxWidth": max_width,
            "sFW": s_fw,
        },
    )


def _clone(fragment: Any) -> Any:
    """``fragment.clone()`` (ABag's: the same class, a copy of its attributes in their
    order) without passing every attribute through keyword arguments."""
    kind: Any = type(fragment)
    if kind.clone is not _ABAG_CLONE or kind.__init__ is not _ABAG_INIT:
        return fragment.clone()
    return _filled(kind, fragment.__dict__)


def _filled(kind: Any, state: dict[str, Any]) -> Any:
    """``kind(**state)`` for an ABag class: its attributes are its keyword arguments."""
    made = kind.__new__(kind)
    made.__dict__.update(state)
    return made


def _end_with_space(line: list[Any]) -> None:
    """A new fragment starts after a space: the last text fragment ends with it."""
    for fragment in reversed(line):
        if fragment._fkind == _FK_TEXT:
            if not fragment.text.endswith(" "):
                fragment.text += " "
            return


def _limit(
    max_width: float, space_width: float, line: list[Any], shrinkage: float, metrics: _Metrics
) -> float:
    """The line's width, more by what its spaces may shrink to fit one more word (summed in
    reportlab's order, for the same float)."""
    if not shrinkage:
        return max_width
    shrink = space_width
    for fragment in line:
        if fragment._fkind == _FK_TEXT and (count := fragment.text.count(" ")):
            shrink += count * metrics.space(fragment.fontName, fragment.fontSize)
    return max_width + shrink * shrinkage


class _Metrics:
    """A space's width and a font's ascent and descent, asked of pdfmetrics once each."""

    def __init__(self) -> None:
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

    def grown(
        self, f: Any, max_size: float, max_ascent: float, min_descent: float
    ) -> tuple[float, float, float]:
        """The line's largest size, ascent and smallest descent with fragment f on it."""
        size = f.fontSize
        key = (f.fontName, size)
        if (found := self._extents.get(key)) is None:
            found = self._extents[key] = getAscentDescent(*key)
        ascent, descent = found
        return max(max_size, size), max(max_ascent, ascent), min(min_descent, descent)
