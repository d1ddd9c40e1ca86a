"""``--set person.phone="+1 …"``: change one field for one build, without editing the file
(private data from CI secrets stays out of git)."""

from __future__ import annotations

import re
from typing import Any

from cvgen.errors import CvgenError

PathKey = tuple[str | int, ...]
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_override(text: str) -> tuple[PathKey, str]:
    """``sections[0].title=Work`` → (("sections", 0, "title"), "Work")."""
    target, equals, value = text.partition("=")
    if not equals or not target.strip():
        raise CvgenError("expected PATH=VALUE, e.g. person.phone=+1 555 0100", file=f"--set {text}")
    path: list[str | int] = []
    position = 0
    for match in _PART.finditer(target.strip()):
        if target.strip()[position : match.start()] not in ("", "."):
            break
        key, index = match.groups()
        path.append(int(index) if index is not None else (int(key) if key.isdigit() else key))
        position = match.end()
    if position != len(target.strip()):
        raise CvgenError(f"cannot read the path {target!r}", file=f"--set {text}")
    return tuple(path), value


def apply_override(data: dict[str, Any], path: PathKey, value: Any, text: str) -> None:
    """Set ``value`` at ``path``, making missing mappings on the way."""
    node: Any = data
    for depth, part in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(part, int):
            if not isinstance(node, list) or part > len(node):
                raise CvgenError(f"no list item [{part}] there", file=f"--set {text}")
            if part == len(node):
                node.append(value if last else {})
            elif last:
                node[part] = value
            node = node[part]
        else:
            if not isinstance(node, dict):
                raise CvgenError(f"{part!r} is not inside a mapping", file=f"--set {text}")
            if last:
                node[part] = value
            node = node.setdefault(part, {})
