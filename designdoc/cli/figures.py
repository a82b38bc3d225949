"""`designdoc figures SPEC [-o DIR] [--format svg|png]`: the figures alone, for slides and wikis."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape

from designdoc.cli.app import app
from designdoc.cli.console import out_console, show_error
from designdoc.errors import DesignDocError
from designdoc.files.names import shown
from designdoc.pipeline import load as load_spec


class FigureFormat(StrEnum):
    svg = "svg"
    png = "png"


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
    from designdoc.figures.export import export_figures

    try:
        written = export_figures(load_spec(spec).spec, output, fmt.value)
    except DesignDocError as exc:
        show_error(exc)
        raise typer.Exit(1) from None
    for path in written:
        out_console.print(f"wrote {escape(shown(path))}")
    if not written:
        out_console.print("the spec has nothing to draw yet (no data, stages or components)")
