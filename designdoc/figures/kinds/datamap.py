"""Data and features: each source and the features computed from it, coloured by mode."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from designdoc.figures.figure import Drawing
from designdoc.figures.layout import style
from designdoc.figures.layout.graph import fingerprint, new_graph
from designdoc.figures.layout.labels import Line, html_label, node_id, title_and_details
from designdoc.spec.models.root import Spec
from designdoc.spec.models.steps import DataSource, Feature

NO_SOURCE = "_none"


def feature_mode(feature: Feature) -> str:
    return str(feature.computation) if feature.computation is not None else "unspecified"


def _features_by_source(spec: Spec) -> dict[str, list[tuple[int, Feature]]]:
    """Features (with their position) under the id of their source; unknown ones apart."""
    known = {s.id for s in spec.data.sources}
    grouped: dict[str, list[tuple[int, Feature]]] = {s.id: [] for s in spec.data.sources}
    for number, feature in enumerate(spec.data.features):
        key = feature.source if feature.source in known else NO_SOURCE
        grouped.setdefault(key, []).append((number, feature))
    return grouped


def _source_label(source: DataSource) -> str:
    details = [
        str(source.ingestion) if source.ingestion else "",
        source.storage or "",
        source.volume or "",
    ]
    return title_and_details(source.name or source.id, [" · ".join(d for d in details if d)])


def _feature_label(feature: Feature) -> str:
    details = [
        d
        for d in (
            feature.type and str(feature.type),
            feature.freshness and f"fresh within {feature.freshness.text}",
        )
        if d
    ]
    return title_and_details(feature.name, [", ".join(details)] if details else [], size=10)


def _legend(graph: Any, modes: Sequence[str]) -> None:
    cells = "".join(
        f'<TD BGCOLOR="{style.MODE_COLOURS[m][0]}" COLOR="{style.MODE_COLOURS[m][1]}" '
        f'BORDER="1" STYLE="rounded" CELLPADDING="5">'
        f'<FONT POINT-SIZE="10">{style.MODE_TITLES[m]}</FONT></TD>'
        for m in modes
    )
    table = (
        f'<<TABLE BORDER="0" CELLSPACING="6"><TR><TD><FONT POINT-SIZE="10" '
        f'COLOR="{style.MUTED}">Computed:</FONT></TD>{cells}</TR></TABLE>>'
    )
    graph.node("n_legend", table, shape="plaintext", style="")


def _source_node(key: str) -> str:
    return "n_nosource" if key == NO_SOURCE else node_id("d", key)


def _keep_order(graph: Any, nodes: Sequence[str]) -> None:
    """Sources on one rank, in spec order: Graphviz would otherwise often reverse them."""
    if len(nodes) < 2:
        return
    with graph.subgraph() as same:
        same.attr(rank="same")
        for before, after in pairwise(nodes):
            same.edge(before, after, style="invis")


def _add_source(graph: Any, key: str, spec: Spec, features: Sequence[tuple[int, Feature]]) -> None:
    sources = {s.id: s for s in spec.data.sources}
    source_node = _source_node(key)
    if key == NO_SOURCE:
        graph.node(
            source_node,
            html_label([Line("source not stated", style.SMALL_SIZE, color=style.MUTED)]),
            shape="plaintext",
            style="",
        )
    else:
        graph.node(
            source_node,
            _source_label(sources[key]),
            shape="cylinder",
            fillcolor="#FCF6EA",
            color="#C9A860",
            margin=style.LID_MARGIN,
        )
    for number, feature in features:
        fill, border = style.MODE_COLOURS[feature_mode(feature)]
        fid = f"n_feature{number}"
        graph.node(fid, _feature_label(feature), fillcolor=fill, color=border)
        graph.edge(source_node, fid, color=border)


def build_datamap(spec: Spec, direction: str, units: Sequence[str] | None) -> str:
    graph = new_graph(direction)
    graph.attr("graph", ranksep="0.7", nodesep="0.18")
    grouped = _features_by_source(spec)
    shown = [key for key in grouped if units is None or key in units]
    for key in shown:
        _add_source(graph, key, spec, grouped[key])
    _keep_order(graph, [_source_node(key) for key in shown])
    modes = [m for m in style.MODE_COLOURS if any(feature_mode(f) == m for f in spec.data.features)]
    if modes:
        _legend(graph, modes)
    return str(graph.source)


def data_drawing(spec: Spec) -> Drawing | None:
    """Sources and features, or None when the spec names neither."""
    data = spec.data
    if not data.sources and not data.features:
        return None
    units = tuple(_features_by_source(spec))
    names = {s.id: s.name or s.id for s in data.sources} | {NO_SOURCE: "features without a source"}
    return Drawing(
        kind="data",
        title="Data and features",
        caption="Data sources and the features computed from each, coloured by when they are "
        "computed: in batch, from streams, or at request time.",
        step=3,
        build=lambda direction, chosen: build_datamap(spec, direction, chosen),
        fingerprint=fingerprint(
            "data",
            [s.model_dump(mode="json") for s in data.sources],
            [f.model_dump(mode="json") for f in data.features],
        ),
        units=units,
        unit_names=names,
    )
