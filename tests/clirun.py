"""The command line in this process, as a person would see it: one helper for the tests.

typer's CliRunner rebuilds the whole click command tree from the Typer app on every invoke
(tens of milliseconds, as much as a small test takes). The tree never changes, so the tests
build it once: ``share_the_built_command`` (called from conftest.py) makes typer.testing's
lookup return the same tree for ``cvgen.cli.app``. It replaces a private name of typer's;
tests/test_cli_in_process.py fails loudly if that name moves.
"""

from __future__ import annotations

from typing import Any

import typer.main
import typer.testing
from typer.testing import CliRunner

from cvgen.cli import app

_BUILT = typer.main.get_command(app)


def _get_command(given: typer.Typer) -> Any:
    return _BUILT if given is app else typer.main.get_command(given)


def share_the_built_command() -> None:
    typer.testing._get_command = _get_command


def cvgen(*args: str) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of `cvgen ARGS` run here (typer's CliRunner)."""
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr
