"""Filling the pages well: notice a nearly empty last page, and, when asked, tighten the
theme (spacing first, then type size) until the CV takes one page fewer.

Every step stays within the bounds the theme declares (``fit_min_spacing``,
``fit_min_leading_ratio``, ``fit_min_size_pt``); nothing is ever dropped. Knows nothing
of profiles or reportlab: it gets a function that renders the CV with a given theme.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from cvgen.theme import Theme
from cvgen.values import Value, frozen

SPARSE_SHARE = 0.15  # a last page holding less than this share of its height is "nearly empty"
_SPACING_STEPS = (0.85, 0.7, 0.55, 0.4, 0.25)  # shares of the theme's spacing, tried in order
_SIZE_STEP_PT = 0.2
_SPACE_FIELDS = ("section_space_before_pt", "heading_space_after_pt", "entry_space_pt")
_SIZE_FIELDS = ("base_size_pt", "small_size_pt", "heading_size_pt", "name_size_pt")


@frozen
class Rendered(Value):
    data: bytes
    pages: int
    last_page_used_pt: float  # from the top of the frame to the end of the content
    frame_height_pt: float

    @property
    def last_page_share(self) -> float:
        return self.last_page_used_pt / self.frame_height_pt


def sparse_last_page(rendered: Rendered) -> str | None:
    """A warning when the last of several pages is nearly empty, saying how much must go."""
    if rendered.pages < 2 or rendered.last_page_share >= SPARSE_SHARE:
        return None
    share = round(100 * rendered.last_page_share)
    used = rendered.last_page_used_pt
    fewer = rendered.pages - 1
    return (
        f"warning: the last page holds only {share}% of its height: about {used:.0f} pt"
        f" would have to go for the CV to take {fewer} page{'s' if fewer > 1 else ''}"
        " (settings.fit: pages, or --fit, tightens spacing and type within the theme's bounds)"
    )


@frozen
class Step(Value):
    spacing: float  # share of the theme's spacing
    size_pt: float  # body text size


def fit_steps(theme: Theme) -> list[Step]:
    """From the gentlest change to the strongest: spacing down to its floor, then the
    text size in small steps down to the theme's minimum, never below either."""
    floor = theme.fit_min_spacing
    spacings = [s for s in _SPACING_STEPS if s > floor] + [floor]
    steps = [Step(s, theme.base_size_pt) for s in spacings if s < 1]
    size = theme.base_size_pt
    while round(size - _SIZE_STEP_PT, 2) >= theme.fit_min_size_pt:
        size = round(size - _SIZE_STEP_PT, 2)
        steps.append(Step(floor, size))
    return steps


def tightened(theme: Theme, step: Step) -> Theme:
    """The theme with spacing, line spacing and every type size scaled by ``step``."""
    updates: dict[str, Any] = {
        name: round(getattr(theme, name) * step.spacing, 2) for name in _SPACE_FIELDS
    }
    floor = theme.fit_min_spacing
    lowest = min(theme.fit_min_leading_ratio, theme.leading_ratio)
    eased = (1 - step.spacing) / (1 - floor) if floor < 1 else 0.0
    updates["leading_ratio"] = round(
        theme.leading_ratio - eased * (theme.leading_ratio - lowest), 3
    )
    scale = step.size_pt / theme.base_size_pt
    for name in _SIZE_FIELDS:
        updates[name] = round(getattr(theme, name) * scale, 2)
    return replace(theme, **updates)


@frozen
class Fitted(Value):
    rendered: Rendered
    theme: Theme
    note: str  # what changed, for the user


def fit_pages(
    render: Callable[[Theme], Rendered], theme: Theme, first: Rendered, target_pages: int
) -> Fitted | None:
    """The gentlest step that lays the CV out in ``target_pages`` or fewer; None if even
    the strongest step the theme allows does not. Binary search over the steps (more
    tightening never adds a page), so a fit costs a handful of layouts."""
    steps = fit_steps(theme)
    if not steps:
        return None
    results: dict[int, Rendered] = {}

    def fits(index: int) -> bool:
        if index not in results:
            results[index] = render(tightened(theme, steps[index]))
        return results[index].pages <= target_pages

    if not fits(len(steps) - 1):
        return None
    low, high = 0, len(steps) - 1  # steps[high] fits
    while low < high:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle + 1
    chosen = tightened(theme, steps[high])
    return Fitted(results[high], chosen, _note(theme, chosen, first.pages, results[high].pages))


def _note(before: Theme, after: Theme, pages_before: int, pages_after: int) -> str:
    changes = [
        f"spacing {round(100 * after.entry_space_pt / before.entry_space_pt)}%"
        if before.entry_space_pt
        else "spacing tightened",
        f"line spacing {after.leading_ratio:g} (was {before.leading_ratio:g})",
    ]
    if after.base_size_pt != before.base_size_pt:
        changes.append(f"text {after.base_size_pt:g} pt (was {before.base_size_pt:g} pt)")
    return f"fit: {pages_before} pages → {pages_after}: " + ", ".join(changes)


def cannot_fit(theme: Theme, pages: int, target_pages: int) -> str:
    return (
        f"warning: fit: cannot lay the CV out in {target_pages} page(s) within the theme's"
        f" bounds (spacing down to {round(100 * theme.fit_min_spacing)}%, line spacing"
        f" {theme.fit_min_leading_ratio:g}, text {theme.fit_min_size_pt:g} pt); it keeps its"
        f" {pages} pages"
    )
