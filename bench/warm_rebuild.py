"""Rebuild in an already-running process, as a `watch` command would.

    python bench/warm_rebuild.py [PROFILE] [--runs N]

Imports cvgen, builds once (the warm-up: imports, font registration, first-use caches),
then times N further ``build_cv`` calls and prints one JSON line: the median and every
sample in seconds, the median CPU time, the PDF's size and pages, the time of the
first build (imports included) and whether the last PDF has the first one's bytes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_DATE = date(2023, 11, 30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", type=Path, nargs="?", default=ROOT / "data" / "profile.yaml")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    start = time.perf_counter()
    from cvgen.build import build_cv

    with tempfile.TemporaryDirectory() as scratch:
        first = build_cv(args.profile, on=BUILD_DATE, output_dir=scratch)
        cold_s = time.perf_counter() - start
        first_bytes = first.path.read_bytes()
        samples, cpu_samples = [], []
        for _ in range(args.runs):
            start, cpu_start = time.perf_counter(), time.process_time()
            result = build_cv(args.profile, on=BUILD_DATE, output_dir=scratch)
            samples.append(time.perf_counter() - start)
            cpu_samples.append(time.process_time() - cpu_start)
        same = result.path.read_bytes() == first_bytes
    print(
        json.dumps(
            {
                "median_s": statistics.median(samples),
                "samples_s": samples,
                "median_cpu_s": statistics.median(cpu_samples),
                "first_build_s": cold_s,
                "pdf_bytes": result.size_bytes,
                "pages": result.pages,
                "same_bytes_as_first": same,
            }
        )
    )


if __name__ == "__main__":
    main()
