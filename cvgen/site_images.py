"""The portrait and logos as the homepage shows them, kept inside the site's docs folder.

MkDocs publishes only what is inside ``docs_dir``: a page pointing at ``../assets/...`` looks
fine in an editor and is a broken image on the site. So each image the page shows goes
through the same preparation as the CV's (upright, cropped, downscaled, cached by content),
sized for the page at twice its CSS size for sharp high-density screens, and is written to
``<docs>/images/``. The originals are never copied: a 12-megapixel photo would cost every
visitor megabytes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from cvgen.cache import cached_image
from cvgen.formats.homepage_export import LOGO_BOX_CSS_PX, PORTRAIT_WIDTH_CSS_PX
from cvgen.images import ImageProblem, PreparedImage, prepare_logo, prepare_portrait
from cvgen.inputs import image_fields
from cvgen.output import Kind, Output
from cvgen.profile import EducationSection, ExperienceSection, Profile
from cvgen.sourcemap import LoadedProfile
from cvgen.values import Value, frozen

IMAGES_FOLDER = "images"  # inside the docs folder, as MkDocs sites usually keep them
PORTRAIT_HEIGHT_CSS_PX = round(PORTRAIT_WIDTH_CSS_PX * 76 / 62)  # the CV's portrait box
_PIXELS_PER_CSS_PX = 2
_PT_PER_CSS_PX = 0.75  # CSS: 96 px to the inch, 72 pt to the inch
_DPI = 96 * _PIXELS_PER_CSS_PX
_SUFFIX = {"JPEG": ".jpg", "PNG": ".png"}
_KIND = {".jpg": Kind.JPEG, ".png": Kind.PNG}


@frozen
class WebImage(Value):
    """One prepared image: where it goes and how wide the page shows it."""

    source: str  # the path as the profile writes it
    target: Path  # inside the docs folder
    data: bytes
    width_css_px: int


def web_images(loaded: LoadedProfile, images_dir: Path) -> dict[str, WebImage]:
    """Every image the page shows, keyed by the path the profile gives it."""
    found: dict[str, WebImage] = {}
    taken: set[str] = set()
    for where, written, kind in image_fields(loaded.profile):
        if written in found or not _on_the_page(loaded.profile, where):
            continue
        try:
            prepared = _prepared(loaded.base_dir / written, kind)
        except ImageProblem as exc:
            raise loaded.source.error(where, str(exc)) from None
        name = _free_name(PurePosixPath(written).stem, _SUFFIX[prepared.format], taken)
        width = round(prepared.width_pt / _PT_PER_CSS_PX)
        found[written] = WebImage(written, images_dir / name, prepared.data, width)
    return found


def _on_the_page(profile: Profile, where: tuple[str | int, ...]) -> bool:
    """The page shows the portrait and the education logos (not experience logos)."""
    if where[0] != "sections":
        return True
    return isinstance(profile.sections[int(where[1])], EducationSection)


def image_outputs(images: dict[str, WebImage], *, kind: Kind | None = None) -> list[Output]:
    """The images whose bytes differ from what is there (a rebuild leaves the rest alone),
    as outputs of their kind (or ``kind``, e.g. NEW for a folder that must not have them)."""
    outputs = []
    for image in images.values():
        try:
            unchanged = image.target.read_bytes() == image.data
        except OSError:
            unchanged = False
        if not unchanged:
            outputs.append(Output(image.data, image.target, kind or _KIND[image.target.suffix]))
    return outputs


def with_image_links(profile: Profile, links: dict[str, str]) -> Profile:
    """The profile with each portrait and logo path (as written) replaced by ``links[path]``."""
    portrait = profile.person.portrait
    person = replace(profile.person, portrait=links.get(portrait or "", portrait))
    sections = [
        _with_logo_links(section, links)
        if isinstance(section, (EducationSection, ExperienceSection))
        else section
        for section in profile.sections
    ]
    return replace(profile, person=person, sections=sections)


def _prepared(path: Path, kind: str) -> PreparedImage:
    if kind == "logo":
        box = LOGO_BOX_CSS_PX * _PT_PER_CSS_PX
        return cached_image(
            path,
            f"web-logo|{box}|{_DPI}",
            lambda: prepare_logo(path, box_pt=box, dpi=_DPI, web=True),
        )
    width = PORTRAIT_WIDTH_CSS_PX * _PT_PER_CSS_PX
    height = PORTRAIT_HEIGHT_CSS_PX * _PT_PER_CSS_PX
    return cached_image(
        path,
        f"web-portrait|{width}|{height}|{_DPI}",
        lambda: prepare_portrait(path, width_pt=width, height_pt=height, dpi=_DPI, web=True),
    )


def _free_name(stem: str, suffix: str, taken: set[str]) -> str:
    """``stem + suffix``, or with ``-2``, ``-3``… when two images share a name."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in stem).strip("-") or "image"
    name, number = safe + suffix, 1
    while name.casefold() in taken:
        number += 1
        name = f"{safe}-{number}{suffix}"
    taken.add(name.casefold())
    return name


def _with_logo_links(section: Any, links: dict[str, str]) -> Any:
    """An education or experience section with its entries' logo paths replaced."""
    entries = [replace(e, logo=links.get(e.logo or "", e.logo)) for e in section.entries]
    return replace(section, entries=entries)
