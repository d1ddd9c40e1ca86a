"""Design values as data, and the one room that decides them.

A theme is a YAML file of values on an optional ``base``: the built-in ones are the files in
``cvgen/themes/`` (each with a one-line ``summary``), and a profile's ``theme:`` may name a
built-in, or a theme file of the user's, and change any value. Every file is read by the
strict reader (``yamlread``), so a bad value names its file, line and key.

Where a value is decided, from weakest to strongest:

1. the ``Theme`` model's defaults (below);
2. the theme files, from the innermost ``base`` out;
3. the profile's ``theme:`` mapping (and ``--set theme.KEY=VALUE``);
4. the profile's ``settings`` for the four values an owner chooses for every theme:
   ``page_size`` (their country's paper), ``date_format`` and ``date_separator`` (their
   field's habit) and ``footer``; so ``--theme ats`` keeps a US owner on Letter paper;
5. a section's own ``date_format``, for that section only (applied in layout).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from cvgen.dates import DateFormat
from cvgen.errors import CvgenError
from cvgen.modelrules import AfterValidator, Field, Record, record
from cvgen.overrides import PathKey
from cvgen.profile import EntryHeading, OwnerHighlight
from cvgen.sourcemap import SourceMap
from cvgen.values import Value, frozen

if TYPE_CHECKING:
    from cvgen.profile import Settings
    from cvgen.validation import ValidationError

MM = 72 / 25.4  # points per millimetre
PAGE_SIZES_PT = {"A4": (595.2756, 841.8898), "Letter": (612.0, 792.0)}
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _hex_colour(value: str) -> str:
    if not _HEX.match(value):
        raise ValueError(f"expected a colour like #5a0b8e, got {value!r}")
    return value.lower()


Colour = Annotated[str, AfterValidator(_hex_colour)]
Points = Annotated[float, Field(ge=0, le=400)]
# Bounds that keep every page layable: past them a line or an entry no longer fits a page,
# and reportlab's own message could not say which theme value did it.
Margin = Annotated[float, Field(ge=0, le=108)]  # 1.5 in: an A4 text column stays ≥ 379 pt
TypeSize = Annotated[float, Field(ge=4, le=48)]
Picture = Annotated[float, Field(ge=0, le=160)]
Spacing = Annotated[float, Field(ge=0, le=72)]


@record
class Theme(Record):
    name: str = "homepage"
    page_size: Literal["A4", "Letter"] = "A4"
    font_family: Literal["Lato", "NotoSerif", "WenQuanYi"] = "Lato"
    base_size_pt: Annotated[float, Field(ge=6, le=14)] = 9.6
    leading_ratio: Annotated[float, Field(ge=1.0, le=2.0)] = 1.32
    name_size_pt: TypeSize = 22.0
    heading_size_pt: TypeSize = 12.5
    small_size_pt: TypeSize = 8.0
    margin_top_pt: Margin = 14 * MM
    margin_bottom_pt: Margin = 16 * MM
    margin_side_pt: Margin = 17 * MM
    accent: Colour = "#5a0b8e"  # the homepage's hsla(272, 91%, 29%)
    text_color: Colour = "#1d1d1f"
    muted_color: Colour = "#5b5b66"
    link_color: Colour = "#5a0b8e"
    rule_color: Colour = "#c9b8d8"
    rule_width_pt: Spacing = 0.8
    heading_case: Literal["as-written", "upper"] = "as-written"
    section_space_before_pt: Spacing = 9.0
    heading_space_after_pt: Spacing = 4.0
    entry_space_pt: Spacing = 5.0
    keep_together_max_pt: Points = 220.0  # entries shorter than this never split
    bullet_indent_pt: Spacing = 14.0
    date_column_pt: Picture = 92.0
    date_format: DateFormat = "MM/YYYY"
    date_separator: str = " – "
    portrait: Literal["rounded", "circle", "square", "none"] = "rounded"
    portrait_width_pt: Picture = 62.0
    portrait_height_pt: Picture = 76.0
    portrait_corner_pt: Spacing = 9.0
    logos: bool = True
    logo_size_pt: Spacing = 24.0
    logo_gap_pt: Spacing = 7.0
    link_style: Literal["colour", "underline", "plain"] = "colour"
    contact_icons: bool = True
    contact_urls: bool = False  # parsers want https://… in the text, not "Homepage"
    link_urls_in_text: bool = False  # every other link's target spelled out after its label
    name_uppercase: bool = True
    footer: bool = True
    # Bounds for settings.fit: how far a fit may tighten this theme, and never further.
    fit_min_spacing: Annotated[float, Field(ge=0, le=1)] = 0.4  # share of the spacing above
    fit_min_leading_ratio: Annotated[float, Field(ge=1.0, le=2.0)] = 1.2
    fit_min_size_pt: Annotated[float, Field(ge=6, le=14)] = 8.6  # body text
    # Words and patterns: defaults a profile's settings may change.
    entry_heading: EntryHeading | None = None  # None: the locale's "{role} at {organization}"
    owner_highlight: OwnerHighlight = "bold"
    contact_separator: Annotated[str, Field(min_length=1)] = "·"  # when no icons stand between
    standard_sections_first: bool = False
    # Where a publication's year prints: at the end of its venue line, or after its title.
    publication_year: Literal["venue", "title"] = "venue"
    image_dpi: Annotated[int, Field(ge=72, le=600)] = 300
    # Cover letters are read at arm's length.
    letter_size_pt: Annotated[float, Field(ge=6, le=14)] = 10.5
    # On A4, put the recipient in an envelope window as DIN 5008 form A or B places it.
    letter_window: Literal["none", "din-5008-a", "din-5008-b"] = "none"
    signature_width_pt: Picture = 130.0
    signature_height_pt: Picture = 46.0

    @property
    def leading_pt(self) -> float:
        return round(self.base_size_pt * self.leading_ratio, 2)


THEMES_DIR = Path(__file__).resolve().parent / "themes"
DEFAULT_THEME = "homepage"
# The values a profile's settings hold too; the settings win (see the module's docstring).
OWNER_SETTINGS = ("page_size", "date_format", "date_separator", "footer")
_MAX_BASES = 8  # a chain of theme files deeper than this is a loop or a mistake
Refuse = Callable[[str], CvgenError]  # a message → the error, placed where the base was named


@frozen
class ThemeFile(Value):
    """One theme file as written: its values, its base and summary, and their lines."""

    name: str
    values: dict[str, Any]
    base: str | None
    summary: str
    source: SourceMap


def builtin_theme_names() -> list[str]:
    """The default theme first, then the others by name: one per file in ``cvgen/themes``."""
    names = sorted(path.stem for path in THEMES_DIR.glob("*.yaml"))
    return sorted(names, key=lambda name: name != DEFAULT_THEME)


def builtin_theme(name: str) -> ThemeFile:
    return _read_builtin(THEMES_DIR / f"{name}.yaml")


def named_theme(name: str) -> Theme:
    """A built-in theme as its file (and bases) make it, with no profile's changes."""
    source = SourceMap(THEMES_DIR / f"{name}.yaml", {})
    return resolve_theme({}, source=source, base=name, chosen_at=f"theme {name}")


@cache
def _read_builtin(path: Path) -> ThemeFile:
    """Read once per process, and kept between processes: the file is part of cvgen, so
    cvgen's code identity (in every cache key) changes with it."""
    from cvgen.buildcache import cache_key, load_entry, store_entry

    key = cache_key("builtin-theme", str(path))
    kept = load_entry("themes", key)
    if isinstance(kept, ThemeFile):
        return kept
    read = read_theme_file(path)
    store_entry("themes", key, read, inputs=())
    return read


def read_theme_file(path: Path) -> ThemeFile:
    from cvgen.yamlread import read_yaml_file  # PyYAML only when a theme file is read

    data, source = read_yaml_file(path, kind="theme file")
    if not isinstance(data, dict):
        raise CvgenError("a theme file is a mapping of theme values", file=path, line=1)
    for key in ("base", "summary"):
        if not isinstance(data.get(key, ""), str):
            raise source.error((key,), "expected a single word or line of text")
    base = data.pop("base", None)
    summary = data.pop("summary", "")
    return ThemeFile(path.stem, data, base, summary, source)


def resolve_theme(
    spec: Mapping[str, Any],
    *,
    source: SourceMap,
    base: str | None = None,
    chosen_at: PathKey | str | None = None,
) -> Theme:
    """The profile's ``theme:`` mapping (``spec``, located by ``source``) as a Theme.

    ``base`` (from ``--theme`` or a variant) replaces the mapping's own ``base``;
    ``chosen_at`` says where it was chosen, for messages: a place in the profile, or the
    command line's words (``--theme NAME``).

    The result is kept between processes (``buildcache``), keyed by the mapping, the base,
    the profile's folder (theme files are found from it) and the hash of every theme file
    read as it was read: the same theme again is not validated again.
    """
    from cvgen.buildcache import made_from_files

    described = json.dumps([dict(spec), base], sort_keys=True, default=repr)
    parts = ("theme", described, str(source.file.parent.resolve()))
    return made_from_files(
        "themes",
        parts,
        lambda: _resolve_theme(spec, source=source, base=base, chosen_at=chosen_at),
        Theme,
    )


def _resolve_theme(
    spec: Mapping[str, Any],
    *,
    source: SourceMap,
    base: str | None,
    chosen_at: PathKey | str | None,
) -> Theme:
    values = dict(spec)
    written = values.pop("base", None)
    name = str(base or written or DEFAULT_THEME)
    if base is None:
        chosen_at = ("theme", "base")

    def refuse(message: str) -> CvgenError:
        if isinstance(chosen_at, tuple):
            return source.error(chosen_at, message)
        return CvgenError(message, file=chosen_at or f"--theme {name}")

    layers = _layers(name, source.file.parent, refuse)
    merged: dict[str, Any] = {"name": layers[-1].name}
    for layer in layers:
        merged.update(layer.values)
    from cvgen.validation import ValidationError, validate

    try:
        return validate(Theme, {**merged, **values})
    except ValidationError as exc:
        raise _located(exc, values, layers, source) from None


def _layers(name: str, folder: Path, refuse: Refuse) -> list[ThemeFile]:
    """The theme files from the innermost base out to ``name``."""
    layers: list[ThemeFile] = []
    while True:
        if len(layers) == _MAX_BASES:
            raise refuse(f"theme bases nest more than {_MAX_BASES} deep (a loop?)")
        layer = _one_layer(name, folder, refuse)
        layers.insert(0, layer)
        if layer.base is None:
            return layers
        name, folder = layer.base, layer.source.file.parent
        refuse = _refuser(layer)


def _one_layer(name: str, folder: Path, refuse: Refuse) -> ThemeFile:
    if name.endswith((".yaml", ".yml")):
        return read_theme_file(folder / name)
    if name in builtin_theme_names():
        return builtin_theme(name)
    known = ", ".join(builtin_theme_names())
    raise refuse(f"no built-in theme {name!r} (there are: {known}; or a .yaml file)")


def _refuser(layer: ThemeFile) -> Refuse:
    return lambda message: layer.source.error(("base",), message)


def _located(
    exc: ValidationError, spec: Mapping[str, Any], layers: list[ThemeFile], source: SourceMap
) -> CvgenError:
    """The first problem, placed where its value was written: the profile or a theme file."""
    err = exc.errors()[0]
    key = str(err["loc"][0]) if err["loc"] else "theme"
    from cvgen.loader import validation_message  # the loader (and PyYAML) only on an error

    message = validation_message(err)
    if key in spec:
        return source.error(("theme", key), message)
    for layer in reversed(layers):
        if key in layer.values:
            return layer.source.error((key,), message)
    return source.error(("theme",), message)


def effective_theme(theme: Theme, settings: Settings, *, font_family: str | None = None) -> Theme:
    """The theme with the owner's settings applied (they win: see the module's docstring);
    ``font_family`` replaces the theme's (a CJK CV prints in the CJK font throughout)."""
    chosen: dict[str, Any] = {name: getattr(settings, name) for name in OWNER_SETTINGS}
    chosen["font_family"] = font_family
    return replace(theme, **{k: v for k, v in chosen.items() if v is not None})
