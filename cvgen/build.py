"""profile.yaml → dated PDFs, in named steps: load, select, theme, prepare, render, write.

Every CV is made and checked in memory before anything is written; ``output.py`` then
writes them all or none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from cvgen.errors import CvgenError
from cvgen.fonts import CJK
from cvgen.inputs import build_inputs
from cvgen.locale import is_cjk
from cvgen.naming import cv_filename
from cvgen.output import Kind, Output, write_outputs
from cvgen.prepare import prepare_cv
from cvgen.profilecache import load_profile_cached
from cvgen.render import render_fitted
from cvgen.sourcemap import LoadedProfile
from cvgen.theme import Theme, effective_theme, resolve_theme
from cvgen.values import Value, frozen
from cvgen.variants import SelectedProfile, select

DEFAULT_OUTPUT_DIR = Path("assets")


@frozen
class BuildOptions(Value):
    """What a build is asked for, besides the profile: one value, passed down whole."""

    on: date
    output_dir: Path | None = None  # None: assets/
    output: Path | None = None  # an exact file name (one CV only)
    variant: str | None = None  # None: the default CV
    overrides: tuple[str, ...] = ()  # PATH=VALUE, as with --set
    strict: bool = False  # any warning fails the build
    theme: str | None = None  # replaces the profile's (and the variant's) theme base
    # Off when the caller chose the CV's locale and reports missing words at its own line.
    locale_warnings: bool = True


@frozen
class BuildResult(Value):
    path: Path
    pages: int
    size_bytes: int
    warnings: tuple[str, ...] = ()
    variant: str | None = None
    notes: tuple[str, ...] = ()  # what the build changed on request, e.g. a fit


@frozen
class CheckResult(Value):
    profile_path: Path
    pages: int  # the first CV checked: the default one, or the variant asked for
    warnings: tuple[str, ...]
    variant_pages: tuple[tuple[str, int], ...] = ()  # every variant checked beside it


@frozen
class MadeCv(Value):
    """One CV made in memory, not yet written."""

    data: bytes
    pages: int
    warnings: tuple[str, ...]
    notes: tuple[str, ...] = ()


@frozen
class RenderedCv(Value):
    result: BuildResult
    data: bytes


@frozen
class CvPlan(Value):
    """CVs laid out and checked in memory, not yet written, and the files they were read from."""

    loaded: LoadedProfile
    cvs: list[RenderedCv]
    inputs: frozenset[Path]

    def outputs(self) -> list[Output]:
        return [Output(cv.data, cv.result.path, Kind.PDF) for cv in self.cvs]


class StrictFailure(CvgenError):
    """--strict turned warnings into a failure; nothing was written."""


def build_cv(
    profile_path: Path | str,
    *,
    on: date,
    output_dir: Path | str | None = None,
    output: Path | str | None = None,
    variant: str | None = None,
    overrides: Sequence[str] = (),
    strict: bool = False,
    theme: str | None = None,
    force: bool = False,
) -> BuildResult:
    """Build one CV of the profile at ``profile_path``, dated ``on``; return where it went.

    ``variant`` names one of the profile's variants (None: the default CV); ``overrides``
    are ``PATH=VALUE`` texts as with ``--set``; ``theme`` replaces the profile's theme base
    (a built-in name or a theme file); ``strict`` fails on any warning; ``force`` replaces
    an existing file that is not a CV cvgen made. Raises CvgenError (with file, line and
    field where known), and then writes nothing.
    """
    options = build_options(
        on=on,
        output_dir=output_dir,
        output=output,
        variant=variant,
        overrides=overrides,
        strict=strict,
        theme=theme,
    )
    plan = plan_cvs(profile_path, options)
    write_outputs(plan.outputs(), inputs=plan.inputs, force=force)
    return plan.cvs[0].result


def build_all(
    profile_path: Path | str,
    *,
    on: date,
    output_dir: Path | str | None = None,
    overrides: Sequence[str] = (),
    strict: bool = False,
    theme: str | None = None,
    force: bool = False,
) -> list[BuildResult]:
    """The default CV and every variant, from one reading of the profile: all are laid out
    and checked before any is written, so one bad variant leaves every file as it was."""
    options = build_options(
        on=on, output_dir=output_dir, overrides=overrides, strict=strict, theme=theme
    )
    plan = plan_cvs(profile_path, options, all_variants=True)
    write_outputs(plan.outputs(), inputs=plan.inputs, force=force)
    return [cv.result for cv in plan.cvs]


def check_profile(
    profile_path: Path | str,
    *,
    on: date,
    variant: str | None = None,
    overrides: Sequence[str] = (),
    theme: str | None = None,
) -> CheckResult:
    """Everything a build does but writing (validation, themes, images, characters, layout)
    for the default CV and every variant, or for ``variant`` alone, as ``build --all`` would.
    Raises the first problem with the others in ``.more``."""
    options = build_options(on=on, variant=variant, overrides=overrides, theme=theme)
    loaded = load_profile_cached(Path(profile_path), overrides=options.overrides)
    names: list[str | None] = [variant] if variant else [None, *loaded.profile.variants]
    pages: list[tuple[str | None, int]] = []
    warnings: dict[str, None] = {}  # in order, once each: variants share most of them
    problems: dict[str, CvgenError] = {}
    for name in names:
        each = replace(options, variant=name)
        try:
            target_path(loaded, each)
            made = make_cv(loaded, each)
        except CvgenError as exc:
            for problem in (exc, *exc.more):
                problems.setdefault(str(problem), problem)
            continue
        pages.append((name, made.pages))
        warnings.update(dict.fromkeys(made.warnings))
    if problems:
        first, *others = problems.values()
        first.more = tuple(others)
        raise first
    variants = tuple((str(name), count) for name, count in pages[1:])
    return CheckResult(Path(profile_path), pages[0][1], tuple(warnings), variants)


def build_options(
    *,
    on: date,
    output_dir: Path | str | None = None,
    output: Path | str | None = None,
    variant: str | None = None,
    overrides: Sequence[str] = (),
    strict: bool = False,
    theme: str | None = None,
) -> BuildOptions:
    """BuildOptions from the public functions' looser argument types."""
    return BuildOptions(
        on=on,
        output_dir=Path(output_dir) if output_dir else None,
        output=Path(output) if output else None,
        variant=variant,
        overrides=tuple(overrides),
        strict=strict,
        theme=theme,
    )


def plan_cvs(
    profile_path: Path | str, options: BuildOptions, *, all_variants: bool = False
) -> CvPlan:
    """Everything a build does but writing: one CV, or (``all_variants``) every one."""
    loaded = load_profile_cached(Path(profile_path), overrides=options.overrides)
    names: list[str | None] = (
        [None, *loaded.profile.variants] if all_variants else [options.variant]
    )
    cvs = [_planned(loaded, replace(options, variant=name)) for name in names]
    return CvPlan(loaded, cvs, frozenset(build_inputs(loaded, theme=options.theme)))


def _planned(loaded: LoadedProfile, options: BuildOptions) -> RenderedCv:
    target = target_path(loaded, options)
    made = make_cv(loaded, options)
    if options.strict and made.warnings:
        raise StrictFailure(
            f"--strict: {len(made.warnings)} warning(s), first: {made.warnings[0]}; nothing written"
        )
    result = BuildResult(
        target, made.pages, len(made.data), made.warnings, options.variant, made.notes
    )
    return RenderedCv(result, made.data)


def make_cv(loaded: LoadedProfile, options: BuildOptions) -> MadeCv:
    """select → theme → prepare → render (and fit), all in memory."""
    selected = select(loaded, known_variant(loaded, options.variant))
    theme = cv_theme(loaded, options)
    prepared = prepare_cv(selected, theme, locale_warnings=options.locale_warnings)
    rendered = render_fitted(prepared.profile, images=prepared.images, theme=theme, on=options.on)
    warnings = [
        *prepared.warnings,
        *(str(CvgenError(w, file=loaded.source.file)) for w in rendered.sparse),
        *(str(selected.error(("settings", "fit"), w)) for w in rendered.unfit),
        *_page_budget_warnings(selected, rendered.pages),
    ]
    return MadeCv(rendered.data, rendered.pages, tuple(warnings), tuple(rendered.notes))


def cv_theme(loaded: LoadedProfile, options: BuildOptions) -> Theme:
    """The design a CV is built with: --theme over the variant's over the profile's."""
    base, chosen_at, name = options.theme, None, options.variant
    variant = loaded.profile.variants[name] if name else None
    if base is None and name and variant and variant.theme:
        base, chosen_at = variant.theme, ("variants", name, "theme")
    resolved = resolve_theme(
        loaded.profile.theme, source=loaded.source, base=base, chosen_at=chosen_at
    )
    cjk = CJK if is_cjk(cv_locale(loaded, name)) else None
    return effective_theme(resolved, loaded.profile.settings, font_family=cjk)


def cv_locale(loaded: LoadedProfile, variant: str | None) -> str | None:
    """The CV's language: the variant's, else the profile's settings."""
    return (variant and loaded.profile.variants[variant].locale) or loaded.profile.settings.locale


def target_path(loaded: LoadedProfile, options: BuildOptions) -> Path:
    """Where the CV goes: the exact --output, or the dated file name in the output folder."""
    variant = known_variant(loaded, options.variant)
    if options.output:
        return options.output
    settings = loaded.profile.settings
    field = "variant_filename" if variant else "filename"
    suffix = (loaded.profile.variants[variant].suffix or variant) if variant else ""
    try:
        name = cv_filename(
            getattr(settings, field), name=loaded.profile.person.name, on=options.on, variant=suffix
        )
    except ValueError as exc:
        raise loaded.source.error(("settings", field), str(exc)) from None
    return (options.output_dir or DEFAULT_OUTPUT_DIR) / name


def known_variant(loaded: LoadedProfile, variant: str | None) -> str | None:
    known = loaded.profile.variants
    if variant is not None and variant not in known:
        names = ", ".join(known) or "none"
        raise loaded.source.error(
            ("variants",), f"no variant named {variant!r} (the profile has: {names})"
        )
    return variant


def _page_budget_warnings(selected: SelectedProfile, pages: int) -> list[str]:
    budget = selected.profile.settings.max_pages
    if budget is None or pages <= budget:
        return []
    over = pages - budget
    message = f"warning: the CV runs to {pages} pages, {over} over its budget of {budget}"
    # settings.max_pages, or the variant's own max_pages, through the selection's origins
    return [str(selected.error(("settings", "max_pages"), message))]
