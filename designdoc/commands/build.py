"""`designdoc build SPEC...`: specs in, PDF design documents out."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from designdoc.commands import app
from designdoc.commands.report import err_console, out_console, show_error
from designdoc.errors import DesignDocError


class PaperChoice(StrEnum):
    a4 = "a4"
    letter = "letter"


def _timings_table(name: str, timings: dict[str, float]) -> Table:
    table = Table(title=f"Timings for {name}", title_justify="left", box=None, pad_edge=False)
    table.add_column("stage")
    table.add_column("seconds", justify="right")
    for stage, seconds in timings.items():
        table.add_row(stage, f"{seconds:.3f}")
    table.add_row("[bold]total[/]", f"[bold]{sum(timings.values()):.3f}[/]")
    return table


@app.command()
def build(
    specs: list[Path] = typer.Argument(..., help="Spec files to build.", show_default=False),
    output: Path = typer.Option(Path("output"), "-o", "--output", help="Folder for the PDFs."),
    paper: PaperChoice | None = typer.Option(
        None, "--paper", help="Paper size; default: the spec's document.paper, else a4."
    ),
    review: bool = typer.Option(
        True, "--review/--no-review", help="Include the review appendix."
    ),
    timings: bool = typer.Option(False, "--timings", help="Print the time of each stage."),
) -> None:
    """Build each spec into OUTPUT/<spec name>.pdf. Exit 1 if any spec fails."""
    from designdoc.pipeline import build as build_spec

    failed = 0
    for path in specs:
        try:
            result = build_spec(
                path, output, paper=paper.value if paper else None, review=review
            )
        except DesignDocError as exc:
            show_error(exc)
            failed += 1
            continue
        for warning in result.warnings:
            err_console.print(f"[yellow]warning[/]: {path}: {warning}")
        out_console.print(f"[green]built[/] {result.pdf}")
        if timings:
            out_console.print(_timings_table(path.name, result.timings))
    if failed:
        err_console.print(f"[red]{failed} of {len(specs)} spec(s) failed[/]")
        raise typer.Exit(1)
