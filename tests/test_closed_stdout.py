"""`cvgen … | head -1`: a reader that goes away ends cvgen quietly with status 1, through the
real entry point (a closed pipe is the operating system's, so these run a child process):
a build that is built, a build that is replayed, and a command that prints a lot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_into_closed_pipe(folder: Path, *args: str) -> tuple[int, str]:
    """Status and stderr of `python -m cvgen ARGS` whose stdout nobody reads any more."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # before the child starts: its first write to stdout fails (EPIPE)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CVGEN_CACHE_DIR": str(folder / "cache")}
    env.pop("CVGEN_NO_CACHE", None)
    try:
        child = subprocess.run(
            [sys.executable, "-m", "cvgen", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=folder,
            env=env,
            check=False,
        )
    finally:
        os.close(write_end)
    return child.returncode, child.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "profile.yaml").write_text("person:\n  name: Jane Doe\n", encoding="utf-8")
    return tmp_path


BUILD = ("build", "profile.yaml", "--date", "2024-01-01", "-o", "cv.pdf")


def test_a_build_printing_into_a_closed_pipe_ends_quietly(folder: Path):
    status, stderr = run_into_closed_pipe(folder, *BUILD)
    assert (status, stderr) == (1, "")
    assert (folder / "cv.pdf").read_bytes().startswith(b"%PDF")  # written before it printed


def test_a_replayed_build_printing_into_a_closed_pipe_ends_quietly(folder: Path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CVGEN_CACHE_DIR": str(folder / "cache")}
    env.pop("CVGEN_NO_CACHE", None)
    first = [sys.executable, "-m", "cvgen", *BUILD]
    subprocess.run(first, cwd=folder, env=env, capture_output=True, check=True)  # recorded
    assert run_into_closed_pipe(folder, *BUILD) == (1, "")


def test_an_import_printing_into_a_closed_pipe_ends_quietly(folder: Path):
    entries = "".join(f"@misc{{k{i}, title = {{Title {i}}}}}\n" for i in range(2000))
    (folder / "refs.bib").write_text(entries, encoding="utf-8")
    assert run_into_closed_pipe(folder, "import", "bibtex", "refs.bib") == (1, "")
