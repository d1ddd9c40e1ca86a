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
from cvgen.build import (
    BuildResult,
    StrictFailure,
    cv_locale,
    cv_theme,
    prepare_images,
    render_checked,
)
from cvgen.errors import CvgenError
from cvgen.images import ImageProblem, PreparedImage
from cvgen.layout.letter import LetterContent
from cvgen.layout.markup import visible
from cvgen.layout.page import PdfMetadata
from cvgen.letterwords import LetterLocale, letter_locale
from cvgen.loader import LoadedProfile, load_profile
from cvgen.locale import missing_words
from cvgen.naming import dated_filename
from cvgen.output import Kind, Output, PartialWrite, write_outputs
from cvgen.pdf import render_pdf
from cvgen.theme import Theme


@dataclass(frozen=True)
class ApplyRequest:
    on: date | None = None  # the date of applications that give none (default: today)
    output_dir: Path | None = None  # default: a folder beside each application, named like it
    combined: bool = False
    strict: bool = False


@dataclass(frozen=True)
class Document:
    """One finished PDF, not yet written."""

    kind: str  # "cv", "letter" or "combined"
    filename: str
    data: bytes
    pages: int
    warnings: tuple[str, ...]
    notes: tuple[str, ...] = ()  # what the build changed on request, e.g. a fit


@dataclass(frozen=True)
class MadeApplication:
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


@dataclass(frozen=True)
class ApplicationCheck:
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
    cv_data, cv_pages, cv_warnings, cv_notes = render_checked(
        profile,
        theme=theme_name,
        on=on,
        variant=variant,
        locale_warnings=application.locale is None,  # else said once, at the application
    )
    theme = cv_theme(profile, theme=theme_name, variant=variant)
    letter_data, letter_pages, letter_warnings = _letter(
        loaded, profile, theme=theme, locale=locale, on=on
    )
    return MadeApplication(
        cv=Document("cv", names["cv"], cv_data, cv_pages, cv_warnings, cv_notes),
        letter=Document(
            "letter", names["letter"], letter_data, letter_pages, locale_warnings + letter_warnings
        ),
        on=on,
        name=name,
        locale=locale,
    )


def _with_locale(profile: LoadedProfile, locale: str) -> LoadedProfile:
    """The profile as the application's locale prints it: over its settings and variants."""
    data = profile.profile
    settings = data.settings.model_copy(update={"locale": locale})
    variants = {k: v.model_copy(update={"locale": None}) for k, v in data.variants.items()}
    return replace(
        profile, profile=data.model_copy(update={"settings": settings, "variants": variants})
    )


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
    profile: LoadedProfile,
    *,
    theme: Theme,
    locale: LetterLocale,
    on: date,
) -> tuple[bytes, int, tuple[str, ...]]:
    """The letter's bytes, pages and warnings (characters, window form, page budget)."""
    from cvgen.coverage import printable, printable_profile
    from cvgen.fonts import register_family
    from cvgen.layout.header import build_header
    from cvgen.layout.letter import make_letter_doc, plan_letter
    from cvgen.layout.story import layout_context
    from cvgen.layout.styles import make_letter_styles

    application, warnings = printable(
        loaded.application,
        loaded.source,
        theme.font_family,
        not_drawn=frozenset({"profile", "signature", "theme", "locale", "variant", "filenames"}),
    )
    # The CV reports characters missing from the profile; the letter must not say it twice.
    person_profile, _ = printable_profile(profile, theme.font_family)
    images = prepare_images(profile, theme)
    signature = _signature(loaded, theme)
    font = register_family(theme.font_family)
    ctx = layout_context(person_profile, theme, font, images)
    styles = make_letter_styles(theme, font)
    content = letter_content(
        application,
        person_profile.person.name,
        locale=locale,
        on=on,
        signature=signature,
        fallback_return=person_profile.person.location,
    )
    plan = plan_letter(
        content, build_header(person_profile.person, ctx, letterhead=True), ctx, styles
    )
    warnings += [f"{loaded.source.file}: warning: {note}" for note in plan.notes]
    metadata = _metadata(application, person_profile.person.name, locale)

    def lay_out(buffer: io.BytesIO) -> int:
        doc = make_letter_doc(buffer, theme=theme, window=plan.window, metadata=metadata)
        doc.build(list(plan.story))
        return int(doc.page)

    try:
        data, pages = render_pdf(lay_out, build_date=on)
    except CvgenError:
        raise
    except Exception as exc:  # reportlab's LayoutError and friends carry no location
        raise CvgenError(f"letter layout failed: {exc}".splitlines()[0]) from exc
    budget = application.letter.max_pages
    if pages > budget:
        message = f"warning: the letter runs to {pages} pages, {pages - budget} over its budget of {budget}"
        warnings.append(str(loaded.error("letter", "max_pages", message=message)))
    return data, pages, tuple(warnings)


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
    return Document("combined", filename, data, pages, (*made.letter.warnings, *made.cv.warnings))


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
