"""The command line as a user runs it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from designdoc import __version__
from designdoc.cli.main import app

runner = CliRunner()
BAD_SPEC = "designdoc: 1\ntitle: T\nrequirements:\n  buisness_objective: x\n"


def run(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "designdoc", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"designdoc {__version__}"


def test_help_documents_exit_codes():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "Exit codes" in result.output


def test_validate_ok_and_bad(write_spec):
    good = write_spec("designdoc: 1\ntitle: T\n", "good.yaml")
    bad = write_spec(BAD_SPEC, "bad.yaml")
    assert runner.invoke(app, ["validate", str(good)]).exit_code == 0
    result = run("validate", str(good), str(bad))
    assert result.returncode == 1
    assert f"{bad}:4:3: requirements.buisness_objective: unknown key" in result.stderr
    assert "did you mean 'business_objective'?" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args", [["validate"], ["build"], ["frobnicate"], ["build", "x.yaml", "--paper", "a3"]]
)
def test_bad_usage_exits_2(args):
    assert runner.invoke(app, args).exit_code == 2


def test_missing_file_is_one_line(tmp_path):
    result = run("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert result.stderr.strip().endswith("nope.yaml: no such file")
    assert "Traceback" not in result.stderr


def test_schema_to_stdout_and_file(tmp_path):
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "Spec"
    target = tmp_path / "schema.json"
    assert runner.invoke(app, ["schema", "-o", str(target)]).exit_code == 0
    assert json.loads(target.read_text())["required"] == ["designdoc", "title"]


def test_build_writes_pdf_and_timings(tmp_path, write_spec):
    spec = write_spec("designdoc: 1\ntitle: T\n")
    result = run("build", str(spec), "-o", str(tmp_path / "out"), "--timings")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "spec.pdf").read_bytes().startswith(b"%PDF")
    for stage in ("load", "validate", "figures", "html", "pdf", "total"):
        assert stage in result.stdout


def test_build_of_bad_spec_fails_cleanly(tmp_path, write_spec):
    spec = write_spec(BAD_SPEC)
    result = run("build", str(spec), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "unknown key 'buisness_objective'" in result.stderr
    assert not (tmp_path / "out" / "spec.pdf").exists()


def test_output_folder_blocked_by_a_file(tmp_path, write_spec):
    spec = write_spec("designdoc: 1\ntitle: T\n")
    (tmp_path / "taken").write_text("x")
    result = run("build", str(spec), "-o", str(tmp_path / "taken"))
    assert result.returncode == 1
    assert "exists and is not a folder" in result.stderr


def test_missing_graphviz_says_how_to_install(tmp_path, write_spec):
    spec = write_spec(
        "designdoc: 1\ntitle: T\nserving:\n"
        "  stages: [{id: a, items_in: 10, items_out: 5, latency: 5ms}]\n"
    )
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    result = run("build", str(spec), "-o", str(tmp_path), env=env)
    assert result.returncode == 1
    assert "Graphviz" in result.stderr and "apt-get install graphviz" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_does_not_import_weasyprint(write_spec):
    spec = write_spec("designdoc: 1\ntitle: T\n")
    code = (
        "import sys\n"
        "from designdoc.cli.main import app\n"
        f"try:\n    app(['validate', {str(spec)!r}])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('weasyprint', 'diagrams', 'graphviz') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().endswith("[]")
