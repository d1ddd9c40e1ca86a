"""The ats theme spells out every link target in the text; the footer reads as one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfminer.high_level import extract_text

from cvgen.build import build_cv
from tests.conftest import BUNDLED_PROFILE, REFERENCE_DATE
from tests.pdfread import link_uris, page_texts

ALL_LINKS = """\
person:
  name: Jane Doe
  email: jane@example.org
  phone: "+1 555 0100"
  homepage: {label: Home, url: "https://jane.example.org/"}
  profiles:
    - {network: GitHub, url: "https://github.com/jane"}
sections:
  - title: Education
    kind: education
    entries:
      - institution: Example University
        url: https://uni.example.edu/
        advisors: [{name: Ada Lovelace, url: "https://ada.example.org/"}]
  - title: Experience
    kind: experience
    entries:
      - role: Engineer
        organization: Acme
        url: https://acme.example.com/
        bullets: ["Built [the thing](https://thing.example.com/x?y=1&z=2)."]
  - title: Publications
    kind: publications
    entries:
      - title: A Paper
        url: https://papers.example.org/a.pdf
        authors: [Jane Doe]
        links: [{label: Code, url: "https://code.example.org/a"}]
  - title: Referees
    kind: referees
    entries:
      - {name: Bob Roe, url: "https://bob.example.org/", email: bob@example.org}
"""


def _squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("source", ["fixture", "bundled"])
def test_ats_text_holds_every_link_target(source: str, tmp_path: Path):
    path = BUNDLED_PROFILE
    if source == "fixture":
        path = tmp_path / "links.yaml"
        path.write_text(ALL_LINKS)
    pdf = build_cv(path, on=REFERENCE_DATE, output=tmp_path / "ats.pdf", theme="ats").path
    text = _squeezed(" ".join(page_texts(pdf)))
    targets = {uri.removeprefix("mailto:") for uri in link_uris(pdf)}
    assert len(targets) >= (10 if source == "fixture" else 15)
    for target in targets:
        if target.startswith("tel:"):
            assert "+15550100" in text
        else:
            assert _squeezed(target) in text, target


@pytest.mark.parametrize("theme", ["homepage", "classic", "ats"])
def test_footer_reads_as_one_line_with_pypdf_and_pdfminer(theme: str, tmp_path: Path):
    footer_on = ["settings.footer=true"]  # ats has none by default
    pdf = build_cv(
        BUNDLED_PROFILE,
        on=REFERENCE_DATE,
        output=tmp_path / "cv.pdf",
        theme=theme,
        overrides=footer_on,
    ).path
    pypdf_lines = [line for text in page_texts(pdf) for line in text.splitlines()]
    miner_lines = extract_text(str(pdf)).splitlines()
    for lines in (pypdf_lines, miner_lines):
        footers = [line.strip() for line in lines if "page" in line and "/" in line]
        assert footers == ["Hexu Zhao · page 1 / 2", "Hexu Zhao · page 2 / 2"]


def test_a_kept_link_answers_as_the_first_time() -> None:
    """normalize_url keeps its answers per URL: a refused one is refused every time, with
    the same reason, and a bare domain gains https:// every time."""
    from cvgen.links import normalize_url

    reasons = []
    for _ in range(2):
        with pytest.raises(ValueError, match="not javascript") as refused:
            normalize_url("javascript:alert(1)")
        reasons.append(str(refused.value))
        assert normalize_url(" example.org/a ") == "https://example.org/a"
    assert reasons[0] == reasons[1]
    with pytest.raises(ValueError, match="invisible character U\\+200B"):
        normalize_url("https://exa\u200bmple.org")
