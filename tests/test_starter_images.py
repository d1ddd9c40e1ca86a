"""`cvgen new` copies starter images the package ships; nothing is drawn at run time."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PIL import Image

from cvgen.starter import STARTER_IMAGES, new_profile
from tests.conftest import ROOT

STARTER = ROOT / "cvgen" / "templates" / "starter"


def test_a_new_folder_gets_the_shipped_starter_images(tmp_path: Path) -> None:
    new_profile("Jane Doe", tmp_path)
    for name in STARTER_IMAGES:
        assert (tmp_path / "assets" / "images" / name).read_bytes() == (STARTER / name).read_bytes()
    with Image.open(STARTER / "portrait.jpg") as portrait:
        assert (portrait.format, portrait.size) == ("JPEG", (600, 750))
    with Image.open(STARTER / "logos" / "nyu.png") as logo:
        assert (logo.format, logo.mode) == ("PNG", "RGBA")


def test_the_shipped_images_are_what_the_script_draws() -> None:
    """scripts/make_sample_images.py made them; --check must find nothing to remake."""
    spec = importlib.util.spec_from_file_location(
        "make_sample_images", ROOT / "scripts" / "make_sample_images.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.stale_files() == []
    assert sorted(STARTER_IMAGES) == sorted(
        str(path.relative_to(STARTER)) for path in STARTER.rglob("*") if path.is_file()
    )


def test_the_package_names_no_system_font_folder() -> None:
    for module in (ROOT / "cvgen").rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        for folder in ("/usr/share/fonts", "/Library/Fonts", "Windows\\Fonts"):
            assert folder not in text, f"{module}: names {folder}"
