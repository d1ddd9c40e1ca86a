from __future__ import annotations

import gc
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from cvgen.build import BuildResult

# This module is imported by every process of a run, xdist's controller too, which runs no
# test: cvgen, typer and the PDF readers are imported where a test needs them (workers).

# In CI the property tests replay the same examples every run (a red CI blocks a landing,
# so it must not depend on luck); locally they explore new ones each time. No deadline:
# a wall-clock limit per example fails on a loaded machine (tests run on every core), and
# the first example pays for loading fonts.
settings.register_profile("local", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "local")

# Examples per property test in the default run: enough to smoke out a regression locally.
# CI's fuzz step runs the same tests with CVGEN_FUZZ_EXAMPLES=400 (see .ci/run).
FUZZ_EXAMPLES = int(os.environ.get("CVGEN_FUZZ_EXAMPLES", "10"))

# Prepared images are cached on disk; tests keep theirs out of the user's cache folder, and
# each parallel worker (pytest -n) has its own, so no test sees another's entries.
_cache = os.environ.setdefault("CVGEN_CACHE_DIR", tempfile.mkdtemp(prefix="cvgen-test-cache-"))
if _worker := os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["CVGEN_CACHE_DIR"] = os.path.join(_cache, _worker)

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_PROFILE = ROOT / "data" / "profile.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REFERENCE_DATE = date(2023, 11, 30)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/*.png from this build"
    )


# Modules whose tests start processes (and wait on them): with the property tests, the
# longest tests of the suite. They are handed out first, so the last tests xdist gives a
# worker are short ones and the workers finish together.
_STARTS_PROCESSES = {
    "test_bad_inputs.py",
    "test_cli_errors.py",
    "test_closed_stdout.py",
    "test_replay.py",
    "test_watch.py",
}


def pytest_collection_finish(session: pytest.Session) -> None:
    """What is alive once the tests are collected (modules, test items, their data) lives
    for the whole run: frozen, the garbage collector no longer walks it in every full
    collection (about 2.5 s of each worker's CPU time, down to about 1 s). Garbage is
    collected first, so nothing that could be freed is kept. The tests allocate briskly
    (PDF parsing, layout): a young collection every 10,000 allocations instead of 700 makes
    a third as many full ones (1.6-2.0 s -> 0.9-1.0 s of GC in a serial run)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def long_first(item: pytest.Item) -> bool:
        return not (item.path.name in _STARTS_PROCESSES or item.get_closest_marker("fuzz"))

    items.sort(key=long_first)  # stable: the order within each group stays as collected


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True, scope="session")
def _one_cli_command_tree() -> None:
    """CLI tests build typer's command tree once, not per invoke (tests/clirun.py)."""
    from tests.clirun import share_the_built_command

    share_the_built_command()


@pytest.fixture(scope="session")
def bundled_cv(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The owner's CV, built once for every test that only reads it."""
    from cvgen.build import build_cv

    out = tmp_path_factory.mktemp("bundled")
    return build_cv(BUNDLED_PROFILE, on=REFERENCE_DATE, output_dir=out)


def register_text_fonts() -> None:
    """Both text families and every fallback font, as a build registers them."""
    from cvgen.fonts import FAMILY, SERIF, register_fallbacks, register_family

    for family in (FAMILY, SERIF):
        register_family(family)
    register_fallbacks()


def build_in_themes(profiles: Iterable[Path], themes: Iterable[str | None], folder: Path) -> None:
    """Build each profile in each theme (None: its own) at the reference date, into
    ``folder/<theme>/<profile name>``."""
    from cvgen.build import build_cv

    for theme in themes:
        for profile in profiles:
            out = folder / str(theme) / profile.stem
            build_cv(profile, on=REFERENCE_DATE, output_dir=out, theme=theme, force=True)


def copy_project(folder: Path) -> Path:
    """``folder`` with a copy of data/ and assets/images/ in it."""
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copytree(ROOT / "assets" / "images", folder / "assets" / "images")
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of data/ and assets/images/ to break things in."""
    return copy_project(tmp_path)


# Every PDF cvgen makes in the suite passes pdf_problems. Looking costs: a walk of the whole
# temporary tree after every test was a fifth of the suite's time. So after each test only the
# folders it created are walked, each module's end walks everything (a PDF written into an
# older folder is caught there, naming its path), a file is read again only when its size or
# time changed, and bytes already found sound are not checked twice.
_looked_at: dict[Path, tuple[int, int]] = {}  # path → (mtime_ns, size) when last read
_sound: set[bytes] = set()  # sha256 of the PDFs that passed


def _check_pdfs_under(folders: Iterable[Path]) -> None:
    for folder in folders:
        for root, _, names in os.walk(folder):
            for name in sorted(names):
                if name.endswith(".pdf"):
                    _check_pdf(Path(root) / name)


def _check_pdf(pdf: Path) -> None:
    try:
        stat = pdf.stat()
    except FileNotFoundError:
        return
    if _looked_at.get(pdf) == (stat.st_mtime_ns, stat.st_size) or not pdf.is_file():
        return
    _looked_at[pdf] = (stat.st_mtime_ns, stat.st_size)
    data = pdf.read_bytes()
    if b"(cvgen " not in data:
        return  # stand-ins for earlier CVs, and deliberately bad PDFs, are not ours
    digest = hashlib.sha256(data).digest()
    if digest not in _sound:
        from tests.pdfread import pdf_problems

        assert pdf_problems(pdf) == [], pdf
        _sound.add(digest)


@pytest.fixture(autouse=True)
def every_pdf_is_sound(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """After each test, the PDFs in the temporary folders the test created."""
    base = tmp_path_factory.getbasetemp()
    before = set(os.listdir(base))  # names, not Paths: the folder holds one per test so far
    yield
    _check_pdfs_under(base / name for name in sorted(set(os.listdir(base)) - before))


@pytest.fixture(autouse=True, scope="module")
def every_pdf_of_the_module_is_sound(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """After each module, every PDF under the temporary tree (written anywhere)."""
    yield
    _check_pdfs_under([tmp_path_factory.getbasetemp()])
