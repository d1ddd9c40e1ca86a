"""The combined application PDF (letter, then CV) is a sound PDF of its own: a trailer
/ID made from its parts, so the same parts give the same file and other parts another."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from cvgen.combine import combine_pdfs
from cvgen.layout.page import PdfMetadata


def _pdf(text: str) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=True)
    canvas.drawString(72, 720, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _combined(letter: str, on: date = date(2026, 3, 5)) -> bytes:
    metadata = PdfMetadata(
        title="Application", author="Ada Lovelace", subject="", keywords=(), creator="cvgen"
    )
    parts = [("Cover letter", _pdf(letter)), ("Curriculum vitae", _pdf("the CV"))]
    return combine_pdfs(parts, metadata=metadata, build_date=on)


def _file_id(data: bytes) -> list[bytes]:
    identifiers: Any = PdfReader(io.BytesIO(data)).trailer["/ID"]
    # pypdf reads an identifier as a text string when its bytes happen to decode
    return [getattr(part, "original_bytes", part) for part in identifiers]


def test_the_combined_pdf_has_a_file_identifier_from_its_parts() -> None:
    first, again = _combined("Dear team"), _combined("Dear team")
    assert first == again
    (one, two) = _file_id(first)
    assert one == two and len(one) == 16
    assert _file_id(_combined("Dear hiring team"))[0] != one
    assert _file_id(_combined("Dear team", on=date(2026, 3, 6)))[0] != one
