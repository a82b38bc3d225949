"""`designdoc diff OLD NEW`: what changed between two versions of a design, by step."""

from __future__ import annotations

from enum import StrEnum

import typer

from designdoc.cli.app import app
from designdoc.cli.console import show_error
from designdoc.errors import DesignDocError

EXIT_NEW_ERRORS = 3


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"


class FailOn(StrEnum):
    never = "never"
    new_errors = "new-errors"


@app.command()
def diff(
    old: str = typer.Argument(
        ..., help="The old version: a spec file or a git revision, REV:path.", show_default=False
    ),
    new: str = typer.Argument(
        ..., help="The new version: a spec file or a git revision, REV:path.", show_default=False
    ),
    output_format: DiffFormat = typer.Option(
        DiffFormat.text, "--format", "-f", help="text, json, or md (a pull request comment)."
    ),
    fail_on: FailOn = typer.Option(
        FailOn.never, "--fail-on", help="new-errors: exit 3 when review errors appeared."
    ),
) -> None:
    """Fields added, removed and changed by step; estimates that moved; findings that came
    and went. Exit 0; 1 when a version cannot be read; 3 with --fail-on new-errors."""
    from designdoc.diff import diff_specs, load_version
    from designdoc.diff.report import json_text, markdown_report, text_report

    try:
        result = diff_specs(load_version(old), load_version(new), old, new)
    except DesignDocError as exc:
        show_error(exc)
        raise typer.Exit(1) from None
    render = {DiffFormat.text: text_report, DiffFormat.json: json_text}
    typer.echo(render.get(output_format, markdown_report)(result), nl=False)
    if fail_on is FailOn.new_errors and result.new_errors:
        raise typer.Exit(EXIT_NEW_ERRORS)
