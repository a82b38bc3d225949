"""Vocabularies beyond the book: `other` in every closed set, and the predicates on kinds."""

from __future__ import annotations

from enum import StrEnum

from designdoc.review.engine import review_spec
from designdoc.review.rules.catalogue import CATALOGUE
from designdoc.spec import vocab
from designdoc.spec.models.root import Spec
from designdoc.spec.vocab import Category, IndexType, StageKind, family

# Tool settings, not design vocabulary: no `other` there.
SETTINGS = {vocab.Paper, vocab.Severity}


def design_vocabularies() -> list[type[StrEnum]]:
    return [
        e
        for e in vars(vocab).values()
        if isinstance(e, type) and issubclass(e, StrEnum) and e is not StrEnum
    ]


def test_every_design_vocabulary_admits_other():
    for enum in design_vocabularies():
        if enum not in SETTINGS:
            assert "other" in enum.__members__, enum


def test_index_types_say_whether_they_hold_vectors():
    assert IndexType.hnsw.holds_vectors and IndexType.ivfpq.holds_vectors
    assert IndexType.hybrid.holds_vectors
    for kind in (IndexType.trie, IndexType.fst, IndexType.bm25, IndexType.inverted):
        assert not kind.holds_vectors and kind.looks_up
    assert not IndexType.flat.looks_up


def test_stage_kinds_say_how_they_treat_items():
    assert StageKind.generation.fans_out and not StageKind.ranking.fans_out
    assert StageKind.ranking.scores_items and StageKind.prediction.scores_items
    assert not StageKind.generation.scores_items and not StageKind.cache_lookup.scores_items
    assert StageKind.cache_lookup.looks_up and StageKind.feature_fetch.looks_up


def test_other_belongs_to_no_family_and_no_category_rule_fires_on_it():
    assert family(Category.other) is None
    spec = Spec.model_validate(
        {
            "designdoc": 1,
            "title": "Survival analysis of subscriptions",
            "framing": {"category": "other", "category_name": "survival analysis"},
            "serving": {"stages": [{"id": "a", "kind": "other", "name": "Hazard model"}]},
        }
    )
    scoped = {rule.id for rule in CATALOGUE if rule.categories is not None}
    assert scoped
    fired = {finding.rule for finding in review_spec(spec).findings}
    assert not fired & scoped
