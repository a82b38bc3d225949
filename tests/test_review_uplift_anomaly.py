"""The uplift and anomaly-detection rules, and the fairness scope: one spec that triggers
each rule and one that does not, reviewed in-process."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from designdoc import load_spec
from designdoc.review import review
from designdoc.review.result import Review

UPLIFT = """
designdoc: 1
title: Coupon targeting
requirements:
  business_objective: Grow incremental weekly revenue from coupons.
  constraints: [At most 2M coupons a week]
  scale: {users: 20M, dau: 3M}
framing:
  ml_objective: Estimate each customer's increase in purchase probability from a coupon.
  category: uplift
  labels: {positive: Purchase within 14 days, negative: No purchase, source: randomized_experiment,
           delay: 14d}
data:
  sources: [{id: purchases, kind: transaction}]
  features: [{name: Recency, source: purchases, type: numeric, missing: 365 days}]
  split: {strategy: chronological}
model:
  baseline: {name: Response model}
  training: {loss: log loss per outcome model, retraining: {cadence: weekly}}
evaluation:
  offline: [{metric: Qini coefficient, primary: true}, {metric: uplift at k, k: 2000000}]
  online: [{metric: incremental purchases, role: primary, business: true}]
  fairness: [Qini per age band]
serving:
  prediction: batch
  stages:
    - {id: score, kind: scoring, mode: batch, items_in: 20M, items_out: 20M}
    - {id: pick, kind: business_logic, mode: batch, items_in: 20M, items_out: 2M}
  rollout:
    ab_test: {unit: customer, primary_metric: purchases, baseline_rate: 8%, mde: 2%, traffic: 50%}
    long_term_holdout: 5%
    rollback: Keep last week's list.
monitoring:
  ml: [input drift, Qini on the holdout, model version]
talking_points:
  - {topic: Interference, notes: Households share coupons; we randomise by household.}
"""

ANOMALY = """
designdoc: 1
title: Payment anomalies
requirements:
  business_objective: Cut fraud losses from new patterns.
  scale: {qps: 2k}
framing:
  ml_objective: Score each payment by how unusual it is for the card.
  category: anomaly
  labels: {positive: Confirmed fraud, negative: No chargeback in 90 days, source: mixed}
data:
  sources: [{id: auths, kind: transaction}]
  class_balance: {positive_rate: 0.1%}
evaluation:
  offline: [{metric: precision at review capacity, primary: true}, {metric: PR-AUC}]
serving:
  prediction: online
  decisions:
    - {threshold: top 0.002% of scores, action: review queue, rate: 0.002%,
       capacity_per_day: 5k}
"""

DROP = object()


def merge(base: Any, patch: Any) -> Any:
    if not isinstance(base, dict) or not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(base)
    for key, value in patch.items():
        if value is DROP:
            out.pop(key, None)
        else:
            out[key] = merge(out.get(key), value)
    return out


def run(tmp_path: Path, base: str, name: str, *patches: dict[str, Any]) -> Review:
    path = tmp_path / name
    data = yaml.safe_load(base)
    for patch in patches:
        data = merge(data, patch)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return review(load_spec(path))


def status(result: Review, rule: str) -> str:
    return next(r.status for r in result.results if r.rule == rule)


CASES = [
    # (rule, base, trigger, passing, path of the finding)
    (
        "UPL001",
        UPLIFT,
        {"framing": {"labels": {"identification": DROP}}},
        {
            "framing": {
                "labels": {
                    "source": "natural",
                    "identification": "Inverse propensity "
                    "weighting with the targeting model's logged scores.",
                }
            }
        },
        "framing.labels.source",
    ),
    (
        "UPL002",
        UPLIFT,
        {"serving": {"rollout": {"long_term_holdout": DROP}}},
        {},
        "serving.rollout",
    ),
    (
        "UPL003",
        UPLIFT,
        {"evaluation": {"offline": [{"metric": "accuracy"}, {"metric": "ROC AUC of purchase"}]}},
        {},
        "evaluation.offline",
    ),
    ("UPL004", UPLIFT, {"talking_points": []}, {}, "framing"),
    ("UPL005", UPLIFT, {"requirements": {"constraints": []}}, {}, "requirements.constraints"),
    (
        "ANO001",
        ANOMALY,
        {"serving": {"decisions": [{"threshold": "top 0.002%", "action": "review queue"}]}},
        {},
        "serving.decisions",
    ),
    (
        "ANO002",
        ANOMALY,
        {
            "data": {},
            "serving": {
                "decisions": [
                    {
                        "threshold": "top 1%",
                        "action": "review",
                        "rate": "1%",
                        "capacity_per_day": "5k",
                    }
                ]
            },
        },
        {},
        "serving.decisions[0].capacity_per_day",
    ),
    (
        "EVA004",
        ANOMALY,
        {"evaluation": {"offline": [{"metric": "accuracy", "primary": True}]}},
        {},
        "evaluation.offline",
    ),
    ("EVA010", UPLIFT, {"evaluation": {"fairness": []}}, {}, "evaluation.fairness"),
]


@pytest.mark.parametrize(
    ("rule", "base", "trigger", "passing", "path"), CASES, ids=[c[0] for c in CASES]
)
def test_rule_fires_and_passes(
    tmp_path: Path,
    rule: str,
    base: str,
    trigger: dict[str, Any],
    passing: dict[str, Any],
    path: str,
) -> None:
    good = run(tmp_path, base, "good.yaml", passing)
    assert status(good, rule) == "pass", [f.message for f in good.findings if f.rule == rule]
    bad = run(tmp_path, base, "bad.yaml", passing, trigger)
    hits = [f for f in bad.findings if rule in (f.rule, *f.also)]
    assert hits and status(bad, rule) == "fail", f"{rule} did not fire"
    assert hits[0].path == path
    assert hits[0].line >= 1


def test_bases_raise_no_uplift_or_anomaly_finding(tmp_path: Path) -> None:
    for base, name in ((UPLIFT, "uplift.yaml"), (ANOMALY, "anomaly.yaml")):
        result = run(tmp_path, base, name)
        assert [f.rule for f in result.findings if f.rule[:3] in ("UPL", "ANO")] == []


def test_alerts_per_day_estimate_against_capacity(tmp_path: Path) -> None:
    result = run(tmp_path, ANOMALY, "anomaly.yaml")
    alerts = next(e for e in result.estimates if e.key == "alerts_per_day")
    assert alerts.value == pytest.approx(2000 * 86_400 * 0.00002)  # 3,456 a day
    assert alerts.comparison == "reviewers handle 5K a day"
    result = run(tmp_path, ANOMALY, "bare.yaml", {"serving": {"decisions": []}})
    skipped = next(e for e in result.estimates if e.key == "alerts_per_day")
    assert skipped.value is None and "serving.decisions[].rate" in skipped.missing


def test_no_alerts_estimate_where_no_band_states_a_rate(tmp_path: Path) -> None:
    result = run(tmp_path, UPLIFT, "uplift.yaml")
    assert all(e.key != "alerts_per_day" for e in result.estimates)
    assert status(result, "ANO001") == "n/a" and status(result, "ANO002") == "n/a"


def test_alert_volume_and_capacity_in_words_answer_ano001(tmp_path: Path) -> None:
    band = {"threshold": "top 100 an hour", "action": "review queue", "volume": "2,400/day"}
    words = {
        "requirements": {"constraints": ["The team reviews about 2,000 cases a day."]},
        "serving": {"decisions": [band]},
    }
    assert status(run(tmp_path, ANOMALY, "words.yaml", words), "ANO001") == "pass"
    unsized = {**words, "serving": {"decisions": [{"threshold": "top 100", "action": "review"}]}}
    assert status(run(tmp_path, ANOMALY, "unsized.yaml", unsized), "ANO001") == "fail"


def test_fairness_applies_where_protected_attributes_are_named(tmp_path: Path) -> None:
    """Ruling out protected attributes as features still leaves their groups to check."""
    patch = {
        "framing": {"category": "binary"},
        "requirements": {"constraints": ["No targeting on protected attributes."]},
    }
    named = run(tmp_path, ANOMALY, "named.yaml", patch)
    assert status(named, "EVA010") == "fail"
    plain = run(tmp_path, ANOMALY, "plain.yaml", {"framing": {"category": "binary"}})
    assert status(plain, "EVA010") == "n/a"
