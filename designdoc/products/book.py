"""The study book: several specs in one PDF, each a part with its own chapters and figures.

The book opens with a cover, one contents list for every part, and a table comparing the
designs (category, scale, key metrics, serving shape, latency budget). PDF bookmarks nest
part > chapter > section.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from designdoc import __version__
from designdoc.errors import BuildError
from designdoc.files.output import write_atomic
from designdoc.files.scratch import scratch_dir
from designdoc.pipeline import Clock, load
from designdoc.products.book_parts import (
    TARGET_PREFIX,
    PartJob,
    join,
    page_refs,
    read_parts,
    typeset_parts,
)
from designdoc.products.parts import Part
from designdoc.render.html import stylesheet_uris
from designdoc.render.page import PAPERS
from designdoc.spec import numbers as fmt
from designdoc.spec.grammar import counted
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
        m.metric + (f"@{fmt.count(m.k)}" if getattr(m, "k", None) and "@" not in m.metric else "")
        for m in chosen[:2]
    )


def _serving_shape(spec: Spec) -> str:
    from designdoc.spec.serving_path import latency_budget

    if spec.serving.stages:
        rows = latency_budget(spec).all_groups
        return " → ".join(" + ".join(s.name or s.id for s in row) for row in rows)
    words = [
        v.value.replace("_", " ") for v in (spec.serving.deployment, spec.serving.prediction) if v
    ]
    return ", ".join(words)


def _scale(spec: Spec) -> str:
    s = spec.requirements.scale
    bits = [f"{s.dau} DAU" if s.dau else (counted(str(s.users), "user") if s.users else "")]
    bits.append(counted(str(s.items), "item") if s.items else "")
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


def book_context(parts: Sequence[Part | Any], *, title: str, paper: str) -> dict[str, Any]:
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


@dataclass(frozen=True)
class FrontPart:
    """What the front matter shows of a part: its spec and its contents entries."""

    number: int
    spec: Spec
    toc: list[dict[str, str]]


def _front_matter(
    parts: list[FrontPart], pages: dict[str, str], *, title: str, paper: str
) -> tuple[bytes, list[str]]:
    from designdoc.render.html import render_html
    from designdoc.typeset.pdf import typeset

    context = {
        **book_context(parts, title=title, paper=paper),
        "pages": pages,
        "stand_ins": list(pages),
        "link_prefix": TARGET_PREFIX,
    }
    with scratch_dir(prefix="designdoc-front-") as scratch:
        front = typeset(render_html(context, "book/front.html.j2"), Path(scratch))
    return front.pdf, list(front.warnings)


def build_book(
    spec_paths: Sequence[Path],
    target: Path,
    *,
    paper: str | None = None,
    review: bool = True,
    title: str | None = None,
    jobs: int = 1,
) -> BookResult:
    """Build one PDF of every spec in `spec_paths`, in that order, parts in `jobs` processes."""
    if not spec_paths:
        raise BuildError("a book needs at least one spec")
    clock = Clock()
    loaded = [load(Path(p), clock) for p in spec_paths]  # every problem reported before work
    paper_name = paper or loaded[0].spec.document.paper.value
    book_title = title or DEFAULT_TITLE
    workers = max(1, min(jobs, len(loaded)))
    with ProcessPoolExecutor(max_workers=workers) if workers > 1 else nullcontext() as pool:
        with clock.stage("parts"):
            parts = typeset_parts(
                [PartJob(s.path, n, paper_name, review) for n, s in enumerate(loaded, start=1)],
                pool,
            )
        front_parts = [
            FrontPart(p.number, s.spec, p.toc) for p, s in zip(parts, loaded, strict=True)
        ]
        typeset_front = partial(
            _front_matter, front_parts, page_refs(parts), title=book_title, paper=paper_name
        )
        with clock.stage("front"):
            # With workers, one typesets the front matter while this process reads the parts.
            pending = pool.submit(typeset_front) if pool else None
            readers = read_parts(parts)
            front, warnings = pending.result() if pending else typeset_front()
    keywords = ", ".join(["machine learning", "system design", *(s.spec.title for s in loaded)])
    with clock.stage("join"):
        pdf, pages = join(
            front,
            parts,
            readers,
            {"/Title": book_title, "/Keywords": keywords, "/Creator": "designdoc"},
        )
    with clock.stage("write"):
        write_atomic(target, pdf)
    for part in parts:
        warnings += part.warnings
    return BookResult(target, len(parts), pages, clock.timings, warnings)
