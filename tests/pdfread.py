"""Reading a built PDF back: text, links, images, fonts, outline, metadata."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

_DASH_RANGE = re.compile(r"(?<=\d{4})\s*[-–—]\s*(?=\d\d/\d{4}|\d{4}|present)")


def normalize(text: str) -> str:
    """Whitespace collapsed; date ranges written one way ("2018-2022" = "2018 – 2022")."""
    return _DASH_RANGE.sub(" - ", " ".join(text.split()))


def page_texts(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


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
    """Base font name → whether its program is embedded."""
    found: dict[str, bool] = {}
    for page in PdfReader(pdf).pages:
        _collect_fonts(page.get("/Resources"), found)
    return found


def _collect_fonts(resources, found: dict[str, bool]) -> None:  # type: ignore[no-untyped-def]
    if not resources:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        embedded = descriptor is not None and any(
            key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        found[str(font["/BaseFont"])] = embedded and "/ToUnicode" in font
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            _collect_fonts(xobject.get("/Resources"), found)


def outline_titles(pdf: Path) -> list[str]:
    return [item.title for item in PdfReader(pdf).outline if not isinstance(item, list)]


_BAD_TEXT = re.compile("[\x00\ufffd\ue000-\uf8ff]|\\(cid:")


def pdf_problems(pdf: Path) -> list[str]:
    """What qpdf's check finds, fonts not embedded with a Unicode map, garbage text."""
    import pikepdf

    problems = []
    with pikepdf.open(pdf) as document:
        problems += [str(p) for p in document.check_pdf_syntax()]
    problems += [f"font not embedded with ToUnicode: {name}" for name, ok in fonts(pdf).items() if not ok]
    for number, text in enumerate(page_texts(pdf), start=1):
        bad = _BAD_TEXT.findall(text)
        if bad:
            problems.append(f"page {number}: unreadable text {bad[:5]!r}")
    return problems
