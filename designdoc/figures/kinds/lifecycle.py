"""The ML lifecycle: data, features, training, registry, serving, monitoring and retraining."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from designdoc.figures.figure import Drawing
from designdoc.figures.kinds.facts import (
    feature_stores,
    index_title,
    index_type,
    is_vector_index,
    model_registries,
    value_of,
)
from designdoc.figures.layout import style
from designdoc.figures.layout.graph import cluster, fingerprint, new_graph
from designdoc.figures.layout.labels import Line, edge_label, html_label, node_id, title_and_details
from designdoc.spec.grammar import counted
from designdoc.spec.models.root import Spec
from designdoc.spec.models.steps import Feature
from designdoc.spec.serving_path import is_batch, stage_groups

MAX_SOURCE_NODES = 6
LOOP = "#7151A6"


SERVING_LOOK = {"shape": "box", "style": "filled", "peripheries": "2"}


def same_rank(graph: Any, nodes: Sequence[str]) -> None:
    """Keep these nodes side by side across the flow: the loop stays about five ranks long."""
    with graph.subgraph() as same:
        same.attr(rank="same")
        for node in nodes:
            same.node(node)


def _chosen_model(spec: Spec) -> str | None:
    chosen = [c.name for c in spec.model.candidates if c.chosen]
    return chosen[0] if chosen else None


def _add_sources(graph: Any, spec: Spec) -> dict[str, str]:
    """The spec's data sources in a cluster: source id -> the node standing for it."""
    sources = spec.data.sources
    if not sources:
        return {}
    title = html_label([Line("Data sources", style.CLUSTER_SIZE, bold=True)])
    with cluster(graph, "sources", title, "data", 0) as sub:
        if len(sources) > MAX_SOURCE_NODES:
            names = ", ".join(s.name or s.id for s in sources)
            sub.node("n_sources", title_and_details(counted(len(sources), "source"), [names]))
            return {s.id: "n_sources" for s in sources}
        for source in sources:
            sub.node(node_id("d", source.id), title_and_details(source.name or source.id, width=16))
        return {s.id: node_id("d", s.id) for s in sources}


def _modes(spec: Spec) -> dict[str, list[Feature]]:
    """Features computed ahead of the request, by mode (batch, streaming), as stated."""
    modes: dict[str, list[Feature]] = {}
    for feature in spec.data.features:
        mode = value_of(feature.computation)
        if mode in ("batch", "streaming"):
            modes.setdefault(mode, []).append(feature)
    return modes


def _add_features(graph: Any, spec: Spec, sources: dict[str, str]) -> list[str]:
    """A node per stated computation mode, fed by the sources its features come from, and
    the named feature store when there is one. Returns the nodes that hand on features."""
    modes = _modes(spec)
    stores = feature_stores(spec)
    fed_sources = set()
    outputs = []
    for mode, features in modes.items():
        fill, border = style.MODE_COLOURS[mode]
        count = counted(len(features), "feature")
        node = f"n_{mode}"
        title = title_and_details(f"{style.MODE_TITLES[mode]} features", [count])
        graph.node(node, title, fillcolor=fill, color=border)
        outputs.append(node)
        for source in dict.fromkeys(sources.get(f.source or "", "") for f in features):
            if source:
                graph.edge(source, node)
                fed_sources.add(source)
    if stores and outputs:
        graph.node(
            "n_store",
            title_and_details(stores[0], stores[1:]),
            shape="cylinder",
            fillcolor="#E4F2EA",
            color=style.GOOD,
            margin=style.LID_MARGIN,
        )
        for node in outputs:
            graph.edge(node, "n_store")
        same_rank(graph, [*outputs, "n_store"])
        outputs = ["n_store"]
    for source in dict.fromkeys(sources.values()):
        if source not in fed_sources:  # labels or examples, not features: straight to training
            graph.edge(source, "n_dataset")
    return outputs


def _training_details(spec: Spec) -> tuple[list[str], list[str]]:
    data, training = spec.data, spec.model.training
    dataset = [
        d
        for d in (
            data.sampling.strategy if data.sampling else None,
            f"{data.split.strategy} split" if data.split and data.split.strategy else None,
        )
        if d
    ]
    offline = [m.metric for m in spec.evaluation.offline if m.primary][:1]
    retraining = training.retraining
    model = [
        d
        for d in (
            _chosen_model(spec),
            offline and f"evaluated on {offline[0]}",
            retraining and retraining.cadence and f"retrained: {retraining.cadence}",
        )
        if d
    ]
    return dataset, model


def _add_training(graph: Any, spec: Spec) -> str:
    """Dataset and training, and the named model registry; returns the node serving reads."""
    dataset, model = _training_details(spec)
    registries = model_registries(spec)
    title = html_label([Line("Offline training", style.CLUSTER_SIZE, bold=True)])
    with cluster(graph, "training", title, "offline", 0) as sub:
        sub.node("n_dataset", title_and_details("Training dataset", dataset))
        sub.node("n_train", title_and_details("Training", model))
        sub.edge("n_dataset", "n_train")
        if not registries:
            return "n_train"
        sub.node(
            "n_registry",
            title_and_details(registries[0]),
            shape="folder",
            fillcolor="#FBF1DF",
            color="#B07A1E",
        )
        sub.edge("n_train", "n_registry")
        same_rank(sub, ["n_train", "n_registry"])
    return "n_registry"


def _stage_summary(spec: Spec) -> str:
    names = [
        f"{len(level)} in parallel" if len(level) > 1 else level[0].name or level[0].id
        for level in stage_groups(spec.serving.stages)
    ]
    return " → ".join(names)


def _watched(spec: Spec) -> list[str]:
    watched = [*spec.monitoring.ml, *spec.monitoring.operational]
    if len(watched) > 3:
        return [*watched[:2], f"and {len(watched) - 2} more"]
    return watched


def _monitor_label(spec: Spec) -> str:
    lines = [Line("Monitoring", style.TITLE_SIZE, bold=True, width=22)]
    lines += [Line(w, style.DETAIL_SIZE, color=style.MUTED, width=26) for w in _watched(spec)]
    retraining = spec.model.training.retraining
    if retraining is not None and retraining.trigger:
        text = f"Retrain when: {retraining.trigger}"
        lines.append(Line(text, style.DETAIL_SIZE, color=LOOP, width=26, max_lines=4))
    return html_label(lines)


def _add_serving(graph: Any, spec: Spec, features: Sequence[str], model: str) -> bool:
    """Serving, fed by the model and the features; monitoring when the spec states any.
    Returns whether monitoring is drawn."""
    serving = spec.serving
    details = [_stage_summary(spec)] if serving.stages else []
    mode = " / ".join(value_of(m) for m in (serving.deployment, serving.prediction) if m)
    monitored = bool(spec.monitoring.ml or spec.monitoring.operational or spec.monitoring.alerts)
    batch = [is_batch(s) for s in serving.stages]
    if value_of(serving.prediction) == "batch" or (batch and all(batch)):
        heading = "Batch inference"
    elif any(batch):
        heading = "Batch and online"  # a nightly job beside an online endpoint
    else:
        heading = "Online"
    title = html_label([Line(heading, style.CLUSTER_SIZE, bold=True)])
    with cluster(graph, "online", title, "online", 0) as sub:
        sub.node(
            "n_serving",
            title_and_details("Serving", [mode, *details] if mode else details),
            fillcolor="#E6EEF8",
            color=style.ACCENT,
            **SERVING_LOOK,
        )
        if monitored:
            sub.node("n_monitor", _monitor_label(spec))
            sub.edge("n_serving", "n_monitor")
            same_rank(sub, ["n_serving", "n_monitor"])
    graph.edge(model, "n_serving")
    for node in features:
        graph.edge(node, "n_dataset")
        graph.edge(node, "n_serving")
    if any(value_of(f.computation) == "request_time" for f in spec.data.features):
        fill, border = style.MODE_COLOURS["request_time"]
        graph.node(
            "n_request", title_and_details("Request-time features"), fillcolor=fill, color=border
        )
        graph.edge("n_request", "n_serving")
    if spec.monitoring.feature_logging:
        graph.edge(
            "n_serving",
            "n_dataset",
            style="dashed",
            constraint="false",
        )
    return monitored


def _add_retraining(graph: Any, spec: Spec, monitored: bool) -> None:
    """The loop back to training, only for a trigger the spec states (a cadence is a
    detail of the training box instead)."""
    retraining = spec.model.training.retraining
    if retraining is None or not retraining.trigger:
        return
    graph.edge(
        "n_monitor" if monitored else "n_serving",
        "n_train",
        color=LOOP,
        fontcolor=LOOP,
        style="bold",
        constraint="false",
    )


def _add_indexing(graph: Any, spec: Spec, model: str) -> None:
    index = spec.serving.index
    if index is None:
        return
    vectors = is_vector_index(index)
    kind = index_type(index)
    noun = "vectors" if vectors else "items"
    details = [
        d for d in (kind and kind.upper(), index.items and f"{index.items.text} {noun}") if d
    ]
    graph.node(
        "n_index",
        title_and_details(index_title(index), details),
        shape="hexagon",
        fillcolor="#F1EAF8",
        color="#7151A6",
    )
    graph.edge(
        "n_index", "n_serving", xlabel=edge_label("nearest neighbours" if vectors else "lookups")
    )
    builder = "n_index"
    if index.pipeline:
        graph.node("n_indexer", title_and_details("Indexing pipeline", [index.pipeline]))
        graph.edge("n_indexer", "n_index")
        builder = "n_indexer"
    if vectors and index.rebuild_on_model_change:
        graph.edge(model, builder, constraint="false", style="dashed")


def build_lifecycle(spec: Spec, direction: str) -> str:
    graph = new_graph(direction)
    graph.attr("graph", ranksep="0.3", nodesep="0.15")
    sources = _add_sources(graph, spec)
    model = _add_training(graph, spec)
    features = _add_features(graph, spec, sources)
    monitored = _add_serving(graph, spec, features, model)
    _add_indexing(graph, spec, model)
    _add_retraining(graph, spec, monitored)
    return str(graph.source)


def has_lifecycle(spec: Spec) -> bool:
    """Whether the spec says enough about data, model and serving to draw the loop."""
    said = [
        bool(spec.data.sources or spec.data.features),
        bool(spec.model.candidates or spec.model.training.loss or spec.model.training.retraining),
        bool(spec.serving.stages or spec.serving.deployment or spec.serving.prediction),
        bool(spec.monitoring.ml or spec.monitoring.operational or spec.monitoring.alerts),
    ]
    return sum(said) >= 2


def _caption(spec: Spec) -> str:
    """What the figure shows, in the order it is drawn; only what the spec states."""
    parts = ["data sources"] if spec.data.sources else []
    if _modes(spec):
        parts.append("the features computed from them")
    if feature_stores(spec) and _modes(spec):
        parts.append("the feature store")
    parts.append("training")
    if model_registries(spec):
        parts.append("the model registry")
    parts.append("serving")
    if spec.serving.index is not None:
        parts.append(f"its {index_title(spec.serving.index).lower()}")
    if spec.monitoring.ml or spec.monitoring.operational or spec.monitoring.alerts:
        parts.append("monitoring")
    retraining = spec.model.training.retraining
    if retraining is not None and retraining.trigger:
        parts.append("the retraining trigger (the purple arrow)")
    listed = ", ".join(parts[:-1]) + " and " + parts[-1]
    caption = f"The model's lifecycle as the spec states it: {listed}."
    if spec.monitoring.feature_logging:
        caption += " The dashed arrow to training carries the served features, logged."
    index = spec.serving.index
    if index is not None and is_vector_index(index) and index.rebuild_on_model_change:
        caption += " The index is rebuilt with each new model (the dashed arrow to it)."
    return caption


def lifecycle_drawing(spec: Spec) -> Drawing | None:
    """The ML lifecycle loop, or None when the spec is too thin to draw it."""
    if spec.genai is not None:  # a generative system has no feature pipeline to draw
        from designdoc.figures.kinds.genai_lifecycle import genai_lifecycle_drawing

        return genai_lifecycle_drawing(spec)
    if not has_lifecycle(spec):
        return None
    sections = [spec.data, spec.model, spec.evaluation, spec.serving, spec.monitoring]
    return Drawing(
        kind="lifecycle",
        title="ML lifecycle",
        caption=_caption(spec),
        step=7,
        build=lambda direction, _units: build_lifecycle(spec, direction),
        fingerprint=fingerprint("lifecycle", *[s.model_dump(mode="json") for s in sections]),
    )
