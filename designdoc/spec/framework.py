"""The seven steps of the framework in one table: number, spec section, names, questions.

The document's chapters, the review's steps and coverage, `init` and the worksheet all read
their steps from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One step of the framework: its number, the spec section that answers it, its short
    name (review, coverage), its chapter title and lead (the document), its questions."""

    number: int
    key: str  # the spec section
    name: str
    title: str
    lead: str
    questions: tuple[str, ...]


STEPS: tuple[Step, ...] = (
    Step(
        1,
        "requirements",
        "Requirements",
        "Clarifying requirements",
        "What the system must do, for whom, and at what scale.",
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
        "Framing",
        "Framing the problem as an ML task",
        "The business objective restated as an ML task.",
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
        "Data",
        "Data preparation",
        "Where the data comes from and how it becomes features.",
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
        "Model",
        "Model development",
        "From a simple baseline to the chosen model, and how it is trained.",
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
        "Evaluation",
        "How the model is judged offline and online.",
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
        "Serving",
        "Deployment and serving",
        "How predictions reach users, and how changes are rolled out.",
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
        "Monitoring",
        "Monitoring and infrastructure",
        "What is watched once the system is live.",
        (
            "Which operational metrics are watched: latency, throughput, errors, hardware?",
            "How is drift in the inputs and outputs detected, and against which labels?",
            "Which alerts fire, and what does the person on call do?",
        ),
    ),
)

STEP_NAMES: dict[int, str] = {step.number: step.name for step in STEPS}


def step(number: int) -> Step:
    return STEPS[number - 1]
