"""The homepage and the CV it links, written into an MkDocs project together.

``cvgen homepage`` writes the page (its marked regions) and the images it shows into the docs
folder and links the newest dated CV there. ``cvgen site`` also builds that CV first, keeps
the stable ``CV-latest.pdf`` beside it, and then builds the site with
``mkdocs build --strict`` when MkDocs is installed (the ``site`` extra).

Everything is laid out and checked before the first file is written (the MkDocs config,
the profile, the CV, the page's markers, the images), then written together through
``cvgen.output`` (all or nothing; a write failing part-way says what is in place). Only
``mkdocs build`` comes after: its failure is a ``FollowUpFailed`` naming every file written.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from dataclasses import field
from datetime import date
from pathlib import Path

from cvgen.errors import CvgenError, FollowUpFailed
from cvgen.formats.mkdocs import SiteFolders, check_emoji_names, read_site_folders
from cvgen.loader import load_profile
from cvgen.naming import cv_filename, cv_glob
from cvgen.output import Kind, Output, write_outputs
from cvgen.site_images import (
    IMAGES_FOLDER,
    WebImage,
    image_outputs,
    web_images,
    with_image_links,
)
from cvgen.sourcemap import LoadedProfile
from cvgen.sync import MAX_PAGE_BYTES, newest_cv, page_link, relink_cv
from cvgen.values import Value, frozen

DEFAULT_CONFIG = Path("mkdocs.yml")
CV_FOLDER = "assets"  # inside the docs folder, so MkDocs publishes the CVs
LATEST_NAME = "CV-latest.pdf"
PAGE_NAME = "index.md"
MKDOCS_TIMEOUT_S = 600
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@frozen
class HomepagePlan(Value):
    """The page's new text and the images it shows, made but not yet written."""

    page: Path | None  # None: print the page
    text: str
    images: dict[str, WebImage]
    cv: Path
    inputs: frozenset[Path]  # the files read: none of them may become an output
    warnings: tuple[str, ...] = ()


@frozen
class SiteResult(Value):
    cv: Path
    latest: Path
    page: Path
    images: list[Path]
    site_dir: Path | None  # None: MkDocs is not installed, the site was not built
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- cvgen homepage


def homepage_plan(
    profile_path: Path, *, page: Path | None, cv_dir: Path | None, on: date
) -> HomepagePlan:
    """The page for ``cvgen homepage``: linking the newest dated CV in ``cv_dir`` (by default
    the docs folder's ``assets``), or, with a warning, the name today's build would get."""
    loaded = load_profile(profile_path)
    docs, config = docs_folder_for(page) if page is not None else (None, None)
    folder = cv_dir or (docs / CV_FOLDER if docs is not None else Path(CV_FOLDER))
    settings, name = loaded.profile.settings, loaded.profile.person.name
    warnings: list[str] = []
    cv = newest_cv(folder, pattern=settings.filename, name=name)
    if cv is None:
        cv = folder / _cv_name(loaded, on)
        warnings.append(
            f"warning: no CV named like {cv_glob(settings.filename, name=name)!r} in {folder};"
            f" the page links {cv}, which does not exist yet: run `cvgen build --output-dir"
            f" {folder}` (or `cvgen site`)"
        )
    if config is not None:
        try:
            check_emoji_names(config)
        except CvgenError as old_names:  # the page is fine; the site will not build as it is
            warnings.append(f"warning: {old_names}")
    if docs is not None and not _inside(cv, docs):
        warnings.append(
            f"warning: {cv} is outside the docs folder {docs}, so MkDocs will not publish it;"
            f" build the CV into {docs / CV_FOLDER}"
        )
    plan = plan_homepage(loaded, page=page, cv=cv, docs_dir=docs)
    return HomepagePlan(
        plan.page, plan.text, plan.images, plan.cv, plan.inputs, (*warnings, *plan.warnings)
    )


def plan_homepage(
    loaded: LoadedProfile, *, page: Path | None, cv: Path, docs_dir: Path | None
) -> HomepagePlan:
    """The page text linking ``cv`` and the images it shows (inside ``docs_dir``).

    Printed (``page`` None), the page points at the profile's own images, relative to here.
    """
    from cvgen.formats.homepage_export import render_homepage, update_homepage
    from cvgen.formats.image_paths import rebase_profile_images
    from cvgen.inputs import build_inputs

    where = page or Path(PAGE_NAME)
    profile = rebase_profile_images(loaded.profile, from_dir=loaded.base_dir, to_dir=where.parent)
    images: dict[str, WebImage] = {}
    if page is not None and docs_dir is not None:
        images = web_images(loaded, docs_dir / IMAGES_FOLDER)
        links = {source: page_link(image.target, page) for source, image in images.items()}
        profile = with_image_links(loaded.profile, links)
    link = page_link(cv, where)
    if page is not None and (page.exists() or page.is_symlink()):  # a dangling link: say so
        text = update_homepage(_read_page(page), profile, cv_link=link, file=page)
    else:
        text = render_homepage(profile, cv_link=link)
    # Hand-written links to an older dated CV, outside the markers, follow too.
    settings, name = loaded.profile.settings, loaded.profile.person.name
    text, _ = relink_cv(text, pattern=settings.filename, name=name, new_target=link)
    return HomepagePlan(page, text, images, cv, frozenset(build_inputs(loaded)))


def page_outputs(plan: HomepagePlan, *, kind: Kind = Kind.TEXT) -> list[Output]:
    """The changed images and the page (an existing page is replaced when it is text, or,
    with ``kind`` NEW, never)."""
    assert plan.page is not None
    images = image_outputs(plan.images, kind=Kind.NEW if kind is Kind.NEW else None)
    return [*images, Output(plan.text.encode("utf-8"), plan.page, kind)]


def write_homepage(plan: HomepagePlan) -> list[Path]:
    """The page and its images, all or nothing; every image path the page shows and the page."""
    assert plan.page is not None
    write_outputs(page_outputs(plan), inputs=plan.inputs)
    return [*(image.target for image in plan.images.values()), plan.page]


def docs_folder_for(page: Path) -> tuple[Path, Path | None]:
    """The MkDocs docs folder holding ``page`` and its ``mkdocs.yml``: the ``docs_dir`` of the
    nearest config above the page that contains it, else the page's own folder (and None)."""
    for folder in (page.parent, *page.parent.parents):
        for name in ("mkdocs.yml", "mkdocs.yaml"):
            config = folder / name
            if config.is_file():
                docs = read_site_folders(config).docs_dir
                if _inside(page, docs):
                    return docs, config
    return page.parent, None


def _read_page(page: Path) -> str:
    from cvgen.textfile import read_text_file

    return read_text_file(page, kind="page", max_bytes=MAX_PAGE_BYTES)


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.abspath(path)).is_relative_to(os.path.abspath(folder))


def _cv_name(loaded: LoadedProfile, on: date) -> str:
    try:
        return cv_filename(loaded.profile.settings.filename, name=loaded.profile.person.name, on=on)
    except ValueError as exc:
        raise loaded.source.error(("settings", "filename"), str(exc)) from None


# ---------------------------------------------------------------- cvgen new --site


def refuse_existing_site(folder: Path) -> None:
    """``cvgen new --site`` never replaces a site: checked before anything is written."""
    for path in (folder / DEFAULT_CONFIG, folder / "docs" / PAGE_NAME):
        if path.exists():
            raise CvgenError("exists already; cvgen new never replaces a site", file=path)


def new_site(name: str, folder: Path, *, on: date) -> list[Path]:
    """``mkdocs.yml`` (current emoji extension names) and ``docs/index.md`` made from the
    starter profile in ``folder``, with its images; the CV it links is ``cvgen site``'s."""
    from importlib.resources import files
    from string import Template

    template = files("cvgen").joinpath("templates/mkdocs.yml").read_text(encoding="utf-8")
    config = Output(
        Template(template).substitute(name=name).encode("utf-8"), folder / DEFAULT_CONFIG, Kind.NEW
    )
    loaded = load_profile(folder / "data" / "profile.yaml")
    docs = folder / "docs"
    cv = docs / CV_FOLDER / _cv_name(loaded, on)
    plan = plan_homepage(loaded, page=docs / PAGE_NAME, cv=cv, docs_dir=docs)
    outputs = [config, *page_outputs(plan, kind=Kind.NEW)]
    write_outputs(outputs, inputs=plan.inputs)
    return [output.path for output in outputs]


# ---------------------------------------------------------------- cvgen site


def build_site(profile_path: Path, *, config: Path, on: date, force: bool = False) -> SiteResult:
    """The dated CV into the docs folder's assets, ``CV-latest.pdf``, the page and its
    images, all laid out and checked first and then written together (all or nothing); then
    ``mkdocs build --strict`` when MkDocs is installed."""
    from cvgen.build import BuildOptions, plan_cvs

    folders = read_site_folders(config)
    check_emoji_names(config)
    assets = folders.docs_dir / CV_FOLDER
    cvs = plan_cvs(profile_path, BuildOptions(on=on, output_dir=assets))
    cv = cvs.cvs[0]
    page = folders.docs_dir / PAGE_NAME
    plan = plan_homepage(cvs.loaded, page=page, cv=cv.result.path, docs_dir=folders.docs_dir)
    latest = assets / LATEST_NAME
    outputs = [*cvs.outputs(), Output(cv.data, latest, Kind.PDF), *page_outputs(plan)]
    write_outputs(outputs, inputs=cvs.inputs | plan.inputs, force=force)
    written = tuple(output.path for output in outputs)
    site_dir, notes = _build_with_mkdocs(folders, written=written)
    images = [image.target for image in plan.images.values()]
    return SiteResult(cv.result.path, latest, page, images, site_dir, notes)


def mkdocs_installed() -> bool:
    return importlib.util.find_spec("mkdocs") is not None


def _build_with_mkdocs(
    folders: SiteFolders, *, written: tuple[Path, ...]
) -> tuple[Path | None, list[str]]:
    if not mkdocs_installed():
        note = (
            "note: MkDocs is not installed, so the site was not built;"
            " pip install 'cvgen[site]' adds it (mkdocs, mkdocs-material)"
        )
        return None, [note]
    problems = run_mkdocs_build(folders.config)
    if problems is not None:
        first = problems[0] if problems else "no message"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise FollowUpFailed(
            f"mkdocs build --strict failed: {first}{more}", written=written, file=folders.config
        )
    return folders.site_dir, []


def run_mkdocs_build(config: Path) -> list[str] | None:
    """Run ``mkdocs build --strict``; None when it succeeded, else its warning and error
    lines (MkDocs prints many lines; the caller reports them as one)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config)]
    # MkDocs-Material prints a banner about MkDocs 2.0 on every build; it is not ours to show.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        done = subprocess.run(
            command, check=False, capture_output=True, text=True, env=env, timeout=MKDOCS_TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        return [f"no result after {MKDOCS_TIMEOUT_S} s"]
    if done.returncode == 0:
        return None
    lines = [_ANSI.sub("", line).strip() for line in (done.stderr + done.stdout).splitlines()]
    problems = [
        line.split("-", 1)[1].strip()
        for line in lines
        if line.startswith(("WARNING", "ERROR")) and "-" in line
    ]
    return problems or [line for line in lines if line][-1:]
