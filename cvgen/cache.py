"""Prepared images kept by content hash, so a rebuild skips Pillow entirely; icon
outlines likewise, so it skips fontTools.

In memory for this process (``watch``), on disk across processes (cold builds) in the
user's cache folder; ``CVGEN_CACHE_DIR`` moves it, ``CVGEN_NO_CACHE=1`` turns the disk
cache off. A changed file or a changed size, dpi or shape gives another key.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cvgen.images import PreparedImage

_VERSION = "1"  # bump when image preparation changes what it makes
_MEMORY: dict[str, PreparedImage] = {}


def cached_image(path: Path, params: str, prepare: Callable[[], PreparedImage]) -> PreparedImage:
    """``prepare()``'s result for this file content and these parameters, made once."""
    try:
        content = path.read_bytes()
    except OSError:
        return prepare()  # let preparation report the problem in its own words
    key = hashlib.sha256(f"{_VERSION}|{params}|".encode() + content).hexdigest()
    if key in _MEMORY:
        return _MEMORY[key]
    folder = _disk_folder()
    image = _read(folder, key) if folder else None
    if image is None:
        image = prepare()
        if folder:
            _write(folder, key, image)
    _MEMORY[key] = image
    return image


def cached_json(kind: str, key: str, make: Callable[[], Any]) -> Any:
    """``make()``'s JSON-able result under ``key``, kept on disk between processes."""
    digest = hashlib.sha256(f"{_VERSION}|{kind}|{key}".encode()).hexdigest()
    folder = _disk_folder(kind)
    if folder:
        try:
            return json.loads((folder / f"{digest}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    value = make()
    if folder:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{digest}.json").write_text(json.dumps(value), encoding="utf-8")
        except OSError:
            pass
    return value


def _disk_folder(kind: str = "images") -> Path | None:
    if os.environ.get("CVGEN_NO_CACHE"):
        return None
    chosen = os.environ.get("CVGEN_CACHE_DIR")
    if chosen:
        return Path(chosen) / kind
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("cvgen")) / kind


def _read(folder: Path, key: str) -> PreparedImage | None:
    try:
        meta = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        data = (folder / f"{key}.img").read_bytes()
        return PreparedImage(data=data, **meta)
    except (OSError, ValueError, TypeError):
        return None  # missing or damaged: prepare afresh


def _write(folder: Path, key: str, image: PreparedImage) -> None:
    """Best effort: a cache that cannot be written only costs speed."""
    meta = {k: v for k, v in image.__dict__.items() if k != "data"}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{key}.img").write_bytes(image.data)
        # the meta file last: a reader that finds it finds the image complete
        (folder / f"{key}.json").write_text(json.dumps(meta), encoding="utf-8")
    except OSError:
        pass
