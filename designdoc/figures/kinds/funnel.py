"""The serving funnel: stages in order, items in and out, latency, budget and fallbacks."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from designdoc.figures.figure import Drawing
from designdoc.figures.kinds.facts import value_of
from designdoc.figures.kinds.genai_times import GenerationTimes, generation_times
from designdoc.figures.kinds.genai_topology import unheld_filters
from designdoc.figures.layout import style
from designdoc.figures.layout.graph import cluster, fingerprint, new_graph
from designdoc.figures.layout.labels import Line, html_label, node_id, title_and_details
from designdoc.spec import numbers
from designdoc.spec.grammar import counted
from designdoc.spec.models.root import Spec
from designdoc.spec.models.serving import Fallback, Stage
from designdoc.spec.serving_path import batch_feeds, is_batch, latency_budget

REQUEST, RESPONSE = "n_request", "n_response"
GUARD_IN, GUARD_OUT = "n_guard_in", "n_guard_out"
BATCH_UNIT = "_batch"
BATCH_TITLE = "offline (batch)"


def _items_text(stage: Stage) -> str:
    def noun(count: Any) -> str:
        return "item" if count.value == 1 else "items"

    if stage.items_in is not None and stage.items_out is not None:
        return f"{stage.items_in.text} → {stage.items_out.text} {noun(stage.items_out)}"
    if stage.items_in is not None:
        return f"considers {stage.items_in.text} {noun(stage.items_in)}"
    if stage.items_out is not None:
        return f"passes on {stage.items_out.text} {noun(stage.items_out)}"
    return ""


def _stage_label(stage: Stage, width: int, times: GenerationTimes | None = None) -> str:
    lines = [Line(stage.name or stage.id, style.TITLE_SIZE, bold=True, width=width - 6)]
    if stage.model:
        lines.append(Line(stage.model, style.DETAIL_SIZE, color=style.MUTED, width=width))
    latency = stage.latency and numbers.duration(stage.latency.value)
    facts = [t for t in (_items_text(stage), latency) if t]
    if facts:
        lines.append(Line(" · ".join(facts), style.DETAIL_SIZE, color=style.ACCENT, width=width))
    if times is not None and value_of(stage.kind) == "generation":
        lines += [Line(t, style.DETAIL_SIZE, color=style.INK, width=width) for t in times.lines()]
    return html_label(lines)


def _filter_node(graph: Any, node: str, title: str, filters: Sequence[str]) -> None:
    """A filter `genai.guardrails` names that no stage holds: dashed, with no latency."""
    lines = [
        Line(title, style.TITLE_SIZE, bold=True, width=24),
        Line(", ".join(filters), style.DETAIL_SIZE, color=style.MUTED, width=26, max_lines=2),
        Line("no stage, not counted", style.SMALL_SIZE, color=style.MUTED, width=26),
    ]
    graph.node(node, html_label(lines), color=style.LINE, style="rounded,dashed")


def _girth(stage: Stage) -> float:
    """Inches across a stage: wider for more items considered, so the funnel narrows."""
    items = stage.items_in.value if stage.items_in is not None else 1.0
    return round(1.5 + 0.12 * math.log10(max(items, 1.0)), 2)


def _budget_label(spec: Spec, batch: int = 0, times: GenerationTimes | None = None) -> str:
    path = latency_budget(spec)
    missing = path.missing
    perf = spec.requirements.performance
    lines = [Line("Response", style.TITLE_SIZE, bold=True)]
    if path.used:
        text = f"total {'≥ ' if missing else ''}{path.used_display}"
        colour = style.INK
        if path.budget is not None:
            colour = style.WARN if path.over else style.GOOD
            percentile = f" ({perf.latency_percentile})" if perf.latency_percentile else ""
            text += f" of {path.budget_display} budget{percentile}"
        lines.append(Line(text, style.DETAIL_SIZE, bold=True, color=colour, width=40))
    if times is not None and times.whole_verdict:
        colour = style.WARN if times.over else style.GOOD
        lines.append(
            Line(times.whole_verdict, style.DETAIL_SIZE, bold=True, color=colour, width=40)
        )
    if missing:
        lines.append(
            Line(
                f"{counted(missing, 'stage')} without a latency",
                style.DETAIL_SIZE,
                color=style.MUTED,
                width=40,
            )
        )
    if batch:
        lines.append(
            Line(
                f"{counted(batch, 'batch stage')} {'runs' if batch == 1 else 'run'} offline,"
                " not counted",
                style.DETAIL_SIZE,
                color=style.MUTED,
                width=40,
            )
        )
    return html_label(lines)


def _add_level(
    graph: Any,
    level: Sequence[Stage],
    index: int,
    direction: str,
    times: GenerationTimes | None = None,
) -> None:
    attrs = {"color": style.ACCENT, "penwidth": "1.2"}
    if len(level) == 1:
        stage = level[0]
        girth = _girth(stage) if direction == "TB" else _girth(stage) / 3
        size = {"width" if direction == "TB" else "height": f"{girth:g}"}
        graph.node(node_id("s", stage.id), _stage_label(stage, 30, times), **attrs, **size)
        return
    title = html_label([Line("in parallel", style.SMALL_SIZE, color=style.MUTED)])
    with cluster(graph, f"level{index}", title, "online", index) as sub:
        sub.attr("graph", style="rounded,dashed", fillcolor=style.PAPER, margin="8")
        sub.attr("graph", rank="same")
        for stage in level:
            sub.node(node_id("s", stage.id), _stage_label(stage, 20, times), **attrs)
        for before, after in pairwise(level):
            sub.edge(node_id("s", before.id), node_id("s", after.id), style="invis")


def _fallback_lines(fallbacks: Sequence[Fallback]) -> list[Line]:
    lines = []
    for fallback in fallbacks:
        # The user's words as written ("If A fine-tuned model..." read wrong): the case in
        # bold, then what happens.
        lines.append(Line(fallback.when, style.DETAIL_SIZE, bold=True, color=style.WARN, width=24))
        lines.append(Line(f"→ {fallback.then}", style.DETAIL_SIZE, color=style.INK, width=26))
    return lines


def _add_fallbacks(graph: Any, fallbacks: Sequence[tuple[int, Fallback]], shown: set[str]) -> None:
    """A note per stage fallback, from its stage; one note for the rest, near the response."""
    note = {"shape": "note", "style": "filled", "fillcolor": "#FDF3E7", "color": "#E0B98A"}
    dashed = {"style": "dashed", "color": style.WARN, "arrowhead": "vee"}
    others = [f for _, f in fallbacks if f.applies_to not in shown]
    for number, fallback in fallbacks:
        if fallback.applies_to in shown:
            fid = f"n_fallback{number}"
            graph.node(fid, html_label(_fallback_lines([fallback])), **note)
            graph.edge(node_id("s", fallback.applies_to or ""), fid, **dashed)
            graph.edge(fid, RESPONSE, **dashed)
    if others:
        graph.node("n_fallbacks", html_label(_fallback_lines(others)), **note)
        graph.edge("n_fallbacks", RESPONSE, **dashed)


def _connect(graph: Any, sources: Sequence[str], targets: Sequence[str]) -> None:
    for source in sources:
        for target in targets:
            graph.edge(source, target, color=style.ACCENT)


def _add_batch_cluster(graph: Any, stages: Sequence[Stage], shown: set[str]) -> None:
    """Batch stages in a dashed cluster of their own, apart from the request path, with a
    dashed arrow to the online stage that reads their results when that stage is drawn."""
    title = html_label([Line(BATCH_TITLE, style.SMALL_SIZE, bold=True, color=style.MUTED)])
    with cluster(graph, "batch", title, "offline", 0) as sub:
        sub.attr("graph", style="rounded,dashed,filled", fillcolor="#F7F9F6", margin="10")
        for stage in stages:
            if is_batch(stage):
                sub.node(
                    node_id("s", stage.id),
                    _stage_label(stage, 24),
                    color=style.LINE,
                    style="rounded,dashed,filled",
                    fillcolor=style.PAPER,
                )
    for source, target in batch_feeds(stages):
        attrs = {"style": "dashed", "color": style.LINE}
        if not is_batch(target):
            if target.id not in shown:
                continue
            attrs["label"] = html_label([Line("precomputed", style.SMALL_SIZE, color=style.MUTED)])
        graph.edge(node_id("s", source.id), node_id("s", target.id), **attrs)


def build_funnel(
    spec: Spec,
    direction: str,
    units: Sequence[str] | None,
    times: GenerationTimes | None = None,
) -> str:
    stages = spec.serving.stages
    batch = [s for s in stages if is_batch(s)]
    levels = [list(g) for g in latency_budget(spec).online_groups]
    chosen = [lv for lv in levels if units is None or lv[0].id in units]
    graph = new_graph(direction)
    graph.attr("graph", ordering="out", nodesep="0.25")
    shown = {s.id for lv in chosen for s in lv}
    if chosen:
        _add_request_path(graph, spec, direction, levels, chosen, len(batch), times)
    if batch and (units is None or BATCH_UNIT in units):
        _add_batch_cluster(graph, stages, shown)
        if not levels:
            _add_batch_fallbacks(graph, spec)
    return str(graph.source)


def _add_batch_fallbacks(graph: Any, spec: Spec) -> None:
    """With no request path to return to, each fallback is a note beside the job it
    covers, or one note for those that name no job."""
    note = {"shape": "note", "style": "filled", "fillcolor": "#FDF3E7", "color": "#E0B98A"}
    dashed = {"style": "dashed", "color": style.WARN, "arrowhead": "vee"}
    ids = _ids(spec)
    general = [f for f in spec.serving.fallbacks if f.applies_to not in ids]
    for number, fallback in enumerate(spec.serving.fallbacks, start=1):
        if fallback.applies_to in ids:
            fid = f"n_fallback{number}"
            graph.node(fid, html_label(_fallback_lines([fallback])), **note)
            graph.edge(node_id("s", fallback.applies_to or ""), fid, **dashed)
    if general:
        graph.node("n_fallbacks", html_label(_fallback_lines(general)), **note)


def _end_node(graph: Any, node: str, label: str | None, cut_text: str) -> None:
    """The request or response box; a muted note instead when this part is cut from the rest."""
    if label is not None:
        graph.node(
            node,
            label,
            shape="box",
            style="rounded,filled",
            fillcolor="#EEF4FB",
            color=style.ACCENT,
        )
    else:
        graph.node(
            node,
            html_label([Line(cut_text, style.SMALL_SIZE, color=style.MUTED)]),
            shape="plaintext",
        )


def _add_request_path(
    graph: Any,
    spec: Spec,
    direction: str,
    levels: Sequence[Sequence[Stage]],
    chosen: Sequence[Sequence[Stage]],
    batch: int,
    times: GenerationTimes | None,
) -> None:
    first, last = chosen[0] is levels[0], chosen[-1] is levels[-1]
    inputs, outputs = unheld_filters(spec)
    previous = [REQUEST]
    _end_node(
        graph, REQUEST, title_and_details("Request") if first else None, "from earlier stages"
    )
    if first and inputs:
        _filter_node(graph, GUARD_IN, "Input filters", inputs)
        _connect(graph, previous, [GUARD_IN])
        previous = [GUARD_IN]
    for index, level in enumerate(chosen):
        _add_level(graph, level, index, direction, times)
        ids = [node_id("s", s.id) for s in level]
        _connect(graph, previous, ids)
        previous = ids
    if last and outputs:
        _filter_node(graph, GUARD_OUT, "Output filters", outputs)
        _connect(graph, previous, [GUARD_OUT])
        previous = [GUARD_OUT]
    shown = {s.id for lv in chosen for s in lv}
    label = _budget_label(spec, batch, times) if last else None
    _end_node(graph, RESPONSE, label, "to later stages")
    _connect(graph, previous, [RESPONSE])
    numbered = list(enumerate(spec.serving.fallbacks, start=1))
    _add_fallbacks(
        graph,
        [
            (n, f)
            for n, f in numbered
            if f.applies_to in shown or (last and f.applies_to not in _ids(spec))
        ],
        shown,
    )


def _ids(spec: Spec) -> set[str]:
    return {s.id for s in spec.serving.stages}


def funnel_drawing(spec: Spec) -> Drawing | None:
    """The serving funnel, or None when the spec has no stages."""
    stages = spec.serving.stages
    if not stages:
        return None
    levels = [list(g) for g in latency_budget(spec).online_groups]
    units = [level[0].id for level in levels]
    names = {lv[0].id: " / ".join(s.name or s.id for s in lv) for lv in levels}
    if any(is_batch(s) for s in stages):
        # The batch stages are one unit: first when the spec starts with them, else last.
        units.insert(0 if is_batch(stages[0]) else len(units), BATCH_UNIT)
        names[BATCH_UNIT] = "stages run offline in batch"
    caption = (
        "The request path: each stage with the items it takes in and passes on and its "
        "latency, the total against the latency budget, and fallbacks as dashed arrows."
    )
    if not levels:
        caption = (
            "The batch jobs in order, each with the items it takes in and passes on and its "
            "duration" + (", and their fallbacks." if spec.serving.fallbacks else ".")
        )
    elif any(is_batch(s) for s in stages):
        caption = caption[:-1] + "; stages precomputed in batch are drawn apart, uncounted."
    times = generation_times(spec)
    caption += _genai_caption(spec, times)
    return Drawing(
        kind="funnel",
        title="Serving funnel",
        caption=caption,
        step=6,
        build=lambda direction, units: build_funnel(spec, direction, units, times),
        fingerprint=fingerprint(
            "funnel",
            [s.model_dump(mode="json") for s in stages],
            [f.model_dump(mode="json") for f in spec.serving.fallbacks],
            spec.requirements.performance.model_dump(mode="json"),
            times,
            unheld_filters(spec),
        ),
        units=tuple(units),
        unit_names=names,
        directions=("TB", "LR"),
    )


def _genai_caption(spec: Spec, times: GenerationTimes | None) -> str:
    said = ""
    online = [s for s in spec.serving.stages if not is_batch(s)]
    if times is not None and any(value_of(s.kind) == "generation" for s in online):
        said += (
            " Generation also shows the estimated time to the first token and to the whole "
            "answer (TTFT + TPOT × output tokens), as in the estimates."
        )
    if any(unheld_filters(spec)):
        said += (
            " Dashed boxes are filters genai.guardrails names that no stage holds: drawn where "
            "they act, with no latency counted."
        )
    return said
