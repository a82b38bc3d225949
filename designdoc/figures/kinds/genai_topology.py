"""What a generative design's `genai:` section adds to the architecture: the model servers, the
index it retrieves from, its caches and its guardrails, each only when the section names it.

The boxes are what the spec says; the arrows to them are implied (drawn as inferred). A
guardrail that no serving stage holds is drawn dashed: the spec names the filter, and its
place on the request path (before the first stage, after the last) is inferred.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from designdoc.figures.kinds.facts import value_of
from designdoc.figures.kinds.icons import normalise_kind
from designdoc.figures.kinds.topology import CLIENT, INDEX, RESPONSE, Arrow, Box, Topology
from designdoc.spec import numbers as fmt
from designdoc.spec.models.genai import GenAI
from designdoc.spec.models.root import Spec
from designdoc.spec.models.serving import Stage
from designdoc.spec.serving_path import is_batch, stage_groups

MODEL, GUARD_IN, GUARD_OUT = "_model_servers", "_guard_in", "_guard_out"
CACHE_PREFIX = "_cache"
CACHE_NAMES = {"prompt": "Prompt cache", "semantic": "Semantic cache", "exact": "Exact-match cache"}
MEDIA = frozenset({"image", "video"})


def _media(gen: GenAI) -> bool:
    modality = value_of(gen.model.modality) if gen.model else ""
    return gen.diffusion is not None or modality in MEDIA


def _plainly(text: str) -> str:
    words = text.lower().split()
    return " ".join(words[1:] if words and words[0] in ("a", "an", "the") else words)


@dataclass(frozen=True)
class GenAIParts:
    """What was added, for the caption."""

    model: bool = False
    index: bool = False
    caches: int = 0
    guardrails: int = 0  # dashed, placed by inference

    @property
    def added(self) -> bool:
        return bool(self.model or self.index or self.caches or self.guardrails)


def _online_levels(stages: Sequence[Stage]) -> list[list[Stage]]:
    return [list(level) for level in stage_groups([s for s in stages if not is_batch(s)])]


def _of_kind(stages: Sequence[Stage], kind: str) -> list[Stage]:
    return [s for s in stages if value_of(s.kind) == kind and not is_batch(s)]


def _model_box(gen: GenAI) -> Box | None:
    hardware, api, model = gen.hardware, gen.api, gen.model
    name = model.name if model and model.name else None
    if hardware is not None and (hardware.gpu or hardware.gpus):
        gpu = hardware.gpu or ("GPU" if hardware.gpus == 1 else "GPUs")
        gpus = f"{hardware.gpus:,} × {gpu}" if hardware.gpus else hardware.gpu
        details = tuple(d for d in (gpus, name) if d)
        return Box(MODEL, "Model server", "model_server", "online", details)
    if api is not None:
        same = name and api.provider and _plainly(name) == _plainly(api.provider)
        details = tuple(d for d in (api.provider, None if same else name) if d)
        return Box(MODEL, "Hosted model API", None, "online", details)
    return None


def index_name(text: str) -> tuple[str, str | None]:
    """The index's title and shape kind from the words of `genai.retrieval.index`."""
    words = text.lower()
    vector = any(w in words for w in ("vector", "hnsw", "ann", "ivf", "embedding", "faiss"))
    keyword = any(w in words for w in ("bm25", "keyword", "inverted", "lexical"))
    if "hybrid" in words or (vector and keyword):
        return "Hybrid index", "ann_index"
    if vector:
        return "Vector index", "ann_index"
    if keyword:
        return "Keyword index", None
    return "Index", None


def _cache_box(number: int, kind: str, hit_rate: str | None, ttl: str | None) -> Box:
    details = tuple(d for d in (hit_rate and f"{hit_rate} hits", ttl and f"ttl {ttl}") if d)
    label = CACHE_NAMES.get(kind, f"{kind.capitalize()} cache")
    return Box(f"{CACHE_PREFIX}{number}", label, None, "storage", details)


def _guard_box(box_id: str, title: str, filters: Sequence[str]) -> Box:
    return Box(box_id, title, None, "online", (", ".join(filters),), inferred=True)


def _taken(spec: Spec, kinds: frozenset[str], word: str) -> bool:
    """Whether the spec's own components already draw this part."""
    return any(
        normalise_kind(c.kind) in kinds or word in (c.label or c.id).lower()
        for c in spec.serving.components
    )


def add_genai(topology: Topology, spec: Spec) -> GenAIParts:
    """Add the `genai:` section's parts to the topology; returns what was added."""
    gen = spec.genai
    if gen is None:
        return GenAIParts()
    stages = spec.serving.stages
    generators = _of_kind(stages, "generation")
    model = _model_box(gen)
    added_model = model is not None and not _taken(spec, frozenset({"model_server"}), "model")
    if model is not None and added_model:
        topology.boxes.append(model)
        made = "images" if _media(gen) else "tokens"
        topology.arrows += [Arrow(MODEL, s.id, made, implicit=True) for s in generators]
    index = _add_index(topology, spec, gen)
    caches = _add_caches(topology, spec, gen, generators, added_model)
    guards = _add_guards(topology, spec)
    return GenAIParts(added_model, index, caches, guards)


def _add_index(topology: Topology, spec: Spec, gen: GenAI) -> bool:
    text = gen.retrieval.index if gen.retrieval else None
    taken = _taken(spec, frozenset({"ann_index", "elasticsearch"}), "index")
    if not text or spec.serving.index is not None or taken:
        return False
    title, kind = index_name(text)
    # The user's words, a clause a line: a detail line holds two lines of text at most.
    clauses = [c.strip() for c in re.split(r"[;,]\s+", text) if c.strip()]
    details = () if text.lower().strip() == title.lower() else tuple(clauses)
    topology.boxes.append(Box(INDEX, title, kind, "storage", details))
    for stage in _of_kind(spec.serving.stages, "retrieval"):
        topology.arrows.append(Arrow(INDEX, stage.id, "passages", implicit=True))
    return True


def _add_caches(
    topology: Topology, spec: Spec, gen: GenAI, generators: Sequence[Stage], model: bool
) -> int:
    if not gen.caches or _taken(spec, frozenset({"redis", "memcached"}), "cache"):
        return 0
    lookups = _of_kind(spec.serving.stages, "cache_lookup")
    for number, cache in enumerate(gen.caches, start=1):
        hit = fmt.percent(cache.hit_rate.value) if cache.hit_rate is not None else None
        ttl = cache.ttl.text if cache.ttl is not None else None
        box = _cache_box(number, value_of(cache.kind), hit, ttl)
        topology.boxes.append(box)
        # An answer cache is read before generation; a prompt (KV prefix) cache lives with
        # the model server.
        if cache.kind.skips_generation:
            readers = [s.id for s in lookups or generators]
            label = "cached images" if _media(gen) else "cached answers"
        else:
            readers = [MODEL] if model else [s.id for s in generators]
            label = "cached prefixes" if value_of(cache.kind) == "prompt" else "cached entries"
        topology.arrows += [Arrow(box.id, r, label, implicit=True) for r in readers]
    return len(gen.caches)


def unheld_filters(spec: Spec) -> tuple[list[str], list[str]]:
    """The input and output filters `genai.guardrails` names when no guardrail stage stands
    on that side of generation (a stage that holds them is drawn as itself)."""
    guards = spec.genai.guardrails if spec.genai else None
    levels = _online_levels(spec.serving.stages)
    if guards is None or not levels:
        return [], []
    order = [s.id for level in levels for s in level]
    held = [order.index(s.id) for s in _of_kind(spec.serving.stages, "guardrail")]
    generators = _of_kind(spec.serving.stages, "generation")
    first_gen = min((order.index(s.id) for s in generators), default=len(order))
    before = any(at < first_gen for at in held)
    after = any(at > first_gen for at in held)
    return (
        [] if before else list(guards.input),
        [] if after else list(guards.output),
    )


def _add_guards(topology: Topology, spec: Spec) -> int:
    """Filters no stage holds, placed before the first stage and after the last."""
    levels = _online_levels(spec.serving.stages)
    inputs, outputs = unheld_filters(spec)
    if inputs:
        _splice(topology, _guard_box(GUARD_IN, "Input filters", inputs), levels[0], True)
    if outputs:
        _splice(topology, _guard_box(GUARD_OUT, "Output filters", outputs), levels[-1], False)
    return bool(inputs) + bool(outputs)


def _splice(topology: Topology, box: Box, level: Sequence[Stage], first: bool) -> None:
    """Put a filter between the client and the first stages (or the last ones and the
    response), moving the arrows that ran there onto it."""
    topology.boxes.append(box)
    ids = {s.id for s in level}
    end = CLIENT if first else RESPONSE
    kept: list[Arrow] = []
    moved = False
    for arrow in topology.arrows:
        if first and arrow.source == end and arrow.target in ids:
            moved = True
            continue
        if not first and arrow.target == end and arrow.source in ids:
            moved = True
            continue
        kept.append(arrow)
    topology.arrows = kept
    if first:
        if moved:
            topology.arrows.append(Arrow(CLIENT, box.id, "request", implicit=True))
        topology.arrows += [Arrow(box.id, s.id, implicit=True) for s in level]
    else:
        topology.arrows += [Arrow(s.id, box.id, implicit=True) for s in level]
        if moved:
            topology.arrows.append(Arrow(box.id, RESPONSE, implicit=True))
