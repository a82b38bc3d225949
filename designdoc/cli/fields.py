"""`designdoc fields [SECTION]`: what can be written where, in the terminal."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from designdoc.cli.app import app
from designdoc.cli.console import err_console, out_console
from designdoc.spec.reference import FieldDoc, field_docs
from designdoc.spec.suggest import did_you_mean


def _values(doc: FieldDoc) -> str:
    parts = []
    for value in doc.values:
        also = f" [dim]({escape(', '.join(value.aliases))})[/]" if value.aliases else ""
        parts.append(f"[bold]{escape(value.name)}[/]{also}")
    return ", ".join(parts)


def _row(doc: FieldDoc, prefix: str) -> tuple[str, str, str, str]:
    name = doc.path[len(prefix) :].lstrip(".") if prefix else doc.path
    kind = doc.type + (" (required)" if doc.required else "")
    about = escape(doc.description)
    if doc.units:
        about += f"\n[dim]written {escape(doc.units)}[/]"
    if doc.values:
        about += "\n" + _values(doc)
    if doc.default not in ("", "[]", "{}"):
        about += f"\n[dim]default {escape(doc.default)}[/]"
    return escape(name or doc.path), escape(kind), about, escape(doc.example)


@app.command()
def fields(
    section: str | None = typer.Argument(
        None, help="A section or field path, e.g. serving or serving.stages.", show_default=False
    ),
) -> None:
    """Show the spec's fields: type, units, allowed values, default and an example."""
    docs = field_docs()
    if section:
        wanted = section.strip().rstrip(".").replace("[]", "")
        chosen = [
            d
            for d in docs
            if d.path.replace("[]", "") == wanted
            or d.path.replace("[]", "").startswith(wanted + ".")
        ]
        if not chosen:
            paths = sorted({d.path.replace("[]", "") for d in docs})
            hint = did_you_mean(wanted, paths)
            err_console.print(f"[bold red]error[/]: no field or section '{escape(wanted)}'{hint}")
            raise typer.Exit(2)
    else:
        wanted, chosen = "", docs
    table = Table(title=f"designdoc fields {wanted}".strip(), show_lines=True, expand=True)
    for column, ratio in (("field", 3), ("type", 2), ("what to write", 6), ("example", 2)):
        table.add_column(column, ratio=ratio, overflow="fold")
    for doc in chosen:
        if not doc.section:
            prefix = wanted if wanted and doc.path.replace("[]", "") != wanted else ""
            table.add_row(*_row(doc, prefix.replace(".", ".") if prefix else ""))
    out_console.print(table)
