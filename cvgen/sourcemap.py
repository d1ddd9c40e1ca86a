"""A profile and where each of its parts came from: the line of every key and list item,
and the ``--set`` that replaced a field, so every later stage can point at the input.

Apart from the YAML reader so that a profile restored from the cache (``profilecache``)
keeps its lines without importing PyYAML.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from cvgen.errors import CvgenError
from cvgen.overrides import PathKey
from cvgen.values import Value, frozen

if TYPE_CHECKING:
    from cvgen.profile import Profile

Lines = dict[PathKey, int]


@frozen
class SourceMap(Value):
    """The YAML line of every key and list item, so later stages can point at input;
    fields set on the command line point at their ``--set`` instead."""

    file: Path
    lines: Lines
    overridden: dict[PathKey, str] = field(default_factory=dict)

    def line_of(self, path: PathKey) -> int | None:
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None

    def error(self, path: PathKey, message: str) -> CvgenError:
        for end in range(len(path), 0, -1):
            if path[:end] in self.overridden:
                return CvgenError(
                    message, file=f"--set {self.overridden[path[:end]]}", field=field_name(path)
                )
        return CvgenError(message, file=self.file, line=self.line_of(path), field=field_name(path))


def field_name(path: PathKey) -> str:
    """``('sections', 0, 'entries', 1, 'end')`` → ``sections[0].entries[1].end``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@frozen
class LoadedProfile(Value):
    profile: Profile
    source: SourceMap

    @property
    def base_dir(self) -> Path:
        return self.source.file.parent
