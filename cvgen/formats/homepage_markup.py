"""How the owner's MkDocs-Material homepage writes things, shared by its import and export:
the ``cvgen:`` region markers, month spellings, publication link icons, escaping, name keys.
"""

from __future__ import annotations

import re

from cvgen.locale import MONTHS

REGIONS = ("header", "bio", "news", "education", "publications")
# How the owner's page spells months ("Sept. 2019 -- June 2023"): short names in full,
# others cut to three letters (September to four) and a full stop.
PAGE_MONTHS = [
    name if len(name) <= 5 else f"{name[: 4 if name == 'September' else 3]}." for name in MONTHS
]
# Publication link icons that are not networks, and the labels they stand for.
LABEL_OF_ICON = {"arxiv": "arXiv", "doi": "DOI", "file-pdf": "PDF", "youtube": "Video"}
ICON_OF_LABEL = {
    "arxiv": "simple-arxiv",
    "doi": "simple-doi",
    "pdf": "fontawesome-solid-file-pdf",
    "video": "fontawesome-brands-youtube",
}
MARKER = re.compile(r"^[ \t]*<!--[ \t]*cvgen:(?P<body>.*?)[ \t]*-->[ \t]*\r?$", re.MULTILINE)
_ESCAPABLE = re.compile(r"([\\*_\[\]<`])")
_ESCAPED = re.compile(r"\\([\\*_\[\]<`])")


def unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def escape(text: str) -> str:
    """A plain value (a name) as Markdown that shows it as typed."""
    return _ESCAPABLE.sub(r"\\\1", text)
