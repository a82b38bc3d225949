"""Figures that float: a figure that does not fit the rest of a page waits while the text
runs on.

WeasyPrint keeps a figure whole (`break-inside: avoid`) but never defers it: a figure taller
than what is left of a page jumps to the next page and leaves the rest of this one empty.
So the document is laid out, and each figure that opens a page after a page of its chapter
left more than 45% empty (`EMPTY`) is moved later in its chapter, after the blocks that fill the
gap (never past another figure, so the numbers stay in page order), and the document is
laid out again, at most `PASSES` times in all. A moved figure's mention names its page.
"""

from __future__ import annotations

import copy
import math
import re
import time
from dataclasses import dataclass
from itertools import pairwise
from typing import Any
from xml.etree import ElementTree

PASSES = 5
# A page this much empty moves the figure after it: a little under the half the page audit
# allows, since the audit reads where the text ends and a table's last border sits lower.
EMPTY = 0.45
HEADINGS = ("h1", "h2", "h3", "h4")
_MENTION = re.compile(r"^(Figure \d+)(\s.*)?$", re.DOTALL)


@dataclass(frozen=True)
class Block:
    """One piece of a chapter's direct child on one page (a split block has several)."""

    element: Any
    top: float
    bottom: float
    height: float  # with its margins
    splittable: bool


@dataclass(frozen=True)
class PageFill:
    """A page's chapter (None on the cover, the contents, a part opener), its text area and
    the chapter's blocks on it, top to bottom."""

    chapter: Any
    top: float
    bottom: float
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Move:
    """Take `figure` out of `parent` and put it into `chapter` after `after`."""

    figure: Any
    parent: Any
    chapter: Any
    after: Any


def _classes(element: Any) -> list[str]:
    return str(element.get("class") or "").split()


def _chapter_box(box: Any, depth: int = 0) -> Any:
    for child in getattr(box, "children", ()):
        element = getattr(child, "element", None)
        if element is None or child.element_tag in ("img", "svg"):
            continue
        if child.element_tag == "section" and "chapter" in _classes(element):
            return child
        if depth < 6 and hasattr(child, "children") and not type(child).__name__.startswith("Line"):
            found = _chapter_box(child, depth + 1)
            if found is not None:
                return found
    return None


def _splittable(box: Any) -> bool:
    """Whether a block can break across pages: not kept whole, not a grid, not a table too
    short to split (its first two and last three rows stay together)."""
    if box.style["break_inside"] in ("avoid", "avoid-page") or "grid" in box.style["display"]:
        return False
    return box.element_tag != "table" or len(box.element.findall("tbody/tr")) >= 5


def page_fills(document: Any) -> list[PageFill]:
    """For each laid-out page, its chapter and the chapter's blocks with their positions."""
    fills = []
    for page in document.pages:
        page_box = page._page_box
        top = page_box.content_box_y()
        bottom = top + page_box.height
        chapter = _chapter_box(page_box)
        blocks = []
        for child in getattr(chapter, "children", ()):
            if child.element is None or child.element is chapter.element:
                continue  # anonymous boxes around the chapter's loose text
            start = child.position_y + child.margin_top
            blocks.append(
                Block(
                    child.element,
                    start,
                    start + child.border_height(),
                    child.margin_height(),
                    _splittable(child),
                )
            )
        fills.append(
            PageFill(None if chapter is None else chapter.element, top, bottom, tuple(blocks))
        )
    return fills


def is_figure(element: Any) -> bool:
    """A figure, or a figure with its mention (`figure-block`): what must not be passed."""
    return element.tag == "figure" or "figure-block" in _classes(element)


def _movable(element: Any) -> tuple[Any, Any] | None:
    """The portrait figure an element is or holds, with its parent; None for a landscape
    figure (it has a page of its own) or anything else."""
    if element.tag == "figure":
        return None if "figure-landscape" in _classes(element) else (element, None)
    if "figure-block" in _classes(element):
        figure = element.find("figure")
        if figure is not None and "figure-landscape" not in _classes(figure):
            return figure, element
    return None


def _after(
    chapter: Any, start: Any, need: float, heights: dict[int, float], splits: set[int]
) -> Any:
    """The last of the blocks after `start` that together fill `need` points, or None.

    Never past another figure, never right after a heading, and not onto a block that
    cannot split and would overflow (it would jump as well)."""
    siblings = list(chapter)
    taken, target = 0.0, None
    for element in siblings[siblings.index(start) + 1 :]:
        if is_figure(element):
            break
        height = heights.get(id(element), 0.0)
        if element.tag not in HEADINGS:
            if target is not None and id(element) not in splits and taken + height > need:
                break
            target = element
        taken += height
        if taken >= need and element.tag not in HEADINGS:
            break
    return target


def plan(fills: list[PageFill]) -> list[Move]:
    """The figures to move: each one that opens a page (after its headings) when the page
    before, in the same chapter, is more than half empty."""
    heights: dict[int, float] = {}
    splits: set[int] = set()
    for fill in fills:
        for block in fill.blocks:
            heights[id(block.element)] = heights.get(id(block.element), 0.0) + block.height
            if block.splittable:
                splits.add(id(block.element))
    moves = []
    for before, page in pairwise(fills):
        if page.chapter is None or page.chapter is not before.chapter or not before.blocks:
            continue
        lead = list(page.blocks)
        while lead and lead[0].element.tag in HEADINGS:
            lead.pop(0)
        free = before.bottom - max(block.bottom for block in before.blocks)
        if not lead or free <= (before.bottom - before.top) * EMPTY:
            continue
        found = _movable(lead[0].element)
        if found is None:
            continue
        figure, parent = found
        need = free - sum(b.height for b in page.blocks[: len(page.blocks) - len(lead)])
        after = _after(page.chapter, lead[0].element, need, heights, splits)
        if after is not None:
            moves.append(Move(figure, parent, page.chapter, after))
    return moves


def _name_the_page(block: Any, figure: Any) -> None:
    """'Figure 3 shows...' -> 'Figure 3 (page 9) shows...' in a figure-block's mention."""
    mention = block.find("p")
    if mention is None or mention.find("a") is not None:
        return
    match = _MENTION.match(mention.text or "")
    if match is None:
        return
    link = ElementTree.Element("a", {"class": "page-ref", "href": f"#{figure.get('id')}"})
    mention.text = f"{match.group(1)} ("
    link.tail = ")" + (match.group(2) or "")
    mention.insert(0, link)


def apply(moves: list[Move]) -> None:
    """Move each figure in the HTML tree after the blocks chosen for it."""
    for move in moves:
        if move.parent is None:
            move.chapter.remove(move.figure)
        else:
            move.parent.remove(move.figure)
            _name_the_page(move.parent, move.figure)
        siblings = list(move.chapter)
        move.chapter.insert(siblings.index(move.after) + 1, move.figure)


def _rewrapped(html: Any) -> Any:
    """A WeasyPrint HTML document over its own tree after that tree was changed: the
    selector wrapper caches the tree's structure, so it is made anew (no parsing again)."""
    import cssselect2  # type: ignore[import-untyped]

    fresh = copy.copy(html)
    fresh.wrapper_element = cssselect2.ElementWrapper.from_html_root(
        html.etree_element, content_language=None
    )
    fresh.etree_element = fresh.wrapper_element.etree_element
    return fresh


def lay_out_floating(html: Any, deadline: float = math.inf) -> tuple[Any, int]:
    """The layout of `html` (a WeasyPrint HTML) with its figures floated, and how many
    layouts it took. The passes share one image cache; no pass starts that would likely
    end after `deadline` (a `time.monotonic()` value): the last layout is kept instead."""
    cache: dict[str, Any] = {}
    for number in range(1, PASSES + 1):
        start = time.monotonic()
        document = html.render(cache=cache)
        took = time.monotonic() - start
        moves = plan(page_fills(document)) if number < PASSES else []
        if not moves or time.monotonic() + took > deadline:
            break
        apply(moves)
        html = _rewrapped(html)
    return document, number
