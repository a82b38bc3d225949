"""A page audit of a typeset PDF: how full each page is, figures with their captions,
and nothing outside the margins. Read back with pypdf (a test and bench dependency).

A page counts as near-empty when its content ends above the middle of the text block,
unless it is the last page of a chapter (the next page opens a chapter, or holds a
landscape figure: those wait for the end of their chapter) or the cover, contents or a part
opener. Text positions stand for all content: WeasyPrint draws the
figures' labels as text, so a figure's extent shows too. Drawings (figures, rules, table
borders) must stay inside the margins as well: their path points are read from the page's
content. A table's rows are found in the PDF's tags: a table that runs onto another page
must bring at least `TAIL` of its body rows there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from designdoc.render.page import PAPERS

CAPTION = re.compile(r"^Figure (\d+(?:\.\d+)?)\.")  # 3, or 2.3 in a book's part 2
# A document's footer, a book's (front matter "Page iii", parts "Page 2-5"), a sheet's.
FOOTER = re.compile(r"^(Page (\d+ of \d+|[ivxlcdm]+|\d+-\d+)|designdoc \S+ · .+)$")
TOLERANCE = 2.0  # points
TAIL = 3  # body rows a table brings to its last page
CONTAINERS = (None, "/Document", "/Sect", "/NonStruct", "/Div", "/Part", "/Art")
LANDSCAPE_MARGIN_Y = 18 * 72 / 25.4  # a landscape page's top and bottom margins (document.css)


@dataclass
class PageAudit:
    pages: int = 0
    near_empty: list[str] = field(default_factory=list)
    caption_apart: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    table_tails: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [*self.near_empty, *self.caption_apart, *self.outside, *self.table_tails]


def _texts(page: Any) -> list[tuple[float, float, str]]:
    found: list[tuple[float, float, str]] = []

    def visit(text: str, cm: Any, tm: Any, _font: Any, _size: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


PAINT = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}


def _drawn(page: Any) -> tuple[float, float, float, float] | None:
    """The box (x0, y0, x1, y1) around every path point painted on a page, or None; a path
    that only clips (ended by `n`) paints nothing."""
    xs: list[float] = []
    ys: list[float] = []
    path: list[tuple[float, float]] = []

    def visit(op: bytes, args: Any, cm: Any, _tm: Any) -> None:
        if op in (b"m", b"l", b"c", b"v", b"y", b"re"):
            values = [float(a) for a in args]
            if op == b"re":
                x, y, w, h = values
                values = [x, y, x + w, y + h]
            for px, py in zip(values[::2], values[1::2], strict=True):
                path.append((px * cm[0] + py * cm[2] + cm[4], px * cm[1] + py * cm[3] + cm[5]))
        elif op in PAINT or op == b"n":
            if op != b"n":
                xs.extend(x for x, _ in path)
                ys.extend(y for _, y in path)
            path.clear()

    page.extract_text(visitor_operand_before=visit)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _rows_by_page(reader: Any) -> list[list[int]]:
    """For each tagged table, the page (0-based) of each of its body rows."""
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        return []
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    tables: list[list[int]] = []

    def page_of(node: Any) -> int | None:
        if "/Pg" in node:
            return pages.get(node.raw_get("/Pg").idnum)
        for kid in _kids(node):
            found = page_of(kid)
            if found is not None:
                return found
        return None

    last: list[list[int] | None] = [None]  # the table just before, in reading order

    def visit(node: Any) -> None:
        role = node.get("/S")
        if role == "/Table":
            rows = [n for n in map(page_of, _body_rows(node)) if n is not None]
            before = last[0]
            # WeasyPrint tags each page's part of a table apart: a table that comes right
            # after a table ending on the page before (nothing between) continues it.
            if before and rows and rows[0] == before[-1] + 1:
                before.extend(rows)
            else:
                tables.append(rows)
                last[0] = rows
            return
        if role not in CONTAINERS:
            last[0] = None
        for kid in _kids(node):
            visit(kid)

    visit(root.get_object())
    return tables


def _body_rows(table: Any) -> list[Any]:
    rows: list[Any] = []
    for group in _kids(table):
        if group.get("/S") == "/TBody":
            rows.extend(row for row in _kids(group) if row.get("/S") == "/TR")
        elif group.get("/S") == "/TR":
            rows.append(group)
    return rows


def _kids(node: Any) -> list[Any]:
    kids = node.get("/K")
    if kids is None:
        return []
    found = []
    for kid in kids if isinstance(kids, list) else [kids]:
        obj = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(obj, dict) and "/S" in obj:
            found.append(obj)
    return found


def _is_landscape(page: Any) -> bool:
    return float(page.mediabox.width) > float(page.mediabox.height)


def _starts(reader: Any) -> set[int]:
    """Pages (0-based) where a top-level outline entry (a chapter or a part) begins."""
    pages = set()
    for entry in reader.outline:
        if not isinstance(entry, list):
            pages.add(reader.get_destination_page_number(entry))
    return pages


@dataclass(frozen=True)
class Margins:
    """A page's margins in points: top, sides, bottom."""

    top: float
    x: float
    bottom: float


def document_margins(paper: str) -> tuple[Margins, Margins]:
    """A document's margins on portrait and on landscape pages (document.css)."""
    geometry = PAPERS[paper]
    return (
        Margins(geometry.margin_top, geometry.margin_x, geometry.margin_bottom),
        Margins(LANDSCAPE_MARGIN_Y, geometry.margin_x, LANDSCAPE_MARGIN_Y),
    )


def _outside(
    page: Any, body: list[tuple[float, float, str]], margins: Margins, drawings: bool
) -> str | None:
    """What on a page lies in its margins: a line of text or (if `drawings`) a drawing."""
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    right = width - margins.x
    for x, y, text in body:
        if not margins.x - TOLERANCE * 4 <= x <= right or y < margins.bottom - TOLERANCE:
            return f"'{text[:30]}' in the margin"
    drawn = _drawn(page) if drawings else None
    if drawn is not None:
        x0, y0, x1, y1 = drawn
        if (
            x0 < margins.x - TOLERANCE
            or x1 > right + TOLERANCE
            or y0 < margins.bottom - TOLERANCE
            or y1 > height - margins.top + TOLERANCE
        ):
            return f"a drawing reaches ({x0:.0f}, {y0:.0f})-({x1:.0f}, {y1:.0f}), past the margins"
    return None


def _table_tails(reader: Any) -> list[str]:
    found = []
    for index, rows in enumerate(_rows_by_page(reader)):
        if len(rows) > TAIL and len(set(rows)) > 1:
            first, last = rows.count(rows[0]), rows.count(rows[-1])
            if last < TAIL:
                found.append(f"table {index + 1}: {last} row(s) alone on page {rows[-1] + 1}")
            elif first < 2:
                found.append(f"table {index + 1}: 1 row alone on page {rows[0] + 1}")
    return found


def audit_pdf(
    path: Path | Any, paper: str = "a4", exempt: int = 2, margins: Margins | None = None
) -> PageAudit:
    """Every page problem of one PDF (a path or a pypdf reader); the first `exempt` pages
    (cover, contents) are checked for text in the margins only. `margins` replaces a
    document's own (a sheet's)."""
    from pypdf import PdfReader

    reader = path if isinstance(path, PdfReader) else PdfReader(str(path))
    portrait, landscape_margins = (margins, margins) if margins else document_margins(paper)
    starts = _starts(reader)
    audit = PageAudit(pages=len(reader.pages), table_tails=_table_tails(reader))
    dests = {
        name: reader.get_destination_page_number(dest)
        for name, dest in reader.named_destinations.items()
        if name.startswith("fig-")
    }
    caption_pages: dict[str, int] = {}
    for number, page in enumerate(reader.pages):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        landscape = width > height
        edge = landscape_margins if landscape else portrait
        texts = [t for t in _texts(page) if not FOOTER.match(t[2])]
        for _, _, text in texts:
            match = CAPTION.match(text)
            if match:
                caption_pages.setdefault(match.group(1), number)
        body = [(x, y, t) for x, y, t in texts if y < height - edge.top + TOLERANCE]
        problem = _outside(page, body, edge, drawings=number >= exempt)
        if problem:
            audit.outside.append(f"page {number + 1}: {problem}")
        if number < exempt or landscape or number + 1 in starts or number + 1 == len(reader.pages):
            continue
        if _is_landscape(reader.pages[number + 1]):
            continue  # the chapter's text ends here: a landscape figure takes the next page
        if number in starts and len(body) < 8:
            continue  # a part or chapter opener
        top = height - edge.top
        lowest = min((y for _, y, _ in body), default=top)
        if top - lowest < (top - edge.bottom) / 2:
            audit.near_empty.append(f"page {number + 1}: content ends {top - lowest:.0f} pt down")
    captioned = set(caption_pages.values())
    for figure_id, page_number in sorted(dests.items()):
        if page_number is not None and page_number not in captioned:
            audit.caption_apart.append(f"{figure_id} on page {page_number + 1}, caption apart")
    return audit
