"""Hostile .bib files: `cvgen import bibtex` either writes a publications section that loads
or fails in one located line, never another exception; and what made big files slow stays
fixed (pylatexenc's macro table built once, plain text not sent through it at all). How long
the floods take is measured by bench/hostile_imports.py, not here."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cvgen.errors import CvgenError
from cvgen.formats import bibtex_latex
from cvgen.formats.bibtex import read_bibtex
from cvgen.formats.contract import finish_import
from cvgen.loader import profile_problems
from tests.conftest import FUZZ_EXAMPLES as EXAMPLES

# --- LaTeX to text: the fast path (no LaTeX but braces) says exactly what pylatexenc says --------------------

plainish = st.text(
    st.sampled_from(list("aZé中0 .,:;!?'\"-()[]<>/*+=@|\n\t\xa0\xad{}{}"))
    | st.characters(codec="utf-8"),
    max_size=40,
)


@settings(max_examples=EXAMPLES * 8, deadline=None)
@given(value=plainish)
def test_text_without_latex_reads_as_pylatexenc_reads_it(value: str):
    if bibtex_latex._LATEX_SYNTAX.search(value):
        return
    try:
        expected = bibtex_latex._latex_converter().latex_to_text(value)
    except Exception:  # pylatexenc's own crash; not a question for the fast path
        return
    assert bibtex_latex.latex_to_text(value) == " ".join(
        expected.replace("\xa0", " ").replace("\xad", "").split()
    )


def test_the_macro_table_is_built_once_for_a_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """It was built again for every value: 150,000 small entries took 80 s."""
    import pylatexenc.latexwalker as walker

    built = []
    original = walker.get_default_latex_context_db
    monkeypatch.setattr(
        walker, "get_default_latex_context_db", lambda: built.append(1) or original()
    )
    bibtex_latex._latex_context.cache_clear()
    bibtex_latex._pylatexenc_text.cache_clear()
    entries = "".join(
        f"@misc{{k{i}, title = {{M{{\\\"u}}ller's {i}--{i + 1}}}, author = {{Jo {i}}}}}\n"
        for i in range(50)
    )
    path = tmp_path / "refs.bib"
    path.write_text(entries, encoding="utf-8")
    publications = read_bibtex(path).data["sections"][0]["entries"]
    assert len(publications) == 50 and publications[0]["title"] == "Müller's 0–1"
    assert len(built) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "\n" * 5 + "@misc{a, title={A}}\n\n@misc{b,\n  title = {B\n\n  note = {x}\n}\n",
            "8: entry 'b' is never closed: '}' missing",
        ),
        (  # the line of the next entry is asked first, then the line before it
            "x\n\n @misc{a, title = {A\n\n@misc{b, title={B}}\n",
            "3: unbalanced braces: this '{' is not closed before the next entry (line 5)",
        ),
        (
            "\n\n@misc{a, title={x}}\n@misc{A, title={y}}\n",
            "4: duplicate key 'A' (first on line 3)",
        ),
    ],
)
def test_lines_are_counted_right_forward_and_back(tmp_path: Path, text: str, message: str):
    """Lines are counted on demand from the last position asked about, in both directions."""
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CvgenError) as error:
        read_bibtex(path)
    assert str(error.value) == f"{path}:{message}"


# --- Fuzz: hostile-but-plausible .bib files --------------------------------------------

WORDS = ["Deep", "Learning", "Müller", "中文", "ελληνικά", "Hexu Zhao", "and", "et al.", "2021"]
WORDS += ["x" * 300, "Doe, Jane", "{IEEE}", "Jan", "https://a.org/p", "10.1/x", "2101.00001"]
LATEX = ['\\"u', "{\\'E}", "\\ss", "--", "---", "~", "$\\alpha$", "\\url{https://a.org}"]
NOISE = ["{", "}", '"', "#", "@", "%", ",", "=", "(", ")", "\\", "\n", "\x00", "\u200b", "\ufeff"]
# Mostly text a .bib holds; now and then a character that breaks the syntax.
clean_piece = st.sampled_from(WORDS + LATEX) | st.text(
    st.characters(codec="utf-8", exclude_characters='{}"\\@%#'), max_size=6
)
clean_text = st.lists(clean_piece, max_size=6).map(" ".join)
noisy_text = st.lists(clean_piece | st.sampled_from(NOISE), max_size=8).map("".join)
value_text = st.one_of(*[clean_text] * 9, noisy_text)
macro_name = st.sampled_from(["jan", "feb", "dec", "s0", "s1", "conf"] * 3 + ["undefined", "a b"])
# Most files define the macros they use; the fuzz still tries a file that does not.
MACROS = '@string{s0 = "Proc. of {ICML}"}\n@string{s1 = s0 # ", 2021"}\n@string{conf = {NeurIPS}}\n'


@st.composite
def field_value(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            st.one_of(
                value_text.map(lambda v: "{" + v + "}"),
                value_text.map(lambda v: "{" + v + "}"),
                value_text.map(lambda v: '"' + v.replace('"', "") + '"'),
                st.integers(0, 2100).map(str),
                macro_name,
            ),
            min_size=1,
            max_size=3,
        )
    )
    return " # ".join(parts)


FIELDS = ["author", "author", "editor", "year", "year", "month", "date"]
FIELDS += ["booktitle", "journal", "pages", "volume", "url", "doi", "eprint", "howpublished"]
FIELDS += ["note", "crossref", "keywords", "abstract", "Title"]


@st.composite
def entry(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["article", "inproceedings", "misc", "proceedings", "phdthesis"]))
    keys = ["k1", "k2", "k3", "k4", "k5", "k6", "K1", "conf", "a:b/2020"]
    key = draw(st.sampled_from(keys * 3 + [""]))
    fields = draw(st.lists(st.tuples(st.sampled_from(FIELDS), field_value()), max_size=6))
    if draw(st.integers(0, 19)):  # an entry without a title is an error: mostly give one
        fields.insert(0, ("title", "{" + draw(st.sampled_from(WORDS)) + draw(clean_text) + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    open_, close = draw(
        st.sampled_from([("{", "}")] * 8 + [("(", ")"), ("(", ")"), ("{", ""), ("{", ")")])
    )
    return f"@{kind}{open_}{key},\n{body}\n{close}\n"


@st.composite
def bib_file(draw: st.DrawFn) -> str:
    other = st.one_of(
        st.tuples(macro_name, field_value()).map(lambda p: f"@string{{{p[0]} = {p[1]}}}\n"),
        value_text.map(lambda v: f"% {v}\n"),
        value_text.map(lambda v: f"@comment{{{v}}}\n"),
        value_text.map(lambda v: f"@preamble{{{v}}}\n"),
        st.integers(1, 3000).map(lambda n: "@" * n),
        st.integers(1, 3000).map(lambda n: " " * n),
        value_text,
    )
    entries = draw(st.lists(entry(), min_size=1, max_size=4))
    between = draw(st.lists(other, min_size=len(entries), max_size=len(entries)))
    chunks = [chunk for pair in zip(between, entries, strict=True) for chunk in pair]
    return (MACROS if draw(st.integers(0, 4)) else "") + "".join(chunks)


def imported_or_one_line(text: str) -> None:
    """The property: a section that loads as the profile loader reads it, or one line."""
    with TemporaryDirectory() as folder:
        path = Path(folder) / "refs.bib"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            finished = finish_import(read_bibtex(path), output=Path(folder) / "p.yaml")
        except CvgenError as error:
            message = str(error)
            assert "\n" not in message and message.startswith(str(path)), message
            event("one-line error")
            return
        fragment = "person: {name: Stand-in}\n" + finished.text
        assert profile_problems(fragment, file=Path(folder) / "p.yaml") == []
        for note in finished.notes:
            assert "\n" not in str(note) and str(note).startswith(str(path))
        entries = yaml.safe_load(finished.text)["sections"][0]["entries"]
        event("imported, with entries" if entries else "imported, no entries")


@pytest.mark.fuzz
@settings(
    max_examples=EXAMPLES * 4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=bib_file())
def test_any_bib_file_imports_or_fails_in_one_line(text: str):
    imported_or_one_line(text)
