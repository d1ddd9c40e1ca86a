"""JSON Resume: import any valid document, export valid documents, and round trips that hold."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvgen.build import build_cv
from cvgen.errors import CvgenError
from cvgen.formats.jsonresume import (
    dump_jsonresume,
    export_jsonresume,
    import_jsonresume,
    load_jsonresume,
)
from cvgen.formats.yaml_out import dump_profile_yaml
from cvgen.inline import plain_text
from cvgen.loader import load_profile
from cvgen.profile import Profile
from cvgen.validation import validate
from tests.conftest import BUNDLED_PROFILE, FIXTURES
from tests.conftest import FUZZ_EXAMPLES as EXAMPLES
from tests.pdfread import full_text, link_uris, normalize

HERE = FIXTURES / "jsonresume"
SCHEMA = json.loads((HERE / "jsonresume-schema.json").read_text(encoding="utf-8"))
SAMPLE = json.loads((HERE / "jsonresume-sample.json").read_text(encoding="utf-8"))
# Exports must pass the format checks too; inputs only need to be valid as draft 7 reads
# them by default (formats are annotations there, so "" is a valid e-mail).
VALIDATOR = jsonschema.Draft7Validator(
    SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
)
INPUT_VALIDATOR = jsonschema.Draft7Validator(SCHEMA)
SOURCE = Path("resume.json")


def imported(document: dict[str, Any]) -> dict[str, Any]:
    return import_jsonresume(document, source=SOURCE)


def exported(data: dict[str, Any]) -> dict[str, Any]:
    document = export_jsonresume(validate(Profile, data))
    VALIDATOR.validate(document)
    return document


def section(data: dict[str, Any], title: str) -> dict[str, Any]:
    return next(s for s in data["sections"] if s["title"] == title)


def test_the_fixtures_agree():
    VALIDATOR.validate(SAMPLE)


def test_import_of_the_sample():
    data = imported(SAMPLE)
    validate(Profile, data)
    assert data["person"] == {
        "name": "Richard Hendriks",
        "tagline": "Programmer",
        "email": "richard.hendriks@mail.com",
        "phone": "(912) 555-4321",
        "homepage": {
            "label": "richardhendricks.example.com",
            "url": "http://richardhendricks.example.com",
        },
        "location": "2712 Broadway St, San Francisco, California CA 94115, US",
        "bio": SAMPLE["basics"]["summary"],
        "profiles": [
            {"network": "Twitter", "url": "https://www.twitter.com", "username": "neutralthoughts"},
            {
                "network": "SoundCloud",
                "url": "https://soundcloud.example.com/dandymusicnl",
                "username": "dandymusicnl",
            },
        ],
    }
    assert data["sections"][0] == {
        "title": "Summary",
        "kind": "text",
        "text": SAMPLE["basics"]["summary"],
    }
    assert [(s["title"], s["kind"]) for s in data["sections"]] == [
        ("Summary", "text"),
        ("Education", "education"),
        ("Experience", "experience"),
        ("Publications", "publications"),
        ("Projects", "experience"),
        ("Volunteering", "experience"),
        ("Awards", "items"),
        ("Skills", "items"),
        ("Languages", "items"),
        ("Interests", "items"),
        ("References", "referees"),
    ]
    work = SAMPLE["work"][0]
    assert section(data, "Experience")["entries"] == [
        {
            "role": "CEO/President",
            "organization": "Pied Piper",
            "url": "http://piedpiper.example.com",
            "location": "Palo Alto, CA",
            "start": "2013-12-01",
            "end": "2014-12-01",
            "bullets": [work["description"], work["summary"], *work["highlights"]],
        }
    ]
    assert section(data, "Education")["entries"] == [
        {
            "institution": "University of Oklahoma",
            "url": "https://www.ou.edu/",
            "start": "2011-06-01",
            "end": "2014-01-01",
            "degree": "Bachelor in Information Technology",
            "details": ["GPA: 4.0", "DB1101 - Basic SQL", "CS2011 - Java Introduction"],
        }
    ]
    assert section(data, "Publications")["entries"] == [
        {
            "title": "Video compression for 3d media",
            "url": "http://en.wikipedia.org/wiki/Silicon_Valley_(TV_series)",
            "venue": "Hooli",
            "date": "2014-10-01",
            "note": "Innovative middle-out compression algorithm that changes the way we store data.",
        }
    ]
    assert section(data, "Projects")["entries"][0]["bullets"][-2:] == [
        "Roles: Team lead, Designer",
        "Keywords: GoogleMaps, Chrome Extension, Javascript",
    ]
    assert section(data, "Awards")["entries"] == [
        {
            "text": "Digital Compression Pioneer Award",
            "details": "There is no spoon.",
            "start": "2014-11-01",
            "by": "Techcrunch",
        }
    ]
    assert [e["text"] for e in section(data, "Skills")["entries"]] == [
        "Web Development (Master): HTML, CSS, Javascript",
        "Compression (Master): Mpeg, MP4, GIF",
    ]
    assert section(data, "Languages")["entries"] == [{"text": "English (Native speaker)"}]
    assert section(data, "Interests")["entries"] == [{"text": "Wildlife: Ferrets, Unicorns"}]
    # a reference that reads as sentences is the referee's quote, not an affiliation
    assert section(data, "References")["entries"] == [
        {"name": "Erlich Bachman", "quote": SAMPLE["references"][0]["reference"]}
    ]


def test_sample_round_trip_is_stable():
    first = imported(SAMPLE)
    assert imported(exported(first)) == first


def test_export_of_the_imported_sample_keeps_every_shared_field():
    document = exported(imported(SAMPLE))
    basics, sample_basics = document["basics"], SAMPLE["basics"]
    for key in ("name", "label", "email", "phone", "url", "summary", "profiles"):
        assert basics[key] == sample_basics[key], key
    location = sample_basics["location"]
    assert basics["location"] == {
        "address": location["address"],
        "city": location["city"],
        "region": f"{location['region']} {location['postalCode']}",  # one line in our model
        "countryCode": location["countryCode"],
    }

    work, sample_work = document["work"][0], SAMPLE["work"][0]
    for key in ("name", "position", "location", "url", "startDate", "endDate"):
        assert work[key] == sample_work[key], key
    # our entries have bullets only: description and summary lead the highlights
    assert work["highlights"] == [
        sample_work["description"],
        sample_work["summary"],
        *sample_work["highlights"],
    ]

    volunteer, sample_volunteer = document["volunteer"][0], SAMPLE["volunteer"][0]
    for key in ("organization", "position", "url", "startDate", "endDate"):
        assert volunteer[key] == sample_volunteer[key], key
    assert volunteer["highlights"] == [sample_volunteer["summary"], *sample_volunteer["highlights"]]

    assert document["education"] == SAMPLE["education"]
    assert document["publications"] == SAMPLE["publications"]
    assert document["skills"] == SAMPLE["skills"]
    assert document["languages"] == SAMPLE["languages"]
    assert document["interests"] == SAMPLE["interests"]
    assert document["references"] == SAMPLE["references"]
    project = dict(SAMPLE["projects"][0])
    del project["type"]  # not carried: our experience entries have no kind
    assert document["projects"] == [project]

    assert document["awards"] == SAMPLE["awards"]
    assert set(document) == set(SAMPLE) - {"$schema", "meta"}


def test_export_of_the_bundled_profile():
    profile = load_profile(BUNDLED_PROFILE).profile
    document = export_jsonresume(profile)
    VALIDATOR.validate(document)
    basics = document["basics"]
    assert basics["name"] == "Hexu Zhao"
    assert basics["url"] == "https://tarzanzhao.github.io/"
    assert basics["location"] == {"city": "New York", "region": "USA"}
    assert "[" not in basics["summary"] and "NYU Courant" in basics["summary"]
    assert [p["network"] for p in basics["profiles"]][:3] == ["Google Scholar", "DBLP", "GitHub"]
    assert document["education"][0] == {
        "institution": "Courant Institute, New York University",
        "url": "https://cs.nyu.edu/home/index.html",
        "area": "ML system",
        "studyType": "Ph.D",
        "startDate": "2023-09",
        "x-cvgen": {  # the schema has no advisors for education: kept for the import
            "advisors": [
                {
                    "name": "Jinyang Li",
                    "title": "Prof.",
                    "url": "https://www.news.cs.nyu.edu/~jinyang/",
                },
                {"name": "Aurojit Panda", "title": "Prof.", "url": "https://cs.nyu.edu/~apanda/"},
            ]
        },
    }
    assert document["education"][1]["studyType"] == "Bachelor of Computer Science"
    mbzuai = document["work"][0]
    assert mbzuai["summary"] == "Advised by Prof. Eric Xing, Prof. Hao Zhang and Lianmin Zheng"
    assert (
        mbzuai["highlights"][0]
        == "Contributed to the Distributed Machine Learning System Alpa Project."
    )
    gold = next(w for w in document["work"] if w["position"].startswith("China National Olympiad"))
    assert gold["startDate"] == gold["endDate"] == "2018-08"  # one date, not "to the present"
    paper = document["publications"][0]
    assert paper["summary"].startswith(
        "Authors: Yonghao Zhuang*, Hexu Zhao* (co-1st author), Lianmin Zheng"
    )
    assert document["publications"][2]["publisher"].startswith("In submission to The Lancet")
    assert document["references"][0] == {
        "name": "Prof. Jinyang Li",
        "reference": "jinyang@cs.nyu.edu",
    }


def test_bundled_profile_survives_export_and_import():
    profile = load_profile(BUNDLED_PROFILE).profile
    again = validate(Profile, imported(export_jsonresume(profile)))
    assert again.person.name == profile.person.name
    assert export_jsonresume(again) == export_jsonresume(profile)
    by_title = {s.title: s for s in again.sections}
    assert by_title["Summary"].text == again.person.bio  # type: ignore[union-attr]
    research = by_title["Experience"]
    assert research.entries[0].advisors[0].title == "Prof."  # type: ignore[union-attr]
    authors = by_title["Publications"].entries[0].authors  # type: ignore[union-attr]
    assert [a.equal for a in authors][:3] == [True, True, False]


PEOPLE = {
    "advisors": [{"name": "Ada Lovelace", "title": "Prof."}],
    "mentors": ["Dr. Grace Hopper", {"name": "Alan Turing", "url": "https://turing.example"}],
    "people": [{"label": "Co-supervisors:", "names": ["Emmy Noether", "Kurt Gödel"]}],
}
MENTORS = {key: PEOPLE[key] for key in ("mentors", "people")}


def test_advisors_mentors_and_lines_of_names_survive_export_and_import():
    """The schema has no field for them: they travel in the entries' extension."""
    data = {
        "person": {"name": "Hexu Zhao"},
        "sections": [
            {
                "title": "Education",
                "kind": "education",
                "entries": [{"institution": "NYU", **PEOPLE}],
            },
            {
                "title": "Experience",
                "kind": "experience",
                "entries": [{"role": "Researcher", "organization": "MBZUAI", **PEOPLE}],
            },
            # A project's advisors are a line of its text ("Advised by ..."), as before.
            {"title": "Projects", "kind": "experience", "entries": [{"role": "Alpa", **MENTORS}]},
        ],
    }
    profile = validate(Profile, data)
    document = export_jsonresume(profile)
    VALIDATOR.validate(document)
    again = validate(Profile, imported(document))
    for before, after in zip(profile.sections, again.sections, strict=True):
        (entry,), (back,) = before.entries, after.entries  # type: ignore[union-attr]
        assert (back.advisors, back.mentors, back.people) == (
            entry.advisors,
            entry.mentors,
            entry.people,
        )
    assert export_jsonresume(again) == document


def test_an_unusable_name_in_the_extension_is_left_out_with_a_note(tmp_path: Path):
    from cvgen.formats.jsonresume import read_jsonresume

    document = {
        "basics": {"name": "Hexu Zhao"},
        "education": [
            {
                "institution": "NYU",
                "x-cvgen": {
                    "mentors": [{"title": "Dr."}, {"name": "Grace Hopper"}],
                    "people": [{"label": "Readers:", "names": []}],
                    "quote": True,
                },
            }
        ],
    }
    source = tmp_path / "cv.json"
    source.write_text(json.dumps(document, indent=2))
    read = read_jsonresume(source)
    (entry,) = read.data["sections"][0]["entries"]
    assert entry["mentors"] == [{"name": "Grace Hopper"}] and "people" not in entry
    said = "\n".join(str(note) for note in read.notes)
    assert "education[0].x-cvgen.mentors[0]: left out: a person with no name" in said
    assert "education[0].x-cvgen.people[0]: left out: a line of names needs a label" in said
    assert "education[0].x-cvgen.quote: left out: not a field cvgen writes here" in said


def test_items_sections_by_title(tmp_path):
    data = {
        "person": {"name": "A"},
        "sections": [
            {
                "title": "Honours",
                "kind": "items",
                "entries": [{"text": "Best **paper**", "start": "2020", "end": "2021"}],
            },
            {
                "title": "Certifications",
                "kind": "items",
                "entries": [{"text": "[CKA](https://cncf.io/cka)", "start": "2022-05"}],
            },
            {
                "title": "Talks",
                "kind": "items",
                "entries": [{"text": "At [Conf](https://conf.org)", "start": "2019"}],
            },
            {"title": "About", "kind": "text", "text": "Hello *there*."},
        ],
    }
    document = exported(data)
    assert document["basics"]["summary"] == "Hello there."
    assert document["awards"] == [{"title": "Best paper", "date": "2020"}]
    assert document["certificates"] == [
        {"name": "CKA", "date": "2022-05", "url": "https://cncf.io/cka"}
    ]
    assert document["projects"] == [
        {
            "name": "At Conf",
            "startDate": "2019",
            "endDate": "2019",
            "url": "https://conf.org",
            "type": "Talks",
        }
    ]


def test_imported_sample_builds_a_pdf(tmp_path):
    path = tmp_path / "profile.yaml"
    path.write_text(dump_profile_yaml(imported(SAMPLE)), encoding="utf-8")
    pdf = build_cv(path, on=date(2024, 1, 1), output_dir=tmp_path).path
    assert pdf.name == "CV-Richard Hendriks_20240101.pdf"
    text = full_text(pdf)
    for expected in [
        "RICHARD HENDRIKS",
        "CEO/President at Pied Piper",
        "Successfully won Techcrunch Disrupt",
        "Bachelor in Information Technology",
        "Video compression for 3d media",
        "Digital Compression Pioneer Award, Techcrunch",
        "Web Development (Master): HTML, CSS, Javascript",
        "Miss Direction at Smoogle",
        "Erlich Bachman",
    ]:
        assert normalize(expected) in text, expected
    assert "http://piedpiper.example.com" in link_uris(pdf)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "resume.json: a JSON Resume is an object, got a list"),
        ({"basics": []}, "resume.json: basics: expected an object, got a list"),
        ({"basics": {"name": 5}}, "resume.json: basics.name: expected text, got a number"),
        ({"basics": {"name": "A"}, "work": "x"}, "resume.json: work: expected a list, got text"),
        (
            {"basics": {"name": "A"}, "work": [1]},
            "resume.json: work[0]: expected an object, got a number",
        ),
        (
            {"basics": {"name": "A"}, "work": [{"highlights": ["ok", None, True]}]},
            "resume.json: work[0].highlights[1]: expected text, got null",
        ),
        (
            {"basics": {"name": "A", "profiles": {}}},
            "resume.json: basics.profiles: expected a list, got an object",
        ),
        (
            {"basics": {"name": "A", "location": "Paris"}},
            "resume.json: basics.location: expected an object, got text",
        ),
        (
            {"basics": {"name": "A"}, "awards": [{"date": "soon"}]},
            "resume.json: awards[0].date: expected a date YYYY, YYYY-MM or YYYY-MM-DD, got 'soon'",
        ),
        (
            {"basics": {"name": "A"}, "skills": [{"keywords": "x"}]},
            "resume.json: skills[0].keywords: expected a list, got text",
        ),
        (
            {},
            "resume.json: basics.name: a CV needs the person's name; add basics.name to the JSON Resume",
        ),
        (
            {"basics": {"name": "  "}},
            "resume.json: basics.name: a CV needs the person's name; add basics.name to the JSON Resume",
        ),
    ],
)
def test_wrong_types_and_a_missing_name_are_one_line_errors(document, message):
    with pytest.raises(CvgenError) as caught:
        imported(document)
    assert str(caught.value) == message


def test_sparse_document_gets_sensible_defaults():
    document = {
        "basics": {
            "name": "Ann",
            "image": "",
            "url": "",
            "email": "",
            "profiles": [{"network": "X"}],
        },
        "work": [{}, {"name": "Acme"}, {"position": "Engineer", "startDate": "2020"}],
        "education": [{"studyType": "MSc"}],
        "publications": [{"releaseDate": "2021"}],
        "references": [{"reference": "No name given"}],
        "skills": [{"keywords": ["Go", "Rust"]}],
    }
    INPUT_VALIDATOR.validate(document)
    data = imported(document)
    validate(Profile, data)
    assert data["person"] == {"name": "Ann"}
    assert section(data, "Experience")["entries"] == [
        {"role": "Acme"},
        {"role": "Engineer", "start": "2020", "end": "present"},
    ]
    assert section(data, "Education")["entries"] == [{"institution": "", "degree": "MSc"}]
    assert section(data, "Publications")["entries"] == [{"title": "", "date": "2021"}]
    assert section(data, "Skills")["entries"] == [{"text": "Go, Rust"}]
    assert [s["title"] for s in data["sections"]] == [
        "Education",
        "Experience",
        "Publications",
        "Skills",
    ]


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("2014-06-29", "2014-06-29"),
        ("2014-02-30", "2014-02"),  # valid for the schema, not a real day: keep the month
        ("2014-13", "2014"),
        ("2014-00-10", "2014"),
        ("2014", "2014"),
        ("2014-6", "2014-06"),
        ("2014-06-29T10:00:00", "2014-06-29"),
        ("Present", "present"),
    ],
)
def test_dates_keep_what_is_real(written, kept):
    data = imported({"basics": {"name": "A"}, "awards": [{"title": "T", "date": written}]})
    assert section(data, "Awards")["entries"][0]["start"] == kept


def test_text_is_literal_and_unusable_links_are_left_out():
    label = r"R&D <3, a*b* **not bold** [not](https://a.link) <u>no</u> C:\path"
    document = {
        "basics": {
            "name": "A",
            "label": label,
            "url": "javascript:alert(1)",
            "email": "not-an-address",
            "profiles": [
                {"network": "FTP", "url": "ftp://files.example"},
                {"url": "github.com/ann"},
            ],
        },
        "certificates": [{"name": "Cert (2)", "issuer": "Org", "url": "https://e.org/a_(b)"}],
    }
    data = imported(document)
    profile = validate(Profile, data)
    assert plain_text(profile.person.tagline) == label
    assert profile.person.homepage is None and profile.person.email is None
    assert data["person"]["profiles"] == [
        {"network": "github.com", "url": "https://github.com/ann"}
    ]
    assert section(data, "Certificates")["entries"] == [
        {"text": "[Cert (2)](https://e.org/a_%28b%29)", "by": "Org"}
    ]
    again = exported(data)
    assert again["basics"]["label"] == label
    assert again["certificates"] == [
        {"name": "Cert (2)", "url": "https://e.org/a_%28b%29", "issuer": "Org"}
    ]
    assert imported(again) == data


def test_load_jsonresume_reads_files(tmp_path):
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(SAMPLE), encoding="utf-8")
    assert load_jsonresume(path) == import_jsonresume(SAMPLE, source=path)
    path.write_text('{\n  "basics": {"name": "A",}\n}', encoding="utf-8")
    with pytest.raises(CvgenError) as caught:
        load_jsonresume(path)
    assert str(caught.value).startswith(f"{path}:2: not valid JSON")
    with pytest.raises(CvgenError, match="no such JSON Resume file"):
        load_jsonresume(tmp_path / "missing.json")


def test_dump_jsonresume_is_utf8_json():
    text = dump_jsonresume(validate(Profile, imported(SAMPLE)))
    assert "“length-limited”" in text
    assert json.loads(text) == export_jsonresume(validate(Profile, imported(SAMPLE)))


# --- any valid document: imports, builds a valid profile, and round-trips stably ------

tricky = st.sampled_from(
    [
        "",
        "  ",
        "R&D",
        "a*b",
        "**b**",
        "[x](https://e.org)",
        "<u>u</u>",
        "\\",
        "C:\\x",
        "Advised by Prof. A and B",
        "Authors: A*, B (n), *",
        "GPA: 3.9",
        "x (y)",
        "k: v",
        "a, b",
        "Bachelor in Arts",
        "US",
        "x@y.org",
        "Prof. Jane Roe",
        "https://e.org/(p)",
        "—",
        "Ünïcödé",
        "line\nbreak",
        "Roles: a, b",
        "Keywords: x",
        "Advised by Dr. Ann Lee, Bob and Prof. C.",
        "Authors: A**, B* (co-1st), (x)\nnote",
        "a,  b",
        "x:  y",
        "Hexu Zhao*, Jane Roe* and Bob van Lee (* equal contribution)\nMore.",
        "Ann Poe, H. Zhao",
        "(*equal contribution)",
        "Jane is the most careful student I have taught in years.",
        "Staff Scientist, Lab, x@y.org",
        "Great, kind, a joy to work with, and she writes clear code.",
    ]
)
text = st.one_of(tricky, st.text(alphabet="ab ,:*()[]<u>\\/.-—@\n", max_size=12))
texts = st.lists(text, max_size=3)
iso_date = st.from_regex(
    r"\A([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})\Z"
)
url = st.sampled_from(
    [
        "https://a.example/x",
        "http://b.example/(y)",
        "",
        "javascript:x",
        "ftp://c.example",
        "d.example",
        "not a url",
        "mailto:x@y.org",
    ]
)
email = st.sampled_from(["a@b.org", "nope", "", "x.y@sub.example.com"])


def objects(**fields: Any) -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.lists(st.fixed_dictionaries({}, optional=fields), max_size=2)


dated = {"startDate": iso_date, "endDate": iso_date}
documents = st.fixed_dictionaries(
    {
        "basics": st.fixed_dictionaries(
            {
                "name": st.one_of(
                    st.sampled_from(["Hexu Zhao", "Jane Roe"]),
                    st.text(alphabet="Ab -'.", min_size=1, max_size=10).filter(str.strip),
                )
            },
            optional={
                "label": text,
                "email": email,
                "phone": text,
                "url": url,
                "summary": text,
                "image": url,
                "location": st.fixed_dictionaries(
                    {},
                    optional={
                        "address": text,
                        "postalCode": text,
                        "city": text,
                        "countryCode": text,
                        "region": text,
                    },
                ),
                "profiles": objects(network=text, username=text, url=url),
            },
        )
    },
    optional={
        "work": objects(
            name=text,
            location=text,
            description=text,
            position=text,
            url=url,
            summary=text,
            highlights=texts,
            **dated,
        ),
        "volunteer": objects(
            organization=text, position=text, url=url, summary=text, highlights=texts, **dated
        ),
        "education": objects(
            institution=text, url=url, area=text, studyType=text, score=text, courses=texts, **dated
        ),
        "awards": objects(title=text, date=iso_date, awarder=text, summary=text),
        "certificates": objects(name=text, date=iso_date, url=url, issuer=text),
        "publications": objects(
            name=text, publisher=text, releaseDate=iso_date, url=url, summary=text
        ),
        "skills": objects(name=text, level=text, keywords=texts),
        "languages": objects(language=text, fluency=text),
        "interests": objects(name=text, keywords=texts),
        "references": objects(name=text, reference=text),
        "projects": objects(
            name=text,
            description=text,
            highlights=texts,
            keywords=texts,
            url=url,
            roles=texts,
            entity=text,
            type=text,
            **dated,
        ),
    },
)


@pytest.mark.fuzz
@settings(max_examples=EXAMPLES * 4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=documents)
def test_any_valid_document_imports_and_round_trips(document):
    INPUT_VALIDATOR.validate(document)
    first = imported(document)
    with TemporaryDirectory() as folder:  # the import's output loads, as YAML, every time
        path = Path(folder) / "profile.yaml"
        path.write_text(dump_profile_yaml(first), encoding="utf-8")
        load_profile(path)
    assert imported(exported(first)) == first
