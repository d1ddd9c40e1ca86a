"""Remake docs/gallery: page 1 of the bundled CV in every built-in theme.

python scripts/make_gallery.py
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from cvgen.build import build_cv
from cvgen.preview import render_pages
from cvgen.theme import builtin_theme_names

ROOT = Path(__file__).resolve().parent.parent
GALLERY = ROOT / "docs" / "gallery"


def main() -> None:
    GALLERY.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for theme in builtin_theme_names():
            pdf = build_cv(
                ROOT / "data" / "profile.yaml",
                on=date(2023, 11, 30),
                output=Path(scratch) / f"{theme}.pdf",
                theme=theme,
            ).path
            target = GALLERY / f"{theme}.png"
            render_pages(pdf, dpi=80)[0].convert("RGB").save(target, optimize=True)
            print(f"{target.relative_to(ROOT)} ({target.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
