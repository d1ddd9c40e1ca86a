"""What an import left out or changed, and where: one shape for every importer's notes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ImportNote:
    """Something an import left out or changed, with the place in the source it is about."""

    file: Path
    line: int | None
    message: str
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        field = f" {self.field}:" if self.field else ""
        return " ".join(f"{where}:{field} {self.message}".split())
