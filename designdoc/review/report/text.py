"""Plain-text and GitHub-annotation renderings of a review, for the CLI to print."""

from __future__ import annotations

from collections.abc import Sequence

from designdoc.review.result import Finding, Review
from designdoc.spec.grammar import counted
from designdoc.spec.overrides import Applied

LABELS = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def finding_line(f: Finding) -> str:
    """file:line:col: SEVERITY RULE message; an accepted finding says so after its rule."""
    rule = f.rule + "".join(f" (also {other})" for other in f.also)
    mark = " [accepted]" if f.accepted else ""
    return f"{f.location}: {LABELS[f.severity]} {rule}{mark} {f.message}"


def findings_text(review: Review) -> list[str]:
    """Findings grouped by step, most severe first, each as file:line:col: SEVERITY RULE message."""
    lines: list[str] = []
    for step, name, findings in review.by_step():
        lines.append(f"Step {step}: {name}")
        for f in findings:
            lines.append("  " + finding_line(f))
            if f.note:
                lines.append(f"      accepted: {f.note}")
    return lines


def coverage_text(review: Review) -> list[str]:
    lines = [f"  {'step':<16}{'coverage':>9}  {'rules':>11}  empty key fields"]
    for c in review.coverage:
        shown = "n/a" if c.percent is None else f"{c.percent}%"
        rules = f"{c.rules_passed}/{c.rules_passed + c.rules_failed} pass"
        empty = ", ".join(c.empty_fields) or "-"
        lines.append(f"  {c.step} {c.name:<14}{shown:>9}  {rules:>11}  {empty}")
    return lines


def estimates_text(review: Review) -> list[str]:
    lines = []
    for e in review.key_estimates:
        extra = f"  [{e.comparison}]" if e.comparison else ""
        lines.append(f"  {e.name:<24}{e.display:>20}   {e.formula}{extra}")
    skipped = [e for e in review.skipped if e.key_figure]
    for e in skipped:
        lines.append(f"  {e.name:<24}{'skipped':>20}   {e.enable_hint}")
    return lines or ["  none: the spec gives no quantities to estimate from"]


def summary_line(review: Review) -> str:
    counts = [
        counted(review.errors, "error"),
        counted(review.warnings, "warning"),
        counted(review.infos, "info"),
    ]
    if review.accepted:
        counts.append(f"{review.accepted} accepted (not counted)")
    return f"{review.file}: " + ", ".join(counts)


def what_if_line(overrides: Sequence[Applied]) -> str:
    """One line naming each value set with `--set`, and the spec's own."""

    def one(o: Applied) -> str:
        own = "not set" if o.previous is None else o.previous
        if len(own) > 40:  # a list or section the value replaced: its start is enough
            own = own[:39] + "…"
        return f"{o.path}={o.value or '(cleared)'} (spec: {own})"

    return "What-if review, values set on the command line: " + "; ".join(map(one, overrides))


def text_report(review: Review, overrides: Sequence[Applied] = ()) -> str:
    """The whole text report of one spec; `overrides` are the what-if values it was run with."""
    head = f"{review.file}: {review.title}"
    parts = [head, "=" * min(len(head), 78)]
    if overrides:
        parts.append(what_if_line(overrides))
    parts += findings_text(review) or ["No findings."]
    parts += ["", "Coverage", *coverage_text(review), "", "Key estimates", *estimates_text(review)]
    parts += ["", summary_line(review)]
    return "\n".join(parts) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_report(review: Review) -> str:
    """GitHub Actions workflow commands, one annotation per finding."""
    lines = []
    for f in review.findings:
        message = f.message + (f" (accepted: {f.note})" if f.note else "")
        props = ",".join(
            [
                f"file={_escape_property(f.file)}",
                f"line={f.line}",
                f"col={f.col}",
                f"title={_escape_property(f.rule)}",
            ]
        )
        level = "notice" if f.accepted else GITHUB_LEVELS[f.severity]
        lines.append(f"::{level} {props}::{_escape_data(message)}")
    return "".join(line + "\n" for line in lines)
