"""The command line in this process, as a person would see it: one helper for the tests."""

from __future__ import annotations

from typer.testing import CliRunner

from cvgen.cli import app


def cvgen(*args: str) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of `cvgen ARGS` run here (typer's CliRunner)."""
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr
