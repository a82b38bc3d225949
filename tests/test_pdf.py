"""The real PDF, read back with pypdf: pages, outline, metadata, text, fonts, paper size."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from text_sizes import text_below

from designdoc.products.document import build

STEPS = [
    "Clarifying requirements",
    "Framing the problem as an ML task",
    "Data preparation",
    "Model development",
    "Evaluation",
    "Deployment and serving",
    "Monitoring and infrastructure",
]


@pytest.fixture
def example_pdf(bundled_pdf) -> Path:  # type: ignore[no-untyped-def]
    result = bundled_pdf("video_recommendation")
    assert result.warnings == []
    assert set(result.timings) >= {"load", "validate", "figures", "html", "pdf", "write"}
    return Path(result.pdf)


def outline_titles(reader: PdfReader) -> list[object]:
    def walk(items: list[object]) -> list[object]:
        return [walk(i) if isinstance(i, list) else i.title for i in items]  # type: ignore[attr-defined]

    return walk(reader.outline)


def test_outline_holds_the_seven_steps_with_sections(example_pdf: Path):
    titles = outline_titles(PdfReader(example_pdf))
    chapters = [t for t in titles if isinstance(t, str)]
    for number, step in enumerate(STEPS, start=1):
        assert f"{number} {step}" in chapters
    assert any(isinstance(t, list) and "Serving funnel" in t for t in titles)


def test_no_text_is_printed_below_7pt(example_pdf: Path) -> None:
    """Read from the printed pages, so nested relative sizes (a field path in small print,
    code in a table's second line) and figure text at its fitted scale are all seen."""
    assert text_below(example_pdf) == []


def test_metadata_comes_from_the_spec(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(
        "designdoc: 1\n"
        "title: 'Fraud & abuse <scoring> v2'\n"
        "authors: [Ada Lovelace, Alan Turing]\n"
        "tags: [payments-risk]\n"
        "framing: {category: binary_classification}\n",
        "meta.yaml",
    )
    result = build(spec, tmp_path)
    reader = PdfReader(result.pdf)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Fraud & abuse <scoring> v2"
    assert meta.author is not None
    assert "Ada Lovelace" in meta.author and "Alan Turing" in meta.author
    keywords = meta.get("/Keywords") or ""
    assert "payments-risk" in keywords and "binary classification" in keywords
    assert result.pages == len(reader.pages) >= 1


def test_text_carries_spec_values(example_pdf: Path):
    reader = PdfReader(example_pdf)
    assert len(reader.pages) >= 10
    text = "\n".join(page.extract_text() for page in reader.pages)
    for value in ("Contents", "200ms", "Two-tower", "Back-of-the-envelope", "Page 3 of"):
        assert value in text, value


def test_a4_by_default(example_pdf: Path):
    box = PdfReader(example_pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_every_font_is_embedded(example_pdf: Path):
    reader = PdfReader(example_pdf)
    fonts = {}
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts, "no fonts found"
    assert all(fonts.values()), fonts
    assert any("Inter" in name for name in fonts)


def test_letter_on_request(tmp_path: Path, write_spec):
    spec = write_spec("designdoc: 1\ntitle: Letter\n")
    pdf = build(spec, tmp_path, paper="letter").pdf
    box = PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_failed_build_keeps_the_earlier_pdf(tmp_path: Path, write_spec, example_pdf: Path):
    out = tmp_path / "out"
    out.mkdir()
    good = out / "spec.pdf"
    shutil.copy(example_pdf, good)
    before = good.read_bytes()
    spec = write_spec("designdoc: 1\ntitle: T\nframing: {category: nonsense}\n")
    with pytest.raises(Exception, match="unknown value"):
        build(spec, out)
    assert good.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["spec.pdf"]


def test_minimal_spec_builds(tmp_path: Path, write_spec):
    pdf = build(write_spec("designdoc: 1\ntitle: Tiny\n"), tmp_path).pdf
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Nothing is specified for this step yet." in text
