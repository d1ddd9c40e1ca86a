"""Prepare what one CV prints: its images made ready to place, its text checked against the
fonts, its words against the locale. Runs on the selected profile only, so nothing a
variant leaves out can fail or warn; every problem names where it was written."""

from __future__ import annotations

from pathlib import Path

from cvgen.cache import cached_image
from cvgen.coverage import UpperCase, printable_profile
from cvgen.images import ImageProblem, PreparedImage, prepare_logo, prepare_portrait
from cvgen.inputs import image_fields
from cvgen.locale import missing_words
from cvgen.overrides import PathKey
from cvgen.profile import Profile, contact_keys
from cvgen.theme import Theme
from cvgen.values import Value, frozen
from cvgen.variants import SelectedProfile


@frozen
class PreparedCv(Value):
    profile: Profile  # the selected profile, less characters no bundled font has
    images: dict[str, PreparedImage]  # by the path as written in the profile
    warnings: list[str]


def prepare_cv(
    selected: SelectedProfile, theme: Theme, *, locale_warnings: bool = True
) -> PreparedCv:
    """``locale_warnings`` off: the caller chose the locale and says so at its own line."""
    printable, warnings = printable_profile(
        selected, theme.font_family, upper_case=drawn_upper_case(theme)
    )
    if locale_warnings:
        warnings += missing_locale_words(selected)
    warnings += contact_warnings(selected)
    return PreparedCv(printable, prepare_images(selected, theme), warnings)


def drawn_upper_case(theme: Theme) -> UpperCase:
    """The fields this theme draws in capitals (the name, section headings)."""

    def upper(where: PathKey) -> bool:
        if where == ("person", "name"):
            return theme.name_uppercase
        heading = len(where) == 3 and where[0] == "sections" and where[2] == "title"
        return heading and theme.heading_case == "upper"

    return upper


def prepare_images(selected: SelectedProfile, theme: Theme) -> dict[str, PreparedImage]:
    """The images this CV shows in this theme, ready to place (none when it shows none)."""
    prepared: dict[str, PreparedImage] = {}
    shown = {"portrait": theme.portrait != "none", "logo": theme.logos}
    for where, written, kind in image_fields(selected.profile):
        if written in prepared or not shown[kind]:
            continue
        try:
            prepared[written] = _prepared(selected.base_dir / written, kind, theme)
        except ImageProblem as exc:
            raise selected.error(where, str(exc)) from None
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


def missing_locale_words(selected: SelectedProfile) -> list[str]:
    """One warning naming the words that stay English, for a language our table lacks."""
    locale = selected.profile.settings.locale
    missing = missing_words(locale)
    if not missing:
        return []
    words = ", ".join(repr(word) for word in missing)
    message = (
        f"warning: cvgen has no CV words for {locale!r}; dates follow it, but these stay"
        f" English: {words}"
    )
    return [str(selected.error(("settings", "locale"), message))]


def contact_warnings(selected: SelectedProfile) -> list[str]:
    """Contact items the chosen lines leave out do not print: say which, never silently."""
    chosen = selected.profile.settings.contact_lines
    if chosen is None:
        return []
    listed = {key.casefold() for line in chosen for key in line}
    left = [
        shown for key, shown in contact_keys(selected.profile.person).items() if key not in listed
    ]
    if not left:
        return []
    message = (
        f"warning: these contact items are in no line, so they do not print: {', '.join(left)}"
    )
    return [str(selected.error(("settings", "contact_lines"), message))]
