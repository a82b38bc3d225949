"""The GenAI study library and skeletons: strict-clean designs, their numbers in the PDF, and
`init` for generative categories."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from designdoc import load_spec
from designdoc.authoring.questions import STEPS, questions_for
from designdoc.authoring.skeleton import skeleton
from designdoc.cli.main import app
from designdoc.files.resources import specs_dir
from designdoc.review import review
from designdoc.spec.vocab import GENERATION, Category

runner = CliRunner()
GENAI_SPECS = (
    "chat_assistant",
    "company_docs_rag",
    "smart_compose",
    "code_assistant",
    "text_to_image",
)


@pytest.mark.parametrize("name", GENAI_SPECS)
def test_genai_design_is_strict_clean_and_generative(name: str) -> None:
    path = specs_dir() / f"{name}.yaml"
    result = runner.invoke(app, ["check", str(path), "--strict=warnings"])
    assert result.exit_code == 0, result.output
    loaded = load_spec(path)
    assert loaded.spec.genai is not None and loaded.spec.framing.category in GENERATION
    gen_rules = [r for r in review(loaded).results if r.rule.startswith("GEN")]
    assert sum(r.status == "pass" for r in gen_rules) >= 10


def test_rag_design_pdf_shows_the_serving_numbers_and_the_genai_sections(bundled_pdf) -> None:  # type: ignore[no-untyped-def]
    result = bundled_pdf("company_docs_rag")
    text = " ".join(page.extract_text() for page in PdfReader(result.pdf).pages)
    text = " ".join(text.split())
    for needle in (
        "GPUs needed",
        "KV-cache per request",
        "TTFT (prefill)",
        "generation latency",
        "cost per 1k requests",
        "3 provisioned (enough)",
        "Generative serving",
        "Evaluating generations",
        "Prompt injection",
    ):
        assert needle in text, needle
    _genai_sections_in_contents_and_bookmarks(PdfReader(result.pdf))


GENAI_SECTIONS = {  # step number -> the section closing that step
    "2": "Generative approach and model",
    "5": "Evaluating generations",
    "6": "Generative serving",
    "7": "Watching generations",
}


def _genai_sections_in_contents_and_bookmarks(reader: PdfReader) -> None:
    """Each `genai:` section is listed in the contents and bookmarked under its step."""
    outline = reader.outline
    for number, section in GENAI_SECTIONS.items():
        chapter = number + " "
        at = next(
            i for i, item in enumerate(outline) if getattr(item, "title", "").startswith(chapter)
        )
        children = outline[at + 1]
        assert isinstance(children, list), chapter
        titles = [getattr(c, "title", None) for c in children]
        assert titles[-1] == section, (chapter, titles)
    contents = next(p for p in reader.pages if "Contents" in (p.extract_text() or ""))
    listed = " ".join((contents.extract_text() or "").split())
    for section in GENAI_SECTIONS.values():
        assert section in listed, section


def test_text_generation_skeleton_has_the_genai_section_and_questions(tmp_path: Path) -> None:
    text = skeleton("chat.yaml", Category.text_generation)
    assert "\ngenai:\n" in text and "kv_heads" in text and "prompt_injection" in text
    assert "How many GPUs for the KV-cache" in text
    path = tmp_path / "chat.yaml"
    path.write_text(text, encoding="utf-8")
    found = {e.key: e for e in review(load_spec(path)).estimates}
    assert found["llm_weights_memory"].value == 16e9  # from the preset the skeleton names
    assert found["llm_gpus_needed"].missing  # and it says what to fill in


def test_media_generation_skeleton_and_questions() -> None:
    text = skeleton("art.yaml", Category.media_generation)
    assert "diffusion:" in text and "step_latency" in text
    serving = next(s for s in STEPS if s.key == "serving")
    assert any(
        "images per GPU-second" in q for q in questions_for(serving, Category.media_generation)
    )
    assert not any("GPU-second" in q for q in questions_for(serving, Category.recommendation))


def test_init_category_generation_writes_the_genai_skeleton(tmp_path: Path) -> None:
    target = tmp_path / "assistant.yaml"
    result = runner.invoke(app, ["init", str(target), "--category", "llm"])
    assert result.exit_code == 0, result.output
    assert "\ngenai:\n" in target.read_text(encoding="utf-8")


def test_practice_worksheet_of_a_genai_design_asks_genai_questions() -> None:
    from designdoc.products.worksheet import worksheet_questions

    serving = next(s for s in STEPS if s.key == "serving")
    framing = next(s for s in STEPS if s.key == "framing")
    asked = worksheet_questions(serving, Category.text_generation)
    assert any("KV-cache" in q for q in asked) and any("retrieved text" in q for q in asked)
    assert not any("RAG" in q for q in worksheet_questions(framing, Category.text_generation))


def test_rag_sheet_key_numbers_hold_gpus_latency_and_cost(tmp_path: Path) -> None:
    from designdoc.products.sheet import build_sheet

    result = build_sheet(specs_dir() / "company_docs_rag.yaml", tmp_path)
    text = " ".join(PdfReader(result.pdf).pages[0].extract_text().split())
    for needle in ("GPUs needed", "TTFT (prefill)", "Generation latency", "Cost per 1k requests"):
        assert needle in text, needle
