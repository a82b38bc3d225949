"""Every page of every bundled document, read back: filled, each figure with its caption,
nothing in the margins, no table tail alone (`designdoc.typeset.audit`). Each bundled spec
is built on A4, one on Letter, one as a worksheet, and a study book of one (every document
on both papers, every worksheet and the book of them all are audited by
`bench/page_audit.py`). One build per test, so the builds spread over the suite's workers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SPECS

from designdoc.products.book import build_book
from designdoc.products.worksheet import build_practice
from designdoc.typeset.audit import audit_pdf

BUNDLED = sorted(path.stem for path in SPECS.glob("*.yaml"))
# Letter: a design whose figures once left a page there half empty.
LETTER = ("news_feed",)
PRACTICE = ("chat_assistant",)
BOOK = ("code_assistant",)


def test_the_sweep_covers_every_bundled_spec() -> None:
    assert len(BUNDLED) >= 16
    assert {*LETTER, *PRACTICE, *BOOK} <= set(BUNDLED)


@pytest.mark.parametrize("name", BUNDLED)
def test_every_page_of_a_bundled_document(bundled_pdf, name: str) -> None:  # type: ignore[no-untyped-def]
    result = bundled_pdf(name, "a4")
    assert result.warnings == []
    audit = audit_pdf(result.pdf, "a4")
    assert audit.pages > 3
    assert audit.problems() == []


@pytest.mark.parametrize("name", LETTER)
def test_every_page_on_letter(bundled_pdf, name: str) -> None:  # type: ignore[no-untyped-def]
    result = bundled_pdf(name, "letter")
    audit = audit_pdf(result.pdf, "letter")
    assert audit.pages > 5
    assert audit.problems() == []


@pytest.mark.parametrize("name", PRACTICE)
def test_every_page_of_a_worksheet(tmp_path: Path, name: str) -> None:
    result = build_practice(SPECS / f"{name}.yaml", tmp_path, paper="a4")
    audit = audit_pdf(result.pdf, "a4", chapter_level=2)
    assert audit.pages > 3
    assert audit.problems() == []


def test_every_page_of_a_study_book(tmp_path: Path) -> None:
    result = build_book([SPECS / f"{n}.yaml" for n in BOOK], tmp_path / "book.pdf", jobs=1)
    assert result.parts == len(BOOK) and result.warnings == []
    audit = audit_pdf(result.pdf, "a4", chapter_level=2)
    assert audit.pages > 15
    assert audit.problems() == []
