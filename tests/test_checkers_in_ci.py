"""CI, the workflow and the README run the same checkers, so passing here means passing there."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKERS = ("mypy cvgen", "ruff check .", "ruff format --check .", "python -m pytest -q")


def lines_of(path: Path) -> set[str]:
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()}


def commands_in_readme() -> set[str]:
    return {line.split("#")[0].strip() for line in lines_of(ROOT / "README.md")}


def test_ci_workflow_and_readme_run_every_checker() -> None:
    for place in (lines_of(ROOT / ".ci" / "run"), commands_in_readme()):
        assert set(CHECKERS) <= place
    workflow = lines_of(ROOT / ".github" / "workflows" / "cv.yml")
    assert {c.removeprefix("run: ") for c in workflow} >= set(CHECKERS)


def test_ci_installs_the_checkers_it_runs() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dev = " ".join(project["project"]["optional-dependencies"]["dev"])
    assert "mypy" in dev and "ruff" in dev
    assert {"test", "dev"} <= ci_extras()


def ci_extras() -> set[str]:
    """The extras .ci/run installs the project with: ``pip install --quiet -e '.[a,b]'``."""
    start = "pip install --quiet -e '.["
    line = next(line for line in lines_of(ROOT / ".ci" / "run") if line.startswith(start))
    return set(line.removeprefix(start).removesuffix("]'").split(","))


def test_type_checking_is_strict_without_flags() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["tool"]["mypy"]["strict"] is True
    pytest_options = project["tool"]["pytest"]["ini_options"]
    assert "--strict-markers" in pytest_options["addopts"]
    assert pytest_options["filterwarnings"][0] == "error"
