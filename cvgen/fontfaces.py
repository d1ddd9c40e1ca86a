"""reportlab's parse of a bundled TrueType face: made faster, and kept between processes.

reportlab reads a face's character map, glyph widths and glyph offsets with one
``struct`` call per value: ~6 ms for each Lato face, 85 ms for the CJK collection.
``parsed_face`` reads those three tables in bulk (~2 ms a Lato face), value for value as
reportlab does, and leaves anything it does not read to reportlab. The parse depends only
on the font file, so its result is also kept with the other caches (``buildcache``:
verified, capped, keyed by cvgen's code identity, which stamps every bundled font file)
and a later process restores the face from it instead of parsing. Both give the object
reportlab's own constructor makes, attribute for attribute (tests/test_reportlab_internals.py
checks that against the installed reportlab for every bundled face), so the PDF bytes are
the same.
"""

from __future__ import annotations

import struct
from fnmatch import fnmatch
from operator import itemgetter
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
    if cache_folder(_KIND) is None:
        return _font_of(name, parsed_face(path, subfont))
    key = cache_key(_KIND, _VERSION, str(path), str(subfont))
    state = load_entry(_KIND, key)
    if isinstance(state, dict):
        return _restored_font(name, path, state)
    font = _font_of(name, parsed_face(path, subfont))
    store_entry(_KIND, key, face_state(font.face), inputs=())
    return font


def parsed_face(path: Path, subfont: int = 0) -> TTFontFace:
    """``TTFontFace(path, subfontIndex=subfont)``, its per-glyph tables read in bulk.

    reportlab reads a face's header, names and metrics quickly, then its character map,
    glyph widths and glyph offsets one ``struct`` call per value (~7 ms a Lato face). The
    face is made as reportlab makes it without those tables (``charInfo=0``), and they are
    read here, value for value as reportlab reads them; a character map in a format other
    than 4 or 12, or anything unexpected, is left to reportlab's own reading.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFontFace, TTFontFile

    face = TTFontFace.__new__(TTFontFace)
    pdfmetrics.TypeFace.__init__(face, None)
    TTFontFile.__init__(face, str(path), charInfo=0, subfontIndex=subfont)
    for made_later in ("charToGlyph", "defaultWidth", "charWidths"):  # in reportlab's order
        delattr(face, made_later)
    try:
        read = _glyph_tables(face)
    except (struct.error, KeyError, IndexError, ValueError):
        read = False
    if not read:  # reportlab's reading sets every table again, or raises its own error
        face.extractInfo(1)
    return face


def _glyph_tables(face: Any) -> bool:
    """Set the face's character map, widths and glyph offsets as reportlab's
    ``extractInfo`` would; False for tables this does not read."""
    data: bytes = face._ttf_data
    head = face.table["head"]["offset"]
    index_to_loc, glyph_format = struct.unpack_from(">hh", data, head + 50)
    h_metrics = struct.unpack_from(">H", data, face.table["hhea"]["offset"] + 34)[0]
    if glyph_format != 0 or h_metrics == 0 or index_to_loc not in (0, 1):
        return False
    char_to_glyph = _character_map(face, data)
    if char_to_glyph is None:
        return False
    glyph_to_char: dict[int, list[int]] = {}
    for char, glyph in char_to_glyph.items():
        glyph_to_char.setdefault(glyph, []).append(char)
    face.charToGlyph, face.glyphToChar = char_to_glyph, glyph_to_char
    _widths(face, data, h_metrics)
    loca = face.table["loca"]["offset"]
    count = face.numGlyphs + 1
    if index_to_loc == 0:
        face.glyphPos = [p << 1 for p in struct.unpack_from(f">{count}H", data, loca)]
    else:
        face.glyphPos = list(struct.unpack_from(f">{count}L", data, loca))
    face._pos = loca + count * (2 << index_to_loc)
    for have, alias in ((0x20, 0xA0), (0xA0, 0x20)):  # reportlab's own fix-up
        if have in char_to_glyph:
            char_to_glyph[alias] = char_to_glyph[have]
            face.charWidths[alias] = face.charWidths[have]
            break
    return True


def _character_map(face: Any, data: bytes) -> dict[int, int] | None:
    """The Unicode subtable reportlab picks (the last suitable one), formats 4 and 12;
    None for another format, or for ranges that overlap (reportlab would list such a
    character twice under its glyphs)."""
    cmap = face.table["cmap"]["offset"]
    version, count = struct.unpack_from(">HH", data, cmap)
    if count == 0 and version != 0:
        count = version
    chosen, kind = None, 0
    for n in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", data, cmap + 4 + 8 * n)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, kind = offset, 1
        elif platform == 1 and encoding == 0 and kind != 1:
            chosen, kind = offset, 2
    if chosen is None:
        return None
    start = cmap + chosen
    form = struct.unpack_from(">H", data, start)[0]
    if form not in (4, 12):
        return None
    mapping, listed = _format_4(data, start) if form == 4 else _format_12(data, start)
    return mapping if len(mapping) == listed else None


def _format_4(data: bytes, start: int) -> tuple[dict[int, int], int]:
    """Segments of consecutive characters, each mapped by a delta or through an array."""
    length, _language, double_segments = struct.unpack_from(">HHH", data, start + 2)
    limit = start + length
    segments = double_segments // 2
    ends = struct.unpack_from(f">{segments}H", data, start + 14)
    starts = struct.unpack_from(f">{segments}H", data, start + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, start + 16 + 4 * segments)
    offsets_at = start + 16 + 6 * segments
    range_offsets = struct.unpack_from(f">{segments}H", data, offsets_at)
    mapping: dict[int, int] = {}
    listed = 0
    for n, (first, last, delta, range_offset) in enumerate(
        zip(starts, ends, deltas, range_offsets, strict=True)
    ):
        chars = range(first, last + 1)
        listed += len(chars)
        if range_offset == 0:
            mapping.update((c, (c + delta) & 0xFFFF) for c in chars)
            continue
        at = offsets_at + 2 * n + range_offset  # the first character's glyph index
        inside = max(0, min(len(chars), (limit - at + 1) // 2))  # past the table: glyph 0
        ids = struct.unpack_from(f">{inside}H", data, at)
        for c, glyph in zip(chars, ids, strict=False):
            mapping[c] = (glyph + delta) & 0xFFFF if glyph else 0
        mapping.update((c, 0) for c in chars[inside:])
    return mapping, listed


def _format_12(data: bytes, start: int) -> tuple[dict[int, int], int]:
    """Groups of consecutive characters on consecutive glyphs."""
    groups = struct.unpack_from(">L", data, start + 12)[0]
    mapping: dict[int, int] = {}
    listed = 0
    table = data[start + 16 : start + 16 + 12 * groups]
    if len(table) != 12 * groups:  # cut short: reportlab's reading says so
        return mapping, -1
    for first, last, glyph in struct.iter_unpack(">LLL", table):
        chars = range(first, last + 1)
        listed += len(chars)
        mapping.update(zip(chars, range(glyph, glyph + len(chars)), strict=True))
    return mapping, listed


def _widths(face: Any, data: bytes, h_metrics: int) -> None:
    """hmtx: each glyph's advance, scaled; glyphs past the table take the last one, and
    (as reportlab keeps them) the scaled advance in ``hmetrics`` too."""
    hmtx = face.table["hmtx"]["offset"]
    pairs = struct.unpack_from(f">{2 * h_metrics}H", data, hmtx)
    metrics = list(zip(pairs[::2], pairs[1::2], strict=True))
    scale = face._pdfScale
    advances = list(map(scale, pairs[::2]))
    rest = face.numGlyphs - h_metrics
    if rest > 0:
        bearings = struct.unpack_from(f">{rest}H", data, hmtx + 4 * h_metrics)
        metrics += [(advances[-1], bearing) for bearing in bearings]
        advances += [advances[-1]] * rest
    # In glyph order, as reportlab fills it (a stable sort keeps a glyph's characters in
    # their map order); glyphs past the advances have no width.
    by_glyph = sorted(face.charToGlyph.items(), key=itemgetter(1))
    known = len(advances)
    face.charWidths = {char: advances[g] for char, g in by_glyph if g < known}
    face.hmetrics = metrics
    face.defaultWidth = advances[0]


def face_state(face: TTFontFace) -> dict[str, Any]:
    """What reportlab's parse left on the face, minus what is made again on restore."""
    return {k: v for k, v in vars(face).items() if k not in _NOT_KEPT}


def _restored_font(name: str, path: Path, state: dict[str, Any]) -> TTFont:
    """The font ``TTFont.__init__`` would make, with the face's parse taken from ``state``."""
    from reportlab.pdfbase import ttfonts

    face = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
    vars(face).update(state)
    vars(face).update(
        _ttf_data=path.read_bytes(),  # a bundled file, not user input
        _pdfScale=_unit_scale(state["unitsPerEm"]),
    )
    return _font_of(name, face)


def _font_of(name: str, face: TTFontFace) -> TTFont:
    """The font ``TTFont.__init__`` makes around a parsed face (a SubsetFont: the same
    font, quicker to draw with)."""
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase import ttfonts

    from cvgen.fontsubset import SubsetFont

    font = SubsetFont.__new__(SubsetFont)
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
