"""The ML lifecycle: data, features, training, registry, serving, monitoring and retraining."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from designdoc.figures.figure import Drawing
from designdoc.figures.layout import style
from designdoc.figures.layout.graph import cluster, fingerprint, new_graph
from designdoc.figures.layout.labels import Line, edge_label, html_label, node_id, title_and_details
from designdoc.spec.models.root import Spec
from designdoc.spec.serving_path import stage_groups

MAX_SOURCE_NODES = 6
LOOP = "#7151A6"


def _chosen_model(spec: Spec) -> str | None:
    chosen = [c.name for c in spec.model.candidates if c.chosen]
    return chosen[0] if chosen else None


def _add_sources(graph: Any, spec: Spec) -> list[str]:
    sources = spec.data.sources
    title = html_label([Line("Data sources", style.CLUSTER_SIZE, bold=True)])
    with cluster(graph, "sources", title, "data", 0) as sub:
        if not sources:
            sub.node("n_sources", title_and_details("Raw data", ["logs and tables"]))
            return ["n_sources"]
        if len(sources) > MAX_SOURCE_NODES:
            names = ", ".join(s.name or s.id for s in sources)
            sub.node("n_sources", title_and_details(f"{len(sources)} sources", [names]))
            return ["n_sources"]
        for source in sources:
            sub.node(node_id("d", source.id), title_and_details(source.name or source.id, width=14))
        return [node_id("d", s.id) for s in sources]


def _source_modes(spec: Spec) -> dict[str, set[str]]:
    """Per source id, the pipelines it feeds: its features' modes, else its ingestion."""
    feeds: dict[str, set[str]] = {s.id: set() for s in spec.data.sources}
    for feature in spec.data.features:
        mode = str(feature.computation) if feature.computation is not None else ""
        if feature.source in feeds and mode in ("batch", "streaming"):
            feeds[feature.source].add(mode)
    for source in spec.data.sources:
        if not feeds[source.id]:
            feeds[source.id].add(str(source.ingestion) if source.ingestion else "batch")
    return feeds


def _add_pipelines(graph: Any, spec: Spec, sources: Sequence[str]) -> None:
    feeds = _source_modes(spec)
    used = set().union(*feeds.values()) if feeds else {"batch"}
    for mode, title in (
        ("batch", "Batch feature pipeline"),
        ("streaming", "Streaming feature pipeline"),
    ):
        if mode not in used:
            continue
        fill, border = style.MODE_COLOURS[mode]
        graph.node(f"n_{mode}", title_and_details(title), fillcolor=fill, color=border)
        graph.edge(f"n_{mode}", "n_store")
        for source in spec.data.sources:
            if mode in feeds[source.id] and node_id("d", source.id) in sources:
                graph.edge(node_id("d", source.id), f"n_{mode}")
        if sources == ["n_sources"]:
            graph.edge("n_sources", f"n_{mode}")
    graph.node(
        "n_store",
        title_and_details("Feature store", ["offline and online"]),
        shape="cylinder",
        fillcolor="#E4F2EA",
        color=style.GOOD,
    )


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
    model = [d for d in (_chosen_model(spec), training.loss and f"loss: {training.loss}") if d]
    return dataset, model


def _add_training(graph: Any, spec: Spec) -> None:
    dataset, model = _training_details(spec)
    title = html_label([Line("Offline training", style.CLUSTER_SIZE, bold=True)])
    with cluster(graph, "training", title, "offline", 0) as sub:
        sub.node("n_dataset", title_and_details("Training dataset", dataset))
        sub.node("n_train", title_and_details("Training", model))
        sub.node(
            "n_registry",
            title_and_details("Model registry", ["versioned models"]),
            shape="folder",
            fillcolor="#FBF1DF",
            color="#B07A1E",
        )
        sub.edge("n_dataset", "n_train", label=edge_label("examples + labels"))
        offline = [m.metric for m in spec.evaluation.offline if m.primary] or [
            m.metric for m in spec.evaluation.offline
        ][:1]
        sub.edge(
            "n_train",
            "n_registry",
            label=edge_label(f"passes {offline[0]}" if offline else "evaluated model"),
        )
    graph.edge("n_store", "n_dataset", label=edge_label("point-in-time features"))


def _stage_summary(spec: Spec) -> str:
    names = [
        f"{len(level)} in parallel" if len(level) > 1 else level[0].name or level[0].id
        for level in stage_groups(spec.serving.stages)
    ]
    return " → ".join(names)


def _add_serving(graph: Any, spec: Spec) -> None:
    serving = spec.serving
    details = [_stage_summary(spec)] if serving.stages else []
    mode = " / ".join(str(m) for m in (serving.deployment, serving.prediction) if m)
    title = html_label([Line("Online", style.CLUSTER_SIZE, bold=True)])
    with cluster(graph, "online", title, "online", 0) as sub:
        sub.node(
            "n_serving",
            title_and_details("Serving", [mode, *details] if mode else details),
            shape="box3d",
            fillcolor="#E6EEF8",
            color=style.ACCENT,
        )
        watched = [*spec.monitoring.ml, *spec.monitoring.operational][:3]
        sub.node(
            "n_monitor", title_and_details("Monitoring", [", ".join(watched)] if watched else [])
        )
        sub.edge("n_serving", "n_monitor", label=edge_label("predictions + logs"))
    graph.edge("n_registry", "n_serving", label=edge_label("deploy"))
    graph.edge("n_store", "n_serving", label=edge_label("online features"))
    if any(str(f.computation) == "request_time" for f in spec.data.features):
        fill, border = style.MODE_COLOURS["request_time"]
        graph.node(
            "n_request", title_and_details("Request-time features"), fillcolor=fill, color=border
        )
        graph.edge("n_request", "n_serving")
    if spec.monitoring.feature_logging:
        graph.edge(
            "n_serving",
            "n_dataset",
            label=edge_label("logged features"),
            style="dashed",
            constraint="false",
        )


def _add_retraining(graph: Any, spec: Spec) -> None:
    retraining = spec.model.training.retraining
    words = [w for w in (retraining.cadence, retraining.trigger) if w] if retraining else []
    text = "retrain: " + " or ".join(words) if words else "retraining trigger"
    graph.edge(
        "n_monitor",
        "n_train",
        label=edge_label(text),
        color=LOOP,
        fontcolor=LOOP,
        style="bold",
        constraint="false",
    )


def _add_indexing(graph: Any, spec: Spec) -> None:
    index = spec.serving.index
    if index is None or str(index.type) == "inverted":
        return
    details = [
        d
        for d in (
            index.type and str(index.type).upper(),
            index.items and f"{index.items.text} vectors",
        )
        if d
    ]
    graph.node(
        "n_indexer",
        title_and_details("Indexing pipeline", [index.pipeline] if index.pipeline else []),
    )
    graph.node(
        "n_index",
        title_and_details("ANN index", details),
        shape="hexagon",
        fillcolor="#F1EAF8",
        color="#7151A6",
    )
    graph.edge("n_registry", "n_indexer", label=edge_label("embedding model"))
    graph.edge("n_indexer", "n_index", label=edge_label("item embeddings"))
    graph.edge("n_index", "n_serving", label=edge_label("nearest neighbours"), constraint="false")


def build_lifecycle(spec: Spec, direction: str) -> str:
    graph = new_graph(direction)
    graph.attr("graph", ranksep="0.3")
    sources = _add_sources(graph, spec)
    _add_pipelines(graph, spec, sources)
    _add_training(graph, spec)
    _add_serving(graph, spec)
    _add_indexing(graph, spec)
    _add_retraining(graph, spec)
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
        caption="The model's lifecycle: data flows through feature pipelines into training, "
        "the registry and serving, and monitoring triggers retraining.",
        step=7,
        build=lambda direction, _units: build_lifecycle(spec, direction),
        fingerprint=fingerprint("lifecycle", *[s.model_dump(mode="json") for s in sections]),
    )
