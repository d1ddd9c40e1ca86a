"""The test suite's wall time, this tree against older ones, measured in one run.

    python bench/suite_time.py [--old REV ...] [--passes N] [--work DIR] [--no-keep]
                               [--bytecode-cache]

Issue 13 asks for the suite in under half the time it took at bc2a202, on the same machine.
Each older revision is checked out in its own `git worktree` with its own virtual
environment (`pip install -e '.[test]'` of THAT tree, so its `python -m cvgen` subprocesses
run its own code); this tree runs with the interpreter that runs this script (the
development venv of the README). The suites run one at a time, interleaved (old, new, old,
new, ...), each as its own configuration says (`python -m pytest -q`: serial at bc2a202,
`-n auto` today), with the same fixed extras for all:

  -p no:cacheprovider     no last-failed ordering or cache writes
  --hypothesis-seed=0     the same property-test examples every run: a run that happens on a
                          failing example spends minutes shrinking it and measures luck
  HYPOTHESIS_STORAGE_DIRECTORY   one folder per tree in --work, not the tree's .hypothesis
                          (no failing example saved during development is replayed); it
                          keeps hypothesis's caches between passes as .hypothesis does
                          between a developer's runs, so the first pass is the cold one
                          (hypothesis builds its Unicode tables and scans the source for
                          constants, ~1.5 s per process)

--bytecode-cache: runs every suite as Python does by default, caching bytecode (and
pytest's rewritten test modules), even where PYTHONDONTWRITEBYTECODE is set; the files go
to a PYTHONPYCACHEPREFIX folder per tree in --work, none into the trees.

Printed: each run's wall and CPU time (children's user + system), its pytest summary, the
load average before it; then the best and the median wall time per tree and the ratio of
this tree to each older one. A failed suite is reported (its time still counts, marked).
The worktrees and venvs stay in --work for the next run unless --keep is off
(`--no-keep` removes them at the end).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OLD_REV = "bc2a202"  # issue 13's "today": the suite it asks to halve
SUITE = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "--hypothesis-seed=0"]


@dataclass
class Tree:
    name: str
    path: Path
    python: Path
    walls: list[float] = field(default_factory=list)
    failed: int = 0


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def older_tree(rev: str, work: Path) -> Tree:
    """A worktree of ``rev`` with its own venv holding that tree's package (made once)."""
    sha = _git("rev-parse", "--short", rev)
    path, venv = work / f"tree-{sha}", work / f"venv-{sha}"
    if not path.exists():
        _git("worktree", "add", "--detach", str(path), sha)
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"making {venv} (pip install -e '{path}[test]') ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "-e", f"{path}[test]"], check=True
        )
    return Tree(f"{rev} ({sha})", path, python)


def run_suite(tree: Tree, storage: Path, bytecode_cache: bool) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CVGEN_", "PYTEST_"))}
    env["HYPOTHESIS_STORAGE_DIRECTORY"] = str(storage / "hypothesis")
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(storage / "pycache")
    load = os.getloadavg()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [str(tree.python), *SUITE], cwd=tree.path, env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = done.stdout.strip().splitlines()
    summary = re.sub(r" in [\d.]+s.*", "", lines[-1].strip("= ")) if lines else "no output"
    tree.walls.append(wall)
    mark = ""
    if done.returncode != 0:
        tree.failed += 1
        mark = f"  FAILED (exit {done.returncode})"
    print(
        f"  {tree.name:<28} {wall:6.1f} s wall  {cpu:6.1f} s CPU  load {load[0]:.2f}"
        f"  {summary}{mark}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--old", action="append", help=f"older revision to compare with (default {OLD_REV})"
    )
    parser.add_argument("--passes", type=int, default=3, help="runs of each suite")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "cvgen-suite-time",
        help="where the older worktrees and their venvs live",
    )
    parser.add_argument("--keep", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument(
        "--bytecode-cache", action="store_true", help="cache bytecode outside the trees"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    olds = [older_tree(rev, args.work) for rev in args.old or [OLD_REV]]
    here = Tree(f"this tree ({_git('rev-parse', '--short', 'HEAD')})", ROOT, Path(sys.executable))
    if _git("status", "--porcelain", "--untracked-files=no"):
        here.name = here.name[:-1] + "+changes)"
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()}", flush=True)
    trees = [*olds, here]
    storage = Path(tempfile.mkdtemp(prefix="caches-", dir=args.work))
    if args.bytecode_cache:
        print("bytecode cached (PYTHONPYCACHEPREFIX per tree); the first pass is cold")
    for number in range(1, args.passes + 1):
        print(f"pass {number}", flush=True)
        for index, tree in enumerate(trees):
            run_suite(tree, storage / str(index), args.bytecode_cache)
    shutil.rmtree(storage)
    print(f"load average at the end {os.getloadavg()}")
    for tree in [*olds, here]:
        failed = f"  ({tree.failed} run(s) FAILED)" if tree.failed else ""
        print(
            f"{tree.name:<28} best {min(tree.walls):6.1f} s"
            f"  median {statistics.median(tree.walls):6.1f} s{failed}"
        )
    for old in olds:
        best = min(here.walls) / min(old.walls)
        median = statistics.median(here.walls) / statistics.median(old.walls)
        print(f"this tree / {old.name}: {best:.2f}x (best)  {median:.2f}x (median)")
    if not args.keep:
        for old in olds:
            _git("worktree", "remove", "--force", str(old.path))
        shutil.rmtree(args.work)


if __name__ == "__main__":
    main()
