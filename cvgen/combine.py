"""Several finished PDFs as one (a cover letter, then the CV), each part an outline entry
with its own outline under it. The same parts give the same bytes."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from datetime import UTC, date, datetime

from cvgen.errors import OutputError
from cvgen.layout.page import PdfMetadata
from cvgen.pdf import source_date_epoch


def combine_pdfs(
    parts: Sequence[tuple[str, bytes]], *, metadata: PdfMetadata, build_date: date
) -> bytes:
    """``parts`` are (outline title, PDF bytes), in page order."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject, TextStringObject

    writer = PdfWriter()
    for title, data in parts:
        writer.append(PdfReader(io.BytesIO(data)), outline_item=title)
    stamp = f"D:{_clock(build_date):%Y%m%d%H%M%S}+00'00'"
    writer.add_metadata(
        {
            "/Title": metadata.title,
            "/Author": metadata.author,
            "/Subject": metadata.subject,
            "/Keywords": ", ".join(metadata.keywords),
            "/Creator": metadata.creator,
            "/Producer": metadata.creator,
            "/CreationDate": stamp,
            "/ModDate": stamp,
        }
    )
    writer.page_mode = "/UseOutlines"  # the reader sees the letter and the CV at once
    writer.root_object[NameObject("/Lang")] = TextStringObject(metadata.lang)
    # A file identifier, as every PDF should have (§14.4) and the parts have: pypdf's own
    # is random, so it is set here from what the file is made of (the same parts, the same
    # bytes). pypdf has no public setter; tests/test_combine.py fails if this stops working.
    identifier = ByteStringObject(_identifier(parts, stamp))
    writer._ID = ArrayObject([identifier, identifier])
    buffer = io.BytesIO()
    writer.write(buffer)
    combined = buffer.getvalue()
    if not combined.startswith(b"%PDF-") or b"%%EOF" not in combined[-64:]:
        raise OutputError("internal check failed: the combined PDF came out incomplete")
    return combined


def _identifier(parts: Sequence[tuple[str, bytes]], stamp: str) -> bytes:
    """16 bytes that change with any part, its title or the date."""
    digest = hashlib.sha256(stamp.encode())
    for title, data in parts:
        digest.update(hashlib.sha256(title.encode("utf-8", "surrogatepass")).digest())
        digest.update(hashlib.sha256(data).digest())
    return digest.digest()[:16]


def _clock(build_date: date) -> datetime:
    """The parts' own clock (pdf.render_pdf): SOURCE_DATE_EPOCH when set, else the date."""
    epoch = source_date_epoch()
    if epoch is not None:
        return datetime.fromtimestamp(epoch, UTC)
    return datetime(build_date.year, build_date.month, build_date.day, tzinfo=UTC)
