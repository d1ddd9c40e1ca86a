"""Every script a CV meets prints, embedded, and reads back exactly, in every theme."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cvgen.build import build_cv
from tests.pdfread import fonts, full_text, normalize, pdf_problems

SAMPLES = {
    "name": "Antonín Dvořák",
    "location": "Łódź, Polska",
    "tagline": "“Quotes” – dashes — and ellipses…",
    "role": "Đorđević & Şahin, GROẞE Straße",
    "greek": "Ελληνικά γράμματα",
    "cyrillic": "Русский текст",
    "cjk": "中文 日本語 한국어",
}


def profile_text() -> str:
    s = SAMPLES
    return f"""person:
  name: {s["name"]}
  location: {s["location"]}
  tagline: "{s["tagline"]}"
sections:
  - title: {s["greek"]}
    kind: experience
    entries:
      - role: "{s["role"]}"
        organization: {s["cyrillic"]}
        bullets: ["{s["cjk"]}", "{s["greek"]} · {s["cyrillic"]}"]
  - title: 主页
    kind: text
    text: {s["cjk"]}
"""


@pytest.mark.parametrize("theme", ["homepage", "classic", "ats"])
def test_every_script_reads_back_exactly(tmp_path: Path, theme: str):
    profile = tmp_path / "profile.yaml"
    profile.write_text(profile_text(), encoding="utf-8")
    result = build_cv(profile, on=date(2024, 1, 1), output_dir=tmp_path / "out", theme=theme)
    assert result.warnings == ()
    text = full_text(result.path)
    for key, sample in SAMPLES.items():
        expected = sample.upper() if key == "name" and theme != "classic" else sample
        assert normalize(expected) in text, key
    assert pdf_problems(result.path) == []
    embedded = fonts(result.path)
    assert any("WenQuanYi" in name or "wqy" in name.lower() for name in embedded), embedded
    assert result.size_bytes < 150_000  # the 5 MB CJK font goes in as a small subset
