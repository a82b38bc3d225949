"""Rules for designs that estimate the effect of a treatment (uplift, causal targeting).

An uplift model ranks units by how much an action changes their outcome. That is only
learnable from data where who got treated is random (or corrected for), it is judged by
uplift metrics rather than response accuracy, and its decisions need a budget, a check on
interference between units and a long-term holdout to see the lasting effect.
"""

from __future__ import annotations

from collections.abc import Iterator

from designdoc.review.rules.applies import CAUSAL_LABEL_SOURCES, name
from designdoc.review.rules.context import Context, contains, keywords
from designdoc.review.rules.rule import ERROR, WARNING, Hit, Rule, empty
from designdoc.spec.vocab import Category

UPLIFT = frozenset({Category.uplift_modeling})
LABELS = ("framing", "labels")
IDENTIFICATION = keywords(
    "randomi | random holdout | random assignment | control group | treatment and control | "
    "rct$ | ab test | experiment | propensity | inverse probability | ipw$ | "
    "doubly robust | instrument | natural experiment | regression discontinuity | "
    "difference in differences | diff in diff"
)
# Where the training data's origin is described.
DATA_SECTIONS = ("framing.labels", "data", "model.training")
LONG_TERM = keywords(
    "long term holdout | long-term holdout | permanent holdout | permanent control | "
    "global holdout | global control | universal holdout | universal control | never treated | "
    "holdout for months | holdout of the whole programme"
)
HOLDOUT_SECTIONS = ("serving.rollout", "evaluation", "monitoring")
UPLIFT_METRICS = keywords(
    "qini | auuc$ | uplift | area under the uplift | incremental | treatment effect | cate$ | "
    "pehe$ | ate$ | policy value | expected response"
)
INTERFERENCE = keywords(
    "interfer | spillover | spill over | sutva$ | network effect | cannibali | contaminat | "
    "cluster randomi | one treatment at a time | mutually exclusive | exclusion group"
)
INTERFERENCE_SECTIONS = (
    "framing",
    "data",
    "model",
    "evaluation",
    "serving.rollout",
    "serving.notes",
    "talking_points",
)
BUDGET = keywords(
    "budget | at most | cap$ | capped | quota | per dollar | roi$ | cost per | limit | "
    "allocation | allocate | knapsack | constrain"
)
BUDGET_SECTIONS = ("requirements", "serving", "framing.ml_objective", "talking_points")


def _upl001(ctx: Context) -> Iterator[Hit]:
    labels = ctx.spec.framing.labels
    for field in ("source", "evaluation_source"):
        if name(getattr(labels, field)) in CAUSAL_LABEL_SOURCES:
            ctx.cite(f"framing.labels.{field}")
            return
    if not empty(labels.identification):
        ctx.cite("framing.labels.identification")
        return
    if ctx.mentions(IDENTIFICATION, DATA_SECTIONS):
        return
    yield Hit(
        (*LABELS, "source") if labels.source is not None else LABELS,
        "an uplift model learns from "
        + (f"{name(labels.source)} labels" if labels.source is not None else "labels")
        + " with no randomised treatment and control data and no stated identification "
        "strategy; whoever was treated before differs from the rest, so the effect is "
        "confounded (set framing.labels.source: randomized_experiment, or say how the effect "
        "is identified in framing.labels.identification)",
    )


def _upl002(ctx: Context) -> Iterator[Hit]:
    rollout = ctx.spec.serving.rollout
    if rollout is not None and rollout.long_term_holdout is not None:
        ctx.cite("serving.rollout.long_term_holdout")
        return
    if ctx.mentions(LONG_TERM, HOLDOUT_SECTIONS) or ctx.topic("holdout", "long term holdout"):
        return
    yield Hit(
        ("serving", "rollout") if rollout is not None else ("serving",),
        "no long-term holdout: a share of units that never gets the treatment shows the "
        "lasting effect (fatigue, people who learn to wait for an offer) that a short "
        "test misses (set serving.rollout.long_term_holdout, e.g. 5%)",
    )


def _upl003(ctx: Context) -> Iterator[Hit]:
    metrics = [m.metric for m in ctx.spec.evaluation.offline]
    if any(contains(m, UPLIFT_METRICS) for m in metrics):
        ctx.cite("evaluation.offline")
        return
    shown = ", ".join(metrics) if metrics else "none"
    yield Hit(
        ("evaluation", "offline"),
        f"no uplift metric offline ({shown}); accuracy or AUC of the response rewards "
        "finding people who buy anyway; use the Qini coefficient, AUUC or uplift at k "
        "on randomised held-out data",
    )


def _upl004(ctx: Context) -> Iterator[Hit]:
    if ctx.addressed(("interference", "spillover"), INTERFERENCE, INTERFERENCE_SECTIONS):
        return
    yield Hit(
        ("framing",),
        "nothing says whether treatments interfere: a treated unit can change an untreated "
        "one's outcome (households, referrals, shared budgets) or two campaigns can reach "
        "one customer, and either biases the estimated effect",
    )


def _upl005(ctx: Context) -> Iterator[Hit]:
    stages = ctx.spec.serving.stages
    solver = next((i for i, s in enumerate(stages) if name(s.kind) == "optimization"), None)
    if solver is not None:
        ctx.cite(f"serving.stages[{solver}]")
        return
    if ctx.mentions(BUDGET, BUDGET_SECTIONS):
        return
    yield Hit(
        ("requirements", "constraints"),
        "no budget or targeting constraint: with none, every unit with a positive uplift is "
        "treated; state the budget (coupons, sends, cost) and how units are chosen within it",
    )


CAUSAL = (
    "Causal Inference and Uplift Modelling: A Review of the Literature "
    "(Gutierrez and Gérardy, 2017)"
)

RULES = [
    Rule(
        "UPL001",
        2,
        ERROR,
        "Uplift from observational data with no identification strategy.",
        "Past treatment went to chosen people; without randomisation or a correction the "
        "model learns who was picked, not what the treatment does.",
        CAUSAL,
        _upl001,
        categories=UPLIFT,
        reads="framing.labels.source",
    ),
    Rule(
        "UPL002",
        6,
        WARNING,
        "Uplift targeting and no long-term holdout.",
        "Only units never treated show the programme's lasting, cumulative effect.",
        "Trustworthy Online Controlled Experiments (Kohavi, Tang and Xu), "
        "long-term treatment effects",
        _upl002,
        categories=UPLIFT,
        reads="serving.rollout.long_term_holdout",
    ),
    Rule(
        "UPL003",
        5,
        ERROR,
        "Uplift judged without an uplift metric (Qini, AUUC, uplift at k).",
        "The individual effect is never observed; only uplift curves on randomised data "
        "rank units by it.",
        CAUSAL,
        _upl003,
        categories=UPLIFT,
        reads="evaluation.offline",
    ),
    Rule(
        "UPL004",
        2,
        WARNING,
        "Uplift and nothing on interference between treated units.",
        "The effect of treating one unit is assumed not to depend on who else is treated.",
        CAUSAL,
        _upl004,
        categories=UPLIFT,
    ),
    Rule(
        "UPL005",
        1,
        WARNING,
        "Uplift targeting with no budget or targeting constraint.",
        "Who to treat is a choice under a budget; the ranking alone does not make it.",
        CAUSAL,
        _upl005,
        categories=UPLIFT,
        reads="requirements.constraints",
    ),
]
