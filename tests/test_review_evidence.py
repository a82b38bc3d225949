"""Evidence from the right field, accepted findings, one finding per root cause, and
`check --explain`: the review read through the CLI and its JSON."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from designdoc import load_spec
from designdoc.cli.main import app
from designdoc.review import review
from designdoc.review.rules.context import _pattern
from designdoc.review.rules.evidence import affirms, negated

runner = CliRunner()

FEED = """\
designdoc: 1
title: Shop feed
requirements:
  business_objective: More purchases from the home feed.
  out_of_scope: [Position bias correction, Cold start for new users]
  scale: {dau: 1M, requests_per_user_per_day: 10, peak_factor: 2, items: 100k}
  performance: {latency_budget: 200ms}
framing:
  ml_objective: Predict the chance that a shown product is clicked.
  input: A user and their session.
  output: A ranked list of 20 products.
  category: recommendation
  labels: {positive: Clicked product, negative: Shown and not clicked, source: natural}
serving:
  prediction: online
  stages:
    - {id: rank, kind: ranking, items_in: 100k, items_out: 20, latency: 50ms}
monitoring:
  ml: [No drift monitoring yet, model version]
risks:
  - {risk: We do not handle cold start yet., mitigation: Later.}
"""


def test_negated_and_deferred_clauses_are_no_evidence() -> None:
    assert negated("we do not handle cold start yet")
    assert negated("drift alerts later")
    assert negated("todo: position bias")
    assert not negated("new users get the most popular items")
    pattern = _pattern("cold start")
    assert affirms("Cold start: new items get a content embedding.", pattern)
    assert not affirms("We don't handle cold start.", pattern)
    assert affirms("Position is a feature, but cold start uses popularity.", pattern)


def test_out_of_scope_risks_and_negations_never_satisfy_a_rule(write_spec) -> None:  # type: ignore[no-untyped-def]
    result = review(load_spec(write_spec(FEED)))
    fired = {f.rule for f in result.findings}
    assert {"REC001", "REC002", "MON001"} <= fired
    fixed = FEED.replace(
        "risks:\n",
        "talking_points:\n"
        "  - {topic: cold_start, notes: New users get the most popular products.}\n"
        "  - {topic: position_bias, notes: Position is a training feature set to 1 at serving.}\n"
        "risks:\n",
    ).replace("[No drift monitoring yet, model version]", "[feature drift, model version]")
    passed = review(load_spec(write_spec(fixed, "fixed.yaml")))
    assert not {"REC001", "REC002", "MON001"} & {f.rule for f in passed.findings}
    evidence = {r.rule: r.satisfied_by for r in passed.results}
    assert evidence["REC001"] == ("talking_points[0]",)
    assert evidence["MON001"] == ("monitoring.ml[0]",)


def test_a_vague_spec_does_not_reach_full_coverage_by_naming_words(write_spec) -> None:  # type: ignore[no-untyped-def]
    vague = FEED + (
        "talking_points:\n"
        "  - {topic: cold_start, notes: Not handled yet.}\n"
        "  - {topic: position_bias, notes: TODO.}\n"
    )
    result = review(load_spec(write_spec(vague)))
    assert {"REC001", "REC002"} <= {f.rule for f in result.findings}
    shares = {c.step: c.share for c in result.coverage}
    assert shares[3] is not None and shares[3] < 1  # REC002 lives in step 3
    assert shares[6] is not None and shares[6] < 1  # REC001 in step 6


def test_json_gives_what_satisfied_each_rule(write_spec) -> None:  # type: ignore[no-untyped-def]
    path = write_spec(FEED)
    doc = json.loads(runner.invoke(app, ["check", str(path), "--format", "json"]).output)
    rules = {r["rule"]: r for r in doc["specs"][0]["rules"]}
    assert rules["REQ001"]["satisfied_by"] == "requirements.business_objective"
    assert rules["REC001"]["status"] == "fail" and rules["REC001"]["satisfied_by"] is None
    assert rules["EVA011"]["status"] == "n/a"


def test_one_missing_budget_is_one_finding(write_spec) -> None:  # type: ignore[no-untyped-def]
    text = FEED.replace("  performance: {latency_budget: 200ms}\n", "")
    result = review(load_spec(write_spec(text)))
    budget = [f for f in result.findings if {"REQ003", "SRV001"} & {f.rule, *f.also}]
    assert len(budget) == 1
    assert (budget[0].rule, budget[0].also) == ("SRV001", ("REQ003",))
    statuses = {r.rule: r.status for r in result.results}
    assert statuses["REQ003"] == statuses["SRV001"] == "fail"


def test_accepted_findings_do_not_fail_strict(write_spec) -> None:  # type: ignore[no-untyped-def]
    clean = FEED.replace("[No drift monitoring yet, model version]", "[feature drift, version]")
    notes = "review:\n  notes: {REC001: Cold start is handled by the home page team., REC002: x}\n"
    path = write_spec(clean)
    before = runner.invoke(app, ["check", str(path), "--strict=warnings"])
    assert before.exit_code == 3
    warnings = {f.rule for f in review(load_spec(path)).findings if f.severity != "info"}
    accepted = "review:\n  notes:\n" + "".join(f"    {r}: Accepted for now.\n" for r in warnings)
    path = write_spec(clean + accepted, "accepted.yaml")
    after = runner.invoke(app, ["check", str(path), "--strict=warnings"])
    assert after.exit_code == 0, after.output
    assert "[accepted]" in after.output and "accepted (not counted)" in after.output
    doc = json.loads(runner.invoke(app, ["check", str(path), "--format", "json"]).output)
    summary = doc["specs"][0]["summary"]
    assert summary["warnings"] == 0 and summary["accepted"] == len(warnings)
    assert all(f["accepted"] for f in doc["specs"][0]["findings"] if f["severity"] != "info")
    del notes


def test_explain_names_the_rule_its_why_and_the_evidence(write_spec) -> None:  # type: ignore[no-untyped-def]
    path = write_spec(FEED)
    failed = runner.invoke(app, ["check", "--explain", "REC001", str(path)])
    assert failed.exit_code == 0, failed.output
    out = failed.output
    assert out.startswith("REC001 (warning, step 6 Serving)")
    assert "why:" in out and "source: ML System Design Interview" in out
    assert "REC001 fails" in out and "cold start is not addressed" in out
    passed = runner.invoke(app, ["check", "--explain", "req001", str(path)])
    assert "REQ001 passes" in passed.output
    assert "satisfied by requirements.business_objective (line 4): More purchases" in passed.output
    na = runner.invoke(app, ["check", "--explain", "EVA011", str(path)])
    assert "EVA011 does not apply" in na.output and "object_detection" in na.output
    unknown = runner.invoke(app, ["check", "--explain", "REC01", str(path)])
    assert unknown.exit_code == 2 and "did you mean" in unknown.output
