"""`cvgen build` run again with nothing changed: the earlier PDFs, without building.

A successful build is remembered under its exact command (arguments, working folder,
the environment that shapes its bytes, today's date) together with the files it read and
the PDFs it wrote. The same command later hashes those files again; if every one is
unchanged it writes the same PDFs through the same atomic writer and prints what the
first run printed. Anything else (a changed input, a damaged entry, a target the writer
refuses) is a miss, and the ordinary build runs and speaks for itself.

This runs before the command line is parsed, so a replay never imports Typer, pydantic,
PyYAML or reportlab.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from cvgen.buildcache import cache_key, load_entry, store_entry
from cvgen.readlog import ReadLog, start_read_log, stop_read_log

# Options whose work is more than writing PDFs (pages, copies, images): never replayed.
# --jobs: profiles built in other processes read files this process cannot note.
_NOT_REPLAYED = frozenset({"--update-page", "--copy-latest", "--png", "--help", "--jobs", "-j"})
# Environment that changes what a build makes.
_ENVIRONMENT = ("SOURCE_DATE_EPOCH", "CVGEN_DEBUG")


def replay_key(arguments: Sequence[str]) -> str | None:
    """The key of this `build` command, or None when it is not one to replay."""
    if any(a.split("=", 1)[0] in _NOT_REPLAYED for a in arguments):
        return None
    environment = {name: os.environ.get(name) for name in _ENVIRONMENT}
    try:
        folder = os.getcwd()
    except OSError:  # run from a folder that was deleted: nothing to replay against
        return None
    parts = (folder, json.dumps(list(arguments)), json.dumps(environment))
    return cache_key("build-replay", *parts, date.today().isoformat())


def replay_build(arguments: Sequence[str]) -> bool:
    """Write and print what this command did before, if nothing it read has changed."""
    key = replay_key(arguments)
    entry = load_entry("build-replay", key) if key else None
    if not isinstance(entry, dict):
        return False
    from cvgen.errors import CvgenError
    from cvgen.output import Kind, Output, write_outputs

    outputs = []
    for name, digest in entry["outputs"]:
        data = load_entry("pdf", digest)
        if not isinstance(data, bytes) or hashlib.sha256(data).hexdigest() != digest:
            return False
        outputs.append(Output(data, Path(name), Kind.PDF))
    inputs = [Path(name) for name in entry["inputs"]]
    try:  # the same rules as the build's own write: never an input, regular files, all or none
        write_outputs(outputs, inputs=inputs, force="--force" in arguments)
    except (CvgenError, OSError):
        return False  # the ordinary build says what is wrong, in its own words
    sys.stdout.write(entry["stdout"])
    sys.stderr.write(entry["stderr"])
    return True


class Recording:
    """What one `build` command wrote and read, filled in by the command as it succeeds."""

    def __init__(self, arguments: tuple[str, ...], inputs: ReadLog) -> None:
        self.arguments = arguments
        self.inputs = inputs  # filled by the readers as the build reads
        self.outputs: list[Path] = []

    def wrote(self, path: Path) -> None:
        self.outputs.append(path)

    def remember(self, stdout: str, stderr: str) -> None:
        """Keep this run for replay: its PDFs (by content) and what it printed."""
        key = replay_key(self.arguments)
        if key is None or not self.outputs:
            return
        written = []
        for path in self.outputs:
            try:
                data = path.read_bytes()
            except OSError:
                return
            digest = hashlib.sha256(data).hexdigest()
            store_entry("pdf", digest, data, inputs=())
            written.append((str(path.resolve()), digest))
        entry: dict[str, Any] = {
            "outputs": written,
            "inputs": sorted(str(path) for path in self.inputs),
            "stdout": stdout,
            "stderr": stderr,
        }
        store_entry("build-replay", key, entry, inputs=self.inputs)


_current: Recording | None = None


def start_recording(arguments: Sequence[str]) -> Recording:
    global _current
    _current = Recording(tuple(arguments), start_read_log())
    return _current


def stop_recording() -> None:
    global _current
    _current = None
    stop_read_log()


def current_recording() -> Recording | None:
    """The recording of the command line's build, None for library calls and tests."""
    return _current


class Tee(io.TextIOBase):
    """A stream that passes everything on and keeps a copy (a terminal stays a terminal)."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self.copy = io.StringIO()

    def write(self, text: str) -> int:
        self.copy.write(text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding
