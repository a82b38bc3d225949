"""Cluster titles moved off the edges that run through them.

Graphviz writes a cluster's title at the top left of its box and routes edges without
regard to it, so an edge entering the cluster from above can strike through the title. The
title slides along its band, to the right end and then the middle, to the first place no
edge crosses and no label or box covers; it stays where it was when there is none.
"""

from __future__ import annotations

from designdoc.figures.audit import Item, Rect, crosses, label_box, read_items
from designdoc.figures.layout.svg_text import move_texts

INSET = 8.0  # points between a title moved to the right and its cluster's border


def _clear(place: Rect, edges: list[Item], covers: list[Rect]) -> bool:
    if any(crosses(segment, place) for edge in edges for segment in edge.strokes):
        return False
    return not any(place.grown(1.0).overlaps(other) for other in covers)


def clear_titles(svg: str) -> str:
    """The SVG with each crossed cluster title moved to a clear place along its band."""
    items = read_items(svg)
    edges = [item for item in items if item.kind == "edge" and item.strokes]
    covers = [box for edge in edges if (box := label_box(edge)) is not None]
    covers += [item.extent for item in items if item.kind == "node" and item.extent]
    shifts: dict[str, tuple[float, float]] = {}
    for cluster in (item for item in items if item.kind == "cluster"):
        title, frame = label_box(cluster), cluster.extent
        if title is None or frame is None or _clear(title, edges, covers):
            continue
        width = title.x1 - title.x0
        for left in (frame.x1 - INSET - width, (frame.x0 + frame.x1 - width) / 2):
            if left < title.x0:
                continue  # the title would leave its own start
            place = Rect(left, title.y0, left + width, title.y1)
            if _clear(place, edges, covers):
                shifts[cluster.name] = (left - title.x0, 0.0)
                covers.append(place)
                break
    return move_texts(svg, shifts)
