"""Paragraph markup → reportlab's fragments, without reportlab's HTML tokenizer.

reportlab's ParaParser reads every paragraph through ``html.parser`` (a general HTML
tokenizer: regexes per tag and attribute, position bookkeeping), then copies a fragment
per tag and per text run with ``copy.copy``. cvgen writes a small language only
(``markup.py``): escaped text, ``&amp; &lt; &gt;``, ``<b> <i> <u> <font name=…>``,
``<a href=… color=…>`` and ``<br/>``, attribute values double-quoted and escaped. For text
in that language we find the same tokens with one regex and call ParaParser's own tag
handlers in the order ``html.parser`` would — on a parser whose ``html.parser`` half is
never set up, since it never reads — so the fragments are ParaParser's. Any other text
(and any error) goes through ParaParser unchanged.
tests/test_fragments.py compares the two, attribute by attribute.
"""

from __future__ import annotations

import html
import re
from typing import Any

from reportlab.lib.fonts import tt2ps
from reportlab.platypus.paragraph import textTransformFrags  # type: ignore[attr-defined]
from reportlab.platypus.paraparser import (  # type: ignore[attr-defined]
    ParaFrag,
    ParaParser,
    _applyAttributes,
)

# One token of cvgen's markup. Attribute values hold no raw '"', '<', '>' or '&'.
_VALUE = r'"[^"<>&]*(?:&(?:amp|lt|gt|quot);[^"<>&]*)*"'
_TOKEN = re.compile(
    rf"<(?P<open>b|i|u|font|a)(?P<attrs>(?: [a-z]+={_VALUE})*)>"
    r"|</(?P<close>b|i|u|font|a)>"
    r"|(?P<br><br/>)"
    r"|&(?P<entity>amp|lt|gt);"
)
_ATTRIBUTE = re.compile(r' ([a-z]+)="([^"]*)"')


def _copy(frag: ParaFrag) -> ParaFrag:
    """``copy.copy(frag)`` without the reduce protocol: a ParaFrag is a plain object
    whose state is its ``__dict__`` (no ``__copy__``, ``__setstate__`` or slots)."""
    new: ParaFrag = ParaFrag.__new__(ParaFrag)
    new.__dict__.update(frag.__dict__)
    return new


class _Parser(ParaParser):
    """ParaParser with its two per-fragment copies made directly (same fragments)."""

    def _push(self, tag: str, **attr: Any) -> None:
        frag = _copy(self._stack[-1])
        frag.__tag__ = tag
        _applyAttributes(frag, attr)
        self._stack.append(frag)

    def handle_data(self, data: str) -> None:
        top = self._stack[-1]
        state = top.__dict__
        special = "cbDefn" in state or "_selfClosingTag" in state or "isBullet" in state
        if special or state.get("greek"):  # anchors, <br/>, bullets, greek: reportlab's way
            super().handle_data(data)
            return
        frag = _copy(top)
        frag.fontName = tt2ps(frag.fontName, frag.bold, frag.italic)
        frag.text = data
        self.fragList.append(frag)


def parse(text: str, style: Any, case_sensitive: int) -> tuple[Any, list[ParaFrag]] | None:
    """The style and fragments ``Paragraph`` gets from ``ParaParser().parse(text, style)``
    and ``textTransformFrags``, for text in cvgen's markup (``text`` already through
    reportlab's ``cleanBlockQuotedText``); None for any other text, or when reportlab would
    report an error: then ParaParser should parse it (afresh: this parser is dropped)."""
    parser = _handlers(style, case_sensitive)
    try:
        parser.start_para({})  # ParaParser.parse wraps text in <para>…</para>
        if not _feed(text, parser):
            return None
        parser.end_para()
        if parser._stack or parser.errors or hasattr(parser, "bFragList"):
            return None  # unclosed tags, errors, or a <bullet> (not ours)
        frags = parser.fragList
        textTransformFrags(frags, style)
    except Exception:  # reportlab's own parse raises it, with its own message
        return None
    return style, frags


def _handlers(style: Any, case_sensitive: int) -> Any:
    """A ParaParser as ``parse`` leaves it before reading, without its ``html.parser``
    state (html.parser's reset and the sequencer serve only text this module refuses)."""
    parser: Any = _Parser.__new__(_Parser)
    parser.caseSensitive = case_sensitive
    parser._crashOnError = True  # as ParaParser's __init__: a syntax error raises
    parser.errors = []
    parser._style = style
    parser.fragList = []
    return parser


def _feed(text: str, parser: ParaParser) -> bool:
    """Make the handler calls ``html.parser`` would make for ``text``, as ParaParser's
    handle_starttag and handle_endtag make them (cvgen's tags are lower case); False as
    soon as the text turns out not to be ours."""
    at = 0
    for token in _TOKEN.finditer(text):
        if not _data(text[at : token.start()], parser):
            return False
        at = token.end()
        if tag := token["open"]:
            attrs = dict(_ATTRIBUTE.findall(token["attrs"]))
            getattr(parser, f"start_{tag}")({k: _unquote(v) for k, v in attrs.items()})
        elif close := token["close"]:
            getattr(parser, f"end_{close}")()
        elif entity := token["entity"]:
            parser.handle_entityref(entity)
        else:  # <br/>: html.parser's handle_startendtag
            parser.start_br({})
            parser.end_br()
    return _data(text[at:], parser)


def _data(data: str, parser: ParaParser) -> bool:
    """A run of text between tokens: one handle_data call (none if empty)."""
    if "<" in data or "&" in data:  # a tag or entity that is not one of ours
        return False
    if data:
        parser.handle_data(data)
    return True


def _unquote(value: str) -> str:
    """html.parser unescapes a non-empty attribute value."""
    return html.unescape(value) if value else value
