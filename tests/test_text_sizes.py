"""Nothing is printed below 7 pt: every absolute font size the print stylesheets set, the
sheet's densities, and the sheet's relative sizes (its root may be at the minimum).

Relative sizes elsewhere (0.88em code in a table) depend on where they nest, so they are
checked where they are printed: the document's and the sheets' PDFs are read back in
test_pdf, test_themes and test_sheet, and the figures' text at its fitted scale in
test_figures_fit. (WeasyPrint does not take max(7pt, 0.88em) as a font size.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import tinycss2
from text_sizes import MINIMUM_PT, printed_size

from designdoc.products.sheet import DENSITIES

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Screen-only styles (the live preview's overlay, the HTML page on screen) are sized in px
# for a reader who can zoom; the HTML prints with the document's print stylesheet.
SCREEN = {"preview", "web"}
PRINT_CSS = sorted(
    p for p in TEMPLATES.rglob("*.css") if not SCREEN & set(p.relative_to(TEMPLATES).parts)
)
TO_PT = {"pt": 1.0, "px": 0.75, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pc": 12.0}


def font_sizes(css: str) -> list[list[tinycss2.ast.Node]]:
    """The value of every font-size declaration in a stylesheet, @media and @page included."""
    found: list[list[tinycss2.ast.Node]] = []

    def declarations(content: list[tinycss2.ast.Node]) -> None:
        for item in tinycss2.parse_blocks_contents(content, skip_whitespace=True):
            if item.type == "declaration" and item.lower_name == "font-size":
                found.append([t for t in item.value if t.type != "whitespace"])
            elif item.type == "qualified-rule" or (
                item.type == "at-rule" and item.content is not None
            ):
                declarations(item.content)

    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        if rule.type in ("qualified-rule", "at-rule") and rule.content is not None:
            declarations(rule.content)
    return found


def problem(value: list[tinycss2.ast.Node], root_at_minimum: bool = True) -> str | None:
    """Why a font-size value may print below the minimum, or None when it cannot.
    A relative size below 1em is a problem only where the root may be at the minimum."""
    text = tinycss2.serialize(value)
    if len(value) != 1:
        return f"{text}: not one value"
    token = value[0]
    if token.type == "dimension" and token.lower_unit in TO_PT:
        size = token.value * TO_PT[token.lower_unit]
        return None if size >= MINIMUM_PT else f"{text} is {size:.2f} pt"
    if token.type in ("dimension", "percentage"):
        factor = token.value / 100 if token.type == "percentage" else token.value
        if token.type == "dimension" and token.lower_unit not in ("em", "rem"):
            return f"{text}: unit not checked"
        if factor >= 1 or not root_at_minimum:
            return None
        return f"{text} shrinks text that may already be at {MINIMUM_PT:g} pt"
    return f"{text}: a size that is not checked"


@pytest.mark.parametrize("path", PRINT_CSS, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_print_stylesheet_sets_text_below_7pt(path: Path) -> None:
    at_minimum = path.relative_to(TEMPLATES) == Path("sheet/sheet.css")
    sizes = font_sizes(path.read_text("utf-8"))
    assert [p for v in sizes if (p := problem(v, at_minimum))] == []


def test_the_check_finds_small_sizes() -> None:
    found = [
        problem(v)
        for v in font_sizes(
            ".a { font-size: 6.7pt } @media print { .b { font-size: 0.88em } }"
            " .c { font-size: 8px } .d { font-size: 90% } .e { font-size: smaller }"
        )
    ]
    assert all(found), found
    fine = [
        problem(v)
        for v in font_sizes(".a { font-size: 7pt } .b { font-size: 2.5mm } .c { font-size: 1.2em }")
    ]
    assert fine == [None, None, None]
    assert problem(font_sizes(".b { font-size: 0.88em }")[0], root_at_minimum=False) is None


def test_bundled_print_stylesheets_are_all_checked() -> None:
    names = {str(p.relative_to(TEMPLATES)) for p in PRINT_CSS}
    assert {"document/document.css", "sheet/sheet.css", "book/book.css"} <= names
    assert any(name.startswith("themes/") for name in names)


def test_the_sheet_never_sets_its_text_below_7pt() -> None:
    assert min(d.font_pt for d in DENSITIES) >= MINIMUM_PT


def test_printed_size_follows_the_transforms() -> None:
    identity = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    assert printed_size(identity, identity, 8.0) == 8.0
    scaled = [0.75, 0.0, 0.0, -0.75, 0.0, 842.0]  # points to px, y flipped
    assert printed_size(scaled, identity, 9.0) == pytest.approx(6.75)
