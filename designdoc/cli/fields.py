"""`designdoc fields [SECTION]`: what can be written where, in the terminal."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from designdoc.cli.app import app
from designdoc.cli.console import err_console, out_console
from designdoc.spec.reference import FieldDoc, field_docs
from designdoc.spec.suggest import did_you_mean

WIDE = 100  # narrower terminals get the fields as a list rather than a table


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
    rows = [
        _row(doc, wanted if wanted and doc.path.replace("[]", "") != wanted else "")
        for doc in chosen
        if not doc.section
    ]
    title = f"designdoc fields {wanted}".strip()
    if out_console.width < WIDE:
        _print_list(title, rows)
        return
    table = Table(title=title, show_lines=True, expand=True)
    for column, ratio in (("field", 3), ("type", 2), ("what to write", 6), ("example", 2)):
        table.add_column(column, ratio=ratio, overflow="fold")
    for row in rows:
        table.add_row(*row)
    out_console.print(table)


def _print_list(title: str, rows: list[tuple[str, str, str, str]]) -> None:
    """One field after another, its text wrapped between words: a table's narrow columns
    would break names and examples mid-word."""
    out_console.print(f"[bold]{title}[/]", soft_wrap=False)
    for name, kind, about, example in rows:
        out_console.print()
        out_console.print(f"[bold]{name}[/]  [dim]{kind}[/]", soft_wrap=False)
        text = about + (f"\n[dim]e.g.[/] {example}" if example else "")
        for line in Text.from_markup(text).wrap(out_console, max(20, out_console.width - 4)):
            line.rstrip()
            out_console.print(Text("    ") + line, soft_wrap=True)
