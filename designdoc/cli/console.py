"""How the CLI shows errors: one clear message per problem, never a traceback."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from designdoc.errors import DesignDocError, SpecError
from designdoc.spec.grammar import counted

# emoji=False: a location such as `spec.yaml:100:5` must never print as `spec.yaml💯5`.
# Our own messages use markup; text from a spec or a path always goes through escape().
err_console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
out_console = Console(highlight=False, soft_wrap=True, emoji=False)


def show_error(exc: DesignDocError, *, frames: bool = True) -> None:
    """Print a user error to stderr: each spec problem located, with its code frame."""
    if isinstance(exc, SpecError):
        for problem in exc.problems:
            show_problem(problem.headline(), problem.frame if frames else "")
        if exc.omitted:
            err_console.print(f"and {exc.omitted} more (the first {len(exc.problems)} shown)")
        count = len(exc.problems) + exc.omitted
        err_console.print(f"{counted(count, 'problem')} found", style="red")
    else:
        err_console.print(f"[bold red]error[/]: {escape(exc.message)}")


def show_problem(headline: str, frame: str = "") -> None:
    """One located problem on stderr, with its code frame when there is one."""
    err_console.print(f"[bold red]error[/]: {escape(headline)}")
    if frame:
        err_console.print(escape(frame), style="dim")


def show_warning(headline: str, frame: str = "") -> None:
    """One located warning on stderr (the spec is still valid)."""
    err_console.print(f"[bold yellow]warning[/]: {escape(headline)}")
    if frame:
        err_console.print(escape(frame), style="dim")
