"""The command line. Turns a CvgenError into one line on stderr and an exit status.

Imports stay light here: `cvgen --help` must not pay for reportlab, Pillow or pydantic.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Collection
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cvgen import __version__
from cvgen.build_command import DEFAULT_PROFILE
from cvgen.commandline import (
    EXIT_INPUT_ERROR,
    exit_status,
    parse_date,
    parse_jobs,
    reported_errors,
    usage_error,
)
from cvgen.errors import CvgenError

if TYPE_CHECKING:
    from cvgen.formats.contract import Imported
    from cvgen.output import Kind


app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: loading rich doubled the time of `cvgen --help`
    help="Keep a CV and a homepage in step from one profile file.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cvgen {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """cvgen: one profile file, a polished PDF CV."""


@app.command()
def build(
    profiles: Annotated[
        list[Path] | None, typer.Argument(help="Profile YAML files (default: data/profile.yaml).")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="Build date YYYY-MM-DD (default: today).")
    ] = None,
    output_dir: Annotated[
        Path | None,
        typer.Option("--output-dir", help="Folder for the dated CVs (default: assets)."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Exact output file (one CV only).")
    ] = None,
    variant: Annotated[str | None, typer.Option("--variant", help="Build this variant.")] = None,
    theme: Annotated[
        str | None,
        typer.Option("--theme", help="A built-in theme (see `cvgen themes`) or a theme file."),
    ] = None,
    all_variants: Annotated[
        bool, typer.Option("--all", help="Build the default CV and every variant.")
    ] = False,
    overrides: Annotated[
        list[str] | None,
        typer.Option("--set", help="PATH=VALUE for this build only, e.g. person.phone=+1…"),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object with the results.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 4) on any warning.")] = False,
    fit: Annotated[
        bool,
        typer.Option(
            "--fit", help="Tighten spacing, then type, within the theme's bounds: a page fewer."
        ),
    ] = False,
    jobs: Annotated[
        str, typer.Option("--jobs", "-j", help="Parallel processes for many profiles.")
    ] = "1",
    latest_copy: Annotated[
        Path | None,
        typer.Option("--copy-latest", help="Also write the CV here, e.g. assets/CV-latest.pdf."),
    ] = None,
    update_page: Annotated[
        Path | None, typer.Option("--update-page", help="Point this page's CV link at the new CV.")
    ] = None,
    png: Annotated[
        bool, typer.Option("--png", help="Also write page images beside each PDF.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace existing files even if cvgen did not make them."),
    ] = False,
) -> None:
    """Build dated PDF CVs and print their paths."""
    from cvgen.build_command import BuildArguments, run_build

    arguments = BuildArguments(
        profiles=tuple(profiles or ()),
        on=on,
        output_dir=output_dir,
        output=output,
        variant=variant,
        theme=theme,
        all_variants=all_variants,
        overrides=tuple(overrides or ()),
        as_json=as_json,
        strict=strict,
        fit=fit,
        jobs=jobs,
        latest_copy=latest_copy,
        update_page=update_page,
        png=png,
        force=force,
    )
    raise SystemExit(run_build(arguments))


@app.command()
def apply(
    applications: Annotated[
        list[Path], typer.Argument(help="Application files, e.g. applications/*.yaml.")
    ],
    on: Annotated[
        str | None,
        typer.Option("--date", help="Date of applications that give none (default: today)."),
    ] = None,
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output-dir", help="Folder for the PDFs (default: one beside each application)."
        ),
    ] = None,
    combined: Annotated[
        bool, typer.Option("--combined", help="One PDF each: the letter, then the CV.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object with the results.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 4) on any warning.")] = False,
    jobs: Annotated[
        str, typer.Option("--jobs", "-j", help="Parallel processes for many applications.")
    ] = "1",
) -> None:
    """Write each application's tailored CV and cover letter and print their paths."""
    fallback_date = parse_date(on) if on else None
    with reported_errors():
        from cvgen.apply import ApplyRequest, apply_outcome, clashes
        from cvgen.batch import build_many
        from cvgen.report import BuildReporter

        request = ApplyRequest(
            on=fallback_date, output_dir=output_dir, combined=combined, strict=strict
        )
        reporter = BuildReporter(total=len(applications), as_json=as_json)
        outcomes = build_many(
            applications, request, jobs=parse_jobs(jobs), on_done=reporter.done, work=apply_outcome
        )
        reporter.finish(outcomes)
        clashed = clashes(outcomes)
        for line in clashed:
            print(line, file=sys.stderr)
    raise SystemExit(EXIT_INPUT_ERROR if clashed else exit_status(outcomes))


@app.command()
def check(
    profile: Annotated[
        Path | None,
        typer.Argument(help="A profile or an application file (default: data/profile.yaml)."),
    ] = None,
    pdf: Annotated[
        Path | None,
        typer.Option("--pdf", help="Check a built CV instead: fonts, links, text layer."),
    ] = None,
    variant: Annotated[
        str | None, typer.Option("--variant", help="Check this variant only (default: all).")
    ] = None,
    theme: Annotated[
        str | None, typer.Option("--theme", help="Check with this theme, as build --theme.")
    ] = None,
) -> None:
    """Report every problem and warning without writing anything: the default CV and every
    variant, as `build --all` would make them."""
    with reported_errors():
        if pdf is not None:
            from cvgen.pdfcheck import check_pdf

            report = check_pdf(pdf)
            typer.echo(report.render())
            if not report.ok:
                raise SystemExit(EXIT_INPUT_ERROR)
            return
        from cvgen.application import is_application_file

        target = profile or DEFAULT_PROFILE
        try:
            if is_application_file(target):
                _check_application(target)
                return
            from cvgen.build import check_profile

            result = check_profile(target, on=date.today(), variant=variant, theme=theme)
        except CvgenError as problem:
            for each in (problem, *problem.more):  # every problem, one line each
                print(each, file=sys.stderr)
            raise SystemExit(EXIT_INPUT_ERROR) from None
        for warning in result.warnings:
            print(warning, file=sys.stderr)
        pages = _pages(result.pages)
        if result.variant_pages:
            pages += " (" + ", ".join(f"{n}: {count}" for n, count in result.variant_pages) + ")"
        typer.echo(f"{result.profile_path}: valid, {pages}, {len(result.warnings)} warning(s)")


def _pages(count: int) -> str:
    return f"{count} page{'s' if count != 1 else ''}"


def _check_application(path: Path) -> None:
    from cvgen.apply import check_application

    result = check_application(path, on=date.today())
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    typer.echo(
        f"{path}: valid, letter {_pages(result.letter_pages)}, CV {_pages(result.cv_pages)}, "
        f"{len(result.warnings)} warning(s)"
    )


@app.command()
def watch(
    profile: Annotated[
        Path, typer.Argument(help="The profile YAML, or an application file.")
    ] = DEFAULT_PROFILE,
    output_dir: Annotated[
        Path | None, typer.Option("--output-dir", help="Folder for the dated CV (default: assets).")
    ] = None,
    variant: Annotated[str | None, typer.Option("--variant", help="Build this variant.")] = None,
) -> None:
    """Rebuild whenever the profile or one of its images changes (Ctrl-C stops)."""
    with reported_errors():
        from cvgen.application import is_application_file
        from cvgen.watch import watch as watch_profile

        with suppress(KeyboardInterrupt):
            if is_application_file(profile):
                _watch_application(profile, output_dir=output_dir)
                return
            watch_profile(
                profile,
                on=date.today(),
                output_dir=output_dir,
                variant=variant,
                say=lambda line: print(line, flush=True),
            )


def _watch_application(path: Path, *, output_dir: Path | None) -> None:
    from cvgen.apply import ApplyRequest, application_files, apply_once
    from cvgen.watch import follow

    request = ApplyRequest(on=date.today(), output_dir=output_dir)
    follow(
        lambda: apply_once(path, request),
        lambda: application_files(path),
        say=lambda line: print(line, flush=True),
    )


import_app = typer.Typer(
    help="Turn other shapes of your data into a profile.", no_args_is_help=True
)
app.add_typer(import_app, name="import")

_ImportOutput = Annotated[
    Path | None, typer.Option("--output", "-o", help="Profile to write (default: print).")
]
_ImportForce = Annotated[bool, typer.Option("--force", help="Replace an existing output file.")]
_ImportStrict = Annotated[
    bool, typer.Option("--strict", help="Any note is an error (exit 1, nothing written).")
]


def _run_import(
    read: Callable[[], Imported],
    *,
    output: Path | None,
    force: bool,
    strict: bool,
    inputs: Collection[Path],
) -> None:
    """The one path of every ``cvgen import``: read, check it loads, notes on stderr (one
    ``file:line: note`` each), write; with ``--strict`` any note stops it before writing."""
    with reported_errors():
        from cvgen.formats.contract import finish_import

        imported = read()
        finished = finish_import(imported, output=output)
        for note in finished.notes:
            print(note, file=sys.stderr)
        if strict and finished.notes:
            count = len(finished.notes)
            raise CvgenError(
                f"--strict: {count} note{'s' if count > 1 else ''} above; nothing written",
                file=imported.source,
            )
        _emit(finished.text, output, inputs=inputs, force=force)


def _add_importer(name: str, reader: str, *, source_help: str, summary: str) -> None:
    """``cvgen import NAME FILE [-o] [--force] [--strict]``; ``reader`` is
    ``module:function``, imported only when the command runs (``cvgen --help`` stays light)."""

    def command(
        source: Path, output: Path | None = None, force: bool = False, strict: bool = False
    ) -> None:
        module, _, function = reader.partition(":")
        read = getattr(importlib.import_module(module), function)
        _run_import(
            lambda: read(source), output=output, force=force, strict=strict, inputs=[source]
        )

    # Set as objects, not strings: the help text is this call's, not a module global.
    command.__annotations__ = {
        "source": Annotated[Path, typer.Argument(help=source_help)],
        "output": _ImportOutput,
        "force": _ImportForce,
        "strict": _ImportStrict,
        "return": None,
    }
    import_app.command(name, help=summary)(command)


@import_app.command("homepage")
def import_homepage_command(
    page: Annotated[Path, typer.Argument(help="The homepage Markdown, e.g. docs/index.md.")],
    mkdocs: Annotated[Path | None, typer.Option("--mkdocs", help="The site's mkdocs.yml.")] = None,
    output: _ImportOutput = None,
    force: _ImportForce = False,
    strict: _ImportStrict = False,
) -> None:
    """Read a MkDocs-Material homepage into profile YAML; say what could not be placed."""

    def read() -> Imported:
        from cvgen.formats.homepage import read_homepage

        return read_homepage(page, mkdocs_path=mkdocs)

    inputs = [page, *([mkdocs] if mkdocs else [])]
    _run_import(read, output=output, force=force, strict=strict, inputs=inputs)


# Adding an importer: its module in cvgen/formats/ (see formats/contract.py) and one line here.
_add_importer(
    "jsonresume",
    "cvgen.formats.jsonresume:read_jsonresume",
    source_help="A JSON Resume file (schema v1.2.1).",
    summary="Read a JSON Resume into profile YAML.",
)
_add_importer(
    "bibtex",
    "cvgen.formats.bibtex:read_bibtex",
    source_help="A .bib file.",
    summary="Turn BibTeX entries into a publications section to paste into a profile.",
)


export_app = typer.Typer(help="Write the profile in other shapes.", no_args_is_help=True)
app.add_typer(export_app, name="export")


@export_app.command("jsonresume")
def export_jsonresume_command(
    profile: Annotated[Path, typer.Argument(help="The profile YAML.")] = DEFAULT_PROFILE,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: print).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing file that is not JSON.")
    ] = False,
) -> None:
    """Write the profile as a JSON Resume (schema v1.2.1)."""
    with reported_errors():
        from cvgen.formats.jsonresume import dump_jsonresume
        from cvgen.inputs import build_inputs
        from cvgen.loader import load_profile
        from cvgen.output import Kind

        loaded = load_profile(profile)
        text = dump_jsonresume(loaded.profile)
        _emit(text, output, kind=Kind.JSON, inputs=build_inputs(loaded), force=force)


@app.command()
def homepage(
    profile: Annotated[Path, typer.Argument(help="The profile YAML.")] = DEFAULT_PROFILE,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The page, e.g. docs/index.md; its marked regions are redone and its images"
            " copied into the docs folder.",
        ),
    ] = None,
    cv_dir: Annotated[
        Path | None,
        typer.Option(
            "--cv-dir", help="Where the dated CVs are (default: the docs folder's assets)."
        ),
    ] = None,
) -> None:
    """Write the homepage from the profile, linking the newest dated CV."""
    with reported_errors():
        from cvgen.site import homepage_plan, write_homepage

        plan = homepage_plan(profile, page=output, cv_dir=cv_dir, on=date.today())
        for warning in plan.warnings:
            print(warning, file=sys.stderr)
        if output is None:
            sys.stdout.write(plan.text)
            return
        for path in write_homepage(plan):
            typer.echo(str(path))


@app.command()
def site(
    profile: Annotated[Path, typer.Argument(help="The profile YAML.")] = DEFAULT_PROFILE,
    config: Annotated[Path, typer.Option("--config", "-f", help="The site's mkdocs.yml.")] = Path(
        "mkdocs.yml"
    ),
    on: Annotated[
        str | None, typer.Option("--date", help="Build date YYYY-MM-DD (default: today).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace files of another kind in their place.")
    ] = False,
) -> None:
    """Build the CV into the site, relink the page, then `mkdocs build --strict`."""
    build_date = parse_date(on)
    with reported_errors():
        from cvgen.site import build_site

        result = build_site(profile, config=config, on=build_date, force=force)
        for path in (result.cv, result.latest, *result.images, result.page):
            typer.echo(str(path))
        for note in result.notes:
            print(note, file=sys.stderr)
        if result.site_dir is not None:
            typer.echo(str(result.site_dir))


def _emit(
    text: str,
    output: Path | None,
    *,
    kind: Kind | None = None,
    inputs: Collection[Path] = (),
    force: bool,
) -> None:
    """Print, or write atomically under cvgen's output rules (never over an input; an
    existing file of another kind only with --force)."""
    from cvgen.output import Kind, write_atomically

    if output is None:
        sys.stdout.write(text)
        return
    write_atomically(
        text.encode("utf-8"), output, kind=kind or Kind.NEW, inputs=inputs, force=force
    )
    typer.echo(str(output))


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write it here (default: print).")
    ] = None,
    application: Annotated[
        bool, typer.Option("--application", help="The application file's schema instead.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing file that is not JSON.")
    ] = False,
) -> None:
    """Print the profile's JSON Schema (for editors: VS Code completes and checks with it)."""
    with reported_errors():
        from cvgen.output import Kind
        from cvgen.starter import application_schema_text, schema_text

        text = application_schema_text() if application else schema_text()
        _emit(text, output, kind=Kind.JSON, force=force)


@app.command()
def new(
    name: Annotated[
        str, typer.Argument(help='Your name, e.g. "Jane Doe" (with --application: the company).')
    ],
    folder: Annotated[
        str, typer.Argument(help="Where (default: here; with --application: the role).")
    ] = ".",
    application: Annotated[
        bool,
        typer.Option(
            "--application",
            help='An application file instead: cvgen new --application "Acme" "ML Engineer".',
        ),
    ] = False,
    with_site: Annotated[
        bool,
        typer.Option(
            "--site", help="Also a homepage: mkdocs.yml and docs/index.md for cvgen site."
        ),
    ] = False,
) -> None:
    """Make a folder ready for `cvgen build`: a starter profile and sample images."""
    if application and folder == ".":
        usage_error('name the role too: cvgen new --application "Acme" "Role"')
    if application and with_site:
        usage_error("--site and --application exclude each other")
    with reported_errors():
        if application:
            from cvgen.starter import new_application

            for path in new_application(name, folder, on=date.today()):
                typer.echo(str(path))
            return
        from cvgen.starter import new_profile

        if with_site:
            from cvgen.site import refuse_existing_site

            refuse_existing_site(Path(folder))
        made = new_profile(name, Path(folder))
        if with_site:
            from cvgen.site import new_site

            made += new_site(" ".join(name.split()), Path(folder), on=date.today())
        for path in made:
            typer.echo(str(path))


@app.command()
def themes() -> None:
    """List the built-in themes."""
    from cvgen.theme import builtin_theme, builtin_theme_names

    for name in builtin_theme_names():
        typer.echo(f"{name:10} {builtin_theme(name).summary}")
