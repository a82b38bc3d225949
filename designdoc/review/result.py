"""What a review returns: findings, each rule's status, coverage per step, and estimates."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from designdoc.review.estimates.base import Estimate, input_sources
from designdoc.spec.serving_path import LatencyBudget

Status = Literal["pass", "fail", "n/a", "disabled"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    """One located problem of a spec, after the spec's severity overrides."""

    rule: str
    severity: str  # error | warning | info
    step: int
    step_name: str
    message: str
    why: str
    source: str
    path: str  # the dotted spec field it concerns, e.g. data.split.strategy
    file: str
    line: int
    col: int
    note: str = ""  # the spec's reason for accepting it (review.notes)
    also: tuple[str, ...] = ()  # other rules that found the same root cause

    @property
    def accepted(self) -> bool:
        """The spec accepts this finding (review.notes gives a reason): shown, never counted."""
        return bool(self.note)

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"

    @property
    def rank(self) -> tuple[int, int, int, int]:
        return (self.step, SEVERITY_ORDER[self.severity], self.line, self.col)


@dataclass(frozen=True)
class RuleResult:
    rule: str
    step: int
    severity: str  # after overrides; the worst finding's when it failed
    status: Status
    satisfied_by: tuple[str, ...] = ()  # spec paths that made it pass (or that it read)


@dataclass(frozen=True)
class StepCoverage:
    """How much of one step's catalogue the spec passes; info rules weigh half."""

    step: int
    name: str
    passed: float
    total: float
    rules_passed: int
    rules_failed: int
    rules_skipped: int  # not applicable or disabled
    empty_fields: tuple[str, ...]

    @property
    def share(self) -> float | None:
        return self.passed / self.total if self.total else None

    @property
    def percent(self) -> int | None:
        share = self.share
        return None if share is None else round(share * 100)


def _join_names(names: list[str]) -> str:
    heads = {name.partition(": ")[0] for name in names}
    if len(names) > 1 and len(heads) == 1 and all(": " in name for name in names):
        return heads.pop() + ": " + ", ".join(name.partition(": ")[2] for name in names)
    return "; ".join(names)


@dataclass
class Review:
    """The review of one spec."""

    file: str
    title: str
    findings: list[Finding] = field(default_factory=list)
    results: list[RuleResult] = field(default_factory=list)
    coverage: list[StepCoverage] = field(default_factory=list)
    estimates: list[Estimate] = field(default_factory=list)
    latency: LatencyBudget | None = None
    thresholds: dict[str, float] = field(default_factory=dict)

    @property
    def computed(self) -> list[Estimate]:
        return [e for e in self.estimates if e.computed]

    @property
    def skipped(self) -> list[Estimate]:
        return [e for e in self.estimates if not e.computed]

    @property
    def input_sources(self) -> list[tuple[str, str]]:
        """Which spec field each input of the computed estimates comes from, once each."""
        return input_sources(self.computed)

    @property
    def skipped_groups(self) -> list[tuple[str, tuple[str, ...], str]]:
        """Skipped estimates as (names, missing fields, reason), those that share both merged.

        Names with a common prefix merge after it: "items scored per second: a, b".
        """
        merged: dict[tuple[tuple[str, ...], str], list[str]] = {}
        for e in self.skipped:
            merged.setdefault((e.missing, e.reason), []).append(e.name)
        return [(_join_names(names), missing, why) for (missing, why), names in merged.items()]

    @property
    def key_estimates(self) -> list[Estimate]:
        return [e for e in self.computed if e.key_figure]

    def count(self, severity: str) -> int:
        """Open findings of a severity; accepted ones are not counted."""
        return sum(1 for f in self.findings if f.severity == severity and not f.accepted)

    @property
    def accepted(self) -> int:
        return sum(1 for f in self.findings if f.accepted)

    def result(self, rule: str) -> RuleResult | None:
        return next((r for r in self.results if r.rule == rule), None)

    @property
    def errors(self) -> int:
        return self.count("error")

    @property
    def warnings(self) -> int:
        return self.count("warning")

    @property
    def infos(self) -> int:
        return self.count("info")

    def by_step(self) -> list[tuple[int, str, list[Finding]]]:
        """Findings grouped by step, most severe first within each."""
        groups: dict[int, list[Finding]] = {}
        for finding in sorted(self.findings, key=lambda f: f.rank):
            groups.setdefault(finding.step, []).append(finding)
        return [(step, items[0].step_name, items) for step, items in sorted(groups.items())]

    def estimate(self, key: str) -> Estimate | None:
        return next((e for e in self.estimates if e.key == key), None)
