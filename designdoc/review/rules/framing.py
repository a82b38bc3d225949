"""Rules of steps 1 and 2: requirements and framing."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from designdoc.review.rules.applies import NUMERIC_CATEGORIES, name
from designdoc.review.rules.context import Context, contains, keywords
from designdoc.review.rules.rule import ERROR, INFO, WARNING, Hit, Rule, empty, require
from designdoc.review.rules.sources import book
from designdoc.spec.vocab import CLASSIFICATION, RECOMMENDATION, Category, MetricRole

REQ = ("requirements",)
FRM = ("framing",)
LIST_WORDS = keywords(
    "list | ranked | ranking | top | ordered | sorted | candidates | recommendations | "
    "results | feed | slate | nearest | similar"
)
CLASS_WORDS = keywords(
    "probabilit | label | class | score | likelihood | p( | whether | yes or no | binary | "
    "confidence | category | categories | flag | box"
)
LIST_CATEGORIES = frozenset({c.value for c in RECOMMENDATION} | {"learning_to_rank"})
CLASS_CATEGORIES = frozenset(
    {c.value for c in CLASSIFICATION} | {"sequence_labelling", "anomaly_detection"}
)
CLICK_WORDS = ("click", "ctr$")
EXPLAIN_WORDS = keywords("explain | explanation | interpretab | justif")
NEGATIVE_CLASSES = keywords(
    "negative | no$ | none | not  | benign | safe | other | normal | legitimate | clean | non "
)


def _req002(ctx: Context) -> Iterator[Hit]:
    scale = ctx.spec.requirements.scale
    if ctx.online and scale.dau is None and scale.users is None and scale.qps is None:
        yield Hit(
            (*REQ, "scale"),
            "online prediction but requirements.scale gives no dau, "
            "users or qps: the load the system must carry is unknown",
        )


def _no_budget(ctx: Context) -> Iterator[Hit]:
    if ctx.online and ctx.spec.requirements.performance.latency_budget is None:
        yield Hit(
            (*REQ, "performance", "latency_budget"),
            "online prediction but requirements.performance.latency_budget is not set (e.g. 200ms)",
        )


def _frm001(ctx: Context) -> Iterator[Hit]:
    framing = ctx.spec.framing
    for part in ("ml_objective", "input", "output"):
        if empty(getattr(framing, part)):
            yield Hit((*FRM, part), f"framing.{part} is empty")


def _content(text: str) -> set[str]:
    small = {
        "the",
        "and",
        "for",
        "our",
        "user",
        "users",
        "increase",
        "maximise",
        "maximize",
        "improve",
        "boost",
        "grow",
        "more",
        "reduce",
        "minimise",
        "minimize",
        "decrease",
    }
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in small and len(w) > 2}


def _frm003(ctx: Context) -> Iterator[Hit]:
    ml = ctx.spec.framing.ml_objective
    business = ctx.spec.requirements.business_objective
    if not ml or not business or not ml.strip() or not business.strip():
        return
    same = difflib.SequenceMatcher(None, ml.lower().strip(" ."), business.lower().strip(" ."))
    mine, theirs = _content(ml), _content(business)
    if same.ratio() > 0.85 or (mine and mine <= theirs):
        yield Hit(
            (*FRM, "ml_objective"),
            "framing.ml_objective restates the business objective; "
            "name what the model predicts or optimises (e.g. P(watch), relevant videos watched)",
        )


SCORE_WORDS = keywords("score | probabilit | relevance | likelihood | p( | rating")
VECTOR_WORDS = keywords("embedding | vector | representation | encoding")
NUMBER_WORDS = keywords(
    "number | minutes | hours | days | seconds | value | amount | price | time | quantile | "
    "percentile | p50 | p90 | units | count | estimate | forecast | demand | uplift | effect | "
    "increase | lift | score | rate | probabilit | eta$"
)
LABEL_WORDS = CLASS_WORDS + keywords("tag | bio$ | per token | span | entity | entities")


def _shape(category: str, model_level: bool, approach: str) -> tuple[tuple[str, ...], str]:
    """The words an output of this category should use, and what to say when it does not.

    Only categories with a known output shape are checked; generation, clustering and the
    categories added later without a shape here are left alone."""
    if category in LIST_CATEGORIES and not (model_level or approach == "pointwise"):
        return LIST_WORDS, "a ranking or recommendation system should output a list (top-k items)"
    if category in LIST_CATEGORIES:
        return LIST_WORDS + SCORE_WORDS, "a ranker should output a list or a relevance score"
    if category == "retrieval":
        return LIST_WORDS + VECTOR_WORDS, "a retriever should output candidates or embeddings"
    if category in CLASS_CATEGORIES:
        return LABEL_WORDS, "a classifier should output a label or a probability"
    if category in NUMERIC_CATEGORIES:
        return NUMBER_WORDS, "a regression or forecast should output a number (with its unit)"
    return (), ""


def _fits(category: Category | None, output: str | None, model_level: bool, approach: str) -> str:
    """Why an output does not fit its category, or '' when it does (or cannot be told)."""
    if category is None or empty(output):
        return ""
    wanted, problem = _shape(name(category), model_level, approach)
    if wanted and not contains(output, wanted):
        return problem
    return ""


def _frm004(ctx: Context) -> Iterator[Hit]:
    framing = ctx.spec.framing
    approach = name(framing.ranking_approach)
    problem = _fits(framing.category, framing.output, False, approach)
    if problem:
        yield Hit((*FRM, "output"), f"framing.output does not fit '{framing.category}': {problem}")
    for i, model in enumerate(framing.models):
        problem = _fits(model.category, model.output, True, approach)
        if problem:
            yield Hit(
                (*FRM, "models", i, "output"),
                f"framing.models[{i}].output ({model.name}) does not fit "
                f"'{model.category}': {problem}",
            )
    ctx.cite("framing.output")


def _frm005(ctx: Context) -> Iterator[Hit]:
    models = ctx.spec.framing.models
    if len(models) < 2:
        return
    for i, model in enumerate(models):
        lacking = [name for name in ("input", "output") if empty(getattr(model, name))]
        if lacking:
            yield Hit(
                (*FRM, "models", i),
                f"framing.models[{i}] ({model.name}) has no " + " and no ".join(lacking),
            )


def _frm006(ctx: Context) -> Iterator[Hit]:
    if not contains(ctx.spec.framing.ml_objective, CLICK_WORDS):
        return
    guards = (MetricRole.guardrail, MetricRole.counter)
    if not any(m.role in guards for m in ctx.spec.evaluation.online):
        yield Hit(
            (*FRM, "ml_objective"),
            "the ML objective optimises clicks but "
            "evaluation.online has no guardrail or counter metric (e.g. hide rate)",
        )


def _several_classes(classes: list[str]) -> bool:
    return len([c for c in classes if not contains(c, NEGATIVE_CLASSES)]) >= 2


def _frm007(ctx: Context) -> Iterator[Hit]:
    framing = ctx.spec.framing
    explain = not empty(framing.explainability) or any(
        contains(c, EXPLAIN_WORDS) for c in ctx.spec.requirements.constraints
    )
    binary = framing.category == Category.binary_classification
    if explain and binary and _several_classes(framing.labels.classes):
        yield Hit(
            (*FRM, "category"),
            "explanations are required, yet one binary classifier "
            "covers several classes (framing.labels.classes); a multi-label or "
            "multi-task model can say which class fired",
        )


def _frm008(ctx: Context) -> Iterator[Hit]:
    if len(ctx.spec.framing.objective_alternatives) < 2:
        yield Hit(
            (*FRM, "objective_alternatives"),
            "framing.objective_alternatives weighs "
            "fewer than two objectives; compare a few with their pros and cons",
        )


def _cap004(ctx: Context) -> Iterator[Hit]:
    scale = ctx.spec.requirements.scale
    if scale.peak_factor is None and (scale.dau is not None or scale.qps is not None):
        yield Hit(
            (*REQ, "scale", "peak_factor"),
            "requirements.scale.peak_factor is not given; peak QPS assumes twice the average",
        )


RULES = [
    Rule(
        "REQ001",
        1,
        ERROR,
        "No business objective.",
        "Every later choice (objective, metrics, trade-offs) is judged against the business goal.",
        book(1, "clarifying requirements"),
        require(
            lambda c: c.spec.requirements.business_objective,
            (*REQ, "business_objective"),
            "requirements.business_objective is empty; say what the business wants",
        ),
    ),
    Rule(
        "REQ002",
        1,
        WARNING,
        "Online prediction and no scale (dau, users or QPS).",
        "Scale drives the serving design: QPS, the funnel, the number of servers.",
        book(1, "scale"),
        _req002,
        applies=lambda c: c.online,
        when="predictions are served online",
        reads="requirements.scale",
    ),
    Rule(
        "REQ003",
        1,
        WARNING,
        "Online prediction and no latency budget.",
        "Without a budget there is no way to size the funnel or choose between models.",
        book(1, "performance"),
        _no_budget,
        applies=lambda c: c.online,
        when="predictions are served online",
        same_cause_as=("SRV001",),
        reads="requirements.performance.latency_budget",
    ),
    Rule(
        "REQ004",
        1,
        INFO,
        "Nothing out of scope.",
        "Saying what is left out keeps a design (and an interview) focused.",
        book(1, "clarifying requirements"),
        require(
            lambda c: c.spec.requirements.out_of_scope,
            (*REQ, "out_of_scope"),
            "requirements.out_of_scope is empty; list what the design leaves out",
        ),
    ),
    Rule(
        "FRM001",
        2,
        ERROR,
        "ML objective, input or output missing.",
        "The framing fixes what the model learns from and what it returns.",
        book(1, "framing the problem"),
        _frm001,
        reads="framing",
    ),
    Rule(
        "FRM002",
        2,
        ERROR,
        "No ML category.",
        "The category decides the labels, the loss, the metrics and the serving shape.",
        book(1, "choosing the ML category"),
        require(
            lambda c: c.spec.framing.category,
            (*FRM, "category"),
            "framing.category is not set (e.g. recommendation, binary_classification)",
        ),
    ),
    Rule(
        "FRM003",
        2,
        WARNING,
        "The ML objective only restates the business objective.",
        "A business goal is not something a model can optimise; the ML objective must be.",
        book(1, "defining the ML objective"),
        _frm003,
        reads="framing.ml_objective",
    ),
    Rule(
        "FRM004",
        2,
        WARNING,
        "The output does not fit the category.",
        "A ranker returns a list and a classifier a label or probability; a mismatch hints "
        "at a wrong framing.",
        book(1, "specifying input and output"),
        _frm004,
    ),
    Rule(
        "FRM005",
        2,
        WARNING,
        "Several models, and one lacks its input or output.",
        "Each model of a multi-stage system needs its own contract.",
        book(1, "specifying input and output"),
        _frm005,
        applies=lambda c: len(c.spec.framing.models) >= 2,
        when="the framing lists several models",
        reads="framing.models",
    ),
    Rule(
        "FRM006",
        2,
        WARNING,
        "Clicks are the objective and there is no guardrail metric.",
        "Optimising clicks alone invites clickbait; a counter metric catches it.",
        book(6, "choosing the ML objective"),
        _frm006,
        applies=lambda c: contains(c.spec.framing.ml_objective, CLICK_WORDS),
        when="the ML objective is clicks or CTR",
        reads="evaluation.online",
    ),
    Rule(
        "FRM007",
        2,
        WARNING,
        "Explanations required, and one binary classifier covers several classes.",
        "A single harmful-or-not score cannot say which rule was broken.",
        book(5, "multi-task classification"),
        _frm007,
        reads="framing.category",
    ),
    Rule(
        "FRM008",
        2,
        INFO,
        "Fewer than two objective alternatives weighed.",
        "Weighing alternatives (clicks, completions, watch time) shows why the chosen one wins.",
        book(6, "framing"),
        _frm008,
        reads="framing.objective_alternatives",
    ),
    Rule(
        "CAP004",
        1,
        INFO,
        "No peak factor given (2 assumed).",
        "Capacity is sized for the peak, not the average.",
        book(1, "scale"),
        _cap004,
        applies=lambda c: c.online and c.value("average_qps") is not None,
        when="predictions are served online and the traffic (average QPS) can be estimated",
        reads="requirements.scale.peak_factor",
    ),
]
