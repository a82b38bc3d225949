"""Typesetting when the page count matters: lay out first, count pages, then write.

`render.pdf.write_pdf` lays out and writes in one go; the sheet must check that it fits
one page before writing, and the book reports its page count.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from designdoc.errors import BuildError
from designdoc.render.fetcher import RestrictedFetcher
from designdoc.render.pdf import collected_warnings
from designdoc.resources import templates_dir


def lay_out(html: str, figures_dir: Path) -> tuple[Any, list[str]]:
    """A laid-out WeasyPrint document (`.pages`, `.write_pdf()`) and the warnings logged."""
    import weasyprint

    fetcher = RestrictedFetcher(templates_dir(), figures_dir)
    with collected_warnings() as warnings:
        try:
            document = weasyprint.HTML(
                string=html, base_url=figures_dir.resolve().as_uri() + "/", url_fetcher=fetcher
            ).render()
        except Exception as exc:  # WeasyPrint raises many kinds; report, never half-write
            raise BuildError(f"typesetting the PDF failed: {exc}") from exc
    return document, list(warnings)


def pdf_bytes(document: Any) -> bytes:
    try:
        pdf = document.write_pdf(pdf_variant=None, uncompressed_pdf=False)
    except Exception as exc:
        raise BuildError(f"writing the PDF failed: {exc}") from exc
    if not pdf:
        raise BuildError("typesetting produced an empty PDF")
    return bytes(pdf)
