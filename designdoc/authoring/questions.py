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
