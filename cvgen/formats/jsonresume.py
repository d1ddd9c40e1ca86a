"""JSON Resume (schema v1.2.1) ↔ profile data.

``export_jsonresume`` reads a validated Profile and gives a document valid against the
schema; ``import_jsonresume`` takes any schema-valid document (every field is optional
there) and gives plain profile data, the shape of data/profile.yaml. Where the two models
differ we fold a field into text in a fixed form that the other direction reads back, so
import → export → import is stable:

- ``basics.location`` (address, city, region, postalCode, countryCode) ↔ one line
  "address, city, region postalCode, countryCode"; the postal code stays with the region.
- ``work``/``volunteer``/``projects`` ↔ experience sections "Experience", "Volunteering",
  "Projects" (export picks by section title). Summary and description become the first
  bullets; a summary "Advised by Prof. A and B" ↔ advisors. Project roles and keywords ↔
  bullets "Roles: …", "Keywords: …"; a project's description ↔ its first bullet.
- ``education``: studyType and area ↔ degree "studyType in area"; score ↔ a detail
  "GPA: …"; courses ↔ the other details. Advisors, logos and locations are not exported.
- ``basics.summary`` ↔ the bio and a "Summary" text section, so the CV prints it; export
  takes the bio, else the first text section.
- ``publications``: publisher ↔ venue (status prefixed on export), summary ↔ note. Authors
  are read from a summary line "Authors: A, B*, C (note)", or a line listing names that
  include the owner ("Jane Roe*, Hexu Zhao and Bob Lee"); a "(* equal contribution)"
  legend is left out (the CV prints its own), the owner's other spellings become
  name_variants. Export writes the "Authors:" line and, exactly, the extension field
  ``x-cvgen`` (authors, volume, number, pages, publisher), which import prefers.
- ``awards``/``certificates``/``skills``/``languages``/``interests`` ↔ items sections of
  those names: title/awarder/summary ↔ text/by/details; name/issuer/url ↔ "[name](url)"/by;
  "name (level): k1, k2"; "language (fluency)"; "name: k1, k2". Other items sections export as projects whose
  ``type`` is the section title. Text sections have no home; the first stands in for a
  missing bio as ``basics.summary``.
- ``references`` ↔ referees: "Prof. Name" ↔ title and name; a reference that reads as
  sentences ↔ the quote; otherwise "affiliation, email, url" ↔ those fields. A referee with
  a quote exports its other fields in ``x-cvgen``.
- An entry with a start and no end: open (``present``) in JSON Resume, so a single-date
  entry exports with endDate = startDate.
- Not carried, each with a note naming its field and line: basics.image (a remote
  picture; portraits are local files), project type, meta, fields the schema does not
  define, links our CVs cannot carry (not http(s)/mailto/tel) and malformed e-mails.

Imported text is taken literally: the characters our inline markup reads as markers are
escaped with a backslash, and exported text is plain (``cvgen.inline.plain_text``).
Reading is bounded (``jsonresume_read``): nesting depth and number length are checked in
one linear pass before decoding, and half a UTF-16 pair is an error with its field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cvgen.formats.contract import Imported
from cvgen.formats.jsonresume_export import export_jsonresume
from cvgen.formats.jsonresume_import import import_jsonresume, import_jsonresume_with_notes
from cvgen.formats.jsonresume_read import Source, read_json_document
from cvgen.profile import Profile

__all__ = [
    "dump_jsonresume",
    "export_jsonresume",
    "import_jsonresume",
    "load_jsonresume",
    "read_jsonresume",
]


def dump_jsonresume(profile: Profile) -> str:
    """``export_jsonresume`` as JSON text, for ``cvgen export jsonresume``."""
    return json.dumps(export_jsonresume(profile), indent=2, ensure_ascii=False) + "\n"


def read_jsonresume(source: Path) -> Imported:
    """``cvgen import jsonresume``: profile data from a JSON Resume file, and notes on what
    was left out or changed."""
    document, lines = read_json_document(source)
    data, read = import_jsonresume_with_notes(document, source=Source(source, lines))
    notes = sorted(read.notes.all, key=lambda note: note.line or 0)
    return Imported(data, notes, base_dir=source.parent, lines=read.data_lines, source=source)


def load_jsonresume(path: Path) -> dict[str, Any]:
    """Profile data from a JSON Resume file (``read_jsonresume`` without its notes)."""
    return read_jsonresume(path).data
