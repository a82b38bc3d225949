"""Edge labels Graphviz set away from their edge, moved beside it.

Dot places a label in the rank gap its edge crosses, and a long curved edge can leave its
label nearer another edge than its own, where it reads as that edge's. Such a label moves
beside a point of its own edge (its middle first, then either side of it), on the first
spot that no box, label or other edge touches; it stays where it was when there is none.
"""

from __future__ import annotations

from itertools import pairwise

from designdoc.figures.audit import (
    EDGE_LABEL_REACH,
    Item,
    Point,
    Rect,
    canvas,
    crosses,
    distance,
    label_box,
    read_items,
)
from designdoc.figures.layout.svg_text import move_texts

GAP = 3.0  # points between a moved label and its edge
FRACTIONS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)


def _points(edge: Item) -> list[Point]:
    points: list[Point] = []
    for start, end in edge.strokes:
        if not points or points[-1] != start:
            points.append(start)
        points.append(end)
    return points


def _along(points: list[Point], fraction: float) -> Point:
    """The point `fraction` of the way along a polyline."""
    pieces = list(pairwise(points))
    lengths = [((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5 for a, b in pieces]
    goal = sum(lengths) * fraction
    for (a, b), length in zip(pieces, lengths, strict=True):
        if goal <= length and length > 0:
            t = goal / length
            return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        goal -= length
    return points[-1]


def _spots(edge: Item, box: Rect) -> list[Rect]:
    width, height = box.x1 - box.x0, box.y1 - box.y0
    points = _points(edge)
    spots = []
    for fraction in FRACTIONS:
        x, y = _along(points, fraction)
        top = y - height / 2
        spots.append(Rect(x + GAP, top, x + GAP + width, top + height))  # right of the edge
        spots.append(Rect(x - GAP - width, top, x - GAP, top + height))  # left of it
    return spots


def place_edge_labels(svg: str) -> str:
    """The SVG with each edge label that sits away from its own edge moved beside it."""
    items = read_items(svg)
    frame = canvas(svg)
    edges = [item for item in items if item.kind == "edge" and item.strokes]
    boxes = {id(edge): label_box(edge) for edge in edges}
    taken = [item.extent for item in items if item.kind == "node" and item.extent]
    taken += [line.box for item in items if item.kind != "edge" for line in item.lines]
    moves: dict[str, tuple[float, float]] = {}
    for edge in edges:
        box = boxes[id(edge)]
        if box is None or distance(box, edge.strokes) <= EDGE_LABEL_REACH:
            continue
        others = [b for e, b in ((e, boxes[id(e)]) for e in edges) if e is not edge and b]
        for spot in _spots(edge, box):
            grown = spot.grown(1.0)
            if frame is not None and not (
                frame.x0 <= spot.x0
                and spot.x1 <= frame.x1
                and frame.y0 <= spot.y0
                and spot.y1 <= frame.y1
            ):
                continue
            if any(grown.overlaps(other) for other in [*taken, *others]):
                continue
            if any(crosses(segment, spot) for e in edges for segment in e.strokes):
                continue
            moves[edge.name] = (spot.x0 - box.x0, spot.y0 - box.y0)
            boxes[id(edge)] = spot
            break
    return move_texts(svg, moves)
