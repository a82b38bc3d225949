"""`designdoc check SPEC...` (the review) and `designdoc rules` (its catalogue)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from designdoc.cli.app import app
from designdoc.cli.console import show_error
from designdoc.cli.options import check_assignments, set_option
from designdoc.errors import DesignDocError
from designdoc.files.names import shown
from designdoc.products.check import CheckResult, Strictness

STRICT_LEVELS: dict[str, Strictness] = {
    "--strict": "errors",
    "--strict=errors": "errors",
    "--strict=warnings": "warnings",
}


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def split_strict(args: list[str]) -> tuple[list[Path], Strictness | None]:
    """Spec paths, and the strictness `--strict[=errors|warnings]` asked for (None: lenient).

    Typer options cannot take an optional value, so `--strict` arrives among the arguments.
    """
    paths: list[Path] = []
    strict: Strictness | None = None
    for arg in args:
        if arg in STRICT_LEVELS:
            strict = STRICT_LEVELS[arg]
        elif arg.startswith("-") and len(arg) > 1:
            raise typer.BadParameter(
                f"unknown option {arg!r} (use --strict, --strict=warnings or --format)",
                param_hint="SPEC...",
            )
        else:
            paths.append(Path(arg))
    if not paths:
        raise typer.BadParameter("give at least one spec file", param_hint="SPEC...")
    return paths, strict


def _invalid_annotation(path: Path, exc: DesignDocError) -> str:
    from designdoc.errors import SpecError

    if isinstance(exc, SpecError) and exc.problems:
        p = exc.problems[0]
        where = f"file={p.file},line={p.line},col={p.col}"
    else:
        where = f"file={shown(path)}"
    message = exc.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error {where},title=invalid spec::{message}"


@app.command(context_settings={"ignore_unknown_options": True})
def check(
    specs: list[str] = typer.Argument(
        ...,
        metavar="SPEC... [--strict[=warnings]]",
        show_default=False,
        help="Spec files to review. --strict exits 3 on review errors; "
        "--strict=warnings also on warnings.",
    ),
    output_format: OutputFormat = typer.Option(
        OutputFormat.text,
        "--format",
        "-f",
        help="text, json (stable, documented) or github (workflow annotations).",
    ),
    overrides: list[str] = set_option("Review with a spec field set to a value"),
    explain_rule: str | None = typer.Option(
        None,
        "--explain",
        metavar="RULE",
        help="Explain one rule: why it matters, its source, and what in each spec made it "
        "pass, fail or not apply.",
    ),
) -> None:
    """Review specs: located findings by step, coverage and key estimates.

    Exit 0 when nothing fails; 1 for an invalid spec; 3 for review errors under
    --strict (or errors and warnings under --strict=warnings).
    """
    from designdoc.products.check import check_one
    from designdoc.review.report.json import document, invalid_json, review_json
    from designdoc.review.report.text import github_report, text_report

    paths, strict = split_strict(specs)
    check_assignments(overrides)
    rule = _rule(explain_rule) if explain_rule else None
    documents: list[dict[str, Any]] = []
    outcomes = []
    for path in paths:  # one at a time, so that each spec's report shows as soon as it is done
        outcome = check_one(path, overrides)
        outcomes.append(outcome)
        if outcome.error is not None:
            show_error(outcome.error)
            documents.append(invalid_json(shown(path), outcome.error))
            if output_format is OutputFormat.github:
                typer.echo(_invalid_annotation(path, outcome.error))
            continue
        assert outcome.review is not None and outcome.loaded is not None
        if rule is not None:
            from designdoc.review.report.explain import explain

            typer.echo(explain(rule, outcome.review, outcome.loaded))
            continue
        if output_format is OutputFormat.json:
            documents.append(review_json(outcome.review))
        elif output_format is OutputFormat.github:
            typer.echo(github_report(outcome.review), nl=False)
        else:
            report = text_report(outcome.review, outcome.loaded.overrides)
            typer.echo(report + ("\n" if len(paths) > 1 else ""), nl=False)
    if output_format is OutputFormat.json:
        typer.echo(json.dumps(document(documents), indent=2, ensure_ascii=False))
    result = CheckResult(tuple(outcomes), strict)
    if result.exit_code:
        raise typer.Exit(result.exit_code)


def _rule(rule_id: str) -> Any:
    from designdoc.review.rules.catalogue import CATALOGUE
    from designdoc.spec.suggest import did_you_mean

    by_id = {rule.id: rule for rule in CATALOGUE}
    found = by_id.get(rule_id.strip().upper())
    if found is None:
        hint = did_you_mean(rule_id.upper(), list(by_id))
        raise typer.BadParameter(f"unknown rule {rule_id!r}{hint}", param_hint="--explain")
    return found


@app.command()
def rules() -> None:
    """List the review rules: id, severity, step and what each looks for."""
    from designdoc.review.rules.catalogue import CATALOGUE

    for rule in CATALOGUE:
        step = f"{rule.step} {rule.step_name}"
        typer.echo(f"{rule.id}  {rule.severity.value:<7}  {step:<14}  {rule.title}")
