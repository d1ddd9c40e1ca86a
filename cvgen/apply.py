"""`cvgen apply`: for each application file, the tailored CV and its cover letter (or one
PDF with the letter first and the CV after it).

load application → load its profile → the CV's bytes (build's own steps) → the letter's
bytes (the same theme, header and images) → names → write. Nothing is written until both
documents are made and checked, so a bad application leaves every earlier file as it was.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from cvgen import __version__
from cvgen.application import Application, LoadedApplication, load_application
from cvgen.batch import Outcome
from cvgen.build import BuildOptions, BuildResult, StrictFailure, cv_locale, cv_theme, make_cv
from cvgen.errors import CvgenError
from cvgen.fit import Rendered
from cvgen.images import ImageProblem, PreparedImage
from cvgen.layout.letter import LetterContent
from cvgen.layout.markup import visible
from cvgen.layout.page import PdfMetadata
from cvgen.letterwords import LetterLocale, letter_locale
from cvgen.loader import load_profile
from cvgen.locale import missing_words
from cvgen.naming import dated_filename
from cvgen.output import Kind, Output, PartialWrite, write_outputs
from cvgen.pdf import render_pdf
from cvgen.profile import Profile
from cvgen.sourcemap import LoadedProfile
from cvgen.theme import Theme
from cvgen.values import Value, frozen
from cvgen.variants import SelectedProfile, select


@frozen
class ApplyRequest(Value):
    on: date | None = None  # the date of applications that give none (default: today)
    output_dir: Path | None = None  # default: a folder beside each application, named like it
    combined: bool = False
    strict: bool = False


@frozen
class Document(Value):
    """One finished PDF, not yet written."""

    kind: str  # "cv", "letter" or "combined"
    filename: str
    data: bytes
    pages: int
    warnings: tuple[str, ...]
    notes: tuple[str, ...] = ()  # what the build changed on request, e.g. a fit


@frozen
class MadeApplication(Value):
    cv: Document
    letter: Document
    on: date
    name: str  # the applicant's, as the profile gives it
    locale: LetterLocale


def apply_application(path: Path, request: ApplyRequest) -> list[BuildResult]:
    """Write the application's CV and letter (or the combined PDF); return what went where."""
    loaded = load_application(path)
    made = make_application(loaded, fallback_date=request.on)
    documents = [made.letter, made.cv]
    if request.combined:
        documents = [_combined(loaded, made)]
    warnings = [w for document in (made.letter, made.cv) for w in document.warnings]
    if request.strict and warnings:
        raise StrictFailure(
            f"--strict: {len(warnings)} warning(s), first: {warnings[0]}; nothing written"
        )
    folder = request.output_dir or loaded.base_dir / path.stem
    results = []
    for document in documents:
        target = folder / document.filename
        variant = loaded.application.variant if document.kind == "cv" else None
        results.append(
            BuildResult(
                target,
                document.pages,
                len(document.data),
                document.warnings,
                variant,
                document.notes,
            )
        )
    outputs = [
        Output(document.data, result.path, Kind.PDF)
        for document, result in zip(documents, results, strict=True)
    ]
    # Both documents or neither; never over the application, its profile or their files.
    write_outputs(outputs, inputs=application_files(path))
    return results


@frozen
class ApplicationCheck(Value):
    path: Path
    letter_pages: int
    cv_pages: int
    warnings: tuple[str, ...]


def check_application(path: Path, *, on: date) -> ApplicationCheck:
    """Everything `apply` does but writing."""
    made = make_application(load_application(path), fallback_date=on)
    warnings = (*made.letter.warnings, *made.cv.warnings)
    return ApplicationCheck(path, made.letter.pages, made.cv.pages, warnings)


def make_application(loaded: LoadedApplication, *, fallback_date: date | None) -> MadeApplication:
    application = loaded.application
    on = application.date or fallback_date or date.today()
    profile = load_profile(loaded.profile_path)
    variant = application.variant
    if variant is not None and variant not in profile.profile.variants:
        known = ", ".join(profile.profile.variants) or "none"
        raise loaded.error(
            "variant", message=f"no variant named {variant!r} in the profile (it has: {known})"
        )
    if application.locale:
        profile = _with_locale(profile, application.locale)
    locale, locale_warnings = _letter_locale(loaded, cv_locale(profile, variant))
    theme_name = _theme_name(loaded)
    name = profile.profile.person.name
    names = {kind: _filename(loaded, kind, name, on) for kind in ("cv", "letter", "combined")}
    options = BuildOptions(
        on=on,
        variant=variant,
        theme=theme_name,
        locale_warnings=application.locale is None,  # else said once, at the application
    )
    cv = make_cv(profile, options)
    letter_data, letter_pages, letter_warnings, letter_notes = _letter(
        loaded, select(profile, variant), theme=cv_theme(profile, options), locale=locale, on=on
    )
    return MadeApplication(
        cv=Document("cv", names["cv"], cv.data, cv.pages, cv.warnings, cv.notes),
        letter=Document(
            "letter",
            names["letter"],
            letter_data,
            letter_pages,
            locale_warnings + letter_warnings,
            letter_notes,
        ),
        on=on,
        name=name,
        locale=locale,
    )


def _with_locale(profile: LoadedProfile, locale: str) -> LoadedProfile:
    """The profile as the application's locale prints it: over its settings and variants."""
    data = profile.profile
    settings = replace(data.settings, locale=locale)
    variants = {k: replace(v, locale=None) for k, v in data.variants.items()}
    return replace(profile, profile=replace(data, settings=settings, variants=variants))


def _letter_locale(
    loaded: LoadedApplication, tag: str | None
) -> tuple[LetterLocale, tuple[str, ...]]:
    """The letter's words and date; warnings, at the application's locale, for the words
    that stay English (the letter's, and the CV's when the application chose the locale)."""
    locale, note = letter_locale(tag)
    notes = [note] if note else []
    missing = missing_words(tag) if loaded.application.locale else ()
    if missing:
        shown = ", ".join(repr(word) for word in missing)
        notes.append(f"cvgen has no CV words for {tag!r}; these stay English: {shown}")
    return locale, tuple(str(loaded.error("locale", message=f"warning: {n}")) for n in notes)


def _theme_name(loaded: LoadedApplication) -> str | None:
    """A theme file is named relative to the application; build resolves against the profile."""
    theme = loaded.application.theme
    if theme and theme.endswith((".yaml", ".yml")):
        return str((loaded.base_dir / theme).resolve())
    return theme


def _filename(loaded: LoadedApplication, kind: str, name: str, on: date) -> str:
    application = loaded.application
    pattern = getattr(application.filenames, kind)
    fields = {
        "name": name,
        "company": application.company,
        "role": application.role,
        "variant": application.variant or "",
    }
    try:
        return dated_filename(pattern, on=on, fields=fields)
    except ValueError as exc:
        raise loaded.error("filenames", kind, message=str(exc)) from None


# the letter


def _letter(
    loaded: LoadedApplication,
    profile: SelectedProfile,
    *,
    theme: Theme,
    locale: LetterLocale,
    on: date,
) -> tuple[bytes, int, tuple[str, ...], tuple[str, ...]]:
    """The letter's bytes, pages, warnings (characters, window form, page budget) and
    notes (what a fit changed)."""
    from cvgen.coverage import printable, printable_profile
    from cvgen.prepare import prepare_images

    application, warnings = printable(
        loaded.application,
        loaded.source,
        theme.font_family,
        not_drawn=frozenset({"profile", "signature", "theme", "locale", "variant", "filenames"}),
    )
    # The CV reports characters missing from the profile; the letter must not say it twice.
    person_profile, _ = printable_profile(profile, theme.font_family)
    content = letter_content(
        application,
        person_profile.person.name,
        locale=locale,
        on=on,
        signature=_signature(loaded, theme),
        fallback_return=person_profile.person.location,
    )
    letter = _LetterRenderer(
        content=content,
        profile=person_profile,
        images=prepare_images(profile, theme),
        metadata=_metadata(application, person_profile.person.name, locale),
        on=on,
    )
    first = letter.render(theme)
    rendered = first
    notes: list[str] = []
    budget = application.letter.max_pages
    if first.pages > budget and application.letter.fit == "pages":
        fitted = _fit_letter(letter, theme, first, budget)
        if fitted is None:
            warnings.append(str(loaded.error("letter", "fit", message=_cannot_fit(theme, budget))))
        else:
            rendered, notes = fitted
    # letter.window_notes are those of the layout kept: _fit_letter renders it last
    warnings += [f"{loaded.source.file}: warning: {note}" for note in letter.window_notes]
    if rendered.pages > budget:
        over = rendered.pages - budget
        message = (
            f"warning: the letter runs to {rendered.pages} pages, {over} over its budget of"
            f" {budget}"
        )
        warnings.append(str(loaded.error("letter", "max_pages", message=message)))
    return rendered.data, rendered.pages, tuple(warnings), tuple(notes)


@dataclass
class _LetterRenderer:
    """Lays the letter out with a given theme (the fit tries several)."""

    content: LetterContent
    profile: Profile
    images: dict[str, PreparedImage]
    metadata: PdfMetadata
    on: date
    window_notes: tuple[str, ...] = ()

    def render(self, theme: Theme) -> Rendered:
        from cvgen.fonts import register_family
        from cvgen.layout.header import build_header
        from cvgen.layout.letter import make_letter_doc, plan_letter
        from cvgen.layout.page import canvas_maker
        from cvgen.layout.story import layout_context
        from cvgen.layout.styles import make_letter_styles
        from cvgen.render import owner_footer

        font = register_family(theme.font_family)
        ctx = layout_context(self.profile, theme, font, self.images)
        header = build_header(self.profile.person, ctx, letterhead=True)
        plan = plan_letter(self.content, header, ctx, make_letter_styles(theme, font))
        self.window_notes = plan.notes
        # A letter over one page numbers its pages as the CV does; a one-page one has none.
        footer = owner_footer(self.profile, theme, ctx, font, right="", min_pages=2)

        def lay_out(buffer: io.BytesIO) -> int:
            doc = make_letter_doc(buffer, theme=theme, window=plan.window, metadata=self.metadata)
            doc.build(list(plan.story), canvasmaker=canvas_maker(footer, theme, theme.page_size))
            return int(doc.page)

        try:
            data, pages = render_pdf(lay_out, build_date=self.on)
        except CvgenError:
            raise
        except Exception as exc:  # reportlab's LayoutError and friends carry no location
            raise CvgenError(f"letter layout failed: {exc}".splitlines()[0]) from exc
        return Rendered(data, pages, last_page_used_pt=0.0, frame_height_pt=1.0)


def _fit_letter(
    letter: _LetterRenderer, theme: Theme, first: Rendered, budget: int
) -> tuple[Rendered, list[str]] | None:
    """fit's steps (spacing, then type, within the theme's bounds), the letter's own type
    size scaled as the CV's body text would be."""
    from cvgen.fit import fit_pages

    def as_letter(tightened: Theme) -> Theme:
        scale = tightened.base_size_pt / theme.base_size_pt
        return replace(tightened, letter_size_pt=round(theme.letter_size_pt * scale, 2))

    fitted = fit_pages(lambda t: letter.render(as_letter(t)), theme, first, budget)
    chosen = theme if fitted is None else as_letter(fitted.theme)
    letter.render(chosen)  # once more, so its window notes are the kept layout's
    if fitted is None:
        return None
    spacing = round(100 * chosen.entry_space_pt / theme.entry_space_pt)
    note = (
        f"fit: the letter {first.pages} pages → {fitted.rendered.pages}: spacing {spacing}%,"
        f" line spacing {chosen.leading_ratio:g} (was {theme.leading_ratio:g})"
    )
    if chosen.letter_size_pt != theme.letter_size_pt:
        note += f", text {chosen.letter_size_pt:g} pt (was {theme.letter_size_pt:g} pt)"
    return fitted.rendered, [note]


def _cannot_fit(theme: Theme, budget: int) -> str:
    smallest = round(theme.letter_size_pt * theme.fit_min_size_pt / theme.base_size_pt, 2)
    return (
        f"warning: fit: cannot lay the letter out in {budget} page(s) within the theme's"
        f" bounds (spacing down to {round(100 * theme.fit_min_spacing)}%, text {smallest:g} pt)"
    )


def _signature(loaded: LoadedApplication, theme: Theme) -> PreparedImage | None:
    from cvgen.cache import cached_image
    from cvgen.images import prepare_signature

    written = loaded.application.letter.signature
    if written is None:
        return None
    path = loaded.base_dir / written
    width, height, dpi = theme.signature_width_pt, theme.signature_height_pt, theme.image_dpi
    try:
        return cached_image(
            path,
            f"signature|{width}|{height}|{dpi}",
            lambda: prepare_signature(path, width_pt=width, height_pt=height, dpi=dpi),
        )
    except ImageProblem as exc:
        raise loaded.error("letter", "signature", message=str(exc)) from None


def letter_content(
    application: Application,
    signer: str,
    *,
    locale: LetterLocale,
    on: date,
    signature: PreparedImage | None,
    fallback_return: str | None,
) -> LetterContent:
    """The letter's final words: the defaults (subject, the CV as first enclosure, the
    return line from the profile's location) filled in, in the letter's language."""
    letter, recipient, words = application.letter, application.recipient, locale.words
    sender = application.sender_address or ([fallback_return] if fallback_return else [])
    return_line = " · ".join([signer, *sender]) if sender else None
    lines = [recipient.name, recipient.title, recipient.organization or application.company]
    subject = letter.subject
    if subject is None:
        subject = words.subject.format(role=_literal(application.role))
        if application.reference:
            subject += f", {words.reference} {_literal(application.reference)}"
    return LetterContent(
        date=locale.date(on),
        return_line=return_line,
        recipient=tuple(line for line in [*lines, *recipient.address] if line),
        subject_markup=subject,
        salutation_markup=letter.salutation,
        body_markup=tuple(letter.body),
        closing_markup=letter.closing,
        signature=signature,
        signer=visible(signer),
        enclosures_label=words.enclosures,
        enclosures_markup=(words.cv, *letter.enclosures),
    )


def _literal(text: str) -> str:
    from cvgen.inline import escape_inline

    return escape_inline(text)


def _metadata(
    application: Application, name: str, locale: LetterLocale, *, combined: bool = False
) -> PdfMetadata:
    name, words = visible(name), locale.words
    about = f"{application.role}, {application.company}"
    what = words.application if combined else words.letter
    return PdfMetadata(
        title=f"{name} — {what}: {about}",
        author=name,
        subject=f"{what}: {about}",
        keywords=(what, words.cv, name, application.company, application.role),
        creator=f"cvgen {__version__}",
        lang=locale.lang,
    )


def _combined(loaded: LoadedApplication, made: MadeApplication) -> Document:
    from cvgen.combine import combine_pdfs

    words = made.locale.words
    data = combine_pdfs(
        [(words.letter, made.letter.data), (words.cv, made.cv.data)],
        metadata=_metadata(loaded.application, made.name, made.locale, combined=True),
        build_date=made.on,
    )
    filename = _filename(loaded, "combined", made.name, made.on)
    pages = made.letter.pages + made.cv.pages
    warnings = (*made.letter.warnings, *made.cv.warnings)
    return Document(
        "combined", filename, data, pages, warnings, (*made.letter.notes, *made.cv.notes)
    )


def apply_outcome(path: Path, request: ApplyRequest) -> Outcome:
    """One application's files, or the one line that says why not (for batch.build_many)."""
    try:
        return Outcome(path, apply_application(path, request))
    except StrictFailure as exc:
        return Outcome(path, error=str(exc), strict_failure=True)
    except PartialWrite as exc:
        return Outcome(path, error=str(exc), written=exc.written)
    except CvgenError as exc:  # crosses a process boundary as text: exceptions pickle badly
        return Outcome(path, error=str(exc))


def application_files(path: Path) -> set[Path]:
    """The application and, when it loads, its profile's files and its signature."""
    from cvgen.watch import watched_files

    files = {path.resolve()}
    try:
        loaded = load_application(path)
    except CvgenError:
        return files  # broken: watching it alone is enough to see the fix
    files |= watched_files(loaded.profile_path)
    theme, signature = loaded.application.theme, loaded.application.letter.signature
    named = [signature, theme if theme and theme.endswith((".yaml", ".yml")) else None]
    return files | {(loaded.base_dir / n).resolve() for n in named if n}


def apply_once(path: Path, request: ApplyRequest) -> str:
    """For `cvgen watch`: one line saying what happened, with the time."""
    from datetime import datetime

    stamp = datetime.now().strftime("%H:%M:%S")
    outcome = apply_outcome(path, request)
    if outcome.error:
        return f"{stamp} failed, previous PDFs kept: {outcome.error}"
    built = ", ".join(f"{r.path} ({r.pages} p.)" for r in outcome.results)
    warned = sum(len(r.warnings) for r in outcome.results)
    return f"{stamp} built {built}" + (f", {warned} warning(s)" if warned else "")


def clashes(outcomes: list[Outcome]) -> list[str]:
    """Files two applications of one run both wrote (the later replaced the earlier): one
    line each, so a shared --output-dir never loses a letter silently."""
    first: dict[Path, Path] = {}
    lines = []
    for outcome in outcomes:
        for result in outcome.results:
            earlier = first.setdefault(result.path, outcome.profile)
            if earlier != outcome.profile:
                lines.append(
                    f"{outcome.profile}: wrote {result.path}, which {earlier} had written;"
                    " give them different filenames or separate output folders"
                )
    return lines
