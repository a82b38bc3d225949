"""Pages that waste no paper, figures with their captions, and an accessible PDF.

Bundled documents are typeset and read back with pypdf (`designdoc.typeset.audit`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from designdoc import build


@pytest.fixture
def fraud_pdf(bundled_pdf) -> Path:  # type: ignore[no-untyped-def]
    """A design with split and landscape figures (the page sweep audits every document)."""
    return Path(bundled_pdf("fraud_detection").pdf)


def test_a_landscape_figure_waits_for_the_end_of_its_chapter(fraud_pdf: Path) -> None:
    pdf = fraud_pdf
    texts = [page.extract_text() for page in PdfReader(str(pdf)).pages]
    mention = next(i for i, t in enumerate(texts) if "shows the ML lifecycle" in t)
    assert "Infrastructure" in texts[mention]  # the chapter's text runs on past the mention
    assert "(page " in texts[mention]
    caption = next(i for i, t in enumerate(texts) if "Figure 7." in t or "lifecycle as" in t)
    assert caption > mention


def test_the_pdf_is_tagged_with_a_language(fraud_pdf: Path) -> None:
    root = PdfReader(str(fraud_pdf)).trailer["/Root"]
    assert root["/Lang"] == "en" and root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root


def test_a_pdf_ua_variant_says_so_in_its_metadata(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec("designdoc: 1\ntitle: Tiny\n")
    ua = build(spec, tmp_path, pdf_variant="pdf/ua-1").pdf
    metadata = PdfReader(str(ua)).trailer["/Root"]["/Metadata"].get_data()
    assert b"pdfuaid" in metadata
