"""Keeping the homepage and the CV in step: the page's CV link and where the newest CV is.
Writing the page itself is ``cvgen.site``'s."""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path, PurePosixPath

from cvgen.errors import CvgenError
from cvgen.naming import cv_glob
from cvgen.textfile import read_text_file

MAX_PAGE_BYTES = 4 * 1024 * 1024


def newest_cv(folder: Path, *, pattern: str, name: str) -> Path | None:
    """The most recently built dated CV of this person in ``folder``."""
    found = [p for p in folder.glob(cv_glob(pattern, name=name)) if p.is_file()]
    return max(found, key=lambda p: (p.stat().st_mtime, p.name)) if found else None


def page_link(target: Path, page: Path) -> str:
    """``target`` as the page links it: relative to the page's folder, with / separators."""
    relative = os.path.relpath(os.path.abspath(target), os.path.abspath(page.parent))
    return PurePosixPath(Path(relative)).as_posix()


def relink_cv(text: str, *, pattern: str, name: str, new_target: str) -> tuple[str, int]:
    """Point every Markdown link to a dated CV of this person at ``new_target``."""
    glob = cv_glob(pattern, name=name)
    dated = re.escape(glob).replace(r"\*", r"[0-9-]+").replace(r"\?", ".")
    link = re.compile(r"(\]\()((?:[^()\s]*/)?" + dated + r")(\))")
    return link.subn(lambda m: m.group(1) + new_target + m.group(3), text)


def relinked_page(page: Path, cv: Path, *, pattern: str, name: str) -> bytes:
    """The page with its CV link pointing at ``cv``; the rest is kept byte for byte."""
    text = read_text_file(page, kind="page", max_bytes=MAX_PAGE_BYTES)
    updated, count = relink_cv(text, pattern=pattern, name=name, new_target=page_link(cv, page))
    if count == 0:
        raise CvgenError(
            f"no link to a CV named like {cv_glob(pattern, name=name)!r} in the page", file=page
        )
    with page.open("rb") as stream:  # read_text_file drops a BOM; the page keeps its own
        bom = codecs.BOM_UTF8 if stream.read(3) == codecs.BOM_UTF8 else b""
    return bom + updated.encode("utf-8")
