"""Prepared images kept by content hash, so a rebuild skips Pillow entirely.

In memory for this process (``watch``), on disk across processes (cold builds) through
the verified entries of ``buildcache``: a damaged entry is a miss, prepared afresh and
replaced, never an error. A changed file or a changed size, dpi or shape gives another key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from cvgen.buildcache import load_entry, store_entry
from cvgen.images import ImageProblem, PreparedImage, read_image_bytes
from cvgen.readlog import note_read

_VERSION = "2"  # bump when image preparation changes what it makes
_MEMORY: dict[str, PreparedImage] = {}


def cached_image(path: Path, params: str, prepare: Callable[[], PreparedImage]) -> PreparedImage:
    """``prepare()``'s result for this file content and these parameters, made once."""
    try:
        content = read_image_bytes(path)  # capped, regular files only
    except ImageProblem:
        return prepare()  # let preparation report the problem in its own words
    note_read(path, content)
    key = hashlib.sha256(f"{_VERSION}|{params}|".encode() + content).hexdigest()
    del content  # preparation reads the file again; keep one copy in memory, not two
    if key in _MEMORY:
        return _MEMORY[key]
    image = load_entry("images", key)
    if not isinstance(image, PreparedImage):
        image = prepare()
        store_entry("images", key, image, inputs=())
    _MEMORY[key] = image
    return image
