"""One serving path for every output: the review, the funnel, the latency table, the sheet.

Stages of 40, 100 and 30 ms, the last beside the first, against a 150 ms budget: the
request path uses 100 + 40 = 140 ms, within budget, wherever the number is printed.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from designdoc import load_spec
from designdoc.spec.serving_path import latency_budget

SPEC = """\
designdoc: 1
title: Parallel path
requirements:
  performance: {latency_budget: 150ms}
serving:
  prediction: online
  stages:
    - {id: fetch, kind: candidate_generation, latency: 40ms}
    - {id: rank, kind: ranking, latency: 100ms}
    - {id: rules, kind: filtering, latency: 30ms, parallel_with: [fetch]}
"""


def designdoc(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "designdoc", *args], capture_output=True, text=True, check=False
    )


@pytest.fixture
def spec(write_spec) -> Path:  # type: ignore[no-untyped-def]
    return write_spec(SPEC, "parallel.yaml")  # type: ignore[no-any-return]


def test_the_path_groups_stages_that_run_side_by_side(spec: Path) -> None:
    path = latency_budget(load_spec(spec).spec)
    assert [[s.id for s in group] for group in path.online_groups] == [["fetch", "rules"], ["rank"]]
    assert path.used == pytest.approx(0.140)
    assert not path.over


def test_same_latency_in_check_json_funnel_and_pdf(spec: Path, tmp_path: Path) -> None:
    checked = designdoc("check", str(spec), "--format", "json")
    assert checked.returncode == 0, checked.stderr
    latency = json.loads(checked.stdout)["specs"][0]["latency"]
    assert latency["used_s"] == pytest.approx(0.140)
    assert latency["over_budget"] is False

    figures = tmp_path / "figures"
    drawn = designdoc("figures", str(spec), "-o", str(figures))
    assert drawn.returncode == 0, drawn.stderr
    funnel = next(figures.glob("*funnel*.svg")).read_text(encoding="utf-8")
    text = " ".join(re.findall(r">([^<>]+)</text>", funnel))
    assert "total 140 ms of 150 ms budget" in text
    assert "170 ms" not in text

    built = designdoc("build", str(spec), "-o", str(tmp_path / "out"))
    assert built.returncode == 0, built.stderr
    pdf = PdfReader(tmp_path / "out" / "parallel.pdf")
    pages = " ".join(page.extract_text() for page in pdf.pages)
    table = pages[pages.index("Latency budget") :]
    assert re.search(r"Total\s+140 ms", table), table[:400]
    assert "Within the budget" in table
