"""The console script reads a plain `cvgen build …` line without Typer; it must read it
exactly as Typer does, and leave everything it is unsure of to Typer."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cvgen import build_command
from cvgen.build_command import BUILD_OPTIONS, BuildArguments, read_build_arguments
from cvgen.cli import app

LINES = [
    [],
    ["data/profile.yaml"],
    ["a.yaml", "b.yaml", "--output-dir", "out", "-j", "2"],
    ["--date", "2024-01-31", "-o", "cv.pdf", "--theme", "classic", "--variant", "short"],
    ["--date=2024-01-31", "--output=x/cv.pdf", "--set", "person.phone=+1 555", "--set=a.b=c"],
    ["p.yaml", "--all", "--json", "--strict", "--fit", "--png", "--force"],
    ["--copy-latest", "assets/CV-latest.pdf", "--update-page", "docs/index.md", "p.yaml"],
    ["--theme", "a", "--theme", "b", "--jobs", "x"],  # the last one wins; a bad number is
    ["--", "-odd-name.yaml", "--all"],  # run_build's to refuse, not the reader's
    ["--date", "", "--output", ""],
]


def _typer_reads(line: list[str], monkeypatch: pytest.MonkeyPatch) -> BuildArguments:
    seen: list[BuildArguments] = []

    def remember(arguments: BuildArguments) -> int:
        seen.append(arguments)
        return 0

    monkeypatch.setattr(build_command, "run_build", remember)
    result = CliRunner().invoke(app, ["build", *line])
    assert result.exit_code == 0, result.output
    return seen[0]


@pytest.mark.parametrize("line", LINES, ids=lambda line: " ".join(line) or "(none)")
def test_the_reader_reads_a_line_as_typer_does(
    line: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert read_build_arguments(line) == _typer_reads(line, monkeypatch)


@pytest.mark.parametrize(
    "line",
    [
        ["--help"],
        ["-h"],
        ["--colour", "red"],  # unknown: Typer names it
        ["--date"],  # missing value
        ["-j4"],  # joined short option
        ["-o=cv.pdf"],
        ["--json=yes"],  # a flag takes no value
        ["-"],
        ["p.yaml", "--outptu", "x.pdf"],
    ],
)
def test_what_the_reader_is_unsure_of_goes_to_typer(line: list[str]) -> None:
    assert read_build_arguments(line) is None


def test_the_readers_table_is_the_typer_commands_options() -> None:
    build = typer.main.get_command(app).commands["build"]  # type: ignore[attr-defined]
    declared: dict[str, tuple[str, str]] = {}
    for param in build.params:
        if param.param_type_name != "option":
            assert param.name == "profiles"
            continue
        if param.is_flag:
            kind = "flag"
        elif param.multiple:
            kind = "texts"
        else:
            path = param.type_descriptor.annotation is Path
            kind = "path" if path else "text"
        for spelling in (*param.opts, *param.secondary_opts):
            declared[spelling] = (str(param.name), kind)
    assert declared == BUILD_OPTIONS
    fields = set(BuildArguments.__dataclass_fields__)
    assert {name for name, _ in BUILD_OPTIONS.values()} | {"profiles"} == fields


def test_paths_are_paths_and_profiles_keep_their_order() -> None:
    read = read_build_arguments(["b.yaml", "-o", "cv.pdf", "a.yaml"])
    assert read is not None
    assert read.profiles == (Path("b.yaml"), Path("a.yaml"))
    assert read.output == Path("cv.pdf")


@pytest.mark.parametrize(
    ("line", "status", "says"),
    [
        (["--date", "30/11/2023"], 2, "cvgen: --date: expected YYYY-MM-DD, got '30/11/2023'"),
        (["--all", "--variant", "x"], 2, "cvgen: --variant and --all exclude each other"),
        (["missing.yaml"], 1, "missing.yaml"),
    ],
)
def test_the_typer_free_path_ends_in_one_line_and_the_same_status(
    line: list[str], status: int, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from cvgen.entry import _build

    assert read_build_arguments(line) is not None  # this line does not go through Typer
    assert _build(line) == status
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and says in err[0], err
    typer_result = CliRunner().invoke(app, ["build", *line])
    assert typer_result.exit_code == status
    assert typer_result.output.splitlines() == err


def test_a_deleted_working_folder_is_one_line(tmp_path: Path) -> None:
    # reportlab reads the working folder when imported: run from a folder deleted under
    # the shell, that was a traceback (exit 1 from the replay, exit 3 past it).
    import subprocess
    import sys

    gone = tmp_path / "gone"
    gone.mkdir()
    line = f'cd "{gone}" && rmdir "{gone}" && exec "{sys.executable}" -m cvgen build p.yaml'
    done = subprocess.run(["sh", "-c", line], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "cvgen: the current folder no longer exists; cd into one that does"
    ]
