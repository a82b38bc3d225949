"""The serving path, computed once for every output: which stages run side by side, which
run offline in batch, and what the online latency adds up to against the budget.

The review, the funnel figure, the latency table and the sheet all read it from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from designdoc.spec import numbers
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
    online_groups: tuple[tuple[Stage, ...], ...] = ()  # the request path's groups, in order
    offline_groups: tuple[tuple[Stage, ...], ...] = ()  # batch stages, grouped the same way

    @property
    def missing(self) -> int:
        """How many online stages give no latency."""
        return sum(len(row.missing) for row in self.online_rows)

    @property
    def all_groups(self) -> tuple[tuple[Stage, ...], ...]:
        """The request path's groups in order, then the offline ones."""
        return self.online_groups + self.offline_groups

    @property
    def online_rows(self) -> tuple[LatencyRow, ...]:
        return tuple(row for row in self.rows if not row.offline)

    @property
    def offline_rows(self) -> tuple[LatencyRow, ...]:
        return tuple(row for row in self.rows if row.offline)

    @property
    def used_display(self) -> str:
        return numbers.duration(self.used)

    @property
    def over(self) -> bool:
        return self.budget is not None and self.used is not None and self.used > self.budget + 1e-12

    @property
    def over_by_display(self) -> str:
        """How far the stages overrun the budget, or '' when they do not."""
        if not self.over or self.budget is None or self.used is None:
            return ""
        return numbers.duration(self.used - self.budget)

    @property
    def scale(self) -> float:
        """The span a bar chart is drawn against: the larger of budget and use."""
        return max(self.budget or 0.0, self.used or 0.0) or 1.0

    def width(self, seconds: float | None) -> float:
        """A share of the chart, 0..100, for CSS widths."""
        return round(min(100.0, max(0.0, 100.0 * (seconds or 0.0) / self.scale)), 1)


def is_batch(stage: Stage) -> bool:
    """Whether a stage is precomputed offline, outside the request path."""
    return stage.mode == "batch"


def online_stages(stages: Sequence[Stage]) -> list[Stage]:
    return [s for s in stages if not is_batch(s)]


def batch_feeds(stages: Sequence[Stage]) -> list[tuple[Stage, Stage]]:
    """How batch stages hand on their results, as (from, to) pairs in spec order.

    Consecutive batch stages form a pipeline, one after the other; the last of each run
    feeds the next online stage in the spec (or, when none follows, the last one before).
    """
    pairs: list[tuple[Stage, Stage]] = []
    for index, stage in enumerate(stages):
        if not is_batch(stage):
            continue
        following = stages[index + 1] if index + 1 < len(stages) else None
        if following is not None and is_batch(following):
            pairs.append((stage, following))
            continue
        after = online_stages(stages[index + 1 :])
        before = online_stages(stages[:index])
        target = after[0] if after else (before[-1] if before else None)
        if target is not None:
            pairs.append((stage, target))
    return pairs


def stage_groups(stages: Sequence[Stage]) -> list[list[Stage]]:
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
        display=numbers.duration(seconds) if timed else "not given",
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
    online = online_stages(spec.serving.stages)
    batch = [s for s in spec.serving.stages if is_batch(s)]
    online_groups = stage_groups(online)
    offline_groups = stage_groups(batch)
    path = tuple(_row(group) for group in online_groups)
    offline = tuple(_row(group, offline=True) for group in offline_groups)
    timed = any(s.latency is not None for s in online)
    return LatencyBudget(
        budget=budget.value if budget else None,
        budget_display=numbers.duration(budget.value) if budget else "not given",
        rows=path + offline,
        used=sum(row.seconds for row in path) if timed else None,
        online_groups=tuple(tuple(group) for group in online_groups),
        offline_groups=tuple(tuple(group) for group in offline_groups),
    )
