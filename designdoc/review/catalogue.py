"""The catalogue: every rule, in the order of `designdoc.review.ids.RULE_IDS`."""

from __future__ import annotations

from designdoc.review import rules_data, rules_framing, rules_model, rules_monitoring, rules_serving
from designdoc.review.ids import RULE_IDS
from designdoc.review.rule import Rule


def _collect() -> tuple[Rule, ...]:
    rules = [
        *rules_framing.RULES,
        *rules_data.RULES,
        *rules_model.RULES,
        *rules_serving.RULES,
        *rules_monitoring.RULES,
    ]
    by_id = {rule.id: rule for rule in rules}
    if len(by_id) != len(rules):
        raise RuntimeError("two rules share an id")  # a programming error, caught by the tests
    order = {ident: i for i, ident in enumerate(RULE_IDS)}
    return tuple(sorted(rules, key=lambda r: order.get(r.id, len(order))))


def _thresholds(rules: tuple[Rule, ...]) -> dict[str, float]:
    defaults: dict[str, float] = {}
    for rule in rules:
        for name, value in rule.thresholds.items():
            if defaults.setdefault(name, value) != value:
                raise RuntimeError(f"threshold {name} has two defaults")
    return defaults


CATALOGUE: tuple[Rule, ...] = _collect()
BY_ID: dict[str, Rule] = {rule.id: rule for rule in CATALOGUE}
DEFAULT_THRESHOLDS: dict[str, float] = _thresholds(CATALOGUE)
