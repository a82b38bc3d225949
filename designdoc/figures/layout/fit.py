"""Fitting a figure on the page: direction, scale, a landscape page, or a split.

A drawing is laid out in each direction at its natural size (fonts at 9-11 pt). It may
be scaled down to fit the text block only while its smallest text stays >= 7 pt. The
first of these that works wins: a portrait text page (sharing the page with its caption
and some text), then a landscape page of its own; otherwise the drawing is split into
consecutive groups of its units (clusters, stages, sources), each placed the same way.

A drawing with an overview (the architecture) tries its compact form on one page before
any split: portrait, then landscape, in the direction that fits best. Only when even that
is too large is it split, in its compact form, into at most `max_parts` parts of whole
units (clusters) with at least `min_part_size` boxes each, as evenly as fits; when no such
split fits, the usual split follows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise

from designdoc.errors import BuildError
from designdoc.figures.audit import audit_svg
from designdoc.figures.figure import BuildDot, Drawing
from designdoc.figures.layout.dot import run_dot
from designdoc.figures.layout.svg import SvgMeasure, measure
from designdoc.render.page import FIGURE_MAX_HEIGHT_SHARE, MIN_FIGURE_TEXT_PT, PAPERS, PageSize

# A landscape figure page holds the figure and its caption only.
LANDSCAPE_HEIGHT_SHARE = 0.9
EPSILON = 1e-6


@dataclass(frozen=True)
class Placement:
    """A laid-out drawing and how it is printed."""

    units: tuple[str, ...]
    direction: str
    source: str
    svg: bytes
    size: SvgMeasure
    scale: float
    landscape: bool

    @property
    def clean(self) -> bool:
        """Whether every label sits inside its shape and no edge label overprints."""
        return not audit_svg(self.svg.decode("utf-8")).failures_that_fail

    @property
    def width_pt(self) -> float:
        return _floor2(self.size.width * self.scale)

    @property
    def height_pt(self) -> float:
        return _floor2(self.size.height * self.scale)


def _floor2(value: float) -> float:
    return int(value * 100) / 100


def page_box(page: PageSize, landscape: bool) -> tuple[float, float]:
    """The room a figure may take on a portrait text page or a landscape page of its own."""
    width, height = page.text_block(landscape)
    share = LANDSCAPE_HEIGHT_SHARE if landscape else FIGURE_MAX_HEIGHT_SHARE
    return width, height * share


def scale_to_fit(size: SvgMeasure, box: tuple[float, float]) -> float:
    """The largest scale, at most 1, at which the drawing fits the box."""
    return min(1.0, box[0] / size.width, box[1] / size.height)


def is_legible(size: SvgMeasure, scale: float) -> bool:
    return size.min_font * scale >= MIN_FIGURE_TEXT_PT - EPSILON


def legible_scale(size: SvgMeasure) -> float:
    """The smallest scale that keeps the smallest text at the legibility minimum."""
    return min(1.0, MIN_FIGURE_TEXT_PT / size.min_font)


Layout = tuple[str, bytes, SvgMeasure]  # DOT source, SVG, its measure


class _Layouts:
    """Runs dot at most once per (units, direction, variant) while candidates are weighed.

    A drawing has one variant, its `build`, unless `builds` (an overview's variants) are
    given; then every variant dot can lay out is weighed. Dot rarely rejects a valid graph
    ("trouble in init_rank"); such a variant is skipped, unless no variant is left.
    """

    def __init__(self, drawing: Drawing, builds: Sequence[BuildDot] = ()) -> None:
        self.drawing = drawing
        self.builds = tuple(builds) or (drawing.build,)
        self._done: dict[tuple[tuple[str, ...] | None, str], list[Layout]] = {}

    def options(self, units: tuple[str, ...] | None, direction: str) -> list[Layout]:
        key = (units, direction)
        if key not in self._done:
            self._done[key] = self._lay_out(units, direction)
        return self._done[key]

    def get(self, units: tuple[str, ...] | None, direction: str) -> Layout:
        return self.options(units, direction)[0]

    def _lay_out(self, units: tuple[str, ...] | None, direction: str) -> list[Layout]:
        done: list[Layout] = []
        failure: BuildError | None = None
        for build in self.builds:
            source = build(direction, units)
            try:
                svg = run_dot(source)
            except BuildError as exc:
                failure = exc
                continue
            done.append((source, svg, measure(svg.decode("utf-8"))))
        if not done and failure is not None:
            raise failure
        return done


def _best(layouts: _Layouts, units: tuple[str, ...] | None, page: PageSize) -> Placement | None:
    """The best legible placement of these units: portrait first, then landscape."""
    for landscape in (False, True):
        box = page_box(page, landscape)
        options: list[Placement] = []
        for direction in layouts.drawing.directions:
            for source, svg, size in layouts.options(units, direction):
                scale = scale_to_fit(size, box)
                if is_legible(size, scale):
                    kept = units if units is not None else layouts.drawing.units
                    options.append(Placement(kept, direction, source, svg, size, scale, landscape))
        if options:
            # Labels inside their shapes and apart first; then least shrinking; then the
            # one taking the least height on the page.
            return max(options, key=lambda p: (p.clean, round(p.scale, 3), -p.height_pt))
    return None


def _forced(layouts: _Layouts, units: tuple[str, ...] | None, page: PageSize) -> Placement:
    """A unit too large for any page: landscape, at the legible minimum scale, in the
    direction that overflows the page least (the document shows it on a page of its own)."""
    box = page_box(page, True)

    def overflow(direction: str) -> float:
        size = layouts.get(units, direction)[2]
        scale = legible_scale(size)
        return max(size.width * scale / box[0], size.height * scale / box[1])

    direction = min(layouts.drawing.directions, key=overflow)
    source, svg, size = layouts.get(units, direction)
    kept = units if units is not None else layouts.drawing.units
    return Placement(kept, direction, source, svg, size, legible_scale(size), True)


def _balanced(
    layouts: _Layouts, units: Sequence[str], page: PageSize, count: int
) -> list[Placement] | None:
    """The units cut into `count` parts of near-equal length, if every part fits."""
    size, extra = divmod(len(units), count)
    parts, start = [], 0
    for number in range(count):
        end = start + size + (1 if number < extra else 0)
        placed = _best(layouts, tuple(units[start:end]), page)
        if placed is None:
            return None
        parts.append(placed)
        start = end
    return parts


def _split(layouts: _Layouts, units: Sequence[str], page: PageSize) -> list[Placement]:
    """Greedy split, then evened out when equal parts fit too; see `_greedy`."""
    parts = _greedy(layouts, units, page)
    plain = [u for p in parts for u in p.units] == list(units)  # no unit was cut further
    if len(parts) > 1 and plain:
        return _balanced(layouts, units, page, len(parts)) or parts
    return parts


def _greedy(layouts: _Layouts, units: Sequence[str], page: PageSize) -> list[Placement]:
    """Greedy split: each part takes as many consecutive units as still fit legibly.

    A unit that does not fit even alone is split into its own subunits, when it has some.
    """
    parts: list[Placement] = []
    current: tuple[str, ...] = ()
    placed: Placement | None = None
    for unit in units:
        fitted = _best(layouts, (*current, unit), page)
        if fitted is not None:
            current, placed = (*current, unit), fitted
            continue
        if current:
            parts.append(placed or _forced(layouts, current, page))
        current, placed = (unit,), _best(layouts, (unit,), page)
        smaller = layouts.drawing.subunits.get(unit, ())
        if placed is None and len(smaller) > 1:
            parts += _split(layouts, smaller, page)
            current = ()
    if current:
        parts.append(placed or _forced(layouts, current, page))
    return parts


def groupings(units: Sequence[str], count: int) -> Iterator[tuple[tuple[str, ...], ...]]:
    """Every way of cutting the units, in order, into `count` non-empty consecutive parts."""
    for cuts in combinations(range(1, len(units)), count - 1):
        bounds = (0, *cuts, len(units))
        yield tuple(tuple(units[a:b]) for a, b in pairwise(bounds))


def _by_whole_units(layouts: _Layouts, page: PageSize) -> list[Placement] | None:
    """The fewest parts of whole units (at most `max_parts`, none with fewer than
    `min_part_size` boxes) that each fit a page; the most even cut first. None if none do."""
    drawing = layouts.drawing
    units = drawing.units

    def boxes(part: Sequence[str]) -> int:
        return sum(drawing.unit_sizes.get(u, 1) for u in part)

    for count in range(2, min(drawing.max_parts, len(units)) + 1):
        cuts = [
            g for g in groupings(units, count) if min(boxes(p) for p in g) >= drawing.min_part_size
        ]
        cuts.sort(key=lambda g: (max(boxes(p) for p in g), -min(boxes(p) for p in g)))
        for cut in cuts:
            placed = []
            for part in cut:
                fitted = _best(layouts, part, page)
                if fitted is None:
                    break
                placed.append(fitted)
            else:
                return placed
    return None


def fit_drawing(drawing: Drawing, paper: str = "a4") -> list[Placement]:
    """Lay out a drawing and fit it on the page: one placement, or one per split part."""
    page = PAPERS.get(paper.lower(), PAPERS["a4"])
    layouts = _Layouts(drawing)
    whole = _best(layouts, None, page)
    if whole is not None:
        return [whole]
    if drawing.overview:
        layouts = _Layouts(drawing, drawing.overview)
        whole = _best(layouts, None, page)
        if whole is not None:
            return [whole]
        parts = _by_whole_units(layouts, page)
        if parts is not None:
            return parts
    if len(drawing.units) > 1:
        return _split(layouts, drawing.units, page)
    return [_forced(layouts, None, page)]
