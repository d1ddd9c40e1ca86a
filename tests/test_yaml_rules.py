"""One reading of YAML on every machine: with libyaml (as PyPI's wheel has it) and with the
pure-Python loader, nulls mean "not set" and tags are refused, with the same messages."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import cvgen.yamlread
from cvgen.build import build_cv
from cvgen.errors import CvgenError
from cvgen.loader import load_profile
from cvgen.yamlread import quick_loader
from tests.conftest import FUZZ_EXAMPLES
from tests.pdfread import full_text


@pytest.fixture(params=["libyaml", "pure-python"], autouse=True)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test here runs under both loaders; CI must have libyaml, so it cannot skip."""
    if request.param == "libyaml":
        if not hasattr(yaml, "CSafeLoader"):
            if os.environ.get("CI"):
                pytest.fail("CI must test the libyaml loader: PyYAML was built without it")
            pytest.skip("PyYAML without libyaml here")
        monkeypatch.setattr(cvgen.yamlread, "_Loader", quick_loader(yaml.CSafeLoader))
    else:
        monkeypatch.setattr(cvgen.yamlread, "_Loader", quick_loader(yaml.SafeLoader))
    return str(request.param)


def write(tmp_path: Path, person_lines: str, rest: str = "sections: []\n") -> Path:
    path = tmp_path / "p.yaml"
    path.write_text("person:\n  name: Ada Lovelace\n" + person_lines + rest, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(CvgenError) as info:
        load_profile(path)
    return str(info.value).removeprefix(f"{path}:")


@pytest.mark.parametrize("null", ["~", "null", "Null", "NULL", ""])
def test_a_null_optional_field_is_not_set(tmp_path: Path, null: str):
    path = write(tmp_path, f"  email: {null}\n  phone: {null}\n  tagline: {null}\n")
    person = load_profile(path).profile.person
    assert (person.email, person.phone, person.tagline) == (None, None, None)


def test_a_null_list_is_its_default(tmp_path: Path):
    body = "sections:\n  - title: Work\n    kind: experience\n    entries:\n      - role: R\n        bullets: ~\n"
    section = load_profile(write(tmp_path, "", body)).profile.sections[0]
    assert section.entries[0].bullets == []  # type: ignore[union-attr]


def test_a_quoted_null_is_text_and_prints_as_typed(tmp_path: Path):
    path = write(tmp_path, "  phone: 'null'\n  tagline: null\n")
    assert load_profile(path).profile.person.phone == "null"
    result = build_cv(path, on=date(2024, 1, 1), output_dir=tmp_path / "out")
    text = full_text(result.path)
    assert text.count("null") == 1  # the quoted phone; the null tagline prints nothing


@pytest.mark.parametrize("null", ["~", "null", ""])
def test_a_null_required_field_is_missing_at_its_line(tmp_path: Path, null: str):
    path = tmp_path / "p.yaml"
    path.write_text(f"person:\n  email: a@b.org\n  name: {null}\nsections: []\n", encoding="utf-8")
    assert error_of(path) == "3: person.name: required field is missing"


@pytest.mark.parametrize(
    ("line", "tag"),
    [
        ("  phone: !!str 0301234567\n", "!!str"),
        ("  phone: !!int '7'\n", "!!int"),
        ("  phone: &p !!str 5\n", "!!str"),
        ("  phone: !local x\n", "!local"),
        ("  email: !!null ''\n", "!!null"),
    ],
)
def test_tags_are_refused_with_their_line(tmp_path: Path, line: str, tag: str):
    path = write(tmp_path, line)
    field = line.split(":")[0].strip()
    assert error_of(path) == (
        f"3: person.{field}: YAML tag {tag!r} is not allowed; write the value plainly"
    )


def test_a_value_that_only_looks_like_a_tag_is_text(tmp_path: Path):
    path = write(tmp_path, "  tagline: 'Hello! !!str is not a tag here'\n")
    assert load_profile(path).profile.person.tagline == "Hello! !!str is not a tag here"


SCALARS = st.one_of(
    st.text(alphabet="0123456789.-+eE:_xobTtFfYyNnOo~<=! aé", max_size=12),
    st.sampled_from(
        [
            "",
            "~",
            "null",
            "Null",
            "true",
            "NO",
            "0x1F",
            "1_000",
            "2023-11-30",
            "2001-12-14t21:59:43.10-05:00",
            ".inf",
            "-.NaN",
            "<<",
            "=",
            "0o17",
            "1:20",
        ]
    ),
    st.text(max_size=8),
)


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES * 20)
@given(SCALARS, st.booleans(), st.booleans())
def test_the_loader_tags_a_scalar_as_pyyaml_does(value: str, plain: bool, quoted: bool) -> None:
    """yamlread's loader answers most texts' tags itself: always PyYAML's answer."""
    ours = cvgen.yamlread._Loader("")  # over the loader this run is for (see loader())
    theirs = type(ours).__bases__[0]("")
    implicit = (plain, quoted)
    assert ours.resolve(yaml.ScalarNode, value, implicit) == theirs.resolve(
        yaml.ScalarNode, value, implicit
    )
    for kind in (yaml.SequenceNode, yaml.MappingNode):  # a collection's implicit: one flag
        assert ours.resolve(kind, None, plain) == theirs.resolve(kind, None, plain)
