"""Plurals and articles: "1 shard", "cities per arm", "an 800 ms budget", "a fine-tuned model"."""

from __future__ import annotations

import pytest

from designdoc.spec import numbers as fmt
from designdoc.spec.grammar import article, counted, for_count, plural, singular, with_article


@pytest.mark.parametrize(
    ("word", "many"),
    [
        ("shard", "shards"),
        ("city", "cities"),
        ("key", "keys"),
        ("box", "boxes"),
        ("batch", "batches"),
        ("GPU", "GPUs"),
        ("user", "users"),
    ],
)
def test_plural_and_back(word: str, many: str) -> None:
    assert plural(word) == many
    assert singular(many) == word


def test_singular_leaves_other_words_alone() -> None:
    for word in ("QPS", "in", "status", "class", "caches"[:-1]):
        assert singular(word) == word
    assert singular("caches") == "cache" and singular("LLMs") == "LLM"


def test_counts_read_one_as_one() -> None:
    assert counted(1, "shard") == "1 shard" and counted(3, "shard") == "3 shards"
    assert counted("1", "city") == "1 city" and counted("2B", "city") == "2B cities"
    assert counted(0, "error") == "0 errors"
    assert fmt.count(1, "shards") == "1 shard"
    assert fmt.count(1, "items/s") == "1 item/s"
    assert fmt.count(1, "users per arm") == "1 user per arm"
    assert fmt.count(1, "QPS") == "1 QPS" and fmt.count(1, "in flight") == "1 in flight"
    assert fmt.count(2000, "shards") == "2K shards"
    assert for_count("1", "cities per arm") == "city per arm"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("fine-tuned model", "a"),
        ("ANN index", "an"),
        ("hour", "an"),
        ("user", "a"),
        ("LLM", "an"),
        ("GPU", "a"),
        ("800 ms", "an"),
        ("8 s", "an"),
        ("11,000", "an"),
        ("18", "an"),
        ("100 ms", "a"),
        ("180", "a"),
        ("one-off", "a"),
        ("embedding", "an"),
        ("unit", "a"),
        ("FST", "an"),
        ("BM25 index", "a"),
        ("URL", "a"),
    ],
)
def test_article(phrase: str, expected: str) -> None:
    assert article(phrase) == expected
    assert with_article(phrase) == f"{expected} {phrase}"


def test_the_slips_the_documents_printed(write_spec) -> None:  # type: ignore[no-untyped-def]
    from designdoc import load_spec
    from designdoc.review import review

    spec = write_spec(
        "designdoc: 1\ntitle: Slips\n"
        "requirements: {scale: {dau: 2M, requests_per_user_per_day: 10}}\n"
        "serving:\n"
        "  stages: [{id: s, kind: action, items_in: 10, items_out: 1}]\n"
        "  rollout: {ab_test: {unit: city, units_per_day: 30, primary_metric: orders,"
        " baseline_rate: 5%, mde: 10%, traffic: 50%}}\n"
    )
    result = review(load_spec(spec))
    sample = result.estimate("ab_sample_size")
    # A test of places is sized in users first; the duration counts cities, never "citys".
    assert sample is not None and sample.display.endswith("users per arm"), sample
    duration = result.estimate("ab_duration")
    assert duration is not None and "30 cities are in the test" in duration.reason
    assert "cities per arm" in duration.reason and "citys" not in duration.reason
    skipped = [e for e in result.estimates if e.key.startswith("items_scored")]
    assert any("an action stage does not score items" in (e.reason or "") for e in skipped)
