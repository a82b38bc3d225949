"""The HTML product: one self-contained web page of a design, with nothing to fetch."""

from __future__ import annotations

from designdoc.render.context import DocumentContext
from designdoc.render.web import render_web


def html_document(context: DocumentContext) -> bytes:
    """The page of `context` (from `pipeline.prepare`), as UTF-8 bytes."""
    return render_web(context).encode("utf-8")
