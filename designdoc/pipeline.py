"""The stages every product shares, in order: load, review, draw and gather the context.

`load` validates a spec (its review settings against the review's own rule names);
`review_of` reviews it; `prepare` reviews it, draws its figures and returns the typed
template context. The products (`designdoc.products`) render that context to HTML and
typeset it (`designdoc.typeset.typeset`); `Clock` times each stage.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from designdoc.files.names import shown
from designdoc.files.resources import user_cache_dir
from designdoc.spec.loader import LoadedSpec, load_spec

if TYPE_CHECKING:
    from designdoc.render.context import DocumentContext
    from designdoc.review.result import Review


@dataclass
class BuildResult:
    """What a build wrote and how long each stage took (seconds)."""

    spec: LoadedSpec
    pdf: Path
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    pages: int = 0
    outputs: list[Path] = field(default_factory=list)  # every file written, by format asked


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


def load(path: str | Path, clock: Clock | None = None, overrides: Sequence[str] = ()) -> LoadedSpec:
    """Load and validate a spec, its review settings checked against the review's rules;
    `overrides` (`path=value`) change the YAML before validation."""
    from designdoc.review.rules.catalogue import REVIEW_NAMES

    return load_spec(Path(path), (clock or Clock()).stage, overrides, review_names=REVIEW_NAMES)


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
    theme: Path | None = None,
) -> DocumentContext:
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
            source_name=shown(loaded.path.name),
            review=findings,
            figures=figures,
            paper=paper,
            show_review=review,
            theme=theme,
            overrides=loaded.overrides,
        )


def theme_of(loaded: LoadedSpec, theme: str | Path | None) -> Path | None:
    """The theme folder: the one asked for (relative to the working folder), else the spec's
    `document.theme` (relative to the spec's folder), else None for the default look."""
    from designdoc.render.theme import resolve_theme

    if theme is not None:
        return resolve_theme(theme, Path.cwd())
    return resolve_theme(loaded.spec.document.theme, loaded.path.parent)
