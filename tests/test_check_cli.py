"""`designdoc check` and `designdoc rules`: output formats, exit codes, and staying light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from designdoc.cli.main import app
from designdoc.review.rules.catalogue import RULE_IDS

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

# Only warnings: SRV003 (no fallbacks) and FEA006 (no skew monitoring) among them.
WARNINGS_ONLY = """\
designdoc: 1
title: Warnings only
requirements:
  business_objective: More bookings.
  out_of_scope: [Payments]
  scale: {dau: 1M, requests_per_user_per_day: 10, peak_factor: 2}
  performance: {latency_budget: 100ms}
framing:
  ml_objective: Predict the chance that a shown listing is booked.
  input: A user and a search context.
  output: The probability of a booking.
  category: regression
  labels: {positive: Booked listing}
model:
  baseline: {name: Average booking rate}
  training: {loss: mean squared error, retraining: {cadence: daily}}
evaluation:
  offline: [{metric: RMSE}]
  online: [{metric: Bookings, role: primary, business: true}, {metric: Cancels, role: guardrail}]
serving:
  prediction: online
  rollout: {shadow: true, rollback: Previous model}
monitoring:
  operational: [latency]
  ml: [prediction drift, model version, RMSE on delayed labels]
  alerts: [{metric: latency}]
"""

WITH_ERROR = WARNINGS_ONLY.replace("  baseline: {name: Average booking rate}\n", "")


def test_text_output_is_located_and_grouped(write_spec) -> None:  # type: ignore[no-untyped-def]
    path = write_spec(WITH_ERROR)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"{path}:" in out and ": ERROR MOD001 model.baseline" in out
    assert "Step 4: Model" in out and "Step 6: Serving" in out
    assert out.index("Step 4: Model") < out.index("Step 6: Serving")
    assert "Coverage" in out and "1 Requirements" in out and "Key estimates" in out
    assert "average QPS" in out and "116 QPS" in out


def test_strict_exit_codes(write_spec) -> None:  # type: ignore[no-untyped-def]
    errors = str(write_spec(WITH_ERROR, "errors.yaml"))
    warnings = str(write_spec(WARNINGS_ONLY, "warnings.yaml"))
    assert runner.invoke(app, ["check", errors, "--strict"]).exit_code == 3
    assert runner.invoke(app, ["check", "--strict", errors]).exit_code == 3
    assert runner.invoke(app, ["check", warnings, "--strict"]).exit_code == 0
    assert runner.invoke(app, ["check", warnings, "--strict=warnings"]).exit_code == 3
    assert runner.invoke(app, ["check", warnings]).exit_code == 0


def test_invalid_spec_exits_1(write_spec) -> None:  # type: ignore[no-untyped-def]
    bad = write_spec("designdoc: 1\ntitle: Bad\nframing: {category: recomendation}\n")
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 1
    assert "recomendation" in result.output


def test_unknown_option_is_a_usage_error(write_spec) -> None:  # type: ignore[no-untyped-def]
    path = str(write_spec(WARNINGS_ONLY))
    assert runner.invoke(app, ["check", path, "--stirct"]).exit_code == 2


def test_json_output(write_spec) -> None:  # type: ignore[no-untyped-def]
    path = write_spec(WITH_ERROR)
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert (doc["format"], doc["version"]) == ("designdoc-check", 1)
    spec = doc["specs"][0]
    assert spec["valid"] and spec["summary"]["errors"] >= 1
    finding = next(f for f in spec["findings"] if f["rule"] == "MOD001")
    assert finding["line"] >= 1 and finding["col"] >= 1 and finding["severity"] == "error"
    assert [c["step"] for c in spec["coverage"]] == [1, 2, 3, 4, 5, 6, 7]
    assert {r["rule"] for r in spec["rules"]} == set(RULE_IDS)
    avg = next(e for e in spec["estimates"] if e["key"] == "average_qps")
    assert avg["unit"] == "requests/s" and avg["formula"] and avg["inputs"][0]["field"]
    assert abs(avg["value"] - 1e6 * 10 / 86_400) < 1e-6


def test_json_reports_invalid_specs(write_spec) -> None:  # type: ignore[no-untyped-def]
    bad = write_spec("designdoc: 1\ntitle: Bad\nsurprise: 1\n", "bad.yaml")
    result = runner.invoke(app, ["check", str(bad), "--format", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["specs"][0]["valid"] is False and doc["specs"][0]["problems"][0]["line"] == 3


def test_github_annotations(write_spec) -> None:  # type: ignore[no-untyped-def]
    path = write_spec(WITH_ERROR)
    result = runner.invoke(app, ["check", str(path), "--format", "github"])
    lines = result.output.splitlines()
    error = next(line for line in lines if "title=MOD001" in line)
    assert error.startswith(f"::error file={path},line=")
    assert ",col=" in error and "::model.baseline" in error
    assert any(line.startswith("::warning ") for line in lines)


def test_rules_lists_the_catalogue() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(RULE_IDS)
    assert lines[0].startswith("REQ001  error") and "Requirements" in lines[0]


def test_subprocess_exit_codes(write_spec) -> None:  # type: ignore[no-untyped-def]
    errors = str(write_spec(WITH_ERROR, "errors.yaml"))
    run = [sys.executable, "-m", "designdoc", "check"]
    strict = subprocess.run([*run, errors, "--strict"], capture_output=True, text=True, check=False)
    assert strict.returncode == 3, strict.stderr
    assert "ERROR MOD001" in strict.stdout
    lenient = subprocess.run([*run, errors], capture_output=True, text=True, check=False)
    assert lenient.returncode == 0


def test_check_does_not_import_the_pdf_engine(write_spec) -> None:  # type: ignore[no-untyped-def]
    path = write_spec(WITH_ERROR)
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from designdoc.cli.main import app\n"
        f"result = CliRunner().invoke(app, ['check', {str(path)!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'diagrams'))\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr


def test_bundled_example_checks_clean() -> None:
    example = ROOT / "specs" / "video_recommendation.yaml"
    result = runner.invoke(app, ["check", str(example), "--strict"])
    assert result.exit_code == 0, result.output
    assert "Coverage" in result.output


def test_check_is_a_library_call(tmp_path: Path) -> None:
    import designdoc

    good = ROOT / "specs" / "video_recommendation.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text("designdoc: 1\ntitle: T\nrequirements: {scale: {dau: lots}}\n", encoding="utf-8")
    result = designdoc.check([good, bad], strict="errors")
    assert [c.path for c in result.specs] == [good, bad]
    assert result.specs[0].review is not None and result.specs[0].error is None
    assert result.specs[1].error is not None and "requirements.scale.dau" in str(
        result.specs[1].error
    )
    assert result.invalid and result.exit_code == 1
    assert designdoc.check([good]).exit_code == 0
