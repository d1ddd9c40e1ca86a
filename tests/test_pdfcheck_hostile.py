"""`cvgen check --pdf` on malformed and unusual PDFs: one line and exit 1 for what cannot be
judged, never exit 3; a ToUnicode map asked for only where the encoding says nothing; a
damaged cross-reference table reported. Mutated PDFs are fuzzed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pikepdf import Array, Dictionary, Name
from reportlab.pdfgen.canvas import Canvas
from typer.testing import CliRunner

from cvgen.cli import app
from tests.conftest import FUZZ_EXAMPLES as EXAMPLES


def plain_pdf(path: Path) -> Path:
    canvas = Canvas(str(path))
    canvas.setTitle("CV of Jane Doe")
    canvas.setAuthor("Jane Doe")
    canvas.drawString(72, 720, "Jane Doe")
    canvas.linkURL("https://example.org", (72, 700, 200, 720))
    canvas.save()
    return path


def edited(path: Path, change: Callable[[pikepdf.Pdf], None]) -> Path:
    plain_pdf(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        change(pdf)
        pdf.save(path)
    return path


def check(path: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check", "--pdf", str(path)])
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def one_line(path: Path) -> str:
    status, stdout, stderr = check(path)
    assert status == 1 and stdout == ""
    [line] = stderr.splitlines()
    assert line.startswith(f"{path}: ")
    return line.removeprefix(f"{path}: ")


# --- Malformed: one line, exit 1 ------------------------------------------------------


def _annotation_is_a_number(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].obj.Annots = Array([42])


def _flat_dag(pdf: pikepdf.Pdf) -> None:
    leaf = pdf.pages[0].obj
    pdf.Root.Pages.Kids = Array([leaf] * 100_001)
    pdf.Root.Pages.Count = 100_001


def _nested_dag(pdf: pikepdf.Pdf) -> None:
    # 18 levels, each node listing the one below twice: 2^18 pages from a few objects.
    node = pdf.pages[0].obj
    for _ in range(18):
        parent = pdf.make_indirect(Dictionary(Type=Name.Pages, Kids=Array([node, node]), Count=2))
        node.Parent = parent
        node = parent
    pdf.Root.Pages = node


def _parent_loop(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[0].obj
    page.Parent = page


def _form_draws_itself(pdf: pikepdf.Pdf) -> None:
    form = pdf.make_stream(b"/F0 Do", Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 9, 9])
    form.Resources = Dictionary(XObject=Dictionary(F0=form))
    pdf.pages[0].obj.Resources.XObject = Dictionary(F0=form)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_annotation_is_a_number, "malformed PDF: an annotation on page 1 is a number"),
        (_flat_dag, "not a readable PDF"),
        (_nested_dag, "malformed PDF: the page tree reaches object"),
        (_parent_loop, "malformed PDF: a page's /Parent chain loops"),
        (_form_draws_itself, "malformed PDF: a form XObject draws itself"),
    ],
    ids=["annotation-number", "flat-dag-100001", "nested-dag", "parent-loop", "font-loop"],
)
def test_malformed_pdfs_are_one_line(tmp_path: Path, change, message):  # type: ignore[no-untyped-def]
    assert one_line(edited(tmp_path / "bad.pdf", change)).startswith(message)


def test_more_pages_than_a_cv_has(tmp_path: Path):
    def many(pdf: pikepdf.Pdf) -> None:
        for _ in range(1000):
            pdf.pages.append(pdf.pages[0])

    assert "more than 1000 pages; not a CV" in one_line(edited(tmp_path / "big.pdf", many))


# --- Damaged but readable: reported, with the rest of the check ---------------------


def test_damaged_xref_entries_are_reported(tmp_path: Path):
    pdf = plain_pdf(tmp_path / "cv.pdf")
    data = pdf.read_bytes()
    start = data.rindex(b"\nxref\n")
    entries = data[start:].split(b"\n")
    entries[4] = b"0000000999 00000 n "  # object 2 said to be where it is not
    pdf.write_bytes(data[:start] + b"\n".join(entries))
    status, stdout, _ = check(pdf)
    assert status == 1
    assert "PROBLEM  damaged file, repaired on reading: Ignoring wrong pointing object" in stdout


def test_a_sound_file_says_the_structure_check_it_made(tmp_path: Path):
    _, stdout, _ = check(plain_pdf(tmp_path / "cv.pdf"))
    assert "ok       cross-reference table sound (qpdf's full structure check not run)" in stdout


# --- ToUnicode: needed only where the encoding cannot be mapped ---------------------


def _font(pdf: pikepdf.Pdf, **entries: object) -> None:
    program = pdf.make_stream(b"\0" * 16)
    descriptor = Dictionary(Type=Name.FontDescriptor, FontName=Name.Test, FontFile2=program)
    descriptor.Flags = entries.pop("Flags", 32)
    font = Dictionary(Type=Name.Font, BaseFont=Name.Test, FontDescriptor=descriptor, **entries)
    pdf.pages[0].obj.Resources.Font = Dictionary(F1=pdf.make_indirect(font))


@pytest.mark.parametrize(
    ("entries", "needs_map"),
    [
        ({"Subtype": Name.TrueType, "Encoding": Name.MacRomanEncoding}, False),
        ({"Subtype": Name.TrueType, "Encoding": Name.WinAnsiEncoding}, False),
        ({"Subtype": Name.TrueType}, False),  # non-symbolic: the standard encoding
        ({"Subtype": Name.TrueType, "Flags": 4}, True),  # symbolic, no encoding
        (
            {"Subtype": Name.Type1, "Encoding": Dictionary(Differences=Array([65, Name.Aacute]))},
            False,
        ),
        (
            {"Subtype": Name.Type1, "Encoding": Dictionary(Differences=Array([65, Name.g123]))},
            True,
        ),
        ({"Subtype": Name.Type0, "Encoding": Name("/Identity-H")}, True),
        ({"Subtype": Name.Type0, "Encoding": Name("/UniGB-UCS2-H")}, False),
    ],
    ids=[
        "macroman",
        "winansi",
        "nonsymbolic",
        "symbolic",
        "known-glyph-names",
        "unknown-glyph-names",
        "identity-h",
        "unicode-cmap",
    ],
)
def test_tounicode_is_asked_for_only_where_needed(tmp_path: Path, entries, needs_map):  # type: ignore[no-untyped-def]
    pdf = edited(tmp_path / "font.pdf", lambda pdf: _font(pdf, **entries))
    _, stdout, _ = check(pdf)
    assert ("font /Test has no ToUnicode map" in stdout) is needs_map, stdout


# --- Fuzz: mutated PDFs ----------------------------------------------------------------


@pytest.fixture(scope="module")
def sound_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return plain_pdf(tmp_path_factory.mktemp("fuzz") / "cv.pdf").read_bytes()


mutations = st.lists(
    st.tuples(
        st.floats(0, 1, exclude_max=True),  # where
        st.integers(0, 64),  # how many bytes to cut
        st.binary(max_size=64),  # what to put there
    ),
    min_size=1,
    max_size=4,
)


@pytest.mark.fuzz
@settings(
    max_examples=EXAMPLES * 2,  # each example is a whole check: 400 in CI take about 3 min
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(changes=mutations)
def test_mutated_pdfs_give_a_report_or_one_line(
    tmp_path: Path, sound_pdf: bytes, changes: list[tuple[float, int, bytes]]
):
    data = bytearray(sound_pdf)
    for where, cut, insert in changes:
        at = int(where * len(data))
        data[at : at + cut] = insert
    path = tmp_path / "mutated.pdf"
    path.write_bytes(bytes(data))
    status, stdout, stderr = check(path)
    assert status in (0, 1)
    assert stdout.endswith(("problem(s)\n", "no problems found\n")) or len(stderr.splitlines()) == 1
