"""Latency of `cvgen watch`: from saving the profile to the new PDF's line, in ms.

    python bench/watch_latency.py [--saves N] [--code TREE]

Starts `cvgen watch` on a copy of the bundled profile, waits for its first build, then
saves the profile N times (a comment appended, as an editor's save would change it) and
times each save until watch prints the rebuilt PDF. The PDF is in place before that
line is printed, so the time covers the whole rebuild. --code runs another checkout.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=9)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cvgen-watch-") as name:
        work = Path(name) / "data"
        work.mkdir()
        profile = work / "profile.yaml"
        shutil.copyfile(ROOT / "data" / "profile.yaml", profile)
        (work.parent / "assets").symlink_to(ROOT / "assets")
        env = {**os.environ, "PYTHONPATH": str(args.code.resolve())}
        command = [sys.executable, "-m", "cvgen", "watch", str(profile), "--output-dir", name]
        watcher = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
        try:
            assert watcher.stdout is not None
            _wait_for_build(watcher.stdout)
            latencies = []
            for n in range(args.saves):
                time.sleep(0.3)  # let the watcher settle back into waiting
                started = time.perf_counter()
                with profile.open("a") as handle:
                    handle.write(f"# save {n}\n")
                _wait_for_build(watcher.stdout)
                latencies.append((time.perf_counter() - started) * 1000)
        finally:
            watcher.terminate()
            watcher.wait(timeout=10)
    print(
        f"watch: save -> new PDF, median {statistics.median(latencies):.0f} ms "
        f"(min {min(latencies):.0f}, max {max(latencies):.0f}, {len(latencies)} saves; "
        f"load average {os.getloadavg()[0]:.2f})"
    )


def _wait_for_build(lines) -> None:  # type: ignore[no-untyped-def]
    for line in lines:
        if " built " in line:
            return
        if " failed" in line:
            raise SystemExit(f"watch failed: {line.strip()}")
    raise SystemExit("watch ended early")


if __name__ == "__main__":
    main()
