"""LLM and diffusion serving numbers from the `genai:` section: memory, GPUs, latency, cost.

Weights memory = parameters × bytes; KV-cache per token = 2 × layers × key/value heads ×
head dimension × bytes (key/value heads, not attention heads); decode is bounded by memory
bandwidth, prefill by FLOP/s; latency = TTFT + TPOT × output tokens; cost per 1M tokens =
GPU $/hour / (tokens/s × 3600) × 1e6 at the planned utilisation, or the API's prices.
Sources: kipply, "Transformer Inference Arithmetic"; Databricks, "LLM Inference Performance
Engineering: Best Practices" (TTFT, TPOT); the kv-cache-size crate docs (the GQA note).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from designdoc.review.estimates.base import Estimate, Input, Inputs, make
from designdoc.spec import numbers as fmt
from designdoc.spec.genai_vocab import Modality, Precision
from designdoc.spec.grammar import counted
from designdoc.spec.model_presets import find_preset
from designdoc.spec.models.genai import GenAI, Retrieval
from designdoc.spec.models.root import Spec
from designdoc.spec.units import Quantity

G = "genai"
HOURS_PER_MONTH = 730.0
DEFAULT_MFU = 0.4  # prefill reaches roughly 30-50% of peak FLOP/s
DEFAULT_TARGET_UTILIZATION = 0.6  # production GPUs run at 30-60% of their measured throughput
DEFAULT_OVERHEAD = 0.05  # activations, CUDA graphs and fragmentation
DEFAULT_BYTES_PER_DIM = 4.0
IMAGE_MODALITIES = (Modality.image, Modality.video)


def binary_size(number: float) -> str:
    """Bytes in powers of two, as KV-cache sizes are usually quoted: 128 KiB, 1 GiB."""
    for power, unit in ((3, "GiB"), (2, "MiB"), (1, "KiB")):
        if number >= 1024**power * 0.9995:
            shown = number / 1024**power
            return f"{shown:,.0f} {unit}" if shown >= 10 else f"{shown:.3g} {unit}"
    return f"{number:.0f} B"


def dollars(number: float) -> str:
    if number >= 100:
        return f"${number:,.0f}"
    if number >= 0.1:
        return f"${number:.2f}"
    return f"${number:.2g}"


def gpu_count(number: float) -> str:
    """GPUs are bought one by one: the exact number, 1,954 rather than 2K."""
    return counted(f"{number:,.0f}", "GPU")


def tokens(number: float) -> str:
    return fmt.count(number, "tokens")


def per_second(unit: str) -> Callable[[float], str]:
    return lambda v: fmt.count(v, unit + "/s")


@dataclass
class _Source:
    """Reads the `genai:` section; architecture numbers fall back to the named preset."""

    gen: GenAI

    def arch(self, inputs: Inputs, name: str, attr: str) -> float:
        model = self.gen.model
        given = getattr(model, attr) if model else None
        if given is not None or model is None or model.preset is None:
            return inputs.add(name, given, f"{G}.model.{attr}")
        preset = find_preset(model.preset)
        value = getattr(preset, attr) if preset else None
        if value is None:
            return inputs.add(name, None, f"{G}.model.{attr}")
        where = f"{G}.model.preset ({model.preset})"
        number = float(value)
        inputs.items.append(Input(name, _preset_text(attr, number), where, number))
        return number

    def precision(self, inputs: Inputs, kv: bool = False) -> float:
        model = self.gen.model
        chosen: Precision | None = model.precision if model else None
        where = f"{G}.model.precision"
        if kv and model is not None and model.kv_precision is not None:
            chosen, where = model.kv_precision, f"{G}.model.kv_precision"
        if chosen is None:
            return inputs.add("bytes/param", None, where)
        value = chosen.bytes
        inputs.items.append(Input(f"bytes ({chosen.value})", _num(value), where, value))
        return value

    def active_parameters(self, inputs: Inputs) -> float:
        """Parameters a token goes through: a mixture of experts' active ones, given or from
        its preset, else all of them. A spec that gives its own total without an active
        count is read as dense, not as the preset's mixture."""
        model = self.gen.model
        if model is not None and model.active_parameters is not None:
            return inputs.add(
                "active params", model.active_parameters, f"{G}.model.active_parameters"
            )
        preset = find_preset(model.preset) if model and model.preset else None
        if model is not None and model.parameters is None and preset and preset.active_parameters:
            return self.arch(inputs, "active params", "active_parameters")
        return self.arch(inputs, "params", "parameters")

    def hw(self, inputs: Inputs, name: str, attr: str, default: float | None = None) -> float:
        hardware = self.gen.hardware
        value = getattr(hardware, attr) if hardware else None
        return inputs.add(name, value, f"{G}.hardware.{attr}", default=default)

    def tensor_parallel(self, inputs: Inputs) -> float:
        hardware = self.gen.hardware
        value = hardware.tensor_parallel if hardware else None
        return inputs.add("GPUs/replica", value, f"{G}.hardware.tensor_parallel", default=1)

    def prompt(self, inputs: Inputs) -> float:
        """Typical input tokens: given, or the sum of the parts and the retrieved chunks."""
        toks = self.gen.tokens
        if toks is not None and toks.prompt is not None:
            return inputs.add("prompt tokens", toks.prompt, f"{G}.tokens.prompt")
        parts = self.context_parts()
        if not parts:
            return inputs.add("prompt tokens", None, f"{G}.tokens.prompt")
        total = 0.0
        for name, value, where in parts:
            total += inputs.add(name, value, where)
        return total

    def context_parts(self) -> list[tuple[str, Quantity | float, str]]:
        toks, ret = self.gen.tokens, self.gen.retrieval
        parts: list[tuple[str, Quantity | float, str]] = []
        if toks is not None:
            for attr in ("system", "few_shot", "history", "user"):
                value = getattr(toks, attr)
                if value is not None:
                    parts.append((f"{attr.replace('_', '-')} tokens", value, f"{G}.tokens.{attr}"))
        if ret is not None and ret.top_k is not None and ret.chunk_size is not None:
            parts.append(
                (
                    f"{ret.top_k} chunks × {ret.chunk_size.text}",
                    ret.top_k * ret.chunk_size.value,
                    f"{G}.retrieval.top_k × chunk_size",
                )
            )
        return parts

    def output(self, inputs: Inputs) -> float:
        toks = self.gen.tokens
        return inputs.add("output tokens", toks.output if toks else None, f"{G}.tokens.output")


def _preset_text(attr: str, number: float) -> str:
    """A preset's number as its model card gives it: 46.7B parameters, not 47B."""
    if attr.endswith("parameters") and number >= 1e9:
        return f"{number / 1e9:.3g}B"
    return fmt.count(number)


def _num(value: float) -> str:
    return f"{value:g}"


def _prior(done: Sequence[Estimate], key: str) -> Estimate | None:
    return next((e for e in done if e.key == key), None)


# ---- memory ----------------------------------------------------------------------------------


def weights_memory(src: _Source) -> Estimate:
    inputs = Inputs()
    params = src.arch(inputs, "params", "parameters")
    width = src.precision(inputs)
    return make(
        "llm_weights_memory",
        "weights memory",
        "parameters × bytes/param",
        "bytes",
        inputs,
        lambda: params * width,
        fmt.size,
    )


def kv_per_token(src: _Source) -> Estimate:
    inputs = Inputs()
    layers = src.arch(inputs, "layers", "layers")
    heads = src.arch(inputs, "KV heads", "kv_heads")
    dim = src.arch(inputs, "head dim", "head_dim")
    width = src.precision(inputs, kv=True)
    return make(
        "llm_kv_per_token",
        "KV-cache per token",
        "2 × layers × KV heads × head dim × bytes",
        "bytes",
        inputs,
        lambda: 2 * layers * heads * dim * width,
        binary_size,
    )


def kv_per_request(src: _Source, per_token: Estimate) -> Estimate:
    inputs = Inputs()
    each = inputs.result("KV/token", per_token)
    total = src.prompt(inputs) + src.output(inputs)
    return make(
        "llm_kv_per_request",
        "KV-cache per request",
        "KV/token × (prompt + output tokens)",
        "bytes",
        inputs,
        lambda: each * total,
        binary_size,
        key_figure=True,
    )


def sequences_per_replica(src: _Source, weights: Estimate, per_request: Estimate) -> Estimate:
    inputs = Inputs()
    memory = src.hw(inputs, "GPU memory", "gpu_memory")
    tp = src.tensor_parallel(inputs)
    overhead = src.hw(inputs, "overhead", "memory_overhead", default=DEFAULT_OVERHEAD)
    w = inputs.result("weights", weights)
    kv = inputs.result("KV/request", per_request)

    def compute() -> float:
        free = memory * tp * (1 - overhead) - w
        return max(0.0, math.floor(free / kv))

    return make(
        "llm_sequences_per_replica",
        "sequences per replica",
        "floor((GPU memory × GPUs/replica × (1 − overhead) − weights) / KV per request)",
        "sequences",
        inputs,
        compute,
        lambda v: fmt.count(v, "sequences") + ("" if v else " (the weights do not fit)"),
    )


# ---- speed -----------------------------------------------------------------------------------


def decode_ceiling(src: _Source) -> Estimate:
    inputs = Inputs()
    bandwidth = src.hw(inputs, "bandwidth", "bandwidth")
    tp = src.tensor_parallel(inputs)
    params = src.active_parameters(inputs)
    width = src.precision(inputs)
    return make(
        "llm_decode_ceiling",
        "decode ceiling per stream",
        "bandwidth × GPUs/replica / (params × bytes/param)",
        "tokens/s",
        inputs,
        lambda: bandwidth * tp / (params * width),
        per_second("tokens"),
    )


def tpot(src: _Source, ceiling: Estimate) -> Estimate:
    target = src.gen.latency.tpot if src.gen.latency else None
    inputs = Inputs()
    rate = inputs.result("decode ceiling", ceiling)
    return make(
        "llm_tpot",
        "TPOT floor (bandwidth)",
        "1 / decode ceiling per stream",
        "s",
        inputs,
        lambda: 1 / rate,
        fmt.duration,
        compare=lambda v: _against(v, target, "TPOT target") if target else "",
    )


def ttft(src: _Source) -> Estimate:
    target = src.gen.latency.ttft if src.gen.latency else None
    inputs = Inputs()
    params = src.active_parameters(inputs)
    prompt = src.prompt(inputs)
    flops = src.hw(inputs, "peak FLOP/s", "peak_flops")
    tp = src.tensor_parallel(inputs)
    mfu = src.hw(inputs, "utilisation", "utilization", default=DEFAULT_MFU)
    return make(
        "llm_ttft",
        "TTFT (prefill)",
        "2 × params × prompt tokens / (peak FLOP/s × GPUs/replica × utilisation)",
        "s",
        inputs,
        lambda: 2 * params * prompt / (flops * tp * mfu),
        fmt.duration,
        key_figure=True,
        compare=lambda v: _against(v, target, "TTFT target") if target else "",
    )


def _verdict(value: float, limit: Quantity, what: str) -> str:
    verdict = "over" if value > limit.value else "within"
    return f"{fmt.duration(value)} against {what + ' ' if what else ''}{limit.text} ({verdict})"


def _against(value: float, target: Quantity, what: str) -> str:
    verdict = "over" if value > target.value else "within"
    return f"{what} {target.text} ({verdict})"


def streamed(gen: GenAI) -> bool:
    return bool(gen.decoding and gen.decoding.streaming)


def whole_answer_bound(spec: Spec) -> Quantity | None:
    """What the whole answer (TTFT + TPOT × output tokens) is held to, if anything.

    `genai.latency.total` when given. Otherwise the requirements' latency budget, unless the
    answer streams without a TTFT target: then the budget is the wait for the first words.
    """
    gen = spec.genai
    lat = gen.latency if gen else None
    if lat is not None and lat.total is not None:
        return lat.total
    budget = spec.requirements.performance.latency_budget
    if gen is not None and streamed(gen) and (lat is None or lat.ttft is None):
        return None
    return budget


def generation_latency(
    spec: Spec, src: _Source, first: Estimate | None, step: Estimate | None
) -> Estimate:
    """TTFT + TPOT × output tokens, against the budget; streamed, the user waits for TTFT.

    Self-hosted, TTFT is the prefill estimate; through an API (no estimate), the targets
    stand for the provider's measured times.
    """
    gen = src.gen
    inputs = Inputs()
    lat = gen.latency
    if first is None:
        t0 = inputs.add("TTFT", lat.ttft if lat else None, f"{G}.latency.ttft")
    else:
        t0 = inputs.result("TTFT", first)
    target = lat.tpot if lat else None
    if target is not None or step is None:
        per = inputs.add("TPOT", target, f"{G}.latency.tpot")
    else:
        per = inputs.result("TPOT", step)
    out = src.output(inputs)
    streaming = streamed(gen)
    budget = whole_answer_bound(spec)
    ttft_target = gen.latency.ttft if gen.latency else None

    def compare(value: float) -> str:
        if not streaming:
            if budget is None:
                return "not streamed: the user waits for the whole answer"
            return "not streamed: whole answer " + _verdict(value, budget, "the budget")
        first_wait = ttft_target or spec.requirements.performance.latency_budget
        said = "streamed: TTFT " + (
            _verdict(t0, first_wait, "") if first_wait else fmt.duration(t0) + ", no target"
        )
        if budget is not None:
            said += "; whole answer " + _verdict(value, budget, "")
        return said

    return make(
        "llm_generation_latency",
        "generation latency",
        "TTFT + TPOT × output tokens",
        "s",
        inputs,
        lambda: t0 + per * out,
        fmt.duration,
        key_figure=True,
        compare=compare,
    )


def context_budget(src: _Source) -> Estimate:
    inputs = Inputs()
    parts = src.context_parts()
    used = 0.0
    if not parts:
        inputs.missing.append(f"{G}.tokens.system")
    for name, value, where in parts:
        used += inputs.add(name, value, where)
    dec = src.gen.decoding
    toks = src.gen.tokens
    if dec is not None and dec.max_output_tokens is not None:
        out = inputs.add("max output", dec.max_output_tokens, f"{G}.decoding.max_output_tokens")
    else:
        out = inputs.add("output p95", toks.output_p95 if toks else None, f"{G}.tokens.output_p95")
    window = src.arch(inputs, "context window", "context_window")

    def compare(value: float) -> str:
        verdict = "over the window" if value > window else f"{value / window:.0%} of it"
        # Windows are powers of two: 32,768 tokens, not "33K".
        return f"window {window:,.0f} tokens ({verdict})"

    return make(
        "llm_context_budget",
        "context budget",
        "system + few-shot + history + user + top-k × chunk + max output",
        "tokens",
        inputs,
        lambda: used + out,
        tokens,
        key_figure=True,
        compare=compare,
    )


# ---- GPUs ------------------------------------------------------------------------------------


def decode_demand(src: _Source, peak: Estimate | None) -> Estimate:
    inputs = Inputs()
    qps = inputs.result("peak QPS", peak)
    out = src.output(inputs)
    miss = _generation_share(src, inputs)
    return make(
        "llm_decode_demand",
        "decode tokens needed",
        "peak QPS × output tokens × (1 − answer-cache hit rate)",
        "tokens/s",
        inputs,
        lambda: qps * out * miss,
        per_second("tokens"),
    )


def _generation_share(src: _Source, inputs: Inputs) -> float:
    """Requests that reach the generator: a semantic or exact cache answers the others."""
    share = 1.0
    for i, cache in enumerate(src.gen.caches):
        if cache.kind.skips_generation and cache.hit_rate is not None:
            where = f"{G}.caches[{i}].hit_rate"
            hit = inputs.add(f"{cache.kind.value} hits", cache.hit_rate, where)
            share *= 1 - hit
    return share


def gpus_for_memory(
    src: _Source, peak: Estimate | None, latency: Estimate, per_replica: Estimate
) -> Estimate:
    inputs = Inputs()
    qps = inputs.result("peak QPS", peak)
    seconds = inputs.result("generation latency", latency)
    seqs = inputs.result("sequences/replica", per_replica)
    tp = src.tensor_parallel(inputs)
    miss = _generation_share(src, inputs)
    return make(
        "llm_gpus_memory",
        "GPUs for KV-cache memory",
        "GPUs/replica × ceil(peak QPS × (1 − cache hits) × latency / sequences per replica)",
        "GPUs",
        inputs,
        lambda: tp * math.ceil(qps * miss * seconds / seqs),
        gpu_count,
    )


def gpus_for_throughput(src: _Source, demand: Estimate) -> Estimate:
    inputs = Inputs()
    need = inputs.result("decode tokens/s", demand)
    rate = src.hw(inputs, "tokens/s/GPU", "tokens_per_second")
    util = src.hw(
        inputs, "target utilisation", "target_utilization", default=DEFAULT_TARGET_UTILIZATION
    )
    return make(
        "llm_gpus_throughput",
        "GPUs for decode throughput",
        "ceil(decode tokens/s / (tokens/s per GPU × target utilisation))",
        "GPUs",
        inputs,
        lambda: float(math.ceil(need / (rate * util))),
        gpu_count,
    )


def gpus_needed(src: _Source, memory: Estimate, throughput: Estimate) -> Estimate:
    inputs = Inputs()
    a = inputs.result("for memory", memory)
    b = inputs.result("for throughput", throughput)
    provisioned = src.gen.hardware.gpus if src.gen.hardware else None

    def compare(value: float) -> str:
        if provisioned is None:
            return "no GPUs provisioned (genai.hardware.gpus)"
        verdict = "short" if provisioned < value else "enough"
        return f"{provisioned} provisioned ({verdict})"

    return make(
        "llm_gpus_needed",
        "GPUs needed",
        "max(GPUs for memory, GPUs for throughput)",
        "GPUs",
        inputs,
        lambda: max(a, b),
        gpu_count,
        key_figure=True,
        compare=compare,
    )


# ---- cost ------------------------------------------------------------------------------------


def cost_per_million(src: _Source) -> Estimate:
    inputs = Inputs()
    price = src.hw(inputs, "$/GPU-hour", "hourly_price")
    rate = src.hw(inputs, "tokens/s/GPU", "tokens_per_second")
    util = src.hw(
        inputs, "target utilisation", "target_utilization", default=DEFAULT_TARGET_UTILIZATION
    )
    return make(
        "llm_cost_per_million",
        "self-hosted $ per 1M output tokens",
        "$/GPU-hour / (tokens/s per GPU × 3600 × utilisation) × 1M",
        "$",
        inputs,
        lambda: price / (rate * 3600 * util) * 1e6,
        dollars,
    )


def _billed_gpus(src: _Source, inputs: Inputs, needed: Estimate) -> tuple[float, str]:
    """The GPUs paid for: those provisioned, or those needed when more (and say so)."""
    provisioned = src.gen.hardware.gpus if src.gen.hardware else None
    if provisioned is None:
        return inputs.result("GPUs needed", needed), ""
    if needed.value is not None and needed.value > provisioned:
        note = f"at the {gpu_count(needed.value)} needed, not the {provisioned} provisioned"
        return inputs.result("GPUs needed", needed), note
    return inputs.add("GPUs provisioned", provisioned, f"{G}.hardware.gpus"), ""


def self_hosted_per_1k(src: _Source, needed: Estimate, average: Estimate | None) -> Estimate:
    inputs = Inputs()
    gpus, note = _billed_gpus(src, inputs, needed)
    price = src.hw(inputs, "$/GPU-hour", "hourly_price")
    qps = inputs.result("average QPS", average)
    return make(
        "llm_cost_per_1k",
        "cost per 1k requests",
        "GPUs × $/GPU-hour / (average QPS × 3600) × 1000",
        "$",
        inputs,
        lambda: gpus * price / (qps * 3600) * 1000,
        dollars,
        key_figure=True,
        compare=lambda v: note,
    )


def self_hosted_per_month(src: _Source, needed: Estimate) -> Estimate:
    inputs = Inputs()
    gpus, note = _billed_gpus(src, inputs, needed)
    price = src.hw(inputs, "$/GPU-hour", "hourly_price")
    ceiling = _ceiling(src)
    return make(
        "llm_cost_per_month",
        "GPU cost per month",
        "GPUs × $/GPU-hour × 730 h",
        "$",
        inputs,
        lambda: gpus * price * HOURS_PER_MONTH,
        dollars,
        key_figure=True,
        compare=lambda v: "; ".join(part for part in (note, ceiling(v)) if part),
    )


def api_per_1k(src: _Source) -> Estimate:
    api = src.gen.api
    inputs = Inputs()
    prompt = src.prompt(inputs)
    out = src.output(inputs)
    pin = inputs.add("$/M input", api.input_price if api else None, f"{G}.api.input_price")
    pout = inputs.add("$/M output", api.output_price if api else None, f"{G}.api.output_price")
    miss = _generation_share(src, inputs)
    return make(
        "api_cost_per_1k",
        "API cost per 1k requests",
        "1000 × (input tokens × $/M in + output tokens × $/M out) / 1M × (1 − cache hits)",
        "$",
        inputs,
        lambda: 1000 * (prompt * pin + out * pout) / 1e6 * miss,
        dollars,
        key_figure=True,
    )


def api_per_month(src: _Source, per_1k: Estimate, monthly: Estimate | None) -> Estimate:
    inputs = Inputs()
    each = inputs.result("per 1k requests", per_1k)
    requests = inputs.result("requests/month", monthly)
    return make(
        "api_cost_per_month",
        "API cost per month",
        "cost per 1k requests × requests per month / 1000",
        "$",
        inputs,
        lambda: each * requests / 1000,
        dollars,
        key_figure=True,
        compare=_ceiling(src),
    )


def _ceiling(src: _Source) -> Callable[[float], str]:
    ceiling = src.gen.monitoring.cost_ceiling if src.gen.monitoring else None

    def compare(value: float) -> str:
        if ceiling is None:
            return ""
        verdict = "over" if value > ceiling else "within"
        return f"ceiling {dollars(ceiling)}/month ({verdict})"

    return compare


# ---- retrieval -------------------------------------------------------------------------------


def chunks(src: _Source) -> Estimate:
    ret = src.gen.retrieval
    where = f"{G}.retrieval"
    inputs = Inputs()
    if ret is not None and ret.chunks is not None:
        value = inputs.add("chunks", ret.chunks, f"{where}.chunks")
        return make(
            "rag_chunks",
            "chunks indexed",
            "chunks (given)",
            "chunks",
            inputs,
            lambda: value,
            lambda v: fmt.count(v, "chunks"),
        )
    docs = inputs.add("documents", ret.documents if ret else None, f"{where}.documents")
    per_doc = _chunks_per_document(inputs, ret, where)
    return make(
        "rag_chunks",
        "chunks indexed",
        "documents × ceil(tokens/document / (chunk size − overlap))",
        "chunks",
        inputs,
        lambda: docs * per_doc(),
        lambda v: fmt.count(v, "chunks"),
    )


def _chunks_per_document(inputs: Inputs, ret: Retrieval | None, where: str) -> Callable[[], float]:
    """Gather the chunking inputs; the returned function computes chunks per document."""
    per_doc = inputs.add(
        "tokens/document", ret.tokens_per_document if ret else None, f"{where}.tokens_per_document"
    )
    size = inputs.add("chunk size", ret.chunk_size if ret else None, f"{where}.chunk_size")
    overlap = inputs.add(
        "overlap", ret.chunk_overlap if ret else None, f"{where}.chunk_overlap", default=0
    )
    return lambda: math.ceil(per_doc / (size - overlap))


def rag_index_memory(src: _Source, count: Estimate) -> Estimate:
    ret = src.gen.retrieval
    inputs = Inputs()
    n = inputs.result("chunks", count)
    dim = inputs.add("dims", ret.embedding_dim if ret else None, f"{G}.retrieval.embedding_dim")
    width = inputs.add(
        "bytes/dim",
        ret.bytes_per_dim if ret else None,
        f"{G}.retrieval.bytes_per_dim",
        default=DEFAULT_BYTES_PER_DIM,
    )
    return make(
        "rag_index_memory",
        "embedding index memory",
        "chunks × dims × bytes/dim",
        "bytes",
        inputs,
        lambda: n * dim * width,
        fmt.size,
        key_figure=True,
    )


def rag_ingest_rate(src: _Source) -> Estimate:
    ret = src.gen.retrieval
    where = f"{G}.retrieval"
    inputs = Inputs()
    new = inputs.add(
        "new documents/day",
        ret.new_documents_per_day if ret else None,
        f"{where}.new_documents_per_day",
    )
    per_doc = _chunks_per_document(inputs, ret, where)
    return make(
        "rag_ingest_rate",
        "chunks to embed",
        "new documents/day × ceil(tokens/document / (chunk size − overlap)) / 86,400",
        "chunks/s",
        inputs,
        lambda: new * per_doc() / 86_400,
        per_second("chunks"),
    )


# ---- diffusion -------------------------------------------------------------------------------


def images_per_gpu_second(src: _Source) -> Estimate:
    dif = src.gen.diffusion
    where = f"{G}.diffusion"
    inputs = Inputs()
    batch = inputs.add("batch", dif.batch if dif else None, f"{where}.batch", default=1)
    steps = inputs.add("steps", dif.steps if dif else None, f"{where}.steps")
    step = inputs.add("step latency", dif.step_latency if dif else None, f"{where}.step_latency")
    return make(
        "diffusion_images_per_gpu_s",
        "images per GPU-second",
        "batch / (steps × step latency)",
        "images/s",
        inputs,
        lambda: batch / (steps * step),
        lambda v: f"{v:.2g} images/s",
    )


def diffusion_gpus(src: _Source, peak: Estimate | None, rate: Estimate) -> Estimate:
    dif = src.gen.diffusion
    inputs = Inputs()
    qps = inputs.result("peak QPS", peak)
    each = inputs.add(
        "images/request",
        dif.images_per_request if dif else None,
        f"{G}.diffusion.images_per_request",
        default=1,
    )
    per_gpu = inputs.result("images/GPU-s", rate)
    miss = _generation_share(src, inputs)
    provisioned = src.gen.hardware.gpus if src.gen.hardware else None
    return make(
        "diffusion_gpus",
        "GPUs for image generation",
        "ceil(peak QPS × images/request × (1 − cache hits) / images per GPU-second)",
        "GPUs",
        inputs,
        lambda: float(math.ceil(qps * each * miss / per_gpu)),
        gpu_count,
        key_figure=True,
        compare=lambda v: (
            f"{provisioned} provisioned ({'short' if provisioned < v else 'enough'})"
            if provisioned
            else ""
        ),
    )


def diffusion_latency(src: _Source) -> Estimate:
    dif = src.gen.diffusion
    inputs = Inputs()
    steps = inputs.add("steps", dif.steps if dif else None, f"{G}.diffusion.steps")
    step = inputs.add(
        "step latency", dif.step_latency if dif else None, f"{G}.diffusion.step_latency"
    )
    return make(
        "diffusion_latency",
        "image latency",
        "steps × step latency",
        "s",
        inputs,
        lambda: steps * step,
        fmt.duration,
    )


# ---- which apply -----------------------------------------------------------------------------


def _is_media(gen: GenAI) -> bool:
    modality = gen.model.modality if gen.model else None
    return gen.diffusion is not None or modality in IMAGE_MODALITIES


def _self_hosted(gen: GenAI) -> bool:
    return gen.hardware is not None


def llm_estimates(spec: Spec, done: Sequence[Estimate]) -> list[Estimate]:
    """The generative serving numbers; none for a spec without a `genai:` section."""
    gen = spec.genai
    if gen is None:
        return []
    src = _Source(gen)
    peak, average = _prior(done, "peak_qps"), _prior(done, "average_qps")
    monthly = _prior(done, "requests_per_month")
    found: list[Estimate] = []
    if _is_media(gen):
        rate = images_per_gpu_second(src)
        found += [rate, diffusion_latency(src), diffusion_gpus(src, peak, rate)]
    else:
        found.append(context_budget(src))
        if _self_hosted(gen) or (gen.model is not None and gen.api is None):
            weights = weights_memory(src)
            per_token = kv_per_token(src)
            per_request = kv_per_request(src, per_token)
            found += [weights, per_token, per_request]
        if _self_hosted(gen):
            replica = sequences_per_replica(src, weights, per_request)
            ceiling = decode_ceiling(src)
            step = tpot(src, ceiling)
            first = ttft(src)
            latency = generation_latency(spec, src, first, step)
            demand = decode_demand(src, peak)
            memory = gpus_for_memory(src, peak, latency, replica)
            throughput = gpus_for_throughput(src, demand)
            needed = gpus_needed(src, memory, throughput)
            found += [replica, ceiling, first, step, latency, demand, memory, throughput, needed]
            found += [cost_per_million(src)]
        else:
            found.append(generation_latency(spec, src, None, None))
    if _self_hosted(gen):
        needed_gpus = next(e for e in found if e.key in ("llm_gpus_needed", "diffusion_gpus"))
        found += [
            self_hosted_per_1k(src, needed_gpus, average),
            self_hosted_per_month(src, needed_gpus),
        ]
    if gen.api is not None:
        per_1k = api_per_1k(src)
        found += [per_1k, api_per_month(src, per_1k, monthly)]
    if gen.retrieval is not None:
        ret = gen.retrieval
        count = chunks(src)
        found.append(count)
        if ret.embedding_dim is not None or ret.embedding_model is not None:
            found.append(rag_index_memory(src, count))
        if ret.new_documents_per_day is not None:
            found.append(rag_ingest_rate(src))
    return found
