"""`designdoc validate SPEC...`: check specs against the schema, without building."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from designdoc.cli.app import app
from designdoc.cli.console import out_console, show_error, show_warning
from designdoc.errors import DesignDocError
from designdoc.files.names import shown
from designdoc.pipeline import load as load_spec


@app.command()
def validate(
    specs: list[Path] = typer.Argument(..., help="Spec files to validate.", show_default=False),
) -> None:
    """Validate specs and report every problem as file:line:col. Exit 1 if any is invalid."""
    failed = 0
    for path in specs:
        try:
            loaded = load_spec(path)
        except DesignDocError as exc:
            show_error(exc)
            failed += 1
        else:
            for warning in loaded.warnings:
                show_warning(warning.headline(), warning.frame)
            out_console.print(f"[green]ok[/] {escape(shown(path))}")
    if failed:
        raise typer.Exit(1)
