"""GenAI figures draw only what the spec says: the lifecycle, the funnel and the architecture."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from designdoc import load_spec
from designdoc.figures import draw_architecture, draw_funnel, draw_lifecycle
from designdoc.figures.audit import audit_svg
from designdoc.figures.figure import Figure
from designdoc.files.resources import specs_dir
from designdoc.review.estimates.compute import compute_estimates
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


def _svg_text(figures: list[Figure]) -> str:
    svg = " ".join(f.path.read_text("utf-8") for f in figures)
    return " ".join(html.unescape(re.sub(r"<[^<>]*>", " ", svg)).split())


def _rag(**genai: object) -> Spec:
    data = {
        "designdoc": 1,
        "title": "Help bot",
        "framing": {"category": "generation"},
        "requirements": {
            "scale": {"dau": "100k", "requests_per_user_per_day": 1},
            "performance": {"latency_budget": "4s"},
        },
        "serving": {
            "stages": [
                {"id": "retrieve", "name": "Retrieval", "kind": "retrieval", "latency": "50ms"},
                {"id": "generate", "name": "Generation", "kind": "generation", "latency": "1s"},
            ]
        },
        "genai": {
            "model": {"preset": "llama-3.1-8b", "precision": "bf16"},
            "tokens": {"system": 400, "user": 50, "output": 200},
            "decoding": {"streaming": True},
            "latency": {"ttft": "800ms", "tpot": "25ms"},
            "retrieval": {"top_k": 4, "chunk_size": 300},
            **genai,
        },
    }
    return Spec.model_validate(data)


def test_without_caches_guardrails_or_hardware_none_is_drawn(tmp_path: Path) -> None:
    spec = _rag()
    text = _svg_text(draw_architecture(spec, tmp_path) + draw_funnel(spec, tmp_path))
    for absent in ("cache", "filters", "Model server", "Hosted model", "index", "moderation"):
        assert absent not in text, absent
    assert "Retrieval" in text and "Generation" in text


def test_named_caches_guardrails_servers_and_index_are_drawn_with_their_labels(
    tmp_path: Path,
) -> None:
    spec = _rag(
        hardware={"gpu": "L4 24GB", "gpus": 3},
        caches=[{"kind": "semantic", "hit_rate": "12%"}, {"kind": "prompt"}],
        guardrails={"input": ["jailbreak classifier"], "output": ["PII scrubber"]},
        retrieval={"top_k": 4, "chunk_size": 300, "index": "BM25 over article titles"},
    )
    (arch,) = draw_architecture(spec, tmp_path)
    text = _svg_text([arch])
    for needle in (
        "Model server",
        "3 × L4 24GB",
        "Semantic cache",
        "12% hits",
        "Prompt cache",
        "Keyword index",
        "BM25 over article titles",
        "Input filters",
        "jailbreak classifier",
        "Output filters",
        "PII scrubber",
    ):
        assert needle in text, needle
    # The filters' place on the path is inferred: dashed boxes, said so in the caption.
    assert text.count("Input filters") == 1
    assert arch.path.read_text("utf-8").count('stroke-dasharray="5,2"') >= 2
    assert "Dashed boxes are filters genai.guardrails names" in arch.caption
    assert audit_svg(arch.path.read_text("utf-8")).crossing == []


def test_funnel_generation_times_come_from_the_estimates(tmp_path: Path) -> None:
    spec = _rag(guardrails={"input": ["moderation"]})
    found = {e.key: e for e in compute_estimates(spec)}
    latency = found["llm_generation_latency"]
    # Through no hardware, TTFT is the target: 800 ms + 25 ms × 200 tokens = 5.8 s > 4 s.
    assert latency.value == pytest.approx(0.8 + 0.025 * 200)
    (funnel,) = draw_funnel(spec, tmp_path)
    text = _svg_text([funnel])
    assert "estimated TTFT 800 ms" in text
    assert f"whole answer {latency.display}" in text and latency.display == "5.8 s"
    assert "whole answer 5.8 s of 4 s budget" in text
    # The input filter is drawn, before retrieval; no output filter is named, none is drawn.
    assert "Input filters" in text and "moderation" in text and "Output filters" not in text
    assert "no latency counted" in funnel.caption


def test_a_guardrail_stage_holds_its_side_and_no_filter_box_is_added(tmp_path: Path) -> None:
    spec = _rag(guardrails={"input": ["moderation"], "output": ["toxicity"]})
    stages = [
        {"id": "guard", "name": "Moderation stage", "kind": "guardrail", "latency": "20ms"},
        *[s.model_dump(mode="json", exclude_none=True) for s in spec.serving.stages],
    ]
    data = spec.model_dump(mode="json", exclude_none=True, by_alias=True)
    data["serving"]["stages"] = stages
    spec = Spec.model_validate(data)
    text = _svg_text(draw_funnel(spec, tmp_path) + draw_architecture(spec, tmp_path))
    assert "Moderation stage" in text and "Input filters" not in text
    assert "Output filters" in text and "toxicity" in text
