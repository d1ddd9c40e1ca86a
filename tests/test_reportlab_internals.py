"""The page-break policy and the footer lean on a few private reportlab names. If a
reportlab release moves one, these fail first and say what to adapt, instead of CVs
breaking pages differently or losing their footers without an error."""

from __future__ import annotations

import inspect
import io
from pathlib import Path

import pytest
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph
from reportlab.platypus import flowables as rl_flowables

BODY = getSampleStyleSheet()["BodyText"]


def moved(name: str, user: str) -> str:
    import reportlab

    return (
        f"reportlab {reportlab.Version}: the private {name} changed; {user} relies on it."
        " Adapt that code, or keep reportlab below this version in pyproject.toml."
    )


# Private names read by cvgen's faster copies of reportlab steps; each copy's own tests
# compare its results with reportlab's, this one says which name moved.
USED_NAMES = [
    ("reportlab.platypus.paragraph", name, "layout/linebreak.py")
    for name in (
        "_FK_BREAK",
        "_FK_TEXT",
        "FragLine",
        "ParaLines",
        "_handleBulletWidth",
        "_HSFrag",
        "_processed_frags",
        "lstrip",
        "split",
    )
] + [
    ("reportlab.platypus.paraparser", "_applyAttributes", "layout/fragments.py"),
    ("reportlab.platypus.paragraph", "textTransformFrags", "layout/fragments.py"),
]


@pytest.mark.parametrize(("module", "name", "user"), USED_NAMES)
def test_the_private_names_cvgen_reads_are_there(module: str, name: str, user: str) -> None:
    import importlib

    assert hasattr(importlib.import_module(module), name), moved(f"{module}.{name}", user)


def test_list_wrap_on_measures_a_list_of_flowables() -> None:
    list_wrap_on = getattr(rl_flowables, "_listWrapOn", None)
    assert callable(list_wrap_on), moved("_listWrapOn", "layout/flowables.py (Entry.split)")
    canvas = Canvas(io.BytesIO())
    paragraphs = [Paragraph("one line", BODY), Paragraph("another line", BODY)]
    width, height = list_wrap_on(paragraphs, 300, canvas)
    assert 0 < width <= 300 and height > 2 * BODY.leading - 1, moved(
        "_listWrapOn's (width, height) result", "layout/flowables.py (Entry.split)"
    )


def test_frames_say_whether_they_are_at_the_top_and_flowables_know_their_frame() -> None:
    canvas = Canvas(io.BytesIO())
    frame = Frame(0, 0, 300, 400, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    assert getattr(frame, "_atTop", None) == 1, moved("Frame._atTop", "layout/flowables.py")
    seen: list[object] = []

    class Probe(Flowable):  # type: ignore[misc]
        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
            seen.append(getattr(self, "_frame", None))
            return 10, 10

        def draw(self) -> None:
            pass

    frame.add(Probe(), canvas)
    assert seen and seen[-1] is frame, moved("Flowable._frame", "layout/flowables.py")
    frame.add(Paragraph("text", BODY), canvas)
    assert not frame._atTop, moved("Frame._atTop after content", "layout/flowables.py")


@pytest.mark.parametrize("flowable", [Flowable, Paragraph])
def test_draw_on_takes_the_spare_width(flowable: type[Flowable]) -> None:
    parameters = inspect.signature(flowable.drawOn).parameters
    assert "_sW" in parameters, moved(f"{flowable.__name__}.drawOn(_sW=)", "layout/flowables.py")


def test_a_finished_page_keeps_its_content_stream_until_saving() -> None:
    canvas = Canvas(io.BytesIO())
    canvas.drawString(10, 10, "page one")
    assert isinstance(getattr(canvas, "_code", None), list), moved("Canvas._code", "page.py")
    canvas.showPage()
    pages = canvas._doc.Pages.pages
    assert len(pages) == 1 and isinstance(pages[0].stream, str), moved(
        "Canvas._doc.Pages.pages[n].stream", "layout/page.py (FooterCanvas)"
    )
    assert "page one" in pages[0].stream


def _font_attributes(font: object) -> dict[str, object]:
    """A TTFont's attributes and its face's, with the unit-scale closure replaced by what it
    gives and the per-document state by its type."""
    face = font.face  # type: ignore[attr-defined]
    faced = {k: v for k, v in vars(face).items() if k != "_pdfScale"}
    faced["_pdfScale(2048)"] = face._pdfScale(2048)
    own = {k: v for k, v in vars(font).items() if k not in ("face", "state", "encoding")}
    own["state"] = type(font.state).__name__  # type: ignore[attr-defined]
    own["encoding"] = (type(font.encoding), vars(font.encoding))  # type: ignore[attr-defined]
    kind = (
        "TTFont" if isinstance(font, TTFont) else type(font).__name__
    )  # cvgen's SubsetFont is one
    return {"font": own, "face": faced, "classes": (kind, type(face))}


@pytest.mark.parametrize(
    ("file", "subfont"),
    [("Lato-Italic.ttf", 0), ("NotoSerif-Bold.ttf", 0), ("wqy-microhei.ttc", 0)],
)
def test_a_font_restored_from_the_face_cache_is_the_font_reportlab_makes(
    file: str, subfont: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    from cvgen import fontfaces
    from cvgen.fonts import fonts_dir

    monkeypatch.setenv("CVGEN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CVGEN_NO_CACHE", raising=False)
    path = fonts_dir() / file
    made = fontfaces.true_type_font("F", path, subfont=subfont)  # parsed, then kept
    assert list((tmp_path / "font-faces").iterdir()), "the parse was not kept"
    restored = fontfaces.true_type_font("F", path, subfont=subfont)
    fresh = TTFont("F", str(path), subfontIndex=subfont)
    assert _font_attributes(made) == _font_attributes(fresh)
    assert _font_attributes(restored) == _font_attributes(fresh), moved(
        "TTFont.__init__ / TTFontFace attributes", "cvgen/fontfaces.py (_restored_font)"
    )


def test_reportlab_runs_with_its_c_helpers() -> None:
    """pyproject asks for reportlab[accel]: without rl_accel reportlab silently falls back
    to Python versions of the same functions (same bytes, slower on long CVs)."""
    from reportlab.lib import rl_accel

    for name in ("fp_str", "instanceStringWidthTTF", "escapePDF", "sameFrag"):
        assert inspect.isbuiltin(getattr(rl_accel, name)), f"rl_accel.{name} is the Python fallback"


def _face_attributes(face: object) -> list[tuple[str, object]]:
    """A face's attributes in the order set, the dicts' keys in their order too."""
    seen: list[tuple[str, object]] = []
    for key, value in vars(face).items():
        if key == "_pdfScale":
            value = value(2048)
        elif isinstance(value, dict):
            value = list(value.items())
        seen.append((key, value))
    return seen


def _bundled_faces() -> list[tuple[str, int]]:
    from cvgen.fonts import fonts_dir

    files = sorted(path.name for path in fonts_dir().glob("*.ttf"))
    return [(name, 0) for name in files] + [("wqy-microhei.ttc", 0), ("wqy-microhei.ttc", 1)]


@pytest.mark.parametrize(("file", "subfont"), _bundled_faces())
def test_our_bulk_reading_of_a_face_is_reportlabs_reading(file: str, subfont: int) -> None:
    from reportlab.pdfbase.ttfonts import TTFontFace

    from cvgen.fontfaces import parsed_face
    from cvgen.fonts import fonts_dir

    path = fonts_dir() / file
    fresh = TTFontFace(str(path), subfontIndex=subfont)
    assert _face_attributes(parsed_face(path, subfont)) == _face_attributes(fresh), moved(
        "TTFontFile.extractInfo", "cvgen/fontfaces.py (parsed_face)"
    )


def test_a_character_map_we_do_not_read_is_left_to_reportlab(tmp_path: Path) -> None:
    """A face whose chosen map is in format 6: reportlab reads it (garbled here, but
    reportlab's garbling), and ours gives the very same face."""
    import struct

    from reportlab.pdfbase.ttfonts import TTFontFace

    from cvgen.fontfaces import parsed_face
    from cvgen.fonts import fonts_dir

    source = fonts_dir() / "Lato-Regular.ttf"
    face = TTFontFace(str(source))
    data = bytearray(source.read_bytes())
    cmap = face.table["cmap"]["offset"]
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    for n in range(count):  # every subtable: whichever is chosen is now format 6
        offset = struct.unpack_from(">L", data, cmap + 4 + 8 * n + 4)[0]
        struct.pack_into(">H", data, cmap + offset, 6)
    changed = tmp_path / "Odd.ttf"
    changed.write_bytes(bytes(data))
    made = parsed_face(changed)
    assert made.charToGlyph != face.charToGlyph  # the change did take
    assert _face_attributes(made) == _face_attributes(TTFontFace(str(changed)))


def test_paragraphs_are_set_up_and_parsed_as_layout_fragments_expects() -> None:
    """layout/fragments.py drives ParaParser's handlers itself (tests/test_fragments.py
    compares the results); these are the private names it calls."""
    from reportlab.platypus import paragraph, paraparser

    parameters = list(inspect.signature(Paragraph._setup).parameters)
    assert parameters == ["self", "text", "style", "bulletText", "frags", "cleaner"], moved(
        "Paragraph._setup(text, style, bulletText, frags, cleaner)", "layout/flowables.py (Para)"
    )
    names = ("_setup_for_parse", "_complete_parse", "_push", "handle_data", "handle_entityref")
    for name in names:
        assert callable(getattr(paraparser.ParaParser, name, None)), moved(
            f"ParaParser.{name}", "layout/fragments.py"
        )
    for name in ("_applyAttributes",):
        assert callable(getattr(paraparser, name, None)), moved(name, "layout/fragments.py")
    assert callable(getattr(paragraph, "textTransformFrags", None)), moved(
        "textTransformFrags", "layout/fragments.py"
    )
