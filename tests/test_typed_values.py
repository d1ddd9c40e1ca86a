"""The typed values are plain dataclasses with value semantics, validated by a pydantic
validator that is kept between processes; a build from a warm cache imports neither
pydantic nor PyYAML."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from dataclasses import FrozenInstanceError, field, replace
from datetime import date
from pathlib import Path

import pytest

from cvgen import coreschema, validation
from cvgen.build import build_cv
from cvgen.profile import Link, Person, Profile, Settings
from cvgen.theme import Theme
from cvgen.validation import ValidationError, validate
from cvgen.values import Value, frozen

DATA = {
    "person": {"name": "Ada Lovelace", "email": "ada@example.org"},
    "sections": [
        {
            "title": "Work",
            "kind": "experience",
            "entries": [{"role": "Analyst", "start": "1842", "end": "1843"}],
        }
    ],
}


def test_a_typed_value_cannot_be_changed_once_made() -> None:
    link = Link(label="Home", url="https://example.org")
    with pytest.raises(FrozenInstanceError):
        link.url = "https://elsewhere.org"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del link.label
    with pytest.raises(FrozenInstanceError):
        link.colour = "red"  # type: ignore[attr-defined]  # nor a new attribute
    assert replace(link, url="https://b.org").url == "https://b.org"
    assert link.url == "https://example.org"


def test_typed_values_compare_hash_and_show_by_value() -> None:
    one, same, other = (Link(label="a", url=u) for u in ("https://a.org", "https://a.org", "x"))
    assert one == same and hash(one) == hash(same)
    assert one != other
    assert one != Person(name="a")  # another class is never equal
    assert repr(one) == "Link(label='a', url='https://a.org')"
    assert Theme() == Theme() and Theme() != Theme(accent="#000000")


@frozen
class _Box(Value):
    width: float
    label: str = "box"


def test_a_frozen_value_class_takes_positions_and_stays_frozen() -> None:
    box = _Box(2.0)
    assert box == _Box(width=2.0, label="box") and hash(box) == hash(_Box(2.0))
    assert repr(box) == "_Box(width=2.0, label='box')"
    with pytest.raises(FrozenInstanceError):
        box.width = 3.0  # type: ignore[misc]
    assert {box: 1}[_Box(2.0)] == 1


@frozen
class _Made(Value):
    name: str
    tags: list[str] = field(default_factory=list)
    seen: list[str] = field(init=False, default_factory=list)
    size: int = field(default=1, kw_only=True)

    def __post_init__(self) -> None:
        self.seen.append(self.name)


def test_a_frozen_value_class_takes_its_arguments_as_a_dataclass_would() -> None:
    made = _Made("a", ["x"], size=3)
    assert (made.name, made.tags, made.seen, made.size) == ("a", ["x"], ["a"], 3)
    assert _Made(name="b").tags == [] and _Made("b").tags is not _Made("b").tags
    assert replace(made, size=4) == _Made("a", ["x"], size=4)
    # Refused at run time as mypy refuses them (its view: the dataclass's own __init__).
    for wrong in (
        lambda: _Made(),  # type: ignore[call-arg]  # a required field missing
        lambda: _Made("a", [], 3),  # type: ignore[call-arg]  # keyword-only, by position
        lambda: _Made("a", name="b"),  # type: ignore[misc]  # given twice
        lambda: _Made("a", colour="red"),  # type: ignore[call-arg]  # no such field
        lambda: _Made("a", seen=[]),  # type: ignore[call-arg]  # not taken by __init__
        lambda: Link("Home", "https://example.org"),  # type: ignore[call-arg]  # keywords only
    ):
        with pytest.raises(TypeError):
            wrong()


def test_a_typed_value_survives_pickling() -> None:
    profile = validate(Profile, DATA)
    assert pickle.loads(pickle.dumps(profile)) == profile


def test_validation_still_applies_every_rule() -> None:
    with pytest.raises(ValidationError) as caught:
        validate(Settings, {"max_pages": "0", "colour": "red"})
    kinds = sorted(error["type"] for error in caught.value.errors())
    assert kinds == ["greater_than_equal", "unexpected_keyword_argument"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CVGEN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CVGEN_NO_CACHE", raising=False)
    monkeypatch.setattr(validation, "_VALIDATORS", {})  # as in a new process
    return tmp_path / "validators"


def _no_new_validator(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(kind: type) -> None:
        raise AssertionError(f"built a validator for {kind.__name__} again")

    monkeypatch.setattr(coreschema, "core_schema", refuse)
    monkeypatch.setattr(validation, "_VALIDATORS", {})


def test_a_kept_validator_is_restored_and_validates_the_same(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = validate(Profile, DATA)
    assert len(list(cache.iterdir())) == 1
    _no_new_validator(monkeypatch)
    assert validate(Profile, DATA) == fresh
    with pytest.raises(ValidationError):  # the whole-profile checks come along
        validate(Profile, {**DATA, "settings": {"contact_lines": [["fax"]]}})


def test_a_damaged_validator_entry_is_made_again(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validate(Profile, DATA)
    (entry,) = cache.iterdir()
    entry.write_bytes(entry.read_bytes()[:-100])
    monkeypatch.setattr(validation, "_VALIDATORS", {})
    assert validate(Profile, DATA).person.name == "Ada Lovelace"
    _no_new_validator(monkeypatch)
    assert validate(Profile, DATA).person.name == "Ada Lovelace"  # stored whole again


_REPORT = "import sys; print(sorted(m for m in ('pydantic', 'pydantic_core', 'yaml') if m in sys.modules))"


def _build_in_new_process(profile: Path, day: str, env: dict[str, str]) -> str:
    code = (
        "from datetime import date\nfrom pathlib import Path\nfrom cvgen.build import build_cv\n"
        f"build_cv(Path({str(profile)!r}), on=date.fromisoformat({day!r}),"
        f" output=Path({str(profile.with_suffix('.pdf'))!r}), force=True)\n" + _REPORT
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return run.stdout.strip()


def test_a_build_from_a_warm_cache_needs_neither_pydantic_nor_yaml(
    tmp_path: Path, cache: Path
) -> None:
    env = dict(os.environ)
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "person: {name: Ada Lovelace, email: ada@example.org}\n"
        "sections:\n  - {title: Work, kind: experience, entries: [{role: Analyst}]}\n"
    )
    build_cv(profile, on=date(2024, 1, 1), output=tmp_path / "first.pdf")  # warms the caches
    # The same profile on another day: restored whole.
    assert _build_in_new_process(profile, "2024-01-02", env) == "[]"
    # An edited profile: read and validated, by the kept validator (pydantic-core only).
    profile.write_text(profile.read_text() + "# edited\n")
    assert _build_in_new_process(profile, "2024-01-02", env) == "['pydantic_core', 'yaml']"
    # No cache at all: the validator is made again, still without pydantic.
    cold = {**env, "CVGEN_NO_CACHE": "1"}
    assert _build_in_new_process(profile, "2024-01-03", cold) == "['pydantic_core', 'yaml']"
