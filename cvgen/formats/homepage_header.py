"""A homepage's name heading, header lines (office, e-mail, phone), row of icon links, and
``mkdocs.yml``'s ``extra.social`` links, read into the profile's person."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from cvgen.formats.homepage_reading import Reading, not_placed, shorten, visible_html
from cvgen.formats.markdown_page import Block, Heading, Other, Paragraph, Run, plain
from cvgen.formats.mkdocs import network_for_icon, read_mkdocs_social
from cvgen.inline import escape_inline
from cvgen.networks import icon_name
from cvgen.profile import name_key

_CV_ICONS = {"cv", "ai-cv"}


def read_name(heading: Heading, reading: Reading) -> None:
    name = _heading_words(heading.runs)
    if not name:
        raise reading.notes.error("the '# ' heading has no name in it", line=heading.line)
    reading.person["name"] = name
    image = next((run for run in heading.runs if run.kind == "image"), None)
    if image:
        portrait = reading.image(image.url, heading.line, "portrait")
        if portrait:
            reading.person["portrait"] = portrait


def _heading_words(runs: list[Run]) -> str:
    parts, after_image = [], False
    for run in runs:
        text = run.text if run.kind in ("text", "link") else ""
        if after_image and text.lstrip().startswith("{") and "}" in text:
            text = text[text.find("}") + 1 :]
        parts.append(text)
        after_image = run.kind == "image"
    return " ".join("".join(parts).split())


def read_header(blocks: list[Block], reading: Reading) -> None:
    for block in blocks:
        if isinstance(block, Paragraph) and _key_line(block) is not None:
            key, value = _key_line(block) or ("", [])
            _read_key_line(key, value, block.line, reading)
        elif isinstance(block, Paragraph) and any(
            _icon_text(r) for r in block.runs if r.kind == "link"
        ):
            _read_icon_row(block, reading)
        elif isinstance(block, Other) and not visible_html(block.text):
            continue  # a layout wrapper (<div>, <br>) with nothing to read
        elif isinstance(block, Paragraph) and "tagline" not in reading.person:
            _read_tagline(block, reading)
        else:
            not_placed(block, "in the header", reading)


def _read_tagline(block: Paragraph, reading: Reading) -> None:
    """The first line of prose under the name ("PhD student at ..."); its e-mail link, if
    any, is the person's address too."""
    reading.person["tagline"] = reading.markup(block.runs, block.line, "tagline")
    for run in block.runs:
        if run.kind == "link" and run.url.startswith("mailto:") and "email" not in reading.person:
            _set_email(run.url.removeprefix("mailto:").split("?")[0], block.line, reading)


def _key_line(block: Paragraph) -> tuple[str, list[Run]] | None:
    """``*:icon: Office: [label](url)*`` → ("Office", the runs after the colon)."""
    lead: list[Run] = []
    for run in block.runs:
        if run.kind != "text":
            break
        lead.append(run)
    text = _without_icons("".join(run.text for run in lead))
    key, sep, after = text.partition(":")
    key = key.strip(" *_")
    if not sep or not key or len(key) > 30 or not all(c.isalpha() or c in " -" for c in key):
        return None
    rest = [Run("text", after)] if after.strip() else []
    return key, rest + block.runs[len(lead) :]


def _without_icons(text: str) -> str:
    """``:fontawesome-solid-inbox: Email:`` → `` Email:``; a linear scan."""
    out, pos = [], 0
    while (start := text.find(":", pos)) >= 0:
        end = text.find(":", start + 1)
        word = text[start + 1 : end] if end > 0 else ""
        if end > 0 and word and "-" in word and all(c.isalnum() or c == "-" for c in word):
            out.append(text[pos:start])
            pos = end + 1
        else:
            out.append(text[pos : start + 1])
            pos = start + 1
    out.append(text[pos:])
    return "".join(out)


def _read_key_line(key: str, value: list[Run], line: int, reading: Reading) -> None:
    kind = key.casefold()
    link = next((run for run in value if run.kind == "link"), None)
    text = plain(value)
    if "mail" in kind:
        address = (
            link.url.removeprefix("mailto:").split("?")[0]
            if link and link.url.startswith("mailto:")
            else _deobfuscate(text)
        )
        _set_email(address, line, reading)
    elif any(word in kind for word in ("office", "address")) and link:
        url = reading.link(link.url, line, "office")
        if url:
            reading.person["office"] = {"label": escape_inline(link.text), "url": url}
    elif any(word in kind for word in ("phone", "mobile", "tel")):
        reading.person["phone"] = link.text if link else text
    elif "location" in kind and not link:
        reading.person["location"] = text
    elif any(word in kind for word in ("homepage", "website")) and link:
        url = reading.link(link.url, line, "homepage")
        if url:
            reading.person["homepage"] = {"label": escape_inline(link.text), "url": url}
    else:
        reading.note(line, f"header line '{key}' not placed: {shorten(text)}")


def _icon_text(run: Run) -> str | None:
    """``:fontawesome-brands-github:`` (maybe with a label) → the icon's name."""
    text = run.text.strip()
    if not text.startswith(":") or text.count(":") < 2:
        return None
    return text[1:].split(":", 1)[0]


def _read_icon_row(block: Paragraph, reading: Reading) -> None:
    line = block.line
    for run in block.runs:
        if run.kind != "link":
            continue
        icon = _icon_text(run) or ""
        label = run.text.strip()[len(icon) + 2 :].strip() if icon else run.text.strip()
        url = run.url
        if url.startswith("mailto:"):
            _set_email(url.removeprefix("mailto:").split("?")[0], line, reading)
        elif icon_name(icon) in _CV_ICONS or _is_cv_pdf(url):
            continue  # the page's link to the CV: `cvgen homepage` writes it from the build
        elif icon and (network_for_icon(icon) or label):
            _add_profile(network_for_icon(icon) or label, url, line, reading)
        else:
            reading.note(
                line, f"link {run.text!r} ({url}) in the icon row names no network cvgen knows"
            )
    rest = visible_html(plain([r for r in block.runs if r.kind == "text"]))
    if rest.strip():
        reading.note(line, f"text in the icon row not placed: {shorten(rest)}")


def _is_cv_pdf(url: str) -> bool:
    name = unquote(url).rsplit("/", 1)[-1]
    return name.casefold().startswith("cv") and name.casefold().endswith(".pdf")


def _add_profile(
    network: str, url: str, line: int | None, reading: Reading, *, file: Path | None = None
) -> bool:
    profiles = reading.person.setdefault("profiles", [])
    known = next((p for p in profiles if p["network"].casefold() == network.casefold()), None)
    if known:
        if not _same_url(known["url"], url):
            reading.notes.add(
                f"a second {network} link ({url}) not placed; kept {known['url']}",
                line=line,
                file=file,
            )
        return False
    checked = reading.notes.link(url, what=f"{network} link", line=line, file=file)
    if checked:
        profiles.append({"network": network, "url": checked})
    return checked is not None


def _set_email(
    address: str, line: int | None, reading: Reading, *, file: Path | None = None
) -> bool:
    email = reading.notes.email(address, line=line, file=file)
    if email is None:
        return False
    known = reading.person.setdefault("email", email)
    if known.casefold() != email.casefold():
        reading.notes.add(
            f"a second e-mail address ({email}) not placed; kept {known}", line=line, file=file
        )
        return False
    return known is email


def _deobfuscate(text: str) -> str:
    """``hz3496 [at] nyu [dot] edu`` → ``hz3496@nyu.edu``, with str methods only."""
    compact = "".join(text.split()).casefold()
    for opening, closing in ("[]", "()", "{}"):
        compact = compact.replace(f"{opening}at{closing}", "@").replace(
            f"{opening}dot{closing}", "."
        )
    return compact


def _same_url(a: str, b: str) -> bool:
    """Equal up to case, a trailing slash and the order of query parameters."""

    def key(url: str) -> tuple[str, str, list[tuple[str, str]]]:
        parts = urlsplit(url.strip().lower())
        return (
            parts.netloc.removeprefix("www."),
            parts.path.rstrip("/"),
            sorted(parse_qsl(parts.query)),
        )

    return key(a) == key(b)


def merge_mkdocs_social(path: Path, reading: Reading) -> None:
    """``extra.social`` links, each imported with a note (the page wins per network)."""
    owner = reading.person["name"]
    for entry in read_mkdocs_social(path):
        line = entry["line"]
        if entry["email"]:
            if _set_email(entry["email"], line, reading, file=path):
                reading.notes.add(
                    f"e-mail {entry['email']} imported from extra.social", line=line, file=path
                )
        elif entry["network"]:
            if _add_profile(entry["network"], entry["link"], line, reading, file=path):
                reading.notes.add(
                    f"{entry['network']} link imported from extra.social: {entry['link']}",
                    line=line,
                    file=path,
                )
                other = _someone_else(entry["link"], owner)
                if other:
                    reading.notes.add(
                        f"{entry['network']} link names {other!r}, not {owner!r}: check it is yours",
                        line=line,
                        file=path,
                    )
        else:
            reading.notes.add(
                f"icon {entry['icon']!r} ({entry['link']}) names no network cvgen knows",
                line=line,
                file=path,
            )


def _someone_else(url: str, owner: str) -> str | None:
    """A name-like part of the URL (``xichen_pan``, ``Xichen-Pan``) that shares no word
    with the owner's name; None when a part names the owner or none looks like a name."""
    owner_words = {w for w in name_key(owner).replace("-", " ").split() if len(w) >= 3}
    for part in unquote(urlsplit(url).path).split("/"):
        words = _name_words(part)
        joined = part.casefold()
        if any(word in joined for word in owner_words):
            return None
        if len(words) >= 2 and all(w.isalpha() for w in words):
            return part
    return None


def _name_words(part: str) -> list[str]:
    """``xichen_pan`` / ``Xichen-Pan`` / ``XichenPan`` → its words."""
    spaced = "".join(f" {c}" if c.isupper() else (" " if c in "-_." else c) for c in part)
    return [w.casefold() for w in spaced.split()]
