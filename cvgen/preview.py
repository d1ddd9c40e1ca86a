"""Page images of a built CV: a homepage thumbnail, a quick look, visual tests."""

from __future__ import annotations

from pathlib import Path

from cvgen.errors import CvgenError

PREVIEW_DPI = 110


def render_pages(pdf: Path, *, dpi: int = PREVIEW_DPI, grey: bool = False):  # type: ignore[no-untyped-def]
    """Each page as a Pillow image (pdfium renders; nothing leaves this process)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72, grayscale=grey).to_pil() for page in document]
    finally:
        document.close()


def write_page_pngs(pdf: Path, *, dpi: int = PREVIEW_DPI) -> list[Path]:
    """``CV-…_20231130-page1.png`` and so on, beside the PDF."""
    written = []
    for number, image in enumerate(render_pages(pdf, dpi=dpi), start=1):
        target = pdf.with_name(f"{pdf.stem}-page{number}.png")
        try:
            image.save(target, optimize=True)
        except OSError as exc:
            raise CvgenError(f"cannot write: {exc.strerror or exc}", file=target) from None
        written.append(target)
    return written
