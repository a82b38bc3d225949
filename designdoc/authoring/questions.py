"""The questions of each step for a category, shared by `init` and the worksheet.

Every step's general questions are in the framework table (`designdoc.spec.framework`);
each family of designs (ranking, classification, detection, graph, and those in
authoring/families.py) adds a few of its own.
"""

from __future__ import annotations

from designdoc.authoring.families import QUESTIONS
from designdoc.spec.framework import STEPS, Step
from designdoc.spec.vocab import Category, family

__all__ = ["STEPS", "Step", "extras", "questions_for"]

Extras = dict[str, tuple[str, ...]]


_RANKING: Extras = {
    "framing": ("Pointwise, pairwise or listwise: how is the ranking learned?",),
    "data": ("How are negatives sampled for implicit feedback, and how many per positive?",),
    "evaluation": ("Which ranking metric at which cut-off k: mAP, MRR, nDCG or recall@k?",),
    "serving": ("How do candidates shrink from the whole catalogue to the few shown?",),
}
_CLASSIFIER: Extras = {
    "data": ("What share of examples is positive, and how is the imbalance handled?",),
    "evaluation": ("Which threshold turns a score into an action, and what do errors cost?",),
    "serving": ("What is done with high- and low-confidence predictions?",),
}
_DETECTION: Extras = {
    "evaluation": ("At which IoU threshold does a detection count, and is mAP the measure?",),
    "serving": ("How are overlapping boxes merged, and is a batch pipeline enough?",),
}
_GRAPH: Extras = {
    "data": ("Which graph snapshot gives the features, and which later one the labels?",),
    "serving": ("Which results can be precomputed in batch, and for which users?",),
}

_TEXT_GENERATION: Extras = {
    "requirements": (
        "How many tokens does a request read and write, and must the answer stream?",
        "What time to first token and time per output token will users accept?",
    ),
    "framing": ("Prompting, RAG, fine-tuning or an agent with tools: which, and why?",),
    "data": (
        "Which documents are retrieved, how are they parsed and chunked, and who may read each?",
    ),
    "model": (
        "Which base model and size, at which precision, and is it tuned (LoRA) or aligned (DPO)?",
        "Which decoding method, temperature and maximum output length?",
    ),
    "evaluation": (
        "How are faithfulness and answer relevance measured, and is an LLM judge checked "
        "against human ratings?",
        "Which safety evaluations must pass: jailbreaks, leakage, toxicity, bias?",
    ),
    "serving": (
        "How many GPUs for the KV-cache and for decode throughput, and what do TTFT and the "
        "whole answer come to?",
        "What does a request cost, and which caches cut it?",
        "What guards the input and the output, and what defuses instructions hidden in "
        "retrieved text or tool output?",
    ),
    "monitoring": (
        "How are groundedness, abstention, cost per request and safety incidents watched?",
    ),
}
_MEDIA_GENERATION: Extras = {
    "requirements": ("What resolution, how many images per request, and how fast?",),
    "model": ("Diffusion or another generator; how many denoising steps, with which sampler?",),
    "evaluation": (
        "How are realism (FID), prompt alignment (CLIPScore) and human preference measured?",
    ),
    "serving": (
        "How many images per GPU-second, and so how many GPUs at peak?",
        "Which filters block unsafe prompts and images?",
    ),
}


_BY_FAMILY: dict[str | None, Extras] = {
    "ranking": _RANKING,
    "classifier": _CLASSIFIER,
    "detection": _DETECTION,
    "graph": _GRAPH,
    **QUESTIONS,
    "text_generation": _TEXT_GENERATION,
    "media_generation": _MEDIA_GENERATION,
}


def extras(category: Category | None) -> Extras:
    """The category's own questions, by step key."""
    return _BY_FAMILY.get(family(category), {})


def questions_for(step: Step, category: Category | None) -> tuple[str, ...]:
    return step.questions + extras(category).get(step.key, ())
