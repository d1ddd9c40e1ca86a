"""profile.yaml → dated PDF: load, prepare, lay out, write. Nothing is written until
everything before it has succeeded."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cvgen import __version__
from cvgen.cache import cached_image
from cvgen.coverage import printable_profile
from cvgen.dates import month_year
from cvgen.errors import CvgenError
from cvgen.fit import Rendered, cannot_fit, fit_pages, sparse_last_page
from cvgen.fonts import CJK
from cvgen.images import ImageProblem, PreparedImage, prepare_logo, prepare_portrait
from cvgen.inputs import build_inputs, image_fields
from cvgen.layout.markup import visible
from cvgen.loader import LoadedProfile, load_profile, resolve_theme
from cvgen.locale import is_cjk, missing_words
from cvgen.naming import cv_filename
from cvgen.output import Kind, Output, write_outputs
from cvgen.overrides import PathKey
from cvgen.pdf import render_pdf
from cvgen.profile import Profile, contact_keys
from cvgen.theme import Theme
from cvgen.variants import select_variant

if TYPE_CHECKING:
    from cvgen.layout.page import PdfMetadata

DEFAULT_OUTPUT_DIR = Path("assets")


@dataclass(frozen=True)
class BuildResult:
    path: Path
    pages: int
    size_bytes: int
    warnings: tuple[str, ...] = ()
    variant: str | None = None
    notes: tuple[str, ...] = ()  # what the build changed on request, e.g. a fit


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
    plan = plan_cvs(
        profile_path,
        on=on,
        output_dir=output_dir,
        output=output,
        variant=variant,
        overrides=overrides,
        strict=strict,
        theme=theme,
    )
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
    plan = plan_cvs(
        profile_path,
        on=on,
        output_dir=output_dir,
        overrides=overrides,
        strict=strict,
        theme=theme,
        all_variants=True,
    )
    write_outputs(plan.outputs(), inputs=plan.inputs, force=force)
    return [cv.result for cv in plan.cvs]


@dataclass(frozen=True)
class RenderedCv:
    result: BuildResult
    data: bytes


@dataclass(frozen=True)
class CvPlan:
    """CVs laid out and checked in memory, not yet written, and the files they were read from."""

    loaded: LoadedProfile
    cvs: list[RenderedCv]
    inputs: frozenset[Path]

    def outputs(self) -> list[Output]:
        return [Output(cv.data, cv.result.path, Kind.PDF) for cv in self.cvs]


def plan_cvs(
    profile_path: Path | str,
    *,
    on: date,
    output_dir: Path | str | None = None,
    output: Path | str | None = None,
    variant: str | None = None,
    overrides: Sequence[str] = (),
    strict: bool = False,
    theme: str | None = None,
    all_variants: bool = False,
) -> CvPlan:
    """Everything a build does but writing: one CV, or (``all_variants``) every one."""
    loaded = load_profile(Path(profile_path), overrides=overrides)
    names: list[str | None] = [None, *loaded.profile.variants] if all_variants else [variant]
    cvs = [
        _render_one(
            loaded,
            on=on,
            output_dir=output_dir,
            output=output,
            variant=name,
            strict=strict,
            theme=theme,
        )
        for name in names
    ]
    return CvPlan(loaded, cvs, frozenset(build_inputs(loaded, theme=theme)))


def _render_one(
    loaded: LoadedProfile,
    *,
    on: date,
    output_dir: Path | str | None,
    output: Path | str | None,
    variant: str | None,
    strict: bool,
    theme: str | None,
) -> RenderedCv:
    check_variant(loaded, variant)
    name = (
        Path(output)
        if output
        else Path(output_dir or DEFAULT_OUTPUT_DIR) / _filename(loaded, on, variant)
    )
    data, pages, warnings, notes = render_checked(loaded, theme=theme, on=on, variant=variant)
    if strict and warnings:
        raise StrictFailure(
            f"--strict: {len(warnings)} warning(s), first: {warnings[0]}; nothing written"
        )
    return RenderedCv(BuildResult(name, pages, len(data), warnings, variant, notes), data)


@dataclass(frozen=True)
class CheckResult:
    profile_path: Path
    pages: int
    warnings: tuple[str, ...]


def check_profile(
    profile_path: Path | str,
    *,
    on: date,
    variant: str | None = None,
    overrides: Sequence[str] = (),
    theme: str | None = None,
) -> CheckResult:
    """Everything a build does but writing: validation, images, characters, layout."""
    loaded = load_profile(Path(profile_path), overrides=overrides)
    check_variant(loaded, variant)
    _filename(loaded, on, variant)
    _, pages, warnings, _ = render_checked(loaded, theme=theme, on=on, variant=variant)
    return CheckResult(Path(profile_path), pages, warnings)


def check_variant(loaded: LoadedProfile, variant: str | None) -> None:
    known = loaded.profile.variants
    if variant is not None and variant not in known:
        names = ", ".join(known) or "none"
        raise loaded.source.error(
            ("variants",), f"no variant named {variant!r} (the profile has: {names})"
        )


def cv_locale(loaded: LoadedProfile, variant: str | None) -> str | None:
    """The CV's language: the variant's, else the profile's settings."""
    return (variant and loaded.profile.variants[variant].locale) or loaded.profile.settings.locale


def cv_theme(loaded: LoadedProfile, *, theme: str | None, variant: str | None) -> Theme:
    """The design a CV is built with: ``theme`` (--theme) over the variant's over the profile's."""
    locale = cv_locale(loaded, variant)
    chosen = _chosen_theme(loaded, theme=theme, variant=variant)
    return effective_theme(chosen, loaded.profile, locale=locale)


def render_checked(
    loaded: LoadedProfile,
    *,
    theme: str | None,
    on: date,
    variant: str | None,
    locale_warnings: bool = True,
) -> tuple[bytes, int, tuple[str, ...], tuple[str, ...]]:
    """The CV's bytes, page count, warnings (characters left out, a sparse last page or a
    fit out of reach, page budget, words the locale lacks unless ``locale_warnings`` is
    off: a caller that chose the locale itself says so at its own line) and notes (what a
    fit changed)."""
    locale = cv_locale(loaded, variant)
    design = cv_theme(loaded, theme=theme, variant=variant)
    images = prepare_images(loaded, design)
    printable, warnings = printable_profile(loaded, design.font_family)
    if locale_warnings:
        warnings += _locale_warnings(loaded, variant, locale)
    warnings += _contact_warnings(loaded)
    profile = select_variant(printable, variant)
    rendered, notes, sparse, unfit = _rendered_and_fitted(profile, images, design, on)
    warnings += [str(CvgenError(w, file=loaded.source.file)) for w in sparse]
    warnings += [str(loaded.source.error(("settings", "fit"), w)) for w in unfit]
    pages = rendered.pages
    budget = profile.settings.max_pages
    if budget is not None and pages > budget:
        where: PathKey = ("settings", "max_pages")
        if variant is not None and loaded.profile.variants[variant].max_pages is not None:
            where = ("variants", variant, "max_pages")
        over = pages - budget
        message = f"warning: the CV runs to {pages} pages, {over} over its budget of {budget}"
        warnings.append(str(loaded.source.error(where, message)))
    return rendered.data, pages, tuple(warnings), tuple(notes)


def _rendered_and_fitted(
    profile: Profile, images: dict[str, PreparedImage], design: Theme, on: date
) -> tuple[Rendered, list[str], list[str], list[str]]:
    """Lay out once; with ``fit: pages``, tighten within the theme's bounds to one page
    fewer (or down to max_pages). Returns the layout, notes, and warnings about a sparse
    last page and about a fit out of reach."""
    rendered = render_cv(profile, images=images, theme=design, on=on)
    budget = profile.settings.max_pages
    if profile.settings.fit != "pages" or rendered.pages < 2:
        sparse = sparse_last_page(rendered)
        return rendered, [], [sparse] if sparse else [], []
    target = rendered.pages - 1
    if budget is not None and budget < target:
        target = budget
    fitted = fit_pages(
        lambda theme: render_cv(profile, images=images, theme=theme, on=on),
        design,
        rendered,
        target,
    )
    if fitted is None:
        return rendered, [], [], [cannot_fit(design, rendered.pages, target)]
    return fitted.rendered, [fitted.note], [], []


def _chosen_theme(loaded: LoadedProfile, *, theme: str | None, variant: str | None) -> Theme:
    """The theme --theme, the variant or the profile names; a bad name is reported where
    it was written (the command line or the variant), not at the profile's ``theme:``."""
    from_variant = loaded.profile.variants[variant].theme if variant else None
    try:
        return resolve_theme(loaded, base=theme or from_variant)
    except CvgenError as exc:
        if exc.field != "theme.base" or not (theme or from_variant):
            raise
        if theme:
            raise CvgenError(exc.message, file=f"--theme {theme}") from None
        raise loaded.source.error(("variants", str(variant), "theme"), exc.message) from None


def _filename(loaded: LoadedProfile, on: date, variant: str | None) -> str:
    settings = loaded.profile.settings
    field = "variant_filename" if variant else "filename"
    suffix = (loaded.profile.variants[variant].suffix or variant) if variant else ""
    try:
        return cv_filename(
            getattr(settings, field), name=loaded.profile.person.name, on=on, variant=suffix
        )
    except ValueError as exc:
        raise loaded.source.error(("settings", field), str(exc)) from None


def _locale_warnings(loaded: LoadedProfile, variant: str | None, locale: str | None) -> list[str]:
    """One warning naming the words that stay English, for a language our table lacks."""
    missing = missing_words(locale)
    if not missing:
        return []
    where: PathKey = ("settings", "locale")
    if variant is not None and loaded.profile.variants[variant].locale is not None:
        where = ("variants", variant, "locale")
    words = ", ".join(repr(word) for word in missing)
    message = (
        f"warning: cvgen has no CV words for {locale!r}; dates follow it, but these stay"
        f" English: {words}"
    )
    return [str(loaded.source.error(where, message))]


def _contact_warnings(loaded: LoadedProfile) -> list[str]:
    """Contact items the chosen lines leave out do not print: say which, never silently."""
    chosen = loaded.profile.settings.contact_lines
    if chosen is None:
        return []
    listed = {key.casefold() for line in chosen for key in line}
    left = [
        shown for key, shown in contact_keys(loaded.profile.person).items() if key not in listed
    ]
    if not left:
        return []
    message = (
        f"warning: these contact items are in no line, so they do not print: {', '.join(left)}"
    )
    return [str(loaded.source.error(("settings", "contact_lines"), message))]


def effective_theme(theme: Theme, profile: Profile, *, locale: str | None = None) -> Theme:
    """The profile's own settings win over its theme's for the few values both have;
    Chinese, Japanese and Korean CVs print in the CJK font throughout."""
    settings = profile.settings
    chosen = {
        "page_size": settings.page_size,
        "date_format": settings.date_format,
        "date_separator": settings.date_separator,
        "footer": settings.footer,
        "font_family": CJK if is_cjk(locale) else None,
    }
    return theme.model_copy(update={k: v for k, v in chosen.items() if v is not None})


def prepare_images(loaded: LoadedProfile, theme: Theme) -> dict[str, PreparedImage]:
    """The images this theme shows, ready to place (none when it shows none)."""
    prepared: dict[str, PreparedImage] = {}
    shown = {"portrait": theme.portrait != "none", "logo": theme.logos}
    for where, written, kind in image_fields(loaded.profile):
        if written in prepared or not shown[kind]:
            continue
        try:
            prepared[written] = _prepared(loaded.base_dir / written, kind, theme)
        except ImageProblem as exc:
            raise loaded.source.error(where, str(exc)) from None
    return prepared


def _prepared(path: Path, kind: str, theme: Theme) -> PreparedImage:
    dpi = theme.image_dpi
    if kind == "logo":
        box = theme.logo_size_pt
        return cached_image(
            path, f"logo|{box}|{dpi}", lambda: prepare_logo(path, box_pt=box, dpi=dpi)
        )
    width = theme.portrait_width_pt
    height = (
        width if theme.portrait == "circle" else theme.portrait_height_pt
    )  # circles: square crop
    return cached_image(
        path,
        f"portrait|{width}|{height}|{dpi}",
        lambda: prepare_portrait(path, width_pt=width, height_pt=height, dpi=dpi),
    )


def render_cv(
    profile: Profile, *, images: dict[str, PreparedImage], theme: Theme, on: date
) -> Rendered:
    from cvgen.fonts import register_family
    from cvgen.layout.page import Footer, canvas_maker, make_doc
    from cvgen.layout.story import build_story, layout_context

    font = register_family(theme.font_family)
    ctx = layout_context(profile, theme, font, images)
    footer = None
    if theme.footer:
        footer = Footer(
            left=visible(profile.person.name),
            right=ctx.words.last_updated.format(date=month_year(on, ctx.locale)),
            page=ctx.words.page,
            font=font,
            size_pt=ctx.styles.footer_size_pt,
            color=theme.muted_color,
            family=theme.font_family,
        )

    measured: list[float] = []

    def lay_out(buffer: io.BytesIO) -> int:
        doc = make_doc(
            buffer,
            theme=theme,
            page_size=theme.page_size,
            metadata=_metadata(profile),
        )
        doc.build(
            build_story(profile, ctx), canvasmaker=canvas_maker(footer, theme, theme.page_size)
        )
        measured[:] = [doc.last_page_used_pt, doc.height]
        return int(doc.page)

    try:
        data, pages = render_pdf(lay_out, build_date=on)
        return Rendered(data, pages, *measured)
    except CvgenError:
        raise
    except Exception as exc:  # reportlab's LayoutError and friends carry no location
        raise CvgenError(f"layout failed: {exc}".splitlines()[0]) from exc


def _metadata(profile: Profile) -> PdfMetadata:
    from cvgen.layout.page import PdfMetadata

    name = visible(profile.person.name)
    titles = [visible(section.title) for section in profile.sections]
    return PdfMetadata(
        title=f"{name} — Curriculum Vitae",
        author=name,
        subject=f"Curriculum vitae of {name}",
        keywords=("CV", "curriculum vitae", name, *titles),
        creator=f"cvgen {__version__}",
        lang=(profile.settings.locale or "en").replace("_", "-"),  # BCP 47 for readers
    )
