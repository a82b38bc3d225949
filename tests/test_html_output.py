"""`build --format html`: one self-contained page, strict HTML, nothing fetched, text inert."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest
from chromium import chromium, requested_urls

HOSTILE = """designdoc: 1
title: "<script>alert('t')</script> Evil & co"
summary: |
  <img src="http://example.invalid/x.png" onerror="alert(1)"> [click](javascript:alert(2))
  ![pic](http://example.invalid/p.png) </style><style>body{display:none}</style>
requirements:
  business_objective: "**Bold** and `<b>code</b>` | pipe # hash"
  clarifications:
    - {question: "Q | with pipe <iframe src=x>", answer: "A\\n- not a list"}
"""


def build(spec: Path, out: Path, formats: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "designdoc",
            "build",
            str(spec),
            "-o",
            str(out),
            "--format",
            formats,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def example_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html")
    spec = Path(__file__).parent.parent / "specs" / "video_recommendation.yaml"
    result = build(spec, out, "html")
    assert result.returncode == 0, result.stderr
    return out / "video_recommendation.html"


def strict_parse(path: Path):  # type: ignore[no-untyped-def]
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(path.read_bytes())


def test_html_parses_strictly_and_refers_to_nothing_outside(example_html: Path) -> None:
    tree = strict_parse(example_html)  # raises on any parse error
    refs = [
        (el.tag, attr, el.get(attr))
        for el in tree.iter()
        for attr in ("src", "href")
        if el.get(attr) is not None
    ]
    assert refs, "the page has figures and contents links"
    outside = [r for r in refs if not (r[2].startswith("#") or r[2].startswith("data:"))]
    assert outside == []
    ids = {el.get("id") for el in tree.iter() if el.get("id")}
    links = [r[2][1:] for r in refs if r[2].startswith("#")]
    assert links and all(link in ids for link in links), "every contents link has its target"
    styles = "".join(el.text or "" for el in tree.iter("style"))
    assert all(u.startswith("data:font/") for u in re.findall(r'url\(\s*"?([^")]*)', styles))
    assert [el for el in tree.iter("link") if el.get("rel") == "stylesheet"] == []
    assert tree.findall(".//script") == []


def test_html_has_the_pdfs_chapters_figures_estimates_and_review(
    example_html: Path, tmp_path: Path
) -> None:
    tree = strict_parse(example_html)
    text = " ".join(tree.itertext())
    chapter_titles = [
        "".join(h.itertext()).split(None, 1)[-1]
        for h in tree.iter("h1")
        if "chapter-title" in (h.get("class") or "")
    ]
    assert chapter_titles[:7] == [
        "Clarifying requirements",
        "Framing the problem as an ML task",
        "Data preparation",
        "Model development",
        "Evaluation",
        "Deployment and serving",
        "Monitoring and infrastructure",
    ]
    assert "Review" in chapter_titles
    figures = tree.findall(".//figure")
    assert len(figures) == _figure_count(tmp_path) >= 4
    for n, figure in enumerate(figures, start=1):
        assert figure.find("img").get("src").startswith("data:image/svg+xml;base64,")
        assert f"Figure {n}." in "".join(figure.find("figcaption").itertext())
    assert "peak QPS" in text and "116K QPS" in text
    assert "@media print" in (tree.find(".//style").text or "")
    assert "@font-face" in (tree.find(".//style").text or "")


def test_html_renders_offline_in_chromium_without_a_request(example_html: Path) -> None:
    with chromium() as driver:
        driver.get("about:blank")
        requested_urls(driver)  # forget the browser's own start-up pages
        driver.get(example_html.as_uri())
        title = driver.find_element("css selector", ".cover-title").text
        loaded = driver.execute_script(
            "return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"
            " && document.fonts.check('12px Inter')"
        )
        urls = requested_urls(driver)
    assert title == "Homepage video recommendation"
    assert loaded, "every figure decoded and the embedded font is in use"
    assert [u for u in urls if not u.startswith(("data:", "chrome:"))] == [example_html.as_uri()]


def test_hostile_text_is_inert_in_html(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    result = build(write_spec(HOSTILE, "evil.yaml"), out, "html")
    assert result.returncode == 0, result.stderr
    tree = strict_parse(out / "evil.html")
    assert tree.findall(".//script") == [] and tree.findall(".//iframe") == []
    assert [i.get("src") for i in tree.iter("img")] == []  # no figure, and no injected image
    assert all(not el.get("onerror") for el in tree.iter())
    assert tree.find("body").findall(".//style") == []  # only designdoc's own, in the head
    text = " ".join(tree.itertext())
    assert "<script>alert('t')</script> Evil & co" in text
    assert "javascript:alert(2)" in text and not [
        a for a in tree.iter("a") if "javascript" in (a.get("href") or "")
    ]


def _figure_count(tmp: Path) -> int:
    """How many figures the PDF of the example holds (a figure may be split in parts)."""
    from designdoc import load_spec
    from designdoc.figures import draw_figures

    spec = load_spec(Path(__file__).resolve().parent.parent / "specs" / "video_recommendation.yaml")
    return len(draw_figures(spec.spec, tmp, paper="a4"))
