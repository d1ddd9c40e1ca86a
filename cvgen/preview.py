"""Page images of a built CV: a homepage thumbnail, a quick look, visual tests."""

from __future__ import annotations

import io
from pathlib import Path

PREVIEW_DPI = 110


def render_pages(pdf: Path | bytes, *, dpi: int = PREVIEW_DPI, grey: bool = False):  # type: ignore[no-untyped-def]
    """Each page as a Pillow image (pdfium renders; nothing leaves this process)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72, grayscale=grey).to_pil() for page in document]
    finally:
        document.close()


def page_pngs(pdf: bytes, path: Path, *, dpi: int = PREVIEW_DPI) -> list[tuple[Path, bytes]]:
    """``CV-…_20231130-page1.png`` and so on, beside ``path``, as PNG bytes not yet written."""
    pngs = []
    for number, image in enumerate(render_pages(pdf, dpi=dpi), start=1):
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=True)
        pngs.append((path.with_name(f"{path.stem}-page{number}.png"), buffer.getvalue()))
    return pngs
