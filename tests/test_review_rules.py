"""Every review rule: one spec that triggers it and one that does not; settings and catalogue."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from designdoc import load_spec
from designdoc.errors import SpecError
from designdoc.review import CATALOGUE, review
from designdoc.review.result import Review
from designdoc.review.rules.catalogue import DEFAULT_THRESHOLDS, RULE_IDS
from designdoc.review.rules.thresholds import THRESHOLDS

REC_BASE = """
designdoc: 1
title: Shop recommendations
requirements:
  business_objective: Grow monthly purchases from the home page.
  out_of_scope: [Search ranking]
  scale: {users: 50M, dau: 10M, requests_per_user_per_day: 4, peak_factor: 3, items: 20M,
          new_items_per_day: 50k, bytes_per_item: 4KB, response_bytes: 10KB, retention: 365d,
          replication: 3}
  performance: {latency_budget: 200ms, availability: 99.9}
framing:
  ml_objective: Predict the probability that a shown product is bought.
  objective_alternatives:
    - {objective: Predict add-to-cart events}
    - {objective: Predict purchases, chosen: true}
  input: A user and their session context.
  output: A ranked list of 20 products.
  category: recommendation
  labels: {positive: Bought within a day, negative: Shown and not bought, source: natural,
           delay: 1d}
  continual_learning: false
data:
  sources:
    - {id: events, kind: interaction, has_timestamp: true, contains_pii: true}
  features:
    - {name: Price, source: events, type: numeric, transform: log then standardise,
       computation: batch, freshness: 1d, missing: median price}
  sampling: {negative_sampling: {method: random unseen products, ratio: 4}}
  split: {strategy: chronological, notes: Scalers are fit on the training split only.}
  class_balance: {positive_rate: 20%}
  privacy: Pseudonymous ids; deletion honoured within a day.
model:
  baseline: {name: Most bought products this week}
  candidates:
    - {name: Matrix factorisation}
    - {name: Two-tower network, chosen: true}
  training:
    loss: binary cross-entropy
    calibration: Isotonic regression on the validation day
    retraining: {cadence: daily}
evaluation:
  offline:
    - {metric: nDCG, k: 20, relevance: graded}
    - {metric: Log loss}
  online:
    - {metric: Purchases per visit, role: primary, business: true}
    - {metric: Return rate, role: guardrail}
  fairness: [Quality per country]
serving:
  deployment: cloud
  prediction: online
  stages:
    - {id: cands, kind: candidate_generation, items_in: 20M, items_out: 1k, latency: 30ms}
    - {id: rank, kind: ranking, items_in: 1k, items_out: 100, latency: 80ms}
    - {id: rerank, kind: re_ranking, items_in: 100, items_out: 20, latency: 10ms}
  components:
    - {id: store, kind: feature_store, label: Online feature store}
  index: {items: 20M, dims: 64, type: hnsw, pipeline: New products embedded hourly,
          rebuild_on_model_change: true}
  capacity: {per_server_qps: 200, servers: 10, host_memory: 64GB}
  fallbacks:
    - {when: ranking times out, then: serve the candidates by popularity}
  rollout:
    shadow: true
    shadow_cost: One percent of traffic mirrored for a day.
    ab_test: {unit: user, primary_metric: purchases per visit, baseline_rate: 5%, mde: 5%,
              traffic: 20%, duration: 14d}
    rollback: Revert to the previous model version in the registry.
monitoring:
  operational: [p99 latency, error rate]
  ml: [feature drift, model version per request, daily nDCG on delayed labels,
       training/serving skew]
  alerts: [{metric: p99 latency, condition: "> 200ms", action: page on-call}]
talking_points:
  - {topic: cold_start, notes: New products enter through content embeddings.}
  - {topic: position_bias, notes: Position is a training feature set to zero at serving.}
  - {topic: exploration, notes: Two slots in twenty explore new arrivals.}
  - {topic: diversity, notes: Re-ranking caps products per brand.}
  - {topic: seasonality, notes: Holiday weeks are down-sampled in training.}
"""

CLS_BASE = """
designdoc: 1
title: Ride payment fraud
requirements:
  business_objective: Cut chargeback losses without blocking honest riders.
  out_of_scope: [Driver fraud]
  scale: {dau: 5M, requests_per_user_per_day: 2, peak_factor: 4}
  performance: {latency_budget: 100ms}
framing:
  ml_objective: Predict the probability that a payment is charged back.
  objective_alternatives:
    - {objective: Predict manual review outcomes}
    - {objective: Predict chargebacks, chosen: true}
  input: A payment with rider and trip details.
  output: The probability that the payment is fraudulent.
  category: binary_classification
  explainability: Analysts see the top reasons for each block.
  labels: {positive: Charged back as fraud, negative: Settled without dispute, source: natural,
           evaluation_source: human, delay: 60d}
data:
  sources:
    - {id: payments, kind: interaction, has_timestamp: true}
  features:
    - {name: Amount, source: payments, type: numeric, computation: request_time, missing: zero}
  split: {strategy: chronological}
  class_balance: {positive_rate: 0.5%, handling: class weights}
model:
  baseline: {name: Hand-written rules}
  candidates:
    - {name: Logistic regression}
    - {name: Gradient-boosted trees, chosen: true}
  training: {loss: weighted cross-entropy, retraining: {cadence: weekly}}
evaluation:
  offline: [{metric: PR-AUC}, {metric: recall at 1% false positive rate}]
  online:
    - {metric: Chargeback losses, role: primary, business: true}
    - {metric: Blocked honest riders, role: counter}
  fairness: [Block rate per city]
serving:
  prediction: online
  stages:
    - {id: score, kind: scoring, latency: 30ms}
    - {id: decide, kind: business_logic, latency: 5ms}
  fallbacks: [{when: model down, then: apply the rules baseline}]
  rollout: {shadow: true, rollback: Switch back to the previous model.}
monitoring:
  operational: [latency, error rate]
  ml: [prediction drift, model version, precision on labelled chargebacks, training/serving skew]
  alerts: [{metric: block rate, condition: doubles in an hour}]
"""

BASES = {"rec": yaml.safe_load(REC_BASE), "cls": yaml.safe_load(CLS_BASE)}
DROP = object()  # a patch value that removes the key
PRICE = {
    "name": "Price",
    "source": "events",
    "type": "numeric",
    "computation": "batch",
    "freshness": "1d",
    "missing": "median price",
    "transform": "log then standardise",
}
TALKS = {
    "cold_start": "New products enter through content embeddings.",
    "position_bias": "Position is a training feature set to zero at serving.",
    "exploration": "Two slots in twenty explore new arrivals.",
    "diversity": "Re-ranking caps products per brand.",
    "seasonality": "Holiday weeks are down-sampled in training.",
}
STAGES = [
    {
        "id": "cands",
        "kind": "candidate_generation",
        "items_in": "20M",
        "items_out": "1k",
        "latency": "30ms",
    },
    {"id": "rank", "kind": "ranking", "items_in": "1k", "items_out": "100", "latency": "80ms"},
    {"id": "rerank", "kind": "re_ranking", "items_in": "100", "items_out": "20", "latency": "10ms"},
]


def talks_without(topic: str) -> list[dict[str, str]]:
    return [{"topic": t, "notes": n} for t, n in TALKS.items() if t != topic]


def merge(base: Any, patch: Any) -> Any:
    """`patch` laid over `base`: mappings merge, DROP removes a key, anything else replaces."""
    if not isinstance(base, dict) or not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(base)
    for key, value in patch.items():
        if value is DROP:
            out.pop(key, None)
        else:
            out[key] = merge(out.get(key), value)
    return out


def run(tmp_path: Path, data: dict[str, Any], name: str = "spec.yaml") -> Review:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return review(load_spec(path))


def status(result: Review, rule: str) -> str:
    return next(r.status for r in result.results if r.rule == rule)


def spec_of(base: str, *patches: dict[str, Any]) -> dict[str, Any]:
    data = BASES[base]
    for patch in patches:
        data = merge(data, patch)
    return data


# (rule, base, patch that makes the rule fire, patch of the passing spec, field of the finding)
CASES: list[tuple[str, str, dict[str, Any], dict[str, Any], str | None]] = [
    (
        "REQ001",
        "rec",
        {"requirements": {"business_objective": DROP}},
        {},
        "requirements.business_objective",
    ),
    ("REQ002", "rec", {"requirements": {"scale": DROP}}, {}, "requirements.scale"),
    (
        "REQ003",
        "rec",
        {"requirements": {"performance": {"latency_budget": DROP}}},
        {},
        "requirements.performance.latency_budget",
    ),
    ("REQ004", "rec", {"requirements": {"out_of_scope": []}}, {}, "requirements.out_of_scope"),
    ("FRM001", "rec", {"framing": {"input": DROP}}, {}, "framing.input"),
    ("FRM002", "rec", {"framing": {"category": DROP}}, {}, "framing.category"),
    (
        "FRM003",
        "rec",
        {"framing": {"ml_objective": "Grow monthly purchases from the home page."}},
        {},
        "framing.ml_objective",
    ),
    ("FRM004", "rec", {"framing": {"output": "The chance of a purchase."}}, {}, "framing.output"),
    (
        "FRM005",
        "rec",
        {
            "framing": {
                "models": [
                    {"name": "a", "input": "user", "output": "top list"},
                    {"name": "b", "input": "user"},
                ]
            }
        },
        {
            "framing": {
                "models": [
                    {"name": "a", "input": "user", "output": "top list"},
                    {"name": "b", "input": "user", "output": "ranked list"},
                ]
            }
        },
        "framing.models[1]",
    ),
    (
        "FRM006",
        "rec",
        {
            "framing": {"ml_objective": "Maximise clicks on shown products"},
            "evaluation": {"online": [{"metric": "CTR", "role": "primary", "business": True}]},
        },
        {"framing": {"ml_objective": "Maximise clicks on shown products"}},
        "framing.ml_objective",
    ),
    (
        "FRM007",
        "cls",
        {"framing": {"labels": {"classes": ["card theft", "account takeover", "promo abuse"]}}},
        {},
        "framing.category",
    ),
    (
        "FRM008",
        "rec",
        {"framing": {"objective_alternatives": []}},
        {},
        "framing.objective_alternatives",
    ),
    (
        "CAP004",
        "rec",
        {"requirements": {"scale": {"peak_factor": DROP}}},
        {},
        "requirements.scale.peak_factor",
    ),
    ("DAT001", "rec", {"framing": {"labels": {"positive": DROP}}}, {}, "framing.labels"),
    ("DAT002", "rec", {"data": {"split": {"strategy": "random"}}}, {}, "data.split.strategy"),
    ("DAT003", "rec", {"data": {"sampling": DROP}}, {}, "data.sampling"),
    (
        "DAT004",
        "cls",
        {
            "data": {"class_balance": {"handling": DROP}},
            "model": {"training": {"loss": "cross-entropy"}},
        },
        {},
        "data.class_balance.positive_rate",
    ),
    ("DAT005", "rec", {"data": {"privacy": DROP}}, {}, "data.sources[0].contains_pii"),
    (
        "DAT006",
        "cls",
        {"framing": {"labels": {"evaluation_source": DROP}}},
        {},
        "framing.labels.source",
    ),
    ("DAT007", "cls", {"framing": {"labels": {"delay": DROP}}}, {}, "framing.labels.delay"),
    ("DAT008", "rec", {"data": {"split": {"notes": DROP}}}, {}, "data.features[0].transform"),
    ("FEA001", "rec", {"data": {"features": [{**PRICE, "source": None}]}}, {}, "data.features[0]"),
    (
        "FEA002",
        "rec",
        {"data": {"features": [{"name": "Price", "source": "events", "missing": "zero"}]}},
        {},
        "data.features[0]",
    ),
    (
        "FEA003",
        "rec",
        {"data": {"features": [{**PRICE, "derived_from_label": True}]}},
        {},
        "data.features[0].derived_from_label",
    ),
    (
        "FEA004",
        "rec",
        {
            "data": {
                "features": [
                    PRICE,
                    {
                        "name": "Product id",
                        "source": "events",
                        "type": "categorical",
                        "encoding": "one-hot",
                        "cardinality": "20M",
                        "computation": "batch",
                        "freshness": "1d",
                        "missing": "unknown",
                    },
                ]
            }
        },
        {
            "data": {
                "features": [
                    PRICE,
                    {**PRICE, "name": "Country", "encoding": "one-hot", "cardinality": "200"},
                ]
            }
        },
        "data.features[1].cardinality",
    ),
    ("FEA005", "rec", {"data": {"features": [{**PRICE, "missing": None}]}}, {}, "data.features[0]"),
    (
        "FEA006",
        "rec",
        {"monitoring": {"ml": ["feature drift", "model version", "daily nDCG on delayed labels"]}},
        {},
        "monitoring.ml",
    ),
    (
        "FEA007",
        "rec",
        {
            "data": {"features": [PRICE, {**PRICE, "name": "Age", "sensitive": True}]},
            "evaluation": {"fairness": []},
        },
        {"data": {"features": [PRICE, {**PRICE, "name": "Age", "sensitive": True}]}},
        "data.features[1].sensitive",
    ),
    ("REC002", "rec", {"talking_points": talks_without("position_bias")}, {}, "framing.labels"),
    ("REC006", "rec", {"talking_points": talks_without("seasonality")}, {}, "talking_points"),
    ("MOD001", "rec", {"model": {"baseline": DROP}}, {}, "model.baseline"),
    ("MOD002", "rec", {"model": {"training": {"loss": DROP}}}, {}, "model.training.loss"),
    (
        "MOD003",
        "cls",
        {"model": {"training": {"loss": "mean squared error"}}},
        {},
        "model.training.loss",
    ),
    (
        "MOD004",
        "rec",
        {"model": {"candidates": [{"name": "Two-tower", "chosen": True}]}},
        {},
        "model.candidates",
    ),
    (
        "MOD005",
        "cls",
        {
            "model": {
                "candidates": [{"name": "LR"}, {"name": "Gradient-boosted trees", "chosen": True}]
            }
        },
        {
            "framing": {"continual_learning": True},
            "model": {
                "candidates": [{"name": "Logistic regression", "chosen": True}, {"name": "GBDT"}]
            },
        },
        "model.candidates[1]",
    ),
    (
        "MOD006",
        "rec",
        {"model": {"training": {"calibration": DROP}}},
        {"serving": {"notes": "The ranker's probabilities feed an ads auction."}},
        "model.training.calibration",
    ),
    (
        "REC005",
        "rec",
        {"serving": {"notes": "Two heads: purchase and add-to-cart."}},
        {"serving": {"notes": "Two heads, combined with fixed weights."}},
        "framing.ml_objective",
    ),
    ("EVA001", "rec", {"evaluation": {"offline": []}}, {}, "evaluation.offline"),
    ("EVA002", "rec", {"evaluation": {"online": []}}, {}, "evaluation.online"),
    (
        "EVA003",
        "rec",
        {"evaluation": {"offline": [{"metric": "Log loss"}]}},
        {},
        "evaluation.offline",
    ),
    (
        "EVA004",
        "cls",
        {"evaluation": {"offline": [{"metric": "accuracy"}]}},
        {},
        "evaluation.offline",
    ),
    (
        "EVA005",
        "rec",
        {"evaluation": {"offline": [{"metric": "precision@k", "k": 20}, {"metric": "Log loss"}]}},
        {},
        "evaluation.offline",
    ),
    (
        "EVA006",
        "rec",
        {
            "evaluation": {
                "offline": [
                    {"metric": "nDCG", "k": 20, "relevance": "binary"},
                    {"metric": "Log loss"},
                ]
            }
        },
        {},
        "evaluation.offline[0].relevance",
    ),
    (
        "EVA007",
        "rec",
        {
            "evaluation": {
                "online": [
                    {"metric": "Purchases", "role": "primary"},
                    {"metric": "Returns", "role": "guardrail"},
                ]
            }
        },
        {},
        "evaluation.online",
    ),
    (
        "EVA008",
        "rec",
        {"evaluation": {"online": [{"metric": "Purchases", "role": "primary", "business": True}]}},
        {},
        "evaluation.online",
    ),
    (
        "EVA009",
        "rec",
        {"evaluation": {"offline": [{"metric": "nDCG", "k": 20}]}},
        {
            "framing": {
                "ml_objective": "Predict the probability that a shown product is clicked",
                "ranking_approach": "pointwise",
                "output": "The probability of a click on each product, sorted into a list",
            }
        },
        "evaluation.offline",
    ),
    ("EVA010", "rec", {"evaluation": {"fairness": []}}, {}, "evaluation.fairness"),
    (
        "EVA011",
        "cls",
        {"evaluation": {"offline": [{"metric": "recall"}]}},
        {
            "framing": {"category": "object_detection", "output": "Boxes with a class and a score"},
            "evaluation": {"offline": [{"metric": "mAP at 0.5 IoU"}]},
        },
        "evaluation.offline",
    ),
    (
        "EVA012",
        "rec",
        {"evaluation": {"offline": [{"metric": "nDCG", "k": 20}, {"metric": "Log loss"}]}},
        {
            "serving": {"deployment": "on_device", "compression": ["quantization"]},
            "evaluation": {
                "offline": [
                    {"metric": "nDCG", "k": 20},
                    {"metric": "Log loss"},
                    {"metric": "Inference time on a mid-range phone"},
                ]
            },
        },
        "evaluation.offline",
    ),
    (
        "SRV001",
        "rec",
        {"requirements": {"performance": {"latency_budget": DROP}}},
        {},
        "requirements.performance.latency_budget",
    ),
    (
        "SRV002",
        "rec",
        {"serving": {"stages": [STAGES[0], {**STAGES[1], "latency": "180ms"}, STAGES[2]]}},
        {},
        "serving.stages",
    ),
    ("SRV003", "rec", {"serving": {"fallbacks": []}}, {}, "serving.fallbacks"),
    (
        "SRV004",
        "rec",
        {"serving": {"stages": [{**STAGES[1], "items_in": "20M"}, STAGES[2]]}},
        {},
        "serving.stages",
    ),
    (
        "SRV005",
        "rec",
        {"serving": {"stages": [STAGES[0], {**STAGES[1], "items_in": "5k"}, STAGES[2]]}},
        {},
        "serving.stages[1].items_in",
    ),
    (
        "SRV006",
        "rec",
        {"framing": {"input": "A free-text search query"}},
        {"serving": {"prediction": "batch"}},
        "serving.prediction",
    ),
    ("SRV007", "rec", {"serving": {"index": {"pipeline": DROP}}}, {}, "serving.index"),
    (
        "SRV008",
        "rec",
        {"serving": {"compression": []}},
        {"serving": {"deployment": "on_device", "compression": ["quantization"]}},
        "serving.compression",
    ),
    ("SRV009", "rec", {"serving": {"stages": STAGES[:2]}}, {}, "serving.stages"),
    (
        "SRV010",
        "rec",
        {"serving": {"components": [{"id": "api", "kind": "api_gateway"}]}},
        {"data": {"features": [{**PRICE, "computation": "streaming", "freshness": "5min"}]}},
        "serving.components",
    ),
    (
        "TST006",
        "rec",
        {"serving": {"rollout": {"ab_test": {"notes": DROP}}}},
        {
            "title": "Food delivery restaurant ranking",
            "serving": {"rollout": {"ab_test": {"notes": "Switchback by city and hour."}}},
        },
        "serving.rollout.ab_test.unit",
    ),
    (
        "TST007",
        "rec",
        {"serving": {"rollout": {"ab_test": {"notes": DROP}}}},
        {
            "serving": {
                "rollout": {
                    "ab_test": {
                        "unit": "store",
                        "units_per_day": 1200,
                        "notes": "The ICC between stores was 0.001 in last year's tests.",
                    }
                }
            }
        },
        "serving.rollout.ab_test.units_per_day",
    ),
    (
        "TST001",
        "rec",
        {"serving": {"rollout": {"shadow": False, "ab_test": DROP}}},
        {},
        "serving.rollout",
    ),
    (
        "TST002",
        "rec",
        {"serving": {"rollout": {"ab_test": {"unit": DROP}}}},
        {},
        "serving.rollout.ab_test",
    ),
    (
        "TST003",
        "rec",
        {"serving": {"rollout": {"ab_test": {"mde": "0.5%", "traffic": "1%"}}}},
        {},
        "serving.rollout.ab_test.mde",
    ),
    ("TST004", "rec", {"serving": {"rollout": {"rollback": DROP}}}, {}, "serving.rollout.rollback"),
    (
        "TST005",
        "rec",
        {"serving": {"rollout": {"shadow_cost": DROP}}},
        {"requirements": {"scale": {"users": "2B", "dau": "500M"}}},
        "serving.rollout.shadow",
    ),
    ("CAP001", "rec", {"serving": {"capacity": {"servers": 2}}}, {}, "serving.capacity.servers"),
    (
        "CAP002",
        "rec",
        {
            "serving": {
                "index": {"type": "flat", "dims": 1024, "items": "100M"},
                "capacity": {"host_memory": "16GB"},
            }
        },
        {},
        "serving.index",
    ),
    (
        "CAP003",
        "rec",
        {"serving": {"precompute": {"entities": "50M", "candidates_per_entity": "1M"}}},
        {"serving": {"precompute": {"entities": "1M", "candidates_per_entity": "100"}}},
        "serving.precompute",
    ),
    (
        "CAP005",
        "rec",
        {"serving": {"precompute": {"entities": "10M", "candidates_per_entity": "10k"}}},
        {"serving": {"precompute": {"entities": "1M", "candidates_per_entity": "100"}}},
        "serving.precompute",
    ),
    (
        "CAP006",
        "rec",
        {"serving": {"stages": [{"id": "rank", "kind": "ranking", "items_in": "20M"}]}},
        {},
        "serving.stages[0].items_in",
    ),
    ("REC001", "rec", {"talking_points": talks_without("cold_start")}, {}, "talking_points"),
    ("REC003", "rec", {"talking_points": talks_without("exploration")}, {}, "talking_points"),
    ("REC004", "rec", {"talking_points": talks_without("diversity")}, {}, "talking_points"),
    (
        "MON001",
        "rec",
        {
            "monitoring": {
                "ml": ["model version", "daily nDCG on delayed labels", "training/serving skew"]
            }
        },
        {},
        "monitoring.ml",
    ),
    ("MON002", "rec", {"monitoring": {"operational": []}}, {}, "monitoring.operational"),
    (
        "MON003",
        "rec",
        {"model": {"training": {"retraining": DROP}}},
        {},
        "model.training.retraining",
    ),
    ("MON004", "rec", {"monitoring": {"alerts": []}}, {}, "monitoring.alerts"),
    (
        "MON005",
        "rec",
        {
            "monitoring": {
                "ml": ["feature drift", "daily nDCG on delayed labels", "training/serving skew"]
            }
        },
        {},
        "monitoring.ml",
    ),
    (
        "MON006",
        "rec",
        {"monitoring": {"ml": ["feature drift", "model version", "training/serving skew"]}},
        {},
        "monitoring.ml",
    ),
]


def test_every_rule_has_a_case() -> None:
    # test_work*, test_genai_rules, test_review_uplift_anomaly, test_review_forecasting
    own_tests = {i for i in RULE_IDS if i[:3] in ("WRK", "GEN", "UPL", "ANO", "FCT")}
    assert sorted(case[0] for case in CASES) == sorted(set(RULE_IDS) - own_tests)


@pytest.mark.parametrize("base", sorted(BASES))
def test_bases_pass_every_rule(tmp_path: Path, base: str) -> None:
    result = run(tmp_path, BASES[base])
    assert result.findings == []


@pytest.mark.parametrize(
    ("rule", "base", "trigger", "passing", "field"), CASES, ids=[case[0] for case in CASES]
)
def test_rule_fires_and_passes(
    tmp_path: Path,
    rule: str,
    base: str,
    trigger: dict[str, Any],
    passing: dict[str, Any],
    field: str | None,
) -> None:
    good = run(tmp_path, spec_of(base, passing), "good.yaml")
    assert status(good, rule) == "pass", [f.message for f in good.findings if f.rule == rule]
    bad = run(tmp_path, spec_of(base, passing, trigger), "bad.yaml")
    # A rule that shares its root cause with another is reported in that finding's `also`.
    hits = [f for f in bad.findings if rule in (f.rule, *f.also)]
    assert hits, f"{rule} did not fire"
    assert status(bad, rule) == "fail"
    if field:
        assert hits[0].path == field
    assert all(f.line >= 1 and f.col >= 1 and f.message for f in hits)


def test_catalogue_is_by_step_with_unique_ids_and_known_thresholds() -> None:
    assert len(set(RULE_IDS)) == len(RULE_IDS) == len(CATALOGUE)
    assert [rule.step for rule in CATALOGUE] == sorted(rule.step for rule in CATALOGUE)
    assert set(DEFAULT_THRESHOLDS) <= set(THRESHOLDS)
    assert all(DEFAULT_THRESHOLDS[n] == THRESHOLDS[n] for n in DEFAULT_THRESHOLDS)
    assert len(CATALOGUE) >= 60
    for rule in CATALOGUE:
        assert rule.title and rule.why and rule.source, rule.id
        assert 1 <= rule.step <= 7


def test_finding_points_at_the_field_line(write_spec) -> None:  # type: ignore[no-untyped-def]
    path = write_spec(
        "designdoc: 1\n"
        "title: Feed\n"
        "framing:\n"
        "  category: recommendation\n"
        "data:\n"
        "  split:\n"
        "    strategy: random\n"
        "model:\n"
        "  candidates: []\n"
    )
    result = review(load_spec(path))
    split = next(f for f in result.findings if f.rule == "DAT002")
    assert (split.line, split.col, split.path) == (7, 5, "data.split.strategy")
    baseline = next(f for f in result.findings if f.rule == "MOD001")
    assert (baseline.line, baseline.col) == (8, 1)  # the section the field belongs in
    assert baseline.location == f"{path}:8:1"


def test_missing_section_points_at_the_top(write_spec) -> None:  # type: ignore[no-untyped-def]
    result = review(load_spec(write_spec("designdoc: 1\ntitle: Bare\n")))
    first = next(f for f in result.findings if f.rule == "REQ001")
    assert (first.line, first.col) == (1, 1)


def test_review_settings_disable_severity_thresholds_notes(tmp_path: Path) -> None:
    settings = {
        "review": {
            "disable": ["dat002"],
            "severity": {"MOD001": "info"},
            "thresholds": {"imbalance_positive_rate": 0.001},
            "notes": {"MOD001": "The old system is the baseline."},
        }
    }
    patch = {"data": {"split": {"strategy": "random"}}, "model": {"baseline": DROP}}
    result = run(tmp_path, spec_of("rec", patch, settings))
    assert status(result, "DAT002") == "disabled"
    assert not [f for f in result.findings if f.rule == "DAT002"]
    baseline = next(f for f in result.findings if f.rule == "MOD001")
    assert baseline.severity == "info"
    assert baseline.note == "The old system is the baseline."
    assert result.thresholds["imbalance_positive_rate"] == 0.001
    cls = run(
        tmp_path,
        spec_of(
            "cls",
            {
                "data": {"class_balance": {"handling": DROP}},
                "model": {"training": {"loss": "cross-entropy"}},
                "review": {"thresholds": {"imbalance_positive_rate": 0.001}},
            },
        ),
    )
    assert status(cls, "DAT004") == "pass"  # 0.5% is no longer "imbalanced" under 0.1%


def test_unknown_rule_id_is_a_validation_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        run(tmp_path, spec_of("rec", {"review": {"disable": ["MOD01"]}}))
    assert "did you mean" in str(caught.value).lower()
    assert "MOD001" in str(caught.value)


def test_cold_start_is_an_error_for_short_lived_items(tmp_path: Path) -> None:
    patch = {
        "talking_points": talks_without("cold_start"),
        "summary": "Deals that expire within a day.",
    }
    finding = next(f for f in run(tmp_path, spec_of("rec", patch)).findings if f.rule == "REC001")
    assert finding.severity == "error"
    plain = run(tmp_path, spec_of("rec", {"talking_points": talks_without("cold_start")}))
    assert next(f for f in plain.findings if f.rule == "REC001").severity == "warning"


def test_no_retraining_is_an_error_under_continual_learning(tmp_path: Path) -> None:
    patch = {"model": {"training": {"retraining": DROP}}, "framing": {"continual_learning": True}}
    finding = next(f for f in run(tmp_path, spec_of("rec", patch)).findings if f.rule == "MON003")
    assert finding.severity == "error"
    override = {"review": {"severity": {"MON003": "warning"}}}
    again = run(tmp_path, spec_of("rec", patch, override))
    assert next(f for f in again.findings if f.rule == "MON003").severity == "warning"


def test_coverage_weighs_info_rules_half(tmp_path: Path) -> None:
    # REQ004 (info) fails; REQ001-003 and CAP004 pass: 1 + 1 + 1 + 0.5 out of 4.
    result = run(tmp_path, spec_of("rec", {"requirements": {"out_of_scope": []}}))
    step1 = result.coverage[0]
    assert (step1.passed, step1.total) == (3.5, 4.0)
    assert step1.percent == 88
    assert "requirements.out_of_scope" in step1.empty_fields
    assert [c.step for c in result.coverage] == [1, 2, 3, 4, 5, 6, 7]


def test_findings_are_grouped_by_step_most_severe_first(tmp_path: Path) -> None:
    patch = {
        "requirements": {"out_of_scope": [], "business_objective": DROP},
        "model": {"baseline": DROP},
    }
    result = run(tmp_path, spec_of("rec", patch))
    groups = result.by_step()
    assert [step for step, _, _ in groups] == sorted(step for step, _, _ in groups)
    first = groups[0][2]
    assert [f.rule for f in first][:2] == ["REQ001", "REQ004"]


def test_bare_spec_never_crashes(write_spec) -> None:  # type: ignore[no-untyped-def]
    result = review(load_spec(write_spec("designdoc: 1\ntitle: Bare\n")))
    assert result.errors > 0
    assert all(c.percent is None or 0 <= c.percent <= 100 for c in result.coverage)


def test_weighted_heads_satisfy_rec005_and_unweighted_ones_trigger_it(tmp_path: Path) -> None:
    weighted = {
        "framing": {
            "heads": [
                {"name": "P(like)", "loss": "binary cross-entropy", "weight": 5},
                {"name": "P(hide)", "loss": "binary cross-entropy", "weight": -30},
            ]
        }
    }
    good = run(tmp_path, spec_of("rec", weighted), "good.yaml")
    assert status(good, "REC005") == "pass"
    unweighted = {"framing": {"heads": [{"name": "P(like)", "weight": 5}, {"name": "P(hide)"}]}}
    bad = run(tmp_path, spec_of("rec", unweighted, {"serving": {"notes": "weights set"}}), "b.yaml")
    hits = [f for f in bad.findings if f.rule == "REC005"]
    assert [f.path for f in hits] == ["framing.heads"]
    assert "P(hide)" in hits[0].message and "P(like)" not in hits[0].message
