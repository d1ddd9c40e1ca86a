"""Many profiles at once (a department, a careers office): parallel processes, one
failing profile never stopping the others."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from cvgen.build import BuildResult, StrictFailure, build_all, build_cv
from cvgen.errors import CvgenError

R = TypeVar("R")


@dataclass(frozen=True)
class BuildRequest:
    on: date
    output_dir: Path | None = None
    output: Path | None = None
    variant: str | None = None
    all_variants: bool = False
    overrides: tuple[str, ...] = ()
    strict: bool = False
    theme: str | None = None
    latest_copy: Path | None = None  # a stable name the homepage can always link
    update_page: Path | None = None  # a page whose CV link follows the new file
    png: bool = False  # page images beside each PDF


@dataclass(frozen=True)
class Outcome:
    """What became of one profile: its CVs, or the one line that says why not."""

    profile: Path
    results: list[BuildResult] = field(default_factory=list)
    error: str | None = None
    strict_failure: bool = False


def build_profile(profile: Path, request: BuildRequest) -> Outcome:
    try:
        if request.all_variants:
            results = build_all(
                profile,
                on=request.on,
                output_dir=request.output_dir,
                overrides=request.overrides,
                strict=request.strict,
                theme=request.theme,
            )
        else:
            results = [
                build_cv(
                    profile,
                    on=request.on,
                    output_dir=request.output_dir,
                    output=request.output,
                    variant=request.variant,
                    overrides=request.overrides,
                    strict=request.strict,
                    theme=request.theme,
                )
            ]
        _keep_homepage_in_step(profile, results[0], request)
        if request.png:
            from cvgen.preview import write_page_pngs

            for result in results:
                write_page_pngs(result.path)
    except StrictFailure as exc:
        return Outcome(profile, error=str(exc), strict_failure=True)
    except CvgenError as exc:  # crosses a process boundary as text: exceptions pickle badly
        return Outcome(profile, error=str(exc))
    return Outcome(profile, results)


def _keep_homepage_in_step(profile: Path, built: BuildResult, request: BuildRequest) -> None:
    """After the (default) CV is in place: the stable copy, then the page's link."""
    from cvgen.loader import load_profile
    from cvgen.sync import copy_latest, update_page_link

    if request.latest_copy:
        copy_latest(built.path, request.latest_copy)
    if request.update_page:
        loaded = load_profile(profile, overrides=request.overrides)
        settings = loaded.profile.settings
        pattern = settings.variant_filename if built.variant else settings.filename
        update_page_link(
            request.update_page, built.path, pattern=pattern, name=loaded.profile.person.name
        )


def build_many(
    profiles: Sequence[Path],
    request: R,
    *,
    jobs: int,
    on_done: Callable[[Outcome], None] = lambda outcome: None,
    work: Callable[[Path, R], Outcome] = build_profile,  # type: ignore[assignment]
) -> list[Outcome]:
    """Outcomes in the order of ``profiles``; ``on_done`` hears of each as it finishes.

    ``work`` makes one file's outcome (default: build a profile; `cvgen apply` passes its
    own); it runs in another process when ``jobs`` > 1, so it is a module-level function."""
    if jobs <= 1 or len(profiles) <= 1:
        outcomes = []
        for profile in profiles:
            outcomes.append(work(profile, request))
            on_done(outcomes[-1])
        return outcomes
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only for many profiles

    finished: dict[Path, Outcome] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(work, profile, request) for profile in profiles]
        for future in as_completed(futures):
            outcome = future.result()
            finished[outcome.profile] = outcome
            on_done(outcome)
    return [finished[profile] for profile in profiles]
