"""A homepage section's entries: schools, positions and papers, whichever way the page
lays them out (a ``###`` heading per entry, a list item per entry, or a bold title).

Each reader takes an ``Entry``: its heading runs (or first line), the line it starts on,
and the blocks that follow; and returns profile data, noting what found no place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from cvgen.formats.homepage_markup import LABEL_OF_ICON
from cvgen.formats.homepage_reading import (
    Reading,
    advised_split,
    advisors,
    date_range,
    dates_in,
    shorten,
    split_list,
    with_dates,
)
from cvgen.formats.markdown_page import (
    Block,
    BulletList,
    Details,
    Heading,
    ListItem,
    Other,
    Paragraph,
    Run,
    Table,
    lines_of,
    plain,
)
from cvgen.formats.mkdocs import network_for_icon
from cvgen.inline import escape_inline
from cvgen.networks import icon_name

_STATUSES = ("in submission to", "submitted to", "under review at", "under review by",
             "to appear in", "accepted at", "accepted to", "accepted by")  # fmt: skip
_ROLE_WORDS = ("intern", "engineer", "assistant", "researcher", "scientist", "developer",
               "manager", "fellow", "lead", "analyst", "consultant", "professor", "postdoc",
               "lecturer", "student", "director", "founder", "designer", "visiting", "associate",
               "head", "officer", "teacher", "tutor", "volunteer", "member", "chair")  # fmt: skip
_JOINERS = (" at ", " @ ", ", ", " — ", " – ", " | ", " - ")
_SCHOOL_WORDS = ("university", "college", "school", "institute", "academy", "universit",
                 "hochschule", "école", "ecole", "大学", "学院")  # fmt: skip
_DEGREE_WORDS = ("ph.d", "phd", "b.sc", "bsc", "b.s.", "m.s.", "m.sc", "msc", "b.eng", "m.eng",
                 "bachelor", "master", "doctor", "diploma", "b.a.", "m.a.", "mba", "licence",
                 "学士", "硕士", "博士")  # fmt: skip


@dataclass
class Entry:
    line: int
    head: list[Run]  # the heading (or an item's first line)
    blocks: list[Block]  # what follows it


def looks_like_school(entry: Entry) -> bool:
    text = (plain(entry.head) + " " + " ".join(_block_text(b) for b in entry.blocks)).casefold()
    return any(word in text for word in _DEGREE_WORDS) or any(
        word in plain(entry.head).casefold() for word in _SCHOOL_WORDS
    )


def has_dates(entry: Entry) -> bool:
    if dates_in(plain(entry.head))[0]:
        return True
    return any(isinstance(b, Paragraph) and _date_line(b) for b in entry.blocks)


def _block_text(block: Block) -> str:
    if isinstance(block, Paragraph):
        return plain(block.runs)
    if isinstance(block, BulletList):
        return " ".join(_block_text(b) for item in block.items for b in item.blocks)
    return ""


# ---------------------------------------------------------------- education


def read_education(entry: Entry, reading: Reading) -> dict[str, Any]:
    school: dict[str, Any] = {}
    link = _first(entry.head, "link")
    dates, name = dates_in(_head_text(entry.head))
    if dates:
        with_dates(school, dates)
    degree = plain([run for run in entry.head if run.bold and run.kind == "text"])
    if degree and degree != name:  # "**M.Sc. in Physics**, University of X, 2018 – 2020"
        school["degree"] = escape_inline(degree)
        name = _strip_joiners(name.replace(degree, "", 1))
    name = link.text if link else name
    school["institution"] = escape_inline(name) if name else ""
    if link:
        school["url"] = reading.link(link.url, entry.line, "institution link")
    _logo(entry, school, f"logo of {name!r}", reading)
    for block in entry.blocks:
        _education_block(block, school, reading)
    if not school["institution"]:
        reading.note(entry.line, "an Education entry without an institution left out")
        return {}
    order = ("institution", "url", "logo", "location", "start", "end", "degree", "advisors",
             "mentors", "details")  # fmt: skip
    return {key: school[key] for key in order if school.get(key)}


def _education_block(block: Block, school: dict[str, Any], reading: Reading) -> None:
    what = f"{plain([Run('text', school['institution'])])!r}"
    if isinstance(block, Paragraph) and "start" not in school and (dates := _date_line(block)):
        with_dates(school, dates[0])
        if dates[1]:
            school["location"] = dates[1]
    elif isinstance(block, Paragraph) and "mentors" not in school and (names := _mentored(block)):
        school["mentors"] = advisors(names, reading, block.line)
    elif isinstance(block, Paragraph) and "degree" not in school and "advisors" not in school:
        degree, found = _degree_and_advisors(block.runs, reading, block.line)
        if degree:
            school["degree"] = reading.markup(degree, block.line, "degree")
        if found:
            school["advisors"] = found
    else:
        lines = _as_lines(block, reading, f"text in {what}", kept_as="a detail line")
        school.setdefault("details", []).extend(lines)


def _mentored(block: Paragraph) -> list[Run] | None:
    """The names of a line "Mentored by A and Prof. [B](url)", as cvgen writes one."""
    first = block.runs[0] if block.runs else None
    if first is None or first.kind != "text" or not first.text.startswith("Mentored by "):
        return None
    rest = first.text.removeprefix("Mentored by ")
    names = ([_plain_run(replace(first, text=rest))] if rest.strip() else []) + block.runs[1:]
    return names or None


def _degree_and_advisors(
    runs: list[Run], reading: Reading, line: int
) -> tuple[list[Run], list[dict[str, Any]]]:
    """``***Ph.D. in CS**, advised by Prof. [A](url) and Prof. [B](url)*`` → degree, advisors;
    the line's own italics go, the degree is what is left (its bold part if it has one)."""
    visible = [run for run in runs if run.text.strip()]
    if visible and all(run.bold >= 2 and not run.italic for run in visible):
        # `***` + `*degree*` + `***` reads as two strongs; its writer meant italics inside.
        runs = [replace(run, bold=run.bold - 1, italic=2) if run.bold >= 2 else run for run in runs]
    # The line's own italics only in the owner's forms (bold inside, or an advisor list):
    # `*Bachelor of CS*` alone is a degree in italics, as cvgen writes one the profile has.
    owners_form = any(run.bold for run in visible) or advised_split(runs) is not None
    italic = 1 if owners_form and all(run.italic for run in visible) else 0
    runs = [_lowered(run, italic=italic) for run in runs]
    split = advised_split(runs)
    before, after = split if split else (runs, [])
    bold = [_lowered(run, bold=1) for run in before if run.bold and run.text.strip()]
    return bold or before, advisors(after, reading, line) if after else []


def _lowered(run: Run, *, bold: int = 0, italic: int = 0) -> Run:
    """The run with one level of emphasis taken off (the line's own, not the text's)."""
    return Run(
        run.kind, run.text, run.url, max(0, run.bold - bold), max(0, run.italic - italic),
        run.underline, run.inner,
    )  # fmt: skip


def _plain_run(run: Run) -> Run:
    return Run(run.kind, run.text, run.url, inner=run.inner)


# ---------------------------------------------------------------- experience


def read_experience(entry: Entry, reading: Reading) -> dict[str, Any]:
    position: dict[str, Any] = {}
    dates, rest = dates_in(plain(entry.head))
    if dates:
        with_dates(position, dates)
    link = _first(entry.head, "link")
    if link:
        position["organization"] = escape_inline(link.text)
        position["url"] = reading.link(link.url, entry.line, "organization link")
        role_text = _strip_joiners(rest.replace(link.text, "", 1))
        if role_text:
            position["role"] = escape_inline(role_text)
    else:
        role, organization = _role_and_organization(rest)
        position.update({"role": role, "organization": organization})
    _logo(entry, position, "logo", reading)
    for block in entry.blocks:
        _experience_block(block, position, reading)
    if not position.get("role"):
        if not position.get("organization"):
            reading.note(entry.line, "an Experience entry without a role left out")
            return {}
        position["role"], position["organization"] = position.pop("organization"), None
    order = ("role", "organization", "url", "logo", "location", "start", "end", "advisors",
             "bullets")  # fmt: skip
    return {key: position[key] for key in order if position.get(key)}


def _role_and_organization(text: str) -> tuple[str | None, str | None]:
    for joiner in _JOINERS:
        first, sep, second = text.partition(joiner)
        if sep and first.strip() and second.strip():
            role, organization = first.strip(), second.strip()
            if _is_role(organization) and not _is_role(role):
                role, organization = organization, role
            return escape_inline(role), escape_inline(organization)
    text = text.strip()
    return (escape_inline(text), None) if text else (None, None)


def _is_role(text: str) -> bool:
    words = text.casefold()
    return any(word in words for word in _ROLE_WORDS)


def _strip_joiners(text: str) -> str:
    text = " ".join(text.split())
    for joiner in ("at", "@", ",", "—", "–", "|", "-", "(", ")"):
        text = text.strip().removeprefix(joiner).removesuffix(joiner).strip()
    return text


def _experience_block(block: Block, position: dict[str, Any], reading: Reading) -> None:
    if isinstance(block, Paragraph):
        dates = _date_line(block) if "start" not in position else None
        split = advised_split(block.runs)
        if dates:
            with_dates(position, dates[0])
            if dates[1]:
                position["location"] = dates[1]
            return
        if split and "advisors" not in position:
            position["advisors"] = advisors(split[1], reading, block.line)
            return
        if position.get("organization") and not position.get("role") and _emphasized(block):
            position["role"] = escape_inline(plain(block.runs))
            return
    lines = _as_lines(
        block, reading, f"text in {position.get('role') or 'an entry'!r}", kept_as="a bullet"
    )
    position.setdefault("bullets", []).extend(lines)


def _emphasized(block: Paragraph) -> bool:
    runs = [run for run in block.runs if run.text.strip()]
    return bool(runs) and all(run.bold or run.italic for run in runs) and len(plain(runs)) < 80


# ---------------------------------------------------------------- what entries share


def _first(runs: list[Run], kind: str) -> Run | None:
    return next((run for run in runs if run.kind == kind), None)


def _head_text(runs: list[Run]) -> str:
    """A heading's words, without images and their ``{ align=right }`` styling."""
    parts: list[str] = []
    after_image = False
    for run in runs:
        text = run.text if run.kind in ("text", "link") else ""
        if after_image and text.lstrip().startswith("{") and "}" in text:
            text = text[text.find("}") + 1 :]
        parts.append(text)
        after_image = run.kind == "image"
    return " ".join("".join(parts).split())


def _logo(entry: Entry, data: dict[str, Any], what: str, reading: Reading) -> None:
    image = _first(entry.head, "image")
    if image:
        data["logo"] = reading.image(image.url, entry.line, what)


def _date_line(block: Paragraph) -> tuple[tuple[str | None, str | None], str] | None:
    """``*Sept. 2023 -- Present*`` or ``*May 2024 – Aug 2024* · Seattle, WA`` → dates and
    the place after them; None when the paragraph is not a date line."""
    text = plain(block.runs)
    whole = date_range(text)
    if whole:
        return whole, ""
    for separator in (" · ", " | ", " — ", ", "):
        head, sep, tail = text.partition(separator)
        if sep and (found := date_range(head)):
            return found, escape_inline(tail.strip())
    return None


def _as_lines(block: Block, reading: Reading, what: str, *, kept_as: str) -> list[str]:
    """A list's items as lines; any other text kept as one line, with a note saying so."""
    if isinstance(block, BulletList):
        lines = []
        for item in block.items:
            for inner in item.blocks:
                if isinstance(inner, Paragraph):
                    lines.append(reading.markup(inner.runs, inner.line, what))
                else:
                    lines += _as_lines(inner, reading, what, kept_as=kept_as)
        return [line for line in lines if line]
    if isinstance(block, Paragraph):
        line = reading.markup(block.runs, block.line, what)
        if line:
            reading.note(block.line, f"{what}: {shorten(line)} kept as {kept_as}")
        return [line] if line else []
    if isinstance(block, Details):
        return [line for b in block.blocks for line in _as_lines(b, reading, what, kept_as=kept_as)]
    described = "a table" if isinstance(block, Table) else f"{getattr(block, 'what', 'text')}"
    if isinstance(block, Other) and not block.text.strip():
        return []
    reading.note(block.line, f"{what}: {described} not placed")
    return []


# ---------------------------------------------------------------- publications


def publication_starts(block: Block) -> bool:
    """A paragraph that opens with a bold title (or a link in bold)."""
    if not isinstance(block, Paragraph):
        return False
    first = next((run for run in block.runs if run.text.strip()), None)
    return first is not None and first.bold > 0


def read_publication(lines: list[tuple[int, list[Run]]], reading: Reading) -> dict[str, Any]:
    """Lines (each with its source line) of one paper: a bold title, then authors, a venue
    line (italics and links), and anything else as its note."""
    (title_line, title_runs), *rest = lines
    title = [run for run in title_runs if run.bold]
    after = title_runs[len(title) :]
    while title and not title[0].text.strip():
        title = title[1:]
    if after and plain(after).strip(" .,"):
        rest.insert(0, (title_line, after))  # "**Title**. A, B. *Venue*": one line per part
    pub: dict[str, Any] = {}
    link = _first(title, "link")
    if link:
        pub["url"] = reading.link(link.url, title_line, "title link")
    pub["title"] = escape_inline(link.text if link else plain(title))
    venue_at = next((i for i, (_, runs) in enumerate(rest) if _is_venue_line(runs)), None)
    before = rest if venue_at is None else rest[:venue_at]
    if before:
        pub["authors"] = _authors(*before[0], reading)
    if venue_at is not None:
        pub.update(_venue(*rest[venue_at], reading))
    notes = before[1:] + ([] if venue_at is None else rest[venue_at + 1 :])
    if notes:
        pub["note"] = " ".join(reading.markup(runs, at, "publication note") for at, runs in notes)
    order = ("title", "url", "authors", "status", "venue", "note", "links")
    return {key: pub[key] for key in order if pub.get(key)}


def publication_lines(blocks: list[Block]) -> list[tuple[int, list[Run]]]:
    lines: list[tuple[int, list[Run]]] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            numbers = block.line_numbers
            for index, runs in enumerate(lines_of(block.runs)):
                lines.append((numbers[min(index, len(numbers) - 1)], runs))
    return lines


def _is_venue_line(runs: list[Run]) -> bool:
    first = next((run for run in runs if run.text.strip() or run.kind == "link"), None)
    icon_link = first is not None and first.kind == "link" and first.text.startswith(":")
    return first is not None and (first.italic > 0 or icon_link)


def _authors(line: int, runs: list[Run], reading: Reading) -> list[str]:
    authors = []
    for part in split_list(runs):
        owner = any(run.underline or run.bold for run in part if run.text.strip("* "))
        link = _first(part, "link")
        if link:
            reading.note(line, f"link of author {link.text!r} not placed: {link.url}")
        text = plain(part).replace("\\*", "*")
        equal = text.startswith("*") or text.endswith("*") or _sup_star(part)
        name = text.strip("* ").strip()
        if not name:
            reading.note(line, f"an empty author in {shorten(plain(runs), 40)}")
            continue
        if owner:
            reading.owner_names.append(name)
        authors.append(name + ("*" if equal else ""))
    return authors


def _sup_star(part: list[Run]) -> bool:
    return any(
        run.kind == "html" and run.text.casefold() == "<sup>" for run in part
    ) and "*" in plain(part)


def _venue(line: int, runs: list[Run], reading: Reading) -> dict[str, Any]:
    """``*MLSys2023*&nbsp;&nbsp;[:academicons-arxiv: arXiv](url)`` → venue, status, links."""
    found: dict[str, Any] = {}
    italic = [run for run in runs if run.italic and run.kind == "text"]
    if italic:
        venue = reading.markup([_plain_run(run) for run in italic], line, "venue")
        status = next((s for s in _STATUSES if venue.casefold().startswith(s)), None)
        if status:
            found["status"] = venue[: len(status)]
            venue = venue[len(status) :].strip()
        if venue:
            found["venue"] = venue
    links = []
    for run in runs:
        if run.kind == "link":
            url = reading.link(run.url, line, "publication link")
            if url:
                links.append({"label": _link_label(run, line, reading), "url": url})
    if links:
        found["links"] = links
    rest = plain([run for run in runs if run.kind == "text" and not run.italic])
    if rest.strip(" .,|·"):
        reading.note(line, f"text in a venue line not placed: {shorten(rest)}")
    return found


def _link_label(run: Run, line: int, reading: Reading) -> str:
    text = run.text.strip()
    if text.startswith(":") and text.count(":") >= 2:
        icon, label = text[1:].split(":", 1)
        if label.strip():
            return reading.markup([Run("text", label.strip())], line, "link label")
        name = icon_name(icon)
        return LABEL_OF_ICON.get(name) or network_for_icon(name) or name.replace("-", " ").title()
    return reading.markup(run.inner, line, "link label") or "Link"


def entries_of(blocks: list[Block], level: int | None) -> tuple[list[Entry], list[Block]]:
    """Entries under headings of ``level``, or one per list item when there are none; and
    the blocks before the first entry."""
    if level is not None:
        entries: list[Entry] = []
        before: list[Block] = []
        for block in blocks:
            if isinstance(block, Heading) and block.level == level:
                entries.append(Entry(block.line, block.runs, []))
            elif entries:
                entries[-1].blocks.append(block)
            else:
                before.append(block)
        return entries, before
    items: list[Entry] = []
    rest: list[Block] = []
    for block in blocks:
        if isinstance(block, BulletList):
            items += [_item_entry(item) for item in block.items if item.blocks]
        else:
            rest.append(block)
    return items, rest


def _item_entry(item: ListItem) -> Entry:
    """A list item: its first line is the entry's head, the rest its body."""
    first, *others = item.blocks
    if not isinstance(first, Paragraph):
        return Entry(item.line, [], item.blocks)
    head, *more = lines_of(first.runs)
    body: list[Block] = []
    if more:
        runs = [run for line in more for run in (*line, Run("break", "\n"))][:-1]
        body.append(
            Paragraph(
                first.line_numbers[min(1, len(first.line_numbers) - 1)],
                runs,
                first.line_numbers[1:],
            )
        )
    return Entry(item.line, head, body + others)
