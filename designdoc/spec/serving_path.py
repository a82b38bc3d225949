"""The serving stages' latencies against the budget; parallel stages count by their slowest."""

from __future__ import annotations

from dataclasses import dataclass

from designdoc.review.estimates import formatting
from designdoc.spec.models.root import Spec
from designdoc.spec.models.serving import Stage


@dataclass(frozen=True)
class LatencyRow:
    """One group of stages that run one after the other; members of a group run side by side."""

    names: tuple[str, ...]
    seconds: float  # the slowest member's latency; 0 when none is given
    display: str
    parallel: bool
    missing: tuple[str, ...]  # members without a latency
    slowest: str = ""  # the member whose latency counts
    offline: bool = False  # batch stages: shown, but outside the request path and not counted


@dataclass(frozen=True)
class LatencyBudget:
    budget: float | None  # seconds
    budget_display: str
    rows: tuple[LatencyRow, ...]  # the request path in order, then any offline (batch) stages
    used: float | None  # seconds; None when no online stage gives a latency

    @property
    def online_rows(self) -> tuple[LatencyRow, ...]:
        return tuple(row for row in self.rows if not row.offline)

    @property
    def offline_rows(self) -> tuple[LatencyRow, ...]:
        return tuple(row for row in self.rows if row.offline)

    @property
    def used_display(self) -> str:
        return formatting.duration(self.used)

    @property
    def over(self) -> bool:
        return self.budget is not None and self.used is not None and self.used > self.budget + 1e-12

    @property
    def over_by_display(self) -> str:
        """How far the stages overrun the budget, or '' when they do not."""
        if not self.over or self.budget is None or self.used is None:
            return ""
        return formatting.duration(self.used - self.budget)

    @property
    def scale(self) -> float:
        """The span a bar chart is drawn against: the larger of budget and use."""
        return max(self.budget or 0.0, self.used or 0.0) or 1.0

    def width(self, seconds: float | None) -> float:
        """A share of the chart, 0..100, for CSS widths."""
        return round(min(100.0, max(0.0, 100.0 * (seconds or 0.0) / self.scale)), 1)


def groups(stages: list[Stage]) -> list[list[Stage]]:
    """Stages joined by `parallel_with` (either way round) form one group, kept in request order."""
    owner = {stage.id: stage.id for stage in stages}

    def find(ident: str) -> str:
        while owner[ident] != ident:
            owner[ident] = owner[owner[ident]]
            ident = owner[ident]
        return ident

    for stage in stages:
        for peer in stage.parallel_with:
            if peer in owner:
                owner[find(peer)] = find(stage.id)
    ordered: dict[str, list[Stage]] = {}
    for stage in stages:
        ordered.setdefault(find(stage.id), []).append(stage)
    return list(ordered.values())


def _row(members: list[Stage], *, offline: bool = False) -> LatencyRow:
    timed = [s.latency.value for s in members if s.latency is not None]
    seconds = max(timed) if timed else 0.0
    slowest = max(members, key=lambda s: s.latency.value if s.latency is not None else -1.0)
    return LatencyRow(
        names=tuple(s.name or s.id for s in members),
        seconds=seconds,
        display=formatting.duration(seconds) if timed else "not given",
        parallel=len(members) > 1,
        missing=tuple(s.name or s.id for s in members if s.latency is None),
        slowest=slowest.name or slowest.id,
        offline=offline,
    )


def latency_budget(spec: Spec) -> LatencyBudget:
    """The budget, each sequential step of the request path, and the total they use.

    Batch stages run offline: they follow the request path as rows of their own and
    never count against the budget.
    """
    budget = spec.requirements.performance.latency_budget
    online = [s for s in spec.serving.stages if s.mode != "batch"]
    batch = [s for s in spec.serving.stages if s.mode == "batch"]
    path = tuple(_row(group) for group in groups(online))
    offline = tuple(_row(group, offline=True) for group in groups(batch))
    timed = any(s.latency is not None for s in online)
    return LatencyBudget(
        budget=budget.value if budget else None,
        budget_display=formatting.duration(budget.value) if budget else "not given",
        rows=path + offline,
        used=sum(row.seconds for row in path) if timed else None,
    )
