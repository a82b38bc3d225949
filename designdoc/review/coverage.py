"""Coverage per framework step: the weighted share of its rules that pass, and empty key fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from designdoc.review.result import RuleResult, StepCoverage
from designdoc.review.rules.rule import empty
from designdoc.spec.framework import STEP_NAMES
from designdoc.spec.models.root import Spec

Getter = Callable[[Spec], Any]

# The fields a reader looks for first in each step.
KEY_FIELDS: dict[int, tuple[tuple[str, Getter], ...]] = {
    1: (
        ("requirements.business_objective", lambda s: s.requirements.business_objective),
        ("requirements.scale.dau", lambda s: s.requirements.scale.dau or s.requirements.scale.qps),
        (
            "requirements.performance.latency_budget",
            lambda s: s.requirements.performance.latency_budget,
        ),
        ("requirements.out_of_scope", lambda s: s.requirements.out_of_scope),
    ),
    2: (
        ("framing.ml_objective", lambda s: s.framing.ml_objective),
        ("framing.input", lambda s: s.framing.input),
        ("framing.output", lambda s: s.framing.output),
        ("framing.category", lambda s: s.framing.category),
        (
            "framing.labels.positive",
            lambda s: (
                s.framing.labels.positive or s.framing.labels.classes or s.framing.labels.target
            ),
        ),
    ),
    3: (
        ("data.sources", lambda s: s.data.sources),
        ("data.features", lambda s: s.data.features),
        ("data.split", lambda s: s.data.split),
    ),
    4: (
        ("model.baseline", lambda s: s.model.baseline),
        ("model.candidates", lambda s: s.model.candidates),
        ("model.training.loss", lambda s: s.model.training.loss),
    ),
    5: (
        ("evaluation.offline", lambda s: s.evaluation.offline),
        ("evaluation.online", lambda s: s.evaluation.online),
    ),
    6: (
        ("serving.prediction", lambda s: s.serving.prediction),
        ("serving.stages", lambda s: s.serving.stages),
        ("serving.rollout", lambda s: s.serving.rollout),
    ),
    7: (
        ("monitoring.operational", lambda s: s.monitoring.operational),
        ("monitoring.ml", lambda s: s.monitoring.ml),
        ("model.training.retraining", lambda s: s.model.training.retraining),
    ),
}


def weight(severity: str) -> float:
    return 0.5 if severity == "info" else 1.0


def step_coverage(
    step: int, results: list[RuleResult], spec: Spec, accepted: frozenset[str] = frozenset()
) -> StepCoverage:
    """`accepted`: rules whose findings the spec accepts; they never count, so they pass."""
    mine = [r for r in results if r.step == step]
    counted = [r for r in mine if r.status in ("pass", "fail")]
    passed = [r for r in counted if r.status == "pass" or r.rule in accepted]
    return StepCoverage(
        step=step,
        name=STEP_NAMES[step],
        passed=sum(weight(r.severity) for r in passed),
        total=sum(weight(r.severity) for r in counted),
        rules_passed=len(passed),
        rules_failed=len(counted) - len(passed),
        rules_skipped=len(mine) - len(counted),
        empty_fields=tuple(name for name, get in KEY_FIELDS[step] if empty(get(spec))),
    )


def coverage(
    results: list[RuleResult], spec: Spec, accepted: frozenset[str] = frozenset()
) -> list[StepCoverage]:
    """One entry per framework step, in order."""
    return [step_coverage(step, results, spec, accepted) for step in STEP_NAMES]
