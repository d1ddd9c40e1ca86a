"""Which users' files a command has read, and the hash of the bytes it read: what a replay
(or a cached profile) must find unchanged.

Off unless a build turns a log on; the readers (``textfile``, the image cache) note each
file they read with its bytes. A file read anywhere else would be missing from the
checks, so every reader of users' files goes through those two. The hash is of the bytes
the build used, not of the file as it is when the entry is stored: a file saved again
during the build must not be remembered as the source of a result made from its old text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# A file that gave two different contents in one build: never matches, so nothing that
# read it is stored under it.
CHANGED_WHILE_READ = "changed while read"

ReadLog = dict[Path, str]  # resolved path → sha256 of the bytes read
_logs: list[ReadLog] = []


def start_read_log() -> ReadLog:
    """From now on, note every user file read; the log fills as files are read."""
    _logs.clear()
    log: ReadLog = {}
    _logs.append(log)
    return log


def stop_read_log() -> None:
    _logs.clear()


@contextmanager
def files_read() -> Iterator[ReadLog]:
    """The files read inside the ``with`` block (any outer log still sees them too)."""
    log: ReadLog = {}
    _logs.append(log)
    try:
        yield log
    finally:  # by identity: an outer log may hold the same files and compare equal
        del _logs[next(i for i, each in enumerate(_logs) if each is log)]


def note_read(path: Path, data: bytes) -> None:
    if _logs:
        note_digest(path, hashlib.sha256(data).hexdigest())


def note_digest(path: Path, digest: str) -> None:
    """A file whose content hash is already known (a cached result made from it)."""
    resolved = path.resolve()
    for log in _logs:
        if log.setdefault(resolved, digest) != digest:
            log[resolved] = CHANGED_WHILE_READ
