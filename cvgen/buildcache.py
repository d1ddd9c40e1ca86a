"""Caches that let a build skip the work its inputs have not changed: the laid-out
plan (validated profile, effective theme, prepared images) and the finished PDF.

Entries are hints, never truth. An entry names the files it was made from with their
content hashes; a lookup hashes those files again and misses on any difference. Every
entry carries a checksum of itself, so a truncated or damaged one is a miss, made again
and replaced. The key includes cvgen's own code (each module's size and mtime), the
libraries that shape the bytes, and the Python version, so an upgrade or an edited
checkout misses too. The folder is capped in size; the least recently used entries go
first. It lives beside the image cache (``CVGEN_CACHE_DIR``; ``CVGEN_NO_CACHE=1`` turns
every cache off).

The plan is stored with pickle: the cache folder is the user's own, like their profile.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from cvgen.readlog import CHANGED_WHILE_READ, files_read, note_digest

T = TypeVar("T")

MAX_CACHE_BYTES = 64 * 1024 * 1024  # far above what a few dozen CVs and plans need
_DIGEST_BYTES = 32
_LENGTH_BYTES = 4  # the size of the inputs' pickle, which comes before the value's
_LIBRARIES = ("reportlab", "PIL", "pydantic", "pydantic_core", "yaml", "fontTools")


def cache_folder(kind: str) -> Path | None:
    """Where entries of this kind live, or None when caching is off."""
    if os.environ.get("CVGEN_NO_CACHE"):
        return None
    chosen = os.environ.get("CVGEN_CACHE_DIR")
    if chosen:
        return Path(chosen) / kind
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("cvgen")) / kind


def cache_key(*parts: str) -> str:
    """A key for these parts, this cvgen and these libraries."""
    text = "\0".join((code_identity(), *parts))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@cache
def code_identity() -> str:
    """What the bytes of a build depend on besides its inputs: our code and the libraries'."""
    from importlib.util import find_spec

    from cvgen import __version__
    from cvgen.fonts import fonts_dir

    stamps = [__version__, sys.version]
    for folder in (Path(__file__).resolve().parent, fonts_dir()):  # code, themes, fonts
        stamps.extend(sorted(_file_stamps(str(folder))))
    for name in _LIBRARIES:
        spec = find_spec(name)
        origin = spec.origin if spec and spec.origin else ""
        stamp = os.stat(origin).st_mtime_ns if origin else 0
        stamps.append(f"{name}:{origin}:{stamp}")
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()


def _file_stamps(folder: str) -> Iterator[str]:
    """``path:size:mtime`` of every file below ``folder`` but compiled bytecode (one stat
    each: this runs before every build, replayed or not)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    yield from _file_stamps(entry.path)
            elif entry.is_file():
                info = entry.stat()
                yield f"{entry.path}:{info.st_size}:{info.st_mtime_ns}"


def file_digest(path: Path) -> str | None:
    """The file's content hash, or None when it cannot be read (then nothing matches)."""
    from cvgen.errors import CvgenError
    from cvgen.textfile import read_user_file

    try:  # a FIFO or a device named as an input must not block or fill memory here either
        data = read_user_file(path, kind="file", max_bytes=256 * 1024 * 1024)
    except CvgenError:
        return None
    return hashlib.sha256(data).hexdigest()


def load_entry(kind: str, key: str) -> Any | None:
    """The value stored under ``key`` if it is whole and its inputs are unchanged. A hit
    tells the read log (``readlog``) the files it was made from, as reading them would."""
    folder = cache_folder(kind)
    if folder is None:
        return None
    path = folder / key
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    digest, payload = blob[:_DIGEST_BYTES], blob[_DIGEST_BYTES:]
    if hashlib.sha256(payload).digest() != digest:
        return None  # truncated or damaged: a miss, replaced by the next store
    # The inputs first, and the value only if they are unchanged: an edited long profile
    # otherwise unpickled its stale entry (~25 ms) only to throw it away.
    split = _LENGTH_BYTES + int.from_bytes(payload[:_LENGTH_BYTES], "big")
    try:
        inputs = pickle.loads(memoryview(payload)[_LENGTH_BYTES:split])
        if any(file_digest(Path(name)) != digest for name, digest in inputs):
            return None
        value = pickle.loads(memoryview(payload)[split:])
    except Exception:  # an entry from an incompatible library: a miss as well
        return None
    for name, digest in inputs:
        note_digest(Path(name), digest)  # a replay record must still check these files
    _touch(path)
    return value


def made_from_files(kind: str, parts: Iterable[str], make: Callable[[], T], kept: type[T]) -> T:
    """``make()``'s result, kept under a key of ``parts`` (and cvgen's code identity) with
    the hash of every user file it read, as it read them: restored while they are
    unchanged. A ``make()`` that raises keeps nothing."""
    if cache_folder(kind) is None:
        return make()
    key = cache_key(kind, *parts)
    restored = load_entry(kind, key)
    if isinstance(restored, kept):
        return restored
    with files_read() as read:
        made = make()
    store_entry(kind, key, made, inputs=read)
    return made


def store_entry(
    kind: str, key: str, value: Any, *, inputs: Iterable[Path] | Mapping[Path, str]
) -> None:
    """Keep ``value`` under ``key``, made from ``inputs``; best effort, never an error.

    ``inputs`` as a mapping gives each file's hash as it was when read (``readlog``);
    otherwise each is hashed now."""
    folder = cache_folder(kind)
    if folder is None:
        return
    hashed = []
    for path in sorted(inputs):
        digest = inputs[path] if isinstance(inputs, Mapping) else file_digest(path)
        if digest is None or digest == CHANGED_WHILE_READ:
            return  # an input we cannot read now, or read twice differently: unverifiable
        hashed.append((str(path.resolve()), digest))
    try:
        listed = pickle.dumps(tuple(hashed), protocol=pickle.HIGHEST_PROTOCOL)
        kept = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return
    payload = len(listed).to_bytes(_LENGTH_BYTES, "big") + listed + kept
    blob = hashlib.sha256(payload).digest() + payload
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{key[:16]}.{os.getpid()}.tmp"
        temporary.write_bytes(blob)
        os.replace(temporary, folder / key)  # readers see the old entry or the new, whole
    except OSError:
        return
    _after_store(folder.parent, len(blob))


def _touch(path: Path) -> None:
    with suppress(OSError):
        os.utime(path)  # used now: the last to be evicted


# Bytes stored under each cache folder by this process since it last evicted there.
_unevicted: dict[Path, int] = {}


def _after_store(root: Path, size: int) -> None:
    """Evict on a process's first store, then each time it has stored another 1/16 of the
    cap: scanning the folder on every store cost a build one directory walk per entry
    (the cache can hold thousands), and the cap is still kept within 1/16."""
    stored = _unevicted.get(root)
    if stored is not None and stored + size < MAX_CACHE_BYTES // 16:
        _unevicted[root] = stored + size
        return
    _unevicted[root] = 0
    _evict(root)


def _evict(root: Path) -> None:
    """Oldest entries out until the whole cache is under its cap."""
    try:
        entries = [(p.stat(), p) for p in root.rglob("*") if p.is_file()]
    except OSError:
        return
    total = sum(info.st_size for info, _ in entries)
    for info, path in sorted(entries, key=lambda pair: pair[0].st_mtime_ns):
        if total <= MAX_CACHE_BYTES:
            break
        try:
            path.unlink()
            total -= info.st_size
        except OSError:
            continue
