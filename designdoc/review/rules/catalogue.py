"""The catalogue: every rule, by framework step, and the names a spec's review settings may use."""

from __future__ import annotations

from designdoc.review.rules import (
    anomaly,
    capacity,
    causal,
    data,
    experiments,
    forecasting,
    framing,
    genai,
    model,
    monitoring,
    serving,
    work,
)
from designdoc.review.rules.rule import Rule
from designdoc.review.rules.thresholds import THRESHOLDS
from designdoc.spec.references import ReviewNames


def _collect() -> tuple[Rule, ...]:
    rules = [
        *framing.RULES,
        *data.RULES,
        *model.RULES,
        *serving.RULES,
        *experiments.RULES,
        *capacity.RULES,
        *monitoring.RULES,
        *work.RULES,
        *genai.RULES,
        *forecasting.RULES,
        # uplift and anomaly detection
        *causal.RULES,
        *anomaly.RULES,
    ]
    by_id = {rule.id: rule for rule in rules}
    if len(by_id) != len(rules):
        raise RuntimeError("two rules share an id")  # a programming error, caught by the tests
    return tuple(sorted(rules, key=lambda r: r.step))  # stable: each module's order within a step


def _thresholds(rules: tuple[Rule, ...]) -> dict[str, float]:
    """The defaults of the thresholds the rules read, from the one table in thresholds.py."""
    names = sorted({name for rule in rules for name in rule.thresholds})
    return {name: THRESHOLDS[name] for name in names}


CATALOGUE: tuple[Rule, ...] = _collect()
DEFAULT_THRESHOLDS: dict[str, float] = _thresholds(CATALOGUE)
RULE_IDS: tuple[str, ...] = tuple(rule.id for rule in CATALOGUE)
REVIEW_NAMES = ReviewNames(rules=RULE_IDS, thresholds=tuple(THRESHOLDS))
