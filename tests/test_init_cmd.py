"""`designdoc init`: skeletons that validate for every category, the schema beside them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from designdoc import load_spec
from designdoc.authoring.skeleton import SCHEMA_LINE, parse_category, skeleton
from designdoc.cli.main import app
from designdoc.spec.vocab import Category


@pytest.mark.parametrize("category", [None, *Category], ids=lambda c: c.value if c else "none")
def test_every_skeleton_validates_as_written(tmp_path, category):
    path = tmp_path / "system.yaml"
    path.write_text(skeleton(path.name, category), encoding="utf-8")
    spec = load_spec(path).spec
    assert spec.title == "System"
    assert spec.framing.category == category


def test_ranking_and_classifier_skeletons_get_their_own_fields(tmp_path):
    rank = tmp_path / "rank.yaml"
    rank.write_text(skeleton(rank.name, Category.learning_to_rank))
    spec = load_spec(rank).spec
    assert [s.kind.value for s in spec.serving.stages if s.kind] == [
        "candidate_generation",
        "ranking",
        "re_ranking",
    ]
    assert {m.metric for m in spec.evaluation.offline} >= {"nDCG", "mAP"}
    assert spec.framing.ranking_approach is not None
    cls = tmp_path / "cls.yaml"
    cls.write_text(skeleton(cls.name, Category.binary_classification))
    text = cls.read_text()
    assert "class_balance:" in text and "Decision thresholds" in text
    assert load_spec(cls).spec.evaluation.offline[0].metric == "PR-AUC"


def test_skeleton_asks_each_steps_questions():
    text = skeleton("x.yaml")
    assert text.splitlines()[0] == SCHEMA_LINE
    for number in range(1, 8):
        assert f"# ---- Step {number}:" in text
    assert "What simple baseline must any model beat?" in text


def test_init_writes_spec_and_schema(tmp_path):
    target = tmp_path / "new" / "my_search.yaml"
    result = CliRunner().invoke(app, ["init", str(target), "--category", "ranking"])
    assert result.exit_code == 0, result.output
    assert target.read_text().startswith("# yaml-language-server: $schema=designdoc.schema.json\n")
    schema = json.loads((target.parent / "designdoc.schema.json").read_text())
    assert "requirements" in schema["properties"]
    assert load_spec(target).spec.title == "My search"


def test_init_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "x.yaml"
    target.write_text("keep me")
    result = CliRunner().invoke(app, ["init", str(target)])
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert target.read_text() == "keep me"
    assert CliRunner().invoke(app, ["init", str(target), "--force"]).exit_code == 0
    assert load_spec(target).spec.designdoc == 1


def test_init_from_an_example(tmp_path):
    target = tmp_path / "mine.yaml"
    result = CliRunner().invoke(app, ["init", str(target), "--from", "fraud_detection"])
    assert result.exit_code == 0, result.output
    assert target.read_text().startswith(SCHEMA_LINE)
    assert "fraud" in load_spec(target).spec.title.lower()


def test_unknown_category_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["init", str(tmp_path / "x.yaml"), "--category", "rankin"])
    assert result.exit_code == 2
    assert parse_category("LTR") is Category.learning_to_rank
    assert parse_category("binary") is Category.binary_classification
