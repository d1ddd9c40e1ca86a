"""The console script's entry: run one command, then leave without tearing the heap down.

Kept apart from ``cli`` so that a replayed build (``replay``) runs before Typer and the
command definitions are even imported.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any, NoReturn

# Commands that run once and end: they may skip the interpreter's teardown.
_LONG_RUNNING = frozenset({"watch"})


def main() -> None:
    """The console script: run one command, then leave without tearing the heap down.

    A one-shot command keeps the cyclic garbage collector off (a build makes few cycles
    and ends within a second) and exits with ``os._exit`` once its output is flushed:
    the interpreter's teardown of reportlab, pydantic and Pillow costs ~0.1 s and does
    nothing for the user. Every file is renamed into place and every pool shut down
    before a command returns, so nothing is lost by skipping teardown. ``watch`` keeps
    both (it runs for hours), and library callers never come through here.
    """
    arguments = sys.argv[1:]
    try:
        os.getcwd()  # reportlab asks for it when imported; relative paths need it
    except OSError:
        print("cvgen: the current folder no longer exists; cd into one that does", file=sys.stderr)
        _leave(1)
    if next((a for a in arguments if not a.startswith("-")), None) in _LONG_RUNNING:
        raise SystemExit(_run())
    gc.disable()
    status = _build_or_replay(arguments[1:]) if arguments[:1] == ["build"] else _run()
    _leave(status)


def _run() -> int:
    import typer

    from cvgen.cli import app  # Typer and the commands: only when not replaying

    try:
        # Not standalone: Click's own report of a bad command line is a usage block of
        # three lines and more; ours is one (``_command_line_error``).
        status = app(prog_name="cvgen", standalone_mode=False)
    except SystemExit as exc:
        return _exit_code(exc.code)
    except typer.Abort:  # Ctrl-C at a prompt, or end of input
        print("Aborted!", file=sys.stderr)
        return 1
    except Exception as exc:
        if not hasattr(exc, "format_message"):  # not Click's: a bug, reported as one
            raise
        return _command_line_error(exc)
    return status if isinstance(status, int) else 0


def _command_line_error(exc: Any) -> int:
    """Click's error (an unknown option or command, a missing or bad value) as one line:
    ``cvgen build: no such option: --bogus (see cvgen build --help)``."""
    message = str(exc.format_message()).rstrip(".")
    if "\n" in message:  # `cvgen` or a group alone: the help is what to show
        print(message, file=sys.stderr)
        return int(exc.exit_code)
    where = exc.ctx.command_path if getattr(exc, "ctx", None) else "cvgen"
    print(f"{where}: {message[:1].lower()}{message[1:]} (see {where} --help)", file=sys.stderr)
    return int(exc.exit_code)


def _build_or_replay(arguments: list[str]) -> int:
    """The same build as last time with the same inputs replays its PDFs and output."""
    from cvgen.replay import Tee, replay_build, start_recording

    try:
        if replay_build(arguments):
            return 0
    except BrokenPipeError:  # stdout closed while the replay printed (`| head -1`): quiet
        return 1
    recording = start_recording(arguments)
    out, err = Tee(sys.stdout), Tee(sys.stderr)
    sys.stdout, sys.stderr = out, err
    try:
        status = _build(arguments)
    finally:
        sys.stdout, sys.stderr = out.stream, err.stream
    if status == 0:
        recording.remember(out.copy.getvalue(), err.copy.getvalue())
    return status


def _build(arguments: list[str]) -> int:
    """A plain build line runs without Typer; anything else goes through it."""
    from cvgen.build_command import read_build_arguments, run_build

    read = read_build_arguments(arguments)
    if read is None:
        return _run()
    try:
        return run_build(read)
    except SystemExit as exc:
        return _exit_code(exc.code)


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)  # what SystemExit("text") would have printed
    return 1


def _leave(status: int) -> NoReturn:
    """Flush what the user should see, then end the process at once."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nobody is reading any more
            status = status or 1
    os._exit(status)
