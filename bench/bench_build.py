"""Time whole processes: cvgen against the import-reportlab floor and bare reportlab.

    python bench/bench_build.py [--runs N | --quick] [--seed S] [--large-no-images]
    python bench/bench_build.py --profile-build      # cProfile + stage times, no table

One warm-up round runs every command once (disk cache, bytecode cache); then N rounds
run every command once each, round-robin, so that drift on the machine hits all rows
alike. We print the median wall time, the spread, the peak resident memory (largest of
the runs, from os.wait4), the PDF's size and pages, the ratio to the floor (and to bare
reportlab laying out the same text) measured in the same run, and the issue's targets.

Rows:
  interpreter        python -c pass (what every row pays before importing anything)
  floor              python -c "import reportlab.platypus"
  baseline           bench/baseline_reportlab.py: bare reportlab, the reference CV text,
                     a photo and a logo, Helvetica
  cvgen build        python -m cvgen build of data/profile.yaml (cold process)
  cvgen --help       target <= 0.15 s; and a what-if with Typer's rich help turned off
  warm rebuild       bench/warm_rebuild.py: median of N in-process build_cv calls after
                     one warm-up build (what a `watch` command pays); target <= 0.1 s
  large              bench/make_large_profile.py (500 publications, 100 experience
                     entries x 3 bullets, seeded): bare-reportlab baseline of the same
                     text (Helvetica, and Lato embedded), cold cvgen build (target <= 8x
                     floor and <= 80 MiB), warm rebuild

The commands are spawned by bench/run_commands.py, a lean process of its own: on Linux
a child's ru_maxrss starts from the resident size of its spawner.

Children run with bytecode caching on, in a scratch PYTHONPYCACHEPREFIX (an installed
cvgen has its .pyc files; PYTHONDONTWRITEBYTECODE would make every run compile cvgen);
--env-as-is keeps the environment untouched. Not a test: timings belong to a machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BUNDLED = ROOT / "data" / "profile.yaml"
BUILD_DATE = "2023-11-30"

HELP_TARGET_S = 0.15
WARM_TARGET_S = 0.10
LARGE_TARGET_X_FLOOR = 8.0
LARGE_TARGET_MIB = 80.0


@dataclass
class Case:
    key: str
    label: str
    command: list[str]
    output_dir: Path | None = None  # the PDF the command writes lands here
    env: dict[str, str] | None = None
    baseline: str | None = None  # key of the case this one is compared with
    in_process: bool = False  # the command prints its own median (warm_rebuild.py)
    target_s: float | None = None
    target_x_floor: float | None = None
    target_mib: float | None = None
    samples: list[tuple[float, float, float]] = field(default_factory=list)  # (s, MiB, CPU s)
    reported: dict = field(default_factory=dict)  # what an in-process command printed
    error: str | None = None

    @property
    def median_s(self) -> float:
        if self.in_process:
            return float(self.reported["median_s"])
        return statistics.median(s for s, _, _ in self.samples)

    @property
    def spread_s(self) -> tuple[float, float]:
        values = self.reported["samples_s"] if self.in_process else [s for s, _, _ in self.samples]
        return min(values), max(values)

    @property
    def peak_mib(self) -> float:
        return max(m for _, m, _ in self.samples)

    @property
    def cpu_s(self) -> float | None:
        """Median CPU time (user + system) of the child, or of each in-process build."""
        if self.in_process:
            return self.reported.get("median_cpu_s")
        return statistics.median(c for _, _, c in self.samples)

    def pdf(self) -> tuple[int | None, int | None]:
        """Size in bytes and page count of what the command wrote, if it wrote a PDF."""
        if self.in_process:
            return self.reported.get("pdf_bytes"), self.reported.get("pages")
        pdfs = sorted(self.output_dir.glob("*.pdf")) if self.output_dir else []
        if not pdfs:
            return None, None
        data = pdfs[0].read_bytes()
        return len(data), len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def measure(cases: list[Case], runs: int) -> None:
    """A warm-up round, then ``runs`` rounds over every case; in-process cases run once.

    The spawning is done by run_commands.py in a lean process of its own: a child's
    ru_maxrss starts from its spawner's resident size, and this process is not small.
    """
    spec = {
        "runs": runs,
        "cwd": str(ROOT),
        "cases": [
            {"key": c.key, "command": c.command, "env": c.env, "once": c.in_process} for c in cases
        ],
    }
    runner = [sys.executable, "-I", "-S", str(BENCH / "run_commands.py")]
    done = subprocess.run(
        runner, input=json.dumps(spec), capture_output=True, text=True, check=True
    )
    results = json.loads(done.stdout)
    for case in cases:
        result = results[case.key]
        case.error = result["error"]
        case.samples = [(s, m, c) for s, m, c in result["samples"]]
        if case.in_process and case.error is None:
            case.reported = json.loads(result["stdout"].strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (default 7)")
    parser.add_argument("--quick", action="store_true", help="3 runs: a quick look")
    parser.add_argument("--seed", type=int, default=1, help="seed of the large profile")
    parser.add_argument(
        "--large-no-images", action="store_true", help="large profile without images"
    )
    parser.add_argument("--env-as-is", action="store_true", help="no bytecode cache of our own")
    parser.add_argument(
        "--profile-build",
        action="store_true",
        help="print stage times and cProfile (top 25 cumulative) of one cold build, bundled and large",
    )
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    if runs < 1:
        parser.error("--runs must be at least 1")

    from make_large_profile import write_large_profile  # bench/ is on sys.path

    with tempfile.TemporaryDirectory(prefix="cvgen-bench-") as scratch_name:
        scratch = Path(scratch_name)
        env = child_env(scratch, as_is=args.env_as_is)
        large = write_large_profile(
            scratch / "large",
            seed=args.seed,
            publications=500,
            experience=100,
            images=not args.large_no_images,
        )
        if args.profile_build:
            profile_builds(large, env)
            return
        cases = make_cases(scratch, large, env, runs)
        load_before = _load_average()
        started = time.perf_counter()
        measure(cases, runs)
        took_s = time.perf_counter() - started
        print_header(
            runs, args, large, env, took_s, (load_before, _load_average()), _cpu_share(cases)
        )
        print_table(cases)


def child_env(scratch: Path, *, as_is: bool) -> dict[str, str]:
    env = dict(os.environ)
    if not as_is:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    return env


def make_cases(scratch: Path, large: Path, env: dict[str, str], runs: int) -> list[Case]:
    py = sys.executable
    large_text = large.with_suffix(".txt")

    def out(name: str) -> Path:
        folder = scratch / "out" / name
        folder.mkdir(parents=True)
        return folder

    def build(profile: Path, folder: Path) -> list[str]:
        return [
            py,
            "-m",
            "cvgen",
            "build",
            str(profile),
            "--date",
            BUILD_DATE,
            "--output-dir",
            str(folder),
        ]

    # A cold build: no cache at all, or every build after the warm-up would be a replay.
    cold = {**env, "CVGEN_NO_CACHE": "1"}
    baseline = out("baseline")
    large_baseline = out("large-baseline")
    large_lato = out("large-baseline-lato")
    bundled_out = out("bundled")
    large_out = out("large")
    return [
        Case("python", "interpreter: python -c pass", [py, "-c", "pass"], env=env),
        Case(
            "floor",
            "floor: import reportlab.platypus",
            [py, "-c", "import reportlab.platypus"],
            env=env,
        ),
        Case(
            "baseline",
            "baseline: bare reportlab, CV text",
            [py, str(BENCH / "baseline_reportlab.py"), str(baseline / "base.pdf")],
            output_dir=baseline,
            env=env,
        ),
        Case(
            "build",
            "cvgen build (bundled), cold",
            build(BUNDLED, bundled_out),
            output_dir=bundled_out,
            env=cold,
            baseline="baseline",
        ),
        Case(
            "help", "cvgen --help", [py, "-m", "cvgen", "--help"], env=env, target_s=HELP_TARGET_S
        ),
        Case(
            "help-plain",
            "  what-if: --help, TYPER_USE_RICH=0",
            [py, "-m", "cvgen", "--help"],
            env={**env, "TYPER_USE_RICH": "0"},
        ),
        Case(
            "warm",
            f"warm rebuild (bundled), in-process x{runs}",
            [py, str(BENCH / "warm_rebuild.py"), str(BUNDLED), "--runs", str(runs)],
            env=env,
            in_process=True,
            target_s=WARM_TARGET_S,
        ),
        Case(
            "large-baseline",
            "large baseline: bare reportlab",
            [
                py,
                str(BENCH / "baseline_reportlab.py"),
                str(large_baseline / "base.pdf"),
                "--text",
                str(large_text),
            ],
            output_dir=large_baseline,
            env=env,
        ),
        Case(
            "large-baseline-lato",
            "  large baseline, Lato embedded",
            [
                py,
                str(BENCH / "baseline_reportlab.py"),
                str(large_lato / "base.pdf"),
                "--text",
                str(large_text),
                "--lato",
            ],
            output_dir=large_lato,
            env=env,
            baseline="large-baseline",
        ),
        Case(
            "large",
            "cvgen build (large), cold",
            build(large, large_out),
            output_dir=large_out,
            env=cold,
            baseline="large-baseline",
            target_x_floor=LARGE_TARGET_X_FLOOR,
            target_mib=LARGE_TARGET_MIB,
        ),
        Case(
            "large-warm",
            f"warm rebuild (large), in-process x{runs}",
            [py, str(BENCH / "warm_rebuild.py"), str(large), "--runs", str(runs)],
            env=env,
            in_process=True,
        ),
    ]


def print_header(
    runs: int,
    args: argparse.Namespace,
    large: Path,
    env: dict[str, str],
    took_s: float,
    load: tuple[float | None, float | None],
    cpu_share: float,
) -> None:
    names = ("reportlab", "pydantic", "pillow", "pyyaml", "typer")
    versions = ", ".join(f"{name} {_version(name)}" for name in names)
    import yaml

    libyaml = "libyaml" if hasattr(yaml, "CSafeLoader") else "pure-Python YAML"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    bytecode = "env as is" if args.env_as_is else "bytecode cached in a scratch PYTHONPYCACHEPREFIX"
    if env.get("PYTHONDONTWRITEBYTECODE"):
        bytecode += " (PYTHONDONTWRITEBYTECODE set: cvgen compiles on every run)"
    images = "no images" if args.large_no_images else "portrait + logos"
    print("cvgen benchmark (whole processes unless 'in-process')")
    print(
        f"  machine: {cores} cores usable ({os.cpu_count()} online), {_cpu_model()}, "
        f"{platform.system()} {platform.release()}"
    )
    print(
        f"  python:  {platform.python_implementation()} {platform.python_version()} "
        f"({sys.executable}); {versions}; {libyaml}"
    )
    print(f"  code:    {_git_state()}")
    print(
        f"  runs:    {runs} per command, round-robin after one warm-up round; {bytecode}; "
        f"{took_s:.0f} s in all"
    )
    loads = "/".join("?" if v is None else f"{v:.2f}" for v in load)
    # Our children are single-threaded: on a quiet machine their CPU time is nearly their
    # wall time. Much less means they queued for a core behind other work.
    noisy = "  (other work competed for the cores: medians are noisy, cpu s less so)"
    print(
        f"  load:    children's cpu/wall {cpu_share:.2f}; 1-minute load average {loads} "
        f"before/after{noisy if cpu_share < 0.85 else ''}"
    )
    print(
        f"  large:   seed {args.seed}, 500 publications, 100 experience x 3 bullets, {images}; "
        f"YAML {large.stat().st_size / 1000:.0f} KB"
    )
    print()


def print_table(cases: list[Case]) -> None:
    by_key = {case.key: case for case in cases}
    floor = by_key["floor"]
    floor_s = floor.median_s if floor.error is None else float("nan")
    floor_cpu_s = floor.cpu_s if floor.error is None and floor.cpu_s else float("nan")
    head = (
        f"{'what':40} {'median s':>8} {'min-max s':>11} {'cpu s':>5} {'x floor':>7} {'(cpu)':>5} "
        f"{'x base':>6} {'peak MiB':>8} {'PDF KB':>7} {'pages':>5}  target"
    )
    print(head)
    print("-" * len(head))
    for case in cases:
        if case.error is not None:
            print(f"{case.label:40} {'FAILED (see below)':>30}")
            continue
        low, high = case.spread_s
        vs_base = "-"
        base = by_key.get(case.baseline or "")
        if base is not None and base.error is None:
            vs_base = f"{case.median_s / base.median_s:.2f}"
        size, pages = case.pdf()
        size_text = f"{size / 1000:.0f}" if size else "-"
        cpu_text = f"{case.cpu_s:.3f}" if case.cpu_s is not None else "-"
        cpu_ratio = f"{case.cpu_s / floor_cpu_s:.2f}" if case.cpu_s is not None else "-"
        pages_text = str(pages) if pages else "-"
        print(
            f"{case.label:40} {case.median_s:8.3f} {low:5.3f}-{high:5.3f} {cpu_text:>5} "
            f"{case.median_s / floor_s:7.2f} {cpu_ratio:>5} {vs_base:>6} {case.peak_mib:8.1f} "
            f"{size_text:>7} {pages_text:>5}  {_targets(case, floor_s)}"
        )
    print()
    print("x floor, x base: median / median of the floor (or of bare reportlab on the same text),")
    print("  both measured in this run.")
    print(
        "cpu s: median user+system CPU of the child (of each build, in-process); well below 'median s'"
    )
    print(
        "  means it waited for a core. (cpu): cpu s / the floor's cpu s, steadier on a busy machine."
    )
    print("peak MiB: largest ru_maxrss of the runs; for in-process rows, of the whole process")
    print("  (all its builds).")
    for case in cases:
        if (
            case.in_process
            and case.error is None
            and not case.reported.get("same_bytes_as_first", True)
        ):
            print(f"note: {case.label}: the rebuilt PDF's bytes differ from the first build's")
    failed = [case for case in cases if case.error is not None]
    for case in failed:
        print(f"\nFAILED: {case.label}\n  command: {' '.join(case.command)}\n  {case.error}")


def _targets(case: Case, floor_s: float) -> str:
    checks = []
    if case.target_s is not None:
        checks.append(_check(case.median_s <= case.target_s, f"<= {case.target_s:.2f} s"))
    if case.target_x_floor is not None:
        ratio = case.median_s / floor_s
        checks.append(_check(ratio <= case.target_x_floor, f"<= {case.target_x_floor:g}x floor"))
    if case.target_mib is not None:
        checks.append(_check(case.peak_mib <= case.target_mib, f"<= {case.target_mib:g} MiB"))
    return ", ".join(checks)


def _check(ok: bool, text: str) -> str:
    return f"{'✓' if ok else '✗'} {text}"


def profile_builds(large: Path, env: dict[str, str]) -> None:
    """Stage times and cProfile of one cold build, bundled then large, each in a new process."""
    script = str(BENCH / "profile_build.py")
    # One untimed build first, so the bytecode cache is as warm as for the table.
    warm_up = [
        sys.executable,
        "-m",
        "cvgen",
        "build",
        str(large),
        "--date",
        BUILD_DATE,
        "--output-dir",
        str(large.parent / "warm-up"),
    ]
    subprocess.run(warm_up, cwd=ROOT, env=env, capture_output=True, check=False)
    for profile in (BUNDLED, large):
        for extra in (["--phases"], ["--top", "25"]):
            subprocess.run(
                [sys.executable, script, str(profile), *extra], cwd=ROOT, env=env, check=False
            )
            print()


def _cpu_share(cases: list[Case]) -> float:
    """CPU seconds over wall seconds, all timed child processes together."""
    wall = sum(s for case in cases if not case.in_process for s, _, _ in case.samples)
    cpu = sum(c for case in cases if not case.in_process for _, _, c in case.samples)
    return cpu / wall if wall else float("nan")


def _load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "cpu ?"


def _git_state() -> str:
    """The commit, and what differs from it outside bench/ (that is what gets timed)."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout.rstrip("\n")

    commit = git("rev-parse", "--short", "HEAD") or "?"
    changed = [line[3:] for line in git("status", "--porcelain").splitlines() if line.strip()]
    changed = [path for path in changed if not path.startswith("bench/")]
    if not changed:
        return f"git {commit}, no changes outside bench/"
    listed = ", ".join(changed[:6]) + (f" and {len(changed) - 6} more" if len(changed) > 6 else "")
    return f"git {commit} + uncommitted changes outside bench/: {listed}"


if __name__ == "__main__":
    main()
