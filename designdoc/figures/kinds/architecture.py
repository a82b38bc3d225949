"""The system architecture, drawn with the `diagrams` package and its icons.

The `diagrams` package builds the graph (nodes, clusters, edges); its DOT source is taken
before it renders anything, so it never writes files or opens a viewer, and `dot` is run
by `designdoc.figures.layout.dot` like every other figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from html import escape
from pathlib import Path
from typing import Any

from designdoc.figures.figure import BuildDot, Drawing
from designdoc.figures.kinds.genai_topology import GenAIParts, add_genai
from designdoc.figures.kinds.icons import Look, look_of
from designdoc.figures.kinds.topology import (
    BOX_UNIT,
    SERVICES_UNIT,
    STAGES_UNIT,
    UNGROUPED,
    Arrow,
    Box,
    Topology,
    topology_of,
)
from designdoc.figures.layout import style
from designdoc.figures.layout.graph import fingerprint
from designdoc.figures.layout.labels import (
    Line,
    clean,
    edge_label,
    html_label,
    label_rows,
    node_id,
    stack,
)
from designdoc.spec.models.root import Spec

ICON_PT = 30
MODE_STYLES = {"async": "dashed", "batch": "dotted"}

# The overview (compact) form: an icon or shape and a short label per box, short edge
# labels, and tighter spacing; every text stays at 10 pt or more at natural size.
COMPACT_ICON_PT = 18
COMPACT_LABEL_WIDTH = 18
COMPACT_EDGE_WIDTH = 17
COMPACT_SIZE = 10.0
DETAILED_SPACING = {"nodesep": "0.3", "ranksep": "0.4"}
COMPACT_SPACING = {"nodesep": "0.1", "ranksep": "0.15"}
COMPACT_NODE_MARGIN = "0.12,0.04"
COMPACT_CLUSTER_MARGIN = "6"


def _rows(box: Box, look: Look, compact: bool) -> list[str]:
    if compact:
        return label_rows(
            [Line(box.label, COMPACT_SIZE, bold=True, width=COMPACT_LABEL_WIDTH, max_lines=2)]
        )
    lines = [Line(box.label, style.TITLE_SIZE, bold=True, width=20)]
    lines += [
        Line(d, style.DETAIL_SIZE, color=style.MUTED, width=26, max_lines=2) for d in box.details
    ]
    if look.caption and not box.stage and look.caption.lower() != box.label.lower():
        lines.append(Line(look.caption, style.DETAIL_SIZE, color=style.MUTED, width=26))
    return label_rows(lines)


def _icon_label(rows: Sequence[str], icon: Path, size: int = ICON_PT) -> str:
    source = escape(str(icon), quote=True)
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{size}" HEIGHT="{size}">'
        f'<IMG SRC="{source}" SCALE="TRUE"/></TD></TR>'
        f"<TR><TD>{stack(rows)}</TD></TR></TABLE>>"
    )


def _node_attrs(box: Box, look: Look, compact: bool = False) -> tuple[str, dict[str, str]]:
    """A node's label and attributes: an icon over its label, a shape, or a plain box."""
    rows = _rows(box, look, compact)
    if look.icon is not None:
        size = COMPACT_ICON_PT if compact else ICON_PT
        return _icon_label(rows, look.icon, size), {"shape": "none", "style": "", "margin": "0.04"}
    label = "<" + stack(rows) + ">"
    if box.stage:
        attrs = {"color": style.ACCENT, "penwidth": "1.2"}
        if box.batch:
            attrs["style"] = "rounded,dashed,filled"
        return label, attrs
    shape = look.shape
    rounded = "rounded,filled" if shape.shape == "box" and shape.peripheries == 1 else "filled"
    if box.inferred:
        rounded += ",dashed"
    attrs = {"shape": shape.shape, "fillcolor": shape.fill, "color": shape.border, "style": rounded}
    if shape.peripheries > 1:
        attrs["peripheries"] = str(shape.peripheries)
    if shape.margin is not None:
        attrs["margin"] = shape.margin
    return label, attrs


def _group_title(group: str) -> str:
    title = style.GROUP_TITLES.get(group, group)
    return "<" + stack(label_rows([Line(title, style.CLUSTER_SIZE, bold=True, width=40)])) + ">"


def _short_edge_label(text: str | None) -> str | None:
    """An overview's edge label: two short lines at most, cut after a whole word."""
    if not text or not clean(text).strip():
        return None
    line = Line(text, COMPACT_SIZE, color=style.MUTED, width=COMPACT_EDGE_WIDTH, max_lines=2)
    return html_label([line])


def _edge_attrs(arrow: Arrow, compact: bool = False) -> dict[str, str]:
    attrs = {
        "fontname": style.FONT,
        "fontsize": f"{style.EDGE_SIZE:g}",
        "fontcolor": style.MUTED,
        "color": style.ACCENT if arrow.implicit else style.LINE,
    }
    label = _short_edge_label(arrow.label) if compact else edge_label(arrow.label)
    if label:
        attrs["label"] = label
    mode = (arrow.mode or "").lower()
    if mode in MODE_STYLES:
        attrs["style"] = MODE_STYLES[mode]
    return attrs


def _ghost_attrs(
    group: str, names: Sequence[str], compact: bool = False
) -> tuple[str, dict[str, str]]:
    named = Line(", ".join(names), style.DETAIL_SIZE, color=style.MUTED, width=24)
    if compact:
        named = Line(", ".join(names), COMPACT_SIZE, color=style.MUTED, width=22, max_lines=2)
    apart = Line(f"in {_group_name(group)}, drawn apart", style.SMALL_SIZE, color=style.MUTED)
    label = html_label([named, apart])
    return label, {"shape": "box", "style": "rounded,dashed", "color": style.LINE}


class _Builder:
    """Adds a topology's boxes, clusters and arrows to a `diagrams` diagram."""

    def __init__(
        self,
        topology: Topology,
        units: Sequence[str] | None,
        compact: bool = False,
        *,
        relaxed: bool = False,
    ) -> None:
        self.topology = topology
        self.compact = compact
        self.relaxed = relaxed
        self.serving = {box.group for box in topology.boxes if box.stage}
        self.back = topology.back_arrows() if relaxed else set()
        chosen = topology.groups() if units is None else units
        self.members = {box_id for unit in chosen for box_id in topology.members(unit)}
        self.nodes: dict[str, Any] = {}

    def add_boxes(self, node_class: Any, cluster_class: Any) -> None:
        for index, group in enumerate(self.topology.groups()):
            boxes = [b for b in self.topology.boxes if b.group == group and b.id in self.members]
            if not boxes:
                continue
            if group == UNGROUPED:
                self._add(node_class, boxes)
                continue
            attrs = style.cluster_attrs(group, index)
            attrs |= {"label": _group_title(group), "bgcolor": attrs["fillcolor"]}
            if self.compact:
                attrs["margin"] = COMPACT_CLUSTER_MARGIN
            with cluster_class(label=f"g{index}", graph_attr=attrs):
                self._add(node_class, boxes)

    def _add(self, node_class: Any, boxes: Sequence[Box]) -> None:
        for box in boxes:
            label, attrs = _node_attrs(box, look_of(box.kind), self.compact)
            self.nodes[box.id] = node_class(label, nodeid=node_id("a", box.id), **attrs)

    def add_arrows(self, node_class: Any, edge_class: Any) -> None:
        arrows = [
            a for a in self.topology.arrows if a.source in self.nodes or a.target in self.nodes
        ]
        self._add_ghosts(node_class, arrows)
        for arrow in self._merged(arrows):
            source, target = (
                self.nodes.get(i) or self.nodes[self._ghost_key(i)]
                for i in (arrow.source, arrow.target)
            )
            attrs = _edge_attrs(arrow, self.compact)
            if self.relaxed:
                attrs |= self.relaxed_edge(arrow)
            source.connect(target, edge_class(source, forward=True, **attrs))

    def _merged(self, arrows: Sequence[Arrow]) -> list[Arrow]:
        """Arrows that end up between the same two drawn boxes (a stand-in for boxes drawn
        apart, say) become one arrow carrying all their labels: two labels on parallel
        arrows would overprint."""

        def ends(arrow: Arrow) -> tuple[str, str]:
            return tuple(  # type: ignore[return-value]
                i if i in self.nodes else self._ghost_key(i) for i in (arrow.source, arrow.target)
            )

        merged: dict[tuple[str, str], Arrow] = {}
        for arrow in arrows:
            key = ends(arrow)
            first = merged.get(key)
            if first is None:
                back = key[::-1] in merged and any(k.startswith("ghost:") for k in key)
                # A pair of opposite arrows to a stand-in: one label, or the two overprint.
                merged[key] = replace(arrow, label=None) if back else arrow
                continue
            labels = [t for t in dict.fromkeys((first.label, arrow.label)) if t]
            merged[key] = replace(first, label="; ".join(labels) or None)
        return list(merged.values())

    def relaxed_edge(self, arrow: Arrow) -> dict[str, str]:
        """In the overview, arrows between the serving cluster and the others, and arrows
        closing a loop (the response), do not push boxes down a rank: clusters then sit
        side by side, as on a whiteboard, and the request path stays tight."""
        boxes = self.topology.by_id()
        groups = {boxes[arrow.source].group, boxes[arrow.target].group}
        crossing = len(groups) > 1 and bool(groups & self.serving)
        if crossing or (arrow.source, arrow.target) in self.back:
            return {"constraint": "false"}
        return {}

    def _ghost_key(self, box_id: str) -> str:
        return "ghost:" + self.topology.by_id()[box_id].group

    def _add_ghosts(self, node_class: Any, arrows: Sequence[Arrow]) -> None:
        """One dashed stand-in per group drawn apart, naming the boxes arrows lead to."""
        boxes = self.topology.by_id()
        outside = [boxes[i] for a in arrows for i in (a.source, a.target) if i not in self.nodes]
        groups = self.topology.groups()
        for group in dict.fromkeys(box.group for box in outside):
            names = list(dict.fromkeys(b.label for b in outside if b.group == group))
            label, attrs = _ghost_attrs(group, names, self.compact)
            ghost_id = node_id("x", f"g{groups.index(group)}")
            self.nodes["ghost:" + group] = node_class(label, nodeid=ghost_id, **attrs)


def _diagram_class() -> Any:
    from diagrams import Diagram, setdiagram

    class SourceOnlyDiagram(Diagram):  # type: ignore[misc]
        """A diagram that keeps its DOT source in memory and never renders or writes."""

        def render(self) -> None:
            return None

        def __exit__(self, *exc: object) -> None:
            setdiagram(None)

    return SourceOnlyDiagram


def build_architecture(
    topology: Topology,
    direction: str,
    units: Sequence[str] | None,
    *,
    compact: bool = False,
    relaxed: bool = True,
    newrank: bool = True,
) -> str:
    """The DOT source of the architecture (or of some of its units): detailed, or compact.

    A compact drawing is `relaxed` unless told otherwise: arrows between the serving
    cluster and the others then leave the ranks alone (see `_Builder.relaxed_edge`).
    Without `newrank`, dot ranks each cluster on its own, which often packs tighter.
    """
    from diagrams import Cluster, Edge, Node

    spacing = COMPACT_SPACING if compact else DETAILED_SPACING
    graph_attr = style.graph_attrs(direction) | spacing
    if not newrank:
        # Graphviz reads any value of newrank, "false" too, as on: leave it out.
        del graph_attr["newrank"]
    node_attr = style.node_attrs() | {
        "fixedsize": "false",
        "width": "0",
        "height": "0",
        "labelloc": "c",
        "imagescale": "false",
    }
    if compact:
        node_attr["margin"] = COMPACT_NODE_MARGIN
    diagram_class = _diagram_class()
    with diagram_class(
        name="",
        filename="architecture",
        direction=direction,
        show=False,
        outformat="dot",
        graph_attr=graph_attr,
        node_attr=node_attr,
        edge_attr=style.edge_attrs(),
    ) as diagram:
        builder = _Builder(topology, units, compact, relaxed=compact and relaxed)
        builder.add_boxes(Node, Cluster)
        builder.add_arrows(Node, Edge)
        return str(diagram.dot.source)


def _group_name(group: str) -> str:
    return style.GROUP_TITLES.get(group, group) or "other components"


def _unit_names(topology: Topology) -> dict[str, str]:
    names = {g: _group_name(g) for g in topology.groups()}
    for group in topology.groups():
        names[group + STAGES_UNIT] = f"{_group_name(group)}, request path"
        names[group + SERVICES_UNIT] = f"{_group_name(group)}, services and stores"
    stages = {b.id for b in topology.boxes if b.stage}
    for box in topology.boxes:
        half = STAGES_UNIT if box.id in stages else SERVICES_UNIT
        names[BOX_UNIT + box.id] = names.get(box.group + half, _group_name(box.group))
    return names


def _overview_variants(topology: Topology) -> tuple[BuildDot, ...]:
    """The compact form's variants, each cluster ranked on its own (global ranking leaves
    long empty gaps on the request path): clusters side by side, or in flow order."""

    def variant(relaxed: bool, newrank: bool) -> BuildDot:
        return lambda direction, units: build_architecture(
            topology, direction, units, compact=True, relaxed=relaxed, newrank=newrank
        )

    return (variant(True, False), variant(False, False))


def _genai_caption(parts: GenAIParts) -> str:
    named = [
        what
        for what, shown in (
            ("the model server", parts.model),
            ("the index", parts.index),
            ("the caches" if parts.caches > 1 else "the cache", parts.caches),
        )
        if shown
    ]
    said = ""
    if named:
        listed = ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + named[-1]
        said = f" {listed[:1].upper()}{listed[1:]} are those the genai: section names."
    if parts.guardrails:
        said += (
            " Dashed boxes are filters genai.guardrails names that no serving stage holds, "
            "drawn where they act: before the first stage and after the last."
        )
    return said


def _caption(spec: Spec, topology: Topology, parts: GenAIParts) -> str:
    if spec.serving.components:
        caption = (
            "The system's components and the data flowing between them, grouped by where they run."
        )
    else:
        caption = "The serving stages in order, from the request to the response."
    if topology.inferred():
        caption += (
            " Blue arrows are implied by the spec rather than drawn in it: they follow the "
            "order of the stages no flow mentions"
            + (", the index lookups of retrieval stages" if spec.serving.index else "")
            + (", the links to what the genai: section names" if parts.added else "")
            + "."
        )
    return caption + _genai_caption(parts)


def architecture_drawing(spec: Spec) -> Drawing | None:
    """The system architecture, or None when the spec has neither components nor stages."""
    topology = topology_of(spec)
    if topology is None:
        return None
    parts = add_genai(topology, spec)
    looks = [look_of(box.kind) for box in topology.boxes]
    icons = {str(look.icon): look.icon for look in looks if look.icon is not None}
    return Drawing(
        kind="architecture",
        title="System architecture",
        caption=_caption(spec, topology, parts),
        step=6,
        build=lambda direction, units: build_architecture(topology, direction, units),
        overview=_overview_variants(topology),
        fingerprint=fingerprint(
            "architecture",
            spec.serving.model_dump(mode="json"),
            [f.computation for f in spec.data.features],
            spec.genai.model_dump(mode="json") if spec.genai else None,
        ),
        units=tuple(topology.groups()),
        unit_sizes={group: len(boxes) for group, boxes in topology.units().items()},
        subunits=topology.subunits(),
        unit_names=_unit_names(topology),
        icons=icons,
    )
