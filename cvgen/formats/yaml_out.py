"""Profile data → YAML a person is happy to edit: key order kept, long text folded."""

from __future__ import annotations

from typing import Any

import yaml

SCHEMA_COMMENT = "# yaml-language-server: $schema={schema}\n"


class _ProfileDumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Long prose folds (">-") so it reads like text; the rest stays plain or quoted as needed.
    style = ">" if len(value) > 80 and "\n" not in value else ("|" if "\n" in value else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_ProfileDumper.add_representer(str, _str)


def dump_profile_yaml(data: dict[str, Any], *, schema: str | None = None) -> str:
    """YAML text for profile data; every scalar is written as text-safe YAML."""
    body = yaml.dump(
        data, Dumper=_ProfileDumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
    return (SCHEMA_COMMENT.format(schema=schema) if schema else "") + body
