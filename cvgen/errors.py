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
        return located(self.message, file=self.file, line=self.line, field=self.field)


def located(
    message: str, *, file: Path | str | None, line: int | None, field: str | None = None
) -> str:
    """``file:line: field: message``, leaving out whatever is unknown: the one way cvgen
    says where something is (errors, warnings, import notes)."""
    where = ""
    if file is not None:
        where = f"{file}:{line}: " if line else f"{file}: "
    named = f"{field}: " if field else ""
    # One line, always: a stray newline in a message would break CI log parsers.
    return " ".join(f"{where}{named}{message}".split())


class OutputError(CvgenError):
    """The CV could not be written; the previous file is untouched."""


class FollowUpFailed(CvgenError):
    """Every file is written; a step after the writing failed (``cvgen site``'s
    ``mkdocs build``). ``written`` lists the files in place, and the message says them: the
    CLI exits 5, as for a write that failed part-way, never 1 ("nothing written")."""

    def __init__(
        self,
        message: str,
        *,
        written: tuple[Path, ...],
        file: Path | str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message, file=file, line=line, field=field)
        self.written = written

    def __str__(self) -> str:
        kept = ", ".join(str(path) for path in self.written)
        return f"{super().__str__()}; written and kept: {kept}" if kept else super().__str__()
