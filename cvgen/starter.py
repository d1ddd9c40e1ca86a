"""`cvgen new "Jane Doe" [DIR]`: a folder ready for `cvgen build`."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from string import Template

from cvgen.errors import CvgenError
from cvgen.pdf import write_atomically

SCHEMA_NAME = "profile.schema.json"


def profile_schema() -> dict[str, object]:
    """The profile's JSON Schema, made from the models (never written by hand)."""
    from cvgen.profile import Profile

    schema = Profile.model_json_schema()
    schema["title"] = "cvgen profile"
    return schema


def schema_text() -> str:
    return json.dumps(profile_schema(), indent=2, ensure_ascii=False) + "\n"


def new_profile(name: str, folder: Path) -> list[Path]:
    """data/profile.yaml, its schema and sample images; refuses to overwrite a profile."""
    cleaned = " ".join(name.split())
    if not cleaned or any(ch in cleaned for ch in "\n\"'$:#{}[]"):
        raise CvgenError(f'cannot use {name!r} as a name here; write it plainly, e.g. "Jane Doe"')
    profile = folder / "data" / "profile.yaml"
    if profile.exists():
        raise CvgenError("exists already; cvgen new never replaces a profile", file=profile)
    from cvgen.samples import make_sample_images

    initials = "".join(word[0] for word in cleaned.split()[:3]).upper()
    email = re.sub(r"[^a-z0-9]+", ".", cleaned.lower()).strip(".") + "@example.org"
    template = Template(
        files("cvgen").joinpath("templates/profile.yaml").read_text(encoding="utf-8")
    )
    written = [profile, folder / "data" / SCHEMA_NAME]
    write_atomically(template.substitute(name=cleaned, email=email).encode("utf-8"), profile)
    write_atomically(schema_text().encode("utf-8"), written[1])
    return [*written, *make_sample_images(folder / "assets" / "images", initials=initials)]
