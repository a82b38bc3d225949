"""The `init` skeleton's parts for generative systems: guardrail and generation stages,
generative metrics, and the `genai:` section with the numbers the serving estimates read.
"""

from __future__ import annotations

_GENAI_HEAD = """
# ---- Generative AI: what the serving estimates and the GEN review rules read ----
# `designdoc check` turns these numbers into weights and KV-cache memory, GPUs needed, TTFT,
# whole-answer latency against the budget, context budget and cost per 1k requests.
genai:
  approach:
    kind: {kind}
    fine_tuning: none  # none | full | lora | qlora | prefix
    alignment: none    # none | sft | rlhf | dpo | rlaif
    why:               # why this approach rather than the others
"""

_TEXT_GENAI = (
    _GENAI_HEAD.format(kind="rag          # prompting | rag | fine_tuning | agent | pretraining")
    + """\
  model:
    preset: llama-3.1-8b   # a known open model, or give the numbers below
    precision: bf16        # fp32 | bf16 | fp16 | fp8 | int8 | int4
    # parameters: 8B
    # layers: 32
    # kv_heads: 8          # key/value heads, not attention heads
    # head_dim: 128
    # context_window: 128k
  tokens:
    system:            # tokens of the system prompt
    history:           # conversation turns kept
    user:              # the user's message
    output:            # a typical answer
    output_p95:
  decoding:
    method:            # greedy | beam | top_k | top_p | sampling
    temperature:
    max_output_tokens:
    streaming: true
  hardware:            # self-hosted; or use `api:` with prices per 1M tokens
    gpu:               # e.g. H100 80GB
    gpu_memory:        # e.g. 80GB
    bandwidth:         # per second, e.g. 3.35TB
    peak_flops:        # e.g. 989T
    tokens_per_second: # measured output tokens/s of one GPU at the latency target
    gpus:              # provisioned
    hourly_price:      # US dollars per GPU-hour
  # api: {provider: ..., input_price: 3, output_price: 15, data_terms: ...}
  latency:
    ttft:              # time to first token, e.g. 800ms
    tpot:              # time per output token, e.g. 30ms
  caches: []           # - {kind: semantic, hit_rate: 10%}
  routing:             # the fallback model when the main one is slow or full
  retrieval:
    documents:
    tokens_per_document:
    new_documents_per_day:
    chunk_size:        # tokens, e.g. 512
    chunk_overlap:
    embedding_model:
    embedding_dim:
    index:             # vector, BM25 or hybrid
    top_k:
    reranker:
    access_control:    # before_retrieval | after_retrieval | none
    citations:         # how answers cite passages, and how citations are checked
  guardrails:
    input: []          # moderation, topic filters
    output: []         # toxicity, PII
    pii_redaction:
    prompt_injection:  # retrieved text and tool output are untrusted
    escalation:        # when a person takes over
  evaluation:
    retrieval: []      # hit rate@k, MRR
    faithfulness:      # are claims supported by the retrieved passages?
    answer_relevance:
    judge:             # {model: ..., calibration: checked against human ratings}
    safety: []         # jailbreaks, leakage, toxicity
    online: []         # thumbs, regenerations, escalations
  monitoring:
    groundedness:      # on sampled live traffic
    abstention:
    cost_ceiling:      # US dollars a month
    versions:          # prompt and model version per answer
"""
)

_MEDIA_GENAI = (
    _GENAI_HEAD.format(kind="fine_tuning  # prompting | fine_tuning | pretraining")
    + """\
  model: {modality: image, parameters:, precision: fp16}
  diffusion:
    steps:             # denoising steps, e.g. 30
    step_latency:      # one step for one batch on one GPU, e.g. 150ms
    batch:
    images_per_request:
    resolution:        # e.g. 1024x1024
  hardware: {gpu:, gpus:, hourly_price:}
  guardrails:
    input: []          # prompt moderation
    output: []         # NSFW classifier
  evaluation:
    quality: [FID, CLIPScore]
    safety: []
    online: []         # downloads, reports
  monitoring:
    cost_ceiling:
    versions:
"""
)

TEXT_GENERATION = {
    "label_source": "self_supervised   # next-token prediction; human for preferences",
    "evaluation": """\
  offline: []        # - {metric: ..., primary: true}: hit rate@k, faithfulness, answer relevance
  online: []         # - {metric: ..., role: primary}: resolution rate, thumbs, escalations
""",
    "serving": """\
  stages:            # the request path; generation counts up to its first token when streamed
    - {id: guard_in, name: Input guardrail, kind: guardrail, latency:}
    - {id: retrieve, name: Retrieval, kind: retrieval, latency:}
    - {id: generate, name: Generation, kind: generation, latency:}
    - {id: guard_out, name: Output guardrail, kind: guardrail, latency:}
""",
    "genai_section": _TEXT_GENAI,
}

MEDIA_GENERATION = {
    "label_source": "mixed     # licensed image-caption pairs; human preferences",
    "evaluation": """\
  offline:
    - metric: FID
      why: Realism against real images.
    - metric: CLIPScore
      why: Agreement of image and prompt.
    - {metric: human preference win rate, primary: true}
  online: []         # - {metric: downloads per prompt, role: primary}
""",
    "serving": """\
  stages:
    - {id: guard_in, name: Prompt moderation, kind: guardrail, latency:}
    - {id: generate, name: Denoising, kind: generation, latency:}
    - {id: guard_out, name: Image safety classifier, kind: guardrail, latency:}
""",
    "genai_section": _MEDIA_GENAI,
}
