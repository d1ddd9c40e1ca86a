"""The one error type users see: a message with the place in their input it is about."""

from __future__ import annotations

from pathlib import Path


class CvgenError(Exception):
    """A problem with the user's input or environment, printable as one line.

    ``str()`` gives ``file:line: field: message``, leaving out whatever is unknown.
    """

    def __init__(
        self,
        message: str,
        *,
        file: Path | str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        self.more: tuple[CvgenError, ...] = ()  # further problems found in the same pass

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        field = f"{self.field}: " if self.field else ""
        # One line, always: a stray newline in a message would break CI log parsers.
        return " ".join(f"{where}{field}{self.message}".split())


class OutputError(CvgenError):
    """The CV could not be written; the previous file is untouched."""
