"""Contact-line icons: vector paths from the bundled icon fonts, never text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from cvgen.fonts import register_fonts
from cvgen.layout import icons
from cvgen.layout.contact import ContactItem, ContactLine
from cvgen.layout.icons import draw_icon, icon_box, icon_for_network, icon_names
from tests.pdfread import fonts, link_uris

FONT_SIZE = 9.6
ICON_SIZE = 8.6
ICON_RED = (0xE0, 0x10, 0x10)

ITEMS = [
    ContactItem("hz3496@nyu.edu", "mailto:hz3496@nyu.edu", "email"),
    ContactItem("Personal Homepage", "https://tarzanzhao.github.io/", "homepage"),
    ContactItem("GitHub", "https://github.com/TarzanZhao", "github"),
    ContactItem("Google Scholar", "https://scholar.google.com/citations?user=a", "google-scholar"),
    ContactItem("DBLP", "https://dblp.org/pid/000/0000.html", "dblp"),
    ContactItem("LinkedIn", "https://www.linkedin.com/in/someone", "linkedin"),
    ContactItem("Zhihu", "https://www.zhihu.com/people/someone", "zhihu"),
    ContactItem("ORCID", "https://orcid.org/0000-0002-1825-0097", "orcid"),
    ContactItem("arXiv", "https://arxiv.org/a/someone_1", "arxiv"),
    ContactItem("+1 212 555 0100", "tel:+12125550100", "phone"),
    ContactItem("New York, NY", None, "location"),
]

_UNREADABLE = re.compile("[\x00\ue000-\uf8ff]")


def contact_line(items: list[ContactItem], **options: object) -> ContactLine:
    family = register_fonts()
    settings: dict[str, object] = {
        "font_name": family,
        "font_size_pt": FONT_SIZE,
        "color": HexColor("#000000"),
        "link_color": HexColor("#1020c0"),
        "icon_color": HexColor("#{:02x}{:02x}{:02x}".format(*ICON_RED)),
        "icon_size_pt": ICON_SIZE,
        "gap_pt": 9.0,
        "separator": None,
    }
    settings.update(options)
    return ContactLine(items, **settings)  # type: ignore[arg-type]


def build(path: Path, line: ContactLine, *, page: tuple[float, float] = (595.0, 842.0)) -> Path:
    family = register_fonts()
    doc = SimpleDocTemplate(
        str(path),
        pagesize=page,
        leftMargin=36,
        rightMargin=36,
        topMargin=36,
        bottomMargin=36,
        initialFontName=family,
    )
    doc.build([line])
    return path


def words(text: str) -> list[str]:
    return text.split()


def expected_words(items: list[ContactItem]) -> list[str]:
    return [word for item in items for word in item.text.split()]


@pytest.fixture(scope="module")
def contact_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("icons") / "contact.pdf", contact_line(ITEMS))


# ---------------------------------------------------------------- the icon table


def test_the_contact_and_profile_icons_exist() -> None:
    wanted = {
        "email",
        "homepage",
        "phone",
        "location",
        "github",
        "linkedin",
        "google-scholar",
        "orcid",
        "dblp",
        "arxiv",
        "x",
        "twitter",
        "zhihu",
    }
    assert wanted <= set(icon_names())
    assert icon_names() == sorted(icon_names())


@pytest.mark.parametrize("name", icon_names())
def test_every_icon_has_an_outline_in_a_bundled_font(name: str) -> None:
    filename, _ = icons.ICONS[name]
    assert (icons.icons_dir() / filename).is_file()
    box = icon_box(name, 512)
    assert 200 < box.width <= 700
    assert box.bottom < box.top and box.bottom > -100 and box.top < 470


def test_bundled_icon_fonts_carry_their_licences() -> None:
    folder = icons.icons_dir()
    assert "SIL Open Font License" in (folder / "LICENSE-FontAwesome.txt").read_text()
    assert "CC BY 4.0" in (folder / "LICENSE-FontAwesome.txt").read_text()
    assert "SIL Open Font License" in (folder / "OFL-Academicons.txt").read_text()
    used = {filename for filename, _ in icons.ICONS.values()}
    assert used == {p.name for p in folder.glob("*.ttf")}  # every font bundled is used


@pytest.mark.parametrize(
    ("network", "icon"),
    [
        ("GitHub", "github"),
        ("github", "github"),
        ("Google Scholar", "google-scholar"),
        ("google-scholar", "google-scholar"),
        ("DBLP", "dblp"),
        ("dblp", "dblp"),
        ("LinkedIn", "linkedin"),
        ("Zhihu", "zhihu"),
        ("ORCID", "orcid"),
        ("arXiv", "arxiv"),
        ("ArXiv", "arxiv"),
        ("X", "x"),
        ("X (Twitter)", "x"),
        ("Twitter", "twitter"),
        ("  Semantic Scholar ", "semantic-scholar"),
        ("Stack Overflow", "stack-overflow"),
    ],
)
def test_networks_map_to_icons_whatever_the_case(network: str, icon: str) -> None:
    assert icon_for_network(network) == icon


@pytest.mark.parametrize("network", ["Myspace", "", "Scholar Portal X"])
def test_unknown_networks_have_no_icon(network: str) -> None:
    assert icon_for_network(network) is None


def test_an_unknown_icon_is_a_clear_error(tmp_path: Path) -> None:
    canvas = Canvas(str(tmp_path / "x.pdf"))
    with pytest.raises(KeyError, match="no icon named 'myspace'"):
        draw_icon(canvas, "myspace", 0, 0, 10, HexColor("#000000"))


def test_outlines_are_parsed_once() -> None:
    assert icons._outline("github") is icons._outline("github")
    assert icons._font(icons.FA_BRANDS) is icons._font(icons.FA_BRANDS)


def test_the_shipped_outlines_are_what_the_fonts_hold() -> None:
    # A build reads fonts/icons/outlines.json, never the fonts: after changing a font or
    # the ICONS table, run scripts/make_icon_outlines.py.
    shipped = icons.shipped_outlines()
    assert sorted(shipped) == icon_names(), "run scripts/make_icon_outlines.py"
    assert shipped == json.loads(json.dumps(icons.outlines_from_fonts())), (
        "fonts/icons/outlines.json is stale: run scripts/make_icon_outlines.py"
    )


def test_icons_are_paths_only(tmp_path: Path) -> None:
    path = tmp_path / "one.pdf"
    canvas = Canvas(str(path), pageCompression=0)
    draw_icon(canvas, "github", 100, 100, 20, HexColor("#000000"))
    canvas.save()
    page = PdfReader(path).pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    assert not re.search(r"\bT[jJ]\b|['\"]\s*$", content, re.MULTILINE)  # no text is shown
    # a filled path with curves
    assert re.search(r"\bc\b", content) and re.search(r"^f$", content, re.MULTILINE)
    assert page.extract_text().strip() == ""


# ---------------------------------------------------------------- the contact line in a PDF


def test_text_layer_holds_only_the_texts_in_reading_order(contact_pdf: Path) -> None:
    text = PdfReader(contact_pdf).pages[0].extract_text()
    assert not _UNREADABLE.search(text), text
    assert words(text) == expected_words(ITEMS)


def test_each_linked_item_is_a_link(contact_pdf: Path) -> None:
    assert link_uris(contact_pdf) == [item.url for item in ITEMS if item.url]


def test_icon_fonts_stay_out_of_the_pdf(contact_pdf: Path) -> None:
    used = fonts(contact_pdf)
    assert used and all(embedded for embedded in used.values()), used
    assert all("Lato" in name for name in used), used
    data = contact_pdf.read_bytes()
    assert b"Awesome" not in data and b"cademicons" not in data


def _annotation_rects(pdf: Path) -> list[tuple[float, float, float, float]]:
    page = PdfReader(pdf).pages[0]
    return [tuple(float(v) for v in a.get_object()["/Rect"]) for a in page["/Annots"]]  # type: ignore[misc]


def test_icons_really_draw_before_their_texts(contact_pdf: Path) -> None:
    import pypdfium2

    scale = 4.0
    document = pypdfium2.PdfDocument(contact_pdf)
    page = document[0]
    page_height = page.get_height()
    image = page.render(scale=scale).to_pil().convert("RGB")
    document.close()

    def red_pixels(x0: float, y0: float, x1: float, y1: float) -> int:
        """Pixels with red > 150, green < 110 and blue < 110, counted by Pillow (the whole
        page is eight million pixels: a Python loop over them took a third of a second)."""
        from PIL import ImageChops

        left, right = int(x0 * scale), int(x1 * scale)
        top, bottom = int((page_height - y1) * scale), int((page_height - y0) * scale)
        red, green, blue = image.crop((left, top, right, bottom)).split()
        red = red.point(lambda v: 255 if v > 150 else 0)
        green = green.point(lambda v: 255 if v < 110 else 0)
        blue = blue.point(lambda v: 255 if v < 110 else 0)
        every_test = ImageChops.darker(ImageChops.darker(red, green), blue)  # the minimum
        return every_test.histogram()[255]

    linked = [item for item in ITEMS if item.url]
    rects = _annotation_rects(contact_pdf)
    assert len(rects) == len(linked)
    for item, (x0, y0, x1, y1) in zip(linked, rects, strict=True):
        assert item.icon
        icon_width = icon_box(item.icon, ICON_SIZE).width
        icon_area = icon_width * (y1 - y0) * scale * scale
        assert red_pixels(x0, y0, x0 + icon_width, y1) > 0.08 * icon_area, item
        assert red_pixels(x0 + icon_width + 1, y0, x1, y1) == 0, item  # the text is not red
    total = red_pixels(0, 0, image.width / scale, page_height)
    assert total > 0


def test_a_narrow_column_wraps_and_keeps_the_order(tmp_path: Path) -> None:
    line = contact_line(ITEMS)
    _, one_line = contact_line(ITEMS).wrap(10_000, 1_000)
    _, height = line.wrap(200, 1_000)
    assert height >= 3 * one_line
    pdf = build(tmp_path / "narrow.pdf", contact_line(ITEMS), page=(260, 400))
    text = PdfReader(pdf).pages[0].extract_text()
    assert len([row for row in text.splitlines() if row.strip()]) >= 3, text
    assert words(text) == expected_words(ITEMS)
    assert link_uris(pdf) == [item.url for item in ITEMS if item.url]


def test_an_item_wider_than_the_column_stands_alone() -> None:
    items = [ContactItem("a" * 80, None, "email"), ContactItem("b", None, None)]
    _, height = contact_line(items).wrap(100, 1_000)
    _, one_line = contact_line(items[1:]).wrap(100, 1_000)
    assert height == pytest.approx(2 * one_line)


def test_a_separator_is_text_between_items(tmp_path: Path) -> None:
    pdf = build(tmp_path / "sep.pdf", contact_line(ITEMS[:3], separator="·", gap_pt=5.0))
    text = PdfReader(pdf).pages[0].extract_text()
    assert words(text) == ["hz3496@nyu.edu", "·", "Personal", "Homepage", "·", "GitHub"]


def test_left_alignment_starts_at_the_frame_edge() -> None:
    line = contact_line(ITEMS[:2], align="left")
    line.wrap(400, 100)
    centred = contact_line(ITEMS[:2])
    centred.wrap(400, 100)
    assert line._lines[0][0].x == 0
    assert centred._lines[0][0].x > 0
    with pytest.raises(ValueError, match="align"):
        contact_line(ITEMS, align="middle")


def test_the_contact_block_never_splits() -> None:
    line = contact_line(ITEMS)
    line.wrap(200, 1_000)
    assert line.split(200, 10) == []


def test_icons_stand_upright(tmp_path: Path) -> None:
    """The location pin is round at the top and pointed at the bottom."""
    import pypdfium2

    path = tmp_path / "pin.pdf"
    canvas = Canvas(str(path), pagesize=(100, 100))
    draw_icon(canvas, "location", 20, 20, 60, HexColor("#000000"))
    canvas.save()
    document = pypdfium2.PdfDocument(path)
    image = document[0].render(scale=2).to_pil().convert("L")
    document.close()
    box = icon_box("location", 60)
    top = int((100 - (20 + box.top)) * 2)  # pixel rows, downwards
    bottom = int((100 - (20 + box.bottom)) * 2)

    def ink_width(row: int) -> int:
        return sum(1 for x in range(image.width) if image.getpixel((x, row)) < 128)

    upper = ink_width(top + (bottom - top) // 4)
    lower = ink_width(top + 3 * (bottom - top) // 4)
    assert upper > 1.4 * lower > 0


def test_runs_in_other_fonts_are_measured_and_drawn_in_them(tmp_path: Path) -> None:
    """A text splitter (fonts.font_runs in the header) may hand runs to other faces."""
    bold = register_fonts() + "-Bold"

    def words_in_bold(text: str) -> list[tuple[str | None, str]]:
        parts = re.split(r"([A-Za-z]+)", text)
        return [(bold if part.isalpha() else None, part) for part in parts if part]

    items = [ContactItem("Room 301, Building 7", None, "location"), ITEMS[0]]
    plain, split = contact_line(items), contact_line(items, text_runs=words_in_bold)
    plain.wrap(500, 100)
    split.wrap(500, 100)
    width = [line._lines[0][0].end - line._lines[0][0].x for line in (plain, split)]
    assert width[1] > width[0] + 1  # bold letters are wider
    pdf = build(tmp_path / "runs.pdf", contact_line(items, text_runs=words_in_bold))
    assert words(PdfReader(pdf).pages[0].extract_text()) == expected_words(items)
    assert any(name.endswith("Lato-Bold") for name in fonts(pdf))


def test_underlined_links_are_ruled_under_the_text_only(tmp_path: Path) -> None:
    pdf = tmp_path / "underline.pdf"
    canvas = Canvas(str(pdf), pageCompression=0)
    line = contact_line(ITEMS[:1] + ITEMS[-1:], underline_links=True)
    line.wrap(500, 100)
    line.drawOn(canvas, 0, 100)
    canvas.save()
    content = PdfReader(pdf).pages[0].get_contents().get_data().decode("latin-1")
    strokes = re.findall(r"^n ([\d.]+) ([\d.]+) m ([\d.]+) [\d.]+ l S$", content, re.MULTILINE)
    assert len(strokes) == 1  # one linked item; "New York, NY" has no link
    start = float(strokes[0][0])
    first = line._lines[0][0]
    assert start == pytest.approx(first.text_x, abs=0.01)
