"""Rules for generative AI designs: grounding, judges, safety, context, latency and cost.

They apply to a spec with a `genai:` section or a generative category; rules about retrieval
apply only when the design retrieves (a RAG approach or a `genai.retrieval` section).
"""

from __future__ import annotations

from collections.abc import Iterator

from designdoc.review.estimates.llm import streamed, whole_answer_bound
from designdoc.review.rules.context import Context, contains, keywords
from designdoc.review.rules.rule import ERROR, INFO, WARNING, Hit, Rule, empty
from designdoc.spec import numbers as fmt
from designdoc.spec.genai_vocab import AccessControl, Approach, Decoding, Modality, Tuning
from designdoc.spec.grammar import with_article
from designdoc.spec.models.genai import GenAI
from designdoc.spec.vocab import GENERATION, Category, StageKind

GEN = ("genai",)
GENAI_BOOK = "Generative AI System Design Interview (Aminian and Sheng)"
OWASP = "OWASP Top 10 for LLM Applications"
RAGAS = "RAGAS: Automated Evaluation of Retrieval Augmented Generation (Es et al.)"
JUDGE = "Judging LLM-as-a-Judge with MT-Bench and Chatbot Arena (Zheng et al.)"
INFERENCE = "Transformer Inference Arithmetic (kipply); Databricks, LLM inference best practices"

GROUNDED = keywords("faithful | grounded | groundedness | hallucinat | attribution | supported by")
CALIBRATED = keywords(
    "calibrat | human rating | human label | agreement | kappa | correlat | human judg"
)
HIGH_STAKES = keywords(
    "medical | health | clinical | patient | diagnos | legal | lawyer | financial advice | "
    "investment | tax$ | insurance claim | hr policy | benefits | payroll | compliance | "
    "mental health"
)
CHECKED = keywords(
    "check | verif | validat | match | entail | must quote | exists in | resolv | "
    "among the retrieved"
)
PII_WORDS = keywords(
    "pii$ | personal data | personal information | email address | phone number | "
    "customer record | employee record | medical record | health record"
)
MEDIA_QUALITY = keywords("fid$ | clipscore | clip score | inception score | is$ | human preference")


def genai(ctx: Context) -> GenAI:
    """The spec's `genai:` section, or an empty one."""
    return ctx.spec.genai or GenAI()


def generative(ctx: Context) -> bool:
    """The GenAI rules read the `genai:` section; without it GEN000 is the one finding."""
    return ctx.spec.genai is not None


def _generates(ctx: Context) -> bool:
    """A generative category, or a stage that generates."""
    stages = any(s.kind is StageKind.generation for s in ctx.spec.serving.stages)
    return ctx.is_in(GENERATION) or stages


def _gen000(ctx: Context) -> Iterator[Hit]:
    if ctx.spec.genai is None:
        yield Hit(
            ("framing", "category"),
            "a generative design with no genai: section, so its model, tokens, hardware, "
            "latency targets and guardrails are unstated and GPUs, KV-cache, time to first "
            "token and cost cannot be estimated (`designdoc init --category text_generation` "
            "writes one)",
        )


def retrieves(ctx: Context) -> bool:
    gen = genai(ctx)
    kind = gen.approach.kind if gen.approach else None
    return generative(ctx) and (gen.retrieval is not None or kind == Approach.rag)


def untrusted_text(ctx: Context) -> bool:
    """Retrieved documents or tool output reach the prompt."""
    gen = genai(ctx)
    agent = gen.approach is not None and (
        gen.approach.kind == Approach.agent or bool(gen.approach.tools)
    )
    return retrieves(ctx) or (generative(ctx) and agent)


def media(ctx: Context) -> bool:
    gen = genai(ctx)
    modality = gen.model.modality if gen.model else None
    return generative(ctx) and (
        Category.media_generation in ctx.categories
        or gen.diffusion is not None
        or modality in (Modality.image, Modality.video)
    )


def text(ctx: Context) -> bool:
    return generative(ctx) and not media(ctx)


def tuned(ctx: Context) -> bool:
    approach = genai(ctx).approach
    if approach is None or not generative(ctx):
        return False
    tuning = approach.fine_tuning not in (None, Tuning.none)
    return tuning or approach.kind in (Approach.fine_tuning, Approach.pretraining)


# ---- checks ----------------------------------------------------------------------------------


def _gen001(ctx: Context) -> Iterator[Hit]:
    ev = genai(ctx).evaluation
    offline = [m.metric for m in ctx.spec.evaluation.offline]
    said = (ev is not None and not empty(ev.faithfulness)) or any(
        contains(m, GROUNDED) for m in offline
    )
    if not said:
        yield Hit(
            (*GEN, "evaluation"),
            "no faithfulness (groundedness) evaluation: are answers supported by the retrieved "
            "passages? (genai.evaluation.faithfulness)",
        )


def _uses_judge(ctx: Context) -> bool:
    ev = genai(ctx).evaluation
    if ev is not None and ev.judge is not None:
        return True
    texts = [m.metric for m in ctx.spec.evaluation.offline]
    if ev is not None:
        texts += [ev.faithfulness or "", ev.answer_relevance or "", *ev.quality]
    return generative(ctx) and any(
        contains(t, ("llm as judge", "llm judge", "judge")) for t in texts
    )


def _gen002(ctx: Context) -> Iterator[Hit]:
    ev = genai(ctx).evaluation
    judge = ev.judge if ev else None
    if judge is None or (empty(judge.calibration) and judge.agreement is None):
        yield Hit(
            (*GEN, "evaluation", "judge"),
            "an LLM judge scores answers but nothing checks it against human ratings "
            "(genai.evaluation.judge.calibration or agreement)",
        )


def _gen003(ctx: Context) -> Iterator[Hit]:
    guard = genai(ctx).guardrails
    missing = [side for side in ("input", "output") if guard is None or empty(getattr(guard, side))]
    if len(missing) == 2:
        yield Hit((*GEN, "guardrails"), "no input or output safety filter (genai.guardrails)")
    elif missing:
        yield Hit(
            (*GEN, "guardrails", missing[0]),
            f"no {missing[0]} safety filter (genai.guardrails.{missing[0]})",
            severity=WARNING,
        )


def _gen004(ctx: Context) -> Iterator[Hit]:
    guard = genai(ctx).guardrails
    if guard is None or empty(guard.prompt_injection):
        source = "retrieved documents" if retrieves(ctx) else "tool output"
        yield Hit(
            (*GEN, "guardrails", "prompt_injection"),
            f"{source} enter the prompt and nothing defends against instructions hidden in them "
            "(genai.guardrails.prompt_injection)",
        )


def _pii_involved(ctx: Context) -> bool:
    sources = any(s.contains_pii for s in ctx.spec.data.sources)
    return (
        generative(ctx)
        and genai(ctx).api is not None
        and (sources or ctx.mentions(PII_WORDS, ("requirements", "data", "genai")))
    )


def _gen005(ctx: Context) -> Iterator[Hit]:
    gen = genai(ctx)
    redacted = gen.guardrails is not None and not empty(gen.guardrails.pii_redaction)
    terms = gen.api is not None and not empty(gen.api.data_terms)
    if not redacted:
        yield Hit(
            (*GEN, "guardrails", "pii_redaction"),
            "personal data may reach a third-party model and nothing redacts it "
            "(genai.guardrails.pii_redaction)"
            + ("" if terms else "; the provider's data terms are not stated either"),
        )


def _gen006(ctx: Context) -> Iterator[Hit]:
    estimate = ctx.estimates.get("llm_context_budget")
    if estimate is None or estimate.value is None:
        return
    window = next((i.value for i in estimate.inputs if i.name == "context window"), None)
    if window is not None and estimate.value > window:
        yield Hit(
            (*GEN, "tokens"),
            f"system + chunks + history + output need {estimate.display}, more than the "
            f"{fmt.count(window)}-token context window: say what is truncated or summarised",
        )


def _gen007(ctx: Context) -> Iterator[Hit]:
    if empty(ctx.spec.serving.fallbacks) and empty(genai(ctx).routing):
        yield Hit(
            ("serving", "fallbacks"),
            "nothing happens when the model server is overloaded or slow: add a fallback "
            "(a smaller model, a cached answer, a queue) in serving.fallbacks or genai.routing",
        )


def _gen008(ctx: Context) -> Iterator[Hit]:
    costs = ("llm_cost_per_1k", "api_cost_per_1k", "llm_cost_per_month", "api_cost_per_month")
    if not any(ctx.value(key) is not None for key in costs):
        yield Hit(
            (*GEN,),
            "no cost per request can be estimated: give genai.hardware.hourly_price and "
            "tokens_per_second, or genai.api prices",
        )
    mon = genai(ctx).monitoring
    if mon is None or (mon.cost_ceiling is None and empty(mon.cost)):
        yield Hit(
            (*GEN, "monitoring"),
            "no monthly cost ceiling or cost monitoring (genai.monitoring.cost_ceiling)",
            severity=INFO,
        )


def _gen026(ctx: Context) -> Iterator[Hit]:
    mon = genai(ctx).monitoring
    ceiling = mon.cost_ceiling if mon else None
    for key in ("llm_cost_per_month", "api_cost_per_month"):
        monthly = ctx.value(key)
        if ceiling is not None and monthly is not None and monthly > ceiling:
            yield Hit(
                (*GEN, "monitoring", "cost_ceiling"),
                f"the estimated monthly cost ({ctx.estimates[key].display}) is over the "
                f"${ceiling:,.0f} ceiling",
            )


def _gen027(ctx: Context) -> Iterator[Hit]:
    """The funnel's generation latency against what the serving estimates say it takes."""
    gen = genai(ctx)
    streamed = bool(gen.decoding and gen.decoding.streaming)
    key, what = (
        ("llm_ttft", "time to first token")
        if streamed
        else (
            "llm_generation_latency",
            "whole-answer time",
        )
    )
    estimate = ctx.value(key)
    if estimate is None:
        return
    for i, stage in enumerate(ctx.spec.serving.stages):
        latency = stage.latency
        if stage.kind == StageKind.generation and latency and latency.value < estimate:
            yield Hit(
                ("serving", "stages", i, "latency"),
                f"stage '{stage.id}' takes {fmt.duration(latency.value)} in the funnel, "
                "but the estimated "
                f"{what} is {fmt.duration(estimate)}: the latency budget is checked against "
                "the smaller number",
            )


def _gen009(ctx: Context) -> Iterator[Hit]:
    mon = genai(ctx).monitoring
    if mon is None or all(empty(v) for v in (mon.groundedness, mon.abstention, mon.hallucination)):
        yield Hit(
            (*GEN, "monitoring"),
            "no hallucination, groundedness or abstention monitoring on live traffic "
            "(genai.monitoring.groundedness)",
        )


def _gen010(ctx: Context) -> Iterator[Hit]:
    ev = genai(ctx).evaluation
    if ev is None or empty(ev.contamination):
        yield Hit(
            (*GEN, "evaluation", "contamination"),
            "the model is tuned, and nothing keeps evaluation data out of the tuning data "
            "(genai.evaluation.contamination)",
        )


def _gen011(ctx: Context) -> Iterator[Hit]:
    if streamed(genai(ctx)):
        return
    estimate = ctx.estimates.get("llm_generation_latency")
    budget = whole_answer_bound(ctx.spec)
    if estimate is None or estimate.value is None or budget is None:
        return
    if estimate.value > budget.value:
        yield Hit(
            (*GEN, "decoding", "streaming"),
            f"the whole answer takes {estimate.display} against "
            f"{with_article(budget.text)} budget and is not streamed: stream tokens, shorten "
            "outputs or use a faster model",
        )


def _gen028(ctx: Context) -> Iterator[Hit]:
    """Streamed, the whole answer still has a bound: `genai.latency.total`, or the latency
    budget once a TTFT target stands for the wait to the first words."""
    gen = genai(ctx)
    estimate = ctx.estimates.get("llm_generation_latency")
    bound = whole_answer_bound(ctx.spec)
    if not streamed(gen) or estimate is None or estimate.value is None or bound is None:
        return
    if estimate.value > bound.value:
        said = (
            f"the streamed answer takes {estimate.display} to finish (TTFT + TPOT × output tokens)"
        )
        if gen.latency and gen.latency.total:
            yield Hit(
                (*GEN, "latency", "total"),
                f"{said}, over genai.latency.total ({bound.text}): lower TPOT or shorten answers",
            )
            return
        yield Hit(
            (*GEN, "latency", "tpot"),
            f"{said}, over the {bound.text} latency budget, which holds the whole answer once "
            "genai.latency.ttft holds the first token: lower TPOT, shorten answers, or set "
            "genai.latency.total to the wait users accept",
        )


def _gen012(ctx: Context) -> Iterator[Hit]:
    peak = ctx.value("peak_qps")
    limit = ctx.threshold("genai_cache_min_qps")
    if peak is not None and peak >= limit and empty(genai(ctx).caches):
        yield Hit(
            (*GEN, "caches"),
            f"{fmt.count(peak)} peak QPS and no prompt or semantic cache: repeated prompts are "
            "paid for again (genai.caches)",
        )


def _gen013(ctx: Context) -> Iterator[Hit]:
    dec = genai(ctx).decoding
    if dec is None or dec.method is None:
        yield Hit((*GEN, "decoding"), "the decoding method is unstated (genai.decoding.method)")
        return
    sampled = dec.method in (Decoding.top_k, Decoding.top_p, Decoding.sampling)
    if sampled and dec.temperature is None:
        yield Hit((*GEN, "decoding"), "sampling with no temperature (genai.decoding.temperature)")
    if dec.max_output_tokens is None:
        yield Hit(
            (*GEN, "decoding"),
            "no maximum output length (genai.decoding.max_output_tokens)",
            severity=INFO,
        )


def _gen014(ctx: Context) -> Iterator[Hit]:
    guard = genai(ctx).guardrails
    if guard is None or empty(guard.escalation):
        yield Hit(
            (*GEN, "guardrails", "escalation"),
            "answers touch high-stakes matters and nothing hands them to a person "
            "(genai.guardrails.escalation)",
        )


def _gen015(ctx: Context) -> Iterator[Hit]:
    ret = genai(ctx).retrieval
    citations = ret.citations if ret else None
    if empty(citations):
        yield Hit(
            (*GEN, "retrieval", "citations"),
            "answers do not cite passages, or nothing says how (genai.retrieval.citations)",
            severity=INFO,
        )
    elif not contains(citations, CHECKED):
        yield Hit(
            (*GEN, "retrieval", "citations"),
            "nothing says how citations are checked against the retrieved passages (that each "
            "cited passage was retrieved and supports its sentence)",
        )


def _gen016(ctx: Context) -> Iterator[Hit]:
    ret = genai(ctx).retrieval
    access = ret.access_control if ret else None
    if access is None:
        yield Hit(
            (*GEN, "retrieval"),
            "who may read which document is unstated (genai.retrieval.access_control)",
        )
    elif access == AccessControl.after_retrieval:
        yield Hit(
            (*GEN, "retrieval", "access_control"),
            "access control after retrieval: forbidden chunks take top-k slots, and one slip "
            "leaks them; filter in the index, before retrieval",
        )


def _gen017(ctx: Context) -> Iterator[Hit]:
    gen = genai(ctx)
    provisioned = gen.hardware.gpus if gen.hardware else None
    for key in ("llm_gpus_needed", "diffusion_gpus"):
        needed = ctx.value(key)
        if needed is not None and provisioned is not None and provisioned < needed:
            yield Hit(
                (*GEN, "hardware", "gpus"),
                f"{provisioned} GPUs provisioned; the estimate needs {fmt.count(needed)}",
            )
    if ctx.value("llm_sequences_per_replica") == 0:
        yield Hit(
            (*GEN, "hardware"),
            "the weights and one request's KV-cache do not fit in a replica's GPU memory: "
            "raise genai.hardware.tensor_parallel or quantise",
        )


def _gen018(ctx: Context) -> Iterator[Hit]:
    lat = genai(ctx).latency
    target = lat.ttft if lat else None
    ttft = ctx.value("llm_ttft")
    if target is not None and ttft is not None and ttft > target.value:
        yield Hit(
            (*GEN, "latency", "ttft"),
            f"prefill alone takes about {fmt.duration(ttft)} against "
            f"{with_article(target.text)} TTFT target",
        )


def _gen019(ctx: Context) -> Iterator[Hit]:
    lat = genai(ctx).latency
    if lat is None or (lat.ttft is None and lat.tpot is None):
        yield Hit(
            (*GEN, "latency"),
            "no time-to-first-token or time-per-output-token target (genai.latency)",
        )


def _gen020(ctx: Context) -> Iterator[Hit]:
    gen = genai(ctx)
    safety = gen.evaluation is not None and not empty(gen.evaluation.safety)
    red = gen.guardrails is not None and not empty(gen.guardrails.red_teaming)
    if not safety and not red:
        yield Hit(
            (*GEN, "evaluation", "safety"),
            "no safety evaluation or red-teaming: toxicity, bias, leakage, jailbreaks",
        )


def _gen021(ctx: Context) -> Iterator[Hit]:
    mon = genai(ctx).monitoring
    if mon is None or empty(mon.versions):
        yield Hit(
            (*GEN, "monitoring", "versions"),
            "answers are not traced to their prompt and model versions (genai.monitoring.versions)",
        )


def _gen022(ctx: Context) -> Iterator[Hit]:
    ev = genai(ctx).evaluation
    texts = [m.metric for m in ctx.spec.evaluation.offline] + (ev.quality if ev else [])
    if not any(contains(t, MEDIA_QUALITY) for t in texts):
        yield Hit(
            (*GEN, "evaluation", "quality"),
            "no image quality or prompt alignment metric (FID, CLIPScore, human preference)",
        )


def _gen023(ctx: Context) -> Iterator[Hit]:
    approach = genai(ctx).approach
    if approach is None or approach.kind is None:
        yield Hit((*GEN, "approach"), "the approach is unstated (prompting, RAG, fine-tuning...)")
    elif empty(approach.why):
        yield Hit(
            (*GEN, "approach", "why"),
            f"why {approach.kind.value.replace('_', ' ')} rather than the alternatives?",
            severity=INFO,
        )


def _gen024(ctx: Context) -> Iterator[Hit]:
    ev = genai(ctx).evaluation
    if ev is None or empty(ev.retrieval):
        yield Hit(
            (*GEN, "evaluation", "retrieval"),
            "retrieval is not measured on its own (hit rate@k, MRR, nDCG): a bad answer could "
            "be retrieval's fault or the generator's",
        )


def _gen025(ctx: Context) -> Iterator[Hit]:
    ev = genai(ctx).evaluation
    if ev is None or empty(ev.online):
        yield Hit(
            (*GEN, "evaluation", "online"),
            "no online signal of answer quality: thumbs, regenerations, edits, escalations",
        )


def _judge_applies(ctx: Context) -> bool:
    return generative(ctx) and _uses_judge(ctx)


def _high_stakes(ctx: Context) -> bool:
    return text(ctx) and ctx.mentions(HIGH_STAKES, ("summary", "requirements", "framing"))


def _self_hosted(ctx: Context) -> bool:
    return generative(ctx) and genai(ctx).hardware is not None


def _streaming_matters(ctx: Context) -> bool:
    return text(ctx) and ctx.value("llm_generation_latency") is not None


def _context_known(ctx: Context) -> bool:
    return text(ctx) and ctx.value("llm_context_budget") is not None


def _cache_applies(ctx: Context) -> bool:
    return generative(ctx) and ctx.value("peak_qps") is not None


def _book(topic: str) -> str:
    return f"{GENAI_BOOK} ({topic})"


RULES = [
    Rule(
        "GEN000",
        2,
        WARNING,
        "Generative design with no genai: section.",
        "Model size, tokens per request, hardware and guardrails decide what a generative "
        "system costs and how it fails; without them none of the GenAI questions can be "
        "answered, so one finding stands for all of them.",
        _book("the framework for generative systems"),
        _gen000,
        applies=_generates,
    ),
    Rule(
        "GEN001",
        5,
        ERROR,
        "RAG with no faithfulness (groundedness) evaluation.",
        "Retrieval only helps if answers stay within what was retrieved; fluent unsupported "
        "answers are the failure RAG exists to prevent.",
        RAGAS + "; " + _book("retrieval-augmented generation, evaluation"),
        _gen001,
        reads="genai.evaluation.faithfulness",
        applies=retrieves,
    ),
    Rule(
        "GEN002",
        5,
        WARNING,
        "LLM-as-judge with no calibration against human ratings.",
        "Judges prefer long, confident and self-similar answers; an uncalibrated judge measures "
        "its own taste.",
        JUDGE,
        _gen002,
        reads="genai.evaluation.judge",
        applies=_judge_applies,
    ),
    Rule(
        "GEN003",
        6,
        ERROR,
        "No input or output safety filter (a warning when one side is missing).",
        "Users send harmful requests and models produce harmful text; each side needs its own "
        "filter.",
        _book("safety") + "; " + OWASP + " (LLM05 improper output handling)",
        _gen003,
        reads="genai.guardrails",
        applies=generative,
    ),
    Rule(
        "GEN004",
        6,
        ERROR,
        "Retrieved text or tool output enters the prompt with no prompt-injection defence.",
        "A document or tool result can carry instructions; the model cannot tell them from "
        "the user's.",
        OWASP + " (LLM01 prompt injection, indirect)",
        _gen004,
        reads="genai.guardrails.prompt_injection",
        applies=untrusted_text,
    ),
    Rule(
        "GEN005",
        3,
        ERROR,
        "Personal data sent to a third-party model without redaction.",
        "Prompts sent to an API leave the company; personal data in them is a disclosure.",
        OWASP + " (LLM02 sensitive information disclosure)",
        _gen005,
        reads="genai.guardrails.pii_redaction",
        applies=_pii_involved,
    ),
    Rule(
        "GEN006",
        6,
        ERROR,
        "Prompt, chunks, history and output exceed the context window.",
        "An over-long prompt is silently truncated or rejected; the budget must fit the window.",
        _book("context window and prompt construction"),
        _gen006,
        reads="genai.tokens",
        applies=_context_known,
    ),
    Rule(
        "GEN007",
        6,
        WARNING,
        "No fallback when the model server is overloaded or slow.",
        "GPU capacity is scarce and bursts queue; a design says what answers when it runs out.",
        INFERENCE,
        _gen007,
        reads="serving.fallbacks",
        applies=generative,
    ),
    Rule(
        "GEN008",
        6,
        WARNING,
        "No cost per request, or no cost ceiling.",
        "Tokens and GPU-hours make every request cost money; interviewers ask what a request "
        "and a month cost.",
        OWASP + " (LLM10 unbounded consumption)",
        _gen008,
        reads="genai.monitoring.cost_ceiling",
        applies=generative,
    ),
    Rule(
        "GEN026",
        6,
        WARNING,
        "The estimated monthly cost is over the stated ceiling.",
        "A ceiling the design already exceeds is a budget conversation to have before launch.",
        OWASP + " (LLM10 unbounded consumption)",
        _gen026,
        reads="genai.monitoring.cost_ceiling",
        applies=generative,
    ),
    Rule(
        "GEN027",
        6,
        WARNING,
        "The funnel's generation latency is below the estimated TTFT or whole-answer time.",
        "The latency budget is checked against the funnel; a generation stage quicker than its "
        "prefill and decode arithmetic passes a budget the system will miss.",
        INFERENCE,
        _gen027,
        reads="serving.stages",
        applies=_self_hosted,
    ),
    Rule(
        "GEN009",
        7,
        WARNING,
        "No hallucination or abstention monitoring.",
        "Offline faithfulness does not hold for tomorrow's questions; sampled live traffic "
        "must be checked.",
        _book("monitoring"),
        _gen009,
        reads="genai.monitoring.groundedness",
        applies=text,
    ),
    Rule(
        "GEN010",
        5,
        WARNING,
        "Evaluation data may overlap the tuning data.",
        "A benchmark seen in training measures memory, not skill.",
        _book("evaluation") + "; Sainz et al., NLP Evaluation in trouble (data contamination)",
        _gen010,
        reads="genai.evaluation.contamination",
        applies=tuned,
    ),
    Rule(
        "GEN011",
        6,
        WARNING,
        "Long answers over a tight budget and no streaming.",
        "Output tokens dominate latency; streaming lets the user read from the first token.",
        INFERENCE,
        _gen011,
        reads="genai.decoding.streaming",
        applies=_streaming_matters,
    ),
    Rule(
        "GEN028",
        6,
        WARNING,
        "A streamed answer takes longer to finish than the time it is held to.",
        "Streaming hides the wait for the first words, not for the last: a user who needs the "
        "whole answer (a procedure, code, a citation at the end) still waits TTFT + TPOT × "
        "output tokens.",
        INFERENCE,
        _gen028,
        reads="genai.latency",
        applies=_streaming_matters,
    ),
    Rule(
        "GEN012",
        6,
        INFO,
        "High traffic and no prompt or semantic cache.",
        "At scale many prompts repeat, or share a long prefix; caching them saves GPUs and "
        "latency.",
        INFERENCE,
        _gen012,
        reads="genai.caches",
        applies=_cache_applies,
        thresholds=("genai_cache_min_qps",),
    ),
    Rule(
        "GEN013",
        4,
        WARNING,
        "Decoding parameters unstated.",
        "The decoding method, temperature and maximum length decide quality, diversity, "
        "latency and cost.",
        _book("sampling strategies"),
        _gen013,
        reads="genai.decoding",
        applies=text,
    ),
    Rule(
        "GEN014",
        6,
        WARNING,
        "High-stakes answers with no escalation to a person.",
        "Medical, legal, financial and HR answers need a way out to a human when the model is "
        "unsure or the stakes are high.",
        _book("safety and human oversight"),
        _gen014,
        reads="genai.guardrails.escalation",
        applies=_high_stakes,
    ),
    Rule(
        "GEN015",
        6,
        WARNING,
        "Citations not checked against the retrieved passages (info when none are given).",
        "Models invent plausible citations; a citation is only evidence if it is checked.",
        _book("retrieval-augmented generation"),
        _gen015,
        reads="genai.retrieval.citations",
        applies=retrieves,
    ),
    Rule(
        "GEN016",
        3,
        WARNING,
        "Document access control unstated, or applied after retrieval.",
        "A company corpus is not all readable by everyone; filtering after retrieval leaks "
        "and wastes top-k.",
        OWASP + " (LLM08 vector and embedding weaknesses)",
        _gen016,
        reads="genai.retrieval.access_control",
        applies=retrieves,
    ),
    Rule(
        "GEN017",
        6,
        ERROR,
        "Fewer GPUs provisioned than the memory and throughput estimates need.",
        "Decode is bound by memory bandwidth and the KV-cache by memory; both set a floor on GPUs.",
        INFERENCE,
        _gen017,
        reads="genai.hardware.gpus",
        applies=_self_hosted,
    ),
    Rule(
        "GEN018",
        6,
        WARNING,
        "Prefill alone exceeds the time-to-first-token target.",
        "Prefill is compute bound: 2 × parameters FLOPs per prompt token.",
        INFERENCE,
        _gen018,
        reads="genai.latency.ttft",
        applies=_self_hosted,
    ),
    Rule(
        "GEN019",
        1,
        WARNING,
        "No time-to-first-token or time-per-output-token target.",
        "A generative system's latency has two parts; one end-to-end number hides which to "
        "optimise.",
        INFERENCE,
        _gen019,
        reads="genai.latency",
        applies=text,
    ),
    Rule(
        "GEN020",
        5,
        WARNING,
        "No safety evaluation or red-teaming.",
        "Filters are only as good as the attacks they were tested against.",
        _book("safety evaluation") + "; " + OWASP,
        _gen020,
        reads="genai.evaluation.safety",
        applies=generative,
    ),
    Rule(
        "GEN021",
        7,
        INFO,
        "Answers not traced to prompt and model versions.",
        "A prompt edit is a deployment; tracing a regression needs to know which prompt answered.",
        _book("deployment and monitoring"),
        _gen021,
        reads="genai.monitoring.versions",
        applies=generative,
    ),
    Rule(
        "GEN022",
        5,
        WARNING,
        "Media generation with no quality or alignment metric.",
        "Image models are judged on realism (FID), prompt alignment (CLIPScore) and human "
        "preference.",
        _book("text-to-image generation, evaluation"),
        _gen022,
        reads="genai.evaluation.quality",
        applies=media,
    ),
    Rule(
        "GEN023",
        2,
        WARNING,
        "The generative approach is unstated (info when its reason is).",
        "Prompting, RAG, fine-tuning and agents differ in cost, freshness and control; the "
        "choice needs a reason.",
        _book("framing"),
        _gen023,
        reads="genai.approach.kind",
        applies=generative,
    ),
    Rule(
        "GEN024",
        5,
        WARNING,
        "RAG with no retrieval metric.",
        "Measured apart, retrieval and generation show which one failed.",
        RAGAS,
        _gen024,
        reads="genai.evaluation.retrieval",
        applies=retrieves,
    ),
    Rule(
        "GEN025",
        5,
        INFO,
        "No online signal of answer quality.",
        "Thumbs, regenerations and escalations are the labels a generative system gets for free.",
        _book("online evaluation"),
        _gen025,
        reads="genai.evaluation.online",
        applies=generative,
    ),
]
