"""The size text is printed at in a PDF, read back with pypdf (font size times the text
and page transforms), to check that nothing is printed below the legibility minimum."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from pypdf import PdfReader

MINIMUM_PT = 7.0


def printed_size(cm: list[float], tm: list[float], size: float) -> float:
    """The printed height of text set at `size` under these text and page matrices."""
    a, b = cm[0] * tm[0] + cm[2] * tm[1], cm[1] * tm[0] + cm[3] * tm[1]
    c, d = cm[0] * tm[2] + cm[2] * tm[3], cm[1] * tm[2] + cm[3] * tm[3]
    return size * math.sqrt(abs(a * d - b * c))


def text_below(pdf: Path | bytes, minimum: float = MINIMUM_PT) -> list[tuple[int, float, str]]:
    """Every piece of text printed below `minimum` points: (page, size, text)."""
    import io

    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    small: list[tuple[int, float, str]] = []
    for number, page in enumerate(reader.pages, start=1):

        def visit(
            text: str, cm: Any, tm: Any, font: Any, size: float, number: int = number
        ) -> None:
            printed = printed_size(cm, tm, size)
            if text.strip() and printed < minimum - 0.01:
                small.append((number, round(printed, 2), text.strip()))

        page.extract_text(visitor_text=visit)
    return small
