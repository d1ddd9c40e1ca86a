"""The caches are hints: verified on every read, a bad entry a miss, never an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from cvgen import buildcache, cache
from cvgen.images import prepare_logo


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CVGEN_CACHE_DIR", str(folder))
    monkeypatch.delenv("CVGEN_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "_MEMORY", {})
    return folder


def test_an_entry_is_found_while_its_inputs_are_unchanged(cache_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "profile.yaml"
    source.write_text("person: {name: A}\n")
    buildcache.store_entry("plans", "k", {"pages": 2}, inputs=[source])
    assert buildcache.load_entry("plans", "k") == {"pages": 2}
    source.write_text("person: {name: B}\n")
    assert buildcache.load_entry("plans", "k") is None


UNPICKLED: list[str] = []


class Recorded:
    """A kept value that notes each time it is unpickled."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __setstate__(self, state: dict[str, str]) -> None:
        UNPICKLED.append(state["name"])
        self.__dict__.update(state)


def test_a_stale_entry_is_refused_before_its_value_is_read(cache_dir: Path, tmp_path: Path) -> None:
    """An edited long profile's old entry was unpickled whole (~25 ms) and then dropped."""
    source = tmp_path / "profile.yaml"
    source.write_text("person: {name: A}\n")
    buildcache.store_entry("plans", "k", Recorded("plan"), inputs=[source])
    UNPICKLED.clear()
    restored = buildcache.load_entry("plans", "k")
    assert isinstance(restored, Recorded) and UNPICKLED == ["plan"]
    source.write_text("person: {name: B}\n")
    UNPICKLED.clear()
    assert buildcache.load_entry("plans", "k") is None and UNPICKLED == []


def test_a_missing_input_is_a_miss(cache_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "logo.png"
    source.write_bytes(b"png")
    buildcache.store_entry("plans", "k", "value", inputs=[source])
    source.unlink()
    assert buildcache.load_entry("plans", "k") is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],  # truncated by a full disk
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]),  # one bit flipped
        lambda blob: b"",  # empty
    ],
    ids=["truncated", "bit-flip", "empty"],
)
def test_a_damaged_entry_is_a_miss(cache_dir: Path, damage) -> None:  # type: ignore[no-untyped-def]
    buildcache.store_entry("plans", "k", list(range(100)), inputs=())
    entry = cache_dir / "plans" / "k"
    entry.write_bytes(damage(entry.read_bytes()))
    assert buildcache.load_entry("plans", "k") is None


def test_a_damaged_image_entry_is_prepared_again_and_replaced(
    cache_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "logo.png"
    Image.new("RGB", (200, 100), "teal").save(source)
    made = cache.cached_image(
        source, "logo|24|300", lambda: prepare_logo(source, box_pt=24, dpi=300)
    )
    (entry,) = (cache_dir / "images").iterdir()
    entry.write_bytes(entry.read_bytes()[:40])  # damaged on disk
    cache._MEMORY.clear()  # as a new process would start
    calls = []

    def prepare():  # type: ignore[no-untyped-def]
        calls.append(1)
        return prepare_logo(source, box_pt=24, dpi=300)

    assert cache.cached_image(source, "logo|24|300", prepare) == made
    assert calls == [1]
    cache._MEMORY.clear()
    assert cache.cached_image(source, "logo|24|300", prepare) == made
    assert calls == [1]  # the entry was replaced by a good one


def test_the_cache_keeps_under_its_cap_evicting_the_oldest(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(buildcache, "MAX_CACHE_BYTES", 3_000)
    for n in range(10):
        buildcache.store_entry("pdf", f"k{n}", b"x" * 1_000, inputs=())
    kept = sorted(p.name for p in (cache_dir / "pdf").iterdir())
    assert sum(p.stat().st_size for p in (cache_dir / "pdf").iterdir()) <= 3_000
    assert "k9" in kept and "k0" not in kept


def test_no_cache_means_nothing_is_stored(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CVGEN_NO_CACHE", "1")
    buildcache.store_entry("plans", "k", 1, inputs=())
    assert buildcache.load_entry("plans", "k") is None
    assert not cache_dir.exists()


def test_the_key_changes_with_cvgen_code(monkeypatch: pytest.MonkeyPatch) -> None:
    before = buildcache.cache_key("profile")
    buildcache.code_identity.cache_clear()
    monkeypatch.setattr(buildcache, "_LIBRARIES", ("reportlab",))  # another set of libraries
    try:
        assert buildcache.cache_key("profile") != before
    finally:
        buildcache.code_identity.cache_clear()


def test_the_folder_is_scanned_once_per_sixteenth_of_the_cap_not_per_entry(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scans: list[Path] = []
    real = buildcache._evict
    monkeypatch.setattr(buildcache, "_evict", lambda root: (scans.append(root), real(root)))
    monkeypatch.setattr(buildcache, "_unevicted", {})
    monkeypatch.setattr(buildcache, "MAX_CACHE_BYTES", 160_000)  # a scan per 10,000 bytes
    for n in range(50):
        buildcache.store_entry("pdf", f"k{n}", b"x" * 1_000, inputs=())
    # the first store, then once per ~10 KB stored: 50 entries of ~1 KB, 5 or 6 scans, not 50
    assert 4 <= len(scans) <= 6
