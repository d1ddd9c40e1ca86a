"""Which link targets a CV may carry, and how bare domains become real links."""

from __future__ import annotations

import re

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_BARE_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)*\.[a-zA-Z]{2,}(:\d+)?([/?#]\S*)?$")
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$")


def normalize_url(raw: str) -> str:
    """Return a safe absolute link target, or raise ValueError saying why not.

    A bare domain would be read by PDF viewers as a relative file link, so it gains
    ``https://``; ``javascript:`` and ``file:`` targets are refused outright.
    """
    url = raw.strip()
    if not url or any(ch.isspace() for ch in url):
        raise ValueError(f"not a link: {raw!r}")
    match = _SCHEME.match(url)
    if match and not _BARE_DOMAIN.match(url):
        scheme = match.group(1).lower()
        if scheme not in ALLOWED_SCHEMES:
            raise ValueError(f"links may be http(s), mailto or tel, not {scheme}: ({raw!r})")
        return url
    if _BARE_DOMAIN.match(url):
        return "https://" + url
    raise ValueError(f"not a link: {raw!r} (write it as https://...)")


def check_email(raw: str) -> str:
    address = raw.strip()
    if not _EMAIL.match(address):
        raise ValueError(f"not an e-mail address: {raw!r}")
    return address
