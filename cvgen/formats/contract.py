"""The one contract every importer keeps, and the one path from an import to profile YAML.

An importer is one module in ``cvgen/formats/`` with a function ``read_<format>(source: Path)
-> Imported`` (any further input as a keyword argument, like the homepage's ``mkdocs_path``)::

    def read_myformat(source: Path) -> Imported:
        notes = Notes(source)
        text = read_text_file(source, kind="MyFormat file", max_bytes=MAX_BYTES)
        ...
        url = notes.link(raw, what="publication link", line=12)   # the one link check
        start = notes.date(raw, what="start date", line=12)       # the one date reader
        logo = notes.local_image(src, base_dir=source.parent, what="logo", line=3)
        notes.add("'Hobbies' table left out: no profile kind holds a table", line=30)
        return Imported(data, notes.all, base_dir=source.parent)

The rules:

- ``data`` is plain profile data (dicts, lists, strings) in the shape of ``profile.yaml``,
  image paths relative to ``base_dir``. ``fragment=True`` when it is only ``sections`` to
  paste into a profile (BibTeX); ``preamble`` is a YAML comment written above it.
- Everything in the source that does not reach ``data`` as it was is a ``Note``: the file,
  the line where the format has lines (else ``field``, e.g. ``work[2].url``), and what was
  left out or changed and why. Nothing is dropped silently and nothing invented.
- A source that cannot be read at all raises ``CvgenError`` (``notes.error(...)``).
- ``lines`` may map data paths (``("sections", 1, "entries", 0)``) to source lines, so a
  problem found later still names the source line.
- The importer neither validates nor writes. ``finish_import`` does both for every format:
  image paths moved to the output's folder, the YAML checked with the loader's own reading
  and messages (an entry the loader would refuse is left out with a note naming the
  loader's message; anything else is an error), so an import's output always loads.

The CLI registers an importer with one line (``_add_importer`` in ``cvgen/cli.py``); notes go
to stderr one per line as ``file:line: note``, and ``--strict`` turns any note into exit 1
with nothing written.
"""

from __future__ import annotations

import re
from dataclasses import field
from pathlib import Path
from typing import Any

from cvgen.dates import read_date
from cvgen.errors import CvgenError, located
from cvgen.formats.image_paths import rebase_image_paths
from cvgen.formats.yaml_out import dump_profile_yaml
from cvgen.links import check_email, normalize_url
from cvgen.loader import profile_problems
from cvgen.overrides import PathKey
from cvgen.sourcemap import field_name
from cvgen.values import Value, frozen
from cvgen.yamlread import text_too_long

_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")
# A person stands in for the profile around a fragment, so its sections can be checked.
_STAND_IN_PERSON = {"name": "Stand-in"}


@frozen
class Note(Value):
    """One thing an import left out or changed, and where it was in the source."""

    file: Path | str
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        return located(self.message, file=self.file, line=self.line, field=self.field)


@frozen
class Imported(Value):
    """What an importer hands over: profile data and the notes about it."""

    data: dict[str, Any]
    notes: list[Note]
    base_dir: Path
    """The folder the data's relative image paths start from (the source's folder)."""
    fragment: bool = False
    preamble: str = ""
    lines: dict[PathKey, int] = field(default_factory=dict)
    source: Path | None = None
    """The file the import read; ``finish_import`` names it in its own notes."""


@frozen
class FinishedImport(Value):
    text: str
    """The YAML to write: it loads as a profile (or, for a fragment, as its sections)."""
    notes: list[Note]


class Notes:
    """Collects an import's notes; the shared checks (links, e-mail, dates, images) note
    what they refuse, so every importer words and places them the same way."""

    def __init__(self, file: Path | str) -> None:
        self.file = file
        self.all: list[Note] = []

    def add(
        self,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
        file: Path | str | None = None,
    ) -> None:
        self.all.append(Note(file if file is not None else self.file, message, line, field))

    def error(
        self, message: str, *, line: int | None = None, field: str | None = None
    ) -> CvgenError:
        return CvgenError(message, file=self.file, line=line, field=field)

    def link(
        self,
        raw: str,
        *,
        what: str,
        line: int | None = None,
        field: str | None = None,
        file: Path | str | None = None,
        instead: str = "left out",
    ) -> str | None:
        """The link a CV may carry (``cvgen.links``), or None with a note saying why not."""
        try:
            return normalize_url(raw)
        except ValueError as exc:
            self.add(f"{what} {instead}: {exc}", line=line, field=field, file=file)
            return None

    def email(
        self,
        raw: str,
        *,
        what: str = "e-mail address",
        line: int | None = None,
        field: str | None = None,
        file: Path | str | None = None,
    ) -> str | None:
        try:
            return check_email(raw)
        except ValueError as exc:
            self.add(f"{what} left out: {exc}", line=line, field=field, file=file)
            return None

    def date(
        self, raw: str, *, what: str, line: int | None = None, field: str | None = None
    ) -> str | None:
        """A profile date (``2019-09``, ``present``) from text as people type it, or None
        with a note."""
        value = read_date(raw)
        if value is None:
            self.add(
                f"{what} {raw.strip()!r} left out: not a date cvgen reads"
                " (2019, 2019-09, Sep 2019, September 1, 2019, present)",
                line=line,
                field=field,
            )
            return None
        return str(value)

    def local_image(
        self, src: str, *, base_dir: Path, what: str, line: int | None = None
    ) -> str | None:
        """``src`` when it is a file beside the source, so the imported profile builds;
        otherwise None with a note (import never downloads)."""
        if _REMOTE.match(src):
            self.add(
                f"{what} left out: a remote image ({src}); download it and set the path by hand",
                line=line,
            )
            return None
        if not (base_dir / src).is_file():
            self.add(f"{what} left out: {src} is not a file next to the source", line=line)
            return None
        return src


def finish_import(imported: Imported, *, output: Path | None) -> FinishedImport:
    """The YAML to write (to ``output``, or print when None) and every note about it.

    Image paths are rewritten for the output's folder; then the text is read back the way
    ``load_profile`` reads it. An entry (section entry, news item, person field) the loader
    would refuse is left out with a note carrying the loader's message; anything else the
    loader refuses is a CvgenError, so nothing that cannot load is ever written.
    """
    to_dir = output.parent if output else Path.cwd()
    data = rebase_image_paths(
        {**imported.data, "person": imported.data.get("person", {})},
        from_dir=imported.base_dir,
        to_dir=to_dir,
    )
    if imported.fragment or not imported.data.get("person"):
        data.pop("person")
    notes = list(imported.notes)
    source = imported.source or imported.base_dir
    text, problems = _checked(data, imported.fragment, output)
    if problems:
        data = _without_refused(data, problems, imported, notes, source)
        text, remaining = _checked(data, imported.fragment, output)
        if remaining:
            raise CvgenError(
                f"the import made a profile cvgen cannot load: {remaining[0][1]}", file=source
            )
    return FinishedImport(imported.preamble + text, notes)


def _checked(
    data: dict[str, Any], fragment: bool, output: Path | None
) -> tuple[str, list[tuple[PathKey, CvgenError]]]:
    """The data's YAML, and what the loader would refuse in it (dumped once: PyYAML's
    emitter is most of a big import's time)."""
    checked = {"person": _STAND_IN_PERSON, **data} if fragment else data
    # The loader stops at the first text over the field limit, naming the output's line;
    # found here first, each is a problem of its own entry like any other the loader has.
    too_long = [
        (path, CvgenError(reason, field=field_name(path))) for path, reason in _long_texts(checked)
    ]
    if too_long:
        return "", too_long
    text = dump_profile_yaml(data)
    if fragment:  # a top-level key dumps on its own lines: the stand-in goes in front
        text_checked = dump_profile_yaml({"person": _STAND_IN_PERSON}) + (text if data else "")
    else:
        text_checked = text
    return text, profile_problems(text_checked, file=output or Path("<output>"))


def _long_texts(value: Any, at: PathKey = ()) -> list[tuple[PathKey, str]]:
    """Every text in the data the loader would refuse as too long, with its data path."""
    if isinstance(value, str):
        reason = text_too_long(value)
        return [] if reason is None else [(at, reason)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _long_texts(item, (*at, key))]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _long_texts(item, (*at, i))]
    return []


def _without_refused(
    data: dict[str, Any],
    problems: list[tuple[PathKey, CvgenError]],
    imported: Imported,
    notes: list[Note],
    source: Path,
) -> dict[str, Any]:
    """``data`` without each entry a problem sits in, and a note for each one left out."""
    targets: dict[PathKey, str] = {}
    for path, problem in problems:
        target = _removable(path)
        if target is None:
            raise CvgenError(f"the import made a profile cvgen cannot load: {problem}", file=source)
        targets.setdefault(
            target, located(problem.message, file=None, line=None, field=problem.field)
        )
    # Deepest and last first, so earlier indices stay right while removing.
    for target in sorted(targets, key=lambda t: (len(t), t), reverse=True):
        if any(other != target and target[: len(other)] == other for other in targets):
            continue  # its section or entry goes as a whole
        notes.append(
            Note(
                source,
                f"{field_name(target)} left out: the profile would not load ({targets[target]})",
                imported.lines.get(target),
            )
        )
        container: Any = data
        for part in target[:-1]:
            container = container[part]
        del container[target[-1]]
    return data


def _removable(path: PathKey) -> PathKey | None:
    """The part of the data a problem at ``path`` takes with it: its entry, news item or
    person field; None when the problem is with the whole (the person's name, say)."""
    match path:
        case ("sections", int(), "entries", int(), *_):
            return path[:4]
        case ("sections", int(), *_):
            return path[:2]
        case ("news", int(), *_):
            return path[:2]
        case ("person", str(key), *_) if key != "name":
            return path[:2]
    return None
