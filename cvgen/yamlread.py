"""The strict YAML reader every cvgen input file goes through (profile, theme files, --set).

Every scalar is read as text (YAML 1.1 would turn ``0301234567`` into an octal number
and ``NO`` into False); the typed models convert what they must. Duplicate keys, aliases,
merge keys and tags are refused with their line: none is needed and each hides a trap.
The line of every key and list item is kept, so later stages can point at the input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from cvgen.errors import CvgenError
from cvgen.overrides import PathKey
from cvgen.sourcemap import Lines, SourceMap, field_name
from cvgen.textfile import read_text_file

MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
# A field's text, at most: a page and a half of dense text, far beyond any real paragraph.
# Past it, reportlab's line breaking grows faster than the text: it re-breaks the rest of a
# paragraph at every page it fills, splits an overlong word letter by letter, and makes a
# fragment of every "<", ">" and "&" (16,000 characters of "<u> " took 3 s of CPU).
MAX_TEXT_CHARS = 8_000
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}
_NULL_TAG = "tag:yaml.org,2002:null"


def quick_loader(base: Any) -> Any:
    """``base`` (a PyYAML safe loader) with the tag of most text found without PyYAML's
    search.

    The composer asks ``resolve`` for the tag of every node (a 500-publication profile
    has 14,000 scalars). PyYAML tries the implicit resolvers listed under a plain
    scalar's first character; most texts start with a character none is listed under,
    or are quoted, and are text. Those are answered at once; everything else is PyYAML's
    answer. tests/test_yaml_rules.py compares the two."""
    starts = frozenset(key for key in base.yaml_implicit_resolvers if key)
    short = not base.yaml_path_resolvers and None not in base.yaml_implicit_resolvers

    class Loader(base):  # type: ignore[misc]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            # (a collection's ``implicit`` is one flag, a scalar's a pair)
            if (
                kind is yaml.ScalarNode
                and short
                and (not implicit[0] or (value and value[0] not in starts))
            ):
                return self.DEFAULT_SCALAR_TAG
            return super().resolve(kind, value, implicit)

    return Loader


# libyaml stops cleanly on deep nesting where the pure-Python composer hits RecursionError.
_Loader = quick_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_yaml_file(path: Path, *, kind: str) -> tuple[Any, SourceMap]:
    """Read and parse ``path``; ``kind`` ("theme file") names it in messages."""
    text = read_text_file(path, kind=kind, max_bytes=MAX_YAML_BYTES)
    data, lines = read_yaml(text, path, kind=kind)
    return data, SourceMap(path, lines)


def read_yaml(text: str, path: Path, *, kind: str = "profile") -> tuple[Any, Lines]:
    """Plain dicts, lists, strings and None, and the line of every key and item."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, text, path) from None
    if root is None:
        raise CvgenError(f"the {kind} is empty", file=path)
    reading = _Reading(path, kind, text, {(): root.start_mark.line + 1})
    return reading.plain(root, ()), reading.lines


def yaml_error(exc: yaml.YAMLError, text: str, path: Path) -> CvgenError:
    """PyYAML's error as one line with its place (a tab in the indentation said as such)."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        return CvgenError(f"YAML error: {str(exc).splitlines()[0]}", file=path)
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    if mark and "\t" in "".join(text.splitlines()[mark.line : mark.line + 1]):
        problem = "a tab is used for indentation; use spaces"
    return CvgenError(
        f"YAML syntax error: {problem}", file=path, line=mark.line + 1 if mark else None
    )


class _Reading:
    """One file's walk: its lines as found, and the nodes seen (aliases are refused). A
    plain class: a dataclass compiles its methods when the module is imported."""

    def __init__(self, path: Path, kind: str, text: str, lines: Lines) -> None:
        self.path = path
        self.kind = kind
        self.text = text
        self.lines = lines
        self.seen: set[int] = set()

    def refuse(self, message: str, at: PathKey, line: int) -> CvgenError:
        return CvgenError(message, file=self.path, line=line, field=field_name(at))

    def plain(self, node: yaml.Node, at: PathKey) -> Any:
        """Turn a composed node into dicts, lists, strings and None, checking as it goes."""
        line = self.lines.get(at, node.start_mark.line + 1)
        if id(node) in self.seen:
            raise self.refuse(f"YAML aliases (*name) are not allowed in {_a(self.kind)}", at, line)
        self.seen.add(id(node))
        if len(at) > MAX_DEPTH:
            raise self.refuse("nested too deeply", at, line)
        if node.tag not in _PLAIN_TAGS or _explicit_tag(self.text, node):
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            message = f"YAML tag {shown!r} is not allowed; write the value plainly"
            raise self.refuse(message, at, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, at)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.lines[(*at, index)] = item.start_mark.line + 1
                items.append(self.plain(item, (*at, index)))
            return items
        if _is_null(node):
            return None
        if (too_long := text_too_long(node.value)) is not None:
            raise self.refuse(too_long, at, line)
        return node.value

    def mapping(self, node: yaml.MappingNode, at: PathKey) -> dict[str, Any]:
        """A key whose value is null (``~``, ``null``, nothing) is left out, so it means
        "not set": the field's default, or "required field is missing" at its line."""
        result: dict[str, Any] = {}
        keys: set[str] = set()
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.refuse("keys must be plain words", at, line)
            key = key_node.value
            if key == "<<":
                raise self.refuse(
                    f"YAML merge keys (<<) are not allowed in {_a(self.kind)}", at, line
                )
            if key in keys:
                first = self.lines[(*at, key)]
                raise self.refuse(f"duplicate key (first given on line {first})", (*at, key), line)
            self.lines[(*at, key)] = line
            keys.add(key)
            value = self.plain(value_node, (*at, key))
            if value is not None:
                result[key] = value
        return result


def _explicit_tag(text: str, node: yaml.Node) -> bool:
    """Whether the node was written with a tag (``!!str 5``, ``!x``): both the C and the
    Python composer start a node's mark at its properties (anchor, then tag)."""
    start = node.start_mark.index
    head = text[start : start + 1]
    if head == "&":  # an anchor first: `&name !!str x`
        rest = text[start:].split(maxsplit=1)
        return len(rest) > 1 and rest[1].startswith("!")
    return head == "!"


def _is_null(node: yaml.Node) -> bool:
    """A plain ``~``, ``null`` or nothing. libyaml marks plain scalars with style '' and
    the Python composer with None: both are plain, so both loaders agree."""
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG and not node.style


def text_too_long(value: str) -> str | None:
    """Why a field's text is refused as too long, or None."""
    if len(value) <= MAX_TEXT_CHARS:
        return None
    return (
        f"text of {len(value):,} characters; a field holds at most {MAX_TEXT_CHARS:,} "
        "(a page and a half): split it"
    )


def _a(kind: str) -> str:
    return f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"
