"""JSON Resume that makes the best CV the data allows: the summary prints, authors in
summaries become author lists with the owner in bold, awards keep awarder and summary,
references keep quote and name apart; notes carry file and line; hostile files end in one
line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cvgen.build import build_cv
from cvgen.cli import app
from cvgen.errors import CvgenError
from cvgen.formats.contract import finish_import
from cvgen.formats.jsonresume import export_jsonresume, import_jsonresume, read_jsonresume
from cvgen.formats.yaml_out import dump_profile_yaml
from cvgen.loader import load_profile
from cvgen.profile import Profile
from cvgen.validation import validate
from tests.conftest import FIXTURES
from tests.conftest import FUZZ_EXAMPLES as EXAMPLES
from tests.pdfread import bold_text, full_text, normalize

LATER_CV = FIXTURES / "jsonresume" / "later-cv.json"


def section(data: dict, title: str) -> dict:
    return next(s for s in data["sections"] if s["title"] == title)


@pytest.fixture(scope="module")
def later() -> tuple[dict, list[str]]:
    imported = read_jsonresume(LATER_CV)
    return imported.data, [str(note) for note in imported.notes]


def test_summary_is_a_printed_section_and_the_bio(later):
    data, _ = later
    summary = json.loads(LATER_CV.read_text())["basics"]["summary"]
    assert data["person"]["bio"] == summary
    assert data["sections"][0] == {"title": "Summary", "kind": "text", "text": summary}


def test_authors_in_summaries_become_author_lists(later):
    data, _ = later
    papers = section(data, "Publications")["entries"]
    assert papers[0]["authors"] == ["Hexu Zhao*", "Chidi Okafor*", "Maren Lind"]
    assert papers[0]["note"] == "We move activations to host memory just in time."
    assert papers[1]["authors"] == ["Maren Lind", "H. Zhao"]
    assert "note" not in papers[1]
    assert "authors" not in papers[2]  # prose stays the note
    assert papers[2]["note"] == "Twelve papers we keep coming back to."
    assert data["person"]["name_variants"] == ["H. Zhao"]


def test_awards_and_references_keep_their_fields(later):
    data, _ = later
    assert section(data, "Awards")["entries"] == [
        {
            "text": "Best Student Paper Award",
            "by": "OSDI",
            "details": "One of two papers chosen from 250 submissions.",
            "start": "2022-07",
        }
    ]
    assert section(data, "References")["entries"] == [
        {
            "name": "Maren Lind",
            "title": "Prof.",
            "quote": "Hexu is the most careful systems student I have advised in ten years.",
        },
        {
            "name": "Chidi Okafor",
            "title": "Dr.",
            "affiliation": "Staff Scientist, Example Lab",
            "email": "chidi@example.org",
        },
    ]


def test_notes_name_file_line_and_field(later):
    _, notes = later
    assert notes == [
        f"{LATER_CV}:5: basics.image: left out: a CV's portrait is a local file:"
        " save the picture and set person.portrait",
        f"{LATER_CV}:12: basics.profiles[1].url: profile left out: links may be http(s),"
        " mailto or tel, not javascript: ('javascript:alert(1)')",
        f"{LATER_CV}:19: work[0].url: link left out: links may be http(s), mailto or tel,"
        " not ftp: ('ftp://lab.example.org')",
        f"{LATER_CV}:30: publications[0].summary: line 1 read as the author list",
        f"{LATER_CV}:30: publications[0].summary: '(* equal contribution)' left out:"
        " the CV prints its own legend for *",
        f"{LATER_CV}:63: meta: left out: data about the document, not about the person",
    ]


def test_round_trip_is_stable_and_fields_go_back_where_they_came_from(later):
    data, _ = later
    document = export_jsonresume(validate(Profile, data))
    source = json.loads(LATER_CV.read_text())
    assert document["awards"] == source["awards"]
    assert document["references"] == source["references"]
    assert document["basics"]["summary"] == source["basics"]["summary"]
    assert document["publications"][0]["x-cvgen"]["authors"] == [
        {"name": "Hexu Zhao", "equal": True},
        {"name": "Chidi Okafor", "equal": True},
        {"name": "Maren Lind"},
    ]
    assert import_jsonresume(document, source=LATER_CV) == data


def test_the_cv_prints_everything_where_a_reader_expects_it(tmp_path: Path, later):
    data, _ = later
    profile = tmp_path / "profile.yaml"
    profile.write_text(dump_profile_yaml(data), encoding="utf-8")
    pdf = build_cv(profile, on=date(2024, 1, 1), output_dir=tmp_path).path
    text = full_text(pdf)
    summary = "I build systems that make large models cheaper to train"
    assert text.index("Summary") < text.index(summary) < text.index("Experience")
    for expected in [
        "Hexu Zhao*, Chidi Okafor*, Maren Lind",
        "We move activations to host memory just in time.",
        "Maren Lind, H. Zhao",
        "* Equal contribution",
        "Best Student Paper Award, OSDI",
        "One of two papers chosen from 250 submissions.",
        "“Hexu is the most careful systems student I have advised in ten years.”",
        "Staff Scientist, Example Lab",
    ]:
        assert normalize(expected) in text, expected
    bold = bold_text(pdf)
    assert "Hexu Zhao*" in bold and "H. Zhao" in bold
    assert "Maren Lind," not in bold


def test_import_command_prints_the_notes_and_writes_a_profile_that_loads(tmp_path: Path):
    out = tmp_path / "profile.yaml"
    result = CliRunner().invoke(app, ["import", "jsonresume", str(LATER_CV), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{LATER_CV}:5: basics.image: left out" in result.stderr
    assert len(result.stderr.splitlines()) == 6
    load_profile(out)


# --- hostile documents: one located line, exit 1, nothing written ----------------------


def run_import(tmp_path: Path, text: str) -> tuple[int, list[str], Path]:
    path = tmp_path / "resume.json"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "profile.yaml"
    result = CliRunner().invoke(app, ["import", "jsonresume", str(path), "-o", str(out)])
    assert not out.exists() or result.exit_code == 0
    return result.exit_code, result.stderr.splitlines(), path


def test_nested_100000_deep_is_one_line(tmp_path: Path):
    code, stderr, path = run_import(tmp_path, '{"basics": {"name": "A"}, "x": ' + "[" * 100_000)
    assert code == 1
    assert stderr == [f"{path}:1: nested more than 64 levels deep; not a JSON Resume"]


def test_a_5000_digit_number_is_one_line(tmp_path: Path):
    code, stderr, path = run_import(
        tmp_path, '{\n  "basics": {"name": "A"},\n  "x": ' + "9" * 5000 + "\n}\n"
    )
    assert code == 1
    assert stderr == [f"{path}:3: a number 5000 characters long; not a value a CV holds"]


def test_a_lone_surrogate_is_one_line_naming_the_field(tmp_path: Path):
    code, stderr, path = run_import(
        tmp_path, '{\n  "basics": {\n    "name": "A",\n    "label": "x\\ud800y"\n  }\n}\n'
    )
    assert code == 1
    assert stderr == [
        f"{path}:4: basics.label: contains half of a UTF-16 pair (\\ud800), not a character;"
        " fix the escape in the JSON"
    ]


def test_a_surrogate_pair_is_a_character(tmp_path: Path):
    path = tmp_path / "resume.json"
    path.write_text('{"basics": {"name": "A \\ud835\\udc00"}}', encoding="utf-8")
    assert read_jsonresume(path).data["person"]["name"] == "A \U0001d400"


def test_bad_email_and_unknown_fields_are_notes(tmp_path: Path):
    path = tmp_path / "resume.json"
    path.write_text(
        '{"basics": {"name": "A", "email": "a@b", "nickname": "Al"},\n'
        ' "work": [{"name": "W", "startDate": "2020-02-30"}],\n'
        ' "references": [{"reference": "Great."}]}\n',
        encoding="utf-8",
    )
    imported = read_jsonresume(path)
    data, notes = imported.data, imported.notes
    assert "email" not in data["person"]
    assert [str(n) for n in notes] == [
        f"{path}:1: basics.nickname: left out: not a JSON Resume field",
        f"{path}:1: basics.email: e-mail address left out: not an e-mail address: 'a@b'",
        f"{path}:2: work[0].startDate: '2020-02-30' is not a real date; kept as 2020-02",
        f"{path}:3: references[0].reference: left out: a reference with no name",
    ]
    yaml.safe_load(dump_profile_yaml(data))


def test_each_entry_knows_its_line_for_notes_made_after_the_import():
    lines = read_jsonresume(LATER_CV).lines
    # sections: Summary, Experience, Publications, Awards, References
    assert lines[("sections", 2, "entries", 0)] == 26  # publications[0] opens on line 26
    assert lines[("sections", 3, "entries", 0)] == 46  # awards[0]
    assert lines[("sections", 4, "entries", 1)] == 58  # references[1]


# --- any text, any JSON: one located line or a profile that loads ----------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from(["", "x", "2020-02", "javascript:x", "a@b.org", "Hexu Zhao*, A B", "\ud800"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["name", "title", "url", "summary", "date", "startDate", "x"]), children
        )
    ),
    max_leaves=8,
)
parts = st.sampled_from(
    ["basics", "work", "education", "awards", "publications", "references", "projects", "meta"]
)


def read_or_one_line(text: str) -> None:
    with TemporaryDirectory() as folder:
        path = Path(folder) / "resume.json"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            imported = read_jsonresume(path)
        except CvgenError as error:
            assert "\n" not in str(error) and str(error).startswith(f"{path}")
            return
        finish_import(imported, output=None)  # raises if the output would not load


@pytest.mark.fuzz
@settings(max_examples=EXAMPLES * 4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(part=parts, value=json_values)
def test_any_json_values_import_or_fail_in_one_line(part, value):
    document = {"basics": {"name": "A"}, part: value}
    read_or_one_line(json.dumps(document, ensure_ascii=True))


@pytest.mark.fuzz
@settings(max_examples=EXAMPLES * 4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet='{}[]",:\\ 019eE.-tnaubsmx\n', max_size=60))
def test_any_text_imports_or_fails_in_one_line(text):
    read_or_one_line(text)
