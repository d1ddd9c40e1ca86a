"""Reading a built PDF back: text, links, images, fonts, outline, metadata."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

from pypdf import PdfReader

from cvgen.pdfcheck import pdf_fonts

_DASH_RANGE = re.compile(r"(?<=\d{4})\s*[-–—]\s*(?=\d\d/\d{4}|\d{4}|present)")


def normalize(text: str) -> str:
    """Whitespace collapsed; date ranges written one way ("2018-2022" = "2018 – 2022")."""
    return _DASH_RANGE.sub(" - ", " ".join(text.split()))


# pypdf's text extraction is the slow part of reading a PDF back (tens of milliseconds a
# page), and the suite reads the same bytes more than once: a test reads its PDF, then
# conftest's soundness check reads it again; many tests build the bundled CV to the same
# bytes. Text is a function of the bytes, so it is kept by their sha256 for the session.
_texts_of: dict[bytes, tuple[str, ...]] = {}


def _texts(data: bytes, reader: PdfReader | None = None) -> tuple[str, ...]:
    key = hashlib.sha256(data).digest()
    if key not in _texts_of:
        pages = (reader or PdfReader(io.BytesIO(data))).pages
        _texts_of[key] = tuple(page.extract_text() for page in pages)
    return _texts_of[key]


def page_texts(pdf: Path) -> list[str]:
    return list(_texts(pdf.read_bytes()))


def full_text(pdf: Path) -> str:
    return normalize(" ".join(page_texts(pdf)))


def link_uris(pdf: Path) -> list[str]:
    uris = []
    for page in PdfReader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def image_count(pdf: Path) -> int:
    return sum(len(page.images) for page in PdfReader(pdf).pages)


def fonts(pdf: Path) -> dict[str, bool]:
    """Base font name → embedded with a ToUnicode map."""
    return {name: all(flags) for name, flags in pdf_fonts(PdfReader(pdf).pages).items()}


def bold_text(pdf: Path) -> str:
    """The text set in a bold face, joined."""
    runs: list[str] = []

    def visitor(text, cm, tm, font_dict, font_size):  # type: ignore[no-untyped-def]
        if font_dict and "Bold" in str(font_dict.get("/BaseFont")):
            runs.append(text)

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visitor)
    return normalize(" ".join(runs))


def outline_titles(pdf: Path) -> list[str]:
    return [item.title for item in PdfReader(pdf).outline if not isinstance(item, list)]


_BAD_TEXT = re.compile("[\x00\ufffd\ue000-\uf8ff]|\\(cid:")


_problems_of: dict[bytes, tuple[str, ...]] = {}  # by sha256, as the texts


def pdf_problems(pdf: Path) -> list[str]:
    """What qpdf's check finds, fonts not embedded with a Unicode map, garbage text."""
    data = pdf.read_bytes()  # one read: every check looks at the same bytes
    key = hashlib.sha256(data).digest()
    if key not in _problems_of:
        _problems_of[key] = tuple(_problems(data))
    return list(_problems_of[key])


def _problems(data: bytes) -> list[str]:
    import pikepdf

    problems = []
    with pikepdf.open(io.BytesIO(data)) as document:
        problems += [str(p) for p in document.check_pdf_syntax()]
    reader = PdfReader(io.BytesIO(data))
    problems += [
        f"font not embedded with ToUnicode: {name}"
        for name, flags in pdf_fonts(reader.pages).items()
        if not all(flags)
    ]
    for number, text in enumerate(_texts(data, reader), start=1):
        bad = _BAD_TEXT.findall(text)
        if bad:
            problems.append(f"page {number}: unreadable text {bad[:5]!r}")
    return problems
