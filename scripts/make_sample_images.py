"""Remake the sample images: python scripts/make_sample_images.py [--check]

Two sets, drawn by scripts/sample_images.py with the bundled Lato Bold:
- assets/images/: the repository's samples, the portrait lettered "HZ" (the bundled CV's);
- cvgen/templates/starter/: what `cvgen new` copies into a new folder, the portrait a plain
  silhouette (the package draws nothing at run time).
--check writes nothing and exits 1 if a file differs from what the script would draw.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_images import sample_images  # a sibling script, not a package

ROOT = Path(__file__).resolve().parent.parent
SETS = {ROOT / "assets" / "images": "HZ", ROOT / "cvgen" / "templates" / "starter": ""}


def stale_files() -> list[Path]:
    """The files that differ from what the script draws (or are missing)."""
    return [
        folder / name
        for folder, initials in SETS.items()
        for name, data in sample_images(initials).items()
        if not (folder / name).is_file() or (folder / name).read_bytes() != data
    ]


def write_all() -> None:
    for folder, initials in SETS.items():
        for name, data in sample_images(initials).items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"{path.relative_to(ROOT)} ({len(data)} bytes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    if not parser.parse_args().check:
        write_all()
        return
    stale = stale_files()
    for path in stale:
        print(f"{path.relative_to(ROOT)}: differs from what the script draws", file=sys.stderr)
    sys.exit(1 if stale else 0)


if __name__ == "__main__":
    main()
