"""`cvgen new "Jane Doe" [DIR]`: a folder ready for `cvgen build`."""

from __future__ import annotations

import json
import re
from datetime import date
from importlib.resources import files
from pathlib import Path
from string import Template

from cvgen.errors import CvgenError
from cvgen.output import Kind, Output, write_outputs

SCHEMA_NAME = "profile.schema.json"


def profile_schema() -> dict[str, object]:
    """The profile's JSON Schema, made from the models (never written by hand)."""
    from cvgen.profile import Profile
    from cvgen.validation import json_schema

    schema = json_schema(Profile)
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
    email = re.sub(r"[^a-z0-9]+", ".", cleaned.lower()).strip(".") + "@example.org"
    template = Template(
        files("cvgen").joinpath("templates/profile.yaml").read_text(encoding="utf-8")
    )
    text = template.substitute(name=cleaned, email=email)
    # Every file is new: an existing schema, portrait or logo (the user's own) is refused.
    outputs = [
        Output(text.encode("utf-8"), profile, Kind.NEW),
        Output(schema_text().encode("utf-8"), folder / "data" / SCHEMA_NAME, Kind.NEW),
        *_starter_images(folder / "assets" / "images"),
    ]
    return write_outputs(outputs)


# Drawn once by scripts/make_sample_images.py; a new folder gets copies.
STARTER_IMAGES = (
    "portrait.jpg",
    "logos/nyu.png",
    "logos/tsinghua.png",
    "logos/mbzuai.png",
    "logos/polyhedra.png",
)


def _starter_images(images: Path) -> list[Output]:
    """The placeholder portrait (a plain silhouette) and logos, as new files under ``images``."""
    starter = files("cvgen").joinpath("templates/starter")
    return [
        Output(starter.joinpath(name).read_bytes(), images / name, Kind.NEW)
        for name in STARTER_IMAGES
    ]


APPLICATION_SCHEMA_NAME = "application.schema.json"


def application_schema_text() -> str:
    """The application file's JSON Schema, made from its models."""
    from cvgen.application import Application
    from cvgen.validation import json_schema

    schema = json_schema(Application)
    schema["title"] = "cvgen application"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def new_application(company: str, role: str, *, on: date, folder: Path = Path(".")) -> list[Path]:
    """applications/<YYYY-MM>-<company>-<role>.yaml and its schema; never replaces a file."""
    cleaned = [" ".join(text.split()) for text in (company, role)]
    if not all(cleaned):
        raise CvgenError("the company and the role must not be empty")
    slug = "-".join(_slug(text) for text in cleaned).strip("-") or "application"
    target = folder / "applications" / f"{on:%Y-%m}-{slug}.yaml"
    if target.exists():
        raise CvgenError("exists already; cvgen new never replaces an application", file=target)
    template = Template(
        files("cvgen").joinpath("templates/application.yaml").read_text(encoding="utf-8")
    )
    text = template.substitute(
        company=cleaned[0],
        # JSON strings are YAML strings: any company or role name stays text as typed.
        company_yaml=json.dumps(cleaned[0], ensure_ascii=False),
        role_yaml=json.dumps(cleaned[1], ensure_ascii=False),
        date=on.isoformat(),
    )
    schema = target.parent / APPLICATION_SCHEMA_NAME
    return write_outputs(
        [
            Output(text.encode("utf-8"), target, Kind.NEW),
            Output(application_schema_text().encode("utf-8"), schema, Kind.JSON),
        ]
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
