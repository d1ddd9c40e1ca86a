"""An MkDocs-Material site's files as cvgen sees them: the page text, ``mkdocs.yml``'s
``extra.social`` links, and the icon names that stand for networks.

``mkdocs.yml`` is read without ever running anything: its ``!!python/name:`` and ``!ENV``
tags (and any ``!!python/object/apply:``) become inert ``Unresolved`` placeholders.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from cvgen.errors import CvgenError
from cvgen.networks import network_named, network_of_icon
from cvgen.textfile import read_text_file
from cvgen.values import Value, frozen
from cvgen.yamlread import yaml_error

MAX_SOURCE_BYTES = 2 * 1024 * 1024

GENERIC_LINK_ICON = "fontawesome-solid-link"


@frozen
class Unresolved(Value):
    """A tagged YAML value MkDocs would resolve in Python; kept as data, never run."""

    tag: str
    value: Any


class _MkdocsLoader(yaml.SafeLoader):
    pass


def _unresolved(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> Unresolved:
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        return Unresolved(tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Unresolved(tag, loader.construct_sequence(node, deep=True))
    assert isinstance(node, yaml.MappingNode)
    return Unresolved(tag, loader.construct_mapping(node, deep=True))


# The empty prefix matches every tag the safe constructors do not know.
_MkdocsLoader.add_multi_constructor("", _unresolved)


def network_for_icon(icon: str) -> str | None:
    """The network a page's icon stands for (``fontawesome/brands/github`` → "GitHub")."""
    found = network_of_icon(icon)
    return found.name if found else None


def icon_for_network(network: str) -> str | None:
    """The shortcode the page shows for a profile's network, or None for one we do not know."""
    found = network_named(network)
    return found.page_icon if found else None


def load_mkdocs_config(path: Path) -> dict[str, Any]:
    """The whole ``mkdocs.yml`` as plain data, tags as ``Unresolved``."""
    data, _ = _load(path)
    return data


def read_mkdocs_social(path: Path) -> list[dict[str, Any]]:
    """``extra.social`` as ``{icon, link, network, email}`` dicts, in the file's order.

    ``network`` is set for icons we recognise, ``email`` for ``mailto:`` links (an address,
    not a profile); an unknown icon leaves both None so the caller can report it. ``line`` is
    the entry's line in the file.
    """
    data, root = _load(path)
    extra = data.get("extra")
    if extra is None:
        return []
    social = extra.get("social") if isinstance(extra, dict) else None
    if not isinstance(extra, dict) or not isinstance(social, (list, type(None))):
        bad = ("extra",) if not isinstance(extra, dict) else ("extra", "social")
        raise CvgenError(
            f"'{'.'.join(bad)}' is not what MkDocs-Material expects (a mapping, 'social' a list)",
            file=path,
            line=_line_of(root, bad),
        )
    return [
        {
            **_social_entry(entry, index, root, path),
            "line": _line_of(root, ("extra", "social", index)),
        }
        for index, entry in enumerate(social or [])
    ]


def _social_entry(entry: Any, index: int, root: yaml.Node, path: Path) -> dict[str, Any]:
    if not isinstance(entry, dict) or not isinstance(entry.get("link"), str):
        raise CvgenError(
            f"extra.social[{index}] needs a 'link' (and an 'icon')",
            file=path,
            line=_line_of(root, ("extra", "social", index)),
        )
    icon = str(entry.get("icon") or "")
    link = entry["link"].strip()
    email = link.removeprefix("mailto:").split("?")[0] if link.startswith("mailto:") else None
    network = None if email else network_for_icon(icon)
    return {"icon": icon, "link": link, "network": network, "email": email}


def _load(path: Path) -> tuple[dict[str, Any], yaml.Node]:
    text = read_text_file(path, kind="mkdocs.yml", max_bytes=MAX_SOURCE_BYTES)
    loader = _MkdocsLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        raise yaml_error(exc, text, path) from None
    except RecursionError:
        raise CvgenError("nested too deeply to be an mkdocs.yml", file=path) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict) or root is None:
        raise CvgenError(
            "an mkdocs.yml is a mapping (site_name, theme, extra, ...)", file=path, line=1
        )
    return data, root


def _line_of(root: yaml.Node, keys: tuple[str | int, ...]) -> int:
    """The line of the deepest node on ``keys`` that exists, for error messages."""
    node = root
    for key in keys:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
        if child is None:
            break
        node = child
    return node.start_mark.line + 1


# ---------------------------------------------------------------- the site's folders

# mkdocs-material 9.4 moved its emoji functions; the old names fail `mkdocs build --strict`.
_OLD_EMOJI_MODULE = "materialx.emoji."
_NEW_EMOJI_MODULE = "material.extensions.emoji."


@frozen
class SiteFolders(Value):
    """Where an MkDocs project keeps its pages and where it builds the site."""

    config: Path
    docs_dir: Path
    site_dir: Path


def read_site_folders(config: Path) -> SiteFolders:
    """``docs_dir`` and ``site_dir`` of ``config`` (relative to its folder, as MkDocs reads
    them)."""
    data, root = _load(config)
    folders = {}
    for key, default in (("docs_dir", "docs"), ("site_dir", "site")):
        value = data.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise CvgenError(
                f"{key}: expected a folder name", file=config, line=_line_of(root, (key,))
            )
        folders[key] = config.parent / value
    return SiteFolders(config, folders["docs_dir"], folders["site_dir"])


def check_emoji_names(config: Path) -> None:
    """Refuse the emoji extension's pre-9.4 names, with the line to change and the new name."""
    data, root = _load(config)
    extensions = data.get("markdown_extensions")
    for index, entry in enumerate(extensions if isinstance(extensions, list) else []):
        options = entry.get("pymdownx.emoji") if isinstance(entry, dict) else None
        if not isinstance(options, dict):
            continue
        for key in ("emoji_index", "emoji_generator"):
            value = options.get(key)
            name = value.tag.rpartition(":")[2] if isinstance(value, Unresolved) else ""
            if name.startswith(_OLD_EMOJI_MODULE):
                new = _NEW_EMOJI_MODULE + name.removeprefix(_OLD_EMOJI_MODULE)
                raise CvgenError(
                    f"{name} is an old name that current mkdocs-material refuses under"
                    f" --strict; write !!python/name:{new} (the module is now"
                    f" {_NEW_EMOJI_MODULE.rstrip('.')})",
                    file=config,
                    line=_line_of(root, ("markdown_extensions", index, "pymdownx.emoji", key)),
                    field=f"markdown_extensions: pymdownx.emoji: {key}",
                )
