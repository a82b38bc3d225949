"""The command line: arguments -> library call -> exit code."""

from __future__ import annotations

import importlib
import sys

import typer

from designdoc import __version__
from designdoc.cli.app import app
from designdoc.cli.console import err_console
from designdoc.files import interrupts

# Each module registers its command(s) on `app`; heavy libraries are imported inside commands.
COMMANDS = (
    "build",
    "validate",
    "schema",
    "fields",
    "check",
    "figures",
    "examples",
    "init",
    "book",
    "watch",
    "theme",
    "diff",
)
for _name in COMMANDS:
    importlib.import_module(f"designdoc.cli.{_name}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"designdoc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Machine-learning system design documents from one YAML spec."""


def main() -> None:
    interrupts.install()
    for stream in (sys.stdout, sys.stderr):
        # Text that still holds a surrogate (from a file name) is escaped, never a crash.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        app()
    except interrupts.Interrupted as stop:
        err_console.print(f"interrupted ({stop}); nothing half-written was left behind")
        sys.exit(stop.exit_code)
