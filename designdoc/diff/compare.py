"""diff_specs(): two loaded specs in; the fields, estimates and findings that differ out."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from designdoc.diff.fields import flatten, prefixes, step_of
from designdoc.review.result import Finding, Review
from designdoc.spec.grammar import counted
from designdoc.spec.loader import LoadedSpec


@dataclass(frozen=True)
class FieldChange:
    """A field (or a whole item or section) added, removed or changed."""

    kind: str  # added | removed | changed
    path: str
    old: str | None = None
    new: str | None = None

    @property
    def step(self) -> tuple[int, str]:
        return step_of(self.path)


@dataclass(frozen=True)
class EstimateChange:
    key: str
    name: str
    old: str | None  # as displayed; None when the old version could not compute it
    new: str | None
    ratio: float | None  # new / old, when both were computed


@dataclass(frozen=True)
class FindingChange:
    kind: str  # appeared | gone
    finding: Finding


@dataclass
class SpecDiff:
    old_name: str
    new_name: str
    fields: list[FieldChange] = field(default_factory=list)
    estimates: list[EstimateChange] = field(default_factory=list)
    findings: list[FindingChange] = field(default_factory=list)

    @property
    def new_errors(self) -> int:
        return sum(
            1 for c in self.findings if c.kind == "appeared" and c.finding.severity == "error"
        )

    @property
    def empty(self) -> bool:
        return not (self.fields or self.estimates or self.findings)

    def count(self, kind: str) -> int:
        """Field changes of one kind (added, removed, changed)."""
        return sum(1 for c in self.fields if c.kind == kind)

    def count_findings(self, kind: str) -> int:
        """Findings that appeared or are gone."""
        return sum(1 for c in self.findings if c.kind == kind)

    def by_step(self) -> list[tuple[tuple[int, str], list[FieldChange]]]:
        groups: dict[tuple[int, str], list[FieldChange]] = {}
        for change in self.fields:
            groups.setdefault(change.step, []).append(change)
        return sorted(groups.items())


SUMMARY_FIELDS = 4  # a new or removed item with up to this many fields is shown whole
SUMMARY_CHARS = 160


def _summary(flat: dict[str, str], path: str) -> str:
    """A whole item or section in one line: `topic: diversity; notes: ...` or `12 fields`."""
    inside = [p for p in flat if p.startswith((path + ".", path + "["))]
    if len(inside) > SUMMARY_FIELDS:
        return counted(len(inside), "field")
    text = "; ".join(f"{p[len(path) :].lstrip('.')}: {flat[p]}" for p in inside)
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"


def diff_fields(old: dict[str, str], new: dict[str, str]) -> list[FieldChange]:
    """Leaf changes; an item or section that only one side has is reported once, whole."""
    old_nodes = {p for path in old for p in prefixes(path)}
    new_nodes = {p for path in new for p in prefixes(path)}
    changes: list[FieldChange] = []
    reported: set[str] = set()
    for path in sorted(set(old) | set(new), key=lambda p: _order(p, old, new)):
        if path in old and path in new:
            if old[path] != new[path]:
                changes.append(FieldChange("changed", path, old[path], new[path]))
            continue
        kind, present, nodes = (
            ("added", new, old_nodes) if path in new else ("removed", old, new_nodes)
        )
        top = next(p for p in prefixes(path) if p not in nodes)
        if top in reported:
            continue
        reported.add(top)
        value = present[top] if top in present else _summary(present, top)
        changes.append(
            FieldChange(
                kind,
                top,
                old=value if kind == "removed" else None,
                new=value if kind == "added" else None,
            )
        )
    return changes


def _order(path: str, old: dict[str, str], new: dict[str, str]) -> tuple[int, int]:
    """Steps in order; within one, the new version's field order (else the old's)."""
    new_index = {p: i for i, p in enumerate(new)}
    old_index = {p: i for i, p in enumerate(old)}
    return (step_of(path)[0], new_index.get(path, old_index.get(path, 0)))


def diff_estimates(old: Review, new: Review) -> list[EstimateChange]:
    before = {e.key: e for e in old.estimates}
    changes = []
    for estimate in new.estimates:
        was = before.get(estimate.key)
        old_value = was.value if was else None
        if old_value is None and estimate.value is None:
            continue
        if old_value is not None and estimate.value is not None:
            if math.isclose(old_value, estimate.value, rel_tol=1e-9, abs_tol=1e-12):
                continue
            ratio = estimate.value / old_value if old_value else None
        else:
            ratio = None
        changes.append(
            EstimateChange(
                estimate.key,
                estimate.name,
                was.display if was and was.value is not None else None,
                estimate.display if estimate.value is not None else None,
                ratio,
            )
        )
    gone = [
        e
        for key, e in before.items()
        if e.value is not None and key not in {x.key for x in new.estimates}
    ]
    changes += [EstimateChange(e.key, e.name, e.display, None, None) for e in gone]
    return changes


def diff_findings(old: Review, new: Review) -> list[FindingChange]:
    """Findings matched by rule and field: a message whose numbers changed is not new."""

    def unmatched(side: list[Finding], other: list[Finding]) -> list[Finding]:
        budget = Counter((f.rule, f.path) for f in other)
        left = []
        for finding in side:
            key = (finding.rule, finding.path)
            if budget[key]:
                budget[key] -= 1
            else:
                left.append(finding)
        return left

    appeared = unmatched(new.findings, old.findings)
    gone = unmatched(old.findings, new.findings)
    return [FindingChange("appeared", f) for f in appeared] + [
        FindingChange("gone", f) for f in gone
    ]


def diff_specs(
    old: LoadedSpec, new: LoadedSpec, old_name: str | None = None, new_name: str | None = None
) -> SpecDiff:
    """What changed from `old` to `new`: fields by step, estimates, review findings."""
    from designdoc.review import review

    old_review, new_review = review(old), review(new)
    return SpecDiff(
        old_name or str(old.path),
        new_name or str(new.path),
        diff_fields(flatten(old.spec), flatten(new.spec)),
        diff_estimates(old_review, new_review),
        diff_findings(old_review, new_review),
    )
