"""The ``build`` command itself, and a reader of its command line that needs no Typer.

``cli.build`` declares the command for Typer (help, completion, errors) and calls
``run_build``. The console script reads a plain ``cvgen build …`` line with
``read_build_arguments`` and calls ``run_build`` directly: Typer's import and the
pydantic adapters it builds at dispatch cost a build about a fifth of reportlab's import
time, every time. Anything the reader is not sure of (``--help``, an unknown option, a
missing value, ``-j4``) returns None and the line goes to Typer, which gives the exact
answer or error. tests/test_build_command.py checks that both read every option alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cvgen.commandline import (
    exit_status,
    parse_date,
    parse_jobs,
    reported_errors,
    usage_error,
)
from cvgen.values import Value, frozen

if TYPE_CHECKING:
    from cvgen.batch import Outcome

DEFAULT_PROFILE = Path("data/profile.yaml")

Kind = Literal["text", "path", "flag", "texts"]


@frozen
class BuildArguments(Value):
    """The build command's parameters, as Typer passes them to ``cli.build``."""

    profiles: tuple[Path, ...] = ()
    on: str | None = None
    output_dir: Path | None = None
    output: Path | None = None
    variant: str | None = None
    theme: str | None = None
    all_variants: bool = False
    overrides: tuple[str, ...] = ()
    as_json: bool = False
    strict: bool = False
    fit: bool = False
    jobs: str = "1"
    latest_copy: Path | None = None
    update_page: Path | None = None
    png: bool = False
    force: bool = False


# Option spelling → (parameter, kind): the same as cli.build's Typer declarations.
BUILD_OPTIONS: dict[str, tuple[str, Kind]] = {
    "--date": ("on", "text"),
    "--output-dir": ("output_dir", "path"),
    "--output": ("output", "path"),
    "-o": ("output", "path"),
    "--variant": ("variant", "text"),
    "--theme": ("theme", "text"),
    "--all": ("all_variants", "flag"),
    "--set": ("overrides", "texts"),
    "--json": ("as_json", "flag"),
    "--strict": ("strict", "flag"),
    "--fit": ("fit", "flag"),
    "--jobs": ("jobs", "text"),
    "-j": ("jobs", "text"),
    "--copy-latest": ("latest_copy", "path"),
    "--update-page": ("update_page", "path"),
    "--png": ("png", "flag"),
    "--force": ("force", "flag"),
}


def read_build_arguments(arguments: Sequence[str]) -> BuildArguments | None:
    """The arguments after ``build``, or None when only Typer should read them."""
    values: dict[str, object] = {}
    profiles: list[Path] = []
    overrides: list[str] = []
    rest = iter(arguments)
    for argument in rest:
        if argument == "--":
            profiles.extend(Path(a) for a in rest)
            break
        if argument == "-":
            return None  # Click's reading of a lone dash is its own
        if not argument.startswith("-"):
            profiles.append(Path(argument))
            continue
        spelling, has_value, attached = argument.partition("=")
        known = BUILD_OPTIONS.get(spelling)
        if known is None or (has_value and not spelling.startswith("--")):
            return None
        name, kind = known
        if kind == "flag":
            if has_value:
                return None
            values[name] = True
            continue
        value = attached if has_value else next(rest, None)
        if value is None:
            return None
        if kind == "texts":
            overrides.append(value)
        else:
            values[name] = Path(value) if kind == "path" else value
    arguments_read = replace(BuildArguments(), **values)  # type: ignore[arg-type]
    return replace(arguments_read, profiles=tuple(profiles), overrides=tuple(overrides))


def run_build(arguments: BuildArguments) -> int:
    """Build the CVs the arguments ask for, print their paths; the exit status."""
    targets = list(arguments.profiles) or [DEFAULT_PROFILE]
    if arguments.output and (len(targets) > 1 or arguments.all_variants):
        usage_error("--output names one file; use --output-dir for several CVs")
    if arguments.variant and arguments.all_variants:
        usage_error("--variant and --all exclude each other")
    if (arguments.latest_copy or arguments.update_page) and len(targets) > 1:
        usage_error("--copy-latest and --update-page take one profile")
    build_date = parse_date(arguments.on)
    with reported_errors():
        from cvgen.batch import BuildRequest, build_many
        from cvgen.report import BuildReporter

        fit = ["settings.fit=pages"] if arguments.fit else []
        request = BuildRequest(
            on=build_date,
            output_dir=arguments.output_dir,
            output=arguments.output,
            variant=arguments.variant,
            all_variants=arguments.all_variants,
            overrides=(*arguments.overrides, *fit),
            strict=arguments.strict,
            theme=arguments.theme,
            latest_copy=arguments.latest_copy,
            update_page=arguments.update_page,
            png=arguments.png,
            force=arguments.force,
        )
        reporter = BuildReporter(total=len(targets), as_json=arguments.as_json)
        jobs = parse_jobs(arguments.jobs)
        outcomes = build_many(targets, request, jobs=jobs, on_done=reporter.done)
        reporter.finish(outcomes)
    _note_written(outcomes)
    return exit_status(outcomes)


def _note_written(outcomes: Sequence[Outcome]) -> None:
    """Tell the command line's replay record what this build wrote (no record: a test)."""
    from cvgen.replay import current_recording

    recording = current_recording()
    if recording is None:
        return
    for outcome in outcomes:
        for result in outcome.results:
            recording.wrote(result.path)
