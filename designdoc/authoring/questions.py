"""The questions each of the seven steps should answer, shared by `init` and the worksheet.

Every step has general questions; each family of designs (ranking, classification,
detection, graph, and those in authoring/families.py) adds a few of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from designdoc.authoring.families import QUESTIONS
from designdoc.spec.vocab import Category, family

Extras = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Step:
    number: int
    key: str  # the spec section
    title: str
    questions: tuple[str, ...]


STEPS: tuple[Step, ...] = (
    Step(
        1,
        "requirements",
        "Clarifying requirements",
        (
            "What business goal does the system serve, and how will we know it moved?",
            "Which product features matter, and do any of them give us labels for free?",
            "What data exists today, and is any of it labelled?",
            "What are the constraints: compute, cloud or on-device, privacy, explanations?",
            "How many users and items, how much traffic, and how fast is it growing?",
            "What latency is acceptable, and must results be computed in real time?",
        ),
    ),
    Step(
        2,
        "framing",
        "Framing the problem as an ML task",
        (
            "Which ML objective stands in for the business goal, and which alternatives lose?",
            "What goes into the system and what comes out, for each model?",
            "Which ML category is it, and why that one?",
            "What makes an example positive or negative, and where do the labels come from?",
        ),
    ),
    Step(
        3,
        "data",
        "Data preparation",
        (
            "Which data sources feed the model, who produces them and where are they stored?",
            "Which features matter most, and how is each one cleaned, scaled and encoded?",
            "How is the training set sampled and split without leaking the future?",
            "What personal data is involved, and which biases does the data carry?",
        ),
    ),
    Step(
        4,
        "model",
        "Model development",
        (
            "What simple baseline must any model beat?",
            "Which models are worth comparing, and what does each cost and buy?",
            "Which loss is trained, from scratch or by fine-tuning, on how many machines?",
            "How often is the model retrained, and what else triggers a retrain?",
        ),
    ),
    Step(
        5,
        "evaluation",
        "Evaluation",
        (
            "Which offline metric decides between models, and why that one?",
            "Which online metric proves the business goal moved?",
            "Which guardrail or counter metrics must not get worse?",
            "Which groups of users or items are checked for fairness?",
        ),
    ),
    Step(
        6,
        "serving",
        "Deployment and serving",
        (
            "Does the model run in the cloud or on the device, online or in batch?",
            "What does a request pass through, and what share of the latency budget does each use?",
            "How are new models tested in production before they take all traffic?",
            "What happens when a part of the system fails or times out?",
        ),
    ),
    Step(
        7,
        "monitoring",
        "Monitoring and infrastructure",
        (
            "Which operational metrics are watched: latency, throughput, errors, hardware?",
            "How is drift in the inputs and outputs detected, and against which labels?",
            "Which alerts fire, and what does the person on call do?",
        ),
    ),
)

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


_BY_FAMILY: dict[str | None, Extras] = {
    "ranking": _RANKING,
    "classifier": _CLASSIFIER,
    "detection": _DETECTION,
    "graph": _GRAPH,
    **QUESTIONS,
}


def extras(category: Category | None) -> Extras:
    """The category's own questions, by step key."""
    return _BY_FAMILY.get(family(category), {})


def questions_for(step: Step, category: Category | None) -> tuple[str, ...]:
    return step.questions + extras(category).get(step.key, ())
