"""Hostile inputs to `cvgen import bibtex` and `cvgen import jsonresume`: each must end in
one located line (exit 1) or a normal import, within 2 s and 300 MiB on a 2-core machine.

    python bench/hostile_imports.py

Writes each input to a temporary folder, runs the real command line in a child process,
and prints a table of exit status, wall seconds, the seconds above a baseline (the same
command on a one-entry file: interpreter and import start-up, which a loaded machine
stretches), peak memory (MiB) and the first stderr line. A case keeps its bound when its
time above the baseline is under 2 s and its peak under 300 MiB. Exits 1 otherwise.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MAX_SECONDS = 2.0
MAX_MIB = 300.0


def doubling_strings() -> str:
    lines = ['@string{s0 = "xxxxxxxxxxxxxxxx"}']
    lines += [f"@string{{s{i} = s{i - 1} # s{i - 1}}}" for i in range(1, 64)]
    return "\n".join([*lines, "@misc{k, title = s63}"]) + "\n"


CASES: list[tuple[str, str, str, int]] = [
    # (name, command, file content, expected exit status)
    ("bib: @string doubling chain", "bibtex", doubling_strings(), 1),
    (
        "bib: 5 MB comment line of @",
        "bibtex",
        "% " + "@" * 5_000_000 + "\n@misc{k, title={T}}\n",
        0,
    ),
    ("bib: 2.5 M '@ ' in free text", "bibtex", "@ " * 2_500_000 + "\n@misc{k, title={T}}\n", 0),
    ("bib: unclosed brace, 1 MB", "bibtex", "@misc{k, title = {" + "x" * 1_000_000 + "\n", 1),
    ("bib: author {* *}", "bibtex", "@misc{k, title={T}, author={{* *}}}\n", 0),
    (
        "json: nested 100,000 deep",
        "jsonresume",
        '{"basics": {"name": "A"}, "x": ' + "[" * 100_000,
        1,
    ),
    (
        "json: 5,000-digit number",
        "jsonresume",
        '{"basics": {"name": "A"}, "x": ' + "9" * 5000 + "}",
        1,
    ),
    ("json: lone surrogate", "jsonresume", '{"basics": {"name": "A\\ud800"}}', 1),
    ('json: 1 MB of \\" escapes', "jsonresume", '"' + '\\"' * 500_000, 1),
    (
        "json: 200,000 empty lists",
        "jsonresume",
        '{"basics": {"name": "A"}, "x": [' + "[]," * 200_000 + "[]]}",
        0,
    ),
]


def run(command: str, path: Path) -> tuple[int, float, float, str]:
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "cvgen", "import", command, str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    assert process.stderr is not None
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    first = stderr.splitlines()[0] if stderr else ""
    return os.waitstatus_to_exitcode(status), elapsed, usage.ru_maxrss / 1024, first


def main() -> int:
    failed = 0
    with tempfile.TemporaryDirectory() as folder:
        baselines = {}
        for command, text in (
            ("bibtex", "@misc{k, title={T}}\n"),
            ("jsonresume", '{"basics": {"name": "A"}}'),
        ):
            path = Path(folder) / f"baseline-{command}"
            path.write_text(text, encoding="utf-8")
            baselines[command] = min(run(command, path)[1] for _ in range(3))
            print(f"baseline {command}: {baselines[command]:.2f} s")
        for name, command, text, expected in CASES:
            path = Path(folder) / ("input.bib" if command == "bibtex" else "input.json")
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            code, seconds, mib, first = run(command, path)
            above = seconds - baselines[command]
            ok = code == expected and above <= MAX_SECONDS and mib <= MAX_MIB
            failed += not ok
            shown = first.replace(folder, "…")[:80]
            print(
                f"{'ok ' if ok else 'BAD'} {name:30} exit {code} {seconds:5.2f} s"
                f" (+{above:4.2f}) {mib:6.1f} MiB  {shown}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
