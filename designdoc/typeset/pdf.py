"""write_pdf(): HTML in, PDF bytes out, through WeasyPrint and the restricted fetcher."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from designdoc.errors import BuildError
from designdoc.files.resources import templates_dir
from designdoc.typeset.fetcher import RestrictedFetcher
from designdoc.typeset.time_limit import StageTimeout, time_limit

# Far beyond a spec within the loader's limits (about a minute); a bound, not a target.
LAYOUT_SECONDS = 300


class _Collect(logging.Handler):
    """Keeps WeasyPrint's warnings: it reports bad CSS or a missing image as log records."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def collected_warnings() -> Iterator[list[str]]:
    handler = _Collect()
    loggers = [logging.getLogger(name) for name in ("weasyprint", "designdoc.fetcher")]
    saved = [(lg, lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.propagate = False
    try:
        yield handler.messages
    finally:
        for lg, propagate in saved:
            lg.removeHandler(handler)
            lg.propagate = propagate


def lay_out(html: str, figures_dir: Path, seconds: float = LAYOUT_SECONDS) -> tuple[Any, list[str]]:
    """A laid-out WeasyPrint document (`.pages`, `.write_pdf()`) and the warnings logged.

    WeasyPrint may read only our templates and this build's figures, for at most `seconds`.
    """
    import weasyprint

    fetcher = RestrictedFetcher(templates_dir(), figures_dir)
    with collected_warnings() as warnings:
        try:
            with time_limit(seconds, "typesetting the PDF"):
                document = weasyprint.HTML(
                    string=html, base_url=figures_dir.resolve().as_uri() + "/", url_fetcher=fetcher
                ).render()
        except StageTimeout:
            raise
        except Exception as exc:  # WeasyPrint raises many kinds; report, never half-write
            raise BuildError(f"typesetting the PDF failed: {exc}") from exc
    return document, list(warnings)


def pdf_bytes(document: Any) -> bytes:
    """The PDF of a laid-out document."""
    try:
        pdf = document.write_pdf(pdf_variant=None, uncompressed_pdf=False)
    except Exception as exc:
        raise BuildError(f"writing the PDF failed: {exc}") from exc
    if not pdf:
        raise BuildError("typesetting produced an empty PDF")
    return bytes(pdf)


def write_pdf(html: str, figures_dir: Path) -> tuple[bytes, list[str]]:
    """Typeset `html` in one go: lay it out, then write the PDF."""
    document, warnings = lay_out(html, figures_dir)
    return pdf_bytes(document), warnings
