"""A page audit of a typeset PDF: how full each page is, figures with their captions,
and nothing outside the margins. Read back with pypdf (a test and bench dependency).

A page counts as near-empty when its content ends above the middle of the text block,
unless it is the last page of a chapter (the next page opens a chapter) or the cover,
contents or a part opener. Text positions stand for all content: WeasyPrint draws the
figures' labels as text, so a figure's extent shows too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from designdoc.render.page import PAPERS

CAPTION = re.compile(r"^Figure (\d+(?:\.\d+)?)\.")  # 3, or 2.3 in a book's part 2
FOOTER = re.compile(r"^Page \d+ of \d+$")
TOLERANCE = 2.0  # points


@dataclass
class PageAudit:
    pages: int = 0
    near_empty: list[str] = field(default_factory=list)
    caption_apart: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def _texts(page: Any) -> list[tuple[float, float, str]]:
    found: list[tuple[float, float, str]] = []

    def visit(text: str, cm: Any, tm: Any, _font: Any, _size: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def _starts(reader: Any) -> set[int]:
    """Pages (0-based) where a top-level outline entry (a chapter or a part) begins."""
    pages = set()
    for entry in reader.outline:
        if not isinstance(entry, list):
            pages.add(reader.get_destination_page_number(entry))
    return pages


def audit_pdf(path: Path, paper: str = "a4", exempt: int = 2) -> PageAudit:
    """Every page problem of one PDF; the first `exempt` pages (cover, contents) are
    checked for margins only."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    geometry = PAPERS[paper]
    starts = _starts(reader)
    audit = PageAudit(pages=len(reader.pages))
    dests = {
        name: reader.get_destination_page_number(dest)
        for name, dest in reader.named_destinations.items()
        if name.startswith("fig-")
    }
    caption_pages: dict[str, int] = {}
    for number, page in enumerate(reader.pages):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        landscape = width > height
        texts = [t for t in _texts(page) if not FOOTER.match(t[2])]
        for _, _, text in texts:
            match = CAPTION.match(text)
            if match:
                caption_pages.setdefault(match.group(1), number)
        body = [(x, y, t) for x, y, t in texts if y < height - geometry.margin_top + TOLERANCE]
        for x, y, text in body:
            if x < geometry.margin_x - TOLERANCE * 4 or y < geometry.margin_bottom - TOLERANCE:
                audit.outside.append(f"page {number + 1}: '{text[:30]}' in the margin")
                break
        if number < exempt or landscape or number + 1 in starts or number + 1 == len(reader.pages):
            continue
        if number in starts and len(body) < 8:
            continue  # a part or chapter opener
        top = height - geometry.margin_top
        block = top - geometry.margin_bottom
        lowest = min((y for _, y, _ in body), default=top)
        if top - lowest < block / 2:
            audit.near_empty.append(f"page {number + 1}: content ends {top - lowest:.0f} pt down")
    captioned = set(caption_pages.values())
    for figure_id, page_number in sorted(dests.items()):
        if page_number is not None and page_number not in captioned:
            audit.caption_apart.append(f"{figure_id} on page {page_number + 1}, caption apart")
    return audit
