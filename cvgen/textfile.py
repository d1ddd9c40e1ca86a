"""Reading a user's file (profile, theme, .bib, page, JSON Resume, image, PDF): a regular
file only, a byte cap that does not trust ``stat``, and every failure as one located line."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from cvgen.errors import CvgenError
from cvgen.readlog import note_read


class MissingFile(CvgenError):
    """The named file does not exist (callers may word this in their own terms)."""


def read_user_file(path: Path, *, kind: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of a regular file; ``kind`` names it in messages ("profile file").

    Opened without blocking, then checked on the open descriptor: a FIFO would wait forever
    for a writer and /dev/zero never ends, and both report a size of 0. Symbolic links are
    followed; what they lead to must be a regular file too.
    """
    fd = _open(path, kind)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise CvgenError(f"is a folder, not {_a(kind)}", file=path)
        if not stat.S_ISREG(info.st_mode):
            raise CvgenError(
                f"is not a regular file (a device, pipe or socket); not {_a(kind)}", file=path
            )
        # The reported size can only say "too big" (a sparse file); the read still stops
        # at the cap, since a file can grow while we read it.
        if info.st_size > max_bytes or len(data := _read_capped(fd, max_bytes)) > max_bytes:
            raise CvgenError(f"larger than {max_bytes // 1024} KiB; not {_a(kind)}", file=path)
    except OSError as exc:
        raise CvgenError(f"cannot read: {exc.strerror}", file=path) from None
    finally:
        os.close(fd)
    return data


def read_text_file(path: Path, *, kind: str, max_bytes: int) -> str:
    """The file's UTF-8 text (a BOM is dropped)."""
    raw = read_user_file(path, kind=kind, max_bytes=max_bytes)
    note_read(path, raw)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start : exc.start + 1].hex()
        raise CvgenError(
            f"not UTF-8 text (byte 0x{bad}); save it as UTF-8", file=path, line=line
        ) from None


def _open(path: Path, kind: str) -> int:
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(path, flags)
    except ValueError:  # "embedded null byte": no file system allows one in a name
        raise CvgenError(f"{kind} path {str(path)!r} contains a NUL character") from None
    except FileNotFoundError:
        raise MissingFile(f"no such {kind}", file=path) from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise CvgenError(
                f"{kind} name is too long for the file system", file=_short(path)
            ) from None
        raise CvgenError(f"cannot read: {exc.strerror}", file=path) from None


def _read_capped(fd: int, max_bytes: int) -> bytes:
    """Up to ``max_bytes + 1`` bytes: one more than allowed is enough to know it is too big."""
    chunks: list[bytes] = []
    left = max_bytes + 1
    while left > 0:
        chunk = os.read(fd, left)  # a regular file usually gives all of it at once
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _a(kind: str) -> str:
    return f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"


def _short(path: Path) -> str:
    """A path too long to be a name, cut so the one line stays readable."""
    text = str(path)
    return text if len(text) <= 80 else text[:60] + "…" + text[-16:]
