"""Labels and patterns as data: entry headings, people lines, present words, item details,
equal-contribution notes, owner highlight, contact lines and their separator."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cvgen.build import build_cv
from cvgen.errors import CvgenError
from tests.conftest import FIXTURES, REFERENCE_DATE
from tests.pdfread import bold_text, full_text, page_texts

LABELS = FIXTURES / "words" / "labels.yaml"


@pytest.fixture(scope="module")
def labels_cv(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("labels")
    return build_cv(LABELS, on=REFERENCE_DATE, output=out / "labels.pdf")


def _in_order(text: str, pieces: list[str]) -> None:
    at = 0
    for piece in pieces:
        found = text.find(piece, at)
        assert found >= 0, f"{piece!r} missing after {text[max(0, at - 60) : at]!r}"
        at = found + len(piece)


def test_every_label_and_pattern_reads_back_in_order(labels_cv):  # type: ignore[no-untyped-def]
    text = full_text(labels_cv.path)
    _in_order(
        text,
        [
            "+44 20 7946 0000 ⋄ London, UK",
            "mira@example.org ⋄ Homepage ⋄ LinkedIn",
            "Northfield University",
            "PhD in Computer Science, advised by Prof. Ada Quill",
            "09/2021 – Present",
            "Committee: Prof. Ben Hale and Dr. Cy Moss",
            "Research Assistant, Fenwick Lab",
            "02/2022 – Now",
            "Advisors: Prof. Dana Roe and Prof. Eli Stone",
            "Research Intern, Orbital Systems",
            "Mentored by Dr. Fay Lin",
            "Gridwise Ltd",
            "Software Engineer",
            "Leeds, UK",
            "Mentor: Gus Park",
            "National Olympiad in Informatics, Gold Medal",
            "Self-taught, and the first gold medallist from my city.",
            "Journal of Systems (* Equal contribution)",
            "Faster Collectives",
            "SysConf 2023",
            "* Equal contribution",
        ],
    )
    assert "Advised by" not in text  # a mentor is never "advised by"
    assert "Assistant at" not in text  # the pattern replaced "Role at Organisation"
    assert text.count("* Equal contribution") == 2  # one entry's note, ONE legend per CV
    assert "GitHub" not in text


def _strokes(pdf: Path) -> int:
    from pypdf import PdfReader

    content = b"".join(page.get_contents().get_data() for page in PdfReader(pdf).pages)
    return len(re.findall(rb"\bS\b", content))


def test_owner_highlight_bold_underline_or_both(tmp_path: Path):
    built = {
        style: build_cv(
            LABELS,
            on=REFERENCE_DATE,
            output=tmp_path / f"{style}.pdf",
            overrides=[f"settings.owner_highlight={style}"],
        ).path
        for style in ("bold", "underline", "both")
    }
    # the header's name is bold in every case; the two author lists add theirs
    assert [bold_text(built[s]).count("Mira Okafor") for s in built] == [3, 1, 3]
    # underlining draws one stroke under each of the owner's two author names
    assert _strokes(built["underline"]) == _strokes(built["both"]) == _strokes(built["bold"]) + 2


def test_left_out_contact_items_are_named(labels_cv):  # type: ignore[no-untyped-def]
    expected = (
        f"{LABELS}:16: settings.contact_lines: warning: these contact items are in no line,"
        " so they do not print: GitHub"
    )
    assert [w for w in labels_cv.warnings if "contact items" in w] == [expected]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            "settings.entry_heading='{company} / {role}'",
            "expected 'organization-first' or a pattern",
        ),
        ("settings.entry_heading='{role'", "unbalanced braces"),
        ("settings.owner_highlight=italic", "settings.owner_highlight"),
    ],
)
def test_bad_patterns_are_one_line_errors(setting: str, message: str, tmp_path: Path):
    with pytest.raises(CvgenError) as caught:
        build_cv(LABELS, on=REFERENCE_DATE, output=tmp_path / "x.pdf", overrides=[setting])
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_contact_item_points_at_its_line(tmp_path: Path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "person: {name: Jane Doe, email: j@example.org}\n"
        "settings:\n  contact_lines:\n    - [email, fax]\n"
    )
    with pytest.raises(CvgenError) as caught:
        build_cv(path, on=REFERENCE_DATE, output=tmp_path / "x.pdf")
    assert str(caught.value).startswith(f"{path}:4: settings.contact_lines[0][1]: ")
    assert "no contact item 'fax'; this person has email" in str(caught.value)


def test_defaults_read_as_before(tmp_path: Path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "person: {name: Jane Doe}\n"
        "sections:\n"
        "  - title: Work\n    kind: experience\n    entries:\n"
        "      - role: Engineer\n        organization: Acme\n        start: 2021-05\n"
        "        end: present\n        advisors: [{name: Ann Lee}, {name: Bo Chan}]\n"
        "  - title: Papers\n    kind: publications\n    entries:\n"
        "      - {title: T, authors: [Jane Doe*, Kim Yu*]}\n"
        "  - title: More Papers\n    kind: publications\n    entries:\n"
        "      - {title: U, authors: [Jane Doe, Kim Yu*]}\n"
    )
    result = build_cv(path, on=REFERENCE_DATE, output=tmp_path / "cv.pdf")
    text = " ".join(page_texts(result.path))
    assert "Engineer at Acme" in text
    assert "Advised by Ann Lee and Bo Chan" in text
    assert text.count("* Equal contribution") == 1  # two sections, one legend
    assert text.index("* Equal contribution") > text.index("More Papers")


def test_the_defaults_spelled_out_give_the_same_bytes(project: Path, tmp_path: Path):
    """Every new option, set to what it does by default, changes nothing in the PDF."""
    profile = project / "data" / "profile.yaml"
    plain = build_cv(profile, on=REFERENCE_DATE, output=tmp_path / "plain.pdf")
    text = profile.read_text(encoding="utf-8")
    pattern = '  entry_heading: "{role} at {organization}"\n'
    profile.write_text(text.replace("\nsettings:\n", "\nsettings:\n" + pattern, 1))
    assert pattern in profile.read_text(encoding="utf-8")
    spelled = build_cv(
        profile,
        on=REFERENCE_DATE,
        output=tmp_path / "spelled.pdf",
        overrides=[
            "settings.locale=en",
            "settings.present_label=present",
            "settings.owner_highlight=bold",
            "settings.equal_contribution=legend",
            "settings.equal_contribution_note=* Equal contribution",
            "settings.contact_lines=[[email, homepage, location],"
            " [Google Scholar, DBLP, GitHub, LinkedIn, Zhihu]]",
            "settings.fit=none",
        ],
    )
    assert spelled.path.read_bytes() == plain.path.read_bytes()
