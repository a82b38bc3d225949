"""The study book made in parallel: each part typeset alone in a worker process, then joined.

A part is a PDF of its own, numbered within the part ("Page 3-12" is page 12 of part 3), so
no part waits for the page count of another. The front matter (cover, contents, comparison)
is typeset when every part's pages are known, with numbers taken from where each heading
fell, in a worker while this process parses the parts' PDFs. The PDFs are then joined, the
contents linked to the parts' headings, page labels set to match the printed numbers, and
the bookmarks nested part > chapter > section.
"""

from __future__ import annotations

import io
import traceback
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from designdoc.errors import BuildError, DesignDocError
from designdoc.files.scratch import scratch_dir
from designdoc.pipeline import Clock, load
from designdoc.products.parts import render_part
from designdoc.render.html import render_html, stylesheet_uris
from designdoc.render.page import PAPERS

# Links of the contents point at stand-ins in the front matter; joined, they point here.
TARGET_PREFIX = "to-"


@dataclass(frozen=True)
class PartJob:
    spec: Path
    number: int
    paper: str
    review: bool


@dataclass
class TypesetPart:
    """One part typeset: its PDF, and on which of its pages (0-based) each id fell."""

    number: int
    pdf: bytes = b""
    pages: int = 0
    anchors: dict[str, tuple[int, float, float]] = field(default_factory=dict)  # page, x, y (pt)
    toc: list[dict[str, str]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error: str = ""  # a failure, as text (exceptions do not always survive pickling)


def _anchors(document: Any) -> dict[str, tuple[int, float, float]]:
    found: dict[str, tuple[int, float, float]] = {}
    for index, page in enumerate(document.pages):
        for name, (x, y, *_corner) in page.anchors.items():
            # A box split over pages has its id on each piece: where it starts is the first.
            found.setdefault(name, (index, x * 0.75, page.height * 0.75 - y * 0.75))  # px -> pt
    return found


def typeset_part(job: PartJob) -> TypesetPart:
    """Load, review, draw and typeset one part (in a worker process); never raises."""
    from designdoc.typeset.pdf import lay_out, pdf_bytes

    clock = Clock()
    try:
        loaded = load(job.spec, clock)
        with scratch_dir(prefix="designdoc-part-") as scratch:
            part = render_part(
                loaded,
                job.number,
                Path(scratch),
                paper=job.paper,
                review=job.review,
                numbered=True,
                clock=clock,
            )
            with clock.stage("html"):
                html = render_html(
                    {
                        "part": part,
                        "paper": PAPERS[job.paper],
                        "stylesheets": stylesheet_uris(
                            "document/document.css", "document/review.css", "book/book.css"
                        ),
                    },
                    "book/part_document.html.j2",
                )
            with clock.stage("pdf"):
                document, warnings = lay_out(html, Path(scratch))
                # Untagged: the join drops a part's structure tree, and parsing it costs most.
                pdf = pdf_bytes(document, tagged=False)
            anchors = _anchors(document)
    except DesignDocError as exc:
        return TypesetPart(job.number, error=exc.message)
    except Exception as exc:  # a bug: keep its traceback for the message
        return TypesetPart(job.number, error=f"internal error: {exc!r}\n{traceback.format_exc()}")
    return TypesetPart(
        job.number,
        pdf,
        len(document.pages),
        anchors,
        part.toc,
        clock.timings,
        warnings,
    )


def _expected_cost(job: PartJob) -> int:
    try:
        return job.spec.stat().st_size
    except OSError:
        return 0


def typeset_parts(jobs: Sequence[PartJob], pool: Executor | None) -> list[TypesetPart]:
    """Every part, in order; in `pool`'s worker processes, or in this one when None.

    The largest specs go first, so that the last part to finish is a short one and no
    worker idles long at the end."""
    if pool is None:
        results = [typeset_part(job) for job in jobs]
    else:
        futures = [
            pool.submit(typeset_part, job) for job in sorted(jobs, key=_expected_cost, reverse=True)
        ]
        results = sorted((f.result() for f in futures), key=lambda part: part.number)
    failed = [r for r in results if r.error]
    if failed:
        raise BuildError(f"part {failed[0].number} failed: {failed[0].error}")
    return results


def read_parts(parts: Sequence[TypesetPart]) -> list[Any]:
    """Each part's PDF parsed, the costly half of joining them, which can run while the
    front matter is being typeset elsewhere."""
    from pypdf import PdfReader

    readers = [PdfReader(io.BytesIO(part.pdf)) for part in parts]
    for reader in readers:
        len(reader.pages)  # parses the catalogue and the page tree, with their object streams
    return readers


def page_refs(parts: Sequence[TypesetPart]) -> dict[str, str]:
    """Each part heading's printed page number, e.g. `p3-requirements` -> `3-2`."""
    return {
        name: f"{part.number}-{page + 1}"
        for part in parts
        for name, (page, _x, _y) in part.anchors.items()
    }


def join(
    front: bytes, parts: Sequence[TypesetPart], readers: Sequence[Any], metadata: dict[str, str]
) -> tuple[bytes, int]:
    """The book's PDF: the front matter, then the parts (`readers`, from `read_parts`);
    contents linked, pages labelled."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import PageLabelStyle
    from pypdf.generic import Fit, NameObject, TextStringObject

    writer = PdfWriter()
    front_reader = PdfReader(io.BytesIO(front))
    writer.append(front_reader, import_outline=True)
    first_page: dict[int, int] = {}
    for part, reader in zip(parts, readers, strict=True):
        first_page[part.number] = len(writer.pages)
        writer.append(reader, import_outline=True)
    for part in parts:
        for name, (page, x, y) in part.anchors.items():
            target = writer.pages[first_page[part.number] + page]
            writer.add_named_destination_object(_destination(name, target, x, y, Fit))
    for front_page in writer.pages[: len(front_reader.pages)]:
        annotations: Any = front_page.get("/Annots") or []
        for annotation in annotations:
            link = annotation.get_object()
            dest = str(link.get("/Dest", ""))
            if dest.startswith(TARGET_PREFIX):
                link[NameObject("/Dest")] = TextStringObject(dest.removeprefix(TARGET_PREFIX))
    writer.set_page_label(0, len(front_reader.pages) - 1, style=PageLabelStyle.LOWERCASE_ROMAN)
    for part in parts:
        start = first_page[part.number]
        writer.set_page_label(
            start, start + part.pages - 1, style=PageLabelStyle.DECIMAL, prefix=f"{part.number}-"
        )
    writer.add_metadata(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)


def _destination(name: str, page: Any, x: float, y: float, fit: Any) -> Any:
    from pypdf.generic import Destination

    return Destination(name, page.indirect_reference, fit.xyz(left=x, top=y))
