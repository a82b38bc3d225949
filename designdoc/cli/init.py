"""`designdoc init FILE [--from EXAMPLE] [--category CATEGORY]`: start a new spec."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from designdoc.cli.app import app
from designdoc.cli.console import err_console, out_console, show_error
from designdoc.errors import DesignDocError
from designdoc.files.names import shown


@app.command()
def init(
    file: Path = typer.Argument(
        ..., help="The new spec file, e.g. my_system.yaml.", show_default=False
    ),
    example: str | None = typer.Option(
        None, "--from", help="Start from this bundled example (see `designdoc examples`)."
    ),
    category: str | None = typer.Option(
        None,
        "--category",
        help="Shape the skeleton for an ML category or family, e.g. learning_to_rank, binary, "
        "regression, forecasting, uplift, anomaly, ner, speech, matching, rag, "
        "text_to_image, autocomplete, other.",
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    work: bool = typer.Option(
        False,
        "--work",
        help="Add the sections of a design doc at work: status and reviewers, motivation, "
        "goals, alternatives, milestones, cost, open questions, related documents.",
    ),
) -> None:
    """Write a commented spec skeleton (valid as written) and designdoc.schema.json beside it."""
    from designdoc.authoring.skeleton import parse_category
    from designdoc.authoring.starter import start_spec
    from designdoc.spec.vocab import Category

    chosen = parse_category(category) if category else None
    if category and chosen is None:
        values = ", ".join(c.value for c in Category)
        err_console.print(
            f"[bold red]error[/]: unknown category '{escape(category)}' (one of: {values})"
        )
        raise typer.Exit(2)
    if example and category:
        err_console.print("[bold red]error[/]: give --from or --category, not both")
        raise typer.Exit(2)
    try:
        started = start_spec(file, example=example, category=chosen, force=force, work=work)
    except DesignDocError as exc:
        show_error(exc)
        raise typer.Exit(1) from None
    out_console.print(f"[green]wrote[/] {escape(shown(started.spec))}")
    out_console.print(f"[green]wrote[/] {escape(shown(started.schema))} (the schema editors use)")
    out_console.print(f"next: edit it, then [bold]designdoc check {escape(shown(file))}[/]")
