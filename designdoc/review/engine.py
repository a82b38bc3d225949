"""review(): a loaded spec in; its estimates, located findings and coverage out."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from designdoc.review.coverage import coverage
from designdoc.review.estimates.compute import compute_estimates
from designdoc.review.result import SEVERITY_ORDER, Finding, Review, RuleResult
from designdoc.review.rules.catalogue import CATALOGUE, DEFAULT_THRESHOLDS
from designdoc.review.rules.context import Context
from designdoc.review.rules.evidence import parse_path, value_at
from designdoc.review.rules.rule import Hit, Rule, empty
from designdoc.spec.loader import LoadedSpec
from designdoc.spec.locate import dotted
from designdoc.spec.models.root import ReviewSettings, Spec
from designdoc.spec.positions import Loc, Mark, Positioned
from designdoc.spec.serving_path import latency_budget


def locate(positions: Positioned | None, loc: Loc) -> Mark:
    """The field's key, or the key of the nearest section above it that the spec has."""
    if positions is None:
        return Mark(1, 1)
    for end in range(len(loc), -1, -1):
        here = loc[:end]
        if here in positions.keys:
            return positions.keys[here]
        if here in positions.values and (end == 0 or isinstance(here[-1], int)):
            return positions.values[here]
    return Mark(1, 1)


def missing_section(positions: Positioned | None, loc: Loc) -> str:
    """Words for a finding whose whole top-level section is absent, so its mark (the
    document's start) is not read as pointing at the first key: "" when the section is there."""
    if positions is None or not loc or not isinstance(loc[0], str) or (loc[0],) in positions.keys:
        return ""
    return f" (the spec has no `{loc[0]}:` section; add it at the top level)"


class _Settings:
    """The spec's `review:` section with rule ids normalised to upper case."""

    def __init__(self, raw: ReviewSettings) -> None:
        self.disabled = {rule.upper() for rule in raw.disable}
        self.severity = {rule.upper(): str(level) for rule, level in raw.severity.items()}
        self.notes = {rule.upper(): note for rule, note in raw.notes.items()}
        self.thresholds = {**DEFAULT_THRESHOLDS, **raw.thresholds}


def _applies(rule: Rule, ctx: Context) -> bool:
    if rule.categories is not None and not ctx.is_in(rule.categories):
        return False
    return rule.applies is None or rule.applies(ctx)


def _finding(
    rule: Rule, hit: Hit, settings: _Settings, file: str, positions: Positioned | None
) -> Finding:
    severity = settings.severity.get(rule.id) or str(hit.severity or rule.severity)
    mark = locate(positions, hit.loc)
    return Finding(
        rule=rule.id,
        severity=severity,
        step=rule.step,
        step_name=rule.step_name,
        message=hit.message + missing_section(positions, hit.loc),
        why=rule.why,
        source=rule.source,
        path=dotted(hit.loc),
        file=file,
        line=mark.line,
        col=mark.col,
        note=settings.notes.get(rule.id, ""),
    )


def _evidence(rule: Rule, ctx: Context, dumped: dict[str, Any]) -> tuple[str, ...]:
    """What satisfied a passing rule: what its check cited, else the field it reads."""
    if ctx.evidence:
        return tuple(ctx.evidence)
    if rule.reads and not empty(value_at(dumped, parse_path(rule.reads))):
        return (rule.reads,)
    return ()


def _run(
    rule: Rule,
    ctx: Context,
    settings: _Settings,
    positions: Positioned | None,
    file: str,
    dumped: dict[str, Any],
) -> tuple[RuleResult, list[Finding]]:
    default = settings.severity.get(rule.id) or str(rule.severity)
    if rule.id in settings.disabled:
        return RuleResult(rule.id, rule.step, default, "disabled"), []
    if not _applies(rule, ctx):
        return RuleResult(rule.id, rule.step, default, "n/a"), []
    ctx.evidence = []
    findings = [_finding(rule, hit, settings, file, positions) for hit in rule.check(ctx)]
    if not findings:
        return RuleResult(rule.id, rule.step, default, "pass", _evidence(rule, ctx, dumped)), []
    worst = min((f.severity for f in findings), key=SEVERITY_ORDER.__getitem__)
    return RuleResult(rule.id, rule.step, worst, "fail"), findings


def one_per_cause(findings: list[Finding]) -> list[Finding]:
    """Merge findings of rules that share a root cause and point at the same field: the
    most severe stays, naming the others in `also`."""
    causes = {rule.id: set(rule.same_cause_as) for rule in CATALOGUE}
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity]):
        twin = next(
            (
                i
                for i, k in enumerate(kept)
                if k.path == finding.path
                and (finding.rule in causes.get(k.rule, ()) or k.rule in causes[finding.rule])
            ),
            None,
        )
        if twin is None:
            kept.append(finding)
        else:
            kept[twin] = replace(kept[twin], also=(*kept[twin].also, finding.rule))
    return kept


def review_spec(spec: Spec, positions: Positioned | None = None, file: str = "") -> Review:
    """Review a validated spec; `positions` locate the findings in its file."""
    settings = _Settings(spec.review)
    estimates = compute_estimates(spec)
    ctx = Context(spec, {e.key: e for e in estimates}, settings.thresholds)
    result = Review(
        file=file,
        title=spec.title,
        estimates=estimates,
        latency=latency_budget(spec),
        thresholds=settings.thresholds,
    )
    dumped = spec.model_dump(mode="json", by_alias=True)
    for rule in CATALOGUE:
        status, findings = _run(rule, ctx, settings, positions, file, dumped)
        result.results.append(status)
        result.findings.extend(findings)
    result.findings = one_per_cause(result.findings)
    result.findings.sort(key=lambda f: f.rank)
    result.coverage = coverage(result.results, spec, frozenset(settings.notes))
    return result


def review(loaded: LoadedSpec) -> Review:
    """Review a loaded spec: estimates, located findings and coverage."""
    return review_spec(loaded.spec, loaded.positions, loaded.file)
