"""Each user mistake: one exact line on stderr, exit 1, nothing written, the old CV kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

OLD_CV = b"stand-in bytes of an earlier CV that must survive\n"
NAME = "CV-Hexu Zhao_20231130.pdf"


def run_cvgen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command in this process (typer's CliRunner): exit status, stdout and stderr as a
    person sees them, without paying for a new interpreter and its imports each time."""
    from typer.testing import CliRunner

    from cvgen.cli import app

    before = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args), env={"CVGEN_DEBUG": ""})
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)


def run_cvgen_process(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real entry point, ``python -m cvgen``, in a new process: for the smoke tests."""
    return subprocess.run(
        [sys.executable, "-m", "cvgen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "CVGEN_DEBUG": ""},
    )


def edit(profile: Path, old: str, new: str) -> None:
    text = profile.read_text(encoding="utf-8")
    assert old in text, old
    profile.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(profile: Path, needle: str) -> int:
    for number, line in enumerate(profile.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_build_prints_the_dated_path(project: Path):
    result = run_cvgen_process("build", "--date", "2023-11-30", "--output-dir", "dist", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"dist/{NAME}"
    assert (project / "dist" / NAME).read_bytes().startswith(b"%PDF")
    assert result.stderr == ""


def test_default_output_is_assets_with_todays_date(project: Path):
    from datetime import date

    result = run_cvgen("build", cwd=project)
    assert result.returncode == 0, result.stderr
    expected = project / "assets" / f"CV-Hexu Zhao_{date.today():%Y%m%d}.pdf"
    assert result.stdout.strip() == str(expected.relative_to(project))
    assert expected.is_file()


def test_output_file_option(project: Path):
    result = run_cvgen("build", "--date", "2023-11-30", "--output", "out/my.pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "out" / "my.pdf").is_file()


CASES = {
    # name: (edit to apply or None, expected message template)
    "missing profile": None,
    "yaml syntax": ("  name: Hexu Zhao", "  name: [Hexu Zhao"),
    "unknown field": ("  email: hz3496@nyu.edu", "  emial: hz3496@nyu.edu"),
    "wrong type": ("  name_variants: [H. Zhao]", "  name_variants: {a: b}"),
    "bad date": ("        end: 2023-06", "        end: soon"),
    "missing image": (
        "portrait: ../assets/images/portrait.jpg",
        "portrait: ../assets/images/nobody.jpg",
    ),
    "bad link": ("    url: https://tarzanzhao.github.io/", "    url: javascript:alert(1)"),
}


def expected_message(case: str, profile: Path) -> str:
    rel = "data/profile.yaml"
    if case == "missing profile":
        return "data/nothing.yaml: no such profile file"
    if case == "yaml syntax":
        return f"{rel}:{line_of(profile, '  name: [Hexu Zhao') + 1}: YAML syntax error: did not find expected ',' or ']'"
    if case == "unknown field":
        return f"{rel}:{line_of(profile, 'emial:')}: person.emial: unknown field"
    if case == "wrong type":
        return f"{rel}:{line_of(profile, 'name_variants:')}: person.name_variants: input should be a valid list"
    if case == "bad date":
        return (
            f"{rel}:{line_of(profile, 'end: soon')}: sections[0].entries[1].end: "
            "expected YYYY, YYYY-MM, YYYY-MM-DD or 'present', got 'soon'"
        )
    if case == "missing image":
        return f"{rel}:{line_of(profile, 'nobody.jpg')}: person.portrait: image not found: data/../assets/images/nobody.jpg"
    if case == "bad link":
        return (
            f"{rel}:{line_of(profile, 'javascript:')}: person.homepage.url: "
            "links may be http(s), mailto or tel, not javascript: ('javascript:alert(1)')"
        )
    raise AssertionError(case)


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_gives_one_line_and_keeps_the_old_cv(project: Path, case: str):
    profile = project / "data" / "profile.yaml"
    out = project / "assets"
    (out / NAME).write_bytes(OLD_CV)
    before = sorted(p.name for p in out.iterdir())
    change = CASES[case]
    if change:
        edit(profile, *change)
    target = "data/nothing.yaml" if case == "missing profile" else "data/profile.yaml"

    result = run_cvgen("build", target, "--date", "2023-11-30", cwd=project)

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [expected_message(case, profile)]
    assert sorted(p.name for p in out.iterdir()) == before
    assert (out / NAME).read_bytes() == OLD_CV


@pytest.mark.parametrize(
    "args", [["build", "--date", "30/11/2023"], ["build", "--bogus"], ["frobnicate"]]
)
def test_bad_command_line_exits_2(project: Path, args: list[str]):
    result = run_cvgen(*args, cwd=project)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert not (project / "assets" / NAME).exists()


def test_version(project: Path):
    result = run_cvgen_process("--version", cwd=project)
    assert result.returncode == 0
    assert result.stdout.startswith("cvgen ")


YAML_ZOO = {
    "duplicate key": (
        "person:\n  name: A\n  name: B\n",
        "p.yaml:3: person.name: duplicate key (first given on line 2)",
    ),
    "alias": (
        "person: &p\n  name: A\nother: *p\n",
        "p.yaml:3: other: YAML aliases (*name) are not allowed in a profile",
    ),
    "python tag": (
        "person: !!python/object/apply:os.system [touch HACKED]\n",
        "p.yaml:1: person: YAML tag '!!python/object/apply:os.system' is not allowed; write the value plainly",
    ),
    "empty": ("", "p.yaml: the profile is empty"),
    "tab": (
        "person:\n\tname: A\n",
        "p.yaml:2: YAML syntax error: a tab is used for indentation; use spaces",
    ),
    "latin-1": (
        b"person:\n  name: Bj\xf6rn\n",
        "p.yaml:2: not UTF-8 text (byte 0xf6); save it as UTF-8",
    ),
}


@pytest.mark.parametrize("case", list(YAML_ZOO))
def test_yaml_zoo_through_the_command_line(tmp_path: Path, case: str):
    text, message = YAML_ZOO[case]
    (tmp_path / "p.yaml").write_bytes(text if isinstance(text, bytes) else text.encode())
    result = run_cvgen("build", "p.yaml", "--output-dir", "out", cwd=tmp_path)
    assert (result.returncode, result.stderr.splitlines()) == (1, [message])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.yaml"]  # nothing made, nothing run


def test_a_mistake_through_the_real_entry_point(tmp_path: Path):
    """Smoke test: the console entry point gives the same one line and exit status."""
    (tmp_path / "p.yaml").write_text("person:\n  name: A\n  name: B\n", encoding="utf-8")
    result = run_cvgen_process("build", "p.yaml", "--output-dir", "out", cwd=tmp_path)
    assert (result.returncode, result.stderr.splitlines()) == (
        1,
        ["p.yaml:3: person.name: duplicate key (first given on line 2)"],
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["build", "--bogus"],
            "cvgen build: no such option: --bogus (Possible options: --jobs) "
            "(see cvgen build --help)",
        ),
        (["frobnicate"], "cvgen: no such command 'frobnicate' (see cvgen --help)"),
        (["themes", "--x"], "cvgen themes: no such option: --x (see cvgen themes --help)"),
        (["build", "--date"], "cvgen: option '--date' requires an argument (see cvgen --help)"),
    ],
)
def test_a_bad_command_line_is_one_line_from_the_entry_point(
    args: list[str], line: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    """The console script's own report (Click's is a usage block of three lines and more)."""
    from cvgen import entry

    monkeypatch.setattr(sys, "argv", ["cvgen", *args])
    assert entry._run() == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err.splitlines()) == ("", [line])


def test_no_command_shows_the_help(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    from cvgen import entry

    monkeypatch.setattr(sys, "argv", ["cvgen"])
    assert entry._run() == 2
    assert "Commands:" in capsys.readouterr().err
