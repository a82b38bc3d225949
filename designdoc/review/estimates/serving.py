"""Latency, index memory, A/B test and availability estimates."""

from __future__ import annotations

import math
from dataclasses import replace

from designdoc.review.estimates.base import Estimate, Input, Inputs, make
from designdoc.review.rules.applies import cluster_unit, holds_vectors, name
from designdoc.review.rules.thresholds import THRESHOLDS
from designdoc.spec import numbers as fmt
from designdoc.spec.grammar import plural, singular
from designdoc.spec.models.root import Spec
from designdoc.spec.models.serving import ABTest
from designdoc.spec.serving_path import LatencyRow, latency_budget

INDEX = "serving.index"
USABLE_MEMORY = 0.7  # share of a host's memory an index may take
ID_BYTES = 8
DEFAULT_LINKS = 32
LINK_BYTES = 4
DEFAULT_BYTES_PER_DIM = 4.0  # float32
PRECOMPUTE_MAX = THRESHOLDS["batch_precompute_max"]
DAY = 86_400.0


def latency_used(spec: Spec) -> Estimate:
    budget = latency_budget(spec)
    inputs = Inputs()
    if budget.offline_rows and not budget.online_rows:
        return Estimate(
            "latency_used",
            "latency used",
            "sum of stage latencies (parallel stages: their max); batch stages not counted",
            "s",
            reason="every stage is batch, outside the request path: no online latency to add up",
            key_figure=True,
        )
    if budget.used is None:
        inputs.missing.append("serving.stages[].latency")
    for row in budget.online_rows:
        if row.seconds:
            inputs.items.append(_stage_input(row))
    compare = ""
    if budget.budget is not None:
        compare = f"budget {budget.budget_display}"

    def verdict(used: float) -> str:
        if not compare:
            return ""
        return compare + (" (over budget)" if budget.over else " (within budget)")

    offline = len(budget.offline_rows)
    formula = "sum of stage latencies (parallel stages: their max)"
    if offline:
        formula += "; batch stages not counted"
    return make(
        "latency_used",
        "latency used",
        formula,
        "s",
        inputs,
        lambda: budget.used or 0.0,
        fmt.duration,
        key_figure=True,
        compare=verdict,
    )


def _stage_input(row: LatencyRow) -> Input:
    """A sequential step's latency; a parallel group is named by its slowest member."""
    if not row.parallel:
        return Input(row.names[0], row.display, "serving.stages[].latency", row.seconds)
    return Input(
        row.slowest,
        f"{row.display} (slowest of {len(row.names)} in parallel)",
        "serving.stages[].latency",
        row.seconds,
    )


def _index_items(spec: Spec, inputs: Inputs) -> float:
    index = spec.serving.index
    if index is not None and index.items is not None:
        return inputs.add("items", index.items, f"{INDEX}.items")
    if spec.requirements.scale.items is not None:
        return inputs.add("items", spec.requirements.scale.items, "requirements.scale.items")
    return inputs.add("items", None, f"{INDEX}.items")


def flat_memory(spec: Spec) -> Estimate:
    index = spec.serving.index
    inputs = Inputs()
    items = _index_items(spec, inputs)
    dims = inputs.add("dims", index.dims if index else None, f"{INDEX}.dims")
    width = inputs.add(
        "bytes/dim",
        index.bytes_per_dim if index else None,
        f"{INDEX}.bytes_per_dim",
        default=DEFAULT_BYTES_PER_DIM,
    )
    return make(
        "index_flat_memory",
        "flat index memory",
        "items × dims × bytes/dim",
        "bytes",
        inputs,
        lambda: items * dims * width,
        fmt.size,
    )


def pq_memory(spec: Spec) -> Estimate:
    index = spec.serving.index
    inputs = Inputs()
    items = _index_items(spec, inputs)
    code = inputs.add("code bytes", index.code_bytes if index else None, f"{INDEX}.code_bytes")
    return make(
        "index_pq_memory",
        "PQ index memory",
        "items × (code bytes + 8 B id)",
        "bytes",
        inputs,
        lambda: items * (code + ID_BYTES),
        fmt.size,
    )


def hnsw_memory(spec: Spec) -> Estimate:
    index = spec.serving.index
    inputs = Inputs()
    items = _index_items(spec, inputs)
    links = inputs.add(
        "links", index.links if index else None, f"{INDEX}.links", default=DEFAULT_LINKS
    )
    return make(
        "index_hnsw_links",
        "HNSW link memory",
        "items × links × 4 bytes",
        "bytes",
        inputs,
        lambda: items * links * LINK_BYTES,
        fmt.size,
    )


def index_memory(spec: Spec) -> list[Estimate]:
    """The flat size, the figure of the index type in use, and the memory it takes in all."""
    if not holds_vectors(spec):
        return []
    kind = name(spec.serving.index.type if spec.serving.index else None)
    flat = flat_memory(spec)
    if kind == "ivfpq":  # PQ codes replace the flat vectors
        return [flat, replace(pq_memory(spec), key_figure=True)]
    if kind == "hnsw":  # links come on top of the vectors
        links = hnsw_memory(spec)
        return [flat, links, total_memory([flat, links])]
    return [replace(flat, key_figure=True)]


def total_memory(parts: list[Estimate]) -> Estimate:
    inputs = Inputs()
    values = [inputs.result(part.name, part) for part in parts]
    formula = " + ".join(part.name for part in parts)
    return make(
        "index_memory_total",
        "index memory in use",
        formula,
        "bytes",
        inputs,
        lambda: sum(values),
        fmt.size,
        key_figure=True,
    )


def index_shards(spec: Spec, memory: list[Estimate]) -> Estimate:
    capacity = spec.serving.capacity
    inputs = Inputs()
    total = inputs.result(memory[-1].name, memory[-1])
    host = inputs.add(
        "host memory", capacity.host_memory if capacity else None, "serving.capacity.host_memory"
    )
    shards = spec.serving.index.shards if spec.serving.index else None

    def compare(needed: float) -> str:
        if not shards:
            return ""
        verdict = "enough" if shards >= needed else "too few"
        return f"{shards} configured ({verdict})"

    return make(
        "index_shards",
        "index shards",
        "ceil(index memory / (host memory × 0.7))",
        "shards",
        inputs,
        lambda: float(math.ceil(total / (host * USABLE_MEMORY))),
        lambda v: fmt.count(v, "shards"),
        key_figure=True,
        compare=compare,
    )


def ab_sample_size(spec: Spec) -> Estimate:
    test = spec.serving.rollout.ab_test if spec.serving.rollout else None
    where = "serving.rollout.ab_test"
    inputs = Inputs()
    rate = inputs.add("baseline", test.baseline_rate if test else None, f"{where}.baseline_rate")
    mde = inputs.add("mde", test.mde if test else None, f"{where}.mde")
    places = test is not None and cluster_unit(test.unit)
    # A test of places is sized in users first; the places it needs follow from them.
    named = "user" if places or not (test and test.unit) else test.unit
    unit = plural(singular(named))
    estimate = make(
        "ab_sample_size",
        "A/B sample size per arm",
        "16 × p(1 − p) / δ², p = baseline, δ = p × mde",
        "units per arm",
        inputs,
        lambda: 16 * rate * (1 - rate) / (rate * mde) ** 2,
        lambda v: fmt.count(math.ceil(v), f"{unit} per arm"),
        key_figure=True,
        compare=(lambda v: "if users were randomised; see the A/B duration") if places else None,
    )
    if estimate.computed and (rate >= 1 or estimate.value == 0):
        return Estimate(
            estimate.key,
            estimate.name,
            estimate.formula,
            estimate.unit,
            inputs=estimate.inputs,
            reason="baseline_rate must lie strictly between 0 and 1",
        )
    return estimate


def ab_duration(spec: Spec, sample: Estimate) -> Estimate:
    """Days to reach the sample in both arms, never less than the label delay plus a novelty
    window (a test cannot be read before its labels arrive and the novelty wears off).

    Units seen per day replace dau when given."""
    test = spec.serving.rollout.ab_test if spec.serving.rollout else None
    if test is not None and cluster_unit(test.unit):
        return cluster_duration(test, sample)
    where = "serving.rollout.ab_test"
    inputs = Inputs()
    n = inputs.result("sample size per arm", sample)
    if test is not None and test.units_per_day is not None:
        name = f"{plural(singular(test.unit or 'unit'))}/day"
        daily = inputs.add(name, test.units_per_day, f"{where}.units_per_day")
    else:
        name = "dau"
        daily = inputs.add(
            name,
            spec.requirements.scale.dau,
            "requirements.scale.dau",
            instead=f"{where}.units_per_day",
        )
    share = inputs.add("traffic", test.traffic if test else None, f"{where}.traffic")
    delay = spec.framing.labels.delay
    delay_days = (
        inputs.add("label delay", delay, "framing.labels.delay") / DAY if delay is not None else 0.0
    )
    novelty = novelty_days(spec)
    inputs.items.append(novelty_input(spec, novelty))
    planned = test.duration if test else None

    def statistical() -> float:
        return 2 * math.ceil(n) / (daily * share)

    def compare(days: float) -> str:
        notes = []
        floor = delay_days + novelty
        if floor >= statistical():
            waits = f"labels arrive after {fmt.duration(delay.value)} and " if delay else ""
            notes.append(
                f"the sample needs {fmt.days(statistical())}; "
                f"{waits}novelty effects fade over {novelty:g} days"
            )
        if planned:
            notes.append(f"{planned.text} planned")
        return "; ".join(notes)

    return make(
        "ab_duration",
        "A/B duration",
        f"max(2 × sample size / ({name} × traffic), label delay + novelty window)",
        "days",
        inputs,
        lambda: max(statistical(), delay_days + novelty),
        fmt.days,
        key_figure=True,
        compare=compare,
    )


def cluster_duration(test: ABTest, sample: Estimate) -> Estimate:
    """No duration for a test of places: days bring more users, never more cities, and the
    users of one city move together, so the cities per arm decide whether it can work."""
    unit = (test.unit or "unit").strip()
    units = unit if unit.endswith("s") else ("cities" if unit == "city" else unit + "s")
    base = Estimate(
        "ab_duration",
        "A/B duration",
        f"k = n × (1 + (m − 1) × ICC) / m {units} per arm",
        "days",
        key_figure=True,
    )
    how = (
        f"a {unit}-randomised (cluster) test needs k = n × (1 + (m − 1) × ICC) / m {units} per "
        f"arm (n users per arm, m users per {unit}, ICC the share of the metric's variance "
        f"between {units}), or a switchback design that alternates each {unit} between the "
        "arms over time windows"
    )
    n = sample.value
    count = test.units_per_day
    if n is None or count is None:
        need = f"; set serving.rollout.ab_test.units_per_day to the {units} in the test"
        return replace(base, reason=f"the unit is a {unit}: {how}" + (need if not count else ""))
    share = test.traffic.value if test.traffic is not None else 1.0
    per_arm = count.value * share / 2
    bound = per_arm / math.ceil(n)
    reason = (
        f"the unit is a {unit}: the same {count.text} {units} are in the test every day, so "
        f"days add users but never {units}; {how}. With {per_arm:g} {units} per arm no "
        f"duration is enough unless the ICC is below {per_arm:g} / {fmt.count(math.ceil(n))} "
        f"= {bound:.2g}"
    )
    return replace(base, reason=reason)


def novelty_days(spec: Spec) -> float:
    return spec.review.thresholds.get("ab_novelty_days", THRESHOLDS["ab_novelty_days"])


def novelty_input(spec: Spec, days: float) -> Input:
    if "ab_novelty_days" in spec.review.thresholds:
        return Input("novelty window", f"{days:g}d", "review.thresholds.ab_novelty_days", days)
    return Input("novelty window", f"{days:g}d (assumed)", "default", days)


def precompute(spec: Spec) -> Estimate:
    """Results a batch job stores, against the CAP003 threshold (the spec's own when set)."""
    pre = spec.serving.precompute
    where = "serving.precompute"
    inputs = Inputs()
    entities = inputs.add("entities", pre.entities if pre else None, f"{where}.entities")
    each = inputs.add(
        "candidates/entity",
        pre.candidates_per_entity if pre else None,
        f"{where}.candidates_per_entity",
    )
    limit = spec.review.thresholds.get("batch_precompute_max", PRECOMPUTE_MAX)

    capacity = spec.serving.capacity
    memory = (
        capacity.servers * capacity.host_memory.value * USABLE_MEMORY
        if capacity and capacity.servers and capacity.host_memory
        else None
    )

    def compare(total: float) -> str:
        verdict = "over" if total > limit else "within"
        stored = total * ID_BYTES
        text = (
            f"≈ {fmt.size(stored)} as 8-byte ids; {verdict} the {fmt.count(limit)} limit (CAP003)"
        )
        if memory is not None:
            fits = "fits" if stored <= memory else "does not fit"
            text += f"; {fits} the {fmt.size(memory)} usable on the servers provisioned"
        return text

    return make(
        "precompute_results",
        "precomputed results",
        "entities × candidates/entity",
        "results",
        inputs,
        lambda: entities * each,
        lambda v: fmt.count(v, "results"),
        compare=compare,
    )


def downtime(spec: Spec) -> Estimate:
    inputs = Inputs()
    availability = inputs.add(
        "availability",
        spec.requirements.performance.availability,
        "requirements.performance.availability",
    )
    return make(
        "downtime_per_year",
        "downtime per year",
        "(1 − availability) × 365 days",
        "s",
        inputs,
        lambda: (1 - availability / 100) * 365 * 86_400,
        lambda v: fmt.duration(v) + " a year",
    )


def serving_estimates(spec: Spec) -> list[Estimate]:
    memory = index_memory(spec)
    sample = ab_sample_size(spec)
    return [
        latency_used(spec),
        *memory,
        *([index_shards(spec, memory)] if memory else []),
        sample,
        ab_duration(spec, sample),
        *([precompute(spec)] if spec.serving.precompute is not None else []),
        downtime(spec),
    ]
