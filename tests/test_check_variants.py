"""`cvgen check` checks what `build --all` would build: every variant, or the one named."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.clirun import cvgen
from tests.test_output_safety import snapshot

PROFILE = """\
person:
  name: Ada Lovelace
sections:
  - title: Work
    kind: experience
    entries:
      - {role: Analyst, logo: gone.png, tags: [eng]}
variants:
  plain:
    theme: ats
  fancy:
    theme: nosuch
  wide:
    exclude_tags: [eng]
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "p.yaml").write_text(PROFILE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_reports_a_problem_in_any_variant(folder: Path):
    before = snapshot(folder)
    code, out, err = cvgen("check", "p.yaml")
    assert code == 1 and out == ""
    # The missing logo is one problem, said once though three CVs show it; the variant's
    # unknown theme is placed at the variant.
    assert err.splitlines() == [
        "p.yaml:7: sections[0].entries[0].logo: image not found: gone.png",
        "p.yaml:12: variants.fancy.theme: no built-in theme 'nosuch'"
        " (there are: homepage, ats, classic; or a .yaml file)",
    ]
    assert snapshot(folder) == before


def test_check_one_variant_checks_only_it(folder: Path):
    code, out, err = cvgen("check", "p.yaml", "--variant", "plain")
    assert code == 0, err
    assert out.strip() == "p.yaml: valid, 1 page, 0 warning(s)"


def test_check_lists_the_pages_of_every_variant(folder: Path):
    text = (folder / "p.yaml").read_text(encoding="utf-8")
    text = text.replace("logo: gone.png, ", "").replace(
        "    theme: nosuch\n", "    theme: classic\n"
    )
    (folder / "p.yaml").write_text(text, encoding="utf-8")
    code, out, err = cvgen("check", "p.yaml")
    assert code == 0, err
    assert out.strip() == "p.yaml: valid, 1 page (plain: 1, fancy: 1, wide: 1), 0 warning(s)"


def test_check_with_a_theme_as_build_would(folder: Path):
    code, _, err = cvgen("check", "p.yaml", "--variant", "plain", "--theme", "glitter")
    assert code == 1
    assert err.strip().startswith("--theme glitter: no built-in theme 'glitter'")
