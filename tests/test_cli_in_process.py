"""The in-process CLI helper's shortcut (tests/clirun.py) is in effect and harmless."""

from __future__ import annotations

import typer.testing
from typer.testing import CliRunner

from cvgen.cli import app
from tests import clirun


def test_typer_still_looks_the_command_up_by_the_name_we_replace() -> None:
    assert "_get_command" in typer.testing.CliRunner.invoke.__code__.co_names, (
        "typer.testing.CliRunner.invoke no longer calls _get_command: tests/clirun.py's "
        "share_the_built_command does nothing now; adapt it to this typer version"
    )
    assert typer.testing._get_command is clirun._get_command


def test_the_shared_command_runs_twice_with_fresh_state() -> None:
    first = CliRunner().invoke(app, ["themes"])
    second = CliRunner().invoke(app, ["themes"])
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout and first.stdout.strip()
    assert CliRunner().invoke(app, ["no-such-command"]).exit_code == 2
