"""build(): a spec file in, a PDF design document out, stage by stage.

The stages are also public one by one (`load`, `review_of`, `prepare`, `typeset`) so that
the study book, the whiteboard sheet and the practice worksheet reuse them.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from designdoc.files.output import ensure_dir, write_atomic
from designdoc.files.resources import user_cache_dir
from designdoc.spec.loader import LoadedSpec, load_spec

if TYPE_CHECKING:
    from designdoc.review.result import Review


@dataclass
class BuildResult:
    """What a build wrote and how long each stage took (seconds)."""

    spec: LoadedSpec
    pdf: Path
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    pages: int = 0


class Clock:
    """Adds up the time spent in each named stage."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


def figure_cache_dir() -> Path:
    return user_cache_dir() / "figures"


def load(path: str | Path, clock: Clock | None = None) -> LoadedSpec:
    """Load and validate a spec, its review settings checked against the review's rules."""
    from designdoc.review.rules.catalogue import REVIEW_NAMES

    return load_spec(Path(path), (clock or Clock()).stage, review_names=REVIEW_NAMES)


def review_of(loaded: LoadedSpec) -> Review:
    """The spec's review: estimates, findings and coverage."""
    from designdoc.review import review

    return review(loaded)


def paper_of(loaded: LoadedSpec, paper: str | None) -> str:
    return paper or loaded.spec.document.paper.value


def prepare(
    loaded: LoadedSpec,
    figures_dir: Path,
    *,
    paper: str,
    review: bool = True,
    clock: Clock | None = None,
) -> dict[str, Any]:
    """Review the spec, draw its figures into `figures_dir` and return its template context."""
    from designdoc.figures import draw_figures
    from designdoc.render.context import build_context

    clock = clock or Clock()
    with clock.stage("review"):
        findings = review_of(loaded)
    with clock.stage("figures"):
        figures = draw_figures(loaded.spec, figures_dir, paper=paper, cache_dir=figure_cache_dir())
    with clock.stage("html"):
        return build_context(
            loaded.spec,
            source_name=loaded.path.name,
            review=findings,
            figures=figures,
            paper=paper,
            show_review=review,
        )


def typeset(
    html: str, figures_dir: Path, clock: Clock | None = None, pdf_variant: str | None = None
) -> tuple[bytes, list[str]]:
    from designdoc.typeset.pdf import write_pdf

    with (clock or Clock()).stage("pdf"):
        return write_pdf(html, figures_dir, pdf_variant)


def build(
    spec_path: str | Path,
    output_dir: str | Path = "output",
    *,
    paper: str | None = None,
    review: bool = True,
    output_name: str | None = None,
    pdf_variant: str | None = None,
) -> BuildResult:
    """Build one spec into `output_dir/<name>.pdf`; a failure leaves earlier output untouched.

    `pdf_variant` asks for PDF/A or PDF/UA (see `designdoc.typeset.pdf.PDF_VARIANTS`)."""
    from designdoc.render.html import render_html

    clock = Clock()
    loaded = load(Path(spec_path), clock)
    out_dir = ensure_dir(Path(output_dir))
    target = out_dir / f"{output_name or loaded.name}.pdf"
    with tempfile.TemporaryDirectory(prefix="designdoc-") as scratch:
        figures_dir = Path(scratch)
        context = prepare(
            loaded, figures_dir, paper=paper_of(loaded, paper), review=review, clock=clock
        )
        with clock.stage("html"):
            html = render_html(context)
        pdf, warnings = typeset(html, figures_dir, clock, pdf_variant)
    with clock.stage("write"):
        write_atomic(target, pdf)
    return BuildResult(spec=loaded, pdf=target, timings=clock.timings, warnings=warnings)
