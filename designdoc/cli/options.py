"""Options that several commands share: `--theme` and `--set`, checked before any work."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer

from designdoc.errors import DesignDocError


def theme_option() -> Any:
    """The `--theme` option, alike in every command that takes it."""
    return typer.Option(
        None,
        "--theme",
        help="A shipped theme (compact, memo) or a theme folder; default: the spec's "
        "document.theme.",
    )


def set_option(what: str) -> Any:
    """The repeatable `--set PATH=VALUE` option; `what` says what it does in this command."""
    return typer.Option(
        [],
        "--set",
        metavar="PATH=VALUE",
        help=f"{what}, e.g. requirements.scale.dau=300M (repeatable).",
    )


def resolve_theme_option(theme: str | None) -> Path | None:
    """The theme folder `--theme` names (relative to the working folder); exit 2 if none."""
    from designdoc.render.theme import resolve_theme

    if theme is None:
        return None
    try:
        return resolve_theme(theme, Path.cwd())
    except DesignDocError as exc:
        raise typer.BadParameter(exc.message, param_hint="--theme") from None


def check_assignments(assignments: Sequence[str]) -> None:
    """Each `--set` must read PATH=VALUE; a malformed one is bad usage (exit 2)."""
    from designdoc.spec.overrides import parse_assignment

    for text in assignments:
        try:
            parse_assignment(text)
        except DesignDocError as exc:
            raise typer.BadParameter(exc.message, param_hint="--set") from None
