"""Figures draw only what the spec says: no invented index, feature store, registry or arrow.

Index types and stage kinds that other vocabularies may add later (a trie, a generator)
are built with `model_construct`, the way a spec would carry them once they exist.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_figures_support import SMALL_SPEC, spec_from, svg_text

from designdoc.figures import draw_architecture, draw_funnel, draw_lifecycle
from designdoc.figures.kinds.facts import index_title, is_vector_index, looks_up, scores_items
from designdoc.figures.kinds.topology import topology_of
from designdoc.spec.models.root import Spec
from designdoc.spec.models.serving import Index, Stage


def _with_index(spec: Spec, index: Index | None) -> Spec:
    serving = spec.serving.model_copy(update={"index": index})
    return spec.model_copy(update={"serving": serving})


def _lifecycle_text(spec: Spec, tmp_path: Path) -> str:
    (figure,) = draw_lifecycle(spec, tmp_path)
    return svg_text(figure.path) + " " + figure.caption


def test_no_index_no_index_anywhere(tmp_path: Path) -> None:
    spec = _with_index(spec_from(SMALL_SPEC), None)
    text = _lifecycle_text(spec, tmp_path)
    for invented in ("ANN index", "Indexing pipeline", "nearest neighbours", "embedding"):
        assert invented not in text


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_a_trie_is_drawn_as_a_trie_never_as_vectors(tmp_path: Path) -> None:
    trie = Index.model_construct(type="trie", items=None, pipeline=None)
    spec = _with_index(spec_from(SMALL_SPEC), trie)
    assert not is_vector_index(trie) and index_title(trie) == "Trie"
    text = _lifecycle_text(spec, tmp_path)
    assert "Trie" in text
    for invented in ("ANN index", "vectors", "nearest neighbours", "embedding"):
        assert invented not in text


def test_no_feature_store_registry_or_pipeline_unless_named(tmp_path: Path) -> None:
    text = _lifecycle_text(spec_from(SMALL_SPEC), tmp_path)
    for invented in ("Feature store", "Model registry", "feature pipeline", "Raw data"):
        assert invented not in text
    named = spec_from(SMALL_SPEC)
    components = [
        *named.serving.components,
        *spec_from(
            SMALL_SPEC,
            serving={
                "components": [
                    {"id": "fstore", "kind": "feature_store", "label": "Feast store"},
                    {"id": "reg", "kind": "model_registry", "label": "MLflow registry"},
                ]
            },
        ).serving.components,
    ]
    serving = named.serving.model_copy(update={"components": components})
    text = _lifecycle_text(named.model_copy(update={"serving": serving}), tmp_path / "named")
    assert "Feast store" in text and "MLflow registry" in text


def test_sources_without_features_feed_the_dataset_not_a_feature_pipeline(tmp_path: Path) -> None:
    spec = spec_from(
        SMALL_SPEC,
        data={
            "sources": [{"id": "ratings", "name": "Rubric ratings", "kind": "annotation"}],
            "features": [],
        },
    )
    (figure,) = draw_lifecycle(spec, tmp_path)
    assert "d_ratings -> n_dataset" in figure.dot_source
    assert "n_batch" not in figure.dot_source and "n_streaming" not in figure.dot_source


def test_a_generator_stage_neither_looks_up_nor_scores() -> None:
    generator = Stage.model_construct(id="gen", kind="generation")
    assert not looks_up(generator) and not scores_items(generator)
    assert looks_up(Stage.model_construct(id="r", kind="retrieval"))


def test_flows_that_skip_stages_get_no_stage_order_arrows(tmp_path: Path) -> None:
    spec = spec_from(
        SMALL_SPEC,
        serving={
            "stages": [
                {"id": "rewrite", "name": "Query rewrite"},
                {"id": "lookup", "name": "Order lookup"},
                {"id": "rerank", "name": "Re-ranking"},
            ],
            "components": [
                {"id": "chat", "label": "Chat service"},
                {"id": "orders", "label": "Orders"},
                {"id": "gen", "label": "Generation"},
            ],
            "flows": [
                {"from": "chat", "to": "rewrite"},
                {"from": "rewrite", "to": "orders"},
                {"from": "orders", "to": "lookup"},
                {"from": "lookup", "to": "gen"},
                {"from": "gen", "to": "rerank"},
            ],
        },
    )
    topology = topology_of(spec)
    assert topology is not None
    pairs = {(a.source, a.target) for a in topology.arrows}
    assert ("rewrite", "lookup") not in pairs and ("lookup", "rerank") not in pairs
    assert not topology.inferred()
    (figure,) = draw_architecture(spec, tmp_path)
    assert "implied" not in figure.caption


def test_implied_stage_order_is_explained_in_the_caption(tmp_path: Path) -> None:
    spec = spec_from(
        SMALL_SPEC,
        serving={
            "stages": [{"id": "a", "name": "First"}, {"id": "b", "name": "Second"}],
            "components": [{"id": "app", "kind": "client", "label": "App"}],
            "flows": [{"from": "app", "to": "a"}],
        },
    )
    topology = topology_of(spec)
    assert topology is not None
    implied = [a for a in topology.arrows if a.implicit]
    assert [(a.source, a.target) for a in implied] == [("a", "b")]
    (figure,) = draw_architecture(spec, tmp_path)
    assert "implied by the spec" in figure.caption


def test_derived_architecture_adds_no_feature_store(tmp_path: Path) -> None:
    spec = spec_from(
        SMALL_SPEC,
        serving={
            "stages": [
                {"id": "cg", "name": "Candidates", "kind": "candidate_generation"},
                {"id": "rk", "name": "Ranking", "kind": "ranking"},
            ],
        },
    )
    (figure,) = draw_architecture(spec, tmp_path)
    text = svg_text(figure.path)
    assert "Feature store" not in text and "ANN index" not in text
    assert "ranked results" not in text


BATCH_JOBS = {
    "prediction": "batch",
    "stages": [
        {"id": "score", "name": "Uplift scoring", "kind": "scoring", "mode": "batch"},
        {"id": "allocate", "name": "Budget allocation", "kind": "optimization", "mode": "batch"},
    ],
    "fallbacks": [
        {"when": "Scoring job fails", "then": "Send last week's list", "applies_to": "score"},
        {"when": "Budget exhausted", "then": "Stop sending"},
    ],
}


def test_a_design_of_batch_jobs_has_no_request_and_keeps_its_fallbacks(tmp_path: Path) -> None:
    spec = spec_from(SMALL_SPEC, serving=BATCH_JOBS)
    topology = topology_of(spec)
    assert topology is not None
    labels = {box.label for box in topology.boxes}
    assert {"Uplift scoring", "Budget allocation"} <= labels
    assert not {"Client", "Response"} & labels
    assert not any(arrow.label == "request" for arrow in topology.arrows)
    (architecture,) = draw_architecture(spec, tmp_path / "a")
    text = svg_text(architecture.path)
    assert "Offline batch jobs" in text and "Offline training" not in text
    (funnel,) = draw_funnel(spec, tmp_path / "f")
    text = svg_text(funnel.path)
    assert "Scoring job fails" in text and "Budget exhausted" in text
    assert "Request" not in text and "budget" not in funnel.caption
    assert funnel.caption.startswith("The batch jobs in order")
    lifecycle = _lifecycle_text(spec, tmp_path / "l")
    assert "Batch inference" in lifecycle and "Online" not in lifecycle


def test_a_nightly_job_beside_an_online_endpoint_is_not_drawn_as_online(tmp_path: Path) -> None:
    serving = {
        "prediction": "hybrid",
        "stages": [
            {"id": "forecast", "name": "Nightly forecast", "kind": "scoring", "mode": "batch"},
            {"id": "whatif", "name": "What-if forecast", "kind": "scoring"},
        ],
    }
    lifecycle = _lifecycle_text(spec_from(SMALL_SPEC, serving=serving), tmp_path)
    assert "Batch and online" in lifecycle and "Batch inference" not in lifecycle


def test_the_figures_read_the_vocabularys_predicates() -> None:
    """One definition of which indexes hold vectors and which stages score items."""
    from designdoc.spec.vocab import IndexType, StageKind

    for member in IndexType:
        index = Index.model_construct(type=member, items=None, pipeline=None)
        assert is_vector_index(index) == member.holds_vectors, member
    for kind in StageKind:
        assert scores_items(Stage.model_construct(id="s", kind=kind)) == kind.scores_items, kind
    assert not is_vector_index(None) and not scores_items(Stage.model_construct(id="s"))
