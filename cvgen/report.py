"""What `cvgen build` tells the user: paths on stdout, one line per problem on stderr,
progress and a summary for many profiles, or one JSON object for machines."""

from __future__ import annotations

import hashlib
import json
import sys
from typing import TextIO

from cvgen.batch import Outcome

BAR_WIDTH = 30


class BuildReporter:
    """Reports a batch's progress as each profile finishes, then its outcome."""

    def __init__(self, total: int, as_json: bool = False) -> None:
        self.total = total
        self.as_json = as_json
        self.finished = 0

    @property
    def batch(self) -> bool:
        return self.total > 1

    def done(self, outcome: Outcome, *, stream: TextIO | None = None) -> None:
        """Called as each profile finishes (in completion order): a bar redrawn in place on
        a terminal, a line per profile in a log."""
        out = stream or sys.stderr
        self.finished += 1
        if not self.batch or self.as_json:
            return
        state = "FAILED" if outcome.error else "ok"
        if out.isatty():
            filled = round(BAR_WIDTH * self.finished / self.total)
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            end = "\n" if self.finished == self.total else ""
            print(
                f"\r[{bar}] {self.finished}/{self.total} {state:6} {outcome.profile}\033[K",
                end=end,
                file=out,
            )
        else:
            print(f"[{self.finished}/{self.total}] {state:6} {outcome.profile}", file=out)
        out.flush()

    def finish(self, outcomes: list[Outcome]) -> None:
        if self.as_json:
            print(json.dumps(_as_json(outcomes), ensure_ascii=False, indent=2))
            return
        said: set[str] = set()  # --all: a warning about the profile itself is said once
        for outcome in outcomes:
            for result in outcome.results:
                for line in (*result.warnings, *result.notes):
                    if line not in said:
                        print(line, file=sys.stderr)
                    said.add(line)
                print(result.path)
            for path in outcome.written:  # in place before writing failed part-way
                print(path)
            if outcome.error and not self.batch:
                print(outcome.error, file=sys.stderr)
        if self.batch:
            _print_summary(outcomes)


def _as_json(outcomes: list[Outcome]) -> dict[str, object]:
    files = [
        {
            "profile": str(outcome.profile),
            "variant": result.variant,
            "path": str(result.path),
            "pages": result.pages,
            "bytes": result.size_bytes,
            "sha256": hashlib.sha256(result.path.read_bytes()).hexdigest(),
        }
        for outcome in outcomes
        for result in outcome.results
    ]
    return {
        "ok": not any(outcome.error for outcome in outcomes),
        "files": files,
        "warnings": [
            w for outcome in outcomes for result in outcome.results for w in result.warnings
        ],
        "errors": [
            {
                "profile": str(outcome.profile),
                "message": outcome.error,
                "strict": outcome.strict_failure,
                "written": [str(path) for path in outcome.written],
            }
            for outcome in outcomes
            if outcome.error
        ],
    }


def _print_summary(outcomes: list[Outcome]) -> None:
    width = max(len(str(outcome.profile)) for outcome in outcomes)
    failed = sum(1 for outcome in outcomes if outcome.error)
    print(f"\n{'profile':{width}}  {'status':6}  pages  result", file=sys.stderr)
    for outcome in outcomes:
        if outcome.error:
            print(f"{outcome.profile!s:{width}}  FAILED      -  {outcome.error}", file=sys.stderr)
        for result in outcome.results:
            print(
                f"{outcome.profile!s:{width}}  ok      {result.pages:5}  {result.path}",
                file=sys.stderr,
            )
    print(f"{len(outcomes) - failed} built, {failed} failed", file=sys.stderr)
