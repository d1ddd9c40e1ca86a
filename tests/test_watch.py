"""`cvgen watch` rebuilds on change and survives a broken edit (driven with timeouts)."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

TIMEOUT_S = 60


class Lines:
    """stdout of a running process, line by line, with a timeout on each wait."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.queue: queue.Queue[str] = queue.Queue()
        self.thread = threading.Thread(target=self._pump, args=(process,), daemon=True)
        self.thread.start()

    def _pump(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.queue.put(line.rstrip("\n"))

    def next(self) -> str:
        return self.queue.get(timeout=TIMEOUT_S)


@pytest.fixture
def watching(project: Path):  # type: ignore[no-untyped-def]
    process = subprocess.Popen(
        [sys.executable, "-m", "cvgen", "watch", "data/profile.yaml", "--output-dir", "out"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines = Lines(process)
    yield process, lines
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    lines.thread.join(timeout=10)  # the pump ends at EOF; then its pipe can be closed
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def edit(project: Path, old: str, new: str) -> None:
    profile = project / "data" / "profile.yaml"
    time.sleep(0.3)  # let the watcher settle so each save is one change
    profile.write_text(profile.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_rebuilds_after_a_change_and_keeps_the_last_good_pdf(project: Path, watching):
    process, lines = watching
    first = lines.next()
    assert " built out/CV-Hexu Zhao_" in first and "(2 pages" in first
    [pdf] = list((project / "out").glob("*.pdf"))

    edit(project, "Aspiring and striving", "Determined and striving")
    assert " built " in lines.next()
    good = pdf.read_bytes()

    edit(project, "end: 2023-06", "end: soon")
    broken = lines.next()
    assert "failed, previous PDF kept: data/profile.yaml:" in broken
    assert "sections[0].entries[1].end: expected YYYY" in broken
    assert pdf.read_bytes() == good

    edit(project, "end: soon", "end: 2023-06")
    assert " built " in lines.next()
    assert process.poll() is None  # still watching


def test_watches_images_theme_files_and_bib_files(tmp_path: Path):
    from cvgen.watch import watched_files

    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person: {name: A, portrait: me.jpg}\n"
        "theme: {base: mine.yaml}\n"
        "sections:\n  - {title: P, kind: publications, bibtex: {file: refs.bib}}\n"
    )
    (tmp_path / "refs.bib").write_text("@article{a, title={T}, author={A, B}, year={2020}}\n")
    assert watched_files(profile) == {
        tmp_path / name for name in ("p.yaml", "me.jpg", "mine.yaml", "refs.bib")
    }
