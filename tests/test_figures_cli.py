"""`designdoc figures SPEC [-o DIR] [--format svg|png]`."""

from __future__ import annotations

from pathlib import Path

from test_figures_support import SMALL_SPEC
from typer.testing import CliRunner

from designdoc.cli.main import app

runner = CliRunner()


def test_figures_command_writes_svgs(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(SMALL_SPEC)
    out = tmp_path / "figs"
    result = runner.invoke(app, ["figures", str(spec), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "architecture.svg",
        "data.svg",
        "funnel.svg",
        "lifecycle.svg",
    ]


def test_figures_command_writes_pngs(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(SMALL_SPEC)
    out = tmp_path / "figs"
    result = runner.invoke(app, ["figures", str(spec), "-o", str(out), "--format", "png"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == ["architecture.png", "data.png", "funnel.png", "lifecycle.png"]
    assert all((out / n).read_bytes().startswith(b"\x89PNG") for n in names)


def test_figures_command_rejects_a_bad_spec(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec("designdoc: 1\ntitle: X\nserving: {stages: [{id: 1bad}]}\n")
    result = runner.invoke(app, ["figures", str(spec), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert not (tmp_path / "o").exists()
