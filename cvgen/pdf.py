"""Render the story into PDF bytes with reproducible dates (writing them: output.py)."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from cvgen.errors import CvgenError, OutputError


@contextmanager
def _build_clock(build_date: date) -> Iterator[None]:
    """PDF dates and ID come from the build date, so the same input gives the same bytes.

    reportlab reads SOURCE_DATE_EPOCH for both; a value the user set wins.
    """
    if source_date_epoch() is not None:
        yield
        return
    epoch = datetime(build_date.year, build_date.month, build_date.day, tzinfo=UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch.timestamp()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


# Year 9999's last second: reportlab (and the platform's gmtime) fail beyond it.
_MAX_EPOCH = 253_402_300_799


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as whole seconds since 1970, None when unset; anything else is
    one clear error before any layout (reportlab would fail deep inside with int())."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit() or int(raw) > _MAX_EPOCH:
        raise CvgenError(
            "expected whole seconds since 1970-01-01 (e.g. 1700000000) up to the year 9999,"
            f" got {raw[:40]!r}",
            file="SOURCE_DATE_EPOCH",
        )
    return int(raw)


def render_pdf(build: Callable[[io.BytesIO], int], *, build_date: date) -> tuple[bytes, int]:
    """Run ``build`` (which lays out into the buffer and returns the page count)."""
    from reportlab import rl_config

    # ASCII85 inflates every image and font stream by a quarter for no benefit today.
    rl_config.useA85 = 0
    buffer = io.BytesIO()
    with _build_clock(build_date):
        pages = build(buffer)
    data = buffer.getvalue()
    if pages < 1 or not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:]:
        raise OutputError("internal check failed: the PDF came out empty or incomplete")
    return data, pages
