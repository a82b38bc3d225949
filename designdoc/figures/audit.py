"""A geometry audit of a drawn figure: does every label sit inside its shape, with room?

The SVG Graphviz wrote is read back: each text line's extent comes from the bundled font's
metrics (`layout.metrics`), each shape's outline from its polygons and paths (curves
flattened). A label fails when any outline stroke, a cylinder's lid or a 3-D box's inner
edge included, comes within `CLEARANCE` points of its text, or when its text is not inside
the outline at all. Edge labels fail when two overprint, when one covers a box, or when one
sits far from its own edge. Labels cut with an ellipsis are counted too, and so are edges
that run through a cluster's title or through another edge's label (these two are reported,
not failed: dot routes splines around nodes, not around titles or labels).
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from designdoc.figures.layout.labels import ELLIPSIS
from designdoc.figures.layout.metrics import ink

SVG = "{http://www.w3.org/2000/svg}"
CLEARANCE = 1.0  # points between a label's ink and any stroke of its shape
EDGE_LABEL_REACH = 14.0  # an edge label further than this from its edge reads as another's
Point = tuple[float, float]
Segment = tuple[Point, Point]
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


@dataclass(frozen=True)
class Rect:
    x0: float
    y0: float
    x1: float
    y1: float

    def grown(self, by: float) -> Rect:
        return Rect(self.x0 - by, self.y0 - by, self.x1 + by, self.y1 + by)

    def overlaps(self, other: Rect) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def union(self, other: Rect) -> Rect:
        return Rect(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )

    @property
    def centre(self) -> Point:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class TextLine:
    text: str
    box: Rect


@dataclass
class Item:
    """One node, cluster or edge of the drawing: its strokes, outline and text."""

    kind: str
    name: str
    strokes: list[Segment] = field(default_factory=list)
    outline: list[Point] = field(default_factory=list)  # its shape: drawn before any text
    lines: list[TextLine] = field(default_factory=list)
    extent: Rect | None = None  # shape or image, for overlap tests


@dataclass
class Audit:
    """Problems found in one figure, each a short sentence naming the label."""

    crossing: list[str] = field(default_factory=list)
    overprinted: list[str] = field(default_factory=list)
    on_nodes: list[str] = field(default_factory=list)
    astray: list[str] = field(default_factory=list)
    truncated: list[str] = field(default_factory=list)
    through_titles: list[str] = field(default_factory=list)
    crossed_labels: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    labels: int = 0
    edge_labels: int = 0

    @property
    def failures(self) -> list[str]:
        return [
            *self.crossing,
            *self.overprinted,
            *self.on_nodes,
            *self.astray,
            *self.through_titles,
            *self.crossed_labels,
            *self.outside,
        ]

    @property
    def failures_that_fail(self) -> list[str]:
        """The problems a figure must never have (a label away from its edge is counted
        but tolerated: dot sometimes sets one off a curved edge)."""
        return [*self.crossing, *self.overprinted, *self.on_nodes, *self.outside]


def _bezier(points: Sequence[Point], steps: int = 8) -> list[Point]:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    out = []
    for i in range(1, steps + 1):
        t = i / steps
        u = 1 - t
        out.append(
            (
                u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3,
            )
        )
    return out


def _path_points(d: str) -> list[list[Point]]:
    """Graphviz paths (M and C commands only) flattened to polylines, one per subpath."""
    runs: list[list[Point]] = []
    for chunk in re.split(r"(?=M)", d.strip()):
        if not chunk:
            continue
        head, _, curves = chunk[1:].partition("C")
        start = tuple(float(n) for n in _NUMBER.findall(head)[:2])
        numbers = [float(n) for n in _NUMBER.findall(curves)]
        pts: list[Point] = [(start[0], start[1])]
        for i in range(0, len(numbers) - 5, 6):
            controls = [
                pts[-1],
                *zip(numbers[i : i + 6 : 2], numbers[i + 1 : i + 6 : 2], strict=True),
            ]
            pts += _bezier(controls)
        runs.append(pts)
    return runs


def _points(text: str) -> list[Point]:
    numbers = [float(n) for n in _NUMBER.findall(text)]
    return list(zip(numbers[::2], numbers[1::2], strict=False))


def _text_line(element: ET.Element) -> TextLine:
    text = "".join(element.itertext())
    size = float(element.get("font-size", "14"))
    bold = element.get("font-weight") == "bold"
    measured = ink(text, size, bold)
    x, y = float(element.get("x", "0")), float(element.get("y", "0"))
    anchor = element.get("text-anchor", "start")
    left = {"start": x, "middle": x - measured.width / 2, "end": x - measured.width}[anchor]
    box = Rect(left, y - measured.above, left + measured.width, y + measured.below)
    return TextLine(text, box)


def _bounds(points: Iterable[Point]) -> Rect | None:
    pts = list(points)
    if not pts:
        return None
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return Rect(min(xs), min(ys), max(xs), max(ys))


def _item(group: ET.Element) -> Item:
    title = group.find(f"{SVG}title")
    item = Item(group.get("class", ""), "".join(title.itertext()) if title is not None else "")
    everything: list[Point] = []
    for element in group.iter():
        tag = element.tag.removeprefix(SVG)
        runs: list[list[Point]] = []
        if tag == "path":
            runs = _path_points(element.get("d", ""))
        elif tag in ("polygon", "polyline"):
            pts = _points(element.get("points", ""))
            runs = [pts + pts[:1]] if tag == "polygon" else [pts]
        elif tag == "ellipse":
            cx, cy = float(element.get("cx", "0")), float(element.get("cy", "0"))
            rx, ry = float(element.get("rx", "0")), float(element.get("ry", "0"))
            runs = [[(cx + rx * c, cy + ry * s) for c, s in _CIRCLE]]
        elif tag == "image":
            x, y = float(element.get("x", "0")), float(element.get("y", "0"))
            w = float(element.get("width", "0").removesuffix("px"))
            h = float(element.get("height", "0").removesuffix("px"))
            everything += [(x, y), (x + w, y + h)]
        elif tag == "text":
            item.lines.append(_text_line(element))
        if element.get("stroke", "none") in ("none", "transparent") and tag != "image":
            continue
        if item.kind == "edge" and tag == "polygon":
            continue  # arrowheads
        for run in runs:
            item.strokes += list(pairwise(run))
            everything += run
            if not item.outline and not item.lines and len(run) > 3 and tag != "polyline":
                item.outline = run
    item.extent = _bounds(everything)
    return item


_CIRCLE = [(math.cos(a * math.pi / 8), math.sin(a * math.pi / 8)) for a in range(17)]


def read_items(svg: str) -> list[Item]:
    root = ET.fromstring(svg)
    return [_item(g) for g in root.iter(f"{SVG}g") if g.get("class") in ("node", "cluster", "edge")]


_TRANSFORM = re.compile(
    r'<g id="graph0" class="graph" transform="scale\(([-\d.]+) ([-\d.]+)\) rotate\(0\) '
    r'translate\(([-\d.]+) ([-\d.]+)\)"'
)
_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def enclosing(boxes: Iterable[Rect]) -> Rect | None:
    """The box around all of `boxes`, or None when there are none."""
    whole: Rect | None = None
    for box in boxes:
        whole = box if whole is None else whole.union(box)
    return whole


def drawn_extent(items: Iterable[Item]) -> Rect | None:
    """The box around every stroke, shape, image and text line, in the graph's coordinates."""
    items = list(items)
    boxes = [item.extent for item in items if item.extent is not None]
    return enclosing([*boxes, *(line.box for item in items for line in item.lines)])


def canvas(svg: str) -> Rect | None:
    """The drawing's own box (its width and height) in the graph's coordinates: Graphviz
    draws the graph translated (and scaled) into the SVG's viewport."""
    transform, size = _TRANSFORM.search(svg), _SIZE.search(svg)
    if transform is None or size is None:
        return None
    sx, sy, tx, ty = (float(v) for v in transform.groups())
    width, height = float(size.group(1)), float(size.group(2))
    return Rect(-tx, -ty, width / sx - tx, height / sy - ty)


def _inside(point: Point, polygon: Sequence[Point]) -> bool:
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in pairwise(polygon):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def crosses(segment: Segment, rect: Rect) -> bool:
    """Whether a segment passes through a rectangle (Liang-Barsky clipping)."""
    (x0, y0), (x1, y1) = segment
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - rect.x0), (dx, rect.x1 - x0), (-dy, y0 - rect.y0), (dy, rect.y1 - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def distance(rect: Rect, segments: Sequence[Segment]) -> float:
    """The distance from a rectangle to the nearest of some segments (sampled)."""
    best = float("inf")
    for segment in segments:
        if crosses(segment, rect):
            return 0.0
        (x0, y0), (x1, y1) = segment
        for i in range(11):
            t = i / 10
            px, py = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
            dx = max(rect.x0 - px, 0.0, px - rect.x1)
            dy = max(rect.y0 - py, 0.0, py - rect.y1)
            best = min(best, (dx * dx + dy * dy) ** 0.5)
    return best


def _check_shape(item: Item, audit: Audit) -> None:
    if not item.strokes:
        return  # a plain-text or icon node: no border to cross
    for line in item.lines:
        room = line.box.grown(CLEARANCE)
        inside = not item.outline or _inside(line.box.centre, item.outline)
        if not inside or any(crosses(s, room) for s in item.strokes):
            audit.crossing.append(f"{item.kind} {item.name}: '{line.text}' crosses its border")


def label_box(item: Item) -> Rect | None:
    """The box around an item's text: an edge's label, a cluster's title."""
    return enclosing(line.box for line in item.lines)


def audit_svg(svg: str) -> Audit:
    """Every label problem of one drawn figure."""
    items = read_items(svg)
    audit = Audit()
    nodes = [i for i in items if i.kind == "node"]
    edges = [(i, label_box(i)) for i in items if i.kind == "edge"]
    labelled = [(e, box) for e, box in edges if box is not None]
    for item in items:
        audit.labels += len(item.lines) if item.kind != "edge" else 0
        audit.truncated += [
            f"{item.kind} {item.name}: '{line.text}'"
            for line in item.lines
            if line.text.rstrip().endswith(ELLIPSIS)
        ]
        if item.kind in ("node", "cluster"):
            _check_shape(item, audit)
    audit.edge_labels = len(labelled)
    for (a, box_a), (b, box_b) in combinations(labelled, 2):
        if box_a.overlaps(box_b):
            audit.overprinted.append(f"edge labels of {a.name} and {b.name} overprint")
    for edge, box in labelled:
        for node in nodes:
            shapes = [node.extent] if node.extent else []
            shapes += [line.box for line in node.lines]
            if any(box.overlaps(s) for s in shapes):
                audit.on_nodes.append(f"edge label of {edge.name} covers node {node.name}")
                break
        if edge.strokes and distance(box, edge.strokes) > EDGE_LABEL_REACH:
            audit.astray.append(f"edge label of {edge.name} sits away from its edge")
    _check_crossings(items, labelled, audit)
    frame, drawn = canvas(svg), drawn_extent(items)
    if frame is not None and drawn is not None and not _within(drawn, frame.grown(0.5)):
        reach = f"({drawn.x0:.0f}, {drawn.y0:.0f})-({drawn.x1:.0f}, {drawn.y1:.0f})"
        own = f"({frame.x0:.0f}, {frame.y0:.0f})-({frame.x1:.0f}, {frame.y1:.0f})"
        audit.outside.append(f"the drawing reaches {reach}, outside its own box {own}")
    return audit


def _within(inner: Rect, outer: Rect) -> bool:
    return (
        inner.x0 >= outer.x0
        and inner.y0 >= outer.y0
        and inner.x1 <= outer.x1
        and inner.y1 <= outer.y1
    )


def _check_crossings(
    items: Sequence[Item], labelled: Sequence[tuple[Item, Rect]], audit: Audit
) -> None:
    """Edges drawn through a cluster's title, or through an edge label not their own."""
    edges = [i for i in items if i.kind == "edge" and i.strokes]
    for cluster in (i for i in items if i.kind == "cluster"):
        for line in cluster.lines:
            for edge in edges:
                if any(crosses(s, line.box) for s in edge.strokes):
                    audit.through_titles.append(
                        f"edge {edge.name} runs through the title of {cluster.name}"
                    )
    for owner, box in labelled:
        for edge in edges:
            if edge is not owner and any(crosses(s, box) for s in edge.strokes):
                audit.crossed_labels.append(f"edge {edge.name} crosses the label of {owner.name}")
