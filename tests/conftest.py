from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from cvgen.build import BuildResult, build_cv
from tests.pdfread import pdf_problems

# In CI the property tests replay the same examples every run (a red CI blocks a landing,
# so it must not depend on luck); locally they explore new ones each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Prepared images are cached on disk; tests keep theirs out of the user's cache folder.
os.environ.setdefault("CVGEN_CACHE_DIR", tempfile.mkdtemp(prefix="cvgen-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_PROFILE = ROOT / "data" / "profile.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REFERENCE_DATE = date(2023, 11, 30)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/*.png from this build"
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


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


_checked: set[Path] = set()


@pytest.fixture(autouse=True)
def every_pdf_is_sound(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """After each test, every PDF cvgen has made in the suite passes the same checks."""
    yield
    for pdf in sorted(tmp_path_factory.getbasetemp().rglob("*.pdf")):
        if pdf in _checked or not pdf.is_file() or b"(cvgen " not in pdf.read_bytes():
            continue  # stand-ins for earlier CVs, and deliberately bad PDFs, are not ours
        _checked.add(pdf)
        assert pdf_problems(pdf) == [], pdf
