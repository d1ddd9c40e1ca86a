"""The MkDocs-Material homepage in and out: import of the owner's page, render, update."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from cvgen.build import build_cv
from cvgen.errors import CvgenError
from cvgen.formats.contract import Imported
from cvgen.formats.homepage import read_homepage
from cvgen.formats.homepage_export import render_homepage, update_homepage
from cvgen.formats.image_paths import rebase_image_paths, rebase_profile_images
from cvgen.formats.mkdocs import Unresolved, load_mkdocs_config, read_mkdocs_social
from cvgen.formats.yaml_out import dump_profile_yaml
from cvgen.loader import load_profile
from cvgen.profile import (
    EducationEntry,
    EducationSection,
    Profile,
    Publication,
    PublicationsSection,
)
from cvgen.validation import validate
from tests.conftest import BUNDLED_PROFILE, FIXTURES, ROOT
from tests.pdfread import full_text, link_uris, normalize

HOMEPAGE = FIXTURES / "homepage"
CV_LINK = "assets/CV-Hexu Zhao_20231130.pdf"
TITLES = [
    "On Optimizing the Communication of Model Parallelism",
    "Fully Hyperbolic Neural Networks",
    (
        "Development of a Doctor-in-the-loop Interpretation Framework for Insulin Titration in "
        "Diabetes: a Proof-of-concept Study"
    ),
]
PAGE_LINKS = [  # all but the office's map link: the CV does not show the office
    "mailto:hz3496@nyu.edu",
    "https://scholar.google.com/citations?hl=en&user=ylKFMAkAAAAJ",
    "https://dblp.org/pid/293/9714.html",
    "https://github.com/TarzanZhao",
    "https://www.linkedin.com/in/hexu-zhao-203304244/",
    "https://www.zhihu.com/people/zhao-he-xu-61",
    "https://www.news.cs.nyu.edu/~jinyang/",
    "https://cs.nyu.edu/~apanda/",
    "https://arxiv.org/pdf/2211.05322.pdf",
    "https://arxiv.org/pdf/2105.14686.pdf",
    (
        "https://scholar.google.com/citations?view_op=view_citation&hl=en&user=ylKFMAkAAAAJ"
        "&citation_for_view=ylKFMAkAAAAJ:d1gkVwhDpl0C"
    ),
]


def bundled() -> Profile:
    return load_profile(BUNDLED_PROFILE).profile


def write_page(tmp_path: Path, text: str, name: str = "index.md") -> Path:
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    return page


def one_line(error: CvgenError) -> str:
    text = str(error)
    assert "\n" not in text
    return text


def note_lines(result: Imported) -> list[str]:
    return [f"{note.line}: {note.message}" for note in result.notes]


# ---------------------------------------------------------------- the owner's page


def test_reference_page_imports_every_part():
    result = read_homepage(HOMEPAGE / "index.md", mkdocs_path=HOMEPAGE / "mkdocs.yml")
    person = result.data["person"]
    assert person["name"] == "Hexu Zhao"
    assert person["email"] == "hz3496@nyu.edu"
    assert person["office"] == {
        "label": "424, 60 5th Ave, New York, NY 10011",
        "url": "https://maps.app.goo.gl/N7m2fM5EbM3TToB79",
    }
    assert person["bio"].startswith(
        "I am a first-year Ph.D. student of Computer Science at [NYU Courant]("
    )
    assert person["bio"].endswith("[Hao Zhang](https://cseweb.ucsd.edu/~haozhang/) in Spring 2022.")
    assert len(result.data["news"]) == 1
    assert result.data["news"][0]["text"].startswith(
        "I've accepted an internship with the Microsoft DeepSpeed"
    )

    # The page's row first (its GitHub URL wins over mkdocs.yml's), then what only mkdocs.yml has.
    assert [(p["network"], p["url"]) for p in person["profiles"]] == [
        ("Google Scholar", "https://scholar.google.com/citations?hl=en&user=ylKFMAkAAAAJ"),
        ("DBLP", "https://dblp.org/pid/293/9714.html"),
        ("GitHub", "https://github.com/TarzanZhao"),
        ("LinkedIn", "https://www.linkedin.com/in/hexu-zhao-203304244/"),
        ("Zhihu", "https://www.zhihu.com/people/zhao-he-xu-61"),
        ("Semantic Scholar", "https://www.semanticscholar.org/author/Xichen-Pan/2158877024"),
        ("X", "https://twitter.com/xichen_pan"),
    ]

    # Remote images are never downloaded: reported, and left unset.
    assert "portrait" not in person
    notes = note_lines(result)
    assert any("portrait left out: a remote image" in note for note in notes)
    assert any("logo of 'Tsinghua University' left out: a remote image" in note for note in notes)
    # A local image that is not there is left out too, so the profile builds.
    assert any("logo of 'New York University Courant Institute' left out" in n for n in notes)
    assert all(note.line for note in result.notes)


def test_reference_education_and_publications():
    sections = read_homepage(HOMEPAGE / "index.md").data["sections"]
    assert [(s["title"], s["kind"]) for s in sections] == [
        ("Education", "education"),
        ("Publications", "publications"),
    ]
    nyu, tsinghua = sections[0]["entries"]
    assert nyu == {
        "institution": "New York University Courant Institute",
        "start": "2023-09",
        "end": "present",
        "degree": "Ph.D. in Computer Science",
        "advisors": [
            {
                "title": "Prof.",
                "name": "Jinyang Li",
                "url": "https://www.news.cs.nyu.edu/~jinyang/",
            },
            {"title": "Prof.", "name": "Aurojit Panda", "url": "https://cs.nyu.edu/~apanda/"},
        ],
    }
    assert tsinghua == {
        "institution": "Tsinghua University",
        "start": "2019-09",
        "end": "2023-06",
        "degree": "B.Eng. in Computer Science (Honored Yao Class)",
    }
    mlsys, acl, lancet = sections[1]["entries"]
    assert [p["title"] for p in (mlsys, acl, lancet)] == TITLES
    assert mlsys["authors"][:3] == ["Yonghao Zhuang*", "Hexu Zhao*", "Lianmin Zheng"]
    assert mlsys["venue"] == "MLSys2023" and "status" not in mlsys
    assert mlsys["links"] == [{"label": "arXiv", "url": "https://arxiv.org/pdf/2211.05322.pdf"}]
    assert acl["authors"][3] == "Hexu Zhao"
    assert lancet["authors"][:3] == ["Haowei He*", "Zhen Ying*", "Biao Li"]
    assert lancet["status"] == "In submission to"
    assert lancet["venue"] == "The Lancet Diabetes & Endocrinology Journal"
    assert lancet["links"][0]["label"] == "Google Scholar"  # from the icon alone


def test_reference_page_builds_a_cv(tmp_path: Path):
    docs = tmp_path / "docs"
    (docs / "images").mkdir(parents=True)
    shutil.copy(HOMEPAGE / "index.md", docs / "index.md")
    shutil.copy(ROOT / "assets" / "images" / "logos" / "nyu.png", docs / "images" / "nyu.png")
    result = read_homepage(docs / "index.md", mkdocs_path=HOMEPAGE / "mkdocs.yml")
    # The page's images are relative to docs/; the profile's to its own folder.
    data = rebase_image_paths(result.data, from_dir=docs, to_dir=tmp_path / "data")
    assert data["sections"][0]["entries"][0]["logo"] == "../docs/images/nyu.png"
    validate(Profile, data)
    profile = tmp_path / "data" / "profile.yaml"
    profile.parent.mkdir()
    profile.write_text(dump_profile_yaml(data), encoding="utf-8")

    built = build_cv(profile, on=date(2023, 11, 30), output_dir=tmp_path / "out")

    text = full_text(built.path)
    for expected in [*TITLES, "New York University Courant Institute", "Tsinghua University"]:
        assert normalize(expected) in text, expected
    uris = link_uris(built.path)
    for url in PAGE_LINKS:
        assert url in uris, url


# ---------------------------------------------------------------- mkdocs.yml, read safely


def test_mkdocs_tags_load_inertly_and_never_run(tmp_path: Path):
    marker = tmp_path / "X"
    config = write_page(
        tmp_path,
        f'boom: !!python/object/apply:os.system ["touch {marker}"]\n'
        "site_url: !ENV [SITE_URL, 'https://example.org']\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n"
        "  social:\n"
        "    - {icon: fontawesome/brands/x-twitter, link: 'https://x.com/someone'}\n"
        "    - {icon: academicons/orcid, link: 'https://orcid.org/0000-0002-1825-0097'}\n",
        name="mkdocs.yml",
    )
    loaded = load_mkdocs_config(config)
    assert not marker.exists()
    assert loaded["boom"] == Unresolved(
        "tag:yaml.org,2002:python/object/apply:os.system", [f"touch {marker}"]
    )
    assert loaded["site_url"] == Unresolved("!ENV", ["SITE_URL", "https://example.org"])
    emoji = loaded["markdown_extensions"][0]["pymdownx.emoji"]["emoji_index"]
    assert emoji.tag.endswith("python/name:material.extensions.emoji.twemoji")
    assert [e["network"] for e in read_mkdocs_social(config)] == ["X", "ORCID"]
    assert not marker.exists()


def test_reference_mkdocs_social():
    social = read_mkdocs_social(HOMEPAGE / "mkdocs.yml")
    assert [(e["network"], e["email"]) for e in social] == [
        (None, "hz3496@nyu.edu"),  # mailto: is the e-mail, not a profile
        ("Google Scholar", None),
        ("Semantic Scholar", None),
        ("DBLP", None),
        ("GitHub", None),
        ("LinkedIn", None),
        ("X", None),
        ("Zhihu", None),
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("site_name: x\nextra: [\n", 3, "YAML syntax error"),
        ("- just\n- a list\n", 1, "is a mapping"),
        (
            "extra:\n  social:\n    - icon: fontawesome/brands/github\n",
            3,
            "extra.social[0] needs a 'link'",
        ),
        ("extra:\n  social: 3\n", 2, "'extra.social'"),
    ],
)
def test_bad_mkdocs_yml_is_one_located_line(tmp_path: Path, text: str, line: int, message: str):
    config = write_page(tmp_path, text, name="mkdocs.yml")
    with pytest.raises(CvgenError) as caught:
        read_mkdocs_social(config)
    assert caught.value.file == config and caught.value.line == line
    assert message in one_line(caught.value)


# ---------------------------------------------------------------- render → import


def test_round_trip_of_the_bundled_profile(tmp_path: Path):
    # Written as `cvgen homepage` does: image paths from the page's folder, which they exist from.
    profile = rebase_profile_images(bundled(), from_dir=BUNDLED_PROFILE.parent, to_dir=tmp_path)
    page = write_page(tmp_path, render_homepage(profile, cv_link=CV_LINK))
    result = read_homepage(page)
    assert result.notes == []
    back = validate(Profile, result.data)

    mine, theirs = profile.person, back.person
    assert (theirs.name, theirs.email, theirs.office, theirs.portrait) == (
        mine.name,
        mine.email,
        mine.office,
        mine.portrait,
    )
    assert theirs.bio == mine.bio
    assert [(p.network, p.url) for p in theirs.profiles] == [
        (p.network, p.url) for p in mine.profiles
    ]
    assert back.news == profile.news

    carried = [
        s for s in profile.sections if isinstance(s, (EducationSection, PublicationsSection))
    ]
    assert [(s.title, s.kind) for s in back.sections] == [(s.title, s.kind) for s in carried]
    for section, original in zip(back.sections, carried, strict=True):
        if isinstance(section, EducationSection) and isinstance(original, EducationSection):
            for school, want in zip(section.entries, original.entries, strict=True):
                assert_same_education(school, want)
        elif isinstance(section, PublicationsSection) and isinstance(original, PublicationsSection):
            for paper, wanted in zip(section.entries, original.entries, strict=True):
                assert_same_publication(paper, wanted)
        else:
            raise AssertionError(f"{section.title}: kind {section.kind}, expected {original.kind}")


def assert_same_education(entry: EducationEntry, want: EducationEntry) -> None:
    """What the page carries; location is CV-only."""
    assert (entry.institution, entry.url, entry.logo) == (want.institution, want.url, want.logo)
    assert (entry.start, entry.end) == (want.start, want.end)  # to the month (or day) given
    assert entry.degree == want.degree
    assert entry.advisors == want.advisors  # title, name and url
    assert entry.details == want.details


def assert_same_publication(entry: Publication, want: Publication) -> None:
    """What the page carries; the year and authors' notes ("co-1st author") are CV-only."""
    assert (entry.title, entry.url, entry.links) == (want.title, want.url, want.links)
    assert [(a.name, a.equal) for a in entry.authors] == [(a.name, a.equal) for a in want.authors]
    assert (entry.status, entry.venue, entry.note) == (want.status, want.venue, want.note)


def test_round_trip_of_what_the_bundled_profile_does_not_use(tmp_path: Path):
    profile = validate(Profile,
        {
            "person": {
                "name": "Ana *Star* [Doe]",
                "name_variants": ["A. Doe"],
                "profiles": [{"network": "Mastodon", "url": "https://mastodon.social/@ana"}],
            },
            "news": [
                {"date": "2024-03", "text": "Paper **accepted**."},
                {"date": "2024-01-05", "text": "Joined."},
            ],
            "sections": [
                {"title": "Papers", "kind": "publications", "entries": [
                    {"title": "Only links", "links": [{"label": "PDF", "url": "https://x.org/a.pdf"}],
                     "authors": ["A. Doe", "B_C Lee*"], "note": "Best paper."},
                    {"title": "Bare status", "status": "Under review at"},
                ]},
                {"title": "Studies", "kind": "education", "entries": [
                    {"institution": "Uni", "start": "2019", "advisors": [
                        {"name": "X"},
                        {"title": "Dr.", "name": "Y"},
                        {"title": "Prof.", "name": "Z", "url": "https://z.org"}],
                     "mentors": [{"title": "Dr.", "name": "M"}, {"name": "N", "url": "https://n.org"}],
                     "details": ["Thesis on *widgets*."]},
                    {"institution": "Institute", "mentors": [{"name": "O"}]},
                    {"institution": "School", "end": "2018-06", "degree": "A-levels"},
                ]},
            ],
        }
    )  # fmt: skip
    page = write_page(tmp_path, render_homepage(profile, cv_link=None))
    result = read_homepage(page)
    assert result.notes == []
    back = validate(Profile, result.data)
    assert back.person.name == profile.person.name
    assert back.person.name_variants == ["A. Doe"]  # it is underlined in an author list
    assert back.person.profiles == profile.person.profiles
    assert back.news == profile.news
    assert back.sections == profile.sections


def test_a_line_of_names_shows_on_the_page_and_comes_back_as_a_detail(tmp_path: Path):
    profile = validate(Profile, {
        "person": {"name": "Ana Doe"},
        "sections": [{"title": "Education", "kind": "education", "entries": [
            {"institution": "Uni", "degree": "PhD", "people": [
                {"label": "Co-supervisors:", "names": ["A", {"name": "B", "url": "https://b.org"}]}
            ]},
        ]}],
    })  # fmt: skip
    page = render_homepage(profile, cv_link=None)
    assert "Co-supervisors: A and [B](https://b.org)" in page
    back = read_homepage(write_page(tmp_path, page)).data
    (entry,) = back["sections"][0]["entries"]
    assert entry["details"] == ["Co-supervisors: A and [B](https://b.org)"]


# ---------------------------------------------------------------- update between markers


def test_update_replaces_only_between_markers():
    hand_top = "---\ntitle: Me\n---\n\nHand-written intro, *kept*  \n\n"
    hand_middle = '\n<div class="grid">my own HTML</div>\n\n'
    hand_bottom = "\n## Hobbies\n\nClimbing.\n"
    existing = (
        hand_top
        + "<!-- cvgen:begin header -->\n# Old Name\n<!-- cvgen:end -->\n"
        + hand_middle
        + "<!-- cvgen:begin publications -->\nstale\n  <!-- cvgen:end -->\n"
        + hand_bottom
    )
    updated = update_homepage(existing, bundled(), cv_link=CV_LINK)
    assert updated.startswith(hand_top + "<!-- cvgen:begin header -->\n")
    assert hand_middle + "<!-- cvgen:begin publications -->\n" in updated
    assert updated.endswith("  <!-- cvgen:end -->\n" + hand_bottom)
    assert "Old Name" not in updated and "stale" not in updated
    assert "# Hexu Zhao" in updated and "## Publications" in updated
    assert "## Bio" not in updated  # no bio markers: cvgen does not add the region


def test_update_of_a_rendered_page_changes_nothing_and_keeps_crlf():
    rendered = render_homepage(bundled(), cv_link=CV_LINK)
    assert update_homepage(rendered, bundled(), cv_link=CV_LINK) == rendered
    windows = "Intro\r\n<!-- cvgen:begin news -->\r\nold\r\n<!-- cvgen:end -->\r\nOutro\r\n"
    updated = update_homepage(windows, bundled(), cv_link=None)
    assert updated.startswith("Intro\r\n<!-- cvgen:begin news -->\r\n") and updated.endswith(
        "<!-- cvgen:end -->\r\nOutro\r\n"
    )
    assert "\n" not in updated.replace("\r\n", "")


def test_rendered_page_follows_the_reference_conventions():
    page = render_homepage(bundled(), cv_link=CV_LINK)
    assert page.startswith("---\nhide:\n  - navigation\n  - toc\n---\n")
    assert "# Hexu Zhao ![Hexu Zhao](../assets/images/portrait.jpg){ align=right" in page
    assert (
        "*:fontawesome-solid-inbox: Email: [hz3496 [at] nyu [dot] edu](mailto:hz3496@nyu.edu)*"
        in page
    )
    assert (
        f"[:material-file-account:]({CV_LINK}) [:fontawesome-solid-envelope:](mailto:hz3496@nyu.edu)"
        in page
    )
    assert "*Sept. 2023 -- Present*" in page and "*Sept. 2019 -- June 2023*" in page
    assert "\\*Yonghao Zhuang, <u>\\*Hexu Zhao</u>, Lianmin Zheng" in page
    assert (
        "*MLSys2023*&nbsp;&nbsp;[:simple-arxiv: arXiv](https://arxiv.org/pdf/2211.05322.pdf)"
        in page
    )
    for region in ("header", "bio", "news", "education", "publications"):
        assert page.count(f"<!-- cvgen:begin {region} -->") == 1
    assert page.count("<!-- cvgen:end -->") == 5


@pytest.mark.parametrize(
    ("page", "line", "message"),
    [
        ("a\n<!-- cvgen:begin bio -->\nb\n", 2, "'cvgen:begin bio' is never closed"),
        ("a\n\n<!-- cvgen:end -->\n", 3, "'cvgen:end' without a 'cvgen:begin NAME'"),
        (
            "<!-- cvgen:begin bio -->\n<!-- cvgen:begin news -->\n<!-- cvgen:end -->\n",
            2,
            "inside the open 'bio' region",
        ),
        (
            "<!-- cvgen:begin awards -->\n<!-- cvgen:end -->\n",
            1,
            "unknown cvgen marker 'begin awards'",
        ),
    ],
)
def test_unbalanced_markers_name_the_line(page: str, line: int, message: str):
    with pytest.raises(CvgenError) as caught:
        update_homepage(page, bundled(), cv_link=None, file=Path("docs/index.md"))
    assert caught.value.line == line
    assert one_line(caught.value).startswith(f"docs/index.md:{line}: ")
    assert message in str(caught.value)


def test_a_page_without_markers_says_how_to_add_them():
    with pytest.raises(CvgenError) as caught:
        update_homepage("# Me\n\nHello.\n", bundled(), cv_link=None, file=Path("docs/index.md"))
    assert "<!-- cvgen:begin NAME -->" in one_line(caught.value)
    assert str(caught.value).startswith("docs/index.md: ")


# ---------------------------------------------------------------- not quite homepages


def test_a_page_without_a_name_heading_is_refused(tmp_path: Path):
    page = write_page(tmp_path, "---\nhide: [toc]\n---\n\nSome notes.\n\n## Bio\n\nHi.\n")
    with pytest.raises(CvgenError) as caught:
        read_homepage(page)
    assert (caught.value.file, caught.value.line) == (page, 5)
    assert "no '# Name' heading" in one_line(caught.value)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("# Release notes\n\nFixed a bug.\n", 1, "nothing else a homepage carries"),
        ("---\nhide: [toc]\n# Me\n", 1, "front matter opened with '---' is never closed"),
    ],
)
def test_other_markdown_is_refused_with_a_line(tmp_path: Path, text: str, line: int, message: str):
    page = write_page(tmp_path, text)
    with pytest.raises(CvgenError) as caught:
        read_homepage(page)
    assert caught.value.line == line and message in one_line(caught.value)


def test_a_file_that_is_not_text_is_refused(tmp_path: Path):
    page = tmp_path / "index.md"
    page.write_bytes(b"# Me\n\xff\xfe\n")
    with pytest.raises(CvgenError) as caught:
        read_homepage(page)
    assert caught.value.line == 2 and "not UTF-8" in one_line(caught.value)


def test_what_cannot_be_placed_is_listed_not_dropped(tmp_path: Path):
    page = write_page(
        tmp_path,
        "# Ana Doe\n\n"
        "PhD student at [NYU](https://nyu.edu), loves cats.\n\n"
        "*:fontawesome-solid-phone: Fax: 123*\n\n"
        "[:fontawesome-brands-discord:](https://discord.gg/ana) [:fontawesome-brands-github:](https://github.com/ana)\n\n"
        "## Bio\n\nSee [my notes](notes/index.md) :material-star: and <span>this</span>.\n\n"
        "## Awards\n\n* Best paper\n\n"
        "## Publications\n\nIntro line.\n\n"
        "**A Paper**\n\n[Ana Doe](https://ana.org), <u>A. D.</u>\n\n"
        "*Venue*&nbsp;&nbsp;[:academicons-arxiv:](https://arxiv.org/abs/1) extra words\n",
    )
    result = read_homepage(page)
    notes = "\n".join(note_lines(result))
    for expected in [
        "5: header line 'Fax' not placed",
        "7: link ':fontawesome-brands-discord:' (https://discord.gg/ana) in the icon row",
        "11: link in bio kept as text, not a link",
        "11: bio: icon :material-star: left out",
        "11: bio: HTML tag <span> </span> left out",
        "19: text in Publications outside an entry not placed: 'Intro line.'",
        "23: link of author 'Ana Doe' not placed: https://ana.org",
        "25: text in a venue line not placed: 'extra words'",
    ]:
        assert expected in notes, expected
    person = result.data["person"]
    assert person["tagline"] == "PhD student at [NYU](https://nyu.edu), loves cats."
    assert person["bio"] == "See my notes and this."
    assert person["name_variants"] == ["A. D."]  # underlined, so the CV highlights it too
    assert person["profiles"] == [{"network": "GitHub", "url": "https://github.com/ana"}]
    awards, papers = result.data["sections"]
    assert awards == {"title": "Awards", "kind": "items", "entries": [{"text": "Best paper"}]}
    paper = papers["entries"][0]
    assert paper["links"] == [{"label": "arXiv", "url": "https://arxiv.org/abs/1"}]
    validate(Profile, result.data)


def test_image_paths_move_from_the_profile_folder_to_the_page_folder():
    moved = rebase_profile_images(bundled(), from_dir=ROOT / "data", to_dir=ROOT)
    assert moved.person.portrait == "assets/images/portrait.jpg"
    assert moved.sections[0].entries[0].logo == "assets/images/logos/nyu.png"  # type: ignore[union-attr]
    assert moved.sections[1:] == bundled().sections[1:]
    remote = {"person": {"name": "A", "portrait": "https://x.org/a.jpg"}}
    assert rebase_image_paths(remote, from_dir=ROOT, to_dir=ROOT / "docs") == remote


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("*Sept. 2023 -- Present*", "2023-09", "present"),
        ("*Sep 2019 – June 2023*", "2019-09", "2023-06"),
        ("*September 1, 2019 - Jan. 2020*", "2019-09-01", "2020-01"),
        ("*2018 to 2022*", "2018", "2022"),
        ("*2021-03*", "2021-03", None),
        ("*-- June 2023*", None, "2023-06"),
    ],
)
def test_education_dates_as_homepages_write_them(
    tmp_path: Path, line: str, start: str | None, end: str | None
):
    page = write_page(tmp_path, f"# Me\n\n## Education\n\n### Uni\n\n{line}\n\n***MSc***\n")
    entry = read_homepage(page).data["sections"][0]["entries"][0]
    assert (entry.get("start"), entry.get("end"), entry["degree"]) == (start, end, "MSc")


def test_author_lists_split_at_commas_and_and_but_not_inside_links(tmp_path: Path):
    page = write_page(
        tmp_path,
        "# Me\n\n## Publications\n\n**P**\n\n"
        "A\x00B, <u>Me, Myself</u>, [Lee, J.](https://j.org) and C\\_D\\*\n",
    )
    authors = read_homepage(page).data["sections"][0]["entries"][0]["authors"]
    # CommonMark reads a NUL character as U+FFFD, as every Markdown renderer shows it.
    assert authors == ["A\ufffdB", "Me, Myself", "Lee, J.", "C_D*"]


def test_an_unreadable_date_line_is_not_a_date(tmp_path: Path):
    page = write_page(tmp_path, "# Me\n\n## Education\n\n### Uni\n\n*Smarch 2023*\n\n*MSc*\n")
    result = read_homepage(page)
    entry = result.data["sections"][0]["entries"][0]
    assert "start" not in entry and entry["degree"] == "*Smarch 2023*"  # a degree in italics
    assert "9: text in 'Uni': '*MSc*' kept as a detail line" in note_lines(result)
