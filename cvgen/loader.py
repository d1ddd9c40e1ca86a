"""profile.yaml → Profile, with every problem reported as ``file:line: field: message``.

The YAML is read by the strict reader (``yamlread``: text scalars, no duplicate keys,
aliases or tags, a line for every key); ``--set`` overrides are applied to the plain data
before the typed model checks it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from cvgen.errors import CvgenError
from cvgen.overrides import PathKey, apply_override, parse_override
from cvgen.profile import Profile, Publication, PublicationsSection
from cvgen.sourcemap import LoadedProfile, SourceMap, field_name
from cvgen.textfile import read_text_file
from cvgen.validation import ValidationError, validate
from cvgen.yamlread import MAX_YAML_BYTES, read_yaml, text_too_long

M = TypeVar("M")


def load_profile(path: Path, *, overrides: Sequence[str] = ()) -> LoadedProfile:
    """Read, check and type the profile; ``overrides`` are ``PATH=VALUE`` texts (--set)."""
    text = read_text_file(path, kind="profile file", max_bytes=MAX_YAML_BYTES)
    data, lines = read_yaml(text, path)
    if not isinstance(data, dict):
        raise CvgenError("a profile is a mapping with 'person' and 'sections'", file=path, line=1)
    source = SourceMap(path, lines, _apply_overrides(data, overrides))
    try:
        profile = validate(Profile, data)
    except ValidationError as exc:
        raise _located(exc, data, source) from None
    return LoadedProfile(_with_bibtex(profile, path.parent), source)


def _with_bibtex(profile: Profile, base_dir: Path) -> Profile:
    """Publications sections that name a .bib file get its entries after their own."""
    if not any(isinstance(s, PublicationsSection) and s.bibtex for s in profile.sections):
        return profile
    from cvgen.formats.bibtex import bibtex_publications

    sections = []
    for section in profile.sections:
        if isinstance(section, PublicationsSection) and section.bibtex:
            bib = base_dir / section.bibtex.file
            try:
                read = [
                    validate(Publication, e)
                    for e in bibtex_publications(bib, keys=section.bibtex.keys)
                ]
            except ValidationError as exc:
                err = exc.errors()[0]
                raise CvgenError(
                    validation_message(err), file=bib, field=field_name(tuple(err["loc"]))
                ) from None
            section = replace(section, entries=[*section.entries, *read])
        sections.append(section)
    return replace(profile, sections=sections)


def _apply_overrides(data: dict[str, Any], overrides: Sequence[str]) -> dict[PathKey, str]:
    overridden: dict[PathKey, str] = {}
    for text in overrides:
        path, raw = parse_override(text)
        if (too_long := text_too_long(raw)) is not None:
            raise CvgenError(too_long, file=f"--set {field_name(path)}")
        value: Any = raw
        if _collection(raw):  # a list or mapping, read like the file
            value, _ = read_yaml(raw, Path(f"--set {text}"))
        apply_override(data, path, value, text)
        overridden[path] = text
    return overridden


def _collection(raw: str) -> bool:
    """Whether a --set value is written as a YAML list or mapping: "[a, b]", "{k: v}".
    Text that only starts with a bracket ("[draft] title", "{braces} in a tagline") is text."""
    value = raw.strip()
    return (value[:1], value[-1:]) in (("[", "]"), ("{", "}"))


def _located(exc: ValidationError, data: Any, source: SourceMap) -> CvgenError:
    """The first problem (by line), placed in the file; a count of the others."""
    errors = sorted(
        (_one_error(err, data, source) for err in exc.errors()), key=lambda e: e.line or 0
    )
    first = errors[0]
    first.more = tuple(errors[1:])  # `cvgen check` lists them all; a build names the first
    if first.more:
        others = len(first.more)
        first.message += f" (and {others} more problem{'s' if others > 1 else ''})"
    return first


def _one_error(err: Any, data: Any, source: SourceMap) -> CvgenError:
    return source.error(_error_path(err, data), validation_message(err))


def _error_path(err: Any, data: Any) -> PathKey:
    path = _data_path(err["loc"], data, missing=err["type"] == "missing")
    # A whole-value check (modelrules.PlacedError) knows where in its value the problem is.
    placed = getattr(err.get("ctx", {}).get("error"), "path", ())
    return (*path, *placed)


def profile_problems(text: str, *, file: Path) -> list[tuple[PathKey, CvgenError]]:
    """Every problem ``load_profile`` would report for this YAML text, with the data path it
    is about: importers check what they are about to write with the loader's own reading."""
    data, lines = read_yaml(text, file)
    if not isinstance(data, dict):
        return [((), CvgenError("a profile is a mapping with 'person' and 'sections'", file=file))]
    source = SourceMap(file, lines)
    try:
        validate(Profile, data)
    except ValidationError as exc:
        return [(_error_path(err, data), _one_error(err, data, source)) for err in exc.errors()]
    return []


def _data_path(loc: tuple[Any, ...], data: Any, *, missing: bool) -> PathKey:
    """Pydantic's loc without the parts that are not in the data (union tags)."""
    path: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
            node = node[part]
            path.append(part)
        elif missing and index == len(loc) - 1:
            path.append(part)
    return tuple(path)


def validation_message(err: Any) -> str:
    """A pydantic error in the user's words (no pydantic jargon, the bad input quoted)."""
    kind = err["type"]
    if kind == "missing":
        return "required field is missing"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown field"
    if kind == "union_tag_invalid":
        return f"unknown section kind {err['input'].get('kind')!r}; expected {err['ctx']['expected_tags']}"
    if kind == "union_tag_not_found":
        return (
            "a section needs a 'kind' (education, publications, experience, text, items, referees)"
        )
    message = str(err["msg"]).removeprefix("Value error, ")
    if kind != "value_error" and isinstance(err.get("input"), str):
        message += f", got {err['input']!r}"
    return message[0].lower() + message[1:]


def load_model(path: Path, model: type[M], *, kind: str) -> tuple[M, SourceMap]:
    """Another of our YAML files (an application, say), read exactly as the profile is:
    text scalars, no aliases, tags or duplicate keys, and every problem at its line.
    ``kind`` names the file in messages ("application")."""
    text = read_text_file(path, kind=f"{kind} file", max_bytes=MAX_YAML_BYTES)
    data, lines = read_yaml(text, path, kind=kind)
    if not isinstance(data, dict):
        raise CvgenError(f"the {kind} file must be a mapping of fields", file=path, line=1)
    source = SourceMap(path, lines)
    try:
        return validate(model, data), source
    except ValidationError as exc:
        raise _located(exc, data, source) from None
