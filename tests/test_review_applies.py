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
