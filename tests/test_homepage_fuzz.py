"""Fuzz of `cvgen import homepage`: hostile-but-plausible Markdown pages (headings, header
lines, lists, dated news, positions, papers, tables, <details> and ??? boxes, HTML comments,
unclosed ** and [, long runs of spaces, other scripts, NUL and odd characters).

The property is the contract's promise: the import gives profile YAML that loads through the
real profile loader, with one-line notes, or fails in one located line; never another
exception. And nothing written inside an HTML comment reaches the profile.
"""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cvgen.errors import CvgenError
from cvgen.formats.contract import finish_import
from cvgen.formats.homepage import read_homepage
from cvgen.formats.markdown_page import read_page
from cvgen.loader import load_profile
from tests.conftest import FUZZ_EXAMPLES as EXAMPLES

HIDDEN = "Zqxhidden"  # written only inside comments; never in the profile

# --- words and inline text ----------------------------------------------------------------

WORDS = ["Ana", "Lima", "compilers", "sparse", "München", "Zürich", "李华", "论文", "Ελένη"]
WORDS += ["جامعة", "Ph.D.", "R&D", "C++", "a*b", "<3", "x" * 200, "2024", "Acme", "@"]
DATES = ["2024-05", "Mar. 2025", "Sept. 2021", "Jul 2024", "2019", "Present", "soon"]
DATES += ["13/2020", "2020-13", "Jun 2024 – Sep 2024", "2019 -- 2021", "2021 - present"]
URLS = ["https://acme.example.com", "https://arxiv.org/abs/2502.00001", "mailto:a@b.org"]
URLS += ["javascript:alert(1)", "files/my cv.pdf", "http://", "//x.org", "img/me.jpg", ""]
ODD = ["\x00", "\u200b", "\u202e", "\ufeff", "\r", "\x85", "\u2028", "\x0c", "\x1b", "\ud7ff"]
HOSTILE_INLINE = [
    "**",  # unclosed bold
    "[",  # unclosed link
    "(" * 50,
    "*",
    "_",
    "<u>",
    "</details>",
    "&nbsp;",
    " " * 3000,  # a long run of spaces, mid-line
    f"<!-- {HIDDEN} -->",
    f"<!--{HIDDEN}-->",
    f"<!-- cvgen:begin bio --> <!-- {HIDDEN} -->",
    "<!-- cvgen:nonsense -->",
]

word = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.text(st.characters(codec="utf-8", exclude_characters="`~\n"), min_size=1, max_size=8),
)
link = st.builds(lambda text, url: f"[{text}]({url})", word, st.sampled_from(URLS))
bold = word.map(lambda w: f"**{w}**")
inline_piece = st.one_of(
    *[word] * 6, link, bold, st.sampled_from(HOSTILE_INLINE), st.sampled_from(ODD)
)
# The first word stays plain: a line that starts with spaces or a marker would be
# something else (indented code, a list) than the block it is drawn for.
inline = st.builds(
    lambda first, rest: " ".join([first, *rest]),
    st.sampled_from(WORDS[:9]),
    st.lists(inline_piece, max_size=6),
)

# --- blocks ---------------------------------------------------------------------------------

TITLES = ["News", "Publications", "Education", "Experience", "Awards", "About me", "Bio"]
TITLES += ["Neuigkeiten", "论文", "Expérience", "Teaching", "Misc", "**Selected** Papers"]
title = st.one_of(st.sampled_from(TITLES), st.sampled_from(TITLES), inline)

header_line = st.sampled_from(
    [
        "*:fontawesome-solid-envelope: Email: [ana [at] x [dot] org](mailto:ana@x.org)*",
        "*:fontawesome-solid-building: Office: Room 12, [CS](https://cs.example.edu)*",
        "[:fontawesome-brands-github:](https://github.com/ana) [:ai-cv:](files/cv.pdf)",
        "[:academicons-google-scholar:](https://scholar.google.com/citations?user=X)",
        "![me](img/me.jpg){ align=right width=120 }",
        "![x](https://remote.example/x.png)",
    ]
)
news_item = st.builds(lambda d, t: f"- **{d}**: {t}", st.sampled_from(DATES), inline)
bullet = inline.map(lambda t: f"- {t}")
position = st.builds(
    lambda role, org, url, start, end, bullets, advisor: (
        f"### {role}, [{org}]({url})\n\n*{start} – {end}* · Zürich\n\n"
        + "\n".join(bullets)
        + f"\n\n*Advised by [{advisor}]({url})*"
    ),
    inline,
    word,
    st.sampled_from(URLS),
    st.sampled_from(DATES),
    st.sampled_from(DATES),
    st.lists(bullet, max_size=3),
    word,
)
school = st.builds(
    lambda name, start, degree: (
        f"### {name}\n\n*{start} -- Present*\n\n***{degree}**, advised by X*"
    ),
    inline,
    st.sampled_from(DATES),
    inline,
)
paper = st.builds(
    lambda t, url, authors, venue: f"**[{t}]({url})**\n\n{authors}\n\n*{venue}*",
    inline,
    st.sampled_from(URLS),
    st.sampled_from(["<u>Ana Lima</u>, B. Chen", "Mei Lin*, <u>Ana Lima</u>*", "", "et al."]),
    inline,
)
table = st.lists(st.tuples(word, inline), min_size=1, max_size=3).map(
    lambda rows: "| Year | What |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)
)
comment_block = st.sampled_from(
    [f"<!-- {HIDDEN} -->", f"<!--\n- **2024**: {HIDDEN}\n-->", f"<!-- {HIDDEN}"]
)
leaf = st.one_of(
    inline,  # a paragraph
    st.lists(news_item, min_size=1, max_size=4).map("\n".join),
    st.lists(bullet, min_size=1, max_size=4).map("\n".join),
    position,
    school,
    paper,
    table,
    comment_block,
)


def details(summary: str, inner: str) -> str:
    return f"<details>\n<summary>{summary}</summary>\n\n{inner}\n\n</details>"


def admonition(summary: str, inner: str) -> str:
    body = "\n".join(f"    {line}" if line else "" for line in inner.splitlines())
    return f'??? note "{summary}"\n\n{body}'


def nested(depth: int, summary: str, inner: str) -> str:
    return (
        details(summary, inner)
        if depth == 0
        else details(summary, nested(depth - 1, summary, inner))
    )


block = st.one_of(
    *[leaf] * 6,
    st.builds(nested, st.integers(1, 40), title, leaf),  # deeper than any page nests
    st.integers(7_000, 9_000).map(lambda n: "- **2024**: " + "*a " * (n // 3)),  # near the limit
    st.builds(details, title, leaf),
    st.builds(admonition, title, leaf),
    st.builds(lambda t, inner: f"<details><summary>{t}</summary>\n\n{inner}", title, leaf),
)
section = st.builds(
    lambda t, blocks: f"## {t}\n\n" + "\n\n".join(blocks), title, st.lists(block, max_size=4)
)


@st.composite
def page(draw: st.DrawFn) -> str:
    parts = []
    if draw(st.integers(0, 9)) == 0:
        parts.append(draw(st.sampled_from(["---\nhide:\n  - toc\n---", "---\nunclosed: 1"])))
    if draw(st.integers(0, 9)):  # a page without '# Name' is an error: mostly give one
        parts.append("# " + draw(st.one_of(st.sampled_from(WORDS[:9]), inline)))
    parts += draw(st.lists(header_line, max_size=3))
    parts += draw(st.lists(section, max_size=5))
    separator = draw(st.sampled_from(["\n\n", "\n\n", "\n", "\r\n\r\n"]))
    return separator.join(parts) + "\n"


# --- what the fuzz found ---------------------------------------------------------------------


def write(folder: Path, text: str) -> Path:
    page = folder / "index.md"
    page.write_text(text, encoding="utf-8")
    return page


def test_boxes_nested_thousands_deep_are_read_not_recursed(tmp_path: Path):
    """2,000 nested <details> or 1,000 nested !!! boxes: RecursionError, exit 3."""
    opened = "<details><summary>News</summary>\n\n" * 2000
    page = write(
        tmp_path, "# Ana\n\n## News\n\n" + opened + "- **2024**: x\n" + "</details>\n" * 2000
    )
    notes = [n.message for n in read_homepage(page).notes]
    assert "boxes nested more than 16 deep: this one is plain text" in notes
    boxes = "".join("\t" * i + '!!! note "News"\n' for i in range(1000))
    finish_import(read_homepage(write(tmp_path, "# Ana\n\n" + boxes)), output=None)


def test_a_text_over_the_field_limit_is_left_out_with_a_note_at_its_line(tmp_path: Path):
    """It was one line naming the output file ('<output>:4: news[1].text: ...')."""
    page = write(tmp_path, "# Ana\n\n## News\n\n- **2024**: ok\n- " + "*a " * 3000 + "\n")
    finished = finish_import(read_homepage(page), output=tmp_path / "profile.yaml")
    assert [str(note) for note in finished.notes] == [
        f"{page}:6: news[1] left out: the profile would not load (news[1].text: text of 11,999"
        " characters; a field holds at most 8,000 (a page and a half): split it)"
    ]
    assert "ok" in finished.text


def test_a_name_over_the_field_limit_is_one_line_naming_the_page(tmp_path: Path):
    page = write(tmp_path, "# " + "Ana " * 3000 + "\n\n## News\n\n- **2024**: ok\n")
    with pytest.raises(CvgenError) as error:
        finish_import(read_homepage(page), output=tmp_path / "profile.yaml")
    assert str(error.value).startswith(f"{page}: the import made a profile cvgen cannot load:")


def test_unclosed_front_matter_is_refused_before_the_page_is_parsed(tmp_path: Path):
    """A page that is all front matter was parsed as Markdown first: 9 s for 1.5 MB."""
    page = write(tmp_path, "---\n" + "a: b\n" * 300_000 + "# Ana\n")
    with pytest.raises(CvgenError) as error:
        read_homepage(page)
    assert str(error.value) == f"{page}:1: front matter opened with '---' is never closed"
    assert read_page("---\n# Ana\n\n## Bio\n\nHi.\n").blocks == []


# --- the property -----------------------------------------------------------------------------


def imports_or_fails_in_one_line(text: str) -> None:
    with TemporaryDirectory() as folder:
        source = Path(folder) / "index.md"
        source.write_bytes(text.encode("utf-8", "surrogatepass"))
        output = Path(folder) / "profile.yaml"
        try:
            finished = finish_import(read_homepage(source), output=output)
        except CvgenError as error:
            message = str(error)
            assert "\n" not in message and message.startswith(str(source)), message
            event("one-line error")
            return
        for note in finished.notes:
            assert "\n" not in str(note), str(note)
        output.write_text(finished.text, encoding="utf-8")
        profile = load_profile(output).profile  # the contract: it loads, as a build reads it
        if "```" not in text and "~~~" not in text:  # in fenced code a comment is shown
            assert HIDDEN.casefold() not in finished.text.casefold()
        event(f"imported: {min(len(profile.sections), 3)}+ sections")


@pytest.mark.fuzz
@settings(
    max_examples=EXAMPLES * 4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=page())
def test_any_homepage_imports_or_fails_in_one_line(text: str):
    imports_or_fails_in_one_line(text)
