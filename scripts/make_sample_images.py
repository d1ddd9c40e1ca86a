"""Remake the repository's sample portrait and logos: python scripts/make_sample_images.py [--out DIR]"""

from __future__ import annotations

import argparse
from pathlib import Path

from cvgen.samples import make_sample_images


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = Path(__file__).resolve().parent.parent / "assets" / "images"
    parser.add_argument(
        "--out", type=Path, default=default, help="output folder (default: assets/images)"
    )
    for path in make_sample_images(parser.parse_args().out):
        print(f"{path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
