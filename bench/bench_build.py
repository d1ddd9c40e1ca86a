"""Time whole processes: cold `cvgen build` against the import-reportlab floor.

    python bench/bench_build.py [--runs N]

Each command runs once to warm the disk cache, then N times; we print the median wall
time, the peak resident memory of the process and the ratio to the floor measured in the
same run. Not a test: timings belong to a machine, not to a pass/fail.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Measure:
    name: str
    median_s: float
    peak_mib: float
    output_bytes: int | None = None


def run_once(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        err = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {err}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def measure(name: str, command: list[str], runs: int, cwd: Path, output: Path | None = None) -> Measure:
    run_once(command, cwd)  # warm-up
    samples = [run_once(command, cwd) for _ in range(runs)]
    size = output.stat().st_size if output and output.exists() else None
    return Measure(
        name,
        statistics.median(s[0] for s in samples),
        max(s[1] for s in samples),
        size,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        cv = out / "CV-Hexu Zhao_20231130.pdf"
        results = [
            measure("floor: python -c 'import reportlab.platypus'", [py, "-c", "import reportlab.platypus"], args.runs, ROOT),
            measure("baseline: bare reportlab script", [py, "bench/baseline_reportlab.py", str(out / "base.pdf")], args.runs, ROOT, out / "base.pdf"),
            measure("cvgen build (bundled profile)", [py, "-m", "cvgen", "build", "--date", "2023-11-30", "--output-dir", str(out)], args.runs, ROOT, cv),
            measure("cvgen --help", [py, "-m", "cvgen", "--help"], args.runs, ROOT),
        ]
    floor = results[0].median_s
    print(f"{'what':48} {'median s':>9} {'× floor':>8} {'peak MiB':>9} {'PDF KB':>8}")
    for m in results:
        size = f"{m.output_bytes / 1000:.0f}" if m.output_bytes else "-"
        print(f"{m.name:48} {m.median_s:9.3f} {m.median_s / floor:8.2f} {m.peak_mib:9.1f} {size:>8}")
    print(f"runs per command: {args.runs} after one warm-up; python {sys.version.split()[0]}; {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
