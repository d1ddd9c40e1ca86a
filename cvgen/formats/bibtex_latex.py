"""LaTeX inside .bib values → the Unicode text a reader sees.

pylatexenc knows far more accents, letters and symbols than any table we would keep.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

_URL_MACRO = re.compile(r"\\url\s*\{([^{}]*)\}")
# What pylatexenc reads as more than letters and groups: macros, math, comments, its
# specials (~ & -- '' `` !` ?`) and the characters TeX reserves. Text without them is plain
# once its braces go ("{Attention} Is All You Need").
_LATEX_SYNTAX = re.compile(r"[\\$%~&#^_`]|--|''")
_BRACE = re.compile(r"[{}]")


def latex_to_text(value: str) -> str:
    """LaTeX → the Unicode text a reader sees: accents, ``\\ss``, ``--``, braces gone."""
    # Most titles and names have no LaTeX beyond braces: pylatexenc costs ~1 ms a value.
    plain = None if _LATEX_SYNTAX.search(value) else _without_groups(value)
    text = _pylatexenc_text(value) if plain is None else plain
    # "~" is a tie (no-break space) and "\-" a hyphenation hint: neither belongs in a CV.
    return " ".join(text.replace("\xa0", " ").replace("\xad", "").split())


def _without_groups(value: str) -> str | None:
    """The text without its braces when they are balanced (as pylatexenc reads groups);
    None when they are not (pylatexenc's tolerant reading decides then)."""
    depth = 0
    for brace in _BRACE.finditer(value):
        depth += 1 if brace.group() == "{" else -1
        if depth < 0:
            return None
    return None if depth else value.replace("{", "").replace("}", "")


@lru_cache(maxsize=4096)  # names and venues repeat from entry to entry
def _pylatexenc_text(value: str) -> str:
    try:
        return str(_latex_converter().latex_to_text(value, latex_context=_latex_context()))
    except Exception:  # pylatexenc 2.x crashes on a few malformed macros (\href{x})
        return re.sub(r"\\[A-Za-z]+\s*|[{}]", "", re.sub(r"\}\s*\{", " ", value))


def raw_link(value: str) -> str:
    """A URL-like value as typed: ``\\url{}`` and braces gone, LaTeX escapes (``\\_``) undone."""
    inner = _URL_MACRO.search(value)
    if inner:
        value = inner.group(1)
    return re.sub(r"\\([_%&#$~])", r"\1", value.replace("{", "").replace("}", "")).strip()


def split_url_macro(value: str) -> tuple[str, str | None]:
    """``Code at \\url{https://x.org}`` → ("Code at", "https://x.org"): text and the first
    ``\\url{}`` target (as typed), for ``howpublished``."""
    inner = _URL_MACRO.search(value)
    if not inner:
        return value, None
    rest = value[: inner.start()] + value[inner.end() :]
    return rest, raw_link(inner.group(0))


@cache
def _latex_converter() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text  # imported late: only .bib files need it

    return LatexNodes2Text()


@cache
def _latex_context() -> Any:
    """pylatexenc's macro table, built once: left to itself it rebuilds it for every value
    (most of the 0.1 ms a short value costs, so a .bib of 150,000 entries took 80 s)."""
    from pylatexenc.latexwalker import get_default_latex_context_db

    return get_default_latex_context_db()
