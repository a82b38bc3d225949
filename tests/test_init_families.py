"""`init --category X` for every family: its questions, its fields, valid, reviewed and built."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

from designdoc.authoring.families import QUESTIONS
from designdoc.authoring.skeleton import parse_category, skeleton
from designdoc.spec.loader import load_spec
from designdoc.spec.metrics import OFFLINE_METRICS
from designdoc.spec.vocab import Category, StageKind, family

# One category (as a user might type it) per family beyond the book.
NEW_FAMILIES = {
    "regression": "regression",
    "forecasting": "forecasting",
    "uplift": "uplift",
    "anomaly": "anomaly detection",
    "sequence_labelling": "NER",
    "speech": "speech",
    "optimisation": "matching",
    "text_generation": "rag",
    "media_generation": "text-to-image",
    "autocomplete": "autocomplete",
}
PROSE_KEYS = ("why", "answer", "notes", "description", "objective", "mitigation", "then")


# The generative families' skeletons come from authoring/skeleton_genai.py (a `genai:`
# section and the questions of the framework for generative systems): tests/test_genai_*.
GENAI_FAMILIES = {"text_generation", "media_generation"}


@pytest.mark.parametrize("name", sorted(set(NEW_FAMILIES) - GENAI_FAMILIES))
def test_each_family_gets_its_questions_metrics_and_stages(tmp_path, name):
    category = parse_category(NEW_FAMILIES[name])
    assert category is not None and family(category) == name
    path = tmp_path / "system.yaml"
    path.write_text(skeleton(path.name, category), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    for step, questions in QUESTIONS[name].items():
        block = text.split(f"\n{step}:\n")[0].rsplit("# ---- Step", 1)[1]
        for question in questions:
            assert question in block, (step, question)
    spec = load_spec(path).spec
    assert spec.framing.category is category
    assert spec.evaluation.offline[0].metric == OFFLINE_METRICS[name][0]
    assert spec.evaluation.offline[0].primary
    assert spec.serving.stages and all(s.kind for s in spec.serving.stages)


def test_generation_skeletons_have_generation_and_guardrail_stages(tmp_path):
    for raw in ("rag", "image generation"):
        path = tmp_path / "gen.yaml"
        path.write_text(skeleton(path.name, parse_category(raw)), encoding="utf-8")
        kinds = [s.kind for s in load_spec(path).spec.serving.stages]
        assert StageKind.generation in kinds and StageKind.guardrail in kinds
        assert StageKind.generation.fans_out


def test_other_category_asks_for_its_name(tmp_path):
    path = tmp_path / "other.yaml"
    path.write_text(skeleton(path.name, Category.other), encoding="utf-8")
    assert "category_name:" in path.read_text(encoding="utf-8")
    assert load_spec(path).spec.framing.category is Category.other


@pytest.mark.parametrize("category", [None, *Category], ids=lambda c: c.value if c else "none")
def test_skeletons_write_prose_in_block_style(category):
    for line in skeleton("x.yaml", category).splitlines():
        code = line.split("#", 1)[0]
        if "{" in code:
            keys = re.findall(r"[{,]\s*(\w+):", code)
            assert not set(keys) & set(PROSE_KEYS), line


@pytest.fixture(scope="module")
def family_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("families")
    for name, raw in NEW_FAMILIES.items():
        (folder / f"{name}.yaml").write_text(
            skeleton(f"{name}.yaml", parse_category(raw)), encoding="utf-8"
        )
    return folder


def test_every_family_skeleton_is_reviewed(family_folder):
    specs = sorted(map(str, family_folder.glob("*.yaml")))
    run = subprocess.run(
        [sys.executable, "-m", "designdoc", "check", *specs], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr


def test_every_family_skeleton_builds(family_folder, tmp_path):
    out = tmp_path / "pdf"
    # The review appendix is left out: test_every_family_skeleton_is_reviewed covers it.
    args = ["build", str(family_folder), "-o", str(out), "-j", "2", "--no-review"]
    run = subprocess.run(
        [sys.executable, "-m", "designdoc", *args],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    for name in NEW_FAMILIES:
        reader = PdfReader(out / f"{name}.pdf")
        if name in GENAI_FAMILIES:
            continue  # its metrics are the user's to choose; the skeleton builds, checked above
        text = "".join(page.extract_text() for page in reader.pages)
        assert OFFLINE_METRICS[name][0] in text, name
