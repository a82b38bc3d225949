"""`designdoc watch SPEC`: a live HTML preview that follows each save of the spec."""

from __future__ import annotations

import shlex
import signal
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from designdoc.cli.app import app
from designdoc.cli.build import PaperChoice
from designdoc.cli.console import err_console, out_console, show_error, show_problem
from designdoc.cli.options import check_assignments, resolve_theme_option, set_option, theme_option
from designdoc.errors import DesignDocError
from designdoc.files.interrupts import Interrupted
from designdoc.files.names import shown
from designdoc.spec.grammar import counted

if TYPE_CHECKING:
    from designdoc.preview.pdf import PdfResult
    from designdoc.preview.session import State


def _stop_on_term() -> None:
    """SIGTERM stops like Ctrl-C: the same clean exit, scratch files removed."""

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def _clock() -> str:
    return time.strftime("%H:%M:%S")


def _status(spec: Path, state: State) -> None:
    """One line per rebuild: what happened and how long it took."""
    took = f"{state.seconds * 1000:.0f} ms"
    if state.ok:
        counts = {s: sum(f["severity"] == s for f in state.findings) for s in ("error", "warning")}
        review = (
            f"{counted(counts['error'], 'review error')}, {counted(counts['warning'], 'warning')}"
        )
        out_console.print(f"{_clock()} [green]rebuilt[/] {escape(spec.name)} in {took} ({review})")
        return
    first = state.problems[0]["headline"] if state.problems else "unknown problem"
    more = f" (+{len(state.problems) - 1} more)" if len(state.problems) > 1 else ""
    out_console.print(
        f"{_clock()} [red]invalid[/] {escape(first)}{more}; in {took}, the last good page stays"
    )


def _pdf_status(result: PdfResult) -> None:
    if result.pdf is not None:
        out_console.print(
            f"{_clock()} [green]pdf[/] {escape(shown(result.pdf))} in {result.seconds:.1f} s"
        )
    else:
        out_console.print(f"{_clock()} [red]pdf failed[/] {escape(result.error)}")


@app.command()
def watch(
    spec: Path = typer.Argument(..., help="The spec file to preview.", show_default=False),
    port: int = typer.Option(
        8000, "--port", min=0, max=65535, help="Port on 127.0.0.1; 0: any free one."
    ),
    open_browser: bool = typer.Option(False, "--open", help="Open the preview in the browser."),
    pdf: bool = typer.Option(
        False, "--pdf", help="Also remake OUTPUT/<name>.pdf after each valid save."
    ),
    output: Path = typer.Option(Path("output"), "-o", "--output", help="Folder for --pdf."),
    paper: PaperChoice | None = typer.Option(
        None, "--paper", help="Paper size; default: the spec's."
    ),
    review: bool = typer.Option(True, "--review/--no-review", help="Include the review appendix."),
    theme: str | None = theme_option(),
    overrides: list[str] = set_option(
        "Set a spec field on every rebuild; the cover lists the values set"
    ),
) -> None:
    """Serve a live preview of SPEC on 127.0.0.1 that updates in place on each save.

    Problems of an invalid save show over the last good page; review findings in a side panel.
    Ctrl-C stops.
    """
    from designdoc.preview.live import LivePreview
    from designdoc.preview.session import assignment_problems

    theme_dir = resolve_theme_option(theme)
    check_assignments(overrides)
    if not spec.is_file():
        err_console.print(f"[bold red]error[/]: {escape(shown(spec))}: no such file")
        raise typer.Exit(1)
    # A bad --set would fail every rebuild: said once, before anything is served.
    bad = assignment_problems(spec, overrides)
    for problem in bad:
        show_problem(problem.headline())
    if bad:
        raise typer.Exit(1)
    try:
        live = LivePreview(
            spec,
            port=port,
            on_rebuild=lambda state: _status(spec, state),
            pdf_dir=output if pdf else None,
            on_pdf=_pdf_status,
            paper=paper.value if paper else None,
            review=review,
            overrides=overrides,
            theme=theme_dir,
        )
    except DesignDocError as exc:
        show_error(exc)
        raise typer.Exit(1) from None
    _stop_on_term()
    try:
        live.start()
        out_console.print(f"serving {live.url} (Ctrl-C to stop)")
        if overrides:
            sets = " ".join(f"--set {shlex.quote(o)}" for o in overrides)
            out_console.print(f"on every rebuild: {escape(sets)}")
        if open_browser:
            import webbrowser

            webbrowser.open(live.url)
        threading.Event().wait()
    except (KeyboardInterrupt, Interrupted):
        # Ctrl-C is how a preview is meant to end: a clean stop, exit 0.
        out_console.print("stopping")
    finally:
        live.stop()
