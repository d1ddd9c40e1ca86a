"""A self-check of any built CV: what a reader, a printer and an applicant tracking
system will meet. Reads the PDF back with pypdf; changes nothing."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cvgen.errors import CvgenError
from cvgen.textfile import read_user_file

MAX_PDF_BYTES = 64 * 1024 * 1024  # a CV is well under 1 MB; a scanned one a few MB
MAX_PAGES = 1000  # a page tree past this is not a CV (and may be built to explode)
MAX_DEPTH = 32  # forms within forms, /Parent chains
_STANDARD_ENCODINGS = {
    "/WinAnsiEncoding",
    "/MacRomanEncoding",
    "/StandardEncoding",
    "/PDFDocEncoding",
}
_BASE14_SYMBOLIC = {"Symbol", "ZapfDingbats"}  # their built-in encodings are well known

_UNREADABLE = re.compile("[\x00\ufffd\ue000-\uf8ff]|\\(cid:\\d+\\)")
_PLACEHOLDERS = {"untitled", "anonymous", "unspecified", "(unspecified)", "unknown"}
_SAFE_LINK = re.compile(r"^(https?://|mailto:|tel:)", re.IGNORECASE)


@dataclass
class PdfReport:
    path: Path
    pages: int = 0
    facts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    text_start: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def render(self) -> str:
        lines = [f"{self.path}: {self.pages} page{'s' if self.pages != 1 else ''}"]
        lines += [f"  ok       {fact}" for fact in self.facts]
        lines += [f"  PROBLEM  {problem}" for problem in self.problems]
        lines.append("  text as a parser reads it, first lines:")
        lines += [f"    | {line}" for line in self.text_start.splitlines()[:8]]
        lines.append(
            "result: " + ("no problems found" if self.ok else f"{len(self.problems)} problem(s)")
        )
        return "\n".join(lines)


def check_pdf(path: Path) -> PdfReport:
    """Read the PDF at ``path`` (a regular file, at most MAX_PDF_BYTES) and report on it.

    A PDF too malformed to judge (a page tree that loops or shares branches, a resource
    that contains itself, an object of the wrong type) is one CvgenError line.
    """
    data = read_user_file(path, kind="PDF", max_bytes=MAX_PDF_BYTES)
    repairs: list[str] = []
    try:
        with _pypdf_repairs(repairs):
            return _report(path, data, repairs)
    except Malformed as exc:
        raise CvgenError(f"malformed PDF: {exc}", file=path) from None
    except RecursionError:
        raise CvgenError("malformed PDF: objects nested without end", file=path) from None
    except Exception as exc:  # pypdf meets malformed input with any exception type
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise CvgenError(f"not a readable PDF ({detail})", file=path) from None


class Malformed(Exception):
    """The PDF's objects do not have the shape the format requires."""


def _report(path: Path, data: bytes, repairs: list[str]) -> PdfReport:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    _check_page_tree(reader)  # before pypdf walks it: pypdf has no guard against loops
    pages = list(reader.pages)
    report = PdfReport(path, pages=len(pages))
    _check_metadata(reader, report)
    _check_fonts(pages, report)
    _check_links(pages, report)
    _check_text(pages, report)
    _check_structure(repairs, report)
    return report


@contextmanager
def _pypdf_repairs(found: list[str]) -> Iterator[None]:
    """pypdf's repairs of a damaged file (a cross-reference entry pointing at the wrong
    place, a missing object), collected instead of logged: they become problems."""

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            found.append(" ".join(record.getMessage().split()))

    logger = logging.getLogger("pypdf")
    handler = Collect(logging.WARNING)
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False  # our report is the one message the user gets
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def _check_structure(repairs: list[str], report: PdfReport) -> None:
    unique = list(dict.fromkeys(repairs))
    for message in unique[:5]:
        report.problems.append(f"damaged file, repaired on reading: {message}")
    if len(unique) > 5:
        report.problems.append(f"... and {len(unique) - 5} more repairs")
    if not unique:
        report.facts.append("cross-reference table sound (qpdf's full structure check not run)")


def _check_page_tree(reader) -> None:  # type: ignore[no-untyped-def]
    """The page tree is a tree of at most MAX_PAGES pages, and every /Parent chain ends."""
    from pypdf.generic import ArrayObject, DictionaryObject

    root = _resolved(reader.trailer.get("/Root"), DictionaryObject, "the document catalog")
    stack = [root.get("/Pages")]
    seen: set[tuple[int, int]] = set()
    pages = 0
    while stack:
        item = stack.pop()
        key = _ref_key(item)
        node = _resolved(item, DictionaryObject, "a page tree node")
        if key is not None:
            if key in seen:
                raise Malformed(f"the page tree reaches object {key[0]} twice")
            seen.add(key)
        if node.get("/Type") == "/Pages" or "/Kids" in node:
            kids = _resolved(node.get("/Kids"), ArrayObject, "a page tree's /Kids")
            if len(seen) + len(stack) + len(kids) > 4 * MAX_PAGES:
                raise Malformed(f"the page tree has more than {MAX_PAGES} pages; not a CV")
            stack.extend(reversed(kids))
            continue
        pages += 1
        if pages > MAX_PAGES:
            raise Malformed(f"the page tree has more than {MAX_PAGES} pages; not a CV")
        _check_parent_chain(node)


def _check_parent_chain(page) -> None:  # type: ignore[no-untyped-def]
    """Inherited attributes are looked up through /Parent: a loop there never ends."""
    seen: set[int] = set()
    node = page
    while (parent := node.get("/Parent")) is not None:
        node = parent.get_object()
        if id(node) in seen or len(seen) > MAX_DEPTH:
            raise Malformed("a page's /Parent chain loops")
        seen.add(id(node))
        if not hasattr(node, "get"):
            raise Malformed("a page's /Parent is not a page tree node")


def _resolved(item, kind: type, what: str):  # type: ignore[no-untyped-def]
    value = item.get_object() if item is not None and hasattr(item, "get_object") else item
    if not isinstance(value, kind):
        found = type(value).__name__
        raise Malformed(f"{what} is {_TYPE_WORDS.get(found, found)}")
    return value


_TYPE_WORDS = {
    "NumberObject": "a number",
    "FloatObject": "a number",
    "NameObject": "a name",
    "TextStringObject": "a string",
    "ByteStringObject": "a string",
    "ArrayObject": "a list",
    "DictionaryObject": "a dictionary",
    "StreamObject": "a stream",
    "DecodedStreamObject": "a stream",
    "EncodedStreamObject": "a stream",
    "BooleanObject": "true or false",
    "NullObject": "null",
    "NoneType": "missing",
}


def _ref_key(item) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    from pypdf.generic import IndirectObject

    return (item.idnum, item.generation) if isinstance(item, IndirectObject) else None


def _check_metadata(reader, report: PdfReport) -> None:  # type: ignore[no-untyped-def]
    info = reader.metadata or {}
    for key in ("/Title", "/Author"):
        value = info.get(key)
        if value and str(value).strip().lower() not in _PLACEHOLDERS:
            report.facts.append(f"{key[1:].lower()}: {value}")
        else:
            report.problems.append(
                f"no {key[1:].lower()} in the document info (viewers show the file name)"
            )


def pdf_fonts(pages) -> dict[str, tuple[bool, bool]]:  # type: ignore[no-untyped-def]
    """Base font name → (embedded, its text maps to Unicode), forms included."""
    fonts: dict[str, tuple[bool, bool]] = {}
    seen: set[int] = set()
    for page in pages:
        _collect_fonts(page.get("/Resources"), fonts, seen, inside=())
    return fonts


def _check_fonts(pages, report: PdfReport) -> None:  # type: ignore[no-untyped-def]
    fonts = pdf_fonts(pages)
    for name, (embedded, unicode_map) in sorted(fonts.items()):
        if not embedded:
            report.problems.append(f"font {name} is not embedded: it will look different elsewhere")
        elif not unicode_map:
            report.problems.append(
                f"font {name} has no ToUnicode map and an encoding that does not say which"
                " characters its codes are: its text cannot be copied or parsed"
            )
    if fonts and not report.problems:
        report.facts.append(f"{len(fonts)} fonts, all embedded with Unicode maps")


def _collect_fonts(
    resources: Any, fonts: dict[str, tuple[bool, bool]], seen: set[int], *, inside: tuple[int, ...]
) -> None:
    """Fonts of these resources and of the forms they draw; ``inside``: the resources of
    the forms this one is drawn within (a form among them draws itself: no end)."""
    from pypdf.generic import DictionaryObject

    if not resources:
        return
    resources = _resolved(resources, DictionaryObject, "a /Resources entry")
    if id(resources) in inside or len(inside) > MAX_DEPTH:
        raise Malformed("a form XObject draws itself (its resources contain it)")
    if id(resources) in seen:
        return  # shared resources are read once
    seen.add(id(resources))
    fonts_here = _resolved(resources.get("/Font") or DictionaryObject(), DictionaryObject, "/Font")
    for font in fonts_here.values():
        font = _resolved(font, DictionaryObject, "a font")
        fonts[str(font.get("/BaseFont"))] = (_embedded(font), _maps_to_unicode(font))
    xobjects = _resolved(
        resources.get("/XObject") or DictionaryObject(), DictionaryObject, "/XObject"
    )
    for xobject in xobjects.values():
        xobject = xobject.get_object()
        if hasattr(xobject, "get") and xobject.get("/Subtype") == "/Form":
            form_resources = xobject.get("/Resources")
            _collect_fonts(form_resources, fonts, seen, inside=(*inside, id(resources)))


def _embedded(font) -> bool:  # type: ignore[no-untyped-def]
    descriptor = _descriptor(font)
    return descriptor is not None and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def _descriptor(font: Any) -> Any:
    from pypdf.generic import ArrayObject, DictionaryObject

    descriptor = font.get("/FontDescriptor")
    if descriptor is None and "/DescendantFonts" in font:
        descendants = _resolved(font["/DescendantFonts"], ArrayObject, "/DescendantFonts")
        if descendants:
            child = _resolved(descendants[0], DictionaryObject, "a descendant font")
            descriptor = child.get("/FontDescriptor")
    if descriptor is None:
        return None
    return _resolved(descriptor, DictionaryObject, "a font descriptor")


def _maps_to_unicode(font) -> bool:  # type: ignore[no-untyped-def]
    """A ToUnicode map, or an encoding whose codes name their characters: a standard
    encoding (WinAnsi, MacRoman as Pages and Keynote write), glyph names Unicode knows,
    a predefined Unicode CMap. Identity-H and symbolic fonts without one say nothing."""
    from pypdf.generic import DictionaryObject

    if "/ToUnicode" in font:
        return True
    encoding = font.get("/Encoding")
    encoding = encoding.get_object() if encoding is not None else None
    if font.get("/Subtype") == "/Type0":
        return isinstance(encoding, str) and encoding.startswith("/Uni")
    if isinstance(encoding, DictionaryObject):
        from fontTools.agl import toUnicode

        names = [str(item) for item in encoding.get("/Differences") or [] if isinstance(item, str)]
        return all(toUnicode(name.lstrip("/")) for name in names)
    if isinstance(encoding, str):
        return encoding in _STANDARD_ENCODINGS
    descriptor = _descriptor(font)
    flags = int(descriptor.get("/Flags", 0)) if descriptor is not None else 0
    symbolic = bool(flags & 4) and not flags & 32
    return not symbolic or str(font.get("/BaseFont")).lstrip("/") in _BASE14_SYMBOLIC


def _check_links(pages, report: PdfReport) -> None:  # type: ignore[no-untyped-def]
    from pypdf.generic import ArrayObject, DictionaryObject

    count = 0
    for number, page in enumerate(pages, start=1):
        annots = page.get("/Annots")
        annots = (
            [] if annots is None else _resolved(annots, ArrayObject, f"page {number}'s /Annots")
        )
        for annot in annots:
            annot = _resolved(annot, DictionaryObject, f"an annotation on page {number}")
            action = annot.get("/A")
            action = action.get_object() if action is not None else None
            if not isinstance(action, DictionaryObject):
                continue
            uri = action.get("/URI")
            if uri is None:
                continue
            count += 1
            if not _SAFE_LINK.match(str(uri)):
                report.problems.append(
                    f"page {number}: link {str(uri)!r} is not http(s), mailto or tel"
                )
    report.facts.append(f"{count} links")


def _check_text(pages, report: PdfReport) -> None:  # type: ignore[no-untyped-def]
    texts = [page.extract_text() or "" for page in pages]
    for number, text in enumerate(texts, start=1):
        bad = sorted(set(_UNREADABLE.findall(text)))
        if bad:
            report.problems.append(f"page {number}: text a parser cannot read: {bad[:5]!r}")
        if not text.strip():
            report.problems.append(f"page {number}: no text layer (scanned or drawn as images?)")
    report.text_start = "\n".join(
        line.strip() for line in "\n".join(texts).splitlines() if line.strip()
    )
