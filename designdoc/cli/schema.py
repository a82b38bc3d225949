"""`designdoc schema [-o FILE]`: the JSON Schema of a spec, generated from the models."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from designdoc.cli.app import app
from designdoc.cli.console import show_error
from designdoc.errors import DesignDocError
from designdoc.files.output import write_atomic
from designdoc.spec.schema import spec_schema


class SchemaFormat(StrEnum):
    json = "json"
    markdown = "markdown"


@app.command()
def schema(
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Write the schema to this file instead of stdout."
    ),
    format: SchemaFormat = typer.Option(
        SchemaFormat.json,
        "--format",
        help="json: the JSON Schema, for editors; markdown: the field reference, for people.",
    ),
) -> None:
    """Print the JSON Schema of the spec format, or the field reference (--format markdown)."""
    if format is SchemaFormat.markdown:
        from designdoc.spec.reference_markdown import reference_markdown

        text = reference_markdown()
    else:
        text = json.dumps(spec_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        write_atomic(output, text.encode("utf-8"))
    except DesignDocError as exc:
        show_error(exc)
        raise typer.Exit(1) from None
    typer.echo(f"wrote {output}")
