"""How the CLI shows errors: one clear message per problem, never a traceback."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from designdoc.errors import DesignDocError, SpecError

err_console = Console(stderr=True, highlight=False, soft_wrap=True)
out_console = Console(highlight=False, soft_wrap=True)


def show_error(exc: DesignDocError, *, frames: bool = True) -> None:
    """Print a user error to stderr: each spec problem located, with its code frame."""
    if isinstance(exc, SpecError):
        for problem in exc.problems:
            err_console.print(f"[bold red]error[/]: {escape(problem.headline())}")
            if frames and problem.frame:
                err_console.print(escape(problem.frame), style="dim")
        count = len(exc.problems)
        err_console.print(f"{count} problem{'s' if count != 1 else ''} found", style="red")
    else:
        err_console.print(f"[bold red]error[/]: {escape(exc.message)}")
