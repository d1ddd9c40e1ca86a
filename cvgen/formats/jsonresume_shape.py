"""The fixed forms export writes and import reads back (see ``jsonresume``'s module doc)."""

from __future__ import annotations

import re
from typing import Any

GPA = "GPA: "
AUTHORS = "Authors: "
ROLES = "Roles: "
KEYWORDS = "Keywords: "
# Our own fields inside a JSON Resume object, for what the schema has no field for; the
# schema allows extra properties, and other tools ignore this one.
EXTENSION = "x-cvgen"
# "name (level): keywords", the form skills fold into; languages and interests use a part.
FOLDED_LISTS = {
    "skills": re.compile(
        r"^(?P<name>.+?)(?: \((?P<level>[^()]*)\))?(?:: (?P<keywords>.*))?$", re.DOTALL
    ),
    "languages": re.compile(r"^(?P<name>.+?)(?: \((?P<level>[^()]*)\))?$", re.DOTALL),
    "interests": re.compile(r"^(?P<name>.+?)(?:: (?P<keywords>.*))?$", re.DOTALL),
}
TITLED_NAME = re.compile(r"^(Prof\.|Professor|Dr\.|Mr\.|Mrs\.|Ms\.)\s+(\S.*)$")
# Publication fields the schema lacks, carried in the extension on export.
PUBLICATION_DETAILS = ("volume", "number", "pages", "publisher")


def without_empty(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value not in (None, "", [], {})}
