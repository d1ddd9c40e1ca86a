"""Which link targets a CV may carry, how bare domains become real links, and how a link is
written into the PDF (7-bit ASCII, as PDF's /URI wants: punycode host, percent-encoded rest)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote, urlsplit

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_BARE_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)*\.[a-zA-Z]{2,}(:\d+)?([/?#]\S*)?$")
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$")
# Characters a URI keeps as they are; everything else (non-ASCII, spaces) is percent-encoded.
_URI_SAFE = "!#$%&'()*+,/:;=?@[]~-._"
_TEL = re.compile(r"^\+?[0-9().\- ]*[0-9][0-9().\- ]*$")


# Kept: validation and layout normalize each link of the profile, and a theme that spells
# links out does it twice (a 500-publication CV: 700 links, ~20 µs each). Larger than the
# links of any CV, so one pass cannot push out what the next pass asks for.
@lru_cache(maxsize=8192)
def normalize_url(raw: str) -> str:
    """Return a safe absolute link target, or raise ValueError saying why not.

    A bare domain would be read by PDF viewers as a relative file link, so it gains
    ``https://``; ``javascript:`` and ``file:`` targets are refused outright, and so are
    links to nowhere (``http://``, ``mailto:``) and control characters, which garble the
    PDF's link. The text stays as written (an IDN host stays readable); ``pdf_uri`` makes
    the ASCII form the PDF carries.
    """
    url = raw.strip()
    _refuse_invisible(url, raw, what="link")
    if not url or any(ch.isspace() for ch in url):
        raise ValueError(f"not a link: {raw!r}")
    match = _SCHEME.match(url)
    if match and not _BARE_DOMAIN.match(url):
        scheme = match.group(1).lower()
        if scheme not in ALLOWED_SCHEMES:
            raise ValueError(f"links may be http(s), mailto or tel, not {scheme}: ({raw!r})")
        _check_target(url, scheme, raw)
        return url
    if _BARE_DOMAIN.match(url):
        url = "https://" + url
        _check_target(url, "https", raw)
        return url
    raise ValueError(f"not a link: {raw!r} (write it as https://...)")


def check_email(raw: str) -> str:
    address = raw.strip()
    _refuse_invisible(address, raw, what="e-mail address")
    if not _EMAIL.match(address):
        raise ValueError(f"not an e-mail address: {raw!r}")
    local, _, domain = address.rpartition("@")
    if "" in local.split(".") or not _is_host(domain):
        raise ValueError(f"not an e-mail address: {raw!r}")
    return address


def pdf_uri(url: str) -> str:
    """``url`` (already normalized) as the 7-bit ASCII a PDF /URI holds."""
    if url.isascii():
        return url
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        address, sep, query = url[len("mailto:") :].partition("?")
        local, _, domain = address.rpartition("@")
        target = f"{quote(local, safe=_URI_SAFE)}@{_ascii_host(domain)}"
        return f"mailto:{target}{sep}{quote(query, safe=_URI_SAFE)}"
    if scheme in ("http", "https") and parts.hostname:
        userinfo, _, _ = parts.netloc.rpartition("@")
        port = f":{parts.port}" if parts.port is not None else ""
        user = f"{quote(userinfo, safe=_URI_SAFE)}@" if userinfo else ""
        rest = url[len(parts.scheme) + 3 + len(parts.netloc) :]
        return f"{scheme}://{user}{_ascii_host(parts.hostname)}{port}{quote(rest, safe=_URI_SAFE)}"
    return quote(url, safe=_URI_SAFE)


def _check_target(url: str, scheme: str, raw: str) -> None:
    """A link must lead somewhere: a host for http(s), an address for mailto, digits for tel."""
    rest = url[len(scheme) + 1 :]
    if scheme in ("http", "https"):
        try:
            parts = urlsplit(url)
            host, _ = parts.hostname, parts.port  # .port raises on a malformed port
        except ValueError:
            raise ValueError(f"not a link: {raw!r} (its host or port is malformed)") from None
        if not rest.startswith("//") or not host or not _is_host(host):
            raise ValueError(f"not a link: {raw!r} (it names no web address)")
    elif scheme == "mailto":
        try:
            check_email(rest.partition("?")[0])
        except ValueError:
            raise ValueError(f"not a link: {raw!r} (it names no valid e-mail address)") from None
    elif not _TEL.match(rest):
        raise ValueError(f"not a phone link: {raw!r} (expected digits, e.g. tel:+12125550100)")


def _is_host(host: str) -> bool:
    """Labels with no empty one (``a..b``), and a form the IDNA codec can encode."""
    labels = host.rstrip(".").split(".")
    if not host or "" in labels:
        return False
    try:
        _ascii_host(host)
    except UnicodeError:
        return False
    return True


def _ascii_host(host: str) -> str:
    return host if host.isascii() else host.encode("idna").decode("ascii")


def _refuse_invisible(text: str, raw: str, *, what: str) -> None:
    """Control and format characters (NUL, ESC, zero-width, bidi marks) cannot be seen in a
    CV and break the PDF's link: refuse them, saying which and where."""
    if text.isprintable():  # no Cc or Cf character (both are "Other"): the usual case
        return
    for index, ch in enumerate(text):
        if unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\t\n\r":
            name = unicodedata.name(ch, "a control character")
            raise ValueError(
                f"{what} has an invisible character U+{ord(ch):04X} ({name}) at position"
                f" {index + 1}: {raw!r}"
            )
