"""The dated file name the homepage links to, e.g. ``CV-Hexu Zhao_20231130.pdf``."""

from __future__ import annotations

import string
import unicodedata
from datetime import date

ALLOWED_FIELDS = ("name", "date", "variant")
_FORBIDDEN_CHARS = set('/\\\0:*?"<>|')
# One path component holds 255 bytes (ext4, btrfs, XFS, APFS, NTFS); the temporary file
# written beside the CV first adds 14 to the name.
MAX_NAME_BYTES = 240


def cv_filename(pattern: str, *, name: str, on: date, variant: str = "") -> str:
    """Fill the pattern; ValueError when it is not a plain, safe file name."""
    return dated_filename(pattern, on=on, fields={"name": name, "variant": variant})


def dated_filename(pattern: str, *, on: date, fields: dict[str, str]) -> str:
    """Fill ``{date:...}`` and the text ``fields`` (e.g. name, company) into the pattern;
    ValueError when it names another field or does not give a plain, safe file name."""
    allowed = ["name", "date", *(f for f in fields if f != "name")]
    for _, field, spec, conversion in string.Formatter().parse(pattern):
        if field is None:
            continue
        if conversion:
            raise ValueError(f"{{{field}!{conversion}}}: a file name pattern takes no '!'")
        if spec and ("{" in spec or "}" in spec):
            # str.format would fill a field inside the format, and look up anything there.
            raise ValueError(f"{{{field}:{spec}}}: no field inside a field's format")
        if field not in allowed:
            named = ", ".join(f"{{{f}}}" for f in allowed[:-1])
            raise ValueError(
                f"unknown field {{{field}}} in file name pattern; use {named} or {{{allowed[-1]}}}"
            )
        if field != "date" and spec:
            raise ValueError(f"{{{field}}} takes no format")
    try:
        filename = pattern.format(date=on, **fields)
    except (ValueError, IndexError) as exc:
        raise ValueError(f"bad file name pattern: {exc}") from None
    filename = "".join(_file_safe(ch) for ch in filename).strip()
    if filename in ("", ".", "..") or filename.startswith("."):
        raise ValueError(f"file name pattern gives an unusable name {filename!r}")
    if not filename.lower().endswith(".pdf"):
        filename += ".pdf"
    if len(filename.encode("utf-8")) > MAX_NAME_BYTES:
        raise ValueError(
            f"the file name would be {len(filename.encode('utf-8'))} bytes long, over the "
            f"{MAX_NAME_BYTES} a file name can have here: shorten the pattern or the name"
        )
    return filename


def _file_safe(ch: str) -> str:
    """Path separators and shell-hostile characters become "_"; invisible ones go."""
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return ""
    return "_" if ch in _FORBIDDEN_CHARS else ch


def cv_glob(pattern: str, *, name: str, variant: str = "") -> str:
    """The pattern with any date as ``*``: finds every dated CV of this name."""
    parts = []
    for literal, field, _spec, _ in string.Formatter().parse(pattern):
        parts.append(literal.replace("*", "?"))
        if field == "date":
            parts.append("*")
        elif field is not None:
            # As cv_filename writes it ("*" and "?" become "_"), so no glob magic is left.
            value = {"name": name, "variant": variant}.get(field, "")
            parts.append("".join(_file_safe(ch) for ch in value).replace("[", "?"))
    glob = "".join(_file_safe(ch) if ch not in "*?" else ch for ch in "".join(parts)).strip()
    return glob if glob.lower().endswith(".pdf") else glob + ".pdf"
