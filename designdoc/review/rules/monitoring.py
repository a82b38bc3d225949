"""Rules of step 7: monitoring, retraining and feedback loops."""

from __future__ import annotations

import re
from collections.abc import Iterator

from designdoc.review.rules.applies import engagement_labels, shows_ranked_list
from designdoc.review.rules.context import Context, contains, keywords
from designdoc.review.rules.rule import ERROR, INFO, WARNING, Hit, Rule, empty, require
from designdoc.review.rules.sources import book, rules_of_ml, tech_debt, test_score
from designdoc.spec.vocab import RANKING

MON = ("monitoring",)
WATCHED = ("monitoring.ml", "monitoring.alerts", "monitoring.operational", "monitoring.notes")
DRIFT = keywords("drift | shift | distribution | psi$ | kl divergence | population stability")
VERSION = ("version", "registry")
QUALITY = keywords(
    "quality | delayed label | ground truth | accuracy | precision | recall | auc | log loss "
    "| calibration | label | mae$ | rmse$ | mape$ | wape$ | f1$ | ndcg | mrr$ | error against"
)
EXPLORATION = keywords("explor | epsilon | bandit | thompson | random slot | randomi | ucb$")


def _mon001(ctx: Context) -> Iterator[Hit]:
    if not ctx.mentions(DRIFT, WATCHED):
        yield Hit(
            (*MON, "ml"),
            "monitoring.ml watches no drift (input, feature, label, concept or prediction drift)",
        )


def _mon003(ctx: Context) -> Iterator[Hit]:
    retraining = ctx.spec.model.training.retraining
    if retraining is None or empty(retraining.cadence):
        continual = bool(ctx.spec.framing.continual_learning)
        yield Hit(
            ("model", "training", "retraining"),
            "model.training.retraining.cadence is not "
            "set" + ("; continual learning is required" if continual else ""),
            severity=ERROR if continual else None,
        )


def _mon005(ctx: Context) -> Iterator[Hit]:
    registry = any(
        contains(c.kind, ("model registry", "model_registry")) for c in ctx.spec.serving.components
    )
    genai = ctx.spec.genai
    if registry:
        ctx.cite("serving.components")
    elif genai and genai.monitoring and genai.monitoring.versions:
        ctx.cite("genai.monitoring.versions")
    elif not ctx.mentions(VERSION, WATCHED):
        yield Hit((*MON, "ml"), "no model version tracking in monitoring.ml (or a model registry)")


def _quality_words(ctx: Context) -> tuple[str, ...]:
    """Quality words, plus the spec's own metric names: monitoring MAE or Qini is quality."""
    names = [m.metric for m in ctx.spec.evaluation.offline] + [
        m.metric for m in ctx.spec.evaluation.online
    ]
    own = []
    for metric in names:
        phrase = re.sub(r"\(.*?\)|@\S*", "", metric).strip().lower()
        parts = phrase.split()
        own += [phrase] + ([" ".join(parts[1:])] if len(parts) > 2 else [])
    return QUALITY + tuple(p for p in own if len(p) > 2)


def _mon006(ctx: Context) -> Iterator[Hit]:
    if not ctx.mentions(_quality_words(ctx), WATCHED):
        yield Hit(
            (*MON, "ml"), "monitoring.ml does not track model quality against (delayed) labels"
        )


def _rec003(ctx: Context) -> Iterator[Hit]:
    rollout = ctx.spec.serving.rollout
    explored = bool(rollout and rollout.bandit and ctx.cite("serving.rollout.bandit")) or (
        ctx.addressed(
            ("exploration", "feedback_loop"),
            EXPLORATION,
            ("talking_points", "serving", "model", "data.sampling"),
        )
    )
    if not explored:
        yield Hit(
            ("talking_points",),
            "the model retrains on traffic it served itself and "
            "nothing explores: a feedback loop (add exploration or a talking point)",
        )


def _retrains_on_itself(ctx: Context) -> bool:
    retraining = ctx.spec.model.training.retraining
    retrains = (retraining is not None and not empty(retraining.cadence)) or bool(
        ctx.spec.framing.continual_learning
    )
    return engagement_labels(ctx) and shows_ranked_list(ctx) and retrains


RULES = [
    Rule(
        "MON001",
        7,
        ERROR,
        "No drift monitoring.",
        "Distribution shift is the main reason deployed models decay.",
        book(1, "why a system fails in production"),
        _mon001,
    ),
    Rule(
        "MON002",
        7,
        WARNING,
        "No operational metrics.",
        "Latency, throughput and errors show an outage before the ML metrics do.",
        test_score("Monitor: computing performance has not regressed"),
        require(
            lambda c: c.spec.monitoring.operational,
            (*MON, "operational"),
            "monitoring.operational is empty (latency, QPS, error rate, GPU)",
        ),
    ),
    Rule(
        "MON003",
        7,
        WARNING,
        "No retraining cadence (an error when continual learning is required).",
        "A model is fresh only as long as its data is.",
        rules_of_ml(8, "know the freshness requirements"),
        _mon003,
        reads="model.training.retraining",
    ),
    Rule(
        "MON004",
        7,
        INFO,
        "No alerts.",
        "A metric nobody is alerted on is a metric nobody reads.",
        rules_of_ml(10, "watch for silent failures"),
        require(
            lambda c: c.spec.monitoring.alerts,
            (*MON, "alerts"),
            "monitoring.alerts is empty: who is told when a metric goes wrong?",
        ),
    ),
    Rule(
        "MON005",
        7,
        INFO,
        "No model version tracking.",
        "Tracing a regression needs to know which model served which request.",
        test_score("Infrastructure: training is reproducible"),
        _mon005,
    ),
    Rule(
        "MON006",
        7,
        INFO,
        "No quality monitoring against delayed labels.",
        "Prediction quality can fall while every input still looks normal.",
        test_score("Monitor: prediction quality has not regressed"),
        _mon006,
    ),
    Rule(
        "REC003",
        7,
        WARNING,
        "Retrained on its own served traffic and no exploration.",
        "A model that only sees what it chose keeps choosing it.",
        tech_debt("direct feedback loops"),
        _rec003,
        categories=RANKING,
        applies=_retrains_on_itself,
        when="the labels are engagement with a ranked list and the model retrains",
    ),
]
