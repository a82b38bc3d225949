"""The study book: one PDF, a part per spec, bookmarks nested by part, a comparison table."""

from __future__ import annotations

from pypdf import PdfReader
from typer.testing import CliRunner

from designdoc.cli.main import app
from designdoc.products.parts import prefix_ids

SPEC = """\
designdoc: 1
title: {title}
requirements:
  business_objective: Grow {title}.
  scale: {{dau: 10M, items: 5M}}
  performance: {{latency_budget: 150ms, latency_percentile: p99}}
framing:
  category: {category}
evaluation:
  offline: [{{metric: {offline}, primary: true}}]
  online: [{{metric: {online}, role: primary}}]
serving:
  stages:
    - {{id: first, name: First pass, kind: candidate_generation}}
    - {{id: second, name: Second pass, kind: ranking}}
"""


def _outline(reader: PdfReader) -> list[tuple[str, list[str]]]:
    """Top-level bookmarks with the titles of their direct children."""
    items = reader.outline
    parts: list[tuple[str, list[str]]] = []
    for item in items:
        if isinstance(item, list):
            parts[-1][1].extend(c.title for c in item if not isinstance(c, list))
        else:
            parts.append((item.title, []))
    return parts


def test_book_has_parts_nested_bookmarks_and_a_comparison(tmp_path):
    a = tmp_path / "a" / "feed.yaml"
    b = tmp_path / "b" / "feed.yaml"
    a.parent.mkdir()
    b.parent.mkdir()
    a.write_text(SPEC.format(title="Feed ranking", category="ltr", offline="nDCG", online="CTR"))
    b.write_text(
        SPEC.format(title="Spam filter", category="binary", offline="PR-AUC", online="spam reach")
    )
    target = tmp_path / "book.pdf"
    result = CliRunner().invoke(app, ["book", str(a), str(b), "-o", str(target), "--title", "Prep"])
    assert result.exit_code == 0, result.output
    reader = PdfReader(target)
    outline = _outline(reader)
    titles = [title for title, _ in outline]
    assert titles == ["The designs compared", "Feed ranking", "Spam filter"]
    for number, (_, children) in enumerate(outline[1:], start=1):
        assert f"{number}.1 Clarifying requirements" in children
        assert f"{number}.6 Deployment and serving" in children
    text = "\n".join(page.extract_text() for page in reader.pages[:3])
    assert "Contents" in text and "The designs compared" in text
    compare = next(
        p.extract_text() for p in reader.pages if "Key offline metric" in p.extract_text()
    )
    for expected in (
        "nDCG",
        "PR-AUC",
        "learning to rank",
        "binary classification",
        "150ms p99",
        "First pass → Second pass",
        "10M DAU, 5M items",
    ):
        assert expected in compare


def test_ids_and_links_get_the_part_prefix():
    html = '<h2 id="requirements-scale">S</h2><a href="#requirements-scale">x</a><a href="https://x">y</a>'
    assert prefix_ids(html, "p2-") == (
        '<h2 id="p2-requirements-scale">S</h2><a href="#p2-requirements-scale">x</a>'
        '<a href="https://x">y</a>'
    )


def test_book_of_nothing_is_an_error(tmp_path):
    result = CliRunner().invoke(app, ["book", str(tmp_path), "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code == 1
