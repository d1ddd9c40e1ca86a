"""Write fonts/icons/outlines.json from the icon fonts: python scripts/make_icon_outlines.py [--check]

A build draws the contact line's icons from that file instead of parsing the fonts with
fontTools (cvgen/layout/icons.py). Run this after changing an icon font or the ICONS table;
--check writes nothing and exits 1 if the file differs from what the fonts give.
"""

from __future__ import annotations

import argparse
import json
import sys

from cvgen.layout.icons import OUTLINES_FILE, icons_dir, outlines_from_fonts


def outlines_text() -> str:
    """The file's text: one icon per line, so a change shows as a readable diff."""
    outlines = outlines_from_fonts()
    lines = [f"{json.dumps(name)}: {json.dumps(outlines[name])}" for name in sorted(outlines)]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 if stale")
    args = parser.parse_args()
    target = icons_dir() / OUTLINES_FILE
    text = outlines_text()
    if args.check:
        stale = not target.is_file() or target.read_text() != text
        print(f"{target}: {'stale' if stale else 'up to date'}")
        sys.exit(1 if stale else 0)
    target.write_text(text)
    print(target)


if __name__ == "__main__":
    main()
