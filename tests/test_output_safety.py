"""Outputs are never inputs, only regular files are replaced, a file cvgen did not make is
kept unless --force, and the exit status says exactly what was written."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.clirun import cvgen

ON = "2024-01-15"
DATED = "CV-Ada Lovelace_20240115.pdf"
PROFILE = """\
person:
  name: Ada Lovelace
  email: ada@example.org
  portrait: me.png
theme:
  base: mine.yaml
sections:
  - title: Work
    kind: experience
    entries:
      - {role: Analyst, organization: Engine Co, start: 1842, end: 1843}
  - title: Papers
    kind: publications
    entries: []
    bibtex: {file: refs.bib}
variants:
  short:
    title: Short
"""
BIB = "@article{a, title={Notes}, author={Ada Lovelace}, journal={Memoirs}, year={1843}}\n"
NOT_OURS = b"%PDF-1.4\n% a PDF some other program made\n%%EOF\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A profile that reads a portrait, a theme file and a .bib; the working folder."""
    from PIL import Image

    (tmp_path / "p.yaml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "mine.yaml").write_text("base: homepage\naccent: '#224466'\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    Image.new("RGB", (60, 80), (120, 90, 200)).save(tmp_path / "me.png")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every entry under ``root``: file bytes, or what kind of thing it is."""
    seen: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        key = str(path.relative_to(root))
        if path.is_symlink():
            seen[key] = f"-> {os.readlink(path)}"
        elif path.is_file():
            seen[key] = path.read_bytes()
        else:
            seen[key] = stat.filemode(path.lstat().st_mode)
    return seen


@pytest.mark.parametrize("target", ["p.yaml", "mine.yaml", "refs.bib", "me.png"])
def test_build_never_writes_over_its_inputs(folder: Path, target: str):
    before = snapshot(folder)
    code, _, err = cvgen("build", "p.yaml", "--date", ON, "--output", target, "--force")
    assert code == 1
    assert err.strip() == (
        f"{target}: is one of the files this command reads; an output never replaces an input"
    )
    assert snapshot(folder) == before


def test_an_input_reached_by_symlink_or_hard_link_is_still_an_input(folder: Path):
    (folder / "alias.pdf").symlink_to("p.yaml")
    os.link(folder / "p.yaml", folder / "hard.pdf")
    before = snapshot(folder)
    for target in ("alias.pdf", "hard.pdf"):
        code, _, err = cvgen("build", "p.yaml", "--date", ON, "--output", target, "--force")
        assert code == 1 and "an output never replaces an input" in err
    assert snapshot(folder) == before


def test_copy_latest_onto_the_profile_writes_nothing(folder: Path):
    before = snapshot(folder)
    code, out, err = cvgen("build", "p.yaml", "--date", ON, "--copy-latest", "p.yaml")
    assert code == 1 and out == ""
    assert "p.yaml: is one of the files this command reads" in err
    assert snapshot(folder) == before  # not even the dated CV


def test_export_and_schema_refuse_the_profile_and_files_of_another_kind(folder: Path):
    (folder / "notes.txt").write_text("my notes\n", encoding="utf-8")
    before = snapshot(folder)
    code, _, err = cvgen("export", "jsonresume", "p.yaml", "-o", "p.yaml", "--force")
    assert code == 1 and "an output never replaces an input" in err
    code, _, err = cvgen("export", "jsonresume", "p.yaml", "-o", "notes.txt")
    assert code == 1
    assert err.strip() == "notes.txt: exists and is not a JSON file; add --force to replace it"
    code, _, err = cvgen("schema", "-o", "notes.txt")
    assert code == 1 and "is not a JSON file" in err
    assert snapshot(folder) == before
    # A JSON file of the same kind is replaced; --force replaces anything regular.
    (folder / "resume.json").write_text("{}", encoding="utf-8")
    assert cvgen("export", "jsonresume", "p.yaml", "-o", "resume.json")[0] == 0
    assert b'"Ada Lovelace"' in (folder / "resume.json").read_bytes()
    assert cvgen("schema", "-o", "notes.txt", "--force")[0] == 0
    assert (folder / "notes.txt").read_bytes().startswith(b"{")


def test_imports_never_write_over_their_source(folder: Path):
    before = snapshot(folder)
    code, _, err = cvgen("import", "bibtex", "refs.bib", "-o", "refs.bib", "--force")
    assert code == 1 and "an output never replaces an input" in err
    assert snapshot(folder) == before


def test_a_pdf_cvgen_did_not_make_is_kept_unless_forced(folder: Path):
    (folder / "cv.pdf").write_bytes(NOT_OURS)
    code, out, err = cvgen("build", "p.yaml", "--date", ON, "--output", "cv.pdf")
    assert code == 1 and out == ""
    assert err.strip() == "cv.pdf: exists and is not a CV made by cvgen; add --force to replace it"
    assert (folder / "cv.pdf").read_bytes() == NOT_OURS
    # Our own CV is replaced without asking; another program's with --force.
    assert cvgen("build", "p.yaml", "--date", ON, "--output", "cv.pdf", "--force")[0] == 0
    ours = (folder / "cv.pdf").read_bytes()
    assert ours.startswith(b"%PDF-") and b"/Creator (cvgen " in ours
    assert cvgen("build", "p.yaml", "--date", ON, "--output", "cv.pdf")[0] == 0


def test_a_fifo_is_refused_and_stays_a_fifo(folder: Path):
    os.mkfifo(folder / "pipe.pdf")
    code, _, err = cvgen("build", "p.yaml", "--date", ON, "--output", "pipe.pdf", "--force")
    assert code == 1
    assert "pipe.pdf: is not a regular file" in err
    assert stat.S_ISFIFO((folder / "pipe.pdf").lstat().st_mode)
    assert not list(folder.glob(".cvgen-*"))


def test_a_device_node_is_refused_and_left_alone(folder: Path):
    before = os.stat("/dev/null")
    code, _, err = cvgen("build", "p.yaml", "--date", ON, "--output", "/dev/null", "--force")
    assert code == 1
    assert err.strip().startswith("/dev/null: is not a regular file")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_a_symlink_is_followed_and_stays_a_link(folder: Path):
    (folder / "site").mkdir()
    code, _, _ = cvgen("build", "p.yaml", "--date", ON, "--output", "site/real.pdf")
    assert code == 0
    (folder / "latest.pdf").symlink_to("site/real.pdf")
    old = (folder / "site" / "real.pdf").read_bytes()
    code, out, _ = cvgen("build", "p.yaml", "--date", "2024-02-01", "--output", "latest.pdf")
    assert code == 0 and out.strip() == "latest.pdf"
    assert (folder / "latest.pdf").is_symlink()
    assert os.readlink(folder / "latest.pdf") == "site/real.pdf"
    assert (folder / "site" / "real.pdf").read_bytes() != old
    assert sorted(p.name for p in (folder / "site").iterdir()) == ["real.pdf"]


def test_a_dangling_symlink_is_refused(folder: Path):
    (folder / "gone.pdf").symlink_to("nowhere/cv.pdf")
    before = snapshot(folder)
    code, _, err = cvgen("build", "p.yaml", "--date", ON, "--output", "gone.pdf")
    assert code == 1 and "gone.pdf: is a symlink to a missing file" in err
    assert snapshot(folder) == before


def test_a_read_only_target_is_refused_with_its_mode_and_bytes(folder: Path):
    assert cvgen("build", "p.yaml", "--date", ON, "--output", "cv.pdf")[0] == 0
    target = folder / "cv.pdf"
    target.chmod(0o444)
    old = target.read_bytes()
    code, _, err = cvgen("build", "p.yaml", "--date", "2024-02-01", "--output", "cv.pdf")
    assert code == 1
    assert err.strip() == "cv.pdf: is read-only; cvgen leaves read-only files as they are"
    assert target.read_bytes() == old and stat.S_IMODE(target.stat().st_mode) == 0o444


def test_a_replaced_file_keeps_its_mode(folder: Path):
    assert cvgen("build", "p.yaml", "--date", ON, "--output", "cv.pdf")[0] == 0
    (folder / "cv.pdf").chmod(0o640)
    assert cvgen("build", "p.yaml", "--date", "2024-02-01", "--output", "cv.pdf")[0] == 0
    assert stat.S_IMODE((folder / "cv.pdf").stat().st_mode) == 0o640


def test_a_new_file_gets_the_umask_mode(folder: Path):
    old = os.umask(0o027)
    try:
        assert cvgen("build", "p.yaml", "--date", ON, "--output", "cv.pdf")[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((folder / "cv.pdf").stat().st_mode) == 0o640


def test_a_legal_250_byte_file_name_is_written(folder: Path):
    name = "c" * 246 + ".pdf"
    code, _, err = cvgen("build", "p.yaml", "--date", ON, "--output", name)
    assert code == 0, err
    assert (folder / name).read_bytes().startswith(b"%PDF-")
    assert not list(folder.glob(".cvgen-*"))


def test_new_never_replaces_the_users_images(tmp_path: Path):
    portrait = tmp_path / "jane" / "assets" / "images" / "portrait.jpg"
    portrait.parent.mkdir(parents=True)
    portrait.write_bytes(b"my real photo")
    before = snapshot(tmp_path)
    code, _, err = cvgen("new", "Jane Doe", str(tmp_path / "jane"))
    assert code == 1
    assert err.strip() == f"{portrait}: exists; add --force to replace it"
    assert snapshot(tmp_path) == before  # not even the profile


def test_two_outputs_on_one_file_are_refused(folder: Path):
    code, _, err = cvgen(
        "build", "p.yaml", "--date", ON, "--output", "cv.pdf", "--copy-latest", "cv.pdf"
    )
    assert code == 1 and "cv.pdf: named twice as an output" in err
    assert not (folder / "cv.pdf").exists()


# Signals: a real process, since the default action of SIGTERM ends it without `finally`.
_SIGNALLED_WRITE = """
import os, signal, sys
from pathlib import Path

# As from a terminal: a job started in the background inherits SIGINT ignored, and one
# under nohup SIGHUP; cvgen rightly keeps them ignored, and there would be nothing to test.
signal.signal(signal.SIGINT, signal.default_int_handler)
signal.signal(signal.SIGHUP, signal.SIG_DFL)
from cvgen import output

def fsync_then_signal(fd):
    os.kill(os.getpid(), getattr(signal, sys.argv[2]))

os.fsync = fsync_then_signal
output.write_atomically(b"%PDF-new", Path(sys.argv[1]))
"""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_during_a_write_removes_the_temporary_file(tmp_path: Path, name: str):
    target = tmp_path / "cv.bin"  # not .pdf: the suite checks every PDF it finds
    target.write_bytes(b"%PDF-old /Creator (cvgen 0)")
    run = subprocess.run(
        [sys.executable, "-c", _SIGNALLED_WRITE, str(target), name],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    import signal

    # SIGINT goes through Python's KeyboardInterrupt, which also ends in the signal.
    assert run.returncode == -getattr(signal, name), run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cv.bin"]
    assert target.read_bytes() == b"%PDF-old /Creator (cvgen 0)"
