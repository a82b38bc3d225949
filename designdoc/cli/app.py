"""The CLI's commands, one module each; every module registers on `app`."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="designdoc",
    help=(
        "Machine-learning system design documents from one YAML spec.\n\n"
        "Exit codes: 0 ok; 1 invalid spec or failed build; 2 bad usage; "
        "3 review errors under `check --strict`."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
