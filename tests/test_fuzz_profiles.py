"""Property: any profile text gives a PDF that carries it, or one clear line — never a traceback.

The normal run tries a few dozen examples; CI's fuzz run (-m fuzz) tries many more.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvgen.build import build_cv
from cvgen.errors import CvgenError
from cvgen.fonts import covered_codepoints
from cvgen.inline import plain_text
from tests.conftest import FUZZ_EXAMPLES as EXAMPLES
from tests.pdfread import full_text, link_uris, pdf_problems

any_text = st.text(st.characters(codec="utf-8"), min_size=1, max_size=60)
printable = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")).filter(
        lambda ch: ord(ch) in covered_codepoints() and ch not in "*[]()<>\\_"
    ),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip())


def profile_data(name: str, tagline: str, role: str, bullet: str, title: str) -> dict:
    return {
        "person": {"name": name, "tagline": tagline},
        "sections": [
            {
                "title": "Work",
                "kind": "experience",
                "entries": [{"role": role, "bullets": [bullet]}],
            },
            {
                "title": "Papers",
                "kind": "publications",
                "entries": [{"title": title, "authors": [name]}],
            },
        ],
    }


def built_text(data: dict) -> str | None:  # type: ignore[type-arg]
    """The text of the sound PDF these data build, or None after a one-line error."""
    with TemporaryDirectory() as scratch:
        path = Path(scratch) / "profile.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        try:
            result = build_cv(path, on=date(2024, 1, 1), output_dir=Path(scratch) / "out")
        except CvgenError as error:
            assert "\n" not in str(error)
            return None
        assert result.pages >= 1
        assert pdf_problems(result.path) == []
        return full_text(result.path)


def squash(text: str) -> str:
    """Without white space, and composed (NFC) as cvgen prints it: U+037E prints as ';'."""
    return "".join(unicodedata.normalize("NFC", text).split())


@pytest.mark.fuzz
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=printable, tagline=printable, role=printable, bullet=printable, title=printable)
def test_printable_text_comes_back_out(name, tagline, role, bullet, title):
    text = built_text(profile_data(name, tagline, role, bullet, title))
    if text is not None:
        for value in (name.upper(), tagline, role, bullet, title):
            assert squash(plain_text(value)) in squash(text)


@pytest.mark.fuzz
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=any_text, tagline=any_text, role=any_text, bullet=any_text, title=any_text)
def test_any_text_builds_or_fails_in_one_line(name, tagline, role, bullet, title):
    built_text(profile_data(name, tagline, role, bullet, title))


# Letters whose capitals no bundled font may have (ʇ → U+A7B1), drawn in capitals by the
# default theme (the name) and by classic (section headings).
letters = st.text(st.characters(categories=("Ll", "Lu", "Lt", "Lm", "Lo")), min_size=1, max_size=30)


@pytest.mark.fuzz
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=letters, title=letters, theme=st.sampled_from(["homepage", "classic"]))
def test_upper_case_text_prints_as_drawn_or_warns(name, title, theme):
    data = profile_data(name, "tagline", "role", "bullet", title)
    data["theme"] = {"base": theme}
    text = built_text(data)  # a sound PDF (no NUL in its text) or one clear line
    if text is not None:
        assert "\0" not in text


control = st.characters(categories=("Cc", "Cf"))
url_tail = st.text(st.one_of(control, st.characters(codec="utf-8")), min_size=1, max_size=20)


@pytest.mark.fuzz
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tail=url_tail, local=url_tail)
def test_links_and_emails_with_control_characters_are_refused_or_ascii(tail, local):
    data = profile_data("Ada Lovelace", "tagline", "role", "bullet", "title")
    data["person"]["homepage"] = {"label": "Home", "url": "https://example.org/" + tail}
    data["person"]["email"] = local + "@example.org"
    with TemporaryDirectory() as scratch:
        path = Path(scratch) / "profile.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        try:
            result = build_cv(path, on=date(2024, 1, 1), output_dir=Path(scratch) / "out")
        except CvgenError as error:
            assert "\n" not in str(error)
            # Surrounding white space (a '\r') is trimmed, not refused: only what stays counts.
            if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in tail.strip() + local.strip()):
                assert "invisible character" in str(error) or "not a" in str(error)
            return
        assert not any(
            unicodedata.category(ch) in ("Cc", "Cf") for ch in tail.strip() + local.strip()
        )
        assert pdf_problems(result.path) == []
        assert all(uri.isascii() for uri in link_uris(result.path))
