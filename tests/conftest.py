from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from cvgen.build import BuildResult, build_cv

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_PROFILE = ROOT / "data" / "profile.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REFERENCE_DATE = date(2023, 11, 30)


@pytest.fixture(scope="session")
def bundled_cv(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The owner's CV, built once for every test that only reads it."""
    out = tmp_path_factory.mktemp("bundled")
    return build_cv(BUNDLED_PROFILE, on=REFERENCE_DATE, output_dir=out)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of data/ and assets/images/ to break things in."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "assets" / "images", tmp_path / "assets" / "images")
    return tmp_path
