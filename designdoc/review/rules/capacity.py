"""Rules that hold the capacity estimates against what the spec provisions, and flag an
estimate beyond physical sense, naming the inputs that drive it."""

from __future__ import annotations

from collections.abc import Iterator

from designdoc.review.estimates.base import Estimate
from designdoc.review.estimates.serving import ID_BYTES, USABLE_MEMORY
from designdoc.review.rules.context import Context
from designdoc.review.rules.rule import WARNING, Hit, Rule
from designdoc.review.rules.sources import book
from designdoc.spec import numbers as fmt
from designdoc.spec.grammar import counted

SRV = ("serving",)
# Without a fleet size, an estimate is judged against a very large fleet.
FLEET_WITHOUT_CAPACITY = 10_000


def _cap005(ctx: Context) -> Iterator[Hit]:
    capacity = ctx.spec.serving.capacity
    results = ctx.value("precompute_results")
    if results is None or capacity is None or not capacity.servers or not capacity.host_memory:
        return
    stored = results * ID_BYTES
    usable = capacity.servers * capacity.host_memory.value * USABLE_MEMORY
    if stored > usable:
        yield Hit(
            (*SRV, "precompute"),
            f"the precomputed table takes about {fmt.size(stored)} "
            f"({fmt.count(results)} results × {ID_BYTES} B), more than the "
            f"{fmt.size(usable)} usable on the {capacity.servers} servers provisioned "
            f"({capacity.host_memory.text} each, serving.capacity); store it in a key-value "
            "store, shard it, or precompute fewer entities",
        )
    else:
        ctx.cite("serving.capacity")


def _drivers(ctx: Context, estimate: Estimate) -> str:
    """The inputs behind an estimate, with the traffic inputs behind peak QPS."""
    parts = []
    peak = ctx.estimates.get("peak_qps")
    average = ctx.estimates.get("average_qps")
    for item in estimate.inputs:
        if item.name == "peak QPS" and peak and average:
            traffic = [i for i in average.inputs] + [
                i for i in peak.inputs if i.field != "estimate"
            ]
            parts.append(
                f"peak QPS {item.text} from "
                + ", ".join(f"{i.name} {i.text} ({i.field})" for i in traffic)
            )
        else:
            parts.append(f"{item.name} {item.text} ({item.field})")
    return "; ".join(parts)


def _cap006(ctx: Context) -> Iterator[Hit]:
    capacity = ctx.spec.serving.capacity
    servers = (capacity.servers if capacity else None) or ctx.value("servers_needed")
    fleet = servers or FLEET_WITHOUT_CAPACITY
    limit = ctx.threshold("max_items_scored_per_server")
    for i, stage in enumerate(ctx.spec.serving.stages):
        estimate = ctx.estimates.get(f"items_scored.{stage.id}")
        if estimate is None or estimate.value is None:
            continue
        per_server = estimate.value / fleet
        if per_server > limit:
            where = counted(fleet, "server") if servers else "even 10,000 servers"
            yield Hit(
                (*SRV, "stages", i, "items_in"),
                f"stage '{stage.id}' would score {estimate.display}, "
                f"{fmt.count(per_server, 'items/s')} per server on {where}: beyond what a "
                f"server scores (about {fmt.count(limit)}/s). Driven by {_drivers(ctx, estimate)}."
                " If the stage looks items up in an index, say so (serving.index, or an index "
                "lookup as its model); otherwise shrink items_in with a stage before it",
            )
        else:
            ctx.cite(f"serving.stages[{i}].items_in")


RULES = [
    Rule(
        "CAP005",
        6,
        WARNING,
        "The precomputed results do not fit the memory provisioned.",
        "A precomputed table must live somewhere; the servers provisioned bound what is in memory.",
        book(11, "batch prediction"),
        _cap005,
        applies=lambda c: (
            c.value("precompute_results") is not None
            and c.spec.serving.capacity is not None
            and bool(c.spec.serving.capacity.servers)
            and c.spec.serving.capacity.host_memory is not None
        ),
        when="serving.precompute and serving.capacity (servers, host_memory) are given",
    ),
    Rule(
        "CAP006",
        6,
        WARNING,
        "An estimate beyond physical sense: more items scored per server than a CPU can score.",
        "A figure no machine can reach means an input is wrong: a lookup counted as scoring, "
        "a catalogue where a candidate set was meant, or the traffic.",
        book(1, "back-of-the-envelope estimation"),
        _cap006,
        applies=lambda c: any(
            key.startswith("items_scored.") and e.value is not None
            for key, e in c.estimates.items()
        ),
        thresholds=("max_items_scored_per_server",),
        when="some online stage scores items (items scored per second is estimated)",
    ),
]
