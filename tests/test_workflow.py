"""The CI recipe is valid YAML and every cvgen command it runs exists in our CLI."""

from __future__ import annotations

import shlex
from pathlib import Path

import typer.main
import yaml

from cvgen.cli import app

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "cv.yml"


def run_lines() -> list[str]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    return [
        line.strip() for step in steps for line in step.get("run", "").splitlines() if line.strip()
    ]


def cvgen_commands() -> list[list[str]]:
    commands = []
    for line in run_lines():
        words = shlex.split(line.split(">")[0])
        if words and words[0] == "cvgen":
            commands.append(words[1:])
    return commands


def test_workflow_builds_tests_and_uploads():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    lines = run_lines()
    assert "python -m pytest -q" in lines
    assert any("--all" in line and "--date" in line for line in lines)
    uses = [
        step.get("uses", "") for job in workflow["jobs"].values() for step in job.get("steps", [])
    ]
    assert any(u.startswith("actions/upload-artifact") for u in uses)
    assert any(u.startswith("actions/deploy-pages") for u in uses)


def test_every_cvgen_command_in_the_workflow_exists():
    group = typer.main.get_command(app)
    commands = cvgen_commands()
    assert commands, "the workflow runs no cvgen command"
    for words in commands:
        command = group.commands[words[0]]  # KeyError: no such subcommand
        known = {opt for param in command.params for opt in param.opts}
        used = {word.split("=")[0] for word in words[1:] if word.startswith("--")}
        assert used <= known, f"{words[0]}: unknown options {used - known}"
