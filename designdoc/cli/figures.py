"""`designdoc figures SPEC [-o DIR] [--format svg|png]`: the figures alone, for slides and wikis."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape

from designdoc.cli.app import app
from designdoc.cli.console import out_console, show_error
from designdoc.errors import DesignDocError
from designdoc.spec.loader import load_spec

PNG_DPI = 192


class FigureFormat(StrEnum):
    svg = "svg"
    png = "png"


def _write_png(figure_source: str, svg_path: Path) -> Path:
    from designdoc.figures.layout.dot import run_dot
    from designdoc.files.output import write_atomic

    png = run_dot(figure_source, "png", (f"-Gdpi={PNG_DPI}",))
    target = write_atomic(svg_path.with_suffix(".png"), png)
    svg_path.unlink(missing_ok=True)
    return target


def _draw(spec_path: Path, out_dir: Path, fmt: FigureFormat) -> list[Path]:
    from designdoc.figures import draw_figures

    loaded = load_spec(spec_path)
    paper = str(loaded.spec.document.paper)
    written = []
    for figure in draw_figures(loaded.spec, out_dir, paper=paper):
        path = figure.path
        if fmt is FigureFormat.png:
            path = _write_png(figure.dot_source, figure.path)
        written.append(path)
    return written


@app.command()
def figures(
    spec: Path = typer.Argument(..., help="The spec file.", show_default=False),
    output: Path = typer.Option(
        Path("figures"), "-o", "--output", help="Folder to write the figures into."
    ),
    fmt: FigureFormat = typer.Option(
        FigureFormat.svg, "--format", help="svg (vector, icons inlined) or png (raster)."
    ),
) -> None:
    """Draw the spec's figures (architecture, funnel, lifecycle, data) into a folder."""
    try:
        written = _draw(spec, output, fmt)
    except DesignDocError as exc:
        show_error(exc)
        raise typer.Exit(1) from None
    for path in written:
        out_console.print(f"wrote {escape(str(path))}")
    if not written:
        out_console.print("the spec has nothing to draw yet (no data, stages or components)")
