"""The catalogue: every rule, in the order of `designdoc.review.rules.ids.RULE_IDS`."""

from __future__ import annotations

from designdoc.review.rules import data, framing, model, monitoring, serving, work
from designdoc.review.rules.ids import RULE_IDS, THRESHOLDS
from designdoc.review.rules.rule import Rule


def _collect() -> tuple[Rule, ...]:
    rules = [
        *framing.RULES,
        *data.RULES,
        *model.RULES,
        *serving.RULES,
        *monitoring.RULES,
        *work.RULES,
    ]
    by_id = {rule.id: rule for rule in rules}
    if len(by_id) != len(rules):
        raise RuntimeError("two rules share an id")  # a programming error, caught by the tests
    order = {ident: i for i, ident in enumerate(RULE_IDS)}
    return tuple(sorted(rules, key=lambda r: order.get(r.id, len(order))))


def _thresholds(rules: tuple[Rule, ...]) -> dict[str, float]:
    """The defaults of the thresholds the rules read; ids.py holds the one list of defaults."""
    names = sorted({name for rule in rules for name in rule.thresholds})
    return {name: THRESHOLDS[name] for name in names}


CATALOGUE: tuple[Rule, ...] = _collect()
DEFAULT_THRESHOLDS: dict[str, float] = _thresholds(CATALOGUE)
