"""Component kinds map to the `diagrams` icons or our own shapes; unknown kinds are boxes."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_figures_support import SMALL_SPEC, spec_from, svg_text

from designdoc.figures import draw_architecture
from designdoc.figures.kinds.icons import look_of

ICON_KINDS = {
    "kafka": "kafka.png",
    "redis": "redis.png",
    "cassandra": "cassandra.png",
    "postgresql": "postgresql.png",
    "postgres": "postgresql.png",
    "s3": "simple-storage-service-s3.png",
    "spark": "spark.png",
    "flink": "flink.png",
    "airflow": "airflow.png",
    "kubernetes": "k8s.png",
    "K8s": "k8s.png",
    "elasticsearch": "elasticsearch.png",
}


@pytest.mark.parametrize(("kind", "file"), sorted(ICON_KINDS.items()))
def test_known_kinds_use_the_packaged_icons(kind: str, file: str) -> None:
    look = look_of(kind)
    assert look.icon is not None and look.icon.name == file and look.icon.is_file()


@pytest.mark.parametrize(
    ("kind", "shape"),
    [
        ("model_server", "box"),
        ("api_gateway", "box"),
        ("feature_store", "cylinder"),
        ("ann_index", "hexagon"),
        ("model_registry", "folder"),
        ("client", "box"),
        ("Feature Store", "cylinder"),
    ],
)
def test_our_generic_kinds_use_our_shapes(kind: str, shape: str) -> None:
    look = look_of(kind)
    assert look.icon is None and look.shape.shape == shape and look.caption


@pytest.mark.parametrize("kind", ["quantum_widget", "", None, "<b>x</b>"])
def test_unknown_kind_is_a_plain_labelled_box(kind: str | None) -> None:
    look = look_of(kind)
    assert look.icon is None and look.shape.shape == "box" and look.caption == ""


def test_architecture_draws_icons_and_plain_boxes(tmp_path: Path) -> None:
    components = [
        {"id": "q", "kind": "kafka", "label": "Queue", "group": "data"},
        {"id": "w", "kind": "quantum_widget", "label": "Widget", "group": "data"},
    ]
    spec = spec_from(
        SMALL_SPEC,
        serving={"components": components, "flows": [{"from": "q", "to": "w", "label": "bits"}]},
    )
    (figure,) = draw_architecture(spec, tmp_path)
    text = figure.path.read_text("utf-8")
    assert text.count("<image ") == 1
    assert "Widget" in svg_text(figure.path) and "Kafka" in svg_text(figure.path)


def test_stages_without_components_get_a_derived_architecture(tmp_path: Path) -> None:
    spec = spec_from(
        SMALL_SPEC,
        serving={
            "stages": [
                {"id": "cg", "name": "Candidates", "kind": "candidate_generation"},
                {"id": "rk", "name": "Ranking", "kind": "ranking"},
            ],
            "index": {"items": "1M", "type": "hnsw"},
        },
    )
    (figure,) = draw_architecture(spec, tmp_path)
    drawn = svg_text(figure.path)
    for name in ("Client", "Candidates", "Ranking", "Response", "ANN index"):
        assert name in drawn
    assert "Feature store" not in drawn  # the spec names none
    assert drawn.count("ANN index") == 1
    assert "stages in order" in figure.caption and "index lookups" in figure.caption
