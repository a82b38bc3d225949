"""build(): a spec file in, a PDF design document out, stage by stage."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from designdoc.output import ensure_dir, write_atomic
from designdoc.spec.loader import LoadedSpec, parse, read_text, validate


@dataclass
class BuildResult:
    """What a build wrote and how long each stage took (seconds)."""

    spec: LoadedSpec
    pdf: Path
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    pages: int = 0


class _Clock:
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
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "designdoc" / "figures"


def load(path: Path, clock: _Clock | None = None) -> LoadedSpec:
    clock = clock or _Clock()
    with clock.stage("load"):
        text = read_text(path)
        doc = parse(text, str(path))
    with clock.stage("validate"):
        spec = validate(doc, str(path), text.splitlines())
    return LoadedSpec(spec=spec, path=path, positions=doc)


def build(
    spec_path: str | Path,
    output_dir: str | Path = "output",
    *,
    paper: str | None = None,
    review: bool = True,
    output_name: str | None = None,
) -> BuildResult:
    """Build one spec into `output_dir/<name>.pdf`; a failure leaves earlier output untouched."""
    from designdoc.figures import draw_figures
    from designdoc.render.context import build_context
    from designdoc.render.html import render_html
    from designdoc.render.pdf import write_pdf
    from designdoc.review import review as review_spec

    clock = _Clock()
    loaded = load(Path(spec_path), clock)
    out_dir = ensure_dir(Path(output_dir))
    target = out_dir / f"{output_name or loaded.name}.pdf"
    paper_name = paper or loaded.spec.document.paper.value
    with clock.stage("review"):
        findings = review_spec(loaded)
    with tempfile.TemporaryDirectory(prefix="designdoc-") as scratch:
        figures_dir = Path(scratch)
        with clock.stage("figures"):
            figures = draw_figures(
                loaded.spec, figures_dir, paper=paper_name, cache_dir=figure_cache_dir()
            )
        with clock.stage("html"):
            context = build_context(
                loaded.spec, source_name=loaded.path.name, review=findings,
                figures=figures, paper=paper_name, show_review=review,
            )
            html = render_html(context)
        with clock.stage("pdf"):
            pdf, warnings = write_pdf(html, figures_dir)
    with clock.stage("write"):
        write_atomic(target, pdf)
    return BuildResult(spec=loaded, pdf=target, timings=clock.timings, warnings=warnings)
