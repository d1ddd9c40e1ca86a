"""Image paths in profile data moved between folders (a page's and a profile's differ)."""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from typing import Any

from cvgen.profile import Profile


def rebase_image_paths(data: dict[str, Any], *, from_dir: Path, to_dir: Path) -> dict[str, Any]:
    """Profile data whose relative portrait and logo paths, written relative to
    ``from_dir``, are rewritten relative to ``to_dir`` (the page's folder and the profile's
    differ). Remote and absolute paths are left alone."""

    def moved(path: str) -> str:
        if re.match(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//|/)", path):
            return path
        target = os.path.relpath(os.path.abspath(from_dir / path), os.path.abspath(to_dir))
        return PurePosixPath(Path(target)).as_posix()

    result = {**data, "person": dict(data["person"])}
    if result["person"].get("portrait"):
        result["person"]["portrait"] = moved(result["person"]["portrait"])
    if "sections" in data:
        result["sections"] = []
        for section in data["sections"]:
            entries = section.get("entries")
            if isinstance(entries, list):
                entries = [{**e, "logo": moved(e["logo"])} if e.get("logo") else e for e in entries]
                section = {**section, "entries": entries}
            result["sections"].append(section)
    return result


def rebase_profile_images(profile: Profile, *, from_dir: Path, to_dir: Path) -> Profile:
    """The profile with image paths relative to ``to_dir`` (e.g. the page's folder)."""
    from cvgen.validation import dump, validate

    data = dump(profile, exclude_defaults=True)
    return validate(Profile, rebase_image_paths(data, from_dir=from_dir, to_dir=to_dir))
