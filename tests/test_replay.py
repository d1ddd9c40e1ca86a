"""An unchanged build replays its PDFs; any changed input, option or damaged entry misses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from cvgen import replay
from cvgen.cli import app

PROFILE = """\
person:
  name: Ada Lovelace
  email: ada@example.org
  portrait: portrait.png
theme:
  base: mine.yaml
sections:
  - title: Publications
    kind: publications
    bibtex:
      file: refs.bib
variants:
  short:
    sections: [Publications]
"""
THEME = "base: homepage\n"  # shows the portrait
BIB = "@article{a, title={On Engines}, author={Lovelace, Ada}, journal={Notes}, year={1843}}\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CVGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CVGEN_NO_CACHE", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (tmp_path / "profile.yaml").write_text(PROFILE)
    (tmp_path / "mine.yaml").write_text(THEME)
    (tmp_path / "refs.bib").write_text(BIB)
    Image.new("RGB", (60, 80), "teal").save(tmp_path / "portrait.png")
    return tmp_path


def build_and_remember(arguments: list[str]) -> str:
    """What `cvgen build ARGS` does at the command line, in this process."""
    recording = replay.start_recording(arguments)
    try:
        result = CliRunner().invoke(app, ["build", *arguments])
    finally:
        replay.stop_recording()
    assert result.exit_code == 0, result.output
    recording.remember(result.stdout, "")
    return result.stdout


ARGS = ["profile.yaml", "--date", "2024-05-01", "--output-dir", "out"]


def test_an_unchanged_build_replays_the_same_bytes(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    printed = build_and_remember(ARGS)
    (pdf,) = (folder / "out").glob("*.pdf")
    first = pdf.read_bytes()
    pdf.unlink()
    assert replay.replay_build(ARGS)
    assert pdf.read_bytes() == first
    assert capsys.readouterr().out == printed


@pytest.mark.parametrize(
    "change",
    [
        lambda f: (f / "profile.yaml").write_text(PROFILE + "# edited\n"),
        lambda f: Image.new("RGB", (60, 80), "navy").save(f / "portrait.png"),
        lambda f: (f / "mine.yaml").write_text("base: ats\n"),
        lambda f: (f / "refs.bib").write_text(BIB.replace("1843", "1842")),
    ],
    ids=["profile", "image", "theme file", "bib"],
)
def test_a_changed_input_misses(folder: Path, change: Callable[[Path], None]) -> None:
    build_and_remember(ARGS)
    change(folder)
    assert not replay.replay_build(ARGS)


@pytest.mark.parametrize(
    "other",
    [
        [*ARGS, "--set", "person.email=ada@example.com"],
        ["profile.yaml", "--date", "2024-05-02", "--output-dir", "out"],
        [*ARGS, "--variant", "short"],
    ],
    ids=["--set", "--date", "variant"],
)
def test_other_options_miss(folder: Path, other: list[str]) -> None:
    build_and_remember(ARGS)
    assert not replay.replay_build(other)


def test_a_damaged_entry_misses_and_is_replaced(folder: Path) -> None:
    build_and_remember(ARGS)
    for entry in (folder / "cache" / "build-replay").iterdir():
        entry.write_bytes(entry.read_bytes()[:-7])
    assert not replay.replay_build(ARGS)
    build_and_remember(ARGS)
    assert replay.replay_build(ARGS)


def test_commands_that_do_more_than_write_pdfs_are_not_remembered(folder: Path) -> None:
    arguments = [*ARGS, "--png"]
    build_and_remember(arguments)
    assert not replay.replay_build(arguments)


def test_through_the_real_entry_point(folder: Path) -> None:
    """os._exit after the build: the file is in place and the output whole, replayed or not."""
    command = [sys.executable, "-m", "cvgen", "build", *ARGS, "--json"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    runs = [subprocess.run(command, capture_output=True, text=True, env=env) for _ in range(2)]
    assert [run.returncode for run in runs] == [0, 0]
    first, second = (json.loads(run.stdout) for run in runs)
    assert first == second
    (made,) = first["files"]
    assert Path(made["path"]).is_file()
    assert not list((folder / "out").glob(".*"))  # no temporary file left behind


def test_a_replay_follows_the_writers_rules(folder: Path) -> None:
    """A target that became someone else's file is not replaced by a replay either."""
    build_and_remember(ARGS)
    (pdf,) = (folder / "out").glob("*.pdf")
    pdf.write_text("my notes, not a CV\n")
    assert not replay.replay_build(ARGS)
    assert pdf.read_text() == "my notes, not a CV\n"
