"""A self-check of any built CV: what a reader, a printer and an applicant tracking
system will meet. Reads the PDF back with pypdf; changes nothing."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from cvgen.errors import CvgenError

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
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs its own repairs; our report is the one message the user gets.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path, strict=False)
        pages = list(reader.pages)
    except FileNotFoundError:
        raise CvgenError("no such file", file=path) from None
    except (PdfReadError, OSError, ValueError) as exc:
        raise CvgenError(f"not a readable PDF ({exc})", file=path) from None
    report = PdfReport(path, pages=len(pages))
    _check_metadata(reader, report)
    _check_fonts(pages, report)
    _check_links(pages, report)
    _check_text(pages, report)
    return report


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
    """Base font name → (embedded, has a ToUnicode map), forms included."""
    fonts: dict[str, tuple[bool, bool]] = {}
    for page in pages:
        _collect_fonts(page.get("/Resources"), fonts)
    return fonts


def _check_fonts(pages, report: PdfReport) -> None:  # type: ignore[no-untyped-def]
    fonts = pdf_fonts(pages)
    for name, (embedded, unicode_map) in sorted(fonts.items()):
        if not embedded:
            report.problems.append(f"font {name} is not embedded: it will look different elsewhere")
        elif not unicode_map:
            report.problems.append(
                f"font {name} has no ToUnicode map: its text cannot be copied or parsed"
            )
    if fonts and not report.problems:
        report.facts.append(f"{len(fonts)} fonts, all embedded with Unicode maps")


def _collect_fonts(resources, fonts: dict[str, tuple[bool, bool]]) -> None:  # type: ignore[no-untyped-def]
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
        fonts[str(font.get("/BaseFont"))] = (embedded, "/ToUnicode" in font)
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            _collect_fonts(xobject.get("/Resources"), fonts)


def _check_links(pages, report: PdfReport) -> None:  # type: ignore[no-untyped-def]
    count = 0
    for number, page in enumerate(pages, start=1):
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
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
