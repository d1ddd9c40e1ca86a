"""What a homepage import has gathered, and the small readers its parts share: inline
content to our markup, links, dates, lists of names. Linear code only: ``str`` methods and
patterns without nested repetition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cvgen.dates import read_date
from cvgen.formats.contract import Notes
from cvgen.formats.markdown_page import (
    Block,
    BulletList,
    Details,
    Heading,
    Other,
    Paragraph,
    Run,
    Table,
    plain,
)
from cvgen.inline import escape_inline
from cvgen.overrides import PathKey

_ICON = re.compile(r":(?:fontawesome|academicons|material|octicons|simple)-[\w-]+:")
_RANGE_SEPARATORS = (" -- ", "--", " – ", "–", " — ", "—", " - ", " to ", " until ")
_TITLES = ("Assoc. Prof.", "Asst. Prof.", "Prof.", "Professor", "Dr.")
_LIST_SEPARATORS = (", and ", ",", " and ", " & ")


@dataclass
class Reading:
    """An import in progress: profile data so far, notes, and where entries came from."""

    file: Path
    notes: Notes
    person: dict[str, Any] = field(default_factory=dict)
    news: list[dict[str, Any]] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    owner_names: list[str] = field(default_factory=list)
    lines: dict[PathKey, int] = field(default_factory=dict)

    def note(self, line: int | None, message: str) -> None:
        self.notes.add(message, line=line)

    def link(self, url: str, line: int | None, what: str) -> str | None:
        return self.notes.link(url, what=what, line=line, instead="kept as text, not a link")

    def image(self, src: str, line: int | None, what: str) -> str | None:
        return self.notes.local_image(src, base_dir=self.file.parent, what=what, line=line)

    def markup(self, runs: list[Run] | tuple[Run, ...], line: int | None, what: str) -> str:
        """Inline runs as our markup (``**``, ``*``, ``<u>``, ``[text](url)``); icons, HTML
        tags and images are left out with one note each kind."""
        dropped: dict[str, list[str]] = {}
        pieces = self._pieces(runs, line, what, dropped)
        for kind, found in dropped.items():
            self.note(line, f"{what}: {kind} {' '.join(dict.fromkeys(found))} left out")
        return _joined(pieces)

    def _pieces(
        self,
        runs: list[Run] | tuple[Run, ...],
        line: int | None,
        what: str,
        dropped: dict[str, list[str]],
    ) -> list[tuple[str, tuple[bool, bool, bool]]]:
        pieces: list[tuple[str, tuple[bool, bool, bool]]] = []
        after_image = False
        for run in runs:
            style = (run.bold > 0, run.italic > 0, run.underline > 0)
            if run.kind == "text":
                text = run.text
                if after_image and text.lstrip().startswith("{") and "}" in text:
                    text = text[text.find("}") + 1 :]  # MkDocs' { align=right } styling
                icons = _ICON.findall(text)
                if icons:
                    dropped.setdefault("icon", []).extend(icons)
                    text = _ICON.sub("", text)
                pieces.append((escape_inline(text), style))
            elif run.kind == "link":
                inner = _joined(self._pieces(run.inner, line, what, dropped))
                url = self.link(run.url, line, f"link in {what}")
                pieces.append((f"[{inner}]({url})" if url and inner else inner, style))
            elif run.kind == "image":
                dropped.setdefault("image", []).append(run.url)
            elif run.kind == "html":
                dropped.setdefault("HTML tag", []).append(run.text)
            else:
                pieces.append((" ", (False, False, False)))
            after_image = run.kind == "image"
        return pieces


def _joined(pieces: list[tuple[str, tuple[bool, bool, bool]]]) -> str:
    """Pieces of equal style merged, then wrapped; spaces stay outside the markers."""
    merged: list[tuple[str, tuple[bool, bool, bool]]] = []
    for text, style in pieces:
        if merged and (merged[-1][1] == style or not text.strip()):
            merged[-1] = (merged[-1][0] + text, merged[-1][1])
        else:
            merged.append((text, style))
    out = []
    for text, (bold, italic, underline) in merged:
        core = " ".join(text.split())
        if core:
            core = f"**{core}**" if bold else core
            core = f"*{core}*" if italic else core
            core = f"<u>{core}</u>" if underline else core
        lead = " " if text[:1].isspace() else ""
        trail = " " if text[-1:].isspace() and core else ""
        out.append(lead + core + trail)
    return " ".join("".join(out).split())


def shorten(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


# ---------------------------------------------------------------- dates


def date_range(text: str) -> tuple[str | None, str | None] | None:
    """``Sept. 2023 -- Present``, ``2019–2021``, ``2021`` → (start, end); None otherwise."""
    cleaned = text.strip().strip("*_()[] ").strip()
    if not cleaned:
        return None
    single = read_date(cleaned)
    if single is not None:
        return str(single), None
    for separator in (*_RANGE_SEPARATORS, "-"):
        at = cleaned.find(separator)
        if at < 0:
            continue
        left, right = cleaned[:at].strip(), cleaned[at + len(separator) :].strip()
        start, end = read_date(left) if left else None, read_date(right) if right else None
        if (left and start is None) or (right and end is None) or not (start or end):
            continue
        return (str(start) if start else None, str(end) if end else None)
    return None


def dates_in(text: str) -> tuple[tuple[str | None, str | None] | None, str]:
    """A date range at the start or end of ``text`` (``(2019 -- 2021)``, ``, 2021``,
    ``2021:``) and the text without it."""
    whole = date_range(text)
    if whole:
        return whole, ""
    if text.lstrip().startswith("[") and "]" in text:  # "[May 2024] Paper accepted."
        inside, _, after = text.lstrip()[1:].partition("]")
        found = date_range(inside)
        if found:
            return found, after.strip()
    stripped = text.rstrip().rstrip(".")
    if stripped.endswith(")") and "(" in stripped:
        opening = stripped.rfind("(")
        found = date_range(stripped[opening + 1 : -1])
        if found:
            return found, stripped[:opening].strip()
    # Of every split at a separator, the one whose date part is longest: in
    # "Role, Org, 2020 – 2022" that is "2020 – 2022", not "2022".
    best: tuple[int, tuple[str | None, str | None], str] | None = None
    for separator in (":", " · ", " | ", " — ", " – ", " - ", ","):
        head, sep, tail = text.partition(separator)
        if sep and (found := date_range(head)) and (best is None or len(head) > best[0]):
            best = (len(head), found, tail.strip())
        head, sep, tail = stripped.rpartition(separator)
        if sep and (found := date_range(tail)) and (best is None or len(tail) > best[0]):
            best = (len(tail), found, head.strip())
    return (best[1], best[2]) if best else (None, text)


def with_dates(entry: dict[str, Any], dates: tuple[str | None, str | None]) -> None:
    start, end = dates
    if start:
        entry["start"] = start
    if end:
        entry["end"] = end


# ---------------------------------------------------------------- lists of names


def split_list(runs: list[Run] | tuple[Run, ...]) -> list[list[Run]]:
    """``A, B and C`` → parts, never splitting inside a link or across ``<u>`` styling."""
    parts: list[list[Run]] = [[]]
    for run in runs:
        if run.kind != "text" or run.underline:
            parts[-1].append(run)
            continue
        for index, piece in enumerate(_split_text(run.text)):
            if index:
                parts.append([])
            if piece:
                parts[-1].append(Run("text", piece, bold=run.bold, italic=run.italic))
    return [part for part in parts if plain(part) or any(r.kind == "link" for r in part)]


def _split_text(text: str) -> list[str]:
    pieces = [text]
    for separator in _LIST_SEPARATORS:
        pieces = [part for piece in pieces for part in piece.split(separator)]
    return pieces


def advisors(
    runs: list[Run] | tuple[Run, ...], reading: Reading, line: int
) -> list[dict[str, Any]]:
    """``Prof. [Jinyang Li](url) and Dr. B`` → title, name, url for each."""
    found = []
    for part in split_list(runs):
        link = next((run for run in part if run.kind == "link"), None)
        text = plain(part)
        title = next((t for t in _TITLES if text.startswith(t + " ")), "")
        name = link.text if link else text[len(title) :].strip()
        if not name:
            continue
        advisor: dict[str, Any] = {"title": title, "name": name}
        if link:
            advisor["url"] = reading.link(link.url, line, "advisor link")
            after = text[text.find(link.text) + len(link.text) :].strip() if link.text else ""
            if after:
                reading.note(line, f"text after advisor {name!r} not placed: {shorten(after)}")
        found.append({key: value for key, value in advisor.items() if value})
    return found


def advised_split(runs: list[Run]) -> tuple[list[Run], list[Run]] | None:
    """Runs before and after ``advised by`` / ``advisor:`` / ``supervised by``, if present."""
    for index, run in enumerate(runs):
        if run.kind != "text":
            continue
        folded = run.text.casefold()
        for phrase in ("advised by", "advisors:", "advisor:", "supervised by", "supervisor:"):
            at = folded.find(phrase)
            if at >= 0:
                before = run.text[:at].rstrip().rstrip(",;").rstrip()
                after = run.text[at + len(phrase) :]
                head = runs[:index] + ([_restyled(run, before)] if before else [])
                tail = ([_restyled(run, after)] if after.strip() else []) + runs[index + 1 :]
                return head, tail
    return None


def _restyled(run: Run, text: str) -> Run:
    return Run(run.kind, text, run.url, run.bold, run.italic, run.underline, run.inner)


# ---------------------------------------------------------------- blocks not placed


def not_placed(block: Block, where: str, reading: Reading) -> None:
    text = block_text(block)
    if text:
        reading.note(block.line, f"text {where} not placed: {shorten(text)}")


def block_text(block: Block) -> str:
    if isinstance(block, (Paragraph, Heading)):
        return plain(block.runs)
    if isinstance(block, BulletList):
        return " ".join(block_text(b) for item in block.items for b in item.blocks)
    if isinstance(block, Details):
        return " ".join([block.summary, *(block_text(b) for b in block.blocks)]).strip()
    if isinstance(block, Table):
        return " | ".join(plain(cell) for row in block.rows for cell in row)
    if isinstance(block, Other):
        return visible_html(block.text) if block.what == "HTML" else block.text
    return ""


def visible_html(text: str) -> str:
    """What an HTML block shows as text (tags gone); an ``<img>`` counts as something."""
    out, pos = [], 0
    while (start := text.find("<", pos)) >= 0 and (end := text.find(">", start)) >= 0:
        out.append(text[pos:start])
        if text[start + 1 : start + 4].casefold() == "img":
            out.append(" [image] ")
        pos = end + 1
    out.append(text[pos:])
    return " ".join("".join(out).split())
