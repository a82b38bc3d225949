"""A word as long as the loader allows breaks across lines, in linear time, inside the page."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from designdoc.products.document import build
from designdoc.spec.scalars import MAX_WORD

WORD = "x" * MAX_WORD


def _lines_of(reader: PdfReader, page: int, letter: str) -> set[float]:
    """The heights at which runs of `letter` are drawn on `page`."""
    heights: set[float] = set()

    def visit(text: str, cm: object, tm: list[float], font: object, size: object) -> None:
        if text.strip() and set(text.strip()) == {letter}:
            heights.add(round(tm[5], 1))

    reader.pages[page].extract_text(visitor_text=visit)
    return heights


def test_the_longest_word_wraps_on_the_cover_and_in_a_list(tmp_path: Path, write_spec) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(
        f"designdoc: 1\ntitle: Words\nsummary: Before {WORD} after.\n"
        f"requirements:\n  constraints: [{'y' * MAX_WORD}]\n"
    )
    result = build(spec, tmp_path / "out")
    reader = PdfReader(result.pdf)
    assert len(_lines_of(reader, 0, "x")) >= 2  # broken onto two lines or more, not cut off
    body = next(i for i, p in enumerate(reader.pages) if "yyyy" in p.extract_text())
    assert len(_lines_of(reader, body, "y")) >= 2
    text = "".join(p.extract_text() for p in reader.pages).replace("\n", "")
    assert WORD in text
