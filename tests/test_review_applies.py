"""Rules that know when they apply: the false alarms new users met outside the book."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from designdoc import load_spec
from designdoc.review import review
from designdoc.review.result import Review
from designdoc.review.rules.applies import causal_labels, engagement_labels

CHATBOT = """\
designdoc: 1
title: Support chatbot
requirements:
  business_objective: Answer customers' questions without an agent.
  scale: {dau: 100k, requests_per_user_per_day: 3}
  performance: {latency_budget: 5s}
framing:
  ml_objective: Answer from the help centre, faithfully.
  input: A question and the chat so far.
  output: A cited answer.
  category: generation
  models:
    - {name: bi-encoder, input: a question, output: a 768-d embedding of the question,
       category: retrieval}
    - {name: cross-encoder, input: question and passage, output: a relevance score,
       category: learning_to_rank}
  labels: {positive: Passages annotators marked as answering, source: human}
data:
  sources: [{id: chats, kind: log, contains_pii: true}]
serving:
  prediction: online
  stages:
    - {id: retrieve, kind: retrieval, model: HNSW lookup, items_in: 1M, items_out: 20,
       latency: 50ms}
    - {id: rerank, kind: re_ranking, items_in: 20, items_out: 5, latency: 200ms}
    - {id: generate, kind: other, items_in: 5, items_out: 10, latency: 3s}
  index: {items: 1M, dims: 768, type: hnsw}
"""


def run(write_spec: Any, text: str) -> Review:
    return review(load_spec(write_spec(text)))


def status(result: Review, rule: str) -> str:
    found = result.result(rule)
    assert found is not None
    return found.status


def test_a_chatbot_is_not_asked_for_lists_position_bias_or_a_shrinking_funnel(write_spec) -> None:  # type: ignore[no-untyped-def]
    result = run(write_spec, CHATBOT)
    assert status(result, "FRM004") == "pass"  # an embedding and a score fit their models
    assert status(result, "REC002") == "n/a"  # no ranked clicks in its labels
    assert status(result, "DAT003") == "n/a"
    assert status(result, "SRV005") == "pass"  # a generator may return more than it takes
    assert status(result, "EVA009") == "n/a"
    # A retriever that outputs a verdict is still caught, in words about that model.
    wrong = CHATBOT.replace("a 768-d embedding of the question", "yes or no")
    hit = next(f for f in run(write_spec, wrong).findings if f.rule == "FRM004")
    assert "bi-encoder" in hit.message and "retriever" in hit.message


def test_log_loss_only_for_probability_outputs(write_spec) -> None:  # type: ignore[no-untyped-def]
    ranker = CHATBOT.replace("category: generation", "category: learning_to_rank").replace(
        "output: A cited answer.", "output: A ranked list of articles by predicted clicks."
    )
    assert status(run(write_spec, ranker), "EVA009") == "n/a"
    clicks = ranker.replace(
        "output: A ranked list of articles by predicted clicks.",
        "output: The probability of a click on each article.",
    ).replace("learning_to_rank\n  models", "binary_classification\n  models")
    assert status(run(write_spec, clicks), "EVA009") == "fail"


def label_context(source: str, positive: str = "Clicked", category: str = "") -> Any:
    labels = SimpleNamespace(
        source=SimpleNamespace(value=source),
        evaluation_source=None,
        positive=positive,
        negative=None,
    )
    framing = SimpleNamespace(labels=labels)
    categories = {category} if category else set()  # read by name, as enum values are
    return SimpleNamespace(
        spec=SimpleNamespace(framing=framing), categories=categories, recommendation=False
    )


def test_predicates_read_new_vocabulary_by_name() -> None:
    # Members that the vocabulary does not have yet are read by their value.
    assert causal_labels(label_context("randomised_experiment"))
    assert causal_labels(label_context("natural", category="uplift"))
    assert not causal_labels(label_context("natural"))
    assert engagement_labels(label_context("natural"))
    assert not engagement_labels(label_context("randomised_experiment"))
    assert not engagement_labels(label_context("human"))


CTR = """\
designdoc: 1
title: Ad click prediction
requirements:
  business_objective: Grow ad revenue without hurting the feed.
  scale: {dau: 10M, requests_per_user_per_day: 20}
framing:
  ml_objective: Predict the probability that a user clicks an ad.
  input: A user, the request context and a candidate ad.
  output: The probability of a click.
  category: binary_classification
  labels: {positive: Impression followed by a click, negative: Impression with no click,
           source: natural}
data:
  sources:
    - {id: ads, kind: item, ingestion: batch}
    - {id: impressions, kind: interaction, ingestion: streaming}
  features:
    - {name: Query text, type: text}
    - {name: Device, type: categorical, computation: request_time}
    - {name: Time of day, type: categorical}
    - {name: Ad ID, source: ads, type: categorical, missing: unknown-id embedding}
    - {name: Ad category, source: ads, type: categorical}
    - {name: Ad CTR last hour, source: impressions, type: numeric}
serving:
  prediction: online
  stages:
    - {id: features, kind: feature_fetch, latency: 5ms}
    - {id: score, kind: scoring, latency: 20ms}
"""


def hits(result: Review, rule: str) -> list[str]:
    return [f.message for f in result.findings if f.rule == rule]


def test_click_labels_are_the_outcome_and_need_no_human_judges(write_spec) -> None:  # type: ignore[no-untyped-def]
    assert status(run(write_spec, CTR), "DAT006") == "n/a"
    # Reports stand for a judgement a reviewer makes better: still asked.
    reports = CTR.replace("Impression followed by a click", "Ad reported by a user").replace(
        "Impression with no click", "Ad shown and not reported"
    )
    assert hits(run(write_spec, reports), "DAT006")


def test_features_from_the_request_or_read_from_a_batch_table(write_spec) -> None:  # type: ignore[no-untyped-def]
    result = run(write_spec, CTR)
    # Query text, device and time of day come with the request; ad id and category are
    # read as they are from the batch table of ads.
    assert hits(result, "FEA001") == []
    # Only the streamed aggregate must say how it is computed.
    assert hits(result, "FEA002") == [
        "feature 'Ad CTR last hour' has no computation (batch, streaming or request_time)"
    ]
    # A numeric value with no source and no request words still has no source.
    unknown = CTR.replace("{name: Time of day, type: categorical}", "{name: Budget left}")
    assert any("'Budget left' has no source" in m for m in hits(run(write_spec, unknown), "FEA001"))
    # A transformed attribute is computed, so it says how and how fresh.
    bucketed = CTR.replace(
        "{name: Ad category, source: ads, type: categorical}",
        "{name: Ad category, source: ads, type: categorical, transform: top 1k else other}",
    )
    assert any("'Ad category'" in m for m in hits(run(write_spec, bucketed), "FEA002"))


def test_a_feature_fetch_stage_is_the_online_store(write_spec) -> None:  # type: ignore[no-untyped-def]
    streamed = CTR.replace("type: numeric}", "type: numeric, computation: streaming}")
    result = run(write_spec, streamed)
    assert status(result, "SRV010") == "pass"
    found = result.result("SRV010")
    assert found is not None and found.satisfied_by == ("serving.stages[0]",)
    no_fetch = streamed.replace("kind: feature_fetch", "kind: preprocessing")
    assert hits(run(write_spec, no_fetch), "SRV010")


RAG = CHATBOT.replace(
    "  sources: [{id: chats, kind: log, contains_pii: true}]\n",
    "  sources: [{id: chats, kind: log, contains_pii: true}, {id: docs, kind: document},\n"
    "            {id: acl, kind: other, ingestion: streaming}]\n"
    "  features:\n"
    "    - {name: Passage embedding, source: docs, type: embedding, computation: batch,\n"
    "       freshness: 1h}\n"
    "    - {name: Allowed groups of each document, source: acl, computation: streaming,\n"
    "       freshness: 5min}\n"
    "    - {name: Question text, computation: request_time}\n",
)


def test_what_the_index_holds_needs_no_feature_store_or_missing_value(write_spec) -> None:  # type: ignore[no-untyped-def]
    result = run(write_spec, RAG)
    assert status(result, "SRV010") == "n/a"  # the permissions are streamed into the index
    assert [m for m in hits(result, "FEA005")] == [
        "1 feature(s) without a missing-value strategy (features[].missing): 'Question text'"
    ]
    # A streamed feature the ranker reads per request still asks for an online store.
    per_request = RAG.replace("Allowed groups of each document", "Clicks in the session")
    assert hits(run(write_spec, per_request), "SRV010")


RIDES = """\
designdoc: 1
title: Ride-hailing surge pricing
requirements:
  business_objective: More completed rides at prices riders accept.
framing:
  ml_objective: Predict the price multiplier that clears demand in each zone.
serving:
  rollout:
    ab_test: {unit: rider, primary_metric: completed rides per rider, baseline_rate: 30%,
              mde: 2%, traffic: 50%}
"""


def test_a_marketplace_test_by_user_is_asked_about_interference(write_spec) -> None:  # type: ignore[no-untyped-def]
    (message,) = hits(run(write_spec, RIDES), "TST006")
    assert "randomises by rider in a two-sided marketplace" in message and "switchback" in message
    # Randomising cities, or saying how interference is handled, answers it.
    assert status(run(write_spec, RIDES.replace("unit: rider", "unit: city")), "TST006") == "n/a"
    noted = RIDES.replace(
        "traffic: 50%}", "traffic: 50%,\n              notes: Switchback tests by zone and hour.}"
    )
    assert status(run(write_spec, noted), "TST006") == "pass"
    # Fraud detection on the same platform judges events; a user-level test is fine there.
    fraud = RIDES.replace(
        "Predict the price multiplier that clears demand in each zone.",
        "Predict the probability that a trip request is fraudulent.",
    )
    assert status(run(write_spec, fraud), "TST006") == "n/a"
    # A shop recommender is not a two-sided marketplace of shared supply.
    shop = RIDES.replace("Ride-hailing surge pricing", "Shop recommendations").replace(
        "Predict the price multiplier that clears demand in each zone.", "Rank products."
    )
    assert status(run(write_spec, shop), "TST006") == "n/a"
