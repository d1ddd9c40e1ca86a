"""The exit status never lies: 1 and 4 mean nothing was written; 5 names what was."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.clirun import cvgen
from tests.test_output_safety import snapshot

ON = "2024-01-15"
PROFILE = """\
person:
  name: Ada Lovelace
  email: ada@example.org
sections:
  - title: Work
    kind: experience
    entries:
      - {role: Analyst, organization: Engine Co, start: 1842, end: 1843}
variants:
  good:
    title: Good
  bad:
    theme: nosuch
"""
PAGE = "# Ada\n\n[My CV](assets/CV-Ada Lovelace_20230101.pdf) and more text.\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "p.yaml").write_text(PROFILE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def without_bad_variant(folder: Path) -> None:
    text = (folder / "p.yaml").read_text(encoding="utf-8")
    (folder / "p.yaml").write_text(text.replace("  bad:\n    theme: nosuch\n", ""), "utf-8")


@pytest.mark.parametrize("extra", [[], ["--strict"], ["--json"]])
def test_all_with_one_bad_variant_writes_nothing(folder: Path, extra: list[str]):
    # An earlier default CV, ours, must survive byte for byte.
    assert cvgen("build", "p.yaml", "--date", ON, "--output-dir", "assets")[0] == 0
    before = snapshot(folder)
    code, out, err = cvgen(
        "build", "p.yaml", "--date", ON, "--all", "--output-dir", "assets", *extra
    )
    assert code == 1
    message = (
        "p.yaml:13: variants.bad.theme: no built-in theme 'nosuch'"
        " (there are: homepage, ats, classic; or a .yaml file)"
    )
    if extra == ["--json"]:
        report = json.loads(out)
        assert report["ok"] is False and report["files"] == []
        assert report["errors"][0]["message"] == message
    else:
        assert out == "" and err.strip() == message
    assert snapshot(folder) == before


def test_strict_all_with_a_warning_in_one_variant_writes_nothing(folder: Path):
    # Two pages: the default CV has no budget, the variant (built after it) has one page.
    bullets = "".join(f"          - Bullet number {n} of a long career\n" for n in range(90))
    (folder / "p.yaml").write_text(
        "person: {name: Ada Lovelace}\n"
        "sections:\n"
        "  - title: Work\n"
        "    kind: experience\n"
        "    entries:\n"
        "      - role: Analyst\n"
        "        bullets:\n" + bullets + "variants:\n  good: {max_pages: 1}\n",
        encoding="utf-8",
    )
    before = snapshot(folder)
    code, out, err = cvgen("build", "p.yaml", "--date", ON, "--all", "--strict")
    assert code == 4 and out == ""
    assert "nothing written" in err
    assert snapshot(folder) == before


def test_update_page_without_a_cv_link_writes_nothing(folder: Path):
    without_bad_variant(folder)
    (folder / "index.md").write_text("# Ada\n\nNo link here.\n", encoding="utf-8")
    before = snapshot(folder)
    code, out, err = cvgen("build", "p.yaml", "--date", ON, "--update-page", "index.md")
    assert code == 1 and out == ""
    assert err.startswith("index.md: no link to a CV named like")
    assert snapshot(folder) == before


def test_update_page_and_copy_latest_together_when_all_is_well(folder: Path):
    without_bad_variant(folder)
    (folder / "index.md").write_bytes(b"\xef\xbb\xbf" + PAGE.encode())
    code, _, err = cvgen(
        "build", "p.yaml", "--date", ON, "--update-page", "index.md", "--copy-latest", "latest.pdf"
    )
    assert code == 0, err
    dated = folder / "assets" / "CV-Ada Lovelace_20240115.pdf"
    assert (folder / "latest.pdf").read_bytes() == dated.read_bytes()
    assert (folder / "index.md").read_bytes() == b"\xef\xbb\xbf" + PAGE.replace(
        "20230101", "20240115"
    ).encode()


def test_copy_latest_onto_a_folder_writes_nothing(folder: Path):
    without_bad_variant(folder)
    (folder / "latest.pdf").mkdir()
    before = snapshot(folder)
    code, out, err = cvgen("build", "p.yaml", "--date", ON, "--copy-latest", "latest.pdf")
    assert code == 1 and out == ""
    assert err.strip() == "latest.pdf: output path is a folder"
    assert snapshot(folder) == before


def test_png_that_cannot_be_written_writes_no_pdf_either(folder: Path):
    without_bad_variant(folder)
    (folder / "assets" / "CV-Ada Lovelace_20240115-page1.png").mkdir(parents=True)
    before = snapshot(folder)
    code, out, err = cvgen("build", "p.yaml", "--date", ON, "--png")
    assert code == 1 and out == ""
    assert err.strip().endswith("-page1.png: output path is a folder")
    assert snapshot(folder) == before


def test_png_beside_the_pdf(folder: Path):
    without_bad_variant(folder)
    code, _, _ = cvgen("build", "p.yaml", "--date", ON, "--png")
    assert code == 0
    png = folder / "assets" / "CV-Ada Lovelace_20240115-page1.png"
    assert png.read_bytes().startswith(b"\x89PNG")


def test_writing_that_fails_part_way_exits_5_and_names_what_was_written(
    folder: Path, monkeypatch: pytest.MonkeyPatch
):
    without_bad_variant(folder)
    from cvgen import output

    real_replace = os.replace
    calls: list[str] = []

    def replace_then_fail(source: str, target: str) -> None:
        if str(target).endswith(".pdf"):  # the CVs, not cache entries
            calls.append(str(target))
            if len(calls) == 2:
                raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(output.os, "replace", replace_then_fail)
    code, out, err = cvgen("build", "p.yaml", "--date", ON, "--all")
    assert code == 5
    first = "assets/CV-Ada Lovelace_20240115.pdf"
    assert out.strip() == first
    assert err.strip() == (
        "assets/CV-Ada Lovelace_good_20240115.pdf: cannot write: No space left on device;"
        f" already written: {first}; nothing else was changed"
    )
    assert sorted(p.name for p in (folder / "assets").iterdir()) == [Path(first).name]
