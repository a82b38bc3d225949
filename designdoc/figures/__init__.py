"""Figures drawn from a spec: architecture, serving funnel, ML lifecycle, data and features.

`draw_figures` draws every figure the spec has content for, fits each on the page (a
landscape page or a split when needed), writes the SVGs and returns `Figure`s in
document order. The `draw_*` functions draw one figure each.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from designdoc.errors import BuildError
from designdoc.figures import cache
from designdoc.figures.figure import Drawing, Figure
from designdoc.figures.kinds.architecture import architecture_drawing
from designdoc.figures.kinds.datamap import data_drawing
from designdoc.figures.kinds.funnel import funnel_drawing
from designdoc.figures.kinds.lifecycle import lifecycle_drawing
from designdoc.figures.layout.dot import dot_program, dot_version, time_limit
from designdoc.figures.layout.fit import fit_drawing
from designdoc.figures.layout.svg import finish
from designdoc.files.output import ensure_dir, write_atomic
from designdoc.spec.models.root import Spec

__all__ = [
    "Drawing",
    "Figure",
    "draw_architecture",
    "draw_data",
    "draw_figures",
    "draw_funnel",
    "draw_lifecycle",
]

DRAWERS: tuple[Callable[[Spec], Drawing | None], ...] = (
    data_drawing,
    architecture_drawing,
    funnel_drawing,
    lifecycle_drawing,
)


def _draw_fresh(drawing: Drawing, paper: str) -> list[tuple[cache.CachedPart, bytes]]:
    placements = fit_drawing(drawing, paper)
    count = len(placements)
    drawn = []
    for number, placed in enumerate(placements, start=1):
        part_id = drawing.kind if count == 1 else f"{drawing.kind}-{number}"
        title = drawing.title if count == 1 else f"{drawing.title} ({number} of {count})"
        record = cache.CachedPart(
            id=part_id,
            title=title,
            caption=drawing.part_caption(placed.units, number, count),
            width_pt=placed.width_pt,
            height_pt=placed.height_pt,
            landscape=placed.landscape,
            part=number,
            parts=count,
            dot_source=placed.source,
        )
        drawn.append((record, finish(placed.svg, drawing.icons).encode("utf-8")))
    return drawn


def _cached(drawing: Drawing, key: str, cache_dir: Path) -> list[tuple[cache.CachedPart, bytes]]:
    return cache.load(cache_dir, key) or []


def draw(
    drawing: Drawing, out_dir: Path, *, paper: str = "a4", cache_dir: Path | None = None
) -> list[Figure]:
    """Fit, draw and write one drawing (all its parts); use the cache when given one."""
    dot_program()
    key = cache.cache_key(drawing.fingerprint, paper, dot_version())
    parts = _cached(drawing, key, cache_dir) if cache_dir is not None else []
    if not parts:
        try:
            with time_limit():
                parts = _draw_fresh(drawing, paper)
        except BuildError as exc:
            raise BuildError(f"the figure '{drawing.title}': {exc.message}") from exc
        if cache_dir is not None:
            cache.store(cache_dir, key, parts)
    ensure_dir(out_dir)
    figures = []
    for record, svg in parts:
        path = write_atomic(out_dir / f"{record.id}.svg", svg)
        figures.append(
            Figure(
                id=record.id,
                title=record.title,
                caption=record.caption,
                step=drawing.step,
                path=path,
                width_pt=record.width_pt,
                height_pt=record.height_pt,
                landscape=record.landscape,
                kind=drawing.kind,
                part=record.part,
                parts=record.parts,
                dot_source=record.dot_source,
            )
        )
    return figures


def _draw_one(
    maker: Callable[[Spec], Drawing | None],
    spec: Spec,
    out_dir: Path,
    paper: str,
    cache_dir: Path | None,
) -> list[Figure]:
    drawing = maker(spec)
    return [] if drawing is None else draw(drawing, out_dir, paper=paper, cache_dir=cache_dir)


def draw_figures(
    spec: Spec, out_dir: Path, *, paper: str = "a4", cache_dir: Path | None = None
) -> list[Figure]:
    """Draw every figure the spec has content for, in the order of the document's steps."""
    dot_program()
    figures: list[Figure] = []
    with cache.discards_reported():
        for maker in DRAWERS:
            figures += _draw_one(maker, spec, out_dir, paper, cache_dir)
    return figures


def draw_architecture(
    spec: Spec, out_dir: Path, *, paper: str = "a4", cache_dir: Path | None = None
) -> list[Figure]:
    """The system architecture (one figure, or its parts when split by cluster)."""
    return _draw_one(architecture_drawing, spec, out_dir, paper, cache_dir)


def draw_funnel(
    spec: Spec, out_dir: Path, *, paper: str = "a4", cache_dir: Path | None = None
) -> list[Figure]:
    """The serving funnel (one figure, or its parts when split by stage)."""
    return _draw_one(funnel_drawing, spec, out_dir, paper, cache_dir)


def draw_lifecycle(
    spec: Spec, out_dir: Path, *, paper: str = "a4", cache_dir: Path | None = None
) -> list[Figure]:
    """The ML lifecycle loop, from data sources to monitoring and retraining."""
    return _draw_one(lifecycle_drawing, spec, out_dir, paper, cache_dir)


def draw_data(
    spec: Spec, out_dir: Path, *, paper: str = "a4", cache_dir: Path | None = None
) -> list[Figure]:
    """Data sources and the features computed from them."""
    return _draw_one(data_drawing, spec, out_dir, paper, cache_dir)
