"""The GenAI lifecycle replaces the feature-pipeline picture, and draws only what the spec says."""

from __future__ import annotations

import html
import re
from pathlib import Path

from designdoc import load_spec
from designdoc.figures import draw_lifecycle
from designdoc.files.resources import specs_dir
from designdoc.spec.models.root import Spec


def lifecycle_text(spec: Spec, out: Path) -> str:
    (figure,) = draw_lifecycle(spec, out)
    svg = figure.path.read_text("utf-8")
    return " ".join(html.unescape(re.sub(r"<[^<>]*>", " ", svg)).split())


def test_rag_lifecycle_has_tuning_evaluation_versions_and_index(tmp_path: Path) -> None:
    spec = load_spec(specs_dir() / "company_docs_rag.yaml").spec
    text = lifecycle_text(spec, tmp_path)
    for needle in (
        "Data curation",
        "Base model",
        "Fine-tuning",
        "lora",
        "red-teaming",
        "Prompt and model",
        "Document index",
        "Deployment",
        "feedback",
    ):
        assert needle in text, needle
    assert "Feature store" not in text and "feature pipeline" not in text.lower()
    assert "Alignment" not in text  # the design aligns nothing: alignment: none


def test_lifecycle_leaves_out_what_the_spec_does_not_say(tmp_path: Path) -> None:
    data = {
        "designdoc": 1,
        "title": "Prompted bot",
        "framing": {"category": "text_generation"},
        "genai": {"approach": {"kind": "prompting"}, "model": {"name": "a hosted model"}},
    }
    text = lifecycle_text(Spec.model_validate(data), tmp_path)
    assert "Base model" in text and "a hosted model" in text and "Deployment" in text
    for absent in (
        "Fine-tuning",
        "Alignment",
        "Evaluation",
        "Document index",
        "Data curation",
        "Prompt and model",
        "feedback",
    ):
        assert absent not in text, absent


def test_a_ranking_design_keeps_the_feature_pipeline_lifecycle(tmp_path: Path) -> None:
    spec = load_spec(specs_dir() / "video_recommendation.yaml").spec
    text = lifecycle_text(spec, tmp_path)
    assert "Offline training" in text and "n_batch" in text and "Fine-tuning" not in text
