"""typeset(): HTML in; the PDF, its page count and WeasyPrint's warnings out.

WeasyPrint reads only through the restricted fetcher.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from designdoc.errors import BuildError
from designdoc.files.resources import templates_dir
from designdoc.typeset.fetcher import RestrictedFetcher
from designdoc.typeset.floats import lay_out_floating
from designdoc.typeset.time_limit import StageTimeout, time_limit

# Far beyond a spec within the loader's limits (about a minute); a bound, not a target.
LAYOUT_SECONDS = 300


@dataclass(frozen=True)
class Typeset:
    """A typeset document: the PDF's bytes, how many pages it has, what WeasyPrint warned."""

    pdf: bytes
    pages: int
    warnings: tuple[str, ...]


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


def lay_out(
    html: str,
    figures_dir: Path,
    theme: Path | None = None,
    seconds: float = LAYOUT_SECONDS,
) -> tuple[Any, list[str]]:
    """A laid-out WeasyPrint document (`.pages`, `.write_pdf()`) and the warnings logged.

    Figures float (`designdoc.typeset.floats`). WeasyPrint may read only our templates, this
    build's figures and the theme's folder, for at most `seconds` in all.
    """
    import weasyprint

    fetcher = RestrictedFetcher(templates_dir(), figures_dir, theme=theme, bundled=templates_dir())
    with collected_warnings() as warnings:
        try:
            with time_limit(seconds, "typesetting the PDF"):
                document, _ = lay_out_floating(
                    weasyprint.HTML(
                        string=html,
                        base_url=figures_dir.resolve().as_uri() + "/",
                        url_fetcher=fetcher,
                    ),
                    deadline=time.monotonic() + seconds,
                )
        except StageTimeout:
            raise
        except Exception as exc:  # WeasyPrint raises many kinds; report, never half-write
            raise BuildError(f"typesetting the PDF failed: {exc}") from exc
    return document, list(warnings)


# The PDF variants a build may ask for: archival PDF/A and accessible PDF/UA.
PDF_VARIANTS = ("pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/ua-1")


def pdf_bytes(document: Any, variant: str | None = None, *, tagged: bool = True) -> bytes:
    """The PDF of a laid-out document: tagged (structure, reading order, the document's
    language, figures' alternative text) unless `tagged` is false, in the given PDF/A or
    PDF/UA variant if any."""
    if variant is not None and variant not in PDF_VARIANTS:
        raise BuildError(f"unknown PDF variant '{variant}'; use one of {', '.join(PDF_VARIANTS)}")
    try:
        pdf = document.write_pdf(pdf_variant=variant, pdf_tags=tagged, uncompressed_pdf=False)
    except Exception as exc:
        raise BuildError(f"writing the PDF failed: {exc}") from exc
    if not pdf:
        raise BuildError("typesetting produced an empty PDF")
    return bytes(pdf)


def typeset_if(
    html: str,
    figures_dir: Path,
    fits: Callable[[int], bool],
    theme: Path | None = None,
    variant: str | None = None,
) -> Typeset | None:
    """Lay `html` out; write the PDF only when `fits(page count)`, else None (nothing written)."""
    document, warnings = lay_out(html, figures_dir, theme)
    pages = len(document.pages)
    if not fits(pages):
        return None
    return Typeset(pdf_bytes(document, variant), pages, tuple(warnings))


def typeset(
    html: str, figures_dir: Path, theme: Path | None = None, variant: str | None = None
) -> Typeset:
    """Typeset `html` in one go: lay it out, then write the PDF (tagged; PDF/A or PDF/UA when
    `variant` asks). A theme's folder is the one more place WeasyPrint may read from."""
    result = typeset_if(html, figures_dir, lambda pages: True, theme, variant)
    assert result is not None
    return result
