"""`--set PATH=VALUE`: what-if values applied before validation, checked like the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from designdoc.cli.main import app
from designdoc.errors import AssignmentError, SpecError
from designdoc.pipeline import review_of
from designdoc.products.document import build
from designdoc.spec.loader import load_spec
from designdoc.spec.overrides import parse_assignment

runner = CliRunner()
SPEC = """\
designdoc: 1
title: Feed ranking
requirements:
  scale: {dau: 100M, requests_per_user_per_day: 10}
serving:
  prediction: online
  stages:
    - {id: retrieval, name: Retrieval, kind: candidate_generation, latency: 30ms}
    - {id: ranking, name: Ranking, kind: ranking, latency: 90ms}
"""


def flat(output: str) -> str:
    return " ".join(output.split())


def test_nested_path_sets_a_quantity(write_spec) -> None:  # type: ignore[no-untyped-def]
    loaded = load_spec(write_spec(SPEC), overrides=["requirements.scale.dau=300M"])
    assert loaded.spec.requirements.scale.dau is not None
    assert loaded.spec.requirements.scale.dau.value == 300e6
    (applied,) = loaded.overrides
    assert (applied.path, applied.value, applied.previous) == (
        "requirements.scale.dau",
        "300M",
        "100M",
    )
    # ... and the review sees the new value: three times the traffic.
    before = review_of(load_spec(write_spec(SPEC))).estimate("average_qps")
    after = review_of(loaded).estimate("average_qps")
    assert before and after and before.value and after.value
    assert after.value == pytest.approx(3 * before.value)


def test_missing_sections_are_created(write_spec) -> None:  # type: ignore[no-untyped-def]
    loaded = load_spec(
        write_spec(SPEC), overrides=["requirements.performance.latency_budget=150ms"]
    )
    assert loaded.spec.requirements.performance.latency_budget is not None
    assert loaded.spec.requirements.performance.latency_budget.value == pytest.approx(0.15)
    assert loaded.overrides[0].previous is None


def test_list_items_by_index_and_by_id(write_spec) -> None:  # type: ignore[no-untyped-def]
    loaded = load_spec(
        write_spec(SPEC),
        overrides=["serving.stages[0].latency=10ms", "serving.stages[ranking].latency=80ms"],
    )
    stages = loaded.spec.serving.stages
    assert [s.latency.text for s in stages if s.latency] == ["10ms", "80ms"]
    assert loaded.overrides[1].path == "serving.stages[ranking].latency"
    whole = load_spec(write_spec(SPEC), overrides=["requirements.constraints=[on device, 1 GB]"])
    assert whole.spec.requirements.constraints == ["on device", "1 GB"]


def test_bad_paths_get_a_did_you_mean_each(write_spec) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SpecError) as caught:
        load_spec(
            write_spec(SPEC),
            overrides=[
                "requirements.scale.dua=3B",
                "serving.stages[rankng].latency=1ms",
                "serving.stages[5].latency=1ms",
            ],
        )
    lines = [p.headline() for p in caught.value.problems]
    assert lines == [
        "--set requirements.scale.dua=3B: requirements.scale.dua: "
        "unknown key 'dua'; did you mean 'dau'?",
        "--set serving.stages[rankng].latency=1ms: serving.stages: "
        "no item 'rankng' in serving.stages; did you mean 'ranking'?",
        "--set serving.stages[5].latency=1ms: serving.stages: "
        "serving.stages has 2 item(s); there is no [5]",
    ]


def test_a_bad_value_gets_the_message_the_file_would(write_spec) -> None:  # type: ignore[no-untyped-def]
    in_file = write_spec(SPEC.replace("dau: 100M", "dau: lots"), "file.yaml")
    with pytest.raises(SpecError) as from_file:
        load_spec(in_file)
    with pytest.raises(SpecError) as from_set:
        load_spec(write_spec(SPEC), overrides=["requirements.scale.dau=lots"])
    (file_problem,) = from_file.value.problems
    (set_problem,) = from_set.value.problems
    assert set_problem.message == file_problem.message
    assert set_problem.headline() == (
        f"--set requirements.scale.dau=lots: requirements.scale.dau: {file_problem.message}"
    )


def test_malformed_assignments() -> None:
    for text in ("requirements.scale.dau", "=3", "[0].x=1", "a..b=1"):
        with pytest.raises(AssignmentError):
            parse_assignment(text)
    assert parse_assignment("a.b=").value is None
    assert parse_assignment("a.b=3").value == 3


def test_a_value_the_loader_refuses_is_refused_with_its_message(write_spec) -> None:  # type: ignore[no-untyped-def]
    # A malformed date or an unsupported tag is read by the spec's own loader, not PyYAML's.
    for value, message in (
        ("2027-13-01", "cannot read '2027-13-01' as timestamp: month must be in 1..12"),
        ("!!binary abc", "the tag '!!binary' is not supported in a spec"),
    ):
        with pytest.raises(AssignmentError, match=message):
            parse_assignment(f"work.decision_date={value}")
    spec = str(write_spec(SPEC))
    run = runner.invoke(app, ["check", spec, "--set", "work.decision_date=2026-02-30"])
    assert run.exit_code == 2
    assert "day is out of range for month" in flat(run.output)
    assert "Traceback" not in run.output


def test_build_lists_the_values_set_on_the_cover(tmp_path: Path, write_spec) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(SPEC)
    result = build(spec, tmp_path, overrides=["requirements.scale.dau=300M"])
    cover = PdfReader(result.pdf).pages[0].extract_text()
    assert "What-if build: 1 value set on the command line" in cover
    assert "requirements.scale.dau" in cover and "300M" in cover and "100M" in cover
    plain = build(spec, tmp_path / "plain")
    assert "What-if" not in PdfReader(plain.pdf).pages[0].extract_text()


def test_cli_check_and_build_take_set(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = str(write_spec(SPEC))
    ok = runner.invoke(app, ["check", spec, "--set", "requirements.scale.dau=300M"])
    assert ok.exit_code == 0, ok.output
    bad_path = runner.invoke(app, ["check", spec, "--set", "requirements.scale.dua=1"])
    assert bad_path.exit_code == 1
    assert "did you mean 'dau'" in flat(bad_path.output)
    malformed = runner.invoke(app, ["build", spec, "-o", str(tmp_path), "--set", "nothing"])
    assert malformed.exit_code == 2
    assert "write PATH=VALUE" in flat(malformed.output.replace("│", " "))
    failed = runner.invoke(
        app, ["build", spec, "-o", str(tmp_path), "-j", "1", "--set", "requirements.scale.dau=x"]
    )
    assert failed.exit_code == 1
    assert "--set requirements.scale.dau=x: requirements.scale.dau:" in flat(failed.output)
    assert not (tmp_path / "spec.pdf").exists()
