"""A Markdown page as blocks with their source lines, read with markdown-it-py.

What a reader of the rendered page sees is what comes out: HTML comments are removed before
parsing (a commented-out line is never content), ``<details>`` blocks and MkDocs'
``???``/``!!!`` boxes become ``Details`` blocks holding their parsed content, and links
whose target has spaces (Python-Markdown, hence MkDocs, accepts ``[CV](my cv.pdf)``) are
links. Everything here is linear in the page's length: ``str.find`` and bounded scans, no
backtracking patterns.

The API: ``read_page(text) -> Page`` (blocks, the line each starts on, the ``cvgen:`` region
each line sat in, and problems such as an unclosed comment), the block and ``Run`` types,
and ``lines_of(runs)`` / ``plain(runs)`` to take inline content apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from cvgen.values import Value, frozen

_MAX_SPACED_TARGET = 2048  # a bounded scan keeps a page of unclosed '(' linear
_FENCES = ("```", "~~~")
# Boxes in boxes: each level reads its content again, and Python's stack is finite. Real
# pages nest two or three; deeper ones are read as the plain Markdown they also are.
MAX_BOX_DEPTH = 16


@frozen
class Run(Value):
    """A piece of inline content with the styles around it; a link carries its inner runs."""

    kind: Literal["text", "link", "image", "html", "break"]
    text: str = ""  # text; a link's visible text; an image's alt; the HTML tag
    url: str = ""  # a link's href, an image's src
    bold: int = 0  # how deep in each style: ***a *b* c*** nests italics
    italic: int = 0
    underline: int = 0
    inner: tuple[Run, ...] = ()  # a link's own runs


@dataclass
class Block:
    line: int


@dataclass
class Heading(Block):
    level: int
    runs: list[Run]


@dataclass
class Paragraph(Block):
    runs: list[Run]
    line_numbers: list[int]  # the source line of each of its lines


@dataclass
class ListItem(Block):
    blocks: list[Block]


@dataclass
class BulletList(Block):
    items: list[ListItem]


@dataclass
class Details(Block):
    summary: str
    blocks: list[Block]


@dataclass
class Table(Block):
    rows: list[list[list[Run]]]  # header row first


@dataclass
class Other(Block):
    """Something a profile has no place for: code, raw HTML, a quote."""

    what: str
    text: str


@dataclass
class Page:
    blocks: list[Block]
    regions: dict[int, str] = field(default_factory=dict)  # source line → cvgen region
    unclosed_front_matter: bool = False
    problems: list[tuple[int, str]] = field(default_factory=list)
    marker_problems: list[tuple[int, str]] = field(default_factory=list)


Numbered = list[tuple[int, str]]  # (source line, text)


def read_page(text: str) -> Page:
    """The page's blocks; front matter (page settings) and comments are not content."""
    lines = list(enumerate(text.splitlines(), start=1))
    page = Page([])
    lines = _without_front_matter(lines, page)
    if page.unclosed_front_matter:  # the whole page is settings: nothing to parse
        return page
    visible = _without_comments(lines, page)
    page.blocks = _blocks_of(visible, page)
    return page


def _without_front_matter(lines: Numbered, page: Page) -> Numbered:
    if not lines or lines[0][1].strip() != "---":
        return lines
    for index, (_, text) in enumerate(lines[1:], start=1):
        if text.strip() in ("---", "..."):
            return lines[index + 1 :]
    page.unclosed_front_matter = True
    return lines


def _without_comments(lines: Numbered, page: Page) -> Numbered:
    """Lines with every ``<!-- ... -->`` removed; a line that was only a comment goes
    entirely, so removing it never splits a paragraph or a list. Fenced code is kept."""
    kept: Numbered = []
    in_comment_since: int | None = None
    fence: str | None = None
    region: str | None = None
    for number, line in lines:
        stripped = line.lstrip()
        if in_comment_since is None and (fence or stripped.startswith(_FENCES)):
            marker = stripped[:3]
            fence = None if fence == marker else (fence or marker)
            kept.append((number, line))
            continue
        visible, in_comment_since, bodies = _cut_comments(line, number, in_comment_since)
        for body in bodies:
            region = _marker_region(body, number, region, page)
        if region:
            page.regions[number] = region
        if visible.strip() or not line.strip():
            kept.append((number, visible))
    if in_comment_since is not None:
        page.problems.append(
            (in_comment_since, "an HTML comment ('<!--') is never closed: the rest is hidden")
        )
    return kept


def _cut_comments(
    line: str, number: int, open_since: int | None
) -> tuple[str, int | None, list[str]]:
    """The line's visible text, whether a comment is still open after it, and the text of
    each comment that ends on it."""
    visible: list[str] = []
    bodies: list[str] = []
    pos = 0
    while pos <= len(line):
        if open_since is not None:
            end = line.find("-->", pos)
            if end < 0:
                return "".join(visible), open_since, bodies
            bodies.append(line[pos:end])
            open_since, pos = None, end + 3
            visible.append(" ")
            continue
        start = line.find("<!--", pos)
        if start < 0:
            visible.append(line[pos:])
            break
        visible.append(line[pos:start])
        open_since, pos = number, start + 4
    return "".join(visible), open_since, bodies


def _marker_region(body: str, line: int, region: str | None, page: Page) -> str | None:
    words = body.split()
    if not words or not words[0].startswith("cvgen:"):
        return region
    command = [words[0].removeprefix("cvgen:"), *words[1:]]
    if command[:1] == ["begin"] and len(command) == 2:
        return command[1]
    if command == ["end"]:
        return None
    page.marker_problems.append((line, f"unknown cvgen marker {' '.join(words)!r} ignored"))
    return region


# ---------------------------------------------------------------- <details> and ??? boxes


def _blocks_of(lines: Numbered, page: Page, level: int = 0) -> list[Block]:
    """Markdown between boxes is parsed as it stands; each box's content on its own."""
    blocks: list[Block] = []
    plain: Numbered = []
    index = 0
    while index < len(lines):
        number, text = lines[index]
        box = _box_at(lines, index, page, level)
        if box is None:
            plain.append((number, text))
            index += 1
            continue
        details, index = box
        blocks += _parsed(plain)
        plain = []
        blocks.append(details)
    return blocks + _parsed(plain)


def _box_at(lines: Numbered, index: int, page: Page, level: int) -> tuple[Details, int] | None:
    number, text = lines[index]
    stripped = text.strip()
    details = stripped.casefold().startswith("<details")
    admonition = stripped.startswith(("???", "!!!")) and len(stripped) > 3
    if (details or admonition) and level >= MAX_BOX_DEPTH:
        if not any("nested more than" in problem for _, problem in page.problems):
            page.problems.append(
                (number, f"boxes nested more than {MAX_BOX_DEPTH} deep: this one is plain text")
            )
        return None
    if details:
        return _details(lines, index, page, level)
    if admonition:
        return _admonition(lines, index, page, level)
    return None


def _details(lines: Numbered, index: int, page: Page, level: int) -> tuple[Details, int]:
    """``<details>`` up to its matching ``</details>``; the summary may share a line with it."""
    number = lines[index][0]
    rest = lines[index][1].strip()
    rest = rest[rest.find(">") + 1 :] if ">" in rest else ""
    body: Numbered = [(number, rest)] if rest.strip() else []
    depth, index = 1, index + 1
    while index < len(lines) and depth:
        line_number, text = lines[index]
        folded = text.casefold()
        depth += folded.count("<details") - folded.count("</details>")
        if depth <= 0:
            close = folded.rfind("</details>")
            before = text[:close]
            if before.strip():
                body.append((line_number, before))
        else:
            body.append((line_number, text))
        index += 1
    if depth > 0:
        page.problems.append((number, "'<details>' is never closed by '</details>'"))
    summary, body = _summary(body)
    return Details(number, summary, _blocks_of(body, page, level + 1)), index


def _summary(body: Numbered) -> tuple[str, Numbered]:
    for position, (number, text) in enumerate(body[:3]):
        folded = text.casefold()
        start, end = folded.find("<summary"), folded.find("</summary>")
        if start >= 0 and end > start:
            inner = text[text.find(">", start) + 1 : end]
            after = text[end + len("</summary>") :]
            remaining = [(number, after)] if after.strip() else []
            return _tagless(inner), body[:position] + remaining + body[position + 1 :]
    return "", body


def _tagless(text: str) -> str:
    """Text without ``<tags>``; a linear scan."""
    out: list[str] = []
    pos = 0
    while (start := text.find("<", pos)) >= 0:
        end = text.find(">", start)
        if end < 0:
            break
        out.append(text[pos:start])
        pos = end + 1
    out.append(text[pos:])
    return " ".join("".join(out).split())


def _admonition(lines: Numbered, index: int, page: Page, level: int) -> tuple[Details, int]:
    """MkDocs' ``??? note "News"`` / ``!!! note`` and their indented content."""
    number, text = lines[index]
    head = text.strip()[3:].lstrip("+").strip()
    kind, _, title = head.partition(" ")
    summary = title.strip().strip('"').strip() if title.strip() else kind.strip().capitalize()
    body: Numbered = []
    index += 1
    while index < len(lines):
        line_number, line = lines[index]
        if line.strip() and not line.startswith(("    ", "\t")):
            break
        body.append((line_number, line[4:] if line.startswith("    ") else line[1:]))
        index += 1
    return Details(number, summary, _blocks_of(body, page, level + 1)), index


# ---------------------------------------------------------------- markdown-it


class _PageMarkdown(MarkdownIt):
    """Every link is a link, its target as typed: the one link check (cvgen.links, through
    Notes.link) decides later what a CV may carry."""

    def validateLink(self, url: str) -> bool:
        return True

    def normalizeLink(self, url: str) -> str:
        return url


@cache
def _markdown() -> MarkdownIt:
    md = _PageMarkdown("commonmark", {"html": True}).enable("table")
    md.inline.ruler.after("link", "spaced_link", _spaced_link)
    md.inline.ruler.after("image", "spaced_image", _spaced_image)
    return md


def _spaced_link(state: StateInline, silent: bool) -> bool:
    return _spaced_target(state, silent, image=False)


def _spaced_image(state: StateInline, silent: bool) -> bool:
    return _spaced_target(state, silent, image=True)


def _spaced_target(state: StateInline, silent: bool, *, image: bool) -> bool:
    """``[text](a target with spaces "title")``, as Python-Markdown reads it; runs only
    where CommonMark's own rule found no link."""
    start = state.pos + (1 if image else 0)
    if (image and state.src[state.pos] != "!") or state.src[start : start + 1] != "[":
        return False
    # A cheap bounded look for "](" and a ')' after it first: most '[' are no such link.
    near = state.src.find("](", start, start + _MAX_SPACED_TARGET)
    if near < 0 or state.src.find(")", near, near + _MAX_SPACED_TARGET) < 0:
        return False
    label_end = state.md.helpers.parseLinkLabel(state, start, not image)
    if label_end < 0 or state.src[label_end + 1 : label_end + 2] != "(":
        return False
    limit = min(state.posMax, label_end + 2 + _MAX_SPACED_TARGET)
    close = state.src.find(")", label_end + 2, limit)
    inside = state.src[label_end + 2 : close] if close >= 0 else ""
    target, title = _target_and_title(inside)
    if close < 0 or "\n" in inside or " " not in target:
        return False
    if not silent:
        if image:
            token = state.push("image", "img", 0)
            token.attrs = {"src": target}
            token.content = state.src[start + 1 : label_end]
            token.children = []
        else:
            old_max = state.posMax
            state.pos, state.posMax = start + 1, label_end
            token = state.push("link_open", "a", 1)
            token.attrs = {"href": target}
            state.linkLevel += 1
            state.md.inline.tokenize(state)
            state.linkLevel -= 1
            state.push("link_close", "a", -1)
            state.posMax = old_max
        if title:
            token.attrSet("title", title)
    state.pos = close + 1
    return True


def _target_and_title(inside: str) -> tuple[str, str]:
    text = inside.strip()
    if text.endswith('"'):
        opening = text.rfind(' "', 0, len(text) - 1)
        if opening > 0:
            return text[:opening].strip(), text[opening + 2 : -1]
    return text, ""


def _parsed(lines: Numbered) -> list[Block]:
    if not any(text.strip() for _, text in lines):
        return []
    source = "\n".join(text for _, text in lines) + "\n"
    numbers = [number for number, _ in lines]
    tokens = _markdown().parse(source)
    blocks, _ = _read_blocks(tokens, 0, numbers, closing=None)
    return blocks


def _source_line(token: Token, numbers: list[int]) -> int:
    start = token.map[0] if token.map else 0
    return numbers[min(start, len(numbers) - 1)]


def _read_blocks(
    tokens: list[Token], index: int, numbers: list[int], *, closing: str | None
) -> tuple[list[Block], int]:
    """Blocks from ``tokens[index:]`` up to the ``closing`` token type (or the end)."""
    blocks: list[Block] = []
    while index < len(tokens):
        token = tokens[index]
        if token.type == closing:
            return blocks, index + 1
        block, index = _read_block(tokens, index, numbers)
        if block is not None:
            blocks.append(block)
    return blocks, index


def _read_block(tokens: list[Token], index: int, numbers: list[int]) -> tuple[Block | None, int]:
    token = tokens[index]
    line = _source_line(token, numbers)
    kind = token.type
    if kind == "heading_open":
        runs = inline_runs(tokens[index + 1])
        return Heading(line, int(token.tag[1:]), runs), index + 3
    if kind == "paragraph_open":
        inline = tokens[index + 1]
        first = token.map[0] if token.map else 0
        count = inline.content.count("\n") + 1
        lines = [numbers[min(first + k, len(numbers) - 1)] for k in range(count)]
        return Paragraph(line, inline_runs(inline), lines), index + 3
    if kind in ("bullet_list_open", "ordered_list_open"):
        return _read_list(tokens, index, numbers, kind.replace("_open", "_close"))
    if kind == "blockquote_open":
        inner, index = _read_blocks(tokens, index + 1, numbers, closing="blockquote_close")
        return Details(line, "", inner) if inner else None, index  # a quote: its content
    if kind == "table_open":
        return _read_table(tokens, index, numbers)
    if kind in ("fence", "code_block"):
        return Other(line, "code block", token.content), index + 1
    if kind == "html_block":
        return Other(line, "HTML", token.content), index + 1
    return None, index + 1  # hr and closing tokens of what was read


def _read_list(
    tokens: list[Token], index: int, numbers: list[int], closing: str
) -> tuple[Block, int]:
    line = _source_line(tokens[index], numbers)
    items: list[ListItem] = []
    index += 1
    while tokens[index].type != closing:
        item_line = _source_line(tokens[index], numbers)
        blocks, index = _read_blocks(tokens, index + 1, numbers, closing="list_item_close")
        items.append(ListItem(item_line, blocks))
    return BulletList(line, items), index + 1


def _read_table(tokens: list[Token], index: int, numbers: list[int]) -> tuple[Block, int]:
    line = _source_line(tokens[index], numbers)
    rows: list[list[list[Run]]] = []
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(inline_runs(token))
        index += 1
    return Table(line, rows), index + 1


# ---------------------------------------------------------------- inline content


def inline_runs(inline: Token) -> list[Run]:
    """An inline token's children as runs; ``<u>`` and the emphasis around each run are
    flags on it, a link holds its own runs."""
    runs: list[Run] = []
    stack: list[list[Run]] = [runs]
    links: list[str] = []
    style = {"bold": 0, "italic": 0, "underline": 0}
    for child in inline.children or []:
        kind = child.type
        bold, italic, underline = (max(0, style[name]) for name in ("bold", "italic", "underline"))
        if kind in ("strong_open", "strong_close", "em_open", "em_close"):
            name = "bold" if kind.startswith("strong") else "italic"
            style[name] += 1 if kind.endswith("open") else -1
        elif kind == "link_open":
            links.append(str(child.attrs.get("href", "")))
            stack.append([])
        elif kind == "link_close" and links:
            inner = stack.pop()
            text = plain(inner)
            run = Run("link", text, links.pop(), bold, italic, underline, tuple(inner))
            stack[-1].append(run)
        elif kind in ("text", "code_inline") and child.content:
            stack[-1].append(Run("text", child.content, "", bold, italic, underline))
        elif kind in ("softbreak", "hardbreak"):
            stack[-1].append(Run("break", "\n"))
        elif kind == "image":
            stack[-1].append(Run("image", child.content, str(child.attrs.get("src", ""))))
        elif kind == "html_inline":
            tag = child.content.strip().casefold()
            if tag in ("<u>", "</u>"):
                style["underline"] += 1 if tag == "<u>" else -1
            elif tag.startswith(("<br", "</br")):
                stack[-1].append(Run("break", "\n"))
            else:
                stack[-1].append(Run("html", child.content, "", bold, italic, underline))
    while len(stack) > 1:  # an unclosed link cannot happen in markdown-it's output
        inner = stack.pop()
        stack[-1].extend(inner)
    return runs


def plain(runs: list[Run] | tuple[Run, ...]) -> str:
    """The visible text of the runs, spaces collapsed."""
    parts = [run.text for run in runs if run.kind in ("text", "link", "break")]
    return " ".join("".join(parts).split())


def lines_of(runs: list[Run]) -> list[list[Run]]:
    """The runs split at line breaks (soft or hard)."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        if run.kind == "break":
            lines.append([])
        else:
            lines[-1].append(run)
    return [line for line in lines if line]
