"""LLM and diffusion serving numbers, checked against values worked out by hand."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from designdoc import load_spec
from designdoc.errors import SpecError
from designdoc.review import review
from designdoc.review.estimates.base import Estimate

GiB = 2**30
KiB = 2**10


def estimates(tmp_path: Path, data: dict[str, Any]) -> dict[str, Estimate]:
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return {e.key: e for e in review(load_spec(path)).estimates}


def spec(genai: dict[str, Any], **requirements: Any) -> dict[str, Any]:
    return {
        "designdoc": 1,
        "title": "LLM",
        "framing": {"category": "text_generation"},
        "requirements": requirements,
        "genai": genai,
    }


LLAMA_8B = {"layers": 32, "kv_heads": 8, "attention_heads": 32, "head_dim": 128}
H100 = {
    "gpu_memory": "80GB",
    "bandwidth": "3.35TB",
    "peak_flops": "989T",
    "tokens_per_second": 2500,
    "hourly_price": 2.5,
    "gpus": 8,
}


def test_kv_cache_uses_key_value_heads_not_attention_heads(tmp_path: Path) -> None:
    # 2 × 32 layers × 8 KV heads × 128 × 2 bytes = 131,072 B = 128 KiB per token.
    model = {"parameters": "8B", "precision": "bf16", **LLAMA_8B}
    found = estimates(tmp_path, spec({"model": model, "tokens": {"prompt": 7000, "output": 1192}}))
    assert found["llm_kv_per_token"].value == 128 * KiB
    assert found["llm_kv_per_token"].display == "128 KiB"
    # 8,192 tokens × 128 KiB = 1 GiB per request.
    assert found["llm_kv_per_request"].value == GiB
    assert found["llm_weights_memory"].value == 16e9
    assert found["llm_weights_memory"].display == "16 GB"


def test_70b_model_has_320_kib_per_token(tmp_path: Path) -> None:
    model = {"parameters": "70B", "precision": "bf16", "layers": 80, "kv_heads": 8, "head_dim": 128}
    found = estimates(tmp_path, spec({"model": model, "tokens": {"prompt": 1000, "output": 0}}))
    assert found["llm_kv_per_token"].value == 320 * KiB


def test_preset_gives_the_numbers_and_the_spec_overrides_them(tmp_path: Path) -> None:
    base = {"tokens": {"prompt": 100, "output": 0}}
    found = estimates(tmp_path, spec({**base, "model": {"preset": "Llama-3.1-8B"}}))
    # No precision: the KV-cache cannot be sized, and the estimate says which field is missing.
    assert found["llm_kv_per_token"].missing == ("genai.model.precision",)
    found = estimates(
        tmp_path, spec({**base, "model": {"preset": "llama-3.1-8b", "precision": "fp8"}})
    )
    assert found["llm_kv_per_token"].value == 64 * KiB
    assert any("preset" in i.field for i in found["llm_kv_per_token"].inputs)
    override = {"preset": "llama-3.1-8b", "precision": "bf16", "kv_heads": 32}
    found = estimates(tmp_path, spec({**base, "model": override}))
    assert found["llm_kv_per_token"].value == 512 * KiB  # the 4x a GQA-blind sizing gives


def test_unknown_preset_is_a_located_error_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec({"model": {"preset": "llama-3.1-8"}})), encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    assert "llama-3.1-8b" in str(caught.value) and "genai.model.preset" in str(caught.value)


def test_sequences_decode_ceiling_ttft_latency_and_gpus(tmp_path: Path) -> None:
    genai = {
        "model": {"parameters": "8B", "precision": "bf16", **LLAMA_8B},
        "tokens": {"prompt": 7000, "output": 1192},
        "hardware": H100,
        "latency": {"ttft": "100ms", "tpot": "20ms"},
        "decoding": {"streaming": True},
    }
    found = estimates(tmp_path, spec(genai, scale={"qps": 10, "peak_factor": 2}))
    # (80 GB × 0.95 − 16 GB) / 1 GiB = 55.9 → 55 sequences.
    assert found["llm_sequences_per_replica"].value == 55
    # 3.35 TB/s / 16 GB = 209 tokens/s per stream.
    assert found["llm_decode_ceiling"].value == pytest.approx(209.375)
    assert found["llm_tpot"].value == pytest.approx(1 / 209.375)
    # 2 × 8e9 × 7000 / (989e12 × 0.4) = 0.283 s.
    ttft = 2 * 8e9 * 7000 / (989e12 * 0.4)
    assert found["llm_ttft"].value == pytest.approx(ttft)
    assert "over" in found["llm_ttft"].comparison
    # TTFT + 20 ms × 1192 output tokens.
    latency = ttft + 0.020 * 1192
    assert found["llm_generation_latency"].value == pytest.approx(latency)
    assert found["llm_generation_latency"].comparison.startswith("streamed: TTFT")
    # Decode: 20 peak QPS × 1192 = 23,840 tokens/s; / (2500 × 0.6) = 15.9 → 16 GPUs.
    assert found["llm_decode_demand"].value == pytest.approx(23_840)
    assert found["llm_gpus_throughput"].value == 16
    # Memory: 20 QPS × latency in flight / 55 per GPU.
    assert found["llm_gpus_memory"].value == math.ceil(20 * latency / 55)
    assert found["llm_gpus_needed"].value == 16
    assert found["llm_gpus_needed"].comparison == "8 provisioned (short)"
    # $2.5 / (2500 × 3600 × 0.6) × 1M = $0.46 per million tokens.
    assert found["llm_cost_per_million"].value == pytest.approx(2.5 / (2500 * 3600 * 0.6) * 1e6)
    # Short of GPUs, the bill is for the 16 needed: 16 × $2.5 / (10 QPS × 3600) × 1000.
    assert found["llm_cost_per_1k"].value == pytest.approx(16 * 2.5 / 36_000 * 1000)
    assert found["llm_cost_per_1k"].comparison == "at the 16 GPUs needed, not the 8 provisioned"
    assert found["llm_cost_per_month"].value == pytest.approx(16 * 2.5 * 730)
    # With enough provisioned, the bill is for those: 20 × $2.5 × 730 h = $36,500 a month.
    genai["hardware"] = {**H100, "gpus": 20}
    found = estimates(tmp_path, spec(genai, scale={"qps": 10, "peak_factor": 2}))
    assert found["llm_gpus_needed"].comparison == "20 provisioned (enough)"
    assert found["llm_cost_per_month"].value == pytest.approx(36_500)
    assert found["llm_cost_per_1k"].value == pytest.approx(20 * 2.5 / 36_000 * 1000)


def test_not_streamed_compares_the_whole_answer_with_the_budget(tmp_path: Path) -> None:
    genai = {
        "model": {"parameters": "8B", "precision": "bf16", **LLAMA_8B},
        "tokens": {"prompt": 1000, "output": 100},
        "hardware": H100,
        "latency": {"tpot": "30ms"},
        "decoding": {"streaming": False},
    }
    found = estimates(tmp_path, spec(genai, performance={"latency_budget": "2s"}))
    said = found["llm_generation_latency"].comparison
    assert said.startswith("not streamed: whole answer") and "2s (over)" in said


def test_api_cost_per_1k_requests(tmp_path: Path) -> None:
    # 1,500 input tokens at $3/M and 500 output at $15/M: $12 per 1k requests.
    genai = {
        "tokens": {"prompt": 1500, "output": 500},
        "api": {"input_price": 3, "output_price": 15},
    }
    found = estimates(tmp_path, spec(genai, scale={"qps": 10}))
    assert found["api_cost_per_1k"].value == pytest.approx(12.0)
    assert found["api_cost_per_1k"].display == "$12.00"
    # 10 QPS × 2.592M s a month = 25.92M requests: $311,040.
    assert found["api_cost_per_month"].value == pytest.approx(12 * 25_920)
    # A semantic cache answering 25% of requests cuts the bill by a quarter.
    genai["caches"] = [{"kind": "semantic", "hit_rate": "25%"}]
    found = estimates(tmp_path, spec(genai, scale={"qps": 10}))
    assert found["api_cost_per_1k"].value == pytest.approx(9.0)


def test_context_budget_against_the_window(tmp_path: Path) -> None:
    genai = {
        "model": {"context_window": "8k"},
        "tokens": {"system": 500, "history": 2000, "user": 200},
        "retrieval": {"top_k": 8, "chunk_size": 512},
        "decoding": {"max_output_tokens": 1024},
        "api": {"input_price": 1, "output_price": 2},
    }
    found = estimates(tmp_path, spec(genai))
    # 500 + 2000 + 200 + 8 × 512 + 1024 = 7,820 tokens of 8,000.
    assert found["llm_context_budget"].value == 7820
    assert "98% of it" in found["llm_context_budget"].comparison
    genai["retrieval"] = {"top_k": 10, "chunk_size": 512}
    found = estimates(tmp_path, spec(genai))
    assert found["llm_context_budget"].value == 8844
    assert "over the window" in found["llm_context_budget"].comparison


def test_embedding_index_memory_and_ingest_rate(tmp_path: Path) -> None:
    retrieval = {
        "documents": "1M",
        "tokens_per_document": 2000,
        "chunk_size": 512,
        "chunk_overlap": 64,
        "embedding_dim": 1024,
        "new_documents_per_day": "86.4k",
    }
    found = estimates(tmp_path, spec({"retrieval": retrieval}))
    # ceil(2000 / 448) = 5 chunks per document: 5M chunks × 1024 × 4 B = 20.48 GB.
    assert found["rag_chunks"].value == 5e6
    assert found["rag_index_memory"].value == pytest.approx(5e6 * 1024 * 4)
    # 86,400 documents a day × 5 chunks / 86,400 s = 5 chunks/s.
    assert found["rag_ingest_rate"].value == pytest.approx(5.0)


def test_diffusion_images_per_gpu_second_and_gpus(tmp_path: Path) -> None:
    genai = {
        "model": {"modality": "image"},
        "diffusion": {"steps": 25, "step_latency": "40ms", "batch": 4, "images_per_request": 4},
        "hardware": {"gpus": 50, "hourly_price": 1.0},
    }
    data = spec(genai, scale={"qps": 50, "peak_factor": 2})
    data["framing"] = {"category": "media_generation"}
    found = estimates(tmp_path, data)
    # 4 / (25 × 40 ms) = 4 images per GPU-second; 100 peak QPS × 4 images / 4 = 100 GPUs.
    assert found["diffusion_images_per_gpu_s"].value == pytest.approx(4.0)
    assert found["diffusion_latency"].value == pytest.approx(1.0)
    assert found["diffusion_gpus"].value == 100
    assert found["diffusion_gpus"].comparison == "50 provisioned (short)"
    assert "llm_kv_per_token" not in found


def test_no_genai_section_adds_no_estimates(tmp_path: Path) -> None:
    data = {"designdoc": 1, "title": "Feed", "requirements": {"scale": {"qps": 10}}}
    found = estimates(tmp_path, data)
    assert not [k for k in found if k.startswith(("llm_", "api_", "rag_", "diffusion_"))]


def test_an_overlap_as_large_as_the_chunk_is_a_located_error() -> None:
    import subprocess
    import sys

    spec = Path(__file__).resolve().parent.parent / "specs" / "company_docs_rag.yaml"
    args = ["check", str(spec), "--set", "genai.retrieval.chunk_overlap=512"]
    run = subprocess.run(
        [sys.executable, "-m", "designdoc", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "genai.retrieval.chunk_overlap: an overlap of 512 tokens" in run.stderr
    assert "make it smaller than chunk_size" in run.stderr and "Traceback" not in run.stderr


def test_mixture_of_experts_holds_every_expert_but_reads_only_the_active_ones(
    tmp_path: Path,
) -> None:
    genai = {
        "model": {"preset": "mixtral-8x7b", "precision": "bf16"},
        "tokens": {"prompt": 2000, "output": 200},
        "hardware": {**H100, "tensor_parallel": 2},
    }
    found = estimates(tmp_path, spec(genai, scale={"qps": 1}))
    # Weights: all 46.7B × 2 bytes = 93.4 GB, more than one 80 GB GPU holds.
    assert found["llm_weights_memory"].value == pytest.approx(93.4e9)
    # Decode reads the 12.9B active: 3.35 TB/s × 2 GPUs / (12.9e9 × 2) = 259.7 tokens/s,
    # where a dense 46.7B model would give 71.7.
    assert found["llm_decode_ceiling"].value == pytest.approx(3.35e12 * 2 / 25.8e9)
    active = next(i for i in found["llm_decode_ceiling"].inputs if i.name == "active params")
    assert active.value == 12.9e9 and "mixtral-8x7b" in active.field and active.text == "12.9B"
    # Prefill: 2 × 12.9e9 × 2000 / (989e12 × 2 × 0.4) = 65.2 ms.
    assert found["llm_ttft"].value == pytest.approx(2 * 12.9e9 * 2000 / (989e12 * 2 * 0.4))
    # KV-cache: 2 × 32 layers × 8 KV heads × 128 × 2 bytes, as for a dense model of that shape.
    assert found["llm_kv_per_token"].value == 128 * KiB


def test_own_parameter_count_without_an_active_count_is_read_as_dense(tmp_path: Path) -> None:
    genai = {
        "model": {"preset": "mixtral-8x7b", "parameters": "40B", "precision": "bf16"},
        "tokens": {"prompt": 100, "output": 10},
        "hardware": H100,
    }
    found = estimates(tmp_path, spec(genai, scale={"qps": 1}))
    assert found["llm_decode_ceiling"].value == pytest.approx(3.35e12 / 80e9)
    genai["model"] = {"parameters": "40B", "active_parameters": "10B", "precision": "fp8"}
    found = estimates(tmp_path, spec(genai, scale={"qps": 1}))
    assert found["llm_weights_memory"].value == 40e9
    assert found["llm_decode_ceiling"].value == pytest.approx(3.35e12 / 10e9)


def test_more_active_than_total_parameters_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    model = {"parameters": "8B", "active_parameters": "13B"}
    path.write_text(yaml.safe_dump(spec({"model": model})), encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    assert "genai.model.active_parameters" in str(caught.value) and "13B" in str(caught.value)
