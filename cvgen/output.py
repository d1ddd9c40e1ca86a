"""Every file cvgen writes goes through here: outputs are never inputs, only regular files
are replaced, a file cvgen did not make is kept unless the user says ``--force``, and a
batch of outputs is written all or nothing.

Rules (the README's "Where outputs go" says the same):

- An output may not be a file the command read (profile, theme file, image, .bib):
  compared by real path and by inode, so a symlink or hard link to an input counts.
- Only regular files are replaced. A device node, FIFO, socket or folder is refused.
- A symlink is followed: its target is replaced and the link stays. A dangling one is refused.
- A read-only target is refused (even as root): read-only means "keep this".
- A replaced file keeps its permission bits; a new one gets 0666 minus the umask.
- An existing file of the wrong kind (not a PDF cvgen made, not JSON, not PNG...) is
  refused unless ``force``.
- A target that already holds exactly these bytes is left as it is (an unchanged rebuild
  touches nothing). Other bytes go to a short temporary name in the target's folder, are
  fsynced, then renamed over the target. A batch stages every temporary file before
  renaming any; SIGTERM, SIGINT and SIGHUP during a write remove the temporary files before
  the process ends.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager, suppress
from enum import Enum
from pathlib import Path
from types import FrameType
from typing import NamedTuple

from cvgen.errors import OutputError

# Reading an existing file to see whether it is ours stops here: our CVs are far smaller.
_MAX_SNIFF_BYTES = 64 * 1024 * 1024
# Short and independent of the target's name: a legal 255-byte name must stay writable.
_TEMP_PREFIX = ".cvgen-"
_TEMP_SUFFIX = ".tmp"
_CLEANUP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)


class Kind(Enum):
    """What an output is, and so which existing file it may replace without --force."""

    PDF = "a CV made by cvgen"
    PNG = "a PNG image"
    JPEG = "a JPEG image"
    JSON = "a JSON file"
    TEXT = "a UTF-8 text file"
    NEW = "a new file"  # imports, `cvgen new`: an existing file is replaced only with --force


class PartialWrite(OutputError):
    """Some outputs of a batch were written before writing failed: ``written`` says which."""

    def __init__(self, message: str, *, file: Path, written: Sequence[Path]) -> None:
        super().__init__(message, file=file)
        self.written = tuple(written)


class Output(NamedTuple):  # not a dataclass: a replayed build should not import inspect
    data: bytes
    path: Path  # as the user named it: every message uses this
    kind: Kind


class _Target(NamedTuple):
    path: Path
    real: Path  # the file actually replaced (a symlink's target)
    mode: int | None  # permission bits to keep, None for a new file


def write_atomically(
    data: bytes,
    target: Path,
    *,
    kind: Kind = Kind.PDF,
    inputs: Collection[Path] = (),
    force: bool = False,
) -> None:
    """Write one output under the rules above."""
    write_outputs([Output(data, target, kind)], inputs=inputs, force=force)


def write_outputs(
    outputs: Sequence[Output], *, inputs: Collection[Path] = (), force: bool = False
) -> list[Path]:
    """Check every target, stage every temporary file, then rename them all into place.

    Any refusal or failure before the first rename leaves every file as it was (OutputError);
    a failure among the renames raises PartialWrite naming what is already in place.
    """
    read = _InputIndex(inputs)
    targets = [check_output(o.path, kind=o.kind, inputs=read, force=force) for o in outputs]
    _refuse_duplicates(targets)
    in_place = [t.path for o, t in zip(outputs, targets, strict=True) if _holds(t, o.data)]
    changed = [(o, t) for o, t in zip(outputs, targets, strict=True) if t.path not in in_place]
    for _, target in changed:
        _make_folder(target.real.parent)
    with _temp_files() as temps:
        for output, target in changed:
            temps.append(_stage(output.data, target))
        written: list[Path] = []
        for temp, (_, target) in zip(temps, changed, strict=True):
            try:
                os.replace(temp, target.real)
            except OSError as exc:
                message = f"cannot write: {exc.strerror or exc}"
                if written:
                    done = ", ".join(str(path) for path in written)
                    message += f"; already written: {done}; nothing else was changed"
                    raise PartialWrite(message, file=target.path, written=written) from None
                raise OutputError(message, file=target.path) from None
            written.append(target.path)
        temps.clear()
        for folder in {t.real.parent for _, t in changed}:
            _fsync_folder(folder)
    return [t.path for t in targets if t.path in in_place or t.path in written]


def _holds(target: _Target, data: bytes) -> bool:
    """Whether the target (a regular file, or none: ``check_output`` said so) already holds
    exactly ``data``; read no further than one byte past its length."""
    if target.mode is None:
        return False  # a new file
    try:  # not blocking, and only a regular file: it may have been swapped since the check
        fd = os.open(target.real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read(len(data) + 1) == data
    except OSError:
        return False
    finally:
        os.close(fd)


def check_output(
    path: Path, *, kind: Kind, inputs: _InputIndex | Collection[Path] = (), force: bool = False
) -> _Target:
    """Refuse ``path`` as an output (OutputError) unless the rules above allow it."""
    index = inputs if isinstance(inputs, _InputIndex) else _InputIndex(inputs)
    real = _follow_link(path)
    if index.holds(real):
        raise OutputError(
            "is one of the files this command reads; an output never replaces an input", file=path
        )
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return _Target(path, real, None)
    except NotADirectoryError:
        raise OutputError("output folder is a file", file=_first_file_above(real)) from None
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", file=path) from None
    if stat.S_ISDIR(st.st_mode):
        raise OutputError("output path is a folder", file=path)
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(
            "is not a regular file (a device, FIFO or socket); cvgen replaces only regular files",
            file=path,
        )
    if st.st_mode & 0o222 == 0 or not os.access(real, os.W_OK):
        raise OutputError("is read-only; cvgen leaves read-only files as they are", file=path)
    if not force and not _is_kind(real, kind):
        if kind is Kind.NEW:
            raise OutputError("exists; add --force to replace it", file=path)
        raise OutputError(f"exists and is not {kind.value}; add --force to replace it", file=path)
    return _Target(path, real, stat.S_IMODE(st.st_mode))


class _InputIndex:
    """The files a command read, by real path and by (device, inode)."""

    def __init__(self, inputs: Collection[Path]) -> None:
        self.paths: set[str] = set()
        self.inodes: set[tuple[int, int]] = set()
        for path in inputs:
            self.paths.add(os.path.realpath(path))
            try:
                st = os.stat(path)
            except OSError:
                continue
            self.inodes.add((st.st_dev, st.st_ino))

    def holds(self, real: Path) -> bool:
        if str(real) in self.paths:
            return True
        try:
            st = os.stat(real)
        except OSError:
            return False
        return (st.st_dev, st.st_ino) in self.inodes


def _follow_link(path: Path) -> Path:
    """A symlink's final target (the link itself stays); a dangling link is refused."""
    real = Path(os.path.realpath(path))
    try:
        dangling = path.is_symlink() and not real.exists()
    except OSError as exc:  # a name longer than the file system allows, a loop of links
        raise OutputError(f"cannot write: {exc.strerror or exc}", file=path) from None
    if dangling:
        raise OutputError(
            "is a symlink to a missing file; cvgen does not create its target", file=path
        )
    return real


def _first_file_above(path: Path) -> Path:
    for folder in reversed(path.parents):
        if folder.exists() and not folder.is_dir():
            return folder
    return path.parent


def _refuse_duplicates(targets: Sequence[_Target]) -> None:
    seen: dict[Path, Path] = {}
    for target in targets:
        if target.real in seen:
            raise OutputError(
                f"named twice as an output (also as {seen[target.real]})", file=target.path
            )
        seen[target.real] = target.path


def _is_kind(path: Path, kind: Kind) -> bool:
    try:
        with open(path, "rb") as stream:
            head = stream.read(_MAX_SNIFF_BYTES + 1)
    except OSError:
        return False
    if len(head) > _MAX_SNIFF_BYTES:
        return False
    return _SNIFFERS[kind](head)


def _is_our_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and b"/Creator (cvgen " in data


def _is_json(data: bytes) -> bool:
    try:
        json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return False
    return True


def _is_text(data: bytes) -> bool:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return b"\0" not in data


_SNIFFERS: dict[Kind, Callable[[bytes], bool]] = {
    Kind.PDF: _is_our_pdf,
    Kind.PNG: lambda data: data.startswith(b"\x89PNG\r\n\x1a\n"),
    Kind.JPEG: lambda data: data.startswith(b"\xff\xd8\xff"),
    Kind.JSON: _is_json,
    Kind.TEXT: _is_text,
    Kind.NEW: lambda data: False,
}


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError("output folder is a file", file=folder) from None
    except OSError as exc:
        raise OutputError(f"cannot create output folder: {exc.strerror}", file=folder) from None


def _stage(data: bytes, target: _Target) -> str:
    """The bytes in a temporary file beside the target, flushed to disk; returns its name."""
    try:
        import tempfile  # only when something is written (an unchanged replay writes nothing)

        fd, temp = tempfile.mkstemp(
            dir=target.real.parent, prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX
        )
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", file=target.path) from None
    _live_temps.add(temp)  # before anything can fail, so the cleanup knows it
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes 0600; a web server serving the homepage could not read the CV.
        os.chmod(temp, target.mode if target.mode is not None else 0o666 & ~_umask())
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        _live_temps.discard(temp)
        raise OutputError(f"cannot write: {exc.strerror or exc}", file=target.path) from None
    return temp


def _fsync_folder(folder: Path) -> None:
    """The rename itself is durable only once the folder is flushed (POSIX)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the data itself is on disk
    finally:
        os.close(fd)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# Temporary files not yet renamed, for the signal handler; a set so nesting is harmless.
_live_temps: set[str] = set()


@contextmanager
def _temp_files() -> Iterator[list[str]]:
    """The temporary files of one batch: removed on any failure and on SIGTERM/INT/HUP."""
    temps: list[str] = []
    with _removing_temps_on_signals():
        try:
            yield temps
        finally:
            for temp in temps:
                Path(temp).unlink(missing_ok=True)
            _live_temps.difference_update(temps)


def _remove_live_temps() -> None:
    for temp in list(_live_temps):
        with suppress(OSError):
            os.unlink(temp)
    _live_temps.clear()


@contextmanager
def _removing_temps_on_signals() -> Iterator[None]:
    """The default action of SIGTERM and SIGHUP ends the process without running ``finally``:
    remove the temporary files first, then let the signal do what it would have done."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; its own handler covers this one
        return
    previous = {sig: signal.getsignal(sig) for sig in _CLEANUP_SIGNALS}

    def handler(signum: int, frame: FrameType | None) -> None:
        _remove_live_temps()
        before = previous[signum]
        if callable(before):
            before(signum, frame)  # e.g. Python's SIGINT → KeyboardInterrupt
            return
        if before == signal.SIG_IGN:
            return
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)  # die of the same signal, so the parent sees why

    for sig in _CLEANUP_SIGNALS:
        if previous[sig] != signal.SIG_IGN:
            signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, before in previous.items():
            signal.signal(sig, before if before is not None else signal.SIG_DFL)
