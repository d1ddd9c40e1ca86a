"""Many profiles at once (a department, a careers office): parallel processes, one
failing profile never stopping the others."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import field
from datetime import date
from pathlib import Path
from typing import TypeVar

from cvgen.build import (
    BuildOptions,
    BuildResult,
    CvPlan,
    StrictFailure,
    build_options,
    plan_cvs,
)
from cvgen.errors import CvgenError
from cvgen.output import Kind, Output, PartialWrite, write_outputs
from cvgen.values import Value, frozen

R = TypeVar("R")


@frozen
class BuildRequest(Value):
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
    force: bool = False  # replace existing files that are not CVs cvgen made

    def options(self) -> BuildOptions:
        return build_options(
            on=self.on,
            output_dir=self.output_dir,
            output=self.output,
            variant=self.variant,
            overrides=self.overrides,
            strict=self.strict,
            theme=self.theme,
        )


@frozen
class Outcome(Value):
    """What became of one profile: its CVs, or the one line that says why not.

    ``written`` lists the files already in place when ``error`` happened (a batch whose
    writing failed part-way); it is empty whenever the error means "nothing written"."""

    profile: Path
    results: list[BuildResult] = field(default_factory=list)
    error: str | None = None
    strict_failure: bool = False
    written: tuple[Path, ...] = ()


def build_profile(profile: Path, request: BuildRequest) -> Outcome:
    """Lay out and check every output of this profile in memory, then write them all at once:
    a bad variant, theme, image, page or copy target leaves every file as it was."""
    try:
        plan = plan_cvs(profile, request.options(), all_variants=request.all_variants)
        outputs = [*plan.outputs(), *_follow_ups(plan, request)]
        write_outputs(outputs, inputs=plan.inputs, force=request.force)
    except StrictFailure as exc:
        return Outcome(profile, error=str(exc), strict_failure=True)
    except PartialWrite as exc:
        return Outcome(profile, error=str(exc), written=exc.written)
    except CvgenError as exc:  # crosses a process boundary as text: exceptions pickle badly
        return Outcome(profile, error=str(exc))
    return Outcome(profile, [cv.result for cv in plan.cvs])


def _follow_ups(plan: CvPlan, request: BuildRequest) -> list[Output]:
    """The stable copy, the page whose CV link follows the (default) CV, page images."""
    from cvgen.sync import relinked_page

    first = plan.cvs[0]
    outputs: list[Output] = []
    if request.latest_copy:
        outputs.append(Output(first.data, request.latest_copy, Kind.PDF))
    if request.update_page:
        settings = plan.loaded.profile.settings
        pattern = settings.variant_filename if first.result.variant else settings.filename
        page = relinked_page(
            request.update_page,
            first.result.path,
            pattern=pattern,
            name=plan.loaded.profile.person.name,
        )
        outputs.append(Output(page, request.update_page, Kind.TEXT))
    if request.png:
        from cvgen.preview import page_pngs

        for cv in plan.cvs:
            outputs += [
                Output(png, path, Kind.PNG) for path, png in page_pngs(cv.data, cv.result.path)
            ]
    return outputs


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
