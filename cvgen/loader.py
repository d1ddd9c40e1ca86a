"""profile.yaml → Profile, with every problem reported as ``file:line: field: message``.

Every scalar is read as text (YAML 1.1 would turn ``0301234567`` into an octal number
and ``NO`` into False); the typed model converts what it must. Duplicate keys, aliases
and tags are refused: a profile needs none of them and each hides a trap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from cvgen.errors import CvgenError
from cvgen.overrides import PathKey, apply_override, parse_override
from cvgen.profile import Profile, Publication, PublicationsSection
from cvgen.textfile import read_text_file
from cvgen.theme import BUILTIN_THEMES, Theme

MAX_PROFILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
# A field's text, at most: about five pages of dense text, far beyond any real paragraph.
# Past it, reportlab's line breaking (which re-breaks the rest of a paragraph at every
# page it fills, and splits an overlong word letter by letter) grows faster than the text.
MAX_TEXT_CHARS = 50_000
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}
_NULL_TAG = "tag:yaml.org,2002:null"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class SourceMap:
    """The YAML line of every key and list item, so later stages can point at input;
    fields set on the command line point at their ``--set`` instead."""

    file: Path
    lines: dict[PathKey, int]
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


@dataclass(frozen=True)
class LoadedProfile:
    profile: Profile
    source: SourceMap

    @property
    def base_dir(self) -> Path:
        return self.source.file.parent


def field_name(path: PathKey) -> str:
    """``('sections', 0, 'entries', 1, 'end')`` → ``sections[0].entries[1].end``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def load_profile(path: Path, *, overrides: Sequence[str] = ()) -> LoadedProfile:
    """Read, check and type the profile; ``overrides`` are ``PATH=VALUE`` texts (--set)."""
    text = read_text_file(path, kind="profile file", max_bytes=MAX_PROFILE_BYTES)
    data, lines = _parse_yaml(text, path)
    if not isinstance(data, dict):
        raise CvgenError("a profile is a mapping with 'person' and 'sections'", file=path, line=1)
    source = SourceMap(path, lines, _apply_overrides(data, overrides))
    try:
        profile = Profile.model_validate(data)
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
                    Publication.model_validate(e)
                    for e in bibtex_publications(bib, keys=section.bibtex.keys)
                ]
            except ValidationError as exc:
                err = exc.errors()[0]
                raise CvgenError(
                    _message(err), file=bib, field=field_name(tuple(err["loc"]))
                ) from None
            section = section.model_copy(update={"entries": [*section.entries, *read]})
        sections.append(section)
    return profile.model_copy(update={"sections": sections})


def _apply_overrides(data: dict[str, Any], overrides: Sequence[str]) -> dict[PathKey, str]:
    overridden: dict[PathKey, str] = {}
    for text in overrides:
        path, raw = parse_override(text)
        if (too_long := _too_long(raw)) is not None:
            raise CvgenError(too_long, file=f"--set {field_name(path)}")
        value: Any = raw
        if raw.lstrip().startswith(("[", "{")):  # a list or mapping, read like the file
            value, _ = _parse_yaml(raw, Path(f"--set {text}"))
        apply_override(data, path, value, text)
        overridden[path] = text
    return overridden


def _parse_yaml(text: str, path: Path, *, kind: str = "profile") -> tuple[Any, dict[PathKey, int]]:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if (
            mark
            and text.splitlines()[mark.line : mark.line + 1]
            and "\t" in text.splitlines()[mark.line]
        ):
            problem = "a tab is used for indentation; use spaces"
        raise CvgenError(
            f"YAML syntax error: {problem}", file=path, line=mark.line + 1 if mark else None
        ) from None
    except yaml.YAMLError as exc:
        raise CvgenError(f"YAML error: {exc}", file=path) from None
    if root is None:
        raise CvgenError(f"the {kind} is empty", file=path)
    lines: dict[PathKey, int] = {(): root.start_mark.line + 1}
    return _plain(root, (), lines, set(), path), lines


def _plain(
    node: yaml.Node, at: PathKey, lines: dict[PathKey, int], seen: set[int], path: Path
) -> Any:
    """Turn a composed node into dicts, lists, strings and None, checking as it goes."""
    line = lines.get(at, node.start_mark.line + 1)
    if id(node) in seen:
        raise CvgenError(
            "YAML aliases (*name) are not allowed in a profile",
            file=path,
            line=line,
            field=field_name(at),
        )
    seen.add(id(node))
    if len(at) > MAX_DEPTH:
        raise CvgenError("nested too deeply", file=path, line=line, field=field_name(at))
    if node.tag not in _PLAIN_TAGS:
        raise CvgenError(
            f"YAML tag {node.tag!r} is not allowed", file=path, line=line, field=field_name(at)
        )
    if isinstance(node, yaml.MappingNode):
        return _plain_mapping(node, at, lines, seen, path)
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[(*at, index)] = item.start_mark.line + 1
            items.append(_plain(item, (*at, index), lines, seen, path))
        return items
    if node.tag == _NULL_TAG and isinstance(node, yaml.ScalarNode) and node.style is None:
        return None
    if (too_long := _too_long(node.value)) is not None:
        raise CvgenError(too_long, file=path, line=line, field=field_name(at))
    return node.value


def _too_long(value: str) -> str | None:
    if len(value) <= MAX_TEXT_CHARS:
        return None
    return (
        f"text of {len(value):,} characters; a field holds at most {MAX_TEXT_CHARS:,} "
        "(about five pages): split it"
    )


def _plain_mapping(
    node: yaml.MappingNode, at: PathKey, lines: dict[PathKey, int], seen: set[int], path: Path
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            raise CvgenError("keys must be plain words", file=path, line=line, field=field_name(at))
        key = key_node.value
        if key == "<<":
            raise CvgenError(
                "YAML merge keys (<<) are not allowed in a profile",
                file=path,
                line=line,
                field=field_name(at),
            )
        if key in result:
            first = lines[(*at, key)]
            raise CvgenError(
                f"duplicate key (first given on line {first})",
                file=path,
                line=line,
                field=field_name((*at, key)),
            )
        lines[(*at, key)] = line
        result[key] = _plain(value_node, (*at, key), lines, seen, path)
    return result


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
    return source.error(_error_path(err, data), _message(err))


def _error_path(err: Any, data: Any) -> PathKey:
    # Whole-profile checks know better than pydantic's loc where their problem stands.
    placed = getattr(err.get("ctx", {}).get("error"), "path", None)
    return (
        tuple(placed) if placed else _data_path(err["loc"], data, missing=err["type"] == "missing")
    )


def profile_problems(text: str, *, file: Path) -> list[tuple[PathKey, CvgenError]]:
    """Every problem ``load_profile`` would report for this YAML text, with the data path it
    is about: importers check what they are about to write with the loader's own reading."""
    data, lines = _parse_yaml(text, file)
    if not isinstance(data, dict):
        return [((), CvgenError("a profile is a mapping with 'person' and 'sections'", file=file))]
    source = SourceMap(file, lines)
    try:
        Profile.model_validate(data)
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


def _message(err: Any) -> str:
    kind = err["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
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
    text = read_text_file(path, kind=f"{kind} file", max_bytes=MAX_PROFILE_BYTES)
    data, lines = _parse_yaml(text, path, kind=kind)
    if not isinstance(data, dict):
        raise CvgenError(f"the {kind} file must be a mapping of fields", file=path, line=1)
    source = SourceMap(path, lines)
    try:
        return model.model_validate(data), source
    except ValidationError as exc:
        raise _located(exc, data, source) from None


def resolve_theme(loaded: LoadedProfile, *, base: str | None = None) -> Theme:
    """The profile's ``theme:``: a built-in or a theme file, with its values changed.

    ``base`` (from --theme or a variant) replaces the profile's own ``base``.
    """
    spec = dict(loaded.profile.theme)
    base = base or spec.pop("base", "homepage")
    spec.pop("base", None)
    values, theme_file = _theme_base(str(base), loaded)
    try:
        return Theme.model_validate({**values, **spec})
    except ValidationError as exc:
        err = exc.errors()[0]
        key = str(err["loc"][0]) if err["loc"] else "theme"
        message = _message(err)
        if key in spec or theme_file is None:
            raise loaded.source.error(("theme", key), message) from None
        raise CvgenError(message, file=theme_file, field=key) from None


def _theme_base(base: str, loaded: LoadedProfile) -> tuple[dict[str, Any], Path | None]:
    if base in BUILTIN_THEMES:
        return {**BUILTIN_THEMES[base], "name": base}, None
    if not base.endswith((".yaml", ".yml")):
        known = ", ".join(BUILTIN_THEMES)
        raise loaded.source.error(
            ("theme", "base"), f"no built-in theme {base!r} (there are: {known}; or a .yaml file)"
        )
    path = loaded.base_dir / base
    data, _ = _parse_yaml(
        read_text_file(path, kind="theme file", max_bytes=MAX_PROFILE_BYTES), path
    )
    if not isinstance(data, dict):
        raise CvgenError("a theme file is a mapping of theme values", file=path, line=1)
    inner = data.pop("base", None)
    values = {**BUILTIN_THEMES[inner], "name": inner} if inner in BUILTIN_THEMES else {}
    return {**values, "name": path.stem, **data}, path
