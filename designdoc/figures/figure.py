"""What a figure is: a drawn result (`Figure`) and the recipe to draw one (`Drawing`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# (direction "LR" or "TB", the split units to draw or None for all) -> DOT source
BuildDot = Callable[[str, Sequence[str] | None], str]


@dataclass(frozen=True)
class Figure:
    """One figure written to disk, with the size at which it must be printed.

    `width_pt` and `height_pt` fit the text block of the page (a landscape page of its own
    when `landscape`) and keep the smallest text at 7 pt or more. `caption` is one sentence
    without a number; the document numbers figures.
    """

    id: str
    title: str
    caption: str
    step: int
    path: Path
    width_pt: float
    height_pt: float
    landscape: bool
    kind: str = ""
    part: int = 1
    parts: int = 1
    dot_source: str = field(default="", repr=False, compare=False)


@dataclass(frozen=True)
class Drawing:
    """Everything needed to draw one figure of a spec, before layout and fitting.

    `units` are the pieces the figure may be split into (clusters, stages, sources), in
    drawing order; a unit too large alone is cut into its `subunits`; `fingerprint`
    identifies the inputs, for the cache.

    `overview`, when given, draws a compact form of the figure, tried when the detailed
    form does not fit one page; a split then uses it too, in at most `max_parts` parts of
    whole units, each with at least `min_part_size` boxes (`unit_sizes` counts the boxes
    of each unit). It lists variants of that form, best first: a layout Graphviz cannot
    make with one falls back to the next.
    """

    kind: str
    title: str
    caption: str
    step: int
    build: BuildDot
    fingerprint: str
    units: tuple[str, ...] = ()
    subunits: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    unit_names: Mapping[str, str] = field(default_factory=dict)
    directions: tuple[str, ...] = ("LR", "TB")
    icons: Mapping[str, Path] = field(default_factory=dict)
    overview: tuple[BuildDot, ...] = ()
    max_parts: int = 3
    min_part_size: int = 3
    unit_sizes: Mapping[str, int] = field(default_factory=dict)

    def part_caption(self, units: Sequence[str], part: int, parts: int) -> str:
        """The caption of one part of a split figure: which pieces it shows."""
        if parts == 1:
            return self.caption
        names = ", ".join(dict.fromkeys(self.unit_names.get(u, u) for u in units))
        base = self.caption.rstrip(".")
        return f"{base} (part {part} of {parts}: {names})."
