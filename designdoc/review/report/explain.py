"""`designdoc check --explain RULE SPEC`: one rule, why it matters, and what in this spec
made it pass, fail or not apply."""

from __future__ import annotations

from typing import Any

from designdoc.review.engine import locate
from designdoc.review.result import Review
from designdoc.review.rules.evidence import parse_path, value_at
from designdoc.review.rules.rule import Rule
from designdoc.spec.loader import LoadedSpec

STATUS_WORDS = {
    "pass": "passes",
    "fail": "fails",
    "n/a": "does not apply",
    "disabled": "is disabled by review.disable",
}


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        value = "; ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, [], {}, ""))
    text = " ".join(str(value).split())
    return text if len(text) <= 160 else text[:157] + "..."


def explain(rule: Rule, result: Review, loaded: LoadedSpec) -> str:
    """The explanation, as lines of text."""
    status = result.result(rule.id)
    lines = [
        f"{rule.id} ({rule.severity.value}, step {rule.step} {rule.step_name}): {rule.title}",
        f"  why: {rule.why}",
        f"  source: {rule.source}",
    ]
    if rule.when or rule.categories is not None:
        when = rule.when
        if rule.categories is not None:
            names = ", ".join(sorted(c.value for c in rule.categories))
            when = (when + "; " if when else "") + f"for the categories {names}"
        lines.append(f"  applies when: {when}")
    if status is None:
        return "\n".join(lines) + "\n"
    lines.append(f"{result.file}: {rule.id} {STATUS_WORDS[status.status]}")
    if status.status == "pass":
        dumped = loaded.spec.model_dump(mode="json", by_alias=True)
        for path in status.satisfied_by:
            loc = parse_path(path)
            mark = locate(loaded.positions, loc)
            lines.append(
                f"  satisfied by {path} (line {mark.line}): {_shown(value_at(dumped, loc))}"
            )
        if not status.satisfied_by:
            lines.append("  nothing in the spec triggers it")
    for finding in result.findings:
        if rule.id in (finding.rule, *finding.also):
            lines.append(f"  {finding.location}: {finding.message}")
            if finding.accepted:
                lines.append(f"  accepted: {finding.note}")
    return "\n".join(lines) + "\n"
