"""The study book: several specs in one PDF, each a part with its own chapters and figures.

The book opens with a cover, one contents list for every part, and a table comparing the
designs (category, scale, key metrics, serving shape, latency budget). PDF bookmarks nest
part > chapter > section.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from designdoc import __version__
from designdoc.errors import BuildError
from designdoc.files.output import write_atomic
from designdoc.files.scratch import scratch_dir
from designdoc.pipeline import Clock, load
from designdoc.products.parts import Part, render_part
from designdoc.render.html import stylesheet_uris
from designdoc.render.page import PAPERS
from designdoc.spec.models.root import Spec

DEFAULT_TITLE = "Machine-learning system design: a study book"


@dataclass
class BookResult:
    pdf: Path
    parts: int
    pages: int
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _primary(metrics: Sequence[Any], is_primary: Any) -> str:
    chosen = [m for m in metrics if is_primary(m)] or list(metrics[:1])
    return ", ".join(
        m.metric + (f"@{m.k}" if getattr(m, "k", None) and "@" not in m.metric else "")
        for m in chosen[:2]
    )


def _serving_shape(spec: Spec) -> str:
    from designdoc.spec.serving_path import groups

    stages = list(spec.serving.stages)
    if stages:
        rows = groups(stages)
        return " → ".join(" + ".join(s.name or s.id for s in row) for row in rows)
    words = [
        v.value.replace("_", " ") for v in (spec.serving.deployment, spec.serving.prediction) if v
    ]
    return ", ".join(words)


def _scale(spec: Spec) -> str:
    s = spec.requirements.scale
    bits = [f"{s.dau} DAU" if s.dau else (f"{s.users} users" if s.users else "")]
    bits.append(f"{s.items} items" if s.items else "")
    return ", ".join(b for b in bits if b)


def comparison_row(spec: Spec) -> dict[str, str]:
    """One row of the comparison table."""
    perf = spec.requirements.performance
    category = spec.framing.category.value.replace("_", " ") if spec.framing.category else ""
    return {
        "category": category,
        "scale": _scale(spec),
        "offline": _primary(spec.evaluation.offline, lambda m: m.primary),
        "online": _primary(spec.evaluation.online, lambda m: m.role and m.role.value == "primary"),
        "serving": _serving_shape(spec),
        "latency": f"{perf.latency_budget} {perf.latency_percentile or ''}".strip()
        if perf.latency_budget
        else "",
    }


def book_context(parts: list[Part], *, title: str, paper: str) -> dict[str, Any]:
    return {
        "title": title,
        "version": __version__,
        "today": dt.date.today(),
        "paper": PAPERS[paper],
        "parts": parts,
        "rows": [(part, comparison_row(part.spec)) for part in parts],
        "stylesheets": stylesheet_uris(
            "document/document.css", "document/review.css", "book/book.css"
        ),
    }


def build_book(
    spec_paths: Sequence[Path],
    target: Path,
    *,
    paper: str | None = None,
    review: bool = True,
    title: str | None = None,
) -> BookResult:
    """Build one PDF of every spec in `spec_paths`, in that order."""
    from designdoc.render.html import render_html
    from designdoc.typeset.pdf import LAYOUT_SECONDS, lay_out, pdf_bytes

    if not spec_paths:
        raise BuildError("a book needs at least one spec")
    clock = Clock()
    loaded = [load(Path(p), clock) for p in spec_paths]
    paper_name = paper or loaded[0].spec.document.paper.value
    with scratch_dir(prefix="designdoc-book-") as scratch:
        parts = [
            render_part(
                spec, n, Path(scratch) / f"p{n}", paper=paper_name, review=review, clock=clock
            )
            for n, spec in enumerate(loaded, start=1)
        ]
        with clock.stage("html"):
            context = book_context(parts, title=title or DEFAULT_TITLE, paper=paper_name)
            html = render_html(context, "book/book.html.j2")
        with clock.stage("pdf"):
            document, warnings = lay_out(html, Path(scratch), LAYOUT_SECONDS * len(parts))
            pdf = pdf_bytes(document)
    with clock.stage("write"):
        write_atomic(target, pdf)
    return BookResult(target, len(parts), len(document.pages), clock.timings, warnings)
