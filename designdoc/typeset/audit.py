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
CAPTION_LINES = 36.0  # points a figure's caption may run below its first line
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


PATH = {b"m", b"l", b"c", b"v", b"y", b"re"}
PAINT = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}


def _drawn(page: Any) -> tuple[float, float, float, float] | None:
    """The box (x0, y0, x1, y1) around everything painted on a page, or None; a path that
    only clips (ended by `n`) paints nothing. Curves count by the points they pass through,
    not by their control points, which can lie far outside the curve."""
    path: list[tuple[float, float]] = []  # in the path's own coordinates
    painted: list[tuple[float, float]] = []  # on the page

    def visit(op: bytes, args: Any, cm: Any, _tm: Any) -> None:
        values = [float(a) for a in args] if op in PATH else []
        if op in (b"m", b"l"):
            path.append((values[0], values[1]))
        elif op == b"re":
            x, y, w, h = values
            path.extend([(x, y), (x + w, y + h)])
        elif op in (b"c", b"v", b"y") and path:
            start = path[-1]
            if op == b"c":
                c1, c2, end = (values[0], values[1]), (values[2], values[3]), (values[4], values[5])
            elif op == b"v":
                c1, c2, end = start, (values[0], values[1]), (values[2], values[3])
            else:
                c1, c2, end = (values[0], values[1]), (values[2], values[3]), (values[2], values[3])
            path.extend(_curve(start, c1, c2, end))
        elif op in PAINT or op == b"n":
            if op != b"n":
                for px, py in path:
                    painted.append(
                        (px * cm[0] + py * cm[2] + cm[4], px * cm[1] + py * cm[3] + cm[5])
                    )
            path.clear()

    page.extract_text(visitor_operand_before=visit)
    xs, ys = [x for x, _ in painted], [y for _, y in painted]
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _curve(
    p0: tuple[float, float],
    p1: tuple[float, float],
    p2: tuple[float, float],
    p3: tuple[float, float],
) -> list[tuple[float, float]]:
    """Points along a cubic Bézier curve, its end included."""
    points = []
    for step in range(1, 17):
        t = step / 16
        u = 1 - t
        a, b, c, d = u**3, 3 * u * u * t, 3 * u * t * t, t**3
        points.append(
            (
                a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
            )
        )
    return points


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


def _starts(reader: Any, depth: int = 1) -> set[int]:
    """Pages (0-based) where an outline entry `depth` levels deep or less begins."""
    pages = set()

    def visit(entries: list[Any], level: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                if level < depth:
                    visit(entry, level + 1)
            else:
                pages.add(reader.get_destination_page_number(entry))

    visit(reader.outline, 1)
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


def _figures_only(reader: Any, number: int, starts: set[int]) -> bool:
    """Whether page `number` ends its chapter with a figure: nothing below its last caption
    but the caption's own lines, and the next page opens a chapter (or there is none). The
    page before then holds the end of the chapter's text: the figure could not fit there,
    and the floats have already run the text on past it."""
    following = number + 1
    if following < len(reader.pages) and following not in starts:
        return False
    page = reader.pages[number]
    texts = [t for t in _texts(page) if not FOOTER.match(t[2])]
    captions = [y for _, y, text in texts if CAPTION.match(text)]
    if not captions:
        return False
    lowest_caption = min(captions)
    return all(y >= lowest_caption - CAPTION_LINES for _, y, _ in texts)


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
    path: Path | Any,
    paper: str = "a4",
    exempt: int = 2,
    margins: Margins | None = None,
    *,
    chapter_level: int = 1,
) -> PageAudit:
    """Every page problem of one PDF (a path or a pypdf reader); the first `exempt` pages
        (cover, contents) are checked for text in the margins only. `margins` replaces a
        document's own (a sheet's). `chapter_level` is the outline level of the chapters, which
    begin on a page of their own: 2 in a book (under its parts) and in a worksheet (its
    answers, under their appendix)."""
    from pypdf import PdfReader

    reader = path if isinstance(path, PdfReader) else PdfReader(str(path))
    portrait, landscape_margins = (margins, margins) if margins else document_margins(paper)
    starts = _starts(reader, chapter_level)
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
        if _figures_only(reader, number + 1, starts):
            continue  # the chapter's text ends here: its last figures take the next page
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
