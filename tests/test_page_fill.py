"""Pages that waste no paper: the page audit itself (`designdoc.typeset.audit`), figures
that float and table tails kept together. `bench/page_audit.py` runs the audit over every
bundled document.
"""

from __future__ import annotations

from pathlib import Path

import weasyprint
from pypdf import PdfReader

from designdoc.files.resources import templates_dir
from designdoc.render.html import stylesheet_uris
from designdoc.typeset.audit import audit_pdf
from designdoc.typeset.fetcher import RestrictedFetcher
from designdoc.typeset.floats import lay_out_floating
from designdoc.typeset.pdf import pdf_bytes, typeset

LINES = "".join(
    f"<p>Line {n} of a chapter's running text, long enough to read.</p>" for n in range(8)
)
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}">'
    '<rect x="1" y="1" width="{w1}" height="{h1}" fill="none" stroke="black"/></svg>'
)


def _page(body: str, css: str = "") -> str:
    links = "".join(f'<link rel="stylesheet" href="{uri}">' for uri in _sheets())
    return (
        f'<html lang="en"><head>{links}<style>@page {{ size: A4; }} {css}</style></head>'
        f"<body><div>Cover</div><div style='break-before: page'>Contents</div>{body}</body></html>"
    )


def _sheets() -> list[str]:
    return stylesheet_uris("document/document.css")


def _chapter(title: str, inner: str) -> str:
    return f'<section class="chapter"><h1 class="chapter-title">{title}</h1>{inner}</section>'


def _figure(number: int, height: int, style: str = "") -> str:
    svg = SVG.format(w=400, h=height, w1=398, h1=height - 2)
    return (
        f'<div class="figure-block"><p class="figure-ref">Figure {number} shows a box.</p>'
        f'<figure class="figure" id="fig-box-{number}" style="{style}">{svg}'
        f"<figcaption><strong>Figure {number}.</strong> A box.</figcaption></figure></div>"
    )


def _rows(count: int, height: int = 0) -> str:
    style = f' style="height: {height}pt"' if height else ""
    body = "".join(
        f"<tr{style}><td>row {n}</td><td>value {n}</td></tr>" for n in range(1, count + 1)
    )
    return (
        f"<table><thead><tr><th>Name</th><th>Value</th></tr></thead><tbody>{body}</tbody></table>"
    )


# A block that leaves room below it for a table's header and five of its six rows.
TAIL_OF_ONE = '<div style="height: 300pt">Spacer</div>' + _rows(6, height=60)


def test_a_table_brings_three_rows_to_its_last_page(tmp_path: Path) -> None:
    pdf = _write(tmp_path, _page(_chapter("One", TAIL_OF_ONE + LINES)))
    pages = [page.extract_text() for page in PdfReader(str(pdf)).pages]
    last = next(text for text in reversed(pages) if "row " in text)
    assert last.count("row ") == 3 and "Name" in last  # the header repeats
    assert audit_pdf(pdf, "a4").table_tails == []


def _write(tmp_path: Path, html: str) -> Path:
    pdf = tmp_path / "audited.pdf"
    pdf.write_bytes(typeset(html, tmp_path).pdf)
    return pdf


def test_a_clean_document_passes_the_audit(tmp_path: Path) -> None:
    body = _chapter("One", LINES * 3 + _figure(1, 200) + _rows(6) + LINES * 3) + _chapter(
        "Two", LINES
    )
    assert audit_pdf(_write(tmp_path, _page(body)), "a4").problems() == []


def test_the_audit_finds_each_problem_put_in(tmp_path: Path) -> None:
    """A deliberately broken document: a page left near-empty mid-chapter, a caption torn
    from its figure, a drawing and a line of text in the margin, a table's last row alone."""
    broken = (
        ".cut { break-before: page; } figure.torn figcaption { break-before: page; }"
        " .wide { margin-left: -30mm; } .low { position: absolute; bottom: -15mm; }"
        " tbody tr { break-before: auto !important; break-after: auto !important; }"
    )
    body = _chapter(
        "One",
        LINES
        + '<p class="cut">After a forced break: the page before is near-empty.</p>'
        + _figure(1, 150).replace('class="figure"', 'class="figure torn"')
        + '<div class="wide cut">'
        + SVG.format(w=700, h=60, w1=698, h1=58)
        + "</div>"
        + LINES,
    )
    body += _chapter("Two", TAIL_OF_ONE + LINES)
    body += _chapter("Three", LINES + '<p class="low">Text in the bottom margin.</p>')
    audit = audit_pdf(_write(tmp_path, _page(body, broken)), "a4")
    assert any("content ends" in p for p in audit.near_empty), audit
    assert [p.split(" on ")[0] for p in audit.caption_apart] == ["fig-box-1"], audit
    assert any("a drawing reaches" in p for p in audit.outside), audit
    assert any("Text in the bottom" in p for p in audit.outside), audit
    assert any("1 row(s) alone" in p for p in audit.table_tails), audit


def test_a_figure_that_does_not_fit_waits_while_the_text_runs_on(tmp_path: Path) -> None:
    # Text fills a third of the page, then a figure taller than the rest: without a float
    # the figure jumps and the page is left two thirds empty.
    body = _chapter("One", LINES * 2 + _figure(1, 700) + LINES * 6 + _figure(2, 100) + LINES)
    html = _page(body)
    fetcher = RestrictedFetcher(templates_dir(), tmp_path, theme=None, bundled=templates_dir())
    document, layouts = lay_out_floating(
        weasyprint.HTML(string=html, base_url=tmp_path.as_uri() + "/", url_fetcher=fetcher)
    )
    assert layouts == 2
    pdf = tmp_path / "floated.pdf"
    pdf.write_bytes(pdf_bytes(document))
    audit = audit_pdf(pdf, "a4")
    assert audit.problems() == []
    texts = [page.extract_text() for page in PdfReader(str(pdf)).pages]
    mention = next(i for i, t in enumerate(texts) if "Figure 1 (page" in t)
    assert "Line 7" in texts[mention].split("Figure 1 (page")[1]  # the text ran on after it
    figure = next(i for i, t in enumerate(texts) if "Figure 1. A box." in t)
    assert figure == mention + 1 and f"Figure 1 (page {figure + 1})" in texts[mention]
    second = next(i for i, t in enumerate(texts) if "Figure 2. A box." in t)
    assert second >= figure  # the numbers stay in page order
