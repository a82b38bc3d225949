"""The architecture as boxes and arrows: declared by the spec, or derived from its stages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from designdoc.figures.kinds.facts import index_title, is_vector_index, looks_up
from designdoc.spec import numbers
from designdoc.spec.models.root import Spec
from designdoc.spec.models.serving import Stage
from designdoc.spec.serving_path import batch_feeds, is_batch, stage_groups

UNGROUPED = ""
BOX_UNIT = "box:"
STAGES_UNIT, SERVICES_UNIT = "|stages", "|services"
INDEX, CLIENT, RESPONSE = "_index", "_client", "_response"


@dataclass(frozen=True)
class Box:
    id: str
    label: str
    kind: str | None
    group: str
    details: tuple[str, ...] = ()
    stage: bool = False
    batch: bool = False  # a stage precomputed offline, off the request path
    inferred: bool = False  # named by the spec, placed by inference: drawn dashed


@dataclass(frozen=True)
class Arrow:
    source: str
    target: str
    label: str | None = None
    mode: str | None = None
    implicit: bool = False


@dataclass
class Topology:
    boxes: list[Box] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)

    def groups(self) -> list[str]:
        """Groups in order of first appearance."""
        return list(dict.fromkeys(box.group for box in self.boxes))

    def inferred(self) -> bool:
        """Whether any arrow is implied by the spec (stage order, index lookups), not drawn."""
        return any(arrow.implicit for arrow in self.arrows)

    def by_id(self) -> dict[str, Box]:
        return {box.id: box for box in self.boxes}

    def depths(self) -> dict[str, int]:
        """Each box's longest distance from a box nothing flows into (cycles cut short)."""
        depth = {box.id: 0 for box in self.boxes}
        for _ in range(len(self.boxes)):
            changed = False
            for arrow in self.arrows:
                if depth[arrow.target] < depth[arrow.source] + 1 <= len(self.boxes):
                    depth[arrow.target] = depth[arrow.source] + 1
                    changed = True
            if not changed:
                break
        return depth

    def back_arrows(self) -> set[tuple[str, str]]:
        """Arrows that close a loop (a response back to the gateway, say), found by a walk
        from the boxes nothing flows into, in spec order."""
        after: dict[str, list[str]] = {box.id: [] for box in self.boxes}
        for arrow in self.arrows:
            after[arrow.source].append(arrow.target)
        targets = {a.target for a in self.arrows}
        starts = [b.id for b in self.boxes if b.id not in targets] + [b.id for b in self.boxes]
        state: dict[str, int] = {}  # 1: on the current path, 2: done
        back: set[tuple[str, str]] = set()
        for start in starts:
            if start in state:
                continue
            state[start] = 1
            stack = [(start, iter(after[start]))]
            while stack:
                node, rest = stack[-1]
                nxt = next(rest, None)
                if nxt is None:
                    state[node] = 2
                    stack.pop()
                elif state.get(nxt) == 1:
                    back.add((node, nxt))
                elif nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, iter(after[nxt])))
        return back

    def units(self) -> dict[str, list[str]]:
        """The groups, each with its boxes: the pieces a split uses first."""
        return {g: [b.id for b in self.boxes if b.group == g] for g in self.groups()}

    def flow_order(self, group: str) -> list[str]:
        """A group's boxes in breadth-first order along the arrows, so neighbours stay close."""
        members = self.units().get(group, [])
        inside = set(members)
        depth = self.depths()
        neighbours: dict[str, list[str]] = {m: [] for m in members}
        for arrow in self.arrows:
            if arrow.source in inside and arrow.target in inside:
                neighbours[arrow.source].append(arrow.target)
                neighbours[arrow.target].append(arrow.source)
        order: list[str] = []
        for start in sorted(members, key=lambda m: depth[m]):
            queue = [start] if start not in order else []
            while queue:
                current = queue.pop(0)
                if current not in order:
                    order.append(current)
                    queue += [n for n in neighbours[current] if n not in order]
        return order

    def halves(self, group: str) -> dict[str, list[str]]:
        """A group cut in two: its stages (the request path) and its other components."""
        order = self.flow_order(group)
        stages = {b.id for b in self.boxes if b.stage}
        halves = {
            group + STAGES_UNIT: [b for b in order if b in stages],
            group + SERVICES_UNIT: [b for b in order if b not in stages],
        }
        return {unit: boxes for unit, boxes in halves.items() if boxes}

    def subunits(self) -> dict[str, tuple[str, ...]]:
        """How each group splits when too large: in halves, then box by box."""
        pieces: dict[str, tuple[str, ...]] = {}
        for group in self.groups():
            halves = self.halves(group)
            if len(halves) > 1:
                pieces[group] = tuple(halves)
            for unit, boxes in halves.items() if len(halves) > 1 else [(group, [])]:
                pieces[unit] = tuple(BOX_UNIT + b for b in (boxes or self.flow_order(group)))
        return pieces

    def members(self, unit: str) -> list[str]:
        """The boxes of a unit: a group, half a group, or one box (`box:ID`)."""
        if unit.startswith(BOX_UNIT):
            return [unit[len(BOX_UNIT) :]]
        if unit.endswith((STAGES_UNIT, SERVICES_UNIT)):
            return self.halves(unit.rpartition("|")[0]).get(unit, [])
        return self.units().get(unit, [])


def _stage_box(stage: Stage) -> Box:
    facts = [f for f in (stage.model, stage.latency and numbers.duration(stage.latency.value)) if f]
    if is_batch(stage):
        facts.append("batch, offline")
    group = "batch" if is_batch(stage) else "online"  # batch inference, not training
    return Box(
        stage.id,
        stage.name or stage.id,
        None,
        group,
        tuple(facts),
        stage=True,
        batch=is_batch(stage),
    )


def _stage_chain(stages: Sequence[Stage]) -> list[Arrow]:
    """Arrows from each level of the online stages to the next, in request order."""
    levels = stage_groups([s for s in stages if not is_batch(s)])
    return [
        Arrow(a.id, b.id, implicit=True)
        for before, after in pairwise(levels)
        for a in before
        for b in after
    ]


def declared_topology(spec: Spec) -> Topology:
    """Components and stages as boxes, flows as arrows, plus the stage order not yet drawn."""
    serving = spec.serving
    boxes = [Box(c.id, c.label or c.id, c.kind, c.group or UNGROUPED) for c in serving.components]
    boxes += [_stage_box(s) for s in serving.stages]
    known = {box.id for box in boxes}
    arrows = [
        Arrow(f.source, f.target, f.label, f.mode)
        for f in serving.flows
        if f.source in known and f.target in known
    ]
    # The stage order is drawn only where the flows leave it open: once the spec says
    # where a stage's data goes (or where the next one's comes from), an arrow to the next
    # stage in the list would be invented.
    leaving = {a.source for a in arrows}
    arriving = {a.target for a in arrows}
    arrows += [
        a
        for a in _stage_chain(serving.stages)
        if a.source not in leaving and a.target not in arriving
    ]
    touched = {i for a in arrows for i in (a.source, a.target)}
    arrows += [a for a in _batch_arrows(serving.stages) if a.source not in touched]
    return Topology(boxes, arrows)


def _batch_arrows(stages: Sequence[Stage]) -> list[Arrow]:
    """A dotted arrow from each batch stage to the online stage that reads its results."""
    return [
        Arrow(source.id, target.id, None if is_batch(target) else "precomputed", "batch", True)
        for source, target in batch_feeds(stages)
    ]


def derived_topology(spec: Spec) -> Topology:
    """For a spec with stages but no components: the request, the stages in order, the
    response, and the index the spec names. Nothing else is added; a design whose stages
    are all batch jobs has no request and no response to draw."""
    stages = spec.serving.stages
    online = stage_groups([s for s in stages if not is_batch(s)])
    topology = Topology([Box(CLIENT, "Client", "client", UNGROUPED)] if online else [], [])
    topology.boxes += [_stage_box(s) for s in stages]
    if online:
        topology.arrows += [Arrow(CLIENT, s.id, "request") for s in online[0]]
    topology.arrows += _stage_chain(stages)
    topology.arrows += _batch_arrows(stages)
    if online:
        topology.boxes.append(Box(RESPONSE, "Response", None, UNGROUPED))
        topology.arrows += [Arrow(s.id, RESPONSE) for s in online[-1]]
    index = spec.serving.index
    if index is not None:
        # The spec names the index; the stages that look items up read it (certain), drawn
        # as inferred arrows. No stage of such a kind: the index stands alone.
        kind = "ann_index" if is_vector_index(index) else None
        topology.boxes.append(Box(INDEX, index_title(index), kind, "storage"))
        label = "nearest items" if is_vector_index(index) else "lookups"
        for stage in [s for s in stages if looks_up(s)]:
            topology.arrows.append(Arrow(INDEX, stage.id, label, implicit=True))
    return topology


def topology_of(spec: Spec) -> Topology | None:
    """The architecture to draw, or None when the spec has neither components nor stages."""
    if spec.serving.components:
        return declared_topology(spec)
    if spec.serving.stages:
        return derived_topology(spec)
    return None
