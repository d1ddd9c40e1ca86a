"""What every command shares, without Typer: exit statuses, one-line usage errors, the
parsing of ``--date`` and ``--jobs``, and the rule that turns an exception into one line.

Kept apart from ``cli`` so that the build command can run without importing Typer
(``build_command``). Commands end with ``SystemExit(status)``, which Typer, Click's test
runner and the console script all pass through unchanged.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, NoReturn

from cvgen.errors import CvgenError

if TYPE_CHECKING:
    from cvgen.batch import Outcome

EXIT_INPUT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERNAL_ERROR = 3
EXIT_STRICT = 4
EXIT_PARTLY_WRITTEN = 5  # some outputs are in place, then writing failed: the message says which


def usage_error(message: str) -> NoReturn:
    """A bad value on the command line: one line and exit 2, like every other error here
    (Click's own report is a four-line usage block)."""
    print(f"cvgen: {message}", file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def parse_date(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        usage_error(f"--date: expected YYYY-MM-DD, got {value!r}")


def parse_jobs(value: str) -> int:
    """A whole number of processes, at most one per CPU (more only compete for them)."""
    try:
        jobs = int(value)
    except ValueError:
        usage_error(f"--jobs: expected a whole number of processes, got {value!r}")
    if jobs < 1:
        usage_error(f"--jobs: expected 1 or more, got {jobs}")
    cpus = os.cpu_count() or 1
    if jobs > cpus:
        print(f"note: --jobs {jobs} lowered to {cpus}, the number of CPUs", file=sys.stderr)
        return cpus
    return jobs


def exit_status(outcomes: Sequence[Outcome]) -> int:
    """Partly written beats a failed CV, which beats a strict-mode warning."""
    if any(o.written for o in outcomes):
        return EXIT_PARTLY_WRITTEN
    if any(o.error and not o.strict_failure for o in outcomes):
        return EXIT_INPUT_ERROR
    return EXIT_STRICT if any(o.strict_failure for o in outcomes) else 0


@contextmanager
def reported_errors() -> Iterator[None]:
    """User errors as one line and exit 1; anything else one line and exit 3; no traceback."""
    try:
        yield
    except CvgenError as exc:
        print(str(exc), file=sys.stderr)
        # output.PartialWrite or errors.FollowUpFailed: some files are in place (exit 5)
        partly = getattr(exc, "written", ())
        raise SystemExit(EXIT_PARTLY_WRITTEN if partly else EXIT_INPUT_ERROR) from None
    except BrokenPipeError:
        # Whoever read stdout has gone (`cvgen build | head -1`): not a bug, nothing to say.
        # Status 1, as entry._leave gives when the last flush finds the pipe closed.
        raise SystemExit(EXIT_INPUT_ERROR) from None
    except Exception as exc:
        if os.environ.get("CVGEN_DEBUG"):
            raise
        detail = " ".join(str(exc).split())[:300]
        print(
            f"internal error: {type(exc).__name__}: {detail} (set CVGEN_DEBUG=1 for details)",
            file=sys.stderr,
        )
        raise SystemExit(EXIT_INTERNAL_ERROR) from None
