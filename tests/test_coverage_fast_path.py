"""The character check's shortcut (every text printable: nothing to clean, no serializer
built) gives exactly what the full pass gives, for texts that print and texts that don't."""

from __future__ import annotations

from pathlib import Path

import pytest

from cvgen import coverage
from cvgen.fonts import FAMILY
from cvgen.loader import load_profile

SAMPLES = [
    "plain",
    "Zoë Müller-Łukasiewicz",
    "张伟 李娜",
    "a → b ≤ c",
    "ʇ turned",  # prints, but its capital U+A7B1 does not
    "emoji 🎓",  # above U+FFFF: nobody
    "private \uf000 use",
]


def _profile(tmp_path: Path, text: str) -> Path:
    quoted = '"' + text.replace('"', '\\"') + '"'
    (tmp_path / "p.yaml").write_text(
        "person:\n"
        f"  name: {quoted}\n"
        "sections:\n"
        f"  - title: {quoted}\n"
        "    kind: experience\n"
        "    entries:\n"
        "      - role: R\n"
        f"        bullets: [{{text: {quoted}, tags: [{quoted}]}}]\n",
        encoding="utf-8",
    )
    return tmp_path / "p.yaml"


@pytest.mark.parametrize("text", SAMPLES)
def test_the_shortcut_agrees_with_the_full_pass(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = load_profile(_profile(tmp_path, text))
    upper = lambda where: where == ("person", "name")  # noqa: E731
    fast = coverage.printable(loaded.profile, loaded.source, FAMILY, upper_case=upper)
    monkeypatch.setattr(coverage, "_all_printable", lambda model, family: False)
    full = coverage.printable(loaded.profile, loaded.source, FAMILY, upper_case=upper)
    assert fast == full
    if fast[1]:  # something was left out: the shortcut must not have been taken
        assert "left out of the PDF" in fast[1][0]


NESTED = """\
person: {name: Jane Doe}
sections:
  - title: Papers
    kind: publications
    entries:
      - title: Clean title
        authors:
          - A. Author
          - {name: "B. \U0001f393 Author", equal: true, note: "co-1st \uf000"}
        venue: Plain venue
  - title: Work
    kind: experience
    entries:
      - role: R
        bullets:
          - plain
          - {text: "deep \U0001f600 bullet", tags: [t]}
"""


def test_every_unprintable_text_is_named_where_it_was_written(tmp_path: Path) -> None:
    """One sweep over all characters finds that something is missing; the warnings still
    name each field, deep in lists and mappings, with its line, in the profile's order."""
    (tmp_path / "p.yaml").write_text(NESTED, encoding="utf-8")
    loaded = load_profile(tmp_path / "p.yaml")
    cleaned, warnings = coverage.printable(loaded.profile, loaded.source, FAMILY)
    where = str(tmp_path / "p.yaml")
    assert warnings == [
        f"{where}:9: sections[0].entries[0].authors[1].name: warning: no bundled font has"
        " '🎓' U+1F393; left out of the PDF",
        f"{where}:9: sections[0].entries[0].authors[1].note: warning: no bundled font has"
        " '\\uf000' U+F000; left out of the PDF",
        f"{where}:17: sections[1].entries[0].bullets[1].text: warning: no bundled font has"
        " '😀' U+1F600; left out of the PDF",
    ]
    assert coverage._all_printable(cleaned, FAMILY)  # nothing is left to warn about


def test_every_text_of_any_value_is_gathered() -> None:
    """The walk reads classes of no, one and several fields, tags, mappings and sequences,
    and skips numbers, booleans, dates and missing values without losing a text."""
    from datetime import date

    from cvgen.profile import TaggedText
    from cvgen.values import Value, frozen

    @frozen
    class Empty(Value):
        pass

    @frozen
    class One(Value):
        text: str

    @frozen
    class Many(Value):
        name: str
        count: int
        flag: bool
        when: date | None
        items: list[object]
        extra: dict[str, object]

    model = Many(
        "name",
        3,
        True,
        date(2020, 1, 1),
        [One("one"), Empty(), None, 2.5, ("in a tuple", TaggedText("tagged", ("tag",)))],
        {"key": One("in a mapping"), "n": 1},
    )
    expected = ["name", "one", "in a tuple", "tagged", "tag", "in a mapping"]
    assert sorted(coverage._texts(model)) == sorted(expected)
