"""Rules of steps 4 and 5: model development and evaluation."""

from __future__ import annotations

from collections.abc import Iterator

from designdoc.review.rules.applies import (
    NUMERIC_CATEGORIES,
    name,
    outputs_probability,
    predicts_probability,
    uses_a_model_as_is,
)
from designdoc.review.rules.context import Context, contains, keywords
from designdoc.review.rules.evidence import within
from designdoc.review.rules.rule import ERROR, INFO, WARNING, Hit, Rule, empty, require
from designdoc.review.rules.sources import book, rules_of_ml, test_score
from designdoc.spec import numbers as fmt
from designdoc.spec.models.steps import CandidateModel
from designdoc.spec.vocab import CLASSIFICATION, RANKING, Category, MetricRole

TRAINING = ("model", "training")
EVAL = ("evaluation",)
CROSS_ENTROPY = keywords(
    "cross entropy | log loss | logloss | logistic | bce$ | nce$ | focal | hinge | softmax"
)
SQUARED = keywords("mse$ | mae$ | rmse$ | squared | absolute | huber | l2$ | l1$")
CONTRASTIVE = keywords(
    "contrastive | triplet | softmax | sampled | in batch | infonce | negative | nce$ | "
    "margin | pairwise"
)
PER_TASK = keywords(
    "per task | each task | per head | each head | sum of | weighted sum | weighted"
)
TREES = keywords(
    "gbdt | xgboost | lightgbm | catboost | gradient boost | boosted tree | random forest | "
    "decision tree | tree ensemble"
)
# Uses of a probability as a value: a single threshold set at an operating point (a false
# accept rate, a precision) needs no calibration, so "threshold" alone is not one of them.
DECISION_WORDS = keywords(
    "auction | bid$ | bidding | weighted score | expected value | ecpm | weighted sum | "
    "expected loss | expected revenue"
)
CALIBRATION = ("calibrat", "platt", "isotonic")
CALIBRATION_SECTIONS = ("model", "evaluation", "monitoring", "serving", "talking_points")
DECISION_SECTIONS = ("serving", "framing", "model.training")
COMBINE_WORDS = ("weight", "combin", "blend", "score =", "linear combination")
RANK_METRICS = keywords(
    "ndcg | map$ | mean average precision | mrr$ | reciprocal rank | precision@ | recall@ | "
    "precision at | recall at | hit rate | hitrate | average rank | @k | top k accuracy"
)
ORDER_AWARE = keywords(
    "ndcg | map$ | mean average precision | mrr$ | reciprocal rank | average rank"
)
LOG_LOSS = keywords(
    "log loss | logloss | cross entropy | nce$ | normalized entropy | normalised entropy"
)
COMPUTE_WORDS = keywords(
    "latency | ms$ | flops | model size | memory | inference time | battery | compute | throughput"
)


def _metrics(ctx: Context) -> list[str]:
    return [m.metric + (f"@{fmt.count(m.k)}" if m.k else "") for m in ctx.spec.evaluation.offline]


def _loss_problem(categories: frozenset[Category], loss: str) -> str:
    if (
        {name(c) for c in categories} & NUMERIC_CATEGORIES
        and contains(loss, CROSS_ENTROPY)
        and not contains(loss, SQUARED)
    ):
        return "a regression target calls for a squared, absolute or Huber loss"
    if (
        categories & CLASSIFICATION
        and contains(loss, SQUARED)
        and not contains(loss, CROSS_ENTROPY)
    ):
        return "classification with a squared loss only; use cross-entropy (or focal loss)"
    if Category.retrieval in categories and not contains(loss, CONTRASTIVE):
        return "retrieval learns embeddings with a contrastive or sampled-softmax loss"
    if Category.multi_task_classification in categories and not contains(loss, PER_TASK):
        return "a multi-task model needs one loss per task and a way to combine them"
    return ""


def _mod003(ctx: Context) -> Iterator[Hit]:
    loss = ctx.spec.model.training.loss
    problem = _loss_problem(ctx.categories, loss) if loss else ""
    if problem:
        yield Hit((*TRAINING, "loss"), f"model.training.loss '{loss}' does not fit: {problem}")


def _mod004(ctx: Context) -> Iterator[Hit]:
    if len(ctx.spec.model.candidates) < 2:
        yield Hit(
            ("model", "candidates"),
            "model.candidates compares fewer than two models; weigh a simple and a complex one",
        )


def _chosen(candidates: list[CandidateModel]) -> list[tuple[int, CandidateModel]]:
    picked = [(i, c) for i, c in enumerate(candidates) if c.chosen]
    return picked or ([(0, candidates[0])] if len(candidates) == 1 else [])


def _mod005(ctx: Context) -> Iterator[Hit]:
    if not ctx.spec.framing.continual_learning:
        return
    for i, model in _chosen(ctx.spec.model.candidates):
        if contains(f"{model.name} {model.description or ''}", TREES):
            yield Hit(
                ("model", "candidates", i),
                f"continual learning is required, but the chosen "
                f"model '{model.name}' is a tree ensemble, which cannot be updated "
                "incrementally; consider a neural network or logistic regression",
            )


def _mod006(ctx: Context) -> Iterator[Hit]:
    calibrated = (
        not empty(ctx.spec.model.training.calibration) and ctx.cite("model.training.calibration")
    ) or ctx.addressed(("calibration",), CALIBRATION, CALIBRATION_SECTIONS)
    if not calibrated:
        yield Hit(
            (*TRAINING, "calibration"),
            f"{_decision(ctx)}, but model.training.calibration is empty: "
            "the score must mean the probability it claims",
        )


def _decision(ctx: Context) -> str:
    """What uses the probability, in the spec's own terms."""
    decisions = ctx.spec.serving.decisions
    if len(decisions) >= 2:
        actions = ", ".join(d.action for d in decisions[:3])
        return f"serving.decisions maps the score to {len(decisions)} actions ({actions})"
    heads = [h.name for h in ctx.spec.framing.heads if h.weight is not None]
    if heads:
        return f"framing.heads combines {len(heads)} predicted probabilities with weights"
    return "the predicted probability is used as a value (auction, expected value, weighted sum)"


def _eva003(ctx: Context) -> Iterator[Hit]:
    if not any(contains(m, RANK_METRICS) for m in _metrics(ctx)):
        yield Hit(
            (*EVAL, "offline"),
            "no ranking metric in evaluation.offline (nDCG, mAP, MRR, precision@k, recall@k)",
        )


def _eva004(ctx: Context) -> Iterator[Hit]:
    balance = ctx.spec.data.class_balance
    rate = balance.positive_rate.value if balance and balance.positive_rate else None
    metrics = _metrics(ctx)
    imbalanced = rate is not None and rate < ctx.threshold("imbalance_positive_rate")
    if imbalanced and metrics and all(contains(m, ("accuracy",)) for m in metrics):
        yield Hit(
            (*EVAL, "offline"),
            "accuracy is the only offline metric on imbalanced data; "
            "use precision, recall, PR-AUC or F1",
        )


def _eva005(ctx: Context) -> Iterator[Hit]:
    ranking = [m for m in _metrics(ctx) if contains(m, RANK_METRICS)]
    if ranking and not any(contains(m, ORDER_AWARE) for m in ranking):
        yield Hit(
            (*EVAL, "offline"),
            f"the ranking metrics ignore order ({', '.join(ranking)}); add nDCG, mAP or MRR",
        )


def _eva006(ctx: Context) -> Iterator[Hit]:
    for i, metric in enumerate(ctx.spec.evaluation.offline):
        relevance = (metric.relevance or "").lower()
        if contains(metric.metric, ("ndcg",)) and relevance == "binary":
            yield Hit(
                (*EVAL, "offline", i, "relevance"),
                "nDCG with binary relevance; mAP or MRR says the same more simply",
            )
        if contains(metric.metric, ("map$", "mean average precision")) and relevance == "graded":
            yield Hit(
                (*EVAL, "offline", i, "relevance"),
                "mAP with graded relevance ignores the grades; nDCG uses them",
            )


def _eva007(ctx: Context) -> Iterator[Hit]:
    if not any(m.business for m in ctx.spec.evaluation.online):
        yield Hit(
            (*EVAL, "online"),
            "no online metric is marked business: true; tie one to the business objective",
        )


def _eva008(ctx: Context) -> Iterator[Hit]:
    guards = (MetricRole.guardrail, MetricRole.counter)
    if not any(m.role in guards for m in ctx.spec.evaluation.online):
        yield Hit(
            (*EVAL, "online"),
            "no online metric with role guardrail or counter (e.g. hide rate, reports, latency)",
        )


def _clicks(ctx: Context) -> bool:
    framing = ctx.spec.framing
    text = " ".join(filter(None, [framing.ml_objective, framing.output, framing.labels.positive]))
    return contains(text, ("click", "ctr$"))


def _eva009(ctx: Context) -> Iterator[Hit]:
    if not any(contains(m, LOG_LOSS) for m in _metrics(ctx)):
        yield Hit(
            (*EVAL, "offline"),
            "click prediction without log loss or normalised cross-entropy in evaluation.offline",
        )


def _eva010(ctx: Context) -> Iterator[Hit]:
    if ctx.spec.evaluation.fairness:
        ctx.cite("evaluation.fairness")
    elif not ctx.topic("fairness"):
        yield Hit(
            (*EVAL, "fairness"),
            f"{_about_people(ctx)}, yet evaluation.fairness lists no slices to check "
            "quality per group (region, language, age group...)",
        )


def _about_people(ctx: Context) -> str:
    data = ctx.spec.data
    sensitive = next((f for f in data.features if f.sensitive), None)
    if sensitive is not None:
        return f"the sensitive feature '{sensitive.name}' is used"
    source = next((s for s in data.sources if name(s.kind) == "user" or s.contains_pii), None)
    if source is not None:
        what = "is about users" if name(source.kind) == "user" else "holds personal data"
        return f"the source '{source.id}' {what}, so the system decides about people"
    if ctx.is_in(TARGETING):
        return "the system chooses which people get a treatment"
    return "the spec names protected attributes, so the system decides about people"


# Categories whose output decides which people are treated (a coupon, a message, an offer).
TARGETING = frozenset({Category.uplift_modeling})
PROTECTED = keywords(
    "protected attribute | protected characteristic | protected class | protected group | "
    "discriminat | fair lending | disparate"
)
PROTECTED_FIELDS = ("requirements.constraints", "requirements.requirements", "data.privacy")


def _names_protected(ctx: Context) -> bool:
    """The spec speaks of protected attributes, even to rule them out as features: a model
    that does not read them can still treat their groups differently through proxies."""
    return any(
        contains(text, PROTECTED) for path, text in ctx.fields if within(path, PROTECTED_FIELDS)
    )


def _people(ctx: Context) -> bool:
    """Decisions fall on people: data about users or personal data, sensitive features, a
    choice of whom to treat, or a spec that names protected attributes."""
    data = ctx.spec.data
    return (
        any(name(s.kind) == "user" or s.contains_pii for s in data.sources)
        or any(f.sensitive for f in data.features)
        or ctx.is_in(TARGETING)
        or _names_protected(ctx)
    )


def _decides(ctx: Context) -> bool:
    """A probability feeds a decision: score bands, an auction, a threshold, weighted heads."""
    if not predicts_probability(ctx):
        return False
    weighted = any(h.weight is not None for h in ctx.spec.framing.heads)
    bands = len(ctx.spec.serving.decisions) >= 2  # several score bands, several actions
    return bands or weighted or ctx.mentions(DECISION_WORDS, DECISION_SECTIONS)


def _eva011(ctx: Context) -> Iterator[Hit]:
    if not any(contains(m, ("ap$", "map$")) and contains(m, ("iou",)) for m in _metrics(ctx)):
        yield Hit(
            (*EVAL, "offline"),
            "object detection without AP or mAP at an IoU threshold (e.g. mAP@0.5 IoU)",
        )


def _eva012(ctx: Context) -> Iterator[Hit]:
    texts = _metrics(ctx) + [m.metric for m in ctx.spec.evaluation.online]
    if not any(contains(t, COMPUTE_WORDS) for t in texts):
        yield Hit(
            (*EVAL, "offline"),
            "on-device deployment and no latency or compute metric "
            "(inference time, model size, memory)",
        )


def _rec005(ctx: Context) -> Iterator[Hit]:
    heads = ctx.spec.framing.heads
    if len(heads) > 1:
        unweighted = [h.name for h in heads if h.weight is None]
        if unweighted:
            yield Hit(
                ("framing", "heads"),
                f"framing.heads has no weight for {', '.join(unweighted)}; give each head "
                "its weight in the combined score",
            )
        else:
            ctx.cite("framing.heads")
        return
    if not ctx.mentions(COMBINE_WORDS, ("framing", "model", "serving")):
        yield Hit(
            ("framing", "ml_objective"),
            "several objectives or heads and no weights or rule to combine them into one score",
        )


def _several_heads(ctx: Context) -> bool:
    return (
        len(ctx.spec.framing.heads) > 1
        or Category.multi_task_classification in ctx.categories
        or ctx.mentions(
            ("multi task", "multitask", "heads$", "several objectives"),
            ("framing", "model", "serving"),
        )
    )


RULES = [
    Rule(
        "MOD001",
        4,
        ERROR,
        "No baseline.",
        "A simple baseline is the bar every model must beat.",
        test_score("Model: a simpler model is not better"),
        require(
            lambda c: c.spec.model.baseline,
            ("model", "baseline"),
            "model.baseline is not set (e.g. most popular items, logistic regression)",
        ),
    ),
    Rule(
        "MOD002",
        4,
        WARNING,
        "No loss function.",
        "The loss is what training actually optimises.",
        book(1, "model training"),
        require(
            lambda c: c.spec.model.training.loss,
            (*TRAINING, "loss"),
            "model.training.loss is empty",
        ),
        applies=lambda c: not uses_a_model_as_is(c.spec),
        when="the design trains, tunes or aligns a model",
    ),
    Rule(
        "MOD003",
        4,
        WARNING,
        "The loss does not fit the category.",
        "A loss that does not match the output optimises the wrong thing.",
        book(1, "choosing the loss function"),
        _mod003,
        reads="model.training.loss",
    ),
    Rule(
        "MOD004",
        4,
        INFO,
        "Only one candidate model, no alternatives compared.",
        "Comparing models with their pros and cons shows why the choice fits.",
        book(1, "model selection"),
        _mod004,
        reads="model.candidates",
    ),
    Rule(
        "MOD005",
        4,
        WARNING,
        "Continual learning required and the chosen model is a tree ensemble.",
        "Tree ensembles are retrained from scratch; they cannot learn from each new example.",
        book(7, "model selection"),
        _mod005,
        applies=lambda c: bool(c.spec.framing.continual_learning),
        when="continual learning is required",
        reads="model.candidates",
    ),
    Rule(
        "MOD006",
        4,
        INFO,
        "Probabilities feed a downstream decision and no calibration.",
        "Auctions, thresholds and weighted scores need probabilities that mean what they say.",
        book(8, "calibration"),
        _mod006,
        applies=_decides,
        when="the model outputs a probability and a decision uses it (decisions, auction, "
        "threshold, weighted heads)",
    ),
    Rule(
        "REC005",
        4,
        INFO,
        "Several objectives or heads and no rule to combine them.",
        "Heads must be combined into one ranking score, with weights someone chose.",
        book(10, "multi-task ranking"),
        _rec005,
        applies=_several_heads,
        when="several heads or objectives (framing.heads, multi-task)",
    ),
    Rule(
        "EVA001",
        5,
        ERROR,
        "No offline metric.",
        "Offline metrics decide which model ships to an online test.",
        book(1, "offline evaluation"),
        require(
            lambda c: c.spec.evaluation.offline, (*EVAL, "offline"), "evaluation.offline is empty"
        ),
    ),
    Rule(
        "EVA002",
        5,
        ERROR,
        "No online metric.",
        "Only online metrics show the business effect.",
        rules_of_ml(2, "first, design and implement metrics"),
        require(
            lambda c: c.spec.evaluation.online, (*EVAL, "online"), "evaluation.online is empty"
        ),
    ),
    Rule(
        "EVA003",
        5,
        ERROR,
        "Ranking and no ranking metric.",
        "A ranked list is judged by the order of its top items.",
        book(1, "ranking metrics"),
        _eva003,
        categories=RANKING,
        reads="evaluation.offline",
    ),
    Rule(
        "EVA004",
        5,
        ERROR,
        "Imbalanced classes, and accuracy is the only metric.",
        "With 1% positives, always saying no is 99% accurate.",
        book(1, "classification metrics"),
        _eva004,
        # Any design with a positive rate: a classifier, an anomaly detector, a filter.
        applies=lambda c: (
            c.spec.data.class_balance is not None
            and c.spec.data.class_balance.positive_rate is not None
        ),
        when="data.class_balance.positive_rate is given (any category)",
        thresholds=("imbalance_positive_rate",),
        reads="evaluation.offline",
    ),
    Rule(
        "EVA005",
        5,
        WARNING,
        "Ranking, and only order-blind metrics.",
        "precision@k and recall@k ignore where in the top k the good items sit.",
        book(6, "offline metrics"),
        _eva005,
        categories=RANKING,
        reads="evaluation.offline",
    ),
    Rule(
        "EVA006",
        5,
        INFO,
        "nDCG with binary relevance, or mAP with graded relevance.",
        "nDCG earns its keep with graded relevance; mAP only sees binary relevance.",
        book(2, "offline metrics"),
        _eva006,
        applies=lambda c: any(
            m.relevance and contains(m.metric, ("ndcg", "map$", "mean average precision"))
            for m in c.spec.evaluation.offline
        ),
        when="an nDCG or mAP metric states its relevance",
        reads="evaluation.offline",
    ),
    Rule(
        "EVA007",
        5,
        WARNING,
        "No online metric tied to the business objective.",
        "The online test must measure what the business asked for.",
        rules_of_ml(39, "launch decisions are a proxy for long-term goals"),
        _eva007,
        applies=lambda c: bool(c.spec.evaluation.online),
        when="the spec lists online metrics",
        reads="evaluation.online",
    ),
    Rule(
        "EVA008",
        5,
        WARNING,
        "No guardrail or counter online metric.",
        "Guardrails catch the harm a win on the primary metric can hide.",
        book(6, "online metrics"),
        _eva008,
        applies=lambda c: bool(c.spec.evaluation.online),
        when="the spec lists online metrics",
        reads="evaluation.online",
    ),
    Rule(
        "EVA009",
        5,
        WARNING,
        "Click prediction without log loss or normalised cross-entropy.",
        "Ad systems use predicted probabilities as such; log loss measures them directly.",
        book(8, "offline metrics"),
        _eva009,
        applies=lambda c: _clicks(c) and outputs_probability(c),
        when="the model predicts a click as a probability (a classifier or a pointwise "
        "ranker with a probability output)",
        reads="evaluation.offline",
    ),
    Rule(
        "EVA010",
        5,
        INFO,
        "People are affected and no fairness slices.",
        "A good average can hide a group the system serves badly.",
        test_score("Model: quality is sufficient on important data slices"),
        _eva010,
        applies=_people,
        when="a data source is about users or holds personal data, a feature is sensitive, the "
        "system chooses whom to treat (uplift), or the requirements or privacy plan name "
        "protected attributes",
    ),
    Rule(
        "EVA011",
        5,
        INFO,
        "Object detection without AP/mAP at an IoU threshold.",
        "Detection quality depends on how well boxes overlap the truth.",
        book(3, "offline metrics"),
        _eva011,
        categories=frozenset({Category.object_detection}),
        reads="evaluation.offline",
    ),
    Rule(
        "EVA012",
        5,
        INFO,
        "On-device deployment and no latency or compute metric.",
        "A phone has a fixed budget of memory, compute and battery.",
        book(1, "deployment: cloud or on-device"),
        _eva012,
        applies=lambda c: c.on_device,
        when="the model runs on a device (deployment on_device or hybrid)",
        reads="evaluation.offline",
    ),
]
