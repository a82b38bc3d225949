"""The study book typeset part by part in worker processes, then joined: numbers and links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_book import SPEC

from designdoc.products.book import build_book


@pytest.fixture(scope="module")
def specs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("specs")
    a, b = folder / "feed.yaml", folder / "spam.yaml"
    a.write_text(SPEC.format(title="Feed ranking", category="ltr", offline="nDCG", online="CTR"))
    b.write_text(SPEC.format(title="Spam filter", category="binary", offline="AUC", online="reach"))
    return [a, b]


@pytest.fixture(scope="module")
def books(specs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[int, PdfReader]:
    out = tmp_path_factory.mktemp("books")
    made = {}
    for jobs in (1, 2):
        result = build_book(specs, out / f"book-{jobs}.pdf", title="Prep", jobs=jobs)
        assert result.parts == 2 and result.warnings == []
        made[jobs] = PdfReader(result.pdf)
    return made


def test_pages_are_numbered_per_part_and_labelled_to_match(books: dict[int, PdfReader]) -> None:
    reader = books[2]
    labels = reader.page_labels
    front = labels.index("1-1")
    assert labels[:front] == ["i", "ii", "iii"][:front] and front >= 2
    for index, label in enumerate(labels[1:], start=1):  # every page after the cover
        text = reader.pages[index].extract_text()
        assert text.rstrip().endswith(f"Page {label}"), (label, text[-60:])
    opener = labels.index("2-1")
    assert "PART 2" in reader.pages[opener].extract_text()
    assert reader.pages[opener + 1].extract_text().startswith("2.1  Clarifying requirements")


def test_contents_numbers_and_links_lead_to_the_headings(books: dict[int, PdfReader]) -> None:
    reader = books[2]
    labels = reader.page_labels
    destinations = reader.named_destinations
    contents = reader.pages[1].extract_text()
    checked = set()
    for annotation in reader.pages[1].get("/Annots") or []:
        name = str(annotation.get_object().get("/Dest"))
        if name == "compare":
            continue
        page = reader.get_destination_page_number(destinations[name])
        heading = reader.pages[page].extract_text()
        if name.endswith("-requirements"):
            part = name[1 : name.index("-")]
            assert labels[page] == f"{part}-2"
            assert heading.startswith(f"{part}.1  Clarifying requirements")
            assert f"{part}.1  Clarifying requirements" in contents
            assert f"{part}-2" in contents.split(f"{part}.1  Clarifying requirements", 1)[1][:200]
            checked.add(name)
    assert checked == {"p1-requirements", "p2-requirements"}


def test_contents_headings_and_figures_share_one_numbering(books: dict[int, PdfReader]) -> None:
    """Per part: chapter 2.1 in the contents and on the page, Figure 2.1 in the caption and
    in the text that mentions it, numbered from 1 in every part; pages 2-1, 2-2..."""
    reader = books[2]
    labels = reader.page_labels
    contents = " ".join(reader.pages[1].extract_text().split())
    for part in (1, 2):
        pages = [p for i, p in enumerate(reader.pages) if labels[i].startswith(f"{part}-")]
        text = " ".join(" ".join(p.extract_text() for p in pages).split())
        for number, title in (
            ("1", "Clarifying requirements"),
            ("6", "Deployment and serving"),
            ("A", "Review"),
        ):
            assert f"{part}.{number} {title}" in contents
            assert f"{part}.{number} {title}" in text
        captions = re.findall(r"Figure (\d+(?:\.\d+)?)\. ", text)
        assert captions and captions == [f"{part}.{n}" for n in range(1, len(captions) + 1)]
        mentions = re.findall(r"Figure (\S+) (?:\(\S+\) )?shows", text)
        assert mentions and set(mentions) <= set(captions)
        assert not re.search(r"(?<![\d.])\d (Clarifying|Deployment)", text), "a bare chapter number"


def test_one_worker_and_two_make_the_same_book(books: dict[int, PdfReader]) -> None:
    one, two = books[1], books[2]
    assert one.page_labels == two.page_labels
    assert [p.extract_text() for p in one.pages] == [p.extract_text() for p in two.pages]
    assert [o.title for o in one.outline if not isinstance(o, list)] == [
        "The designs compared",
        "Feed ranking",
        "Spam filter",
    ]
    assert one.metadata["/Title"] == "Prep"
