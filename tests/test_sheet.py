"""The whiteboard sheet: one landscape page for every bundled spec."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from text_sizes import text_below
from typer.testing import CliRunner

from designdoc.cli.main import app
from designdoc.files.resources import specs_dir
from designdoc.products.sheet import build_sheet, clip, flat, shown_metrics
from designdoc.render.page import MM
from designdoc.typeset.audit import Margins, audit_pdf

BUNDLED = sorted(specs_dir().glob("*.yaml"))


@pytest.mark.parametrize("spec", BUNDLED, ids=lambda p: p.stem)
def test_every_bundled_spec_fits_one_landscape_page(tmp_path, spec):
    result = build_sheet(spec, tmp_path)
    reader = PdfReader(result.pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    assert result.warnings == []
    assert text_below(result.pdf) == []
    text = reader.pages[0].extract_text()
    assert result.spec.spec.title.split()[0] in text
    words = " ".join(text.split())
    loaded = result.spec.spec
    assert flat(loaded.summary) in words, "the summary is cut"
    primaries = [
        m.metric + (f"@{m.k}" if m.k and "@" not in m.metric else "")
        for m in loaded.evaluation.offline
        if m.primary
    ]
    online = loaded.evaluation.online
    primaries += [m.metric for m in online if m.role and m.role.value == "primary"]
    for metric in primaries:
        assert f"{flat(metric)} ★" in words, f"the primary metric {metric!r} is cut"
    # sheet.css: margins of 9 mm, 10 mm at the sides and 8 mm
    assert (
        audit_pdf(result.pdf, exempt=0, margins=Margins(9 * MM, 10 * MM, 8 * MM)).problems() == []
    )


def test_a_long_spec_is_tightened_to_one_page(tmp_path):
    long = "A very long note that keeps going " * 40
    points = "\n".join(f"  - {{topic: point {i}, notes: {long}}}" for i in range(30))
    stages = "\n".join(
        f"    - {{id: s{i}, name: Stage {i}, model: {long[:120]}}}" for i in range(12)
    )
    spec = tmp_path / "long.yaml"
    spec.write_text(
        f"designdoc: 1\ntitle: Long\nsummary: {long}\nserving:\n  stages:\n{stages}\n"
        f"talking_points:\n{points}\n"
    )
    pdf = build_sheet(spec, tmp_path).pdf
    assert len(PdfReader(pdf).pages) == 1
    assert text_below(pdf) == [], "the tightest density prints text below 7 pt"


def test_a_long_summary_and_primary_metric_are_kept_whole(tmp_path):
    summary = " ".join(f"Sentence {i} of the summary says what the system does." for i in range(12))
    metric = "Fraud loss rate (matured chargebacks over gross bookings, per market and week)"
    offline = "\n".join(f"    - {{metric: offline metric {i}}}" for i in range(8))
    spec = tmp_path / "long.yaml"
    spec.write_text(
        f"designdoc: 1\ntitle: Long\nsummary: {summary}\nevaluation:\n  offline:\n{offline}\n"
        f"    - {{metric: 'PR-AUC on matured labels', primary: true}}\n"
        f"  online:\n    - {{metric: '{metric}', role: primary}}\n"
    )
    text = " ".join(PdfReader(build_sheet(spec, tmp_path).pdf).pages[0].extract_text().split())
    assert summary in text
    assert f"{metric} ★" in text
    assert "PR-AUC on matured labels ★" in text, "a primary metric after the first few is shown"
    assert "…" not in text


def test_shown_metrics_keep_every_primary_within_the_limit():
    names = ["a", "b", "c", "P", "d"]
    assert shown_metrics(names, 3, lambda m: m == "P") == ["a", "b", "P"]
    assert shown_metrics(names, 1, lambda m: m == "P") == ["P"]
    assert shown_metrics(names, 9, lambda m: m == "P") == names


def test_clip_cuts_at_a_word_and_drops_marks():
    assert clip("**Bold** and `code` text", 100) == "Bold and code text"
    assert clip("one two three four", 12) == "one two…"
    assert clip("anything", 0) == ""
    assert clip("user_id stays", 50) == "user_id stays"
    assert flat("**Whole** text\n- and a list") == "Whole text; and a list"


def test_build_sheet_option(tmp_path):
    spec = specs_dir() / "fraud_detection.yaml"
    result = CliRunner().invoke(app, ["build", "--sheet", str(spec), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "fraud_detection-sheet.pdf").is_file()
    assert not (tmp_path / "fraud_detection.pdf").exists()
