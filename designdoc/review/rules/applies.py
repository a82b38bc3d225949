"""When a rule applies, from the spec's structure: what the model outputs, where its labels
come from, which stages score items and whether an index holds vectors.

Enum members are compared by name (`.value`), so the predicates keep working as the
vocabulary grows (forecasting, uplift, generation stages, trie or BM25 indexes...).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from designdoc.review.rules.evidence import words
from designdoc.spec.models.serving import Stage
from designdoc.spec.vocab import GENERATION, StageKind

if TYPE_CHECKING:
    from designdoc.review.rules.context import Context
    from designdoc.spec.models.root import Spec
    from designdoc.spec.models.steps import DataSource, Feature

# Categories whose model returns a probability of a class (or of a link).
PROBABILITY_CATEGORIES = frozenset(
    {
        "binary_classification",
        "multilabel_classification",
        "multi_task_classification",
        "link_prediction",
    }
)
# Categories whose target is a number, not a class or a list.
NUMERIC_CATEGORIES = frozenset({"regression", "forecasting"})
# Categories that estimate a causal effect from randomised data.
CAUSAL_CATEGORIES = frozenset({"uplift_modeling", "uplift", "uplift_modelling", "causal_inference"})
CAUSAL_LABEL_SOURCES = frozenset(
    {"randomised_experiment", "randomized_experiment", "experiment", "causal"}
)
ENGAGEMENT_LABEL_SOURCES = frozenset({"natural", "mixed"})
# Stage kinds that score (or filter) each item they are given; the rest look items up,
# generate, call tools, apply rules, pre- or post-process.
LOOKUP_STAGES = frozenset({"candidate_generation", "retrieval"})
# Stage kinds that score what they are given: the vocabulary's own (StageKind.scores_items),
# plus embedding and the lookup kinds, which score every item unless they use an index.
SCORING_STAGES = (
    frozenset(k.value for k in StageKind if k.scores_items) | LOOKUP_STAGES | {"embedding"}
)
# Stage kinds whose output count need not shrink: a generator turns one prefix into ten
# completions, a tool call or an action has no item list.
EXPANDING_STAGES = frozenset(
    {"generation", "other", "tool_call", "action", "scheduling", "postprocessing", "guardrail"}
)
# Words of a label that is engagement with something shown to the user.
ENGAGEMENT_WORDS = (
    "click",
    "tap",
    "select",
    "watch",
    "view",
    "like",
    "impression",
    "shown",
    "engag",
    "book",
    "purchase",
    "register",
    "dwell",
    "skip",
    "hide",
    "accept",
    "open",
    "share",
    "save",
    "skipped",
    "reaction",
)


def name(member: Any) -> str:
    """An enum member's value (or any text) as a lower-case name; '' for None."""
    if member is None:
        return ""
    return str(getattr(member, "value", member)).lower()


def category_names(ctx: Context) -> set[str]:
    return {name(c) for c in ctx.categories}


def main_category(ctx: Context) -> str:
    return name(ctx.spec.framing.category)


def outputs_probability(ctx: Context) -> bool:
    """The system's model returns a probability: a classifier, or a pointwise ranker that
    is trained as one (ranking_approach pointwise with a probability output)."""
    category = main_category(ctx)
    if category in PROBABILITY_CATEGORIES:
        return True
    output = words(ctx.spec.framing.output)
    pointwise = name(ctx.spec.framing.ranking_approach) == "pointwise"
    return pointwise and any(w in output for w in ("probabilit", "p(", "likelihood", "chance"))


def predicts_probability(ctx: Context) -> bool:
    """Some model of the system predicts a probability, even inside a ranker (P(buy))."""
    framing = ctx.spec.framing
    texts = [framing.ml_objective, framing.output, *(m.output for m in framing.models)]
    text = words(" ".join(t for t in texts if t))
    return outputs_probability(ctx) or any(w in text for w in ("probabilit", "p(", "likelihood"))


def causal_labels(ctx: Context) -> bool:
    """Labels measure a treatment effect from randomised data (uplift, experiments)."""
    labels = ctx.spec.framing.labels
    return (
        bool(category_names(ctx) & CAUSAL_CATEGORIES)
        or name(labels.source) in CAUSAL_LABEL_SOURCES
        or name(labels.evaluation_source) in CAUSAL_LABEL_SOURCES
    )


def engagement_labels(ctx: Context) -> bool:
    """Labels are logged engagement (clicks, selections, watches) with what was shown."""
    labels = ctx.spec.framing.labels
    if name(labels.source) not in ENGAGEMENT_LABEL_SOURCES or causal_labels(ctx):
        return False
    text = words(" ".join(filter(None, [labels.positive, labels.negative])))
    return ctx.recommendation or any(w in text for w in ENGAGEMENT_WORDS)


GENERATIVE = frozenset(c.value for c in GENERATION)


def shows_ranked_list(ctx: Context) -> bool:
    """The system shows users an ordered list: a ranking category or a ranking stage."""
    kinds = {name(s.kind) for s in ctx.spec.serving.stages}
    # A re-ranker that feeds a generator ranks passages for the model; users see an answer.
    generated = "generation" in kinds or name(ctx.spec.framing.category) in GENERATIVE
    return ctx.rank or (bool(kinds & {"ranking", "re_ranking"}) and not generated)


def learns_from_ranked_engagement(ctx: Context) -> bool:
    """Position bias matters: the model learns from engagement with a ranked list."""
    return engagement_labels(ctx) and shows_ranked_list(ctx)


def holds_vectors(spec: Spec) -> bool:
    """A declared index of vectors (IndexType.holds_vectors; an untyped index is assumed to)."""
    index = spec.serving.index
    return index is not None and (index.type is None or index.type.holds_vectors)


def index_holds_vectors(ctx: Context) -> bool:
    return holds_vectors(ctx.spec)


def index_looks_up(ctx: Context) -> bool:
    """A declared index answers queries without scoring every item (all but flat)."""
    index = ctx.spec.serving.index
    return index is not None and index.type is not None and name(index.type) != "flat"


def scores_items(stage: Stage) -> bool:
    """Whether the stage's kind scores each item it is given (an unknown kind is assumed to)."""
    return stage.kind is None or name(stage.kind) in SCORING_STAGES


def expands(stage: Stage) -> bool:
    """Whether the stage may pass on more items than it takes in (generation, tools...)."""
    return name(stage.kind) in EXPANDING_STAGES


# Outcomes a logged label records as they happen: the label is the event the model predicts.
OUTCOME_WORDS = (
    *ENGAGEMENT_WORDS,
    "conver",
    "install",
    "subscri",
    "order",
    "sign up",
    "signup",
    "repl",
)
# Words of a label that stands for a judgement someone could make better (reports, fraud).
JUDGEMENT_WORDS = ("report", "flag", "fraud", "spam", "abuse", "harm", "complain", "violat")


def outcome_labels(ctx: Context) -> bool:
    """Natural labels that are the outcome itself (a click for click prediction): no person
    could say better whether the user would have clicked, so they also evaluate."""
    labels = ctx.spec.framing.labels
    if name(labels.source) != "natural":
        return False
    text = words(" ".join(filter(None, [labels.positive, labels.negative])))
    if any(w in text for w in JUDGEMENT_WORDS):
        return False
    return any(w in text for w in OUTCOME_WORDS)


# Words of a feature the request itself carries: what was typed, on which device, when.
REQUEST_WORDS = (
    "query",
    "prefix",
    "prompt",
    "question",
    "typed",
    "keystroke",
    "device",
    "time of day",
    "hour",
    "day of week",
    "weekday",
    "locale",
    "language",
    "user agent",
    "browser",
    "platform",
    "request",
)
# Words of what a retrieval index holds: documents, their passages and chunks.
INDEXED_WORDS = ("document", "passage", "chunk")


def _source_of(spec: Spec, feature: Feature) -> DataSource | None:
    return next((s for s in spec.data.sources if s.id == feature.source), None)


def from_request(spec: Spec, feature: Feature) -> bool:
    """The feature is read off the request (query text, device, time of day): it needs no
    data source and is computed at request time."""
    if name(feature.computation) == "request_time":
        return True
    source = _source_of(spec, feature)
    if source is not None:
        return name(source.kind) == "context" and feature.computation is None
    text = words(feature.name)
    return (
        not feature.source and feature.computation is None and any(w in text for w in REQUEST_WORDS)
    )


def stored_attribute(spec: Spec, feature: Feature) -> bool:
    """An id or a categorical value read as it is from a batch source (ad id, ad category):
    it is computed in that source's batch and is as fresh as its snapshot."""
    source = _source_of(spec, feature)
    if source is None or name(source.ingestion) != "batch" or feature.transform:
        return False
    identifier = words(feature.name).split()[-1:] in (["id"], ["ids"])
    return identifier or name(feature.type) in ("categorical", "boolean")


def declares_index(spec: Spec) -> bool:
    kinds = {name(s.kind) for s in spec.serving.stages}
    return spec.serving.index is not None or "retrieval" in kinds


def index_content(spec: Spec, feature: Feature) -> bool:
    """The feature is what a retrieval index holds (passages, their embeddings, their
    permissions), written by the indexing pipeline rather than read by a model per request."""
    if not declares_index(spec) or name(feature.computation) == "request_time":
        return False
    source = _source_of(spec, feature)
    documents = source is not None and name(source.kind) in ("document", "knowledge_base")
    return documents or any(w in words(feature.name) for w in INDEXED_WORDS)


# Randomisation units that are places: the same few of them are in a test every day, and the
# users inside one share supply, prices and weather. Stores and restaurants too: a chain has a
# fixed number of them, and days bring more shoppers, never more stores.
CLUSTER_UNITS = (
    *("city", "cities", "market", "region", "country", "countries", "geo", "zone"),
    *("metro", "area", "territory", "dma", "hexagon", "switchback", "time window"),
    *("store", "branch", "warehouse", "restaurant", "outlet", "depot"),
)


def cluster_unit(unit: str | None) -> bool:
    """Whether an A/B test's unit is a place (city, market, region...) or a time window."""
    text = f" {words(unit)} "
    return any(f" {u}" in text for u in CLUSTER_UNITS)


def uses_a_model_as_is(spec: Spec) -> bool:
    """A generative design that prompts, retrieves for or runs an agent on a model it does
    not train, tune or align: there is no training loss and no feature pipeline of its own."""
    approach = spec.genai.approach if spec.genai else None
    if approach is None or approach.kind is None:
        return False
    return name(approach.kind) in ("prompting", "rag", "agent") and {
        name(approach.fine_tuning),
        name(approach.alignment),
    } <= {"", "none"}
