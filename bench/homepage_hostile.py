"""Time `cvgen import homepage`'s reader on hostile pages: runs of spaces in headings and
header lines, unclosed brackets and link targets, an unclosed comment, and a large page.

    python bench/homepage_hostile.py [--scale N]

Prints one line per case: its size and the best of three wall times. A linear reader grows
these in step with --scale; the regex reader it replaced took 30-60 s on the first cases.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cvgen.errors import CvgenError
from cvgen.formats.homepage import read_homepage


def cases(scale: int) -> dict[str, str]:
    spaces = " " * (3000 * scale)
    entry = "### Intern, Acme\n\n*2019 -- 2021*\n\n- Did things.\n\n*Advised by Dr. [A](https://a.org)*\n\n"
    return {
        "spaces in headings": f"#{spaces}Ana{spaces}\n\n##{spaces}Bio{spaces}#\n\nHi.\n",
        "spaces in a header line": f"# Ana\n\n*{spaces}Email:{spaces}a{spaces}[at]{spaces}b.org\n",
        "spaces in a date line": f"# Ana\n\n## Education\n\n### U\n\n*{spaces}2019{spaces}--{spaces}\n",
        "unclosed brackets": "# Ana\n\n## Bio\n\n" + "[" * 3000 * scale + "(" * 3000 * scale + "\n",
        "unclosed spaced targets": "# Ana\n\n## Bio\n\n" + ("[a](" + " " * 300) * 10 * scale + "\n",
        "unclosed comment": "# Ana\n\n## Bio\n\nHi.\n\n<!--" + " x" * 3000 * scale + "\n",
        "large page": "# Ana\n\n## Experience\n\n" + entry * 200 * scale,
        "boxes nested deep": "# Ana\n\n## News\n\n"
        + "<details><summary>News</summary>\n\n" * 1000 * scale
        + "- **2024**: x\n"
        + "</details>\n" * 1000 * scale,
        "unclosed front matter": "---\n" + "a: b\n" * 30_000 * scale + "# Ana\n",
    }


def best_of_three(run: Callable[[], object]) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    scale = parser.parse_args().scale
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "index.md"
        for name, text in cases(scale).items():
            page.write_text(text, encoding="utf-8")

            def run() -> None:
                # A page that is not a homepage is refused: that is an answer too.
                with contextlib.suppress(CvgenError):
                    read_homepage(page)

            seconds = best_of_three(run)
            print(f"{name:28} {len(text):>9,} chars  {seconds * 1000:8.1f} ms", flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
