"""Estimates against hand-computed values, unit handling, edge cases, and the review partials."""

from __future__ import annotations

import math
from pathlib import Path

import jinja2
import pytest

from designdoc import load_spec
from designdoc.review import review
from designdoc.review.estimates.compute import compute_estimates
from designdoc.review.result import Review
from designdoc.spec import numbers as fmt

ROOT = Path(__file__).resolve().parent.parent

FULL = """\
designdoc: 1
title: Estimates
requirements:
  scale:
    dau: 100M
    requests_per_user_per_day: 80
    new_items_per_day: 1M
    bytes_per_item: 1.5TB
    retention: 10d
    replication: 3
    response_bytes: 20KB
    items: 10B
  performance: {latency_budget: 200ms, availability: 99.9}
serving:
  stages:
    - {id: a, kind: candidate_generation, items_in: 10B, items_out: 1k, latency: 40ms,
       parallel_with: [b]}
    - {id: b, kind: candidate_generation, items_in: 1M, items_out: 500, latency: 25ms}
    - {id: r, kind: ranking, items_in: 1.5k, items_out: 50, latency: 100ms}
  index: {dims: 256, type: ivfpq, code_bytes: 64}
  capacity: {per_server_qps: 500, servers: 400, host_memory: 256GB}
  rollout:
    ab_test: {unit: user, primary_metric: watch rate, baseline_rate: 5%, mde: 1%, traffic: 10%}
"""


def estimates(write_spec, text: str) -> Review:  # type: ignore[no-untyped-def]
    return review(load_spec(write_spec(text)))


def value(result: Review, key: str) -> float | None:
    found = result.estimate(key)
    assert found is not None, key
    return found.value


def test_traffic_estimates_by_hand(write_spec) -> None:  # type: ignore[no-untyped-def]
    r = estimates(write_spec, FULL)
    avg = 100e6 * 80 / 86_400  # 92,592.6
    assert value(r, "average_qps") == pytest.approx(avg)
    assert r.estimate("average_qps").display == "93K QPS"  # type: ignore[union-attr]
    assert value(r, "peak_qps") == pytest.approx(2 * avg)  # default peak factor 2
    peak = r.estimate("peak_qps")
    assert peak is not None and any(i.field == "default" for i in peak.inputs)
    assert value(r, "requests_per_month") == pytest.approx(avg * 2_592_000)
    assert value(r, "write_rate") == pytest.approx(1e6 / 86_400)
    assert value(r, "storage_per_day") == pytest.approx(1e6 * 1.5e12)
    assert value(r, "storage_total") == pytest.approx(1e6 * 1.5e12 * 10 * 3)
    assert value(r, "egress") == pytest.approx(2 * avg * 20e3)
    # Little's law on the latency the online path uses (40 ms || 25 ms, then 100 ms), not the
    # 200 ms budget.
    assert value(r, "concurrency") == pytest.approx(2 * avg * 0.14)
    assert value(r, "servers_needed") == math.ceil(2 * avg / 500)  # 371
    assert r.estimate("servers_needed").comparison == "400 provisioned (enough)"  # type: ignore[union-attr]
    assert value(r, "items_scored.r") == pytest.approx(2 * avg * 1500)


def test_inputs_name_their_spec_fields(write_spec) -> None:  # type: ignore[no-untyped-def]
    avg = estimates(write_spec, FULL).estimate("average_qps")
    assert avg is not None
    assert [(i.name, i.text, i.field) for i in avg.inputs] == [
        ("dau", "100M", "requirements.scale.dau"),
        ("requests/user/day", "80", "requirements.scale.requests_per_user_per_day"),
    ]


def test_latency_counts_parallel_stages_by_their_max(write_spec) -> None:  # type: ignore[no-untyped-def]
    r = estimates(write_spec, FULL)
    assert value(r, "latency_used") == pytest.approx(0.040 + 0.100)
    assert r.latency is not None and not r.latency.over
    assert [row.parallel for row in r.latency.rows] == [True, False]


def test_index_and_ab_estimates_by_hand(write_spec) -> None:  # type: ignore[no-untyped-def]
    r = estimates(write_spec, FULL)
    assert value(r, "index_flat_memory") == pytest.approx(10e9 * 256 * 4)  # float32 assumed
    assert value(r, "index_pq_memory") == pytest.approx(10e9 * (64 + 8))
    assert value(r, "index_shards") == math.ceil(10e9 * 72 / (256e9 * 0.7))  # 5
    n = 16 * 0.05 * 0.95 / (0.05 * 0.01) ** 2  # 3.04M per arm
    assert value(r, "ab_sample_size") == pytest.approx(n)
    assert r.estimate("ab_sample_size").display == "3M users per arm"  # type: ignore[union-attr]
    # The sample alone takes 0.6 days; a test is never read before a 7-day novelty window.
    assert 2 * math.ceil(n) / (100e6 * 0.1) == pytest.approx(0.608)
    duration = r.estimate("ab_duration")
    assert duration is not None and duration.value == pytest.approx(7)
    assert duration.comparison == "the sample needs 1 day; novelty effects fade over 7 days"
    assert value(r, "downtime_per_year") == pytest.approx(0.001 * 365 * 86_400)


def test_given_qps_is_used_directly(write_spec) -> None:  # type: ignore[no-untyped-def]
    r = estimates(
        write_spec, "designdoc: 1\ntitle: Q\nrequirements:\n  scale: {qps: 12k, peak_factor: 3}\n"
    )
    assert value(r, "average_qps") == 12_000
    assert value(r, "peak_qps") == 36_000


def test_hnsw_links_add_to_the_vectors(write_spec) -> None:  # type: ignore[no-untyped-def]
    text = (
        "designdoc: 1\ntitle: H\nserving:\n  index: {items: 1M, dims: 100, bytes_per_dim: 2,"
        " type: hnsw}\n  capacity: {host_memory: 1GB}\n"
    )
    r = estimates(write_spec, text)
    assert value(r, "index_hnsw_links") == pytest.approx(1e6 * 32 * 4)
    total = 1e6 * 100 * 2 + 1e6 * 32 * 4
    assert value(r, "index_shards") == math.ceil(total / (1e9 * 0.7))


def test_missing_inputs_skip_and_name_the_field(write_spec) -> None:  # type: ignore[no-untyped-def]
    r = estimates(write_spec, "designdoc: 1\ntitle: Bare\n")
    assert r.computed == []
    avg = r.estimate("average_qps")
    assert avg is not None and avg.value is None
    assert "requirements.scale.dau" in avg.missing
    peak = r.estimate("peak_qps")
    assert peak is not None and "requirements.scale.dau" in peak.enable_hint
    assert all(e.enable_hint for e in r.skipped)


@pytest.mark.parametrize(
    "scale",
    [
        "{dau: 0, requests_per_user_per_day: 0}",
        "{dau: 9e29, requests_per_user_per_day: 9e29, items: 9e29, new_items_per_day: 9e29,"
        " bytes_per_item: 9e29, retention: 1e9y}",  # the largest quantities a spec may give
    ],
)
def test_zero_and_absurd_inputs_never_give_inf_or_nan(write_spec, scale: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"designdoc: 1\ntitle: Edge\nrequirements:\n  scale: {scale}\n"
        "  performance: {latency_budget: 0ms, availability: 100}\n"
        "serving:\n  capacity: {per_server_qps: 1e-300, servers: 1, host_memory: 0B}\n"
        "  index: {dims: 100000}\n"
        "  rollout:\n    ab_test: {baseline_rate: 0, mde: 0%, traffic: 0}\n"
    )
    r = estimates(write_spec, text)
    for e in r.estimates:
        if e.value is not None:
            assert math.isfinite(e.value), e.key
        for shown in (e.display, e.comparison):
            assert "inf" not in shown and "nan" not in shown, e.key
    assert r.estimate("ab_sample_size").value is None  # type: ignore[union-attr]


def test_a_baseline_rate_of_one_is_skipped(write_spec) -> None:  # type: ignore[no-untyped-def]
    text = (
        "designdoc: 1\ntitle: AB\nserving:\n  rollout:\n"
        "    ab_test: {baseline_rate: 100%, mde: 1%}\n"
    )
    sample = estimates(write_spec, text).estimate("ab_sample_size")
    assert sample is not None and sample.value is None and "between 0 and 1" in sample.reason


def test_compute_estimates_without_a_file() -> None:
    from designdoc.spec.models.root import Spec

    spec = Spec.model_validate(
        {
            "designdoc": 1,
            "title": "t",
            "requirements": {"scale": {"dau": "1M", "requests_per_user_per_day": 86.4}},
        }
    )
    first = compute_estimates(spec)[0]
    assert first.value == pytest.approx(1000)


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (92_592.6, "93K"),
        (6.4e6, "6.4M"),
        (7.8e6, "7.8M"),
        (999_999, "1M"),
        (512, "512"),
        (0, "0"),
        (0.043, "0.043"),
        (2e9, "2B"),
        (float("inf"), "n/a"),
        (float("nan"), "n/a"),
        (None, "n/a"),
        (3e40, "3.0e+40"),
    ],
)
def test_count_format(number: float | None, text: str) -> None:
    assert fmt.count(number) == text


def test_size_duration_day_formats() -> None:
    assert fmt.size(6.4e12) == "6.4 TB"
    assert fmt.size(512) == "512 B"
    assert fmt.size(1.5e30) == "1.5e+30 B"
    assert fmt.size(float("inf")) == "n/a"
    assert fmt.duration(0.2) == "200 ms"
    assert fmt.duration(45) == "45 s"
    assert fmt.duration(12 * 86_400) == "12 days"
    assert fmt.duration(0) == "0 ms"
    assert fmt.days(11.2) == "12 days"
    assert fmt.days(0.3) == "1 day"
    assert fmt.percent(0.25) == "25%"


# ---- the review partials render standalone, autoescaped and strict --------------------------

PARTIALS = ("estimates", "latency_budget", "review_appendix")


def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROOT / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


@pytest.mark.parametrize("name", PARTIALS)
def test_partials_render_standalone(write_spec, name: str) -> None:  # type: ignore[no-untyped-def]
    over = FULL.replace("latency: 100ms", "latency: 190ms").replace(
        "title: Estimates", "title: Estimates\nframing: {category: recommendation}"
    )
    loaded = load_spec(write_spec(over))
    result = review(loaded)
    template = environment().get_template(f"document/{name}.html.j2")
    html = template.render(spec=loaded.spec, review=result, show_review=True)
    assert html.strip()
    if name == "latency_budget":
        assert "Over budget by 30 ms" in html
    if name == "review_appendix":
        assert '<section class="chapter appendix" id="review">' in html
        assert "<thead>" in html and "SRV002" in html
    if name == "estimates":
        assert "93K QPS" in html and "requirements.scale.dau" in html
        assert html.count("requirements.scale.dau") == 1  # in the sources line, not per row
        assert "<b>" not in html and "requests/user/day</span> = 80" in html
        bare = load_spec(write_spec("designdoc: 1\ntitle: Bare\n", "bare.yaml"))
        skipped = template.render(spec=bare.spec, review=review(bare), show_review=True)
        assert "Not estimated" in skipped and "requirements.scale.dau" in skipped
    assert template.render(spec=loaded.spec, review=None, show_review=False).strip() == ""


def test_appendix_hidden_without_show_review(write_spec) -> None:  # type: ignore[no-untyped-def]
    loaded = load_spec(write_spec("designdoc: 1\ntitle: T\n"))
    html = (
        environment()
        .get_template("document/review_appendix.html.j2")
        .render(spec=loaded.spec, review=review(loaded), show_review=False)
    )
    assert html.strip() == ""


def test_partials_escape_user_text(write_spec) -> None:  # type: ignore[no-untyped-def]
    text = (
        "designdoc: 1\ntitle: T\nrequirements: {performance: {latency_budget: 10ms}}\n"
        "serving:\n  stages:\n    - {id: s, name: '<b>x</b>', latency: 20ms}\n"
    )
    loaded = load_spec(write_spec(text))
    result = review(loaded)
    for name in PARTIALS:
        html = (
            environment()
            .get_template(f"document/{name}.html.j2")
            .render(spec=loaded.spec, review=result, show_review=True)
        )
        assert "<b>x</b>" not in html


# ---- stages that do not score every item, batch stages, units per day, precompute -----------


def test_items_scored_leaves_out_index_lookups_and_batch_stages(write_spec) -> None:  # type: ignore[no-untyped-def]
    r = estimates(write_spec, FULL)
    peak = 2 * 100e6 * 80 / 86_400
    for key in ("items_scored.a", "items_scored.b"):
        skipped = r.estimate(key)
        assert skipped is not None and skipped.value is None
        assert "ivfpq index" in skipped.reason and not skipped.missing
    assert value(r, "items_scored.r") == pytest.approx(peak * 1500)  # 185,185,185
    # No index: an ANN in the stage's model is enough; a batch stage is left out either way.
    text = FULL.replace("  index: {dims: 256, type: ivfpq, code_bytes: 64}\n", "").replace(
        "{id: b, kind: candidate_generation,", "{id: b, kind: candidate_generation, model: exact,"
    )
    text = text.replace(
        "{id: a, kind: candidate_generation,", "{id: a, kind: retrieval, model: ANN,"
    )
    text = text.replace("{id: r, kind: ranking,", "{id: r, kind: ranking, mode: batch,")
    r = estimates(write_spec, text)
    assert "index lookup" in r.estimate("items_scored.a").reason  # type: ignore[union-attr]
    assert value(r, "items_scored.b") == pytest.approx(peak * 1e6)  # exact: scores all 1M
    # A batch stage is out of the per-second figures; it scores per day instead, for the
    # entities its job precomputes (without them, the estimate asks for them).
    assert r.estimate("items_scored.r") is None
    batch = r.estimate("items_scored_per_day.r")
    assert batch is not None and batch.missing == ("serving.precompute.entities",)
    with_entities = estimates(write_spec, text + "  precompute: {entities: 20M}\n")
    per_day = with_entities.estimate("items_scored_per_day.r")
    assert per_day is not None and per_day.value == pytest.approx(20e6 * 1500)
    assert per_day.formula == "entities × items in per entity × runs/day"
    assert per_day.comparison == "30B per run, one run a day"


def test_batch_stages_stay_out_of_the_latency_sum(write_spec) -> None:  # type: ignore[no-untyped-def]
    text = FULL.replace("{id: r, kind: ranking,", "{id: r, kind: ranking, mode: batch,")
    r = estimates(write_spec, text)
    assert value(r, "latency_used") == pytest.approx(0.040)  # max(40, 25) ms; 100 ms is offline
    assert r.latency is not None
    assert [row.offline for row in r.latency.rows] == [False, True]
    assert [row.names for row in r.latency.offline_rows] == [("r",)]
    used = r.estimate("latency_used")
    assert used is not None and "batch stages not counted" in used.formula
    assert [(i.name, i.text) for i in used.inputs] == [("a", "40 ms (slowest of 2 in parallel)")]
    only_batch = FULL.replace(" latency: 40ms,", "").replace(", latency: 25ms", "")
    r = estimates(write_spec, only_batch.replace("{id: r, kind: ranking,", "{id: r, mode: batch,"))
    assert value(r, "latency_used") is None  # no online stage gives a latency


def test_ab_duration_uses_units_per_day(write_spec) -> None:  # type: ignore[no-untyped-def]
    text = FULL.replace(
        "{unit: user, primary_metric: watch rate,",
        "{unit: author, units_per_day: 2M, primary_metric: watch rate,",
    )
    r = estimates(write_spec, text)
    # 16 p (1 - p) / (p × mde)² with p = 5%, mde = 1% relative: 3,040,000 authors per arm
    assert value(r, "ab_sample_size") == pytest.approx(3_040_000)
    assert value(r, "ab_duration") == pytest.approx(2 * 3_040_000 / (2e6 * 0.1))  # 30.4 days
    duration = r.estimate("ab_duration")
    assert duration is not None and duration.display == "31 days"
    assert duration.formula == (
        "max(2 × sample size / (authors/day × traffic), label delay + novelty window)"
    )
    assert [i.field for i in duration.inputs][1] == "serving.rollout.ab_test.units_per_day"


def test_precompute_results_against_the_cap003_threshold(write_spec) -> None:  # type: ignore[no-untyped-def]
    assert estimates(write_spec, FULL).estimate("precompute_results") is None
    text = FULL + "  precompute: {entities: 300M, candidates_per_entity: 100}\n"
    r = estimates(write_spec, text)
    assert value(r, "precompute_results") == pytest.approx(3e10)
    found = r.estimate("precompute_results")
    assert found is not None and found.display == "30B results"
    assert found.comparison == (
        "≈ 240 GB as 8-byte ids; within the 1T limit (CAP003); "
        "fits the 72 TB usable on the servers provisioned"  # 400 × 256 GB × 0.7
    )
    tight = text + "review: {thresholds: {batch_precompute_max: 1e10}}\n"
    found = estimates(write_spec, tight).estimate("precompute_results")
    assert found is not None and "over the 10B limit" in found.comparison
    partial = FULL + "  precompute: {entities: 300M}\n"
    found = estimates(write_spec, partial).estimate("precompute_results")
    assert found is not None and found.missing == ("serving.precompute.candidates_per_entity",)


def test_input_sources_and_skipped_groups(write_spec) -> None:  # type: ignore[no-untyped-def]
    r = estimates(write_spec, FULL)
    sources = r.input_sources
    assert sources[:2] == [
        ("dau", "requirements.scale.dau"),
        ("requests/user/day", "requirements.scale.requests_per_user_per_day"),
    ]
    assert ("items in", "serving.stages[].items_in") in sources
    assert ("stage latencies", "serving.stages[].latency") in sources
    assert len(sources) == len(set(sources))
    assert ("items", "requirements.scale.items") in sources  # the index gives no item count
    groups = [g for g in r.skipped_groups if g[0].startswith("items scored")]
    assert len(groups) == 1 and groups[0][0] == "items scored per second: a, b"


def test_latency_partial_shows_batch_stages_as_offline_rows(write_spec) -> None:  # type: ignore[no-untyped-def]
    text = FULL.replace("{id: r, kind: ranking,", "{id: r, kind: ranking, mode: batch,")
    loaded = load_spec(write_spec(text))
    html = (
        environment()
        .get_template("document/latency_budget.html.j2")
        .render(spec=loaded.spec, review=review(loaded), show_review=True)
    )
    assert html.count('class="lb-offline"') == 1 and "not counted" in html
    assert "Within the budget" in html and "40 ms" in html


def test_ab_duration_waits_for_the_labels(write_spec) -> None:  # type: ignore[no-untyped-def]
    text = FULL + "framing:\n  labels: {delay: 30d}\n"
    r = estimates(write_spec, text)
    duration = r.estimate("ab_duration")
    assert duration is not None and duration.value == pytest.approx(37)  # 30d + 7d novelty
    assert "labels arrive after 30 days" in duration.comparison
    assert "framing.labels.delay" in [i.field for i in duration.inputs]
    hit = next(f for f in r.findings if f.rule == "TST003")
    assert "labels arrive after 30 days" in hit.message and "proxy metric" in hit.message
    shorter = estimates(write_spec, FULL + "framing:\n  labels: {delay: 7d}\n")
    assert value(shorter, "ab_duration") == pytest.approx(14)
    assert not [f for f in shorter.findings if f.rule == "TST003"]


def test_no_index_no_index_estimates(write_spec) -> None:  # type: ignore[no-untyped-def]
    bare = FULL.replace("  index: {dims: 256, type: ivfpq, code_bytes: 64}\n", "")
    keys = [e.key for e in estimates(write_spec, bare).estimates]
    assert not [k for k in keys if k.startswith("index_")]
    text_index = FULL.replace("{dims: 256, type: ivfpq, code_bytes: 64}", "{type: inverted}")
    keys = [e.key for e in estimates(write_spec, text_index).estimates]
    assert not [k for k in keys if k.startswith("index_")]  # an inverted index holds no vectors


def test_lookups_and_non_scoring_stages_score_no_items(write_spec) -> None:  # type: ignore[no-untyped-def]
    text = (
        "designdoc: 1\ntitle: Autocomplete\n"
        "requirements:\n  scale: {dau: 80M, requests_per_user_per_day: 30, peak_factor: 3}\n"
        "serving:\n  stages:\n"
        "    - {id: trie, kind: retrieval, model: prefix trie, items_in: 200M, items_out: 50}\n"
        "    - {id: rank, kind: ranking, items_in: 50, items_out: 10}\n"
        "    - {id: rules, kind: business_logic, items_in: 10, items_out: 10}\n"
    )
    r = estimates(write_spec, text)
    trie = r.estimate("items_scored.trie")
    assert trie is not None and trie.value is None and "lookup" in trie.reason
    rules = r.estimate("items_scored.rules")
    assert rules is not None and rules.value is None and "does not score" in rules.reason
    assert value(r, "items_scored.rank") == pytest.approx(80e6 * 30 / 86_400 * 3 * 50)
    assert not [f for f in r.findings if f.rule == "CAP006"]
    # The same catalogue scored item by item is beyond any fleet, and the finding says why.
    scored = estimates(write_spec, text.replace("model: prefix trie, ", ""))
    hit = next(f for f in scored.findings if f.rule == "CAP006")
    assert hit.path == "serving.stages[0].items_in"
    assert "dau 80M" in hit.message and "items in 200M" in hit.message


def test_a_city_unit_gets_no_duration_but_the_cluster_formula(write_spec) -> None:  # type: ignore[no-untyped-def]
    # Forty cities read as forty units a day gave 2 × 3,040,000 / (40 × 0.1) = 1.5M days.
    text = FULL.replace(
        "{unit: user, primary_metric: watch rate,",
        "{unit: city, units_per_day: 40, primary_metric: watch rate,",
    )
    r = estimates(write_spec, text)
    sample = r.estimate("ab_sample_size")
    assert sample is not None and sample.display == "3M users per arm"
    assert "if users were randomised" in sample.comparison
    duration = r.estimate("ab_duration")
    assert duration is not None and duration.value is None
    # 40 cities × 10% of traffic / 2 arms = 2 per arm; 2 / 3.04M = 6.6e-07.
    assert "the same 40 cities are in the test every day" in duration.reason
    assert "k = n × (1 + (m − 1) × ICC) / m cities per arm" in duration.reason
    assert "switchback" in duration.reason
    assert "With 2 cities per arm" in duration.reason and "= 6.6e-07" in duration.reason
    assert "TST003" not in {f.rule for f in r.findings}  # nothing to compare with 28 days
    # Without the number of cities the reason asks for it.
    bare = estimates(write_spec, text.replace("units_per_day: 40, ", "")).estimate("ab_duration")
    assert bare is not None and bare.value is None
    assert "set serving.rollout.ab_test.units_per_day to the cities in the test" in bare.reason
    # A market is a place too; an author is not.
    market = estimates(write_spec, text.replace("unit: city", "unit: market"))
    assert value(market, "ab_duration") is None
    author = estimates(write_spec, text.replace("unit: city", "unit: author"))
    assert value(author, "ab_duration") == pytest.approx(2 * 3_040_000 / (40 * 0.1))


def test_a_store_is_a_fixed_set_of_units_and_a_shopper_is_not(write_spec) -> None:  # type: ignore[no-untyped-def]
    # A chain of 1,200 stores read as 1,200 new units a day gave a 128-day test of 38K stores.
    text = FULL.replace(
        "{unit: user, primary_metric: watch rate,",
        "{unit: store, units_per_day: 1200, primary_metric: watch rate,",
    )
    duration = estimates(write_spec, text).estimate("ab_duration")
    assert duration is not None and duration.value is None
    assert "the same 1200 stores are in the test every day" in duration.reason
    shoppers = estimates(write_spec, text.replace("unit: store", "unit: shopper"))
    assert value(shoppers, "ab_duration") is not None
