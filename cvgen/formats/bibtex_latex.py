"""LaTeX inside .bib values → the Unicode text a reader sees.

pylatexenc knows far more accents, letters and symbols than any table we would keep.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_URL_MACRO = re.compile(r"\\url\s*\{([^{}]*)\}")


def latex_to_text(value: str) -> str:
    """LaTeX → the Unicode text a reader sees: accents, ``\\ss``, ``--``, braces gone."""
    try:
        text = _latex_converter().latex_to_text(value)
    except Exception:  # pylatexenc 2.x crashes on a few malformed macros (\href{x})
        text = re.sub(r"\\[A-Za-z]+\s*|[{}]", "", re.sub(r"\}\s*\{", " ", value))
    # "~" is a tie (no-break space) and "\-" a hyphenation hint: neither belongs in a CV.
    return " ".join(text.replace("\xa0", " ").replace("\xad", "").split())


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
