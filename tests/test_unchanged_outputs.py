"""A target that already holds exactly the new bytes is left alone (an unchanged rebuild
touches nothing: no rename, no fsync); anything else is replaced as usual."""

from __future__ import annotations

import os
from pathlib import Path

from cvgen.output import Kind, Output, write_outputs

PDF_A = b"%PDF-1.4\n% cvgen A\n%%EOF\n"
PDF_B = b"%PDF-1.4\n% cvgen B\n%%EOF\n"


def _stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_ino, info.st_mtime_ns


def test_identical_bytes_leave_the_file_as_it_is(tmp_path: Path) -> None:
    same, other = tmp_path / "same.pdf", tmp_path / "other.pdf"
    write_outputs([Output(PDF_A, same, Kind.PDF), Output(PDF_A, other, Kind.PDF)])
    os.utime(same, ns=(1, 1))  # an old file: a rewrite would give it a new time and inode
    os.utime(other, ns=(1, 1))
    before_same, before_other = _stamp(same), _stamp(other)
    written = write_outputs(
        [Output(PDF_A, same, Kind.PDF), Output(PDF_B, other, Kind.PDF)], force=True
    )
    assert written == [same, other]  # both reported in place, in order
    assert _stamp(same) == before_same
    assert _stamp(other) != before_other and other.read_bytes() == PDF_B


def test_a_longer_or_shorter_file_is_not_the_same(tmp_path: Path) -> None:
    target = tmp_path / "cv.pdf"
    write_outputs([Output(PDF_A + b"tail", target, Kind.PDF)])
    write_outputs([Output(PDF_A, target, Kind.PDF)], force=True)
    assert target.read_bytes() == PDF_A
    write_outputs([Output(PDF_A + b"x", target, Kind.PDF)], force=True)
    assert target.read_bytes() == PDF_A + b"x"
