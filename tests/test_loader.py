"""YAML → Profile: text stays text, traps are refused, errors point at the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cvgen.errors import CvgenError
from cvgen.loader import load_profile

MINIMAL = "person:\n  name: Jane Doe\n"


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def error_of(path: Path) -> str:
    with pytest.raises(CvgenError) as info:
        load_profile(path)
    return str(info.value)


def test_yaml_1_1_values_keep_their_text(tmp_path: Path):
    path = write(tmp_path, MINIMAL + "  phone: 0301234567\n  location: NO\n  tagline: 3.10\n")
    person = load_profile(path).profile.person
    assert (person.phone, person.location, person.tagline) == ("0301234567", "NO", "3.10")


def test_byte_order_mark_is_fine(tmp_path: Path):
    assert (
        load_profile(write(tmp_path, b"\xef\xbb\xbf" + MINIMAL.encode())).profile.person.name
        == "Jane Doe"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            MINIMAL + "  name: Other\n",
            "profile.yaml:3: person.name: duplicate key (first given on line 2)",
        ),
        (
            "a: &x [1]\nb: *x\n",
            "profile.yaml:2: b: YAML aliases (*name) are not allowed in a profile",
        ),
        (
            "person: !!python/object/apply:os.system [echo hi]\n",
            "profile.yaml:1: person: YAML tag '!!python/object/apply:os.system' is not allowed; write the value plainly",
        ),
        ("", "profile.yaml: the profile is empty"),
        ("- a\n- b\n", "profile.yaml:1: a profile is a mapping with 'person' and 'sections'"),
        (
            "person:\n\tname: x\n",
            "profile.yaml:2: YAML syntax error: a tab is used for indentation; use spaces",
        ),
        (
            b"person:\n  name: \xff\n",
            "profile.yaml:2: not UTF-8 text (byte 0xff); save it as UTF-8",
        ),
        ("sections: []\n", "profile.yaml:1: person: required field is missing"),
        (
            MINIMAL + "sections:\n  - title: X\n    kind: poems\n",
            "profile.yaml:4: sections[0]: unknown section kind 'poems'; expected 'education', 'publications', "
            "'experience', 'text', 'items', 'referees'",
        ),
        (
            MINIMAL + "  email: not-an-address\n",
            "profile.yaml:3: person.email: not an e-mail address: 'not-an-address'",
        ),
    ],
)
def test_refused_with_file_line_and_field(tmp_path: Path, text, message: str):
    path = write(tmp_path, text)
    assert error_of(path) == f"{tmp_path}/{message}"


def test_billion_laughs_is_refused_quickly(tmp_path: Path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        prev = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(
            f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]"
        )
    message = error_of(write(tmp_path, "\n".join(lines) + "\n"))
    assert "aliases" in message


def test_deep_nesting_is_refused(tmp_path: Path):
    message = error_of(write(tmp_path, "a: " + "[" * 100 + "]" * 100 + "\n"))
    assert "nested too deeply" in message


def test_more_problems_are_counted(tmp_path: Path):
    message = error_of(write(tmp_path, "person:\n  nam: x\n  bogus: 1\n"))
    assert message.startswith(f"{tmp_path}/profile.yaml:")
    assert "(and 2 more problems)" in message
