"""`designdoc theme new DIR` and `designdoc theme list`: a house style in one folder."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from designdoc.cli.app import app
from designdoc.cli.console import out_console, show_error
from designdoc.errors import DesignDocError
from designdoc.files.names import shown

theme_app = typer.Typer(
    help="Themes: a folder of templates and stylesheets that overrides the bundled look.",
    no_args_is_help=True,
)
app.add_typer(theme_app, name="theme")


@theme_app.command("new")
def new(
    folder: Path = typer.Argument(..., help="The theme folder to create.", show_default=False),
    base: str | None = typer.Option(
        None, "--from", help="Start from a shipped theme (see `designdoc theme list`)."
    ),
    force: bool = typer.Option(False, "--force", help="Write into a folder that is not empty."),
) -> None:
    """Copy the document's templates and stylesheets into FOLDER, to edit one file at a time."""
    from designdoc.authoring.theme import new_theme

    try:
        written = new_theme(folder, base, force=force)
    except DesignDocError as exc:
        show_error(exc)
        raise typer.Exit(1) from None
    out_console.print(f"[green]wrote[/] {len(written)} files to {escape(shown(folder))}")
    out_console.print(
        f"next: edit {escape(shown(folder / 'document' / 'theme.css'))}, delete what you keep as "
        f"is, then [bold]designdoc build SPEC --theme {escape(shown(folder))}[/]"
    )


@theme_app.command("list")
def list_themes() -> None:
    """List the shipped themes."""
    from designdoc.render.theme import shipped_themes

    typer.echo("default  the bundled look")
    for name, folder in shipped_themes().items():
        css = folder / "document" / "theme.css"
        first = css.read_text(encoding="utf-8").split("\n", 1)[0] if css.is_file() else ""
        summary = first.removeprefix("/*").strip().removeprefix(f"{name}:").strip()
        typer.echo(f"{name:<8} {summary.rstrip('*/ ').strip()}")
