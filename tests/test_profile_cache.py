"""An unchanged profile is restored from the cache, not read and validated again; the PDF
is the same as from a fresh validation, and any change of what it was made from misses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from cvgen import buildcache, loader, readlog
from cvgen.build import build_cv
from cvgen.errors import CvgenError

PROFILE = """\
person:
  name: Grace Hopper
  email: grace@example.org
sections:
  - title: Experience
    kind: experience
    entries:
      - {role: Rear Admiral, organization: US Navy, start: "1943", end: "1986"}
  - title: Publications
    kind: publications
    bibtex:
      file: refs.bib
"""
BIB = "@article{c, title={Compilers}, author={Hopper, Grace}, journal={ACM}, year={1952}}\n"
ON = date(2024, 3, 1)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CVGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CVGEN_NO_CACHE", raising=False)
    (tmp_path / "profile.yaml").write_text(PROFILE)
    (tmp_path / "refs.bib").write_text(BIB)
    return tmp_path


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every time the loader really reads a profile."""
    seen: list[Path] = []
    real = loader.load_profile

    def counting(path: Path, **kwargs: object) -> object:
        seen.append(path)
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "load_profile", counting)
    return seen


def _build(name: str, *overrides: str) -> bytes:
    build_cv(Path("profile.yaml"), on=ON, output=Path(name), overrides=overrides, force=True)
    return Path(name).read_bytes()


def test_a_restored_profile_gives_the_same_pdf_as_a_fresh_validation(
    folder: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _build("first.pdf")
    again = _build("again.pdf")
    assert len(loads) == 1, "the second build read the profile again"
    assert list((folder / "cache" / "profiles").iterdir())
    monkeypatch.setenv("CVGEN_NO_CACHE", "1")
    fresh = _build("fresh.pdf")
    assert len(loads) == 2
    assert first == again == fresh


@pytest.mark.parametrize(
    "change",
    [
        lambda f: (f / "profile.yaml").write_text(PROFILE.replace("1986", "1985")),
        lambda f: (f / "refs.bib").write_text(BIB.replace("1952", "1953")),
    ],
    ids=["profile", "bib"],
)
def test_a_changed_file_misses(
    folder: Path, loads: list[Path], change: Callable[[Path], None]
) -> None:
    before = _build("before.pdf")
    change(folder)
    after = _build("after.pdf")
    assert len(loads) == 2 and before != after


def test_another_set_or_folder_misses(
    folder: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _build("plain.pdf")
    _build("set.pdf", "person.email=g@example.org")
    assert len(loads) == 2
    other = folder / "elsewhere"
    other.mkdir()
    for name in ("profile.yaml", "refs.bib"):
        (other / name).write_text((folder / name).read_text())
    monkeypatch.chdir(other)
    _build("moved.pdf")
    assert len(loads) == 3


def test_a_profile_that_fails_is_not_kept(folder: Path, loads: list[Path]) -> None:
    (folder / "profile.yaml").write_text(PROFILE.replace("Grace Hopper", ""))
    for _ in range(2):
        with pytest.raises(CvgenError, match=r"profile\.yaml:2"):
            _build("x.pdf")
    assert len(loads) == 2
    assert not (folder / "cache" / "profiles").exists()


def test_a_file_read_twice_differently_is_never_stored_under_either(folder: Path) -> None:
    source = folder / "profile.yaml"
    with readlog.files_read() as read:
        readlog.note_read(source, b"person: {name: A}")
        readlog.note_read(source, b"person: {name: B}")  # saved again during the build
    buildcache.store_entry("profiles", "k", "made from A or B?", inputs=read)
    assert buildcache.load_entry("profiles", "k") is None


def test_a_hit_still_tells_the_replay_log_what_was_read(folder: Path) -> None:
    _build("first.pdf")
    log = readlog.start_read_log()
    try:
        _build("second.pdf")
    finally:
        readlog.stop_read_log()
    assert {p.name for p in log} >= {"profile.yaml", "refs.bib"}


def test_a_theme_is_restored_until_its_file_changes(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cvgen import theme

    (folder / "profile.yaml").write_text(PROFILE + "theme:\n  base: mine.yaml\n")
    (folder / "mine.yaml").write_text("base: classic\naccent: '#112233'\n")
    resolved: list[str] = []
    real = theme._resolve_theme

    def counting(*args: object, **kwargs: object) -> theme.Theme:
        made = real(*args, **kwargs)  # type: ignore[arg-type]
        resolved.append(made.accent)
        return made

    monkeypatch.setattr(theme, "_resolve_theme", counting)
    first = _build("first.pdf")
    assert _build("again.pdf") == first and resolved == ["#112233"]  # restored, not resolved
    (folder / "mine.yaml").write_text("base: classic\naccent: '#445566'\n")
    assert _build("changed.pdf") != first
    assert resolved == ["#112233", "#445566"]
