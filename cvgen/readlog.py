"""Which users' files a command has read: what a replay of it must find unchanged.

Off unless a command line build turns it on; the readers (``textfile``, the image
cache) note each file they read. A file read anywhere else would be missing from a
replay's checks, so every reader of users' files goes through those two.
"""

from __future__ import annotations

from pathlib import Path

_read: set[Path] | None = None


def start_read_log() -> set[Path]:
    """From now on, note every user file read; the set fills as files are read."""
    global _read
    _read = set()
    return _read


def note_read(path: Path) -> None:
    if _read is not None:
        _read.add(path.resolve())


def stop_read_log() -> None:
    global _read
    _read = None
