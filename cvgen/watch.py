"""`cvgen watch`: rebuild whenever the profile or one of its images changes.

Rebuilds run in this warm process. A broken edit prints what broke and leaves the last
good PDF where it is (the build writes nothing unless everything succeeded).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path

from cvgen.build import build_cv
from cvgen.errors import CvgenError
from cvgen.inputs import build_inputs
from cvgen.loader import load_profile

WATCH_STEP_MS = 10


def watched_files(profile_path: Path) -> set[Path]:
    """The profile and, when it loads, every file it names: images, theme files, .bib files."""
    files = {profile_path.resolve()}
    try:
        loaded = load_profile(profile_path)
    except CvgenError:
        return files  # the profile is broken: watching it alone is enough to see the fix
    return files | {path.resolve() for path in build_inputs(loaded)}


def build_once(
    profile_path: Path, *, on: date, output_dir: Path | None, variant: str | None
) -> str:
    """One line saying what happened, with the time."""
    started = time.perf_counter()
    stamp = datetime.now().strftime("%H:%M:%S")
    try:
        result = build_cv(profile_path, on=on, output_dir=output_dir, variant=variant)
    except CvgenError as exc:
        return f"{stamp} failed, previous PDF kept: {exc}"
    seconds = time.perf_counter() - started
    warned = f", {len(result.warnings)} warning(s)" if result.warnings else ""
    return f"{stamp} built {result.path} ({result.pages} pages, {seconds:.2f} s{warned})"


def watch(
    profile_path: Path,
    *,
    on: date,
    output_dir: Path | None,
    variant: str | None,
    say: Callable[[str], None],
) -> None:
    """Build, then rebuild on every change until interrupted."""
    follow(
        lambda: build_once(profile_path, on=on, output_dir=output_dir, variant=variant),
        lambda: watched_files(profile_path),
        say=say,
    )


def follow(
    build: Callable[[], str], files: Callable[[], set[Path]], *, say: Callable[[str], None]
) -> None:
    """``build()`` now and after every change to one of ``files()`` (asked again after each
    build: an edit may name another image). No error ends the watch: each is one line, the
    last good PDF stays, and the next save tries again."""
    say(_surviving(build))
    wanted: set[Path] = set()
    while True:
        with suppress(Exception):  # on failure, keep following what we followed before
            wanted = files()
        _wait_for_change(wanted)
        say(_surviving(build))


def _surviving(build: Callable[[], str]) -> str:
    """``build()``'s line, or one line for what went wrong; only Ctrl-C gets through."""
    try:
        return build()
    except Exception as exc:  # a watch outlives every failed build
        stamp = datetime.now().strftime("%H:%M:%S")
        detail = (
            str(exc)
            if isinstance(exc, CvgenError)
            else f"internal error: {type(exc).__name__}: {exc}"
        )
        return " ".join(f"{stamp} failed, previous PDF kept: {detail}".split())


def _wait_for_change(wanted: set[Path]) -> None:
    from watchfiles import watch as watch_paths

    folders = sorted({f.parent for f in wanted if f.parent.is_dir()})

    def ours(_: object, path: str) -> bool:
        return Path(path).resolve() in wanted

    if not folders:  # every folder is gone: look again in a moment
        time.sleep(0.5)
        return
    # Watch folders, not files: editors save by replacing the file, which ends a file watch.
    # step: how long a change must be followed by quiet before we build; watchfiles'
    # 50 ms default is most of a warm rebuild's time.
    try:
        for batch in watch_paths(*folders, watch_filter=ours, step=WATCH_STEP_MS):
            if batch:
                return
    except OSError:  # a watched folder vanished under us
        time.sleep(0.5)
