"""The renderer reads only our assets and this build's figures: nothing a spec could name."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from designdoc.files.resources import templates_dir
from designdoc.typeset.fetcher import RefusedURL, RestrictedFetcher
from designdoc.typeset.pdf import typeset


@pytest.fixture
def fetcher(tmp_path: Path) -> RestrictedFetcher:
    return RestrictedFetcher(templates_dir(), tmp_path)


def test_serves_package_assets_and_figures(fetcher: RestrictedFetcher, tmp_path: Path):
    (tmp_path / "funnel.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    css = fetcher.fetch((templates_dir() / "document" / "document.css").as_uri())
    assert b"@font-face" in css.read()
    assert fetcher.fetch((tmp_path / "funnel.svg").as_uri()).read().startswith(b"<svg")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/x.png",
        "https://example.com/x.css",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.com/x",
        "file://remote-host/share/x.png",
    ],
)
def test_refuses_everything_else(fetcher: RestrictedFetcher, url: str):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


@pytest.mark.parametrize("how", ["dot-dot", "symlink"])
def test_refuses_a_real_file_reached_from_inside_a_root(tmp_path: Path, how: str):
    root = tmp_path / "figures"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the renderer")
    if how == "dot-dot":
        url = "file://" + (root / ".." / "secret.txt").as_posix()
    else:
        (root / "link.svg").symlink_to(secret)
        url = (root / "link.svg").as_uri()
    fetcher = RestrictedFetcher(root)
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_inline_images_pass(fetcher: RestrictedFetcher):
    png = "data:image/png;base64,iVBORw0KGgo="
    assert fetcher.fetch(png).read().startswith(b"\x89PNG")


def test_pdf_build_refuses_and_logs_foreign_urls(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    html = (
        '<html><body><p>x</p><img src="file:///etc/hostname">'
        '<img src="http://127.0.0.1:9/x.png"></body></html>'
    )
    with caplog.at_level(logging.WARNING):
        result = typeset(html, tmp_path)
    assert result.pdf.startswith(b"%PDF")
    refused = [w for w in result.warnings if "refused to fetch" in w]
    assert len(refused) == 2
