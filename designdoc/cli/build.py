"""`designdoc build SPEC|FOLDER...`: specs in, PDF design documents (or sheets, worksheets) out."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from designdoc.cli.app import app
from designdoc.cli.console import err_console, out_console, show_problem
from designdoc.cli.options import check_assignments, resolve_theme_option, set_option, theme_option
from designdoc.files.names import shown

if TYPE_CHECKING:  # the batch machinery and progress bars load only when a build runs
    from rich.progress import Progress
    from rich.table import Table

    from designdoc.products.batch import Kind, Outcome


class PaperChoice(StrEnum):
    a4 = "a4"
    letter = "letter"


# The same list as designdoc.typeset.pdf.PDF_VARIANTS (kept here so --help loads nothing).
PdfVariant = StrEnum(  # type: ignore[misc]
    "PdfVariant", {v: v for v in ("pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/ua-1")}
)


def _timings_table(name: str, timings: dict[str, float]) -> Table:
    from rich.table import Table

    table = Table(title=f"Timings for {name}", title_justify="left", box=None, pad_edge=False)
    table.add_column("stage")
    table.add_column("seconds", justify="right")
    for stage, seconds in timings.items():
        table.add_row(stage, f"{seconds:.3f}")
    table.add_row("[bold]total[/]", f"[bold]{sum(timings.values()):.3f}[/]")
    return table


def _kinds(sheet: bool, practice: bool) -> list[Kind]:
    from designdoc.products.batch import Kind

    kinds = [k for k, wanted in ((Kind.sheet, sheet), (Kind.practice, practice)) if wanted]
    return kinds or [Kind.document]


def _report_failures(failed: list[Outcome], total: int) -> None:
    several = len({o.job.kind for o in failed}) > 1  # --sheet --practice: say which failed
    for outcome in failed:
        what = f" ({outcome.job.kind.value})" if several else ""
        err_console.print(f"[bold red]failed[/] {escape(shown(outcome.job.spec))}{what}")
        for headline, frame in outcome.errors:
            show_problem(headline, frame)
        if outcome.bug:
            err_console.print(escape(outcome.bug), style="dim")
    err_console.print(f"[red]{len(failed)} of {total} build(s) failed[/]")


def _progress() -> Progress:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[bold]building[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err_console,
        transient=True,
    )


def _empty_folders(paths: list[Path]) -> list[Path]:
    from designdoc.products.batch import collect_specs

    return [p for p in paths if p.is_dir() and not collect_specs([p])]


@app.command()
def build(
    specs: list[Path] = typer.Argument(
        ..., help="Spec files, or folders searched for *.yaml / *.yml specs.", show_default=False
    ),
    output: Path = typer.Option(Path("output"), "-o", "--output", help="Folder for the PDFs."),
    paper: PaperChoice | None = typer.Option(
        None, "--paper", help="Paper size; default: the spec's document.paper, else a4."
    ),
    review: bool = typer.Option(True, "--review/--no-review", help="Include the review appendix."),
    timings: bool = typer.Option(False, "--timings", help="Print the time of each stage."),
    jobs: int | None = typer.Option(
        None, "-j", "--jobs", min=1, help="Worker processes; default: the number of CPUs."
    ),
    sheet: bool = typer.Option(
        False, "--sheet", help="Make the one-page landscape whiteboard sheet, <name>-sheet.pdf."
    ),
    practice: bool = typer.Option(
        False, "--practice", help="Make the printable practice worksheet, <name>-practice.pdf."
    ),
    answers: bool = typer.Option(
        True, "--answers/--no-answers", help="With --practice: add the full answer appendix."
    ),
    formats: str = typer.Option(
        "pdf",
        "--format",
        help="Formats of the document, comma-separated: pdf, html (one self-contained page), "
        "md (GitHub Markdown, figures in <name>-figures/).",
    ),
    theme: str | None = theme_option(),
    overrides: list[str] = set_option(
        "Set a spec field for this build only; the cover lists the values set"
    ),
    pdf_variant: PdfVariant | None = typer.Option(
        None, "--pdf-variant", help="Archival PDF/A or accessible PDF/UA; the PDF is tagged anyway."
    ),
) -> None:
    """Build each spec into OUTPUT/<name>.pdf, in parallel; exit 1 if any spec fails.

    Specs with the same file name in different folders get distinct names (a-x.pdf, b-x.pdf).
    """
    from designdoc.products.batch import collect_specs, default_jobs, plan_jobs, run_batch

    chosen = _formats(formats)
    for folder in _empty_folders(specs):
        err_console.print(f"[yellow]warning[/]: {escape(shown(folder))}: no *.yaml specs found")
    theme_dir = resolve_theme_option(theme)
    check_assignments(overrides)
    if (sheet or practice) and (theme or overrides):
        raise typer.BadParameter(
            "--theme and --set apply to design documents; build sheets and worksheets without them",
            param_hint="--sheet/--practice",
        )
    found = collect_specs(specs)
    if not found:
        err_console.print("[bold red]error[/]: no specs to build")
        raise typer.Exit(1)
    planned = plan_jobs(
        found,
        output,
        _kinds(sheet, practice),
        paper=paper.value if paper else None,
        review=review,
        answers=answers,
        formats=chosen,
        # `--theme default` (no folder) must still win over the spec's document.theme.
        theme=str(theme_dir) if theme_dir else theme,
        overrides=overrides,
        pdf_variant=pdf_variant.value if pdf_variant else None,
    )
    with _progress() as progress:
        task = progress.add_task("", total=len(planned))

        def done(outcome: Outcome) -> None:
            progress.advance(task)
            progress.update(task, description=escape(outcome.job.spec.name))
            _show(outcome, timings, progress)

        outcomes = run_batch(planned, jobs or default_jobs(), done)
    failed = [o for o in outcomes if not o.ok]
    if failed:
        _report_failures(failed, len(outcomes))
        raise typer.Exit(1)


def _formats(text: str) -> tuple[str, ...]:
    from designdoc.errors import BuildError
    from designdoc.products.document import parse_formats

    try:
        return parse_formats(text)
    except BuildError as exc:
        raise typer.BadParameter(exc.message, param_hint="'--format'") from None


def _show(outcome: Outcome, timings: bool, progress: Progress) -> None:
    """One line per finished build, printed above the progress bar (failures come at the end)."""
    if not outcome.ok:
        return
    for warning in outcome.warnings:
        progress.console.print(
            f"[yellow]warning[/]: {escape(shown(outcome.job.spec))}: {escape(warning)}"
        )
    for path in outcome.outputs:
        out_console.print(f"[green]built[/] {escape(shown(path))}")
    if timings:
        out_console.print(_timings_table(outcome.job.spec.name, outcome.timings))
