"""`designdoc examples [NAME -o DIR]`: list the bundled example specs, or copy one out."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from designdoc.cli.app import app
from designdoc.cli.console import out_console, show_error
from designdoc.errors import DesignDocError
from designdoc.files.names import shown


def _table() -> Table:
    from designdoc.authoring.examples import list_examples

    table = Table(box=None, pad_edge=False, title_justify="left")
    table.add_column("name", style="bold", no_wrap=True)
    table.add_column("what it designs")
    table.add_column("category", style="cyan")
    for example in list_examples():
        table.add_row(escape(example.name), escape(example.line), escape(example.category))
    return table


@app.command()
def examples(
    name: str | None = typer.Argument(None, help="An example to copy out.", show_default=False),
    output: Path = typer.Option(Path("."), "-o", "--output", help="Folder to copy it into."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    path: bool = typer.Option(
        False, "--path", help="Print the folder of the bundled specs (to build or book them all)."
    ),
) -> None:
    """List the bundled example specs; with NAME, copy that one to OUTPUT/NAME.yaml to edit."""
    from designdoc.authoring.examples import copy_example
    from designdoc.files.resources import specs_dir

    if path:
        typer.echo(str(specs_dir()))
        return
    try:
        if name is None:
            out_console.print(_table())
            return
        target = copy_example(name, output, force=force)
    except DesignDocError as exc:
        show_error(exc)
        raise typer.Exit(1) from None
    out_console.print(f"[green]wrote[/] {escape(shown(target))}")
