"""Every GenAI review rule: a spec that fires it and one that passes (the corpus of GEN rules)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from designdoc import load_spec
from designdoc.review import review
from designdoc.review.result import Review
from designdoc.review.rules.catalogue import CATALOGUE, RULE_IDS

RAG_BASE = """
designdoc: 1
title: HR policy assistant
summary: Answers employees' HR policy and benefits questions from the policy library.
requirements:
  business_objective: Fewer HR tickets, answered correctly.
  scale: {dau: 200k, requests_per_user_per_day: 2, peak_factor: 3}
  performance: {latency_budget: 6s}
framing:
  category: text_generation
data:
  sources:
    - {id: tickets, kind: document, contains_pii: true}
genai:
  approach:
    kind: rag
    fine_tuning: lora
    why: The policies change weekly; retrieval keeps answers current without retraining.
  model: {preset: llama-3.1-8b, precision: bf16}
  tokens: {system: 400, history: 800, user: 100, output: 250, output_p95: 600}
  decoding: {method: top_p, temperature: 0.2, top_p: 0.9, max_output_tokens: 800,
             streaming: true}
  hardware: {gpu: H100 80GB, gpu_memory: 80GB, bandwidth: 3.35TB, peak_flops: 989T,
             tokens_per_second: 2500, gpus: 16, hourly_price: 2.5}
  api: {provider: a hosted model for overflow, input_price: 3, output_price: 15,
        data_terms: Zero retention; no training on our data.}
  latency: {ttft: 800ms, tpot: 20ms}
  caches: [{kind: semantic, hit_rate: 15%}]
  routing: Overflow beyond the GPUs' capacity goes to the hosted model.
  retrieval:
    documents: 200k
    tokens_per_document: 3000
    chunk_size: 512
    chunk_overlap: 64
    top_k: 6
    embedding_dim: 1024
    access_control: before_retrieval
    citations: Each claim cites a chunk id; a checker verifies the cited chunk entails it.
  guardrails:
    input: [moderation classifier]
    output: [toxicity filter, PII scrubber]
    pii_redaction: Names and employee ids are masked before any prompt leaves the company.
    prompt_injection: Retrieved text is fenced as data and instructions in it are ignored.
    escalation: Questions about individual cases go to an HR partner.
  evaluation:
    retrieval: [hit rate@6, MRR]
    faithfulness: Share of claims entailed by the cited chunks, on 500 questions.
    judge: {model: a larger model, calibration: Checked against 300 human ratings.}
    safety: [jailbreak suite]
    contamination: Evaluation questions are written after the tuning set is frozen.
    online: [thumbs, regeneration rate]
  monitoring:
    groundedness: A judge scores 1% of answers daily.
    cost_ceiling: 500000
    versions: Each answer logs its prompt and model version.
"""

MEDIA_BASE = """
designdoc: 1
title: Product image generator
requirements:
  scale: {dau: 100k, requests_per_user_per_day: 2}
framing:
  category: media_generation
genai:
  approach: {kind: prompting, why: A base diffusion model is good enough for product shots.}
  model: {modality: image}
  diffusion: {steps: 30, step_latency: 50ms, batch: 4, images_per_request: 4}
  hardware: {gpu: L40S, gpus: 10, hourly_price: 1.2}
  guardrails: {input: [prompt moderation], output: [NSFW classifier], red_teaming: Quarterly.}
  evaluation: {quality: [FID, CLIPScore], online: [downloads per session]}
  monitoring: {cost_ceiling: 20000, versions: Each image logs its model version.}
serving:
  fallbacks: [{when: GPUs saturated, then: queue the request and notify when ready}]
"""

BASES = {"rag": yaml.safe_load(RAG_BASE), "media": yaml.safe_load(MEDIA_BASE)}
DROP = object()


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


def run(tmp_path: Path, data: dict[str, Any]) -> Review:
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return review(load_spec(path))


def status(result: Review, rule: str) -> str:
    return next(r.status for r in result.results if r.rule == rule)


def g(patch: dict[str, Any]) -> dict[str, Any]:
    return {"genai": patch}


# (rule, base, patch that makes it fire, the field its finding points at)
CASES: list[tuple[str, str, dict[str, Any], str]] = [
    ("GEN001", "rag", g({"evaluation": {"faithfulness": DROP}}), "genai.evaluation"),
    (
        "GEN002",
        "rag",
        g({"evaluation": {"judge": {"calibration": DROP}}}),
        "genai.evaluation.judge",
    ),
    ("GEN003", "rag", g({"guardrails": {"input": [], "output": []}}), "genai.guardrails"),
    (
        "GEN004",
        "rag",
        g({"guardrails": {"prompt_injection": DROP}}),
        "genai.guardrails.prompt_injection",
    ),
    (
        "GEN005",
        "rag",
        g({"guardrails": {"pii_redaction": DROP}}),
        "genai.guardrails.pii_redaction",
    ),
    ("GEN006", "rag", g({"retrieval": {"top_k": 300}}), "genai.tokens"),
    ("GEN007", "rag", g({"routing": DROP}), "serving.fallbacks"),
    ("GEN008", "rag", g({"hardware": {"hourly_price": DROP}, "api": DROP}), "genai"),
    ("GEN009", "rag", g({"monitoring": {"groundedness": DROP}}), "genai.monitoring"),
    (
        "GEN010",
        "rag",
        g({"evaluation": {"contamination": DROP}}),
        "genai.evaluation.contamination",
    ),
    (
        "GEN011",
        "rag",
        g({"decoding": {"streaming": False}, "tokens": {"output": 400}}),
        "genai.decoding.streaming",
    ),
    # 177 ms of prefill + 40 ms × 250 tokens = 10.2 s, against the 6 s budget (a TTFT target
    # holds the first token, so the budget holds the whole answer).
    ("GEN028", "rag", g({"latency": {"tpot": "40ms"}}), "genai.latency.tpot"),
    (
        "GEN012",
        "rag",
        {"requirements": {"scale": {"dau": "5M"}}, "genai": {"caches": []}},
        "genai.caches",
    ),
    ("GEN013", "rag", g({"decoding": {"temperature": DROP}}), "genai.decoding"),
    (
        "GEN014",
        "rag",
        g({"guardrails": {"escalation": DROP}}),
        "genai.guardrails.escalation",
    ),
    (
        "GEN015",
        "rag",
        g({"retrieval": {"citations": "Each claim cites a chunk id."}}),
        "genai.retrieval.citations",
    ),
    (
        "GEN016",
        "rag",
        g({"retrieval": {"access_control": "after_retrieval"}}),
        "genai.retrieval.access_control",
    ),
    ("GEN017", "rag", g({"hardware": {"gpus": 1}}), "genai.hardware.gpus"),
    ("GEN018", "rag", g({"latency": {"ttft": "50ms"}}), "genai.latency.ttft"),
    ("GEN019", "rag", g({"latency": DROP}), "genai.latency"),
    ("GEN020", "rag", g({"evaluation": {"safety": []}}), "genai.evaluation.safety"),
    ("GEN021", "rag", g({"monitoring": {"versions": DROP}}), "genai.monitoring.versions"),
    ("GEN022", "media", g({"evaluation": {"quality": ["diversity"]}}), "genai.evaluation.quality"),
    ("GEN000", "rag", {"genai": DROP}, "framing.category"),
    ("GEN023", "rag", g({"approach": {"kind": DROP}}), "genai.approach"),
    ("GEN024", "rag", g({"evaluation": {"retrieval": []}}), "genai.evaluation.retrieval"),
    (
        "GEN026",
        "rag",
        g({"monitoring": {"cost_ceiling": 1000}}),
        "genai.monitoring.cost_ceiling",
    ),
    (
        "GEN027",
        "rag",
        {"serving": {"stages": [{"id": "gen", "kind": "generation", "latency": "20ms"}]}},
        "serving.stages[0].latency",
    ),
    ("GEN025", "media", g({"evaluation": {"online": []}}), "genai.evaluation.online"),
]

GEN_RULES = [rule.id for rule in CATALOGUE if rule.id.startswith("GEN")]


def test_at_least_fifteen_rules_each_with_a_case_why_and_source() -> None:
    assert len(GEN_RULES) >= 15
    assert sorted(case[0] for case in CASES) == sorted(GEN_RULES)
    for rule in CATALOGUE:
        if rule.id in GEN_RULES:
            assert rule.why.strip() and rule.source.strip() and rule.title.strip()


@pytest.mark.parametrize("base", sorted(BASES))
def test_bases_pass_every_genai_rule(tmp_path: Path, base: str) -> None:
    result = run(tmp_path, BASES[base])
    failed = {r.rule for r in result.results if r.rule in GEN_RULES and r.status == "fail"}
    assert failed == set()


@pytest.mark.parametrize(("rule", "base", "patch", "where"), CASES, ids=[c[0] for c in CASES])
def test_rule_fires_and_passes(
    tmp_path: Path, rule: str, base: str, patch: dict[str, Any], where: str
) -> None:
    assert status(run(tmp_path, BASES[base]), rule) == "pass"
    fired = run(tmp_path, merge(BASES[base], patch))
    assert status(fired, rule) == "fail"
    findings = [f for f in fired.findings if f.rule == rule]
    assert [f.path for f in findings if f.path == where], [f.path for f in findings]


def test_genai_rules_are_not_applicable_to_a_ranking_design(tmp_path: Path) -> None:
    data = {"designdoc": 1, "title": "Feed", "framing": {"category": "recommendation"}}
    result = run(tmp_path, data)
    assert {status(result, rule) for rule in GEN_RULES} == {"n/a"}


def test_retrieval_rules_wait_for_retrieval(tmp_path: Path) -> None:
    data = merge(BASES["rag"], g({"retrieval": DROP, "approach": {"kind": "prompting"}}))
    result = run(tmp_path, data)
    for rule in ("GEN001", "GEN004", "GEN015", "GEN016", "GEN024"):
        assert status(result, rule) == "n/a", rule


def test_gen_ids_are_in_the_catalogue() -> None:
    assert set(GEN_RULES) <= set(RULE_IDS)


def test_a_streamed_answer_is_held_to_its_total_or_to_the_budget_with_a_ttft_target(
    tmp_path: Path,
) -> None:
    # 500 tokens × 20 ms + 177 ms of prefill = 10.2 s: over a 9 s total, found at the total.
    fired = run(
        tmp_path, merge(BASES["rag"], g({"latency": {"total": "9s"}, "tokens": {"output": 500}}))
    )
    (finding,) = [f for f in fired.findings if f.rule == "GEN028"]
    assert finding.path == "genai.latency.total" and "10 s to finish" in finding.message
    # Without a TTFT target the 6 s budget bounds the first token only: nothing to check.
    slow = merge(BASES["rag"], g({"latency": {"ttft": DROP, "tpot": "40ms"}}))
    assert status(run(tmp_path, slow), "GEN028") == "pass"


def test_citations_that_must_resolve_to_a_retrieved_passage_are_checked(tmp_path: Path) -> None:
    said = "Each sentence cites a passage id; answers whose citations do not resolve are dropped."
    patch = g({"retrieval": {"citations": said}})
    assert status(run(tmp_path, merge(BASES["rag"], patch)), "GEN015") == "pass"
    patch = g({"retrieval": {"citations": "Each sentence cites a passage id."}})
    assert status(run(tmp_path, merge(BASES["rag"], patch)), "GEN015") == "fail"


def test_a_passing_rule_names_the_field_that_satisfied_it(tmp_path: Path) -> None:
    result = run(tmp_path, BASES["rag"])
    passed = {r.rule: r.satisfied_by for r in result.results if r.status == "pass"}
    assert passed["GEN004"] == ("genai.guardrails.prompt_injection",)
    assert passed["GEN002"] == ("genai.evaluation.judge",)


def test_a_model_used_as_is_is_not_asked_for_a_loss_or_served_features(tmp_path: Path) -> None:
    # A RAG design on a model it neither tunes nor aligns, with no features of its own.
    untouched = merge(
        BASES["rag"],
        {
            **g({"approach": {"fine_tuning": "none"}, "monitoring": {"versions": DROP}}),
            "model": DROP,
            "monitoring": DROP,
        },
    )
    result = run(tmp_path, untouched)
    assert status(result, "MOD002") == "n/a" and status(result, "FEA006") == "n/a"
    assert status(result, "MON005") == "fail"
    versioned = merge(untouched, g({"monitoring": {"versions": "Prompt and model ids logged."}}))
    assert status(run(tmp_path, versioned), "MON005") == "pass"
    tuned = merge(untouched, g({"approach": {"fine_tuning": "lora"}}))
    assert status(run(tmp_path, tuned), "MOD002") == "fail"
