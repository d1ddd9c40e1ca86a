"""BibTeX → publications: fields, names, LaTeX, equal contribution, errors, and a built CV."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvgen.build import build_cv
from cvgen.errors import CvgenError
from cvgen.formats.bibtex import bibtex_publications, latex_to_text, read_bibtex
from cvgen.formats.contract import finish_import
from cvgen.formats.yaml_out import dump_profile_yaml
from cvgen.profile import Profile
from cvgen.validation import validate
from tests.conftest import FIXTURES
from tests.conftest import FUZZ_EXAMPLES as EXAMPLES
from tests.pdfread import bold_text, full_text, link_uris, normalize

REFS = FIXTURES / "bibtex" / "refs.bib"


def bib(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    return path


def one_entry(tmp_path: Path, fields: str, kind: str = "article") -> dict:
    [entry] = bibtex_publications(bib(tmp_path, f"@{kind}{{key,\n  title = {{T}},\n{fields}\n}}\n"))
    return entry


def test_fixture_entries_field_by_field():
    entries = bibtex_publications(REFS)
    assert entries == [
        {
            "title": "Development of a Doctor-in-the-loop Interpretation Framework for Insulin Titration",
            "url": "https://example.org/insulin_titration",
            "authors": ["Haowei He*", "Zhen Ying*", "Hexu Zhao", "Yang Yuan", "et al."],
            "date": "2024",
        },
        {
            "title": "On Optimizing the Communication of Model Parallelism",
            "url": "https://arxiv.org/abs/2211.05322",
            "authors": [
                "Yonghao Zhuang*",
                "Hexu Zhao*",
                "Lianmin Zheng",
                "Zhuohan Li",
                "Eric P. Xing",
                "Qirong Ho",
                "Joseph E. Gonzalez",
                "Ion Stoica",
                "Hao Zhang",
            ],
            "venue": "Proceedings of Machine Learning and Systems (MLSys 2023)",
            "date": "2023-06",
            "links": [{"label": "arXiv", "url": "https://arxiv.org/abs/2211.05322"}],
        },
        {
            "title": "Fully Hyperbolic Neural Networks",
            "url": "https://aclanthology.org/2022.acl-long.389",
            "authors": [
                "Weize Chen",
                "Xu Han",
                "Yankai Lin",
                "Hexu Zhao",
                "Zhiyuan Liu",
                "Peng Li",
                "Maosong Sun",
                "Jie Zhou",
            ],
            "venue": "Proceedings of the 60th Annual Meeting of the ACL",
            "date": "2022",
            "links": [{"label": "DOI", "url": "https://doi.org/10.18653/v1/2022.acl-long.389"}],
        },
        {
            "title": "Gödel, Escher and the Dvořák Layout – a Study",
            "url": "https://doi.org/10.1000/j.kb.2021.07",
            "authors": ["Antonín Dvořák*", "Jürgen Müller*", "Kurt Gödel", "Hans Peter Straße"],
            "venue": "Journal of Keyboards",
            "date": "2021-10",
            "note": "Best paper award",
            "links": [
                {"label": "DOI", "url": "https://doi.org/10.1000/j.kb.2021.07"},
                {"label": "PDF", "url": "https://example.org/papers/dvorak2021.pdf"},
            ],
        },
    ]


def test_entries_are_valid_publications():
    section = {
        "title": "Publications",
        "kind": "publications",
        "entries": bibtex_publications(REFS),
    }
    profile = validate(Profile, {"person": {"name": "Hexu Zhao"}, "sections": [section]})
    first = profile.sections[0].entries[1]
    assert [a.name for a in first.authors if a.equal] == ["Yonghao Zhuang", "Hexu Zhao"]


def test_keys_choose_entries_in_their_order():
    entries = bibtex_publications(REFS, keys=["Dvorak2021", "zhuang2023optimizing", "DVORAK2021"])
    assert [e["date"] for e in entries] == ["2021-10", "2023-06"]


def test_unknown_key_names_it_and_the_file():
    with pytest.raises(CvgenError) as caught:
        bibtex_publications(REFS, keys=["zhuang2023optimizing", "nobody2020"])
    assert str(caught.value) == f"{REFS}: no entry with key 'nobody2020'"


def test_same_date_keeps_file_order_and_undated_go_last(tmp_path):
    path = bib(
        tmp_path,
        """
        @misc{a, title = {Undated}}
        @misc{b, title = {B}, year = 2020}
        @misc{c, title = {C}, year = 2021}
        @misc{d, title = {D}, year = 2020}
        @misc{e, title = {E}, year = 2020, month = dec}
    """,
    )
    assert [e["title"] for e in bibtex_publications(path)] == ["C", "E", "B", "D", "Undated"]


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"Dvo{\v{r}}{\'a}k", "Dvořák"),
        (r"M{\"u}ller", "Müller"),
        (r"G\"{o}del", "Gödel"),
        (r"{\v r}", "ř"),
        (r"Stra\ss{}e", "Straße"),
        (r"Anton{\'\i}n", "Antonín"),
        (r"{\o}stergaard {\AA}se \L{}ukasz", "østergaard Åse Łukasz"),
        ("Hans~Peter", "Hans Peter"),
        ("On {BERT} and {GPT}", "On BERT and GPT"),
        ("pages 1--10, a---b", "pages 1–10, a—b"),
        (r"R\&D, 50\%", "R&D, 50%"),
        (r"\emph{Deep} \textbf{Nets}", "Deep Nets"),
        (r"$\alpha$-Nets", "α-Nets"),
        ("hy\\-phen  and\n  lines", "hyphen and lines"),
        (r"\href{http://x.org}{bad macro}", "http://x.org bad macro"),  # pylatexenc crashes here
    ],
)
def test_latex_to_text(latex, text):
    assert latex_to_text(latex) == text


@pytest.mark.parametrize(
    ("author", "shown"),
    [
        ("Doe, Jane", ["Jane Doe"]),
        ("Jane Doe", ["Jane Doe"]),
        ("van der Berg, Anna", ["Anna van der Berg"]),
        ("Anna van der Berg", ["Anna van der Berg"]),
        ("King, Jr., Martin Luther", ["Martin Luther King Jr."]),
        ("{Barnes and Noble, Inc.} and Doe, J.", ["Barnes and Noble, Inc.", "J. Doe"]),
        ("Doe, Jane AND Roe, Rick and others", ["Jane Doe", "Rick Roe", "et al."]),
        ("Doe*, Jane and Roe, Rick*", ["Jane Doe*", "Rick Roe*"]),
        (
            r"Jane Doe\textsuperscript{*} and Rick Roe$^*$ and Ann Poe",
            ["Jane Doe*", "Rick Roe*", "Ann Poe"],
        ),
    ],
)
def test_author_names(tmp_path, author, shown):
    assert one_entry(tmp_path, f"  author = {{{author}}},")["authors"] == shown


@pytest.mark.parametrize(
    "equal",
    ["Zhuang, Zhao", "Yonghao Zhuang, Hexu Zhao", "Zhuang, Yonghao and Zhao, Hexu", "zhuang; ZHAO"],
)
def test_equal_field_by_family_or_full_names(tmp_path, equal):
    entry = one_entry(
        tmp_path,
        f"  author = {{Zhuang, Yonghao and Zhao, Hexu and Li, Zhuohan}},\n  equal = {{{equal}}},",
    )
    assert entry["authors"] == ["Yonghao Zhuang*", "Hexu Zhao*", "Zhuohan Li"]


def test_equal_naming_a_stranger_is_an_error(tmp_path):
    path = bib(
        tmp_path, "@article{k,\n  title = {T},\n  author = {Doe, Jane},\n  equal = {Roe},\n}\n"
    )
    with pytest.raises(CvgenError) as caught:
        bibtex_publications(path)
    assert str(caught.value) == f"{path}:4: k.equal: 'Roe' is not among the authors"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ("year = 2020, month = jun", "2020-06"),
        ("year = {2020}, month = {June}", "2020-06"),
        ("year = {2020}, month = {Sept.}", "2020-09"),
        ("year = 2020, month = 11", "2020-11"),
        ("year = {2020}, month = {Summer}", "2020"),
        ("year = {in press}", None),
    ],
)
def test_dates(tmp_path, fields, expected):
    assert one_entry(tmp_path, "  " + fields).get("date") == expected


def test_links_from_doi_eprint_pdf_and_url(tmp_path):
    entry = one_entry(
        tmp_path,
        """
        doi = {doi:10.1000/ABC_1},
        eprint = {arXiv:2105.14686v2},
        pdf = {https://example.org/paper.pdf},
    """,
    )
    assert entry["url"] == "https://doi.org/10.1000/ABC_1"
    assert entry["links"] == [
        {"label": "DOI", "url": "https://doi.org/10.1000/ABC_1"},
        {"label": "arXiv", "url": "https://arxiv.org/abs/2105.14686v2"},
        {"label": "PDF", "url": "https://example.org/paper.pdf"},
    ]
    only_url = one_entry(
        tmp_path, "  url = {example.org/a\\_b.pdf}, eprint = {1234}, archiveprefix = {other}"
    )
    assert only_url["url"] == "https://example.org/a_b.pdf"
    assert only_url["links"] == [{"label": "PDF", "url": "https://example.org/a_b.pdf"}]


def test_syntax_strings_joins_comments_and_parentheses(tmp_path):
    path = bib(
        tmp_path,
        """
        Free text and an address like someone@example.org are comments.
        % @article{off, title = {Switched off}}
        @COMMENT{ anything {nested} }
        @preamble{ "\\newcommand{\\x}{y}" }
        @String(conf = "Conf. on " # {Things})
        @InProceedings(k1,
          Title = "A {"}quoted{"} title",
          BookTitle = conf # " 2020",
          Year = 2020)
    """,
    )
    assert bibtex_publications(path) == [
        {"title": 'A "quoted" title', "venue": "Conf. on Things 2020", "date": "2020"}
    ]


def test_text_with_markup_characters_stays_literal(tmp_path):
    entry = one_entry(tmp_path, "  note = {a*b* and [x](https://e.org)}")
    profile = validate(
        Profile,
        {
            "person": {"name": "A"},
            "sections": [{"title": "P", "kind": "publications", "entries": [entry]}],
        },
    )
    from cvgen.inline import parse_inline

    assert [span.text for span in parse_inline(profile.sections[0].entries[0].note)] == [
        "a*b* and [x](https://e.org)"
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "@article{a,\n  title = {Open {brace},\n  year = {2020}\n}\n\n@article{b, title = {B}}\n",
            2,
            "a.title: unbalanced braces: the value runs on to line 4",
        ),
        (
            "@article{a,\n  title = {Open {brace,\n  year = {2020}\n}\n\n@article{b, title = {B}}\n",
            2,
            "unbalanced braces: this '{' is not closed before the next entry (line 6)",
        ),
        (
            "@article{a,\n  title = {T}}}\n}",
            None,
            None,
        ),  # a stray brace after an entry is junk text
        ("@article{a,\n  author = {Doe, Jane},\n  year = 2020\n}\n", 1, "entry 'a' has no title"),
        ("@article{a,\n  title = {   },\n}\n", 1, "entry 'a' has no title"),
        (
            "@article{a,\n  title = {T}\n  year = 2020\n}\n",
            2,
            "expected ',' or '}' after the value of 'title', found 'y'",
        ),
        (
            "@article{a,\n  title = {T},\n  year = 2020\n",
            1,
            "entry 'a' is never closed: '}' missing",
        ),
        ('@article{a,\n  title = "T,\n}\n', 2, "unclosed quote"),
        ("@article{a,\n  title = {T},\n  journal = jmlr,\n}\n", 3, "unknown @string name 'jmlr'"),
        (
            "@article{a, title = {T}}\n@book{A, title = {U}}\n",
            2,
            "duplicate key 'A' (first on line 1)",
        ),
        (
            "@article{a,\n  title = {T},\n  Title = {U},\n}\n",
            3,
            "a.title: duplicate field (first on line 2)",
        ),
        (
            "@article{a,\n  title = {T},\n  url = {javascript:alert(1)},\n}\n",
            3,
            "a.url: links may be",
        ),
        ("@article{,\n  title = {T},\n}\n", 1, "@article entry has no citation key"),
    ],
)
def test_invalid_bibtex_is_one_line_with_file_and_line(tmp_path, text, line, message):
    path = bib(tmp_path, text)
    if message is None:
        assert [e["title"] for e in bibtex_publications(path)] == ["T"]
        return
    with pytest.raises(CvgenError) as caught:
        bibtex_publications(path)
    shown = str(caught.value)
    assert "\n" not in shown
    assert shown.startswith(f"{path}:{line}: ")
    assert message in shown


def test_unreadable_files(tmp_path):
    with pytest.raises(CvgenError, match="no such BibTeX file"):
        bibtex_publications(tmp_path / "missing.bib")
    latin1 = tmp_path / "latin1.bib"
    latin1.write_bytes("@article{a,\n  title = {Gödel}}\n".encode("latin-1"))
    with pytest.raises(CvgenError) as caught:
        bibtex_publications(latin1)
    assert str(caught.value).startswith(f"{latin1}:2: not UTF-8 text")


def test_yaml_for_the_import_command_is_a_publications_section():
    text = finish_import(read_bibtex(REFS), output=None).text
    assert text.startswith("# ")
    data = yaml.safe_load(text)
    [section] = data["sections"]
    assert section["kind"] == "publications"
    validate(Profile, {"person": {"name": "Hexu Zhao"}, "sections": [section]})
    assert "Dvořák" in text  # written as UTF-8, not \u escapes


def test_profile_from_bibtex_builds_with_the_owner_in_bold(tmp_path):
    profile = {
        "person": {"name": "Hexu Zhao", "email": "hz3496@nyu.edu"},
        "sections": [
            {"title": "Publications", "kind": "publications", "entries": bibtex_publications(REFS)}
        ],
    }
    path = tmp_path / "profile.yaml"
    path.write_text(dump_profile_yaml(profile), encoding="utf-8")
    pdf = build_cv(path, on=date(2024, 1, 1), output_dir=tmp_path).path

    text = full_text(pdf)
    for expected in [
        "Antonín Dvořák*",
        "Jürgen Müller*",
        "Kurt Gödel",
        "Hans Peter Straße",
        "Gödel, Escher and the Dvořák Layout – a Study",
        "* Equal contribution",
    ]:
        assert normalize(expected) in text, expected
    assert "https://arxiv.org/abs/2211.05322" in link_uris(pdf)
    assert "https://doi.org/10.1000/j.kb.2021.07" in link_uris(pdf)

    bold = bold_text(pdf)
    assert "Hexu Zhao*" in bold
    assert bold.count("Hexu Zhao") == 3
    assert "Lianmin Zheng" not in bold


# --- any text: entries or one clear line, never a traceback ----------------------------

bib_text = st.text(alphabet='@{}"#=,()% \n\\~*$^atiledrk', max_size=80)


@pytest.mark.fuzz
@settings(max_examples=EXAMPLES * 4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(whole=bib_text, title=bib_text)
def test_any_text_reads_or_fails_in_one_line(whole, title):
    with TemporaryDirectory() as folder:
        for text in (whole, f"@article{{k,\n  title = {{{title}}},\n  author = {{{title}}},\n}}\n"):
            path = Path(folder) / "refs.bib"
            path.write_text(text, encoding="utf-8")
            try:
                entries = bibtex_publications(path)
            except CvgenError as error:
                assert "\n" not in str(error) and str(error).startswith(f"{path}")
                continue
            section = {"title": "P", "kind": "publications", "entries": entries}
            validate(Profile, {"person": {"name": "A"}, "sections": [section]})
