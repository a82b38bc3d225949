"""Traffic, storage and capacity estimates from `requirements.scale` and `serving`."""

from __future__ import annotations

import math
from collections.abc import Callable

from designdoc.review.estimates.base import STAGE_LATENCY, Estimate, Input, Inputs, make
from designdoc.review.estimates.batch import items_scored_per_day
from designdoc.review.rules.applies import LOOKUP_STAGES, name, scores_items
from designdoc.review.rules.context import contains, keywords
from designdoc.spec import numbers as fmt
from designdoc.spec.grammar import with_article
from designdoc.spec.models.root import Spec
from designdoc.spec.models.serving import Stage
from designdoc.spec.serving_path import latency_budget
from designdoc.spec.units import Duration, duration_class

DAY = 86_400.0
MONTH = 2_592_000.0  # 30 days, in seconds
SCALE = "requirements.scale"
DEFAULT_PEAK_FACTOR = 2.0
LOOKUP_WORDS = keywords(
    "ann$ | index | inverted | nearest neighbo | hnsw | faiss | trie | bm25 | prefix | lookup | "
    "look up | fst$ | elasticsearch | keyword search | cache"
)


def qps(count: float) -> str:
    return fmt.count(count, "QPS")


def average_qps(spec: Spec) -> Estimate:
    scale = spec.requirements.scale
    if scale.qps is not None:
        given = Inputs()
        value = given.add("qps", scale.qps, f"{SCALE}.qps")
        return make(
            "average_qps",
            "average QPS",
            "qps (given)",
            "requests/s",
            given,
            lambda: value,
            qps,
            key_figure=True,
        )
    inputs = Inputs()
    dau = inputs.add("dau", scale.dau, f"{SCALE}.dau")
    per_user = inputs.add(
        "requests/user/day",
        scale.requests_per_user_per_day,
        f"{SCALE}.requests_per_user_per_day",
    )
    return make(
        "average_qps",
        "average QPS",
        "dau × requests/user/day / 86,400",
        "requests/s",
        inputs,
        lambda: dau * per_user / DAY,
        qps,
        key_figure=True,
    )


def peak_qps(spec: Spec, average: Estimate) -> Estimate:
    inputs = Inputs()
    avg = inputs.result("average QPS", average)
    factor = inputs.add(
        "peak factor",
        spec.requirements.scale.peak_factor,
        f"{SCALE}.peak_factor",
        default=DEFAULT_PEAK_FACTOR,
    )
    return make(
        "peak_qps",
        "peak QPS",
        "average QPS × peak factor",
        "requests/s",
        inputs,
        lambda: avg * factor,
        qps,
        key_figure=True,
    )


def requests_per_month(average: Estimate) -> Estimate:
    inputs = Inputs()
    avg = inputs.result("average QPS", average)
    return make(
        "requests_per_month",
        "requests per month",
        "average QPS × 2.592M s",
        "requests",
        inputs,
        lambda: avg * MONTH,
        lambda v: fmt.count(v, "requests"),
    )


def write_rate(spec: Spec) -> Estimate:
    inputs = Inputs()
    new = inputs.add(
        "new items/day", spec.requirements.scale.new_items_per_day, f"{SCALE}.new_items_per_day"
    )
    return make(
        "write_rate",
        "write rate",
        "new items/day / 86,400",
        "items/s",
        inputs,
        lambda: new / DAY,
        lambda v: fmt.count(v, "writes/s"),
    )


def storage_per_day(spec: Spec) -> Estimate:
    scale = spec.requirements.scale
    inputs = Inputs()
    new = inputs.add("new items/day", scale.new_items_per_day, f"{SCALE}.new_items_per_day")
    each = inputs.add("bytes/item", scale.bytes_per_item, f"{SCALE}.bytes_per_item")
    return make(
        "storage_per_day",
        "storage per day",
        "new items/day × bytes/item",
        "bytes",
        inputs,
        lambda: new * each,
        lambda v: fmt.size(v, "/day"),
    )


def storage_total(spec: Spec, per_day: Estimate) -> Estimate:
    scale = spec.requirements.scale
    inputs = Inputs()
    daily = inputs.result("storage per day", per_day)
    kept = inputs.add("retention", scale.retention, f"{SCALE}.retention")
    copies = inputs.add("replication", scale.replication, f"{SCALE}.replication", default=1)
    return make(
        "storage_total",
        "storage total",
        "storage per day × retention (days) × replication",
        "bytes",
        inputs,
        lambda: daily * (kept / DAY) * copies,
        fmt.size,
        key_figure=True,
        compare=lambda _: short_retention(scale.retention),
    )


def short_retention(retention: Duration | None) -> str:
    """A warning for a retention too short to mean what was written (`6m` is six minutes)."""
    if retention is None or retention.value >= DAY:
        return ""
    note = f"a retention of {fmt.duration(retention.value)} keeps almost nothing"
    if duration_class(retention.text.lstrip("0123456789.,_ +")) == "minutes":
        note += "; `m` is minutes: write months as `mo` (6mo)"
    return note


def egress(spec: Spec, peak: Estimate) -> Estimate:
    inputs = Inputs()
    top = inputs.result("peak QPS", peak)
    each = inputs.add(
        "response size", spec.requirements.scale.response_bytes, f"{SCALE}.response_bytes"
    )
    return make(
        "egress",
        "egress bandwidth",
        "peak QPS × response size",
        "bytes/s",
        inputs,
        lambda: top * each,
        lambda v: fmt.size(v, "/s"),
    )


def concurrency(spec: Spec, peak: Estimate) -> Estimate:
    """Requests in flight: peak QPS times the latency the online path uses, or the budget
    when the stages give no latencies."""
    inputs = Inputs()
    top = inputs.result("peak QPS", peak)
    path = latency_budget(spec)
    if path.offline_rows and not path.online_rows:
        return Estimate(
            "concurrency",
            "concurrency (Little's law)",
            "peak QPS × latency used (online stages)",
            "requests",
            reason="every stage is batch: no request waits on them, so nothing is in flight",
        )
    if path.used:
        held = path.used
        inputs.items.append(Input("latency used", path.used_display, STAGE_LATENCY, held))
        formula = "peak QPS × latency used (online stages)"
    else:
        held = inputs.add(
            "latency budget",
            spec.requirements.performance.latency_budget,
            "requirements.performance.latency_budget",
        )
        formula = "peak QPS × latency budget"
    return make(
        "concurrency",
        "concurrency (Little's law)",
        formula,
        "requests",
        inputs,
        lambda: top * held,
        lambda v: fmt.count(v, "in flight"),
    )


def servers_needed(spec: Spec, peak: Estimate) -> Estimate:
    capacity = spec.serving.capacity
    inputs = Inputs()
    top = inputs.result("peak QPS", peak)
    each = inputs.add(
        "QPS per server",
        capacity.per_server_qps if capacity else None,
        "serving.capacity.per_server_qps",
    )
    have = capacity.servers if capacity else None

    def compare(needed: float) -> str:
        if have is None:
            return ""
        verdict = "enough" if have >= needed else "too few"
        return f"{fmt.count(have)} provisioned ({verdict})"

    return make(
        "servers_needed",
        "servers needed",
        "ceil(peak QPS / QPS per server)",
        "servers",
        inputs,
        lambda: float(math.ceil(top / each)),
        lambda v: fmt.count(v, "servers"),
        key_figure=True,
        compare=compare,
    )


def items_scored(spec: Spec, peak: Estimate) -> list[Estimate]:
    """One estimate per online stage that scores each item it is given.

    A candidate generator over an ANN or inverted index looks items up rather than
    scoring the whole catalogue, and a batch stage runs offline: both are left out,
    as skipped estimates whose reason says so.
    """
    out = []
    for i, stage in enumerate(spec.serving.stages):
        if stage.items_in is None:
            continue
        key = f"items_scored.{stage.id}"
        name = f"items scored per second: {stage.name or stage.id}"
        if stage.mode == "batch" and scores_items(stage):
            out.append(items_scored_per_day(spec, i, stage))
            continue
        why = _left_out(spec, stage)
        if why:
            out.append(Estimate(key, name, "peak QPS × items in", "items/s", reason=why))
            continue
        inputs = Inputs()
        top = inputs.result("peak QPS", peak)
        items = inputs.add("items in", stage.items_in, f"serving.stages[{i}].items_in")
        out.append(
            make(
                key,
                name,
                "peak QPS × items in",
                "items/s",
                inputs,
                _product(top, items),
                lambda v: fmt.count(v, "items/s"),
            )
        )
    if not out:
        out.append(
            make(
                "items_scored",
                "items scored per second",
                "peak QPS × items in",
                "items/s",
                _missing("serving.stages[].items_in"),
                lambda: 0.0,
                fmt.count,
            )
        )
    return out


def _left_out(spec: Spec, stage: Stage) -> str:
    """Why a stage does not score each of its items online, or '' when it does."""
    if stage.mode == "batch":
        return "a batch stage: precomputed offline, outside the request path"
    kind = name(stage.kind).replace("_", " ")
    if not scores_items(stage):
        return f"{with_article(kind)} stage does not score items"
    if name(stage.kind) not in LOOKUP_STAGES:
        return ""
    index = spec.serving.index
    if index is not None and index.type is not None and name(index.type) != "flat":
        return f"{kind} looks items up in the {name(index.type)} index instead of scoring each"
    if contains(stage.model, LOOKUP_WORDS) or contains(stage.name, LOOKUP_WORDS):
        return f"{kind} by index lookup does not score each item"
    return ""


def _product(a: float, b: float) -> Callable[[], float]:
    return lambda: a * b


def _missing(field: str) -> Inputs:
    inputs = Inputs()
    inputs.missing.append(field)
    return inputs


def traffic_estimates(spec: Spec) -> list[Estimate]:
    average = average_qps(spec)
    peak = peak_qps(spec, average)
    per_day = storage_per_day(spec)
    return [
        average,
        peak,
        requests_per_month(average),
        write_rate(spec),
        per_day,
        storage_total(spec, per_day),
        egress(spec, peak),
        concurrency(spec, peak),
        servers_needed(spec, peak),
        *items_scored(spec, peak),
    ]
