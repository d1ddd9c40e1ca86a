"""reportlab's parse of a bundled TrueType face, kept between processes.

Parsing the four Lato faces takes a cold build about a quarter of reportlab's own import
time (their character maps and glyph metrics are read with one ``struct`` call per value);
the 5 MB CJK collection takes 50–120 ms alone. The parse depends only on the font file,
so its result is kept with the other caches (``buildcache``: verified, capped, keyed by
cvgen's code identity, which stamps every bundled font file) and a later process restores
the face from it instead of parsing. The restored font is the object reportlab's own
constructor makes, attribute for attribute (tests/test_reportlab_internals.py checks that
against the installed reportlab), so the PDF bytes are the same.
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cvgen.buildcache import cache_folder, cache_key, load_entry, store_entry

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

_KIND = "font-faces"
_VERSION = "1"  # bump when what is kept changes
# Not kept: the file's bytes (read again: the subset is cut from them) and the unit scale,
# a closure reportlab makes from unitsPerEm (made again the same way).
_NOT_KEPT = frozenset({"_ttf_data", "_pdfScale"})


def true_type_font(name: str, path: Path, *, subfont: int = 0) -> TTFont:
    """``TTFont(name, path, subfontIndex=subfont)``, restored from the cache when it can be."""
    from reportlab.pdfbase.ttfonts import TTFont

    if cache_folder(_KIND) is None:
        return TTFont(name, str(path), subfontIndex=subfont)
    key = cache_key(_KIND, _VERSION, str(path), str(subfont))
    state = load_entry(_KIND, key)
    if isinstance(state, dict):
        return _restored_font(name, path, state)
    font = TTFont(name, str(path), subfontIndex=subfont)
    store_entry(_KIND, key, face_state(font.face), inputs=())
    return font


def face_state(face: TTFontFace) -> dict[str, Any]:
    """What reportlab's parse left on the face, minus what is made again on restore."""
    return {k: v for k, v in vars(face).items() if k not in _NOT_KEPT}


def _restored_font(name: str, path: Path, state: dict[str, Any]) -> TTFont:
    """The font ``TTFont.__init__`` would make, with the face's parse taken from ``state``."""
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase import ttfonts

    face = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
    vars(face).update(state)
    vars(face).update(
        _ttf_data=path.read_bytes(),  # a bundled file, not user input
        _pdfScale=_unit_scale(state["unitsPerEm"]),
    )
    font = ttfonts.TTFont.__new__(ttfonts.TTFont)
    vars(font).update(
        fontName=name,
        face=face,
        encoding=ttfonts.TTEncoding(),
        state=WeakKeyDictionary(),
        _asciiReadable=rl_config.ttfAsciiReadable,
    )
    unshaped = getattr(ttfonts, "unShapedFontGlob", None)
    if unshaped is not None:  # reportlab 5 can shape text; its default for a new font
        font.shapable = not any(fnmatch(name, glob) for glob in unshaped)
    return font


def _unit_scale(units_per_em: int) -> Any:
    """Font units to thousandths of an em, computed exactly as reportlab computes it."""
    if units_per_em == 1000:
        return lambda x: x
    per_unit = 1000 / units_per_em
    return lambda x: x * per_unit
