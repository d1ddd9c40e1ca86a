"""Reading a user's text file (profile, theme, .bib, homepage, JSON Resume): UTF-8, a size
cap, and every failure as one located line."""

from __future__ import annotations

from pathlib import Path

from cvgen.errors import CvgenError
from cvgen.readlog import note_read


def read_text_file(path: Path, *, kind: str, max_bytes: int) -> str:
    """The file's text (a BOM is dropped); ``kind`` names it in messages ("profile file")."""
    try:
        if path.is_dir():
            raise CvgenError(f"is a folder, not a {kind}", file=path)
        if path.stat().st_size > max_bytes:
            raise CvgenError(f"larger than {max_bytes // 1024} KiB; not a {kind}", file=path)
        raw = path.read_bytes()
        note_read(path)
    except FileNotFoundError:
        raise CvgenError(f"no such {kind}", file=path) from None
    except OSError as exc:
        raise CvgenError(f"cannot read: {exc.strerror}", file=path) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start : exc.start + 1].hex()
        raise CvgenError(
            f"not UTF-8 text (byte 0x{bad}); save it as UTF-8", file=path, line=line
        ) from None
