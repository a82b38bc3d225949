"""A word as long as the loader allows breaks across lines, in linear time, inside the page."""

from __future__ import annotations

from pathlib import Path

from pdf_tools import assert_readable_by_qpdf_and_poppler
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
    poppler = assert_readable_by_qpdf_and_poppler(result.pdf)
    assert poppler.count("x") >= len(WORD)  # poppler reads the whole word, line by line


STAGE = "candidate_generation_with_a_very_long_identifier_name_abcdef"  # 60 characters


def _words(pdf: Path, page: int) -> list[tuple[float, float, float, str]]:
    """(xMin, xMax, yMin, word) of each word poppler finds on `page` (1-based), y downwards."""
    import re
    import shutil
    import subprocess

    import pytest

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; make test installs it")
    run = [shutil.which("pdftotext") or "", "-bbox", "-f", str(page), "-l", str(page)]
    html = subprocess.run([*run, str(pdf), "-"], capture_output=True, text=True, check=True)
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<', html.stdout
    )
    return [(float(a), float(b), float(y), w) for a, y, b, w in found]


def test_a_long_stage_name_wraps_inside_the_estimates_inputs_column(
    tmp_path: Path, write_spec
) -> None:  # type: ignore[no-untyped-def]
    assert len(STAGE) == 60
    spec = write_spec(
        "designdoc: 1\ntitle: Long stage\nrequirements:\n"
        "  scale: {dau: 10M, requests_per_user_per_day: 5, items: 1M}\n"
        "  performance: {latency_budget: 200ms}\nserving:\n  stages:\n"
        f"    - {{id: {STAGE}, kind: candidate_generation, items_in: 1M, items_out: 1k,"
        " latency: 40ms}\n"
        "    - {id: ranking, kind: ranking, items_in: 1k, items_out: 50, latency: 100ms}\n"
    )
    result = build(spec, tmp_path / "out", review=True)
    assert STAGE[:30] in assert_readable_by_qpdf_and_poppler(result.pdf).replace("\n", "")
    reader = PdfReader(result.pdf)
    page = next(i for i, p in enumerate(reader.pages) if "Result" in p.extract_text())
    runs: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: object) -> None:
        if text.strip():
            runs.append((cm[0] * tm[4] + cm[4], text))

    reader.pages[page].extract_text(visitor_text=visit)
    inputs_x = next(x for x, t in runs if t == "Inputs")
    result_x = next(x for x, t in runs if t == "Result")
    pieces = [
        (x, t) for x, t in runs if t.strip(" =") and t.strip(" =") in STAGE and x > inputs_x - 5
    ]
    assert len(pieces) >= 2, runs  # the name is broken over lines in the Inputs column
    assert "".join(t.strip() for _, t in pieces).startswith(STAGE)
    assert all(inputs_x - 5 < x < result_x for x, _ in pieces)
    # and no word of the table's Inputs column runs into its Result column (poppler's boxes)
    words = _words(result.pdf, page + 1)
    left, top = next((a, y) for a, _, y, w in words if w == "Result")
    bottom = next(y for _, _, y, w in words if w == "Inputs" and y > top)  # "Inputs come from"
    column = [(b, w) for a, b, y, w in words if inputs_x - 5 < a < left - 20 and top < y < bottom]
    assert any(w.startswith(STAGE[:20]) for _, w in column)
    assert all(b < left for b, _ in column), [w for b, w in column if b >= left]
