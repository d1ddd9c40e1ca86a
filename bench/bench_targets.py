"""The speed targets of a build, before and after, measured in one run.

    python bench/bench_targets.py [--before REV] [--runs N] [--instructions]

Two code trees run side by side, round-robin, with the same interpreter: this checkout
("after") and a git worktree of REV ("before", default: the commit before the speed
work). Each row is a whole process; ratios are to `python -c "import reportlab.platypus"`
measured in the same run, by wall time and by CPU time (steadier on a busy machine).

Rows (each for before and after):
  cold, no cache     CVGEN_NO_CACHE=1 cvgen build of the bundled profile   target <= 2.0x
  edited, warm       a comment appended to a copy of the profile, then build <= 2.0x
  new --date         the profile unchanged, another date each run        <= 1.6x
  unchanged          the same build again                                <= 0.3x
  large, no cache    500 publications + 100 experience entries           <= 6x, <= 80 MiB
  --help                                                                 <= 0.7x
  peak memory of the bundled build (cold row)                            <= 55 MiB
The latency of `cvgen watch` (save → new PDF) is measured by bench/watch_latency.py.

With --instructions each row runs once to warm up and is then counted once under valgrind
(callgrind): the same ratios in CPU instructions, which a busy machine does not move.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_build import Case, _load_average, measure  # bench/ is on sys.path
from make_large_profile import write_large_profile

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "profile.yaml"
BEFORE_REV = "bc2a202"  # main before the speed work of round two

TARGETS_X_FLOOR = {
    "cold": 2.0,
    "edited": 2.0,
    "new-date": 1.6,
    "unchanged": 0.3,
    "large": 6.0,
    "help": 0.7,
}
TARGETS_MIB = {"cold": 55.0, "large": 80.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE_REV, help="git revision to compare with")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per command")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count CPU instructions under valgrind instead of timing (steady on a busy machine)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cvgen-targets-") as name:
        scratch = Path(name)
        before_tree = scratch / "tree-before"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(before_tree), args.before],
            check=True,
            capture_output=True,
        )
        try:
            cases = _floor(scratch) + _cases(scratch, "after", ROOT)
            cases += _cases(scratch, "before", before_tree)
            load = _load_average()
            if args.instructions:
                _report_instructions(cases, args, load)
            else:
                measure(cases, args.runs)
                _report(cases, args, load)
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before_tree)],
                check=False,
                capture_output=True,
            )


def _env(scratch: Path, tree: Path, label: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(tree)  # with -P (no cwd on the path) it wins over the editable install
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache" / label)
    env["CVGEN_CACHE_DIR"] = str(scratch / "cache" / label)
    return env


def _floor(scratch: Path) -> list[Case]:
    env = _env(scratch, ROOT, "floor")
    return [
        Case(
            "floor",
            "floor: import reportlab.platypus",
            [sys.executable, "-c", "import reportlab.platypus"],
            env=env,
        )
    ]


def _cases(scratch: Path, label: str, tree: Path) -> list[Case]:
    env = _env(scratch, tree, label)
    py = sys.executable
    work = scratch / label
    work.mkdir()
    profile = work / "profile.yaml"
    edited = work / "edited.yaml"
    for copy in (profile, edited):
        shutil.copyfile(BUNDLED, copy)
    _link_assets(scratch)
    large = write_large_profile(
        work / "large", seed=1, publications=500, experience=100, images=True
    )
    counter = work / "day"
    counter.write_text("1")

    def build(target: Path, *extra: str) -> list[str]:
        return [
            py,
            "-P",
            "-m",
            "cvgen",
            "build",
            str(target),
            "--output-dir",
            str(work / "out"),
            *extra,
        ]

    def shell(script: str) -> list[str]:
        return ["/bin/sh", "-c", script]

    quoted = " ".join(f"'{part}'" for part in build(edited, "--date", "2023-11-30"))
    new_date = " ".join(f"'{part}'" for part in build(profile))
    no_cache = {**env, "CVGEN_NO_CACHE": "1"}
    return [
        Case(
            f"cold-{label}",
            f"{label}: cold, no cache",
            build(profile, "--date", "2023-11-30"),
            env=no_cache,
        ),
        Case(
            f"edited-{label}",
            f"{label}: edited, caches warm",
            shell(f"echo '# edit' >> '{edited}'; exec {quoted}"),
            env=env,
        ),
        Case(
            f"new-date-{label}",
            f"{label}: unchanged, new --date",
            shell(
                f"n=$(cat '{counter}'); echo $((n+1)) > '{counter}'; exec {new_date} --date 2024-01-$(printf %02d $n)"
            ),
            env=env,
        ),
        Case(
            f"unchanged-{label}",
            f"{label}: nothing changed",
            build(profile, "--date", "2023-11-30"),
            env=env,
        ),
        Case(
            f"large-{label}",
            f"{label}: large, no cache",
            build(large, "--date", "2023-11-30"),
            env=no_cache,
        ),
        Case(f"help-{label}", f"{label}: --help", [py, "-P", "-m", "cvgen", "--help"], env=env),
    ]


def _link_assets(scratch: Path) -> None:
    """The bundled profile names its images as ../assets/…: make that reach ours."""
    if not (scratch / "assets").exists():
        (scratch / "assets").symlink_to(ROOT / "assets")


def _report(cases: list[Case], args: argparse.Namespace, load: float | None) -> None:
    by_key = {case.key: case for case in cases}
    floor = by_key["floor"]
    print(
        f"cvgen speed targets: after = this checkout, before = {args.before}; {args.runs} runs each, round-robin"
    )
    print(
        f"load average before the run: {load if load is not None else '?'}; after: {_load_average()}"
    )
    print(f"floor: {floor.median_s:.3f} s wall, {floor.cpu_s:.3f} s cpu\n")
    head = f"{'row':22} {'before x':>9} {'after x':>8} {'after cpu x':>11} {'after s':>8} {'peak MiB':>8}  target"
    print(head)
    print("-" * len(head))
    for row, target in TARGETS_X_FLOOR.items():
        before, after = by_key[f"{row}-before"], by_key[f"{row}-after"]
        if before.error or after.error:
            print(f"{row:22} FAILED: {(after.error or before.error or '').splitlines()[-1]}")
            continue
        ratio = after.median_s / floor.median_s
        cpu_ratio = (after.cpu_s or 0) / (floor.cpu_s or 1)
        mib = TARGETS_MIB.get(row)
        ok = ratio <= target and (mib is None or after.peak_mib <= mib)
        memory = f", <= {mib:g} MiB" if mib else ""
        print(
            f"{row:22} {before.median_s / floor.median_s:9.2f} {ratio:8.2f} {cpu_ratio:11.2f} "
            f"{after.median_s:8.3f} {after.peak_mib:8.1f}  {'✓' if ok else '✗'} <= {target:g}x{memory}"
        )


def _instructions(case: Case) -> int:
    """The instructions one run executes, the processes it execs included (the shell
    rows exec the build), as valgrind's callgrind counts them."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        "--trace-children=yes",
        *case.command,
    ]
    run = subprocess.run(command, capture_output=True, text=True, env=case.env, check=False)
    counts = re.findall(r"Collected : (\d+)", run.stderr)
    if run.returncode != 0 or not counts:
        raise SystemExit(f"{case.label}: failed under valgrind: {run.stderr[-500:]}")
    return sum(int(count) for count in counts)


def _report_instructions(cases: list[Case], args: argparse.Namespace, load: float | None) -> None:
    """Each row run once to warm what it expects warm, then counted once (the count does
    not vary with the machine's load, so one run is enough)."""
    counted: dict[str, int] = {}
    for case in cases:
        subprocess.run(case.command, env=case.env, capture_output=True, check=False)
        counted[case.key] = _instructions(case)
    floor = counted["floor"]
    print(f"cvgen speed targets in instructions: after = this checkout, before = {args.before}")
    print(f"load average (does not matter here): {load if load is not None else '?'}")
    print(f"floor: {floor / 1e6:.0f} M instructions\n")
    print(f"{'row':22} {'before x':>9} {'after x':>8} {'after M':>8}  target")
    for row, target in TARGETS_X_FLOOR.items():
        before, after = counted[f"{row}-before"] / floor, counted[f"{row}-after"] / floor
        mark = "✓" if after <= target else "✗"
        print(
            f"{row:22} {before:9.2f} {after:8.2f} {counted[f'{row}-after'] / 1e6:8.0f}  "
            f"{mark} <= {target:g}x"
        )


if __name__ == "__main__":
    main()
