"""load → select → prepare: only what a CV prints is prepared and checked, and every
problem still names where it was written (also after --set)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from cvgen.build import build_cv, check_profile
from cvgen.errors import CvgenError
from cvgen.loader import load_profile
from cvgen.variants import select
from tests.pdfread import full_text

ON = date(2024, 1, 1)
EMOJI = "\U0001f600"  # no bundled font has it

PROFILE = f"""\
person: {{name: Jane Doe}}
sections:
  - title: Experience
    kind: experience
    entries:
      - role: Old job
        logo: missing-old.png
        tags: [old]
        bullets:
          - Built a {EMOJI} thing
      - role: Current job
        logo: logo.png
        bullets:
          - {{text: "Secret {EMOJI} project", tags: [secret]}}
          - Shipped the parser
          - Wrote {EMOJI} docs
      - role: Third job
        logo: logo.png
variants:
  recent: {{exclude_tags: [old, secret]}}
  short: {{exclude_tags: [old], max_entries: 1}}
"""
# The lines the YAML above puts things on (1-based).
CURRENT_JOB_LOGO_LINE = 12
WROTE_DOCS_LINE = 16
THIRD_JOB_LOGO_LINE = 18


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    Image.new("RGB", (40, 40), "#225588").save(tmp_path / "logo.png")
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    lines = PROFILE.splitlines()
    assert lines[CURRENT_JOB_LOGO_LINE - 1].strip() == "logo: logo.png"
    assert lines[WROTE_DOCS_LINE - 1].strip() == f"- Wrote {EMOJI} docs"
    assert lines[THIRD_JOB_LOGO_LINE - 1].strip() == "logo: logo.png"
    return path


def test_a_variant_without_the_entry_whose_logo_is_missing_builds(profile: Path):
    result = build_cv(profile, on=ON, output_dir=profile.parent / "out", variant="recent")
    text = full_text(result.path)
    assert "Current job" in text and "Old job" not in text and "Secret" not in text


def test_the_default_cv_still_fails_on_that_logo_naming_its_line(profile: Path):
    with pytest.raises(CvgenError) as info:
        build_cv(profile, on=ON, output_dir=profile.parent / "out")
    assert str(info.value).startswith(f"{profile}:7: sections[0].entries[0].logo: image not found")


def test_glyph_warnings_only_for_what_prints_at_the_written_place(profile: Path):
    result = build_cv(profile, on=ON, output_dir=profile.parent / "out", variant="recent")
    assert len(result.warnings) == 1
    [warning] = result.warnings
    # Printed as bullets[0] of entries[0] of the variant; written as bullets[2] of entries[1].
    assert warning.startswith(
        f"{profile}:{WROTE_DOCS_LINE}: sections[0].entries[1].bullets[2]: warning: no bundled font"
    )


def test_an_error_in_a_kept_entry_names_its_written_line(profile: Path):
    (profile.parent / "logo.png").unlink()
    with pytest.raises(CvgenError) as info:
        build_cv(profile, on=ON, output_dir=profile.parent / "out", variant="recent")
    assert str(info.value).startswith(
        f"{profile}:{CURRENT_JOB_LOGO_LINE}: sections[0].entries[1].logo: image not found"
    )


def test_an_error_set_on_the_command_line_names_the_set(profile: Path):
    with pytest.raises(CvgenError) as info:
        build_cv(
            profile,
            on=ON,
            output_dir=profile.parent / "out",
            variant="recent",
            overrides=["sections[0].entries[2].logo=gone.png"],
        )
    assert str(info.value).startswith(
        "--set sections[0].entries[2].logo=gone.png: sections[0].entries[2].logo: image not found"
    )


def test_entries_past_a_variants_limit_are_not_prepared(profile: Path):
    (profile.parent / "logo.png").unlink()
    Image.new("RGB", (40, 40)).save(profile.parent / "only-current.png")
    text = PROFILE.replace("logo: logo.png", "logo: only-current.png", 1)
    profile.write_text(text, encoding="utf-8")
    result = check_profile(profile, on=ON, variant="short")  # third job's logo is missing
    assert result.pages == 1


def test_selection_maps_each_kept_part_back_to_where_it_was_written(profile: Path):
    selected = select(load_profile(profile), "recent")
    assert [e.role for e in selected.profile.sections[0].entries] == ["Current job", "Third job"]
    assert selected.source_path(("sections", 0, "entries", 0, "bullets", 1)) == (
        "sections",
        0,
        "entries",
        1,
        "bullets",
        2,
    )
    assert selected.source_path(("sections", 0, "entries", 1, "logo")) == (
        "sections",
        0,
        "entries",
        2,
        "logo",
    )
    assert selected.source.line_of(selected.source_path(("sections", 0, "entries", 1, "logo"))) == (
        THIRD_JOB_LOGO_LINE
    )


def test_a_variants_own_settings_are_named_as_the_variants(tmp_path: Path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "person: {name: A}\nsections: []\nvariants:\n  v:\n    title: Hi " + EMOJI + "\n",
        encoding="utf-8",
    )
    result = build_cv(path, on=ON, output_dir=tmp_path / "out", variant="v")
    assert [w.split(": warning")[0] for w in result.warnings] == [f"{path}:5: variants.v.title"]
    assert build_cv(path, on=ON, output_dir=tmp_path / "out").warnings == ()
