"""The lifecycle of a generative system: data curation, base model, tuning and alignment,
evaluation and red-teaming, prompt and model versions, deployment, monitoring and feedback.

It replaces the feature-pipeline picture when the spec has a `genai:` section; every box
comes from a field the spec fills, and a step the spec does not take is not drawn.
"""

from __future__ import annotations

from typing import Any

from designdoc.figures.figure import Drawing
from designdoc.figures.kinds.lifecycle import SERVING_LOOK
from designdoc.figures.layout import style
from designdoc.figures.layout.graph import cluster, fingerprint, new_graph
from designdoc.figures.layout.labels import Line, edge_label, html_label, title_and_details
from designdoc.spec.genai_vocab import Alignment, Approach, Tuning
from designdoc.spec.models.genai import GenAI
from designdoc.spec.models.root import Spec

LOOP = "#7151A6"
MAX_SOURCES = 3


def _said(value: Any) -> bool:
    return value not in (None, "", [], {})


def _words(value: object) -> str:
    return str(value).replace("_", " ")


def _base_model(gen: GenAI) -> tuple[str, list[str]]:
    approach, model = gen.approach, gen.model
    pretrained = approach is not None and approach.kind == Approach.pretraining
    title = "Pre-training" if pretrained else "Base model"
    said = approach.base_model if approach else None
    named = (model.name or model.preset) if model else None
    details = [d for d in (said or named,) if d]
    return title, details


def _tuning_steps(gen: GenAI) -> list[tuple[str, str, list[str]]]:
    """(node id, title, details) of fine-tuning and alignment, when the spec takes them."""
    approach = gen.approach
    steps: list[tuple[str, str, list[str]]] = []
    if approach is None:
        return steps
    if approach.fine_tuning not in (None, Tuning.none):
        steps.append(("n_tune", "Fine-tuning", [_words(approach.fine_tuning)]))
    elif approach.kind == Approach.fine_tuning:
        steps.append(("n_tune", "Fine-tuning", []))
    if approach.alignment not in (None, Alignment.none):
        steps.append(("n_align", "Alignment", [_words(approach.alignment)]))
    return steps


def _evaluation_details(gen: GenAI) -> list[str]:
    ev = gen.evaluation
    if ev is None:
        return []
    details = [
        "faithfulness" if ev.faithfulness else "",
        "LLM judge" if ev.judge else "",
        ", ".join(ev.quality[:2]),
        ", ".join(ev.safety[:2]),
    ]
    return [d for d in details if d][:3]


def _serving_details(spec: Spec, gen: GenAI) -> list[str]:
    hardware, api = gen.hardware, gen.api
    details = []
    if hardware is not None and (hardware.gpus or hardware.gpu):
        count = f"{hardware.gpus} × " if hardware.gpus else ""
        details.append(f"{count}{hardware.gpu or 'GPUs'}")
    if api is not None:
        details.append(f"API: {api.provider}" if api.provider else "hosted API")
    if gen.decoding is not None and gen.decoding.streaming:
        details.append("streamed")
    return details


def build_genai_lifecycle(spec: Spec, direction: str) -> str:
    gen = spec.genai or GenAI()
    graph = new_graph(direction)
    graph.attr("graph", ranksep="0.3")
    title = html_label([Line("Building the model", style.CLUSTER_SIZE, bold=True)])
    with cluster(graph, "build", title, "offline", 0) as sub:
        names = [s.name or s.id for s in spec.data.sources]
        if names:
            shown = names[:MAX_SOURCES] + (
                [f"+{len(names) - MAX_SOURCES} more"] if names[MAX_SOURCES:] else []
            )
            sub.node("n_data", title_and_details("Data curation", [", ".join(shown)]))
        base_title, base_details = _base_model(gen)
        sub.node("n_base", title_and_details(base_title, base_details))
        previous = "n_base"
        if names:
            sub.edge("n_data", "n_base", label=edge_label("curated data"))
        for node, step_title, details in _tuning_steps(gen):
            sub.node(node, title_and_details(step_title, details))
            sub.edge(previous, node)
            if names:
                sub.edge("n_data", node, style="dashed")
            previous = node
        evaluated = _evaluation_details(gen)
        red = gen.guardrails is not None and _said(gen.guardrails.red_teaming)
        if evaluated or red:
            eval_title = "Evaluation and red-teaming" if red else "Evaluation"
            sub.node("n_eval", title_and_details(eval_title, evaluated))
            sub.edge(previous, "n_eval")
            previous = "n_eval"
    if gen.monitoring is not None and _said(gen.monitoring.versions):
        graph.node(
            "n_versions",
            title_and_details("Prompt and model versions", ["versioned together"]),
            shape="folder",
            fillcolor="#FBF1DF",
            color="#B07A1E",
        )
        graph.edge(previous, "n_versions", label=edge_label("release"))
        previous = "n_versions"
    title = html_label([Line("Online", style.CLUSTER_SIZE, bold=True)])
    with cluster(graph, "online", title, "online", 0) as sub:
        sub.node(
            "n_serving",
            title_and_details("Deployment", _serving_details(spec, gen)),
            fillcolor="#E6EEF8",
            color=style.ACCENT,
            **SERVING_LOOK,
        )
        watched = _monitoring_details(spec, gen)
        sub.node("n_monitor", title_and_details("Monitoring", watched))
        sub.edge("n_serving", "n_monitor", label=edge_label("outputs + logs"))
    graph.edge(previous, "n_serving", label=edge_label("deploy"))
    if gen.retrieval is not None:
        ret = gen.retrieval
        details = [d for d in (ret.index,) if d]
        graph.node(
            "n_index",
            title_and_details("Document index", details),
            shape="hexagon",
            fillcolor="#F1EAF8",
            color=LOOP,
        )
        graph.edge("n_index", "n_serving", label=edge_label("retrieved passages"))
    online = gen.evaluation.online if gen.evaluation else []
    if online:
        target = "n_data" if spec.data.sources else "n_base"
        graph.edge(
            "n_monitor",
            target,
            label=edge_label("feedback: " + ", ".join(online[:2])),
            color=LOOP,
            fontcolor=LOOP,
            style="bold",
            constraint="false",
        )
    return str(graph.source)


def _monitoring_details(spec: Spec, gen: GenAI) -> list[str]:
    mon = gen.monitoring
    watched = []
    if mon is not None:
        watched = [
            w
            for w, said in (
                ("groundedness", mon.groundedness),
                ("abstention", mon.abstention),
                ("hallucinations", mon.hallucination),
                ("cost", mon.cost or mon.cost_ceiling),
                ("safety incidents", mon.safety_incidents),
            )
            if _said(said)
        ]
    return (
        [", ".join(watched[:3] or spec.monitoring.operational[:3])]
        if (watched or spec.monitoring.operational)
        else []
    )


def genai_lifecycle_drawing(spec: Spec) -> Drawing:
    sections = [spec.data, spec.genai, spec.monitoring]
    return Drawing(
        kind="lifecycle",
        title="Generative AI lifecycle",
        caption="The system's lifecycle: curated data, the base model and the tuning the "
        "design chooses, evaluation before release, deployment, and feedback from monitoring.",
        step=7,
        build=lambda direction, _units: build_genai_lifecycle(spec, direction),
        fingerprint=fingerprint(
            "genai_lifecycle", *[s.model_dump(mode="json") if s else None for s in sections]
        ),
    )
