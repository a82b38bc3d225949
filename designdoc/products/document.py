"""build(): a spec file in, a PDF design document out, stage by stage."""

from __future__ import annotations

from pathlib import Path

from designdoc.files.output import ensure_dir, write_atomic
from designdoc.files.scratch import scratch_dir
from designdoc.pipeline import BuildResult, Clock, load, paper_of, prepare


def build(
    spec_path: str | Path,
    output_dir: str | Path = "output",
    *,
    paper: str | None = None,
    review: bool = True,
    output_name: str | None = None,
) -> BuildResult:
    """Build one spec into `output_dir/<name>.pdf`; a failure leaves earlier output untouched."""
    from designdoc.render.html import render_html
    from designdoc.typeset.pdf import typeset

    clock = Clock()
    loaded = load(Path(spec_path), clock)
    out_dir = ensure_dir(Path(output_dir))
    target = out_dir / f"{output_name or loaded.name}.pdf"
    with scratch_dir(prefix="designdoc-") as scratch:
        figures_dir = Path(scratch)
        context = prepare(
            loaded, figures_dir, paper=paper_of(loaded, paper), review=review, clock=clock
        )
        with clock.stage("html"):
            html = render_html(context)
        with clock.stage("pdf"):
            typeset_pdf = typeset(html, figures_dir)
    with clock.stage("write"):
        write_atomic(target, typeset_pdf.pdf)
    return BuildResult(
        spec=loaded,
        pdf=target,
        timings=clock.timings,
        warnings=list(typeset_pdf.warnings),
        pages=typeset_pdf.pages,
    )
