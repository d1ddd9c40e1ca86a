"""Where a build's time goes: cProfile over one in-process build, or timed phases.

    python bench/profile_build.py [PROFILE] [--top 25] [--warm]
    python bench/profile_build.py [PROFILE] --phases

Default: cProfile over a cold build (the first in this process, the import of
cvgen.build included, as `cvgen build` pays it), printing the top entries by cumulative
time, the top by own time, and own time summed per package (time in C functions is
charged to the package that called them). ``--warm`` profiles a rebuild after one
untimed build instead (what a `watch` command pays).

``--phases`` skips cProfile (no profiler overhead) and times the stages of build_cv,
cold and then warm, by wrapping the functions it calls (see STAGES).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_DATE = date(2023, 11, 30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", type=Path, nargs="?", default=ROOT / "data" / "profile.yaml")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--warm", action="store_true", help="profile a rebuild, not the first build"
    )
    parser.add_argument(
        "--phases", action="store_true", help="time the stages instead of profiling"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        if args.phases:
            print_phases(args.profile, Path(scratch))
        else:
            print_profile(args.profile, Path(scratch), top=args.top, warm=args.warm)


def print_profile(profile: Path, out: Path, *, top: int, warm: bool) -> None:
    if warm:
        from cvgen.build import build_cv

        build_cv(profile, on=BUILD_DATE, output_dir=out)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    from cvgen.build import build_cv

    result = build_cv(profile, on=BUILD_DATE, output_dir=out)
    profiler.disable()
    elapsed = time.perf_counter() - start
    kind = "warm rebuild" if warm else "cold build (import of cvgen.build included)"
    size = f"{result.pages} pages, {result.size_bytes / 1000:.0f} KB"
    print(f"# {kind} of {profile}: {elapsed:.3f} s under cProfile, {size}")
    stats = pstats.Stats(profiler)
    for order, count in (("cumulative", top), ("tottime", 15)):
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats(order).print_stats(count)
        print(f"\n## top {count} by {order}")
        print(_trim(text.getvalue()))
    print("\n## own time per package (C functions charged to their caller)")
    totals = own_time_by_package(stats)
    whole = sum(totals.values())
    for package, seconds in sorted(totals.items(), key=lambda kv: -kv[1])[:14]:
        print(f"  {package:28} {seconds:7.3f} s  {100 * seconds / whole:5.1f}%")


def _trim(report: str) -> str:
    """pstats' report without its preamble, paths shortened to the package."""
    lines = report.splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    prefixes = sorted({p for p in sys.path if p}, key=len, reverse=True)
    out = []
    for line in lines[start:]:
        for prefix in prefixes:
            line = line.replace(prefix + "/", "")
        if line.strip():
            out.append(line)
    return "\n".join(out)


def own_time_by_package(stats: pstats.Stats) -> dict[str, float]:
    raw = stats.stats  # type: ignore[attr-defined]
    totals: dict[str, float] = defaultdict(float)
    for func, (_, _, own, _, callers) in raw.items():
        if not _is_builtin(func) or not callers:
            totals[_package(func)] += own
            continue
        # A C function's own time, split between its callers as cProfile recorded them.
        for caller, (_, _, caller_share, _) in callers.items():
            totals[_package(caller)] += caller_share
    return dict(totals)


def _is_builtin(func: tuple[str, int, str]) -> bool:
    return func[0] == "~"


def _package(func: tuple[str, int, str]) -> str:
    """'reportlab', 'cvgen.layout', 'stdlib re', ... for a pstats function key."""
    filename = func[0]
    if filename == "~":
        return "C builtins (no caller)"
    if filename.startswith(("<frozen importlib", "<frozen zipimport")):
        return "import machinery"
    if filename.startswith("<"):
        return "other " + filename
    parts = Path(filename).parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].removesuffix(".py")
    try:
        relative = Path(filename).resolve().relative_to(ROOT)
        if relative.parts[0] == "cvgen":
            return ".".join(relative.with_suffix("").parts[:2])  # cvgen.build, cvgen.layout
        return relative.parts[0]
    except ValueError:
        pass
    for index, part in enumerate(parts):
        if part.startswith("python3"):
            return (
                "stdlib " + parts[index + 1].removesuffix(".py")
                if index + 1 < len(parts)
                else "stdlib"
            )
    return filename


# Functions timed by --phases, as (module, attribute, label); whatever is missing (the
# code moves on) is skipped. A stage called inside another shows indented under it.
STAGES = (
    ("cvgen.build", "load_profile", "load: YAML + pydantic"),
    ("cvgen.build", "select", "select the variant"),
    ("cvgen.build", "cv_theme", "theme"),
    ("cvgen.prepare", "prepare_images", "images: Pillow"),
    ("cvgen.prepare", "printable_profile", "character coverage"),
    ("cvgen.render", "render_cv", "render"),
    ("cvgen.fonts", "register_fonts", "register fonts (4 TTF)"),
    ("cvgen.layout.story", "build_story", "story: flowables"),
    ("reportlab.pdfgen.canvas", "Canvas.save", "PDF save: subset fonts, serialise"),
    ("cvgen.build", "write_outputs", "write: fsync + rename"),
)


def print_phases(profile: Path, out: Path) -> None:
    """Time build_cv's stages by wrapping the functions it calls: cold, then warm."""
    import importlib

    start = time.perf_counter()
    from cvgen.build import build_cv

    import_s = time.perf_counter() - start
    stack: list[str] = []
    times: dict[tuple[str | None, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    run = [0]

    def timed(function, label):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            parent = stack[-1] if stack else None
            stack.append(label)
            tick = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                stack.pop()
                times[(parent, label)][run[0]] += time.perf_counter() - tick

        return wrapper

    for module_name, attribute, label in STAGES:
        owner = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        if hasattr(owner, name):
            setattr(owner, name, timed(getattr(owner, name), label))
    totals = []
    for run[0] in (0, 1):
        tick = time.perf_counter()
        result = build_cv(profile, on=BUILD_DATE, output_dir=out)
        totals.append(time.perf_counter() - tick)
    size = f"{result.pages} pages, {result.size_bytes / 1000:.0f} KB"
    print(f"# stages of build_cv({profile.name}), seconds; {size}")
    print(f"  {'import cvgen.build':40} {import_s:7.3f}")
    print(f"  {'stage':40} {'cold':>7} {'warm':>7}")
    _print_stage_tree(times, None, totals, depth=1)
    print(f"  {'build_cv total':40} {totals[0]:7.3f} {totals[1]:7.3f}")


def _print_stage_tree(times, parent, parent_times, *, depth):  # type: ignore[no-untyped-def]
    children = [(label, spent) for (above, label), spent in times.items() if above == parent]
    for label, spent in children:
        print(f"{'  ' * depth}{label:{42 - 2 * depth}} {spent[0]:7.3f} {spent[1]:7.3f}")
        _print_stage_tree(times, label, spent, depth=depth + 1)
    if children:
        rest = [parent_times[i] - sum(spent[i] for _, spent in children) for i in (0, 1)]
        label = "rest (layout, drawing, glue)" if parent == "render" else "rest"
        print(f"{'  ' * depth}{label:{42 - 2 * depth}} {rest[0]:7.3f} {rest[1]:7.3f}")


if __name__ == "__main__":
    main()
