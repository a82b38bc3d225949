"""Batch builds: finding specs, distinct output names, a broken spec among good ones."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from designdoc.cli.main import app
from designdoc.products.batch import Kind, collect_specs, output_names, plan_jobs

GOOD = """\
designdoc: 1
title: {title}
requirements:
  business_objective: Help people find things.
framing:
  category: ltr
serving:
  stages:
    - {{id: candidates, name: Candidates, kind: candidate_generation, items_in: 1M, items_out: 1k}}
    - {{id: ranking, name: Ranking, kind: ranking, items_in: 1k, items_out: 50}}
"""
BROKEN = "designdoc: 1\ntitle: Broken\nframing:\n  category: bogus\n"


def test_same_stem_in_two_folders_gets_two_names(tmp_path):
    specs = [tmp_path / "a" / "x.yaml", tmp_path / "b" / "x.yaml", tmp_path / "a" / "y.yaml"]
    names = output_names(specs)
    assert names == ["a-x", "b-x", "y"]
    assert output_names(specs) == names  # deterministic


def test_names_ignore_case_and_widen_until_distinct(tmp_path):
    specs = [tmp_path / "q" / "a" / "x.yaml", tmp_path / "r" / "a" / "X.yaml"]
    names = output_names(specs)
    assert len({n.lower() for n in names}) == 2
    assert names[0].endswith("q-a-x")


def test_folders_are_searched_for_specs(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for path in ("one.yaml", "sub/two.yml", ".hidden/three.yaml", "notes.txt"):
        (tmp_path / path).write_text("x")
    found = collect_specs([tmp_path, tmp_path / "one.yaml"])
    assert [p.name for p in found] == ["one.yaml", "two.yml"]


def test_jobs_carry_a_suffix_per_kind(tmp_path):
    jobs = plan_jobs([tmp_path / "x.yaml"], tmp_path, [Kind.sheet, Kind.practice])
    assert [j.name for j in jobs] == ["x-sheet", "x-practice"]


def test_batch_carries_on_past_a_broken_spec(tmp_path):
    specs = tmp_path / "specs"
    (specs / "a").mkdir(parents=True)
    (specs / "b").mkdir()
    (specs / "a" / "x.yaml").write_text(GOOD.format(title="First"))
    (specs / "b" / "x.yaml").write_text(GOOD.format(title="Second"))
    (specs / "broken.yaml").write_text(BROKEN)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(specs), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 1
    assert (out / "a-x.pdf").stat().st_size > 1000
    assert (out / "b-x.pdf").stat().st_size > 1000
    assert not (out / "broken.pdf").exists()
    assert "broken.yaml:4:13" in result.output
    assert "1 of 3 build(s) failed" in result.output


def test_one_job_builds_in_process(tmp_path):
    spec = tmp_path / "solo.yaml"
    spec.write_text(GOOD.format(title="Solo"))
    result = CliRunner().invoke(
        app, ["build", str(spec), "-o", str(tmp_path), "--jobs", "1", "--timings"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "solo.pdf").is_file()
    assert "Timings for solo.yaml" in result.output


def test_an_empty_folder_is_an_error(tmp_path):
    result = CliRunner().invoke(app, ["build", str(tmp_path), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "no specs to build" in result.output


@pytest.mark.parametrize("command", ["validate", "check"])
def test_validate_and_check_do_not_import_weasyprint(command: str, example_spec) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from designdoc.cli.main import app\n"
        "try:\n"
        f"    app([{command!r}, {str(example_spec)!r}])\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "print('exit', code, 'weasyprint' in sys.modules, 'designdoc.typeset.pdf' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "exit 0 False False"
