"""The `genai:` section: what a generative AI design decides, beyond the seven steps' fields.

Approach, model architecture, tokens, decoding, hardware or API prices, latency targets,
caches, retrieval, guardrails, evaluation, monitoring and (for media) diffusion. Token counts
are plain counts (`1.5k`); prices are US dollars.
"""

from __future__ import annotations

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from designdoc.spec.genai_vocab import (
    AccessControlField,
    AlignmentField,
    ApproachField,
    CacheKindField,
    DecodingField,
    ModalityField,
    PrecisionField,
    TuningField,
)
from designdoc.spec.model_presets import PRESETS, preset_key
from designdoc.spec.models.base import Section, Text
from designdoc.spec.units import CountValue, DurationValue, FractionValue, SizeValue, WholeNumber


class GenApproach(Section):
    kind: ApproachField | None = Field(
        None, description="prompting, rag, fine_tuning, agent, pretraining or other."
    )
    fine_tuning: TuningField | None = Field(
        None, description="How the base model is tuned: none, full, lora, qlora, prefix."
    )
    alignment: AlignmentField | None = Field(
        None, description="How it is aligned with preferences: none, sft, rlhf, dpo, rlaif."
    )
    base_model: Text | None = Field(
        None, description="The base model chosen, and why it rather than training one."
    )
    tools: list[Text] = Field(
        default_factory=list, description="Tools an agent may call: search, code runner..."
    )
    why: Text | None = Field(None, description="Why this approach rather than the others.")


class GenModel(Section):
    preset: str | None = Field(
        None,
        description="A known open model whose architecture numbers are used where the fields "
        "below are left out: " + ", ".join(PRESETS) + ".",
    )
    name: Text | None = Field(None, description="The model served, e.g. an 8B instruct model.")
    modality: ModalityField | None = Field(
        None, description="What it generates: text, code, image, video, audio."
    )
    parameters: CountValue | None = Field(None, description="Parameters, e.g. 8B.")
    active_parameters: CountValue | None = Field(
        None,
        description="Parameters one token passes through, for a mixture of experts (12.9B of "
        "Mixtral 8x7B's 46.7B): decoding and prefill use these, weights memory the total. The "
        "preset's when left out; all the parameters for a dense model.",
    )

    @field_validator("active_parameters")
    @classmethod
    def _active_within_total(cls, active: CountValue | None, info: ValidationInfo) -> object:
        total = info.data.get("parameters")
        if active is not None and total is not None and active.value > total.value:
            raise ValueError(
                f"{active.text} active parameters is more than the {total.text} in all; "
                "active_parameters counts those one token uses, a share of parameters"
            )
        return active

    precision: PrecisionField | None = Field(
        None, description="Weights precision: fp32, bf16, fp16, fp8, int8 or int4."
    )
    kv_precision: PrecisionField | None = Field(
        None, description="Precision of the KV-cache; the weights precision when left out."
    )
    layers: WholeNumber | None = Field(None, description="Transformer layers.")
    attention_heads: WholeNumber | None = Field(None, description="Query (attention) heads.")
    kv_heads: WholeNumber | None = Field(
        None,
        description="Key/value heads (fewer than attention heads with grouped-query attention); "
        "the KV-cache is sized with these.",
    )
    head_dim: WholeNumber | None = Field(None, description="Dimension of each attention head.")
    context_window: CountValue | None = Field(None, description="Context window, e.g. 128k tokens.")

    @field_validator("preset")
    @classmethod
    def _known_preset(cls, value: str | None) -> str | None:
        if value is None or preset_key(value) in PRESETS:
            return value
        from designdoc.spec.suggest import did_you_mean

        raise PydanticCustomError(
            "preset",
            "unknown model preset '{raw}'{hint} (presets: {names}); or give the numbers",
            {
                "raw": value,
                "hint": did_you_mean(preset_key(value), list(PRESETS)),
                "names": ", ".join(PRESETS),
            },
        )


class Tokens(Section):
    system: CountValue | None = Field(None, description="System prompt and instructions, tokens.")
    few_shot: CountValue | None = Field(None, description="Few-shot examples, tokens.")
    history: CountValue | None = Field(None, description="Conversation history kept, tokens.")
    user: CountValue | None = Field(None, description="The user's message, tokens.")
    prompt: CountValue | None = Field(
        None,
        description="Input tokens of a typical request, retrieved chunks included; the sum of "
        "the parts above and the chunks when left out.",
    )
    prompt_p95: CountValue | None = Field(None, description="Input tokens at the 95th percentile.")
    output: CountValue | None = Field(None, description="Output tokens of a typical request.")
    output_p95: CountValue | None = Field(None, description="Output tokens at the 95th percentile.")


class DecodingSettings(Section):
    method: DecodingField | None = Field(
        None, description="greedy, beam, top_k, top_p, sampling or other."
    )
    temperature: float | None = Field(None, ge=0, le=5, description="Sampling temperature.")
    top_p: float | None = Field(None, gt=0, le=1, description="Nucleus sampling mass.")
    top_k: WholeNumber | None = Field(None, description="Tokens sampled from, for top-k.")
    beam_width: WholeNumber | None = Field(None, description="Beams, for beam search.")
    max_output_tokens: CountValue | None = Field(
        None, description="Hard cap on output tokens per request."
    )
    streaming: bool | None = Field(None, description="Whether tokens stream to the user.")
    stop: list[Text] = Field(default_factory=list, description="Stop sequences.")


class Hardware(Section):
    gpu: Text | None = Field(None, description="The accelerator, e.g. H100 80GB.")
    gpu_memory: SizeValue | None = Field(None, description="Memory of one GPU, e.g. 80GB.")
    bandwidth: SizeValue | None = Field(
        None, description="Memory bandwidth of one GPU, per second, e.g. 3.35TB."
    )
    peak_flops: CountValue | None = Field(
        None, description="Dense peak FLOP/s of one GPU at the serving precision, e.g. 989T."
    )
    utilization: FractionValue | None = Field(
        None,
        description="Share of peak FLOP/s prefill reaches (model FLOPs utilisation); 40% assumed.",
    )
    tokens_per_second: CountValue | None = Field(
        None,
        description="Measured output tokens/s one GPU sustains at the latency target, all "
        "batched streams together.",
    )
    target_utilization: FractionValue | None = Field(
        None, description="Share of that throughput planned for; 60% assumed."
    )
    memory_overhead: FractionValue | None = Field(
        None, description="Share of GPU memory kept for activations and fragmentation; 5% assumed."
    )
    tensor_parallel: WholeNumber | None = Field(
        None, description="GPUs one model replica spans (tensor parallelism)."
    )
    gpus: WholeNumber | None = Field(None, description="GPUs provisioned, all replicas together.")
    hourly_price: float | None = Field(None, ge=0, description="US dollars per GPU-hour.")
    batching: Text | None = Field(
        None, description="How requests are batched, e.g. continuous batching, paged KV-cache."
    )


class ApiPrices(Section):
    provider: Text | None = Field(None, description="The hosted model's provider.")
    input_price: float | None = Field(
        None, ge=0, description="US dollars per million input tokens."
    )
    output_price: float | None = Field(
        None, ge=0, description="US dollars per million output tokens."
    )
    data_terms: Text | None = Field(
        None, description="What the provider may keep or train on: retention, zero-retention..."
    )


class LatencyTargets(Section):
    ttft: DurationValue | None = Field(None, description="Time to first token target, e.g. 500ms.")
    tpot: DurationValue | None = Field(
        None, description="Time per output token target, e.g. 30ms (about 33 tokens/s)."
    )
    total: DurationValue | None = Field(
        None,
        description="Whole-answer target; when left out, the requirements' latency budget bounds "
        "the whole answer (streamed with a TTFT target) or the first token (streamed without).",
    )


class Cache(Section):
    kind: CacheKindField = Field(description="prompt, semantic, exact, embedding or other.")
    hit_rate: FractionValue | None = Field(None, description="Share of requests served by it.")
    ttl: DurationValue | None = Field(None, description="How long entries live.")
    notes: Text | None = Field(None, description="What is cached and how it is invalidated.")


class Retrieval(Section):
    documents: CountValue | None = Field(None, description="Documents in the corpus.")
    tokens_per_document: CountValue | None = Field(
        None, description="Average tokens of one document."
    )
    new_documents_per_day: CountValue | None = Field(
        None, description="Documents added or changed per day."
    )
    parsing: Text | None = Field(None, description="How documents are parsed: PDF, HTML, tables.")
    chunk_size: CountValue | None = Field(None, description="Tokens per chunk, e.g. 512.")
    chunk_overlap: CountValue | None = Field(None, description="Tokens shared by adjacent chunks.")
    chunks: CountValue | None = Field(
        None, description="Chunks in the index; estimated from the documents when left out."
    )

    @field_validator("chunk_overlap")
    @classmethod
    def _overlap_below_size(cls, overlap: CountValue | None, info: ValidationInfo) -> object:
        size = info.data.get("chunk_size")
        if overlap is not None and size is not None and overlap.value >= size.value:
            raise ValueError(
                f"an overlap of {overlap.text} tokens leaves nothing new in a chunk of "
                f"{size.text}; make it smaller than chunk_size (e.g. 10-20% of it)"
            )
        return overlap

    embedding_model: Text | None = Field(None, description="The model that embeds chunks.")
    embedding_dim: WholeNumber | None = Field(None, description="Dimensions of a chunk embedding.")
    bytes_per_dim: float | None = Field(
        None, gt=0, description="Bytes per dimension; 4 (float32) assumed."
    )
    index: Text | None = Field(
        None, description="The index: vector (HNSW...), BM25 keyword, or hybrid of both."
    )
    top_k: WholeNumber | None = Field(None, description="Chunks put into the prompt.")
    candidates: WholeNumber | None = Field(None, description="Chunks fetched before re-ranking.")
    reranker: Text | None = Field(None, description="The re-ranker, e.g. a cross-encoder.")
    access_control: AccessControlField | None = Field(
        None, description="before_retrieval, after_retrieval or none (all may read all)."
    )
    refresh: Text | None = Field(None, description="How changed or deleted documents reach it.")
    citations: Text | None = Field(
        None, description="How answers cite passages, and how citations are checked."
    )


class Guardrails(Section):
    input: list[Text] = Field(
        default_factory=list, description="Filters on the user's input: moderation, topic..."
    )
    output: list[Text] = Field(
        default_factory=list, description="Filters on the answer: toxicity, PII, NSFW..."
    )
    pii_redaction: Text | None = Field(
        None, description="How personal data is removed before prompts, logs or vendors."
    )
    prompt_injection: Text | None = Field(
        None,
        description="How instructions hidden in retrieved text or tool output are defused.",
    )
    refusal_policy: Text | None = Field(None, description="What is refused, and how.")
    escalation: Text | None = Field(
        None, description="When a person takes over: high-stakes or low-confidence answers."
    )
    red_teaming: Text | None = Field(None, description="Who attacks it before launch, how.")


class Judge(Section):
    model: Text | None = Field(None, description="The judging model.")
    rubric: Text | None = Field(None, description="What it scores, on which scale.")
    calibration: Text | None = Field(
        None, description="How its scores are checked against human ratings."
    )
    agreement: FractionValue | None = Field(
        None, description="Its agreement with human raters, e.g. 85%."
    )


class GenEvaluation(Section):
    retrieval: list[Text] = Field(
        default_factory=list, description="Retrieval metrics: hit rate@k, MRR, nDCG."
    )
    faithfulness: Text | None = Field(
        None, description="How groundedness in the retrieved passages is measured."
    )
    answer_relevance: Text | None = Field(None, description="How answer relevance is measured.")
    quality: list[Text] = Field(
        default_factory=list, description="Task metrics: BLEU, exact match, pass@k, FID..."
    )
    judge: Judge | None = Field(None, description="LLM-as-judge, and its calibration.")
    human_preference: Text | None = Field(
        None, description="Side-by-side human ratings, or an arena."
    )
    safety: list[Text] = Field(
        default_factory=list, description="Toxicity, bias, leakage, jailbreak robustness..."
    )
    contamination: Text | None = Field(
        None, description="How evaluation data is kept out of training and fine-tuning data."
    )
    online: list[Text] = Field(
        default_factory=list, description="Thumbs, regeneration, escalation, acceptance rate..."
    )


class GenMonitoring(Section):
    groundedness: Text | None = Field(
        None, description="Groundedness checked on sampled traffic, and how."
    )
    abstention: Text | None = Field(
        None, description="How often it says it does not know, and what is watched."
    )
    hallucination: Text | None = Field(None, description="How hallucinations are caught.")
    cost: Text | None = Field(None, description="Cost and tokens per request, watched how.")
    cost_ceiling: float | None = Field(
        None, ge=0, description="Monthly spend ceiling in US dollars."
    )
    safety_incidents: Text | None = Field(
        None, description="How safety incidents are found and handled."
    )
    drift: Text | None = Field(None, description="Drift of queries and of retrieval results.")
    versions: Text | None = Field(
        None, description="How prompt and model versions are tracked per answer."
    )


class Diffusion(Section):
    steps: WholeNumber | None = Field(None, description="Denoising steps per image.")
    step_latency: DurationValue | None = Field(
        None, description="Time of one denoising step for one batch on one GPU."
    )
    batch: WholeNumber | None = Field(None, description="Images denoised together.")
    images_per_request: WholeNumber | None = Field(None, description="Images one request returns.")
    resolution: Text | None = Field(None, description="Output resolution, e.g. 1024x1024.")
    sampler: Text | None = Field(None, description="The sampler, e.g. DDIM, DPM-Solver++.")
    guidance: float | None = Field(None, ge=0, description="Classifier-free guidance scale.")


class GenAI(Section):
    """What a generative AI design decides: model, tokens, serving, retrieval and safety."""

    approach: GenApproach | None = Field(None, description="Prompting, RAG, tuning, agents.")
    model: GenModel | None = Field(None, description="The model and its architecture numbers.")
    tokens: Tokens | None = Field(None, description="Tokens per request.")
    decoding: DecodingSettings | None = Field(None, description="How tokens are chosen.")
    hardware: Hardware | None = Field(None, description="Self-hosted GPUs and their price.")
    api: ApiPrices | None = Field(None, description="A hosted model's prices.")
    latency: LatencyTargets | None = Field(None, description="TTFT and TPOT targets.")
    caches: list[Cache] = Field(default_factory=list, description="Prompt and semantic caches.")
    routing: Text | None = Field(
        None, description="Which requests go to which model, and the fallback model."
    )
    retrieval: Retrieval | None = Field(None, description="Chunking, embeddings, index, top-k.")
    guardrails: Guardrails | None = Field(None, description="Safety on input and output.")
    evaluation: GenEvaluation | None = Field(None, description="How generations are judged.")
    monitoring: GenMonitoring | None = Field(None, description="What is watched in production.")
    diffusion: Diffusion | None = Field(None, description="Image or video generation.")
    notes: Text | None = Field(None, description="Anything else about the generative design.")
