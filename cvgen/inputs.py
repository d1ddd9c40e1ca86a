"""The files a build reads: the profile, the images it names, theme files and .bib files.

Outputs are checked against them (an output never replaces an input); `watch` follows them.
"""

from __future__ import annotations

from pathlib import Path

from cvgen.overrides import PathKey
from cvgen.profile import EducationSection, ExperienceSection, Profile, PublicationsSection
from cvgen.sourcemap import LoadedProfile

_THEME_FILE_ENDINGS = (".yaml", ".yml")


def image_fields(profile: Profile) -> list[tuple[PathKey, str, str]]:
    """Every image the profile names: (where in the YAML, the path as written, kind)."""
    found: list[tuple[PathKey, str, str]] = []
    if profile.person.portrait:
        found.append((("person", "portrait"), profile.person.portrait, "portrait"))
    for s, section in enumerate(profile.sections):
        if isinstance(section, (EducationSection, ExperienceSection)):
            logos = [entry.logo for entry in section.entries]
            found += [
                (("sections", s, "entries", e, "logo"), logo, "logo")
                for e, logo in enumerate(logos)
                if logo
            ]
    return found


def build_inputs(loaded: LoadedProfile, *, theme: str | None = None) -> set[Path]:
    """Every file this profile's build may read (``theme``: a --theme given on the command
    line), whether or not the chosen theme shows it: none of them may become an output."""
    profile = loaded.profile
    named = [written for _, written, _ in image_fields(profile)]
    themes = [theme or "", str(profile.theme.get("base", ""))]
    themes += [v.theme or "" for v in profile.variants.values()]
    named += [t for t in themes if t.endswith(_THEME_FILE_ENDINGS)]
    named += [
        s.bibtex.file for s in profile.sections if isinstance(s, PublicationsSection) and s.bibtex
    ]
    return {loaded.source.file, *(loaded.base_dir / written for written in named)}
