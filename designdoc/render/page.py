"""Page geometry shared by the stylesheet and the figure fitting rules (points, 72 per inch)."""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4


@dataclass(frozen=True)
class PageSize:
    name: str
    width: float  # points, portrait
    height: float
    margin_x: float = 20 * MM
    margin_top: float = 24 * MM
    margin_bottom: float = 22 * MM

    @property
    def css_size(self) -> str:
        return "A4" if self.name == "a4" else "letter"

    def text_block(self, landscape: bool = False) -> tuple[float, float]:
        """Width and height of the text block, in points."""
        width, height = (self.height, self.width) if landscape else (self.width, self.height)
        return width - 2 * self.margin_x, height - self.margin_top - self.margin_bottom


A4 = PageSize("a4", 210 * MM, 297 * MM)
LETTER = PageSize("letter", 8.5 * 72, 11 * 72)
PAPERS = {"a4": A4, "letter": LETTER}
MIN_FIGURE_TEXT_PT = 7.0
# A figure on a text page shares it with a caption and some text; keep that much room.
FIGURE_MAX_HEIGHT_SHARE = 0.8
