"""Render the story into PDF bytes with metadata, and put them in place atomically."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from cvgen.errors import OutputError


@contextmanager
def _build_clock(build_date: date) -> Iterator[None]:
    """PDF dates and ID come from the build date, so the same input gives the same bytes.

    reportlab reads SOURCE_DATE_EPOCH for both; a value the user set wins.
    """
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        yield
        return
    epoch = datetime(build_date.year, build_date.month, build_date.day, tzinfo=UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch.timestamp()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


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


def write_atomically(data: bytes, target: Path) -> None:
    """Temp file in the target folder, fsync, then rename: never a half-written CV."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError("output folder is a file", file=folder) from None
    except OSError as exc:
        raise OutputError(f"cannot create output folder: {exc.strerror}", file=folder) from None
    if target.is_dir():
        raise OutputError("output path is a folder", file=target)
    temp_name = None
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes 0600; a web server serving the homepage could not read the CV.
        os.chmod(temp_name, 0o666 & ~_umask())
        os.replace(temp_name, target)
        temp_name = None
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", file=target) from None
    finally:
        if temp_name is not None:
            Path(temp_name).unlink(missing_ok=True)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
