"""The bundled Inter's real metrics, read with fontTools: advance widths, ink and line height.

Graphviz measures labels with the same font through Pango; these numbers let designdoc set
line height and margins from the font itself, and let the figure audit check a drawn label
against its shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from designdoc.files.resources import fonts_dir

FILES = {False: "Inter-Regular.otf", True: "Inter-Bold.otf"}


@dataclass(frozen=True)
class Ink:
    """A run of text's extent in points: advance width, and ink above and below the baseline."""

    width: float
    above: float
    below: float


@cache
def _font(bold: bool) -> Any:
    from fontTools.ttLib import TTFont

    return TTFont(str(fonts_dir() / FILES[bold]), lazy=True)


@cache
def _units(bold: bool) -> int:
    return int(_font(bold)["head"].unitsPerEm)


@cache
def _glyph(bold: bool, char: str) -> tuple[int, float, float]:
    """(advance, top, bottom) of one character in font units; a missing glyph reads as 'M'."""
    from fontTools.pens.boundsPen import BoundsPen

    font = _font(bold)
    name = font.getBestCmap().get(ord(char)) or font.getBestCmap()[ord("M")]
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[name].draw(pen)
    advance = int(font["hmtx"][name][0])
    if pen.bounds is None:  # a space
        return advance, 0.0, 0.0
    return advance, float(pen.bounds[3]), float(pen.bounds[1])


def ink(text: str, size: float, bold: bool = False) -> Ink:
    """How wide a run of text is (sum of advances, no kerning: never narrower than drawn)
    and how far its glyphs reach above and below the baseline."""
    scale = size / _units(bold)
    glyphs = [_glyph(bold, c) for c in text] or [(0, 0.0, 0.0)]
    return Ink(
        width=sum(g[0] for g in glyphs) * scale,
        above=max(g[1] for g in glyphs) * scale,
        below=-min(g[2] for g in glyphs) * scale,
    )


def line_height(size: float) -> float:
    """The font's own line height at `size`: ascender plus descender (hhea)."""
    hhea = _font(False)["hhea"]
    return float(hhea.ascent - hhea.descent) * size / _units(False)


def ascender(size: float) -> float:
    """How far the tallest glyphs of the font (accents aside) reach above the baseline."""
    return float(_font(False)["hhea"].ascent) * size / _units(False)
