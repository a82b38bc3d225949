"""`designdoc book SPEC|FOLDER... -o FILE.pdf`: many specs, one study book."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from designdoc.cli.app import app
from designdoc.cli.build import PaperChoice
from designdoc.cli.console import err_console, out_console, show_error
from designdoc.errors import DesignDocError
from designdoc.files.names import shown


@app.command()
def book(
    specs: list[Path] = typer.Argument(
        ..., help="Spec files, or folders of specs; parts follow this order.", show_default=False
    ),
    output: Path = typer.Option(
        Path("output/study-book.pdf"), "-o", "--output", help="The book's PDF file."
    ),
    title: str | None = typer.Option(None, "--title", help="The book's title."),
    paper: PaperChoice | None = typer.Option(
        None, "--paper", help="Paper size; default: the first spec's document.paper."
    ),
    review: bool = typer.Option(True, "--review/--no-review", help="Include each review appendix."),
    jobs: int | None = typer.Option(
        None, "-j", "--jobs", min=1, help="Worker processes for the parts; default: the CPUs."
    ),
) -> None:
    """Make one PDF of several specs: cover, contents, comparison table, one part per spec."""
    from designdoc.products.batch import collect_specs, default_jobs
    from designdoc.products.book import build_book

    found = collect_specs(specs)
    if not found:
        err_console.print("[bold red]error[/]: no specs to put in the book")
        raise typer.Exit(1)
    try:
        result = build_book(
            found,
            output,
            paper=paper.value if paper else None,
            review=review,
            title=title,
            jobs=jobs or default_jobs(),
        )
    except DesignDocError as exc:
        show_error(exc)
        raise typer.Exit(1) from None
    for warning in result.warnings:
        err_console.print(f"[yellow]warning[/]: {escape(warning)}")
    out_console.print(
        f"[green]built[/] {escape(shown(result.pdf))} ({result.parts} parts, {result.pages} pages)"
    )
