"""A checked profile kept between processes: an unchanged profile is not read, parsed or
validated again (PyYAML is not even imported).

Building the same profile again — another ``--date``, another variant or theme — is the
common case. The entry is the ``LoadedProfile`` the loader made (the typed profile with
its ``.bib`` entries, and the line of every part, so messages still point at the file),
stored with the hash of every file the loader read as it read it (the profile, ``.bib``
files). Its key is the profile's path as given, the working folder (relative paths in
the profile and in messages depend on it), the ``--set`` texts and cvgen's code identity.
A profile that fails to load is never kept: its errors come from the loader each time.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from cvgen.buildcache import made_from_files
from cvgen.sourcemap import LoadedProfile

_KIND = "profiles"
_VERSION = "1"  # bump when what is kept changes


def load_profile_cached(path: Path, *, overrides: Sequence[str] = ()) -> LoadedProfile:
    """``loader.load_profile(path, overrides=overrides)``, from the cache when unchanged."""
    try:
        folder = os.getcwd()
    except OSError:  # run from a folder that was deleted: no key for relative paths
        return _load(path, overrides)
    parts = (_VERSION, folder, str(path), *overrides)
    return made_from_files(_KIND, parts, lambda: _load(path, overrides), LoadedProfile)


def _load(path: Path, overrides: Sequence[str]) -> LoadedProfile:
    from cvgen.loader import load_profile  # PyYAML and the reader: only on a miss

    return load_profile(path, overrides=overrides)
